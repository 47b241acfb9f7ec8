"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from engagement.body_limits import LimitedRequest
from engagement.config import REPO_ROOT, Config, config_from_environment
from engagement.extensions import babel, csrf, limiter
from engagement.jinja import Environment


class App(Flask):
    jinja_environment = Environment
    request_class = LimitedRequest


def create_app(config: type[Config] | None = None, **overrides: Any) -> Flask:
    """Create and configure the app; ``overrides`` win over the config class."""
    app = App(
        __name__,
        template_folder=str(REPO_ROOT / "templates"),
        instance_path=str(REPO_ROOT / "instance"),
        static_folder=None,
    )
    app.config.from_object(config or config_from_environment())
    app.config.update(overrides)
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("Set SECRET_KEY in the environment before starting the app.")

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(REPO_ROOT / "templates"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from engagement import db, errors, i18n, logs, rate_limits, security, static, templating
    from engagement.accounts import login

    logs.init_app(app)
    db.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    rate_limits.init_app(app)
    WTFormsHelpers(app)
    templating.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    from engagement import bad_input

    bad_input.init_app(app)
    static.init_app(app)
    login.init_app(app)

    from engagement import blueprints
    from engagement.cli import register as register_cli

    blueprints.register(app)
    register_cli(app)
    if app.config["TRUSTED_PROXIES"]:
        from engagement.proxies import StaffProxyFix

        app.wsgi_app = StaffProxyFix(app.wsgi_app, app.config["TRUSTED_PROXIES"])  # type: ignore[method-assign]
    return app
