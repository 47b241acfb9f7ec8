"""Values every template can use."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import get_locale
from markupsafe import Markup

from engagement.i18n import BY_CODE, LANGUAGES, Text, current_language, localise
from engagement.respond.components import error_anchor, question_controls


def language_url(code: str) -> str:
    """This page's URL in another language (the switcher's links)."""
    return f"{request.path}?lang={code}"


def localise_filter(texts: dict[str, str] | None) -> Text:
    return localise(texts, str(get_locale()))


def lang_attr(text: Text) -> Markup:
    """` lang="en"` when English stands in for a missing translation (WCAG 3.1.2)."""
    if text.lang and text.lang != str(get_locale()):
        direction = BY_CODE[text.lang].direction if text.lang in BY_CODE else "ltr"
        return Markup(' lang="{}" dir="{}"').format(text.lang, direction)
    return Markup("")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["localise"] = localise_filter
    app.jinja_env.globals.update(
        get_locale=get_locale,
        languages=LANGUAGES,
        language_by_code=BY_CODE,
        current_language=current_language,
        language_url=language_url,
        lang_attr=lang_attr,
        question_controls=question_controls,
        error_anchor=error_anchor,
    )
