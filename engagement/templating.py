"""Values every template can use."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from flask_babel import format_date, get_locale, get_translations
from flask_wtf.csrf import generate_csrf
from jinja2.ext import _make_new_gettext, _make_new_ngettext
from markupsafe import Markup

from engagement.i18n import BY_CODE, LANGUAGES, Language, Text, current_language, localise
from engagement.respond.components import error_anchor, render_age_band, render_controls
from forms import vocabulary


def localise_filter(texts: dict[str, str] | None) -> Text:
    return localise(texts, str(get_locale()))


def lang_attr(text: Text) -> Markup:
    """` lang="en"` when English stands in for a missing translation (WCAG 3.1.2)."""
    if text.lang and text.lang != str(get_locale()):
        direction = BY_CODE[text.lang].direction if text.lang in BY_CODE else "ltr"
        return Markup(' lang="{}" dir="{}"').format(text.lang, direction)
    return Markup("")


def _request_gettext() -> dict[str, Any]:
    """Jinja's gettext bound to this request's catalog (one lookup, not one per string)."""
    translations = get_translations()
    return {
        "gettext": _make_new_gettext(translations.ugettext),
        "ngettext": _make_new_ngettext(translations.ungettext),
    }


PARTIAL_CACHE_SIZE = 1024


def cached_partial(
    template: str, language: Language, partnership: Any = None, **context: Any
) -> Markup:
    """A partial drawn once per process for each language, partnership and ``context``.

    Nothing in such a partial may depend on the request: only on its arguments,
    which must be hashable (cached consultations are, by identity).
    """
    key = (template, language.code, partnership, tuple(sorted(context.items())))
    cache: dict[tuple[Any, ...], Markup] = current_app.extensions.setdefault("partial_cache", {})
    html = cache.get(key)
    if html is None:
        html = Markup(
            current_app.jinja_env.get_template(template).render(
                language=language, partnership=partnership, **context
            )
        )
        if len(cache) >= PARTIAL_CACHE_SIZE:
            cache.clear()
        cache[key] = html
    return html


def page_header(language: Language) -> Markup:
    return cached_partial("partials/page_header.html", language)


def page_footer(language: Language, partnership: Any) -> Markup:
    return cached_partial("partials/page_footer.html", language, partnership)


def csrf_field() -> Markup:
    """The hidden CSRF input every form posts."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


def form_errors(form: Any) -> list[dict[str, str]]:
    """A form's errors for the GOV.UK error summary, each linked to its field."""
    return [
        {"text": str(field.errors[0]), "href": f"#{field.id}"} for field in form if field.errors
    ]


class SharedMacro:
    """A macro every template can call without importing it; its template loads on first use."""

    def __init__(self, template: str, name: str) -> None:
        self.template = template
        self.name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Markup:
        module = current_app.jinja_env.get_template(self.template).module
        return Markup(getattr(module, self.name)(*args, **kwargs))


GOVUK = "govuk_frontend_jinja/components"
SHARED_MACROS = {
    "govukBackLink": f"{GOVUK}/back-link/macro.html",
    "govukButton": f"{GOVUK}/button/macro.html",
    "govukTable": f"{GOVUK}/table/macro.html",
    "back_link": "components/back_link.html",
    "error_summary": "components/error_summary.html",
}


def init_app(app: Flask) -> None:
    app.context_processor(_request_gettext)
    app.jinja_env.filters["localise"] = localise_filter
    # Day, month in words, year ("3 February 2026"), in the page's language.
    app.jinja_env.filters["format_date_long"] = lambda day: format_date(day, "d MMMM y")
    app.jinja_env.globals.update(
        get_locale=get_locale,
        languages=LANGUAGES,
        language_by_code=BY_CODE,
        current_language=current_language,
        lang_attr=lang_attr,
        render_controls=render_controls,
        render_age_band=render_age_band,
        page_header=page_header,
        form_errors=form_errors,
        csrf_field=csrf_field,
        cached_partial=cached_partial,
        page_footer=page_footer,
        error_anchor=error_anchor,
        vocabulary=vocabulary,
    )
    app.jinja_env.globals.update(
        {name: SharedMacro(template, name) for name, template in SHARED_MACROS.items()}
    )
