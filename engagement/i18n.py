"""Languages, locale choice and text direction.

The locale comes from a ``?lang=`` link (the language switcher), then the
journey's session, then the browser's Accept-Language, then English.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from flask import request, session
from flask_babel import get_locale


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str
    direction: str  # "ltr" or "rtl"


def _language(code: str, english_name: str) -> Language:
    locale = Locale.parse(code)
    return Language(
        code, locale.get_display_name(code) or code, english_name, locale.text_direction
    )


LANGUAGES: tuple[Language, ...] = (
    _language("en", "English"),
    _language("cy", "Welsh"),
    _language("pl", "Polish"),
    _language("ro", "Romanian"),
    _language("pa", "Panjabi (Gurmukhi)"),
    _language("ur", "Urdu"),
    _language("pt", "Portuguese"),
    _language("es", "Spanish"),
    _language("ar", "Arabic"),
    _language("bn", "Bengali"),
    _language("gu", "Gujarati"),
    _language("tr", "Turkish"),
    _language("so", "Somali"),
)
LANGUAGE_CODES = tuple(language.code for language in LANGUAGES)
BY_CODE = {language.code: language for language in LANGUAGES}


def select_locale() -> str:
    if {"staff", "practitioner"} & set(request.blueprints):
        return "en"  # staff pages and the practitioner survey are in English
    chosen = request.args.get("lang")
    if chosen in BY_CODE:
        if session.get("locale") != chosen:
            session["locale"] = chosen
        return chosen
    saved = session.get("locale")
    if saved in BY_CODE:
        return saved
    return request.accept_languages.best_match(LANGUAGE_CODES) or "en"


def current_language() -> Language:
    return BY_CODE.get(str(get_locale()), LANGUAGES[0])


@dataclass(frozen=True)
class Text:
    """Text in a language: ``lang`` differs from the page's when English stood in."""

    value: str
    lang: str

    def __str__(self) -> str:
        return self.value


def localise(texts: dict[str, str] | None, locale: str) -> Text:
    """Pick ``locale`` from per-language text, falling back to English."""
    texts = texts or {}
    if texts.get(locale):
        return Text(texts[locale], locale)
    return Text(texts.get("en", ""), "en")
