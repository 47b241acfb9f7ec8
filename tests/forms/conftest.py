"""Forms are tested on their own: an app without a database, CSRF off (TestConfig)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from engagement import create_app
from engagement.config import TestConfig


@pytest.fixture(scope="module")
def form_app() -> Flask:
    return create_app(TestConfig, DATABASE_URL="sqlite://")


@pytest.fixture
def posted(form_app: Flask) -> Callable[..., tuple[Any, bool]]:
    """``posted(make_form, data)``: the form made from a POST of ``data``, and whether it is
    valid; its errors are read as plain text while the request lasts."""

    def post(make_form: Callable[[], Any], data: Any = None) -> tuple[Any, bool]:
        with form_app.test_request_context(method="POST", data=data):
            form = make_form()
            ok = form.validate()
            form.error_text = {
                field.name: [str(error) for error in field.errors] for field in form if field.errors
            }
            form.error_text.update(
                {name: [str(e) for e in errors] for name, errors in form.errors.items()}
            )
            return form, ok

    return post
