"""What the journey's pages draw with: the address of a page of the journey, and the
parameters for the GOV.UK macros that draw a question's answer controls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape

from engagement.i18n import Text
from engagement.respond.journeys import Place
from forms.questions import QuestionForm
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind


def place_url(slug: str, place: Place) -> str:
    """The web address of a page of the journey."""
    return url_for(f"respond.{place.page}", slug=slug, key=place.key, then=place.then)


_MOUTHS = {
    "1": "M12 31 Q20 23 28 31",
    "2": "M13 30 Q20 26 27 30",
    "3": "M13 28 L27 28",
    "4": "M13 26 Q20 31 27 26",
    "5": "M12 25 Q20 34 28 25",
}


def face(level: str) -> Markup:
    """A decorative face for the smiley scale; the radio's text label carries the meaning."""
    return Markup(
        '<svg class="app-scale__face" aria-hidden="true" focusable="false" viewBox="0 0 40 40">'
        '<circle cx="20" cy="20" r="18" fill="#fff" stroke="#0b0c0c" stroke-width="2"/>'
        '<circle cx="14" cy="16" r="2.5" fill="#0b0c0c"/>'
        '<circle cx="26" cy="16" r="2.5" fill="#0b0c0c"/>'
        '<path d="{}" fill="none" stroke="#0b0c0c" stroke-width="2.5" stroke-linecap="round"/>'
        "</svg>"
    ).format(_MOUTHS.get(level, _MOUTHS["3"]))


def in_language(text: str, lang: str) -> Markup:
    """Text wrapped with a lang attribute when it is not in the page's language."""
    if lang and lang != str(get_locale()):
        return Markup('<span lang="{}">{}</span>').format(lang, text)
    return escape(text)


def _shown(text: Text) -> Markup:
    return in_language(text.value, text.lang)


@dataclass(frozen=True)
class Controls:
    control: str  # "radios", "checkboxes" or "character_count"
    params: dict[str, Any]
    rather_not_say: dict[str, Any] | None = None


def question_controls(page: Any, form: QuestionForm) -> Controls:
    hint = {"html": _shown(page.hint)} if page.hint.value else None
    if page.kind in QuestionKind.ONE_ANSWER or page.kind in QuestionKind.SEVERAL_ANSWERS:
        chosen = form.answer.data or []
        items: list[dict[str, Any]] = []
        for choice in page.spec.choices:
            label = in_language(choice.label, choice.lang)
            if page.kind == QuestionKind.SCALE:
                label = face(choice.key) + label
            items.append({"value": choice.key, "html": label, "checked": choice.key in chosen})
        if page.spec.rather_not_say:
            items.append({"divider": _("or")})
            items.append(
                {
                    "value": RATHER_NOT_SAY,
                    "text": _("I\u2019d rather not say"),
                    "checked": RATHER_NOT_SAY in chosen,
                    "behaviour": "exclusive",
                }
            )
        params = {
            "name": "answer",
            "idPrefix": "answer",
            "classes": "app-scale" if page.kind == QuestionKind.SCALE else "",
            "fieldset": {
                "legend": {
                    "html": _shown(page.heading),
                    "isPageHeading": True,
                    "classes": "govuk-fieldset__legend--l",
                }
            },
            "hint": hint,
            "items": items,
            "errorMessage": {"text": form.answer.errors[0]} if form.answer.errors else None,
        }
        return Controls("radios" if page.kind in QuestionKind.ONE_ANSWER else "checkboxes", params)
    params = {
        "name": "text",
        "id": "text",
        "maxlength": page.spec.text_limit,
        "value": form.text.data or "",
        "label": {"html": _shown(page.heading), "isPageHeading": True, "classes": "govuk-label--l"},
        "hint": hint,
        "attributes": {"dir": "auto"},
        "errorMessage": {"text": form.text.errors[0]} if form.text.errors else None,
    }
    rather_not_say = None
    if page.spec.rather_not_say:
        rather_not_say = {
            "name": "rather_not_say",
            "idPrefix": "rather_not_say",
            "items": [
                {
                    "value": "y",
                    "text": _("I\u2019d rather not say"),
                    "checked": bool(form.rather_not_say.data),
                }
            ],
        }
    return Controls("character_count", params, rather_not_say)


_MACROS = {
    "radios": ("govuk_frontend_jinja/components/radios/macro.html", "govukRadios"),
    "checkboxes": ("govuk_frontend_jinja/components/checkboxes/macro.html", "govukCheckboxes"),
    "character_count": (
        "govuk_frontend_jinja/components/character-count/macro.html",
        "govukCharacterCount",
    ),
}
FRAGMENT_CACHE_SIZE = 2048


def _macro(name: str) -> Any:
    path, macro = _MACROS[name]
    return getattr(current_app.jinja_env.get_template(path).module, macro)


def _fragment_key(page: Any, form: QuestionForm) -> tuple[Any, ...]:
    """Everything the drawn controls depend on."""
    errors = tuple(str(error) for error in (*form.answer.errors, *form.text.errors))
    return (
        page.spec,
        page.heading,
        page.hint,
        str(get_locale()),
        tuple(form.answer.data or ()),
        form.text.data,
        bool(form.rather_not_say.data),
        errors,
    )


def render_controls(page: Any, form: QuestionForm) -> Markup:
    """The answer controls as HTML, drawn by the GOV.UK macros.

    The same question in the same language with the same answer always draws the
    same HTML, and the GOV.UK radios macro is the costliest part of a question
    page, so each process keeps what it drew.
    """
    key = _fragment_key(page, form)
    cache: dict[tuple[Any, ...], Markup] = current_app.extensions.setdefault("fragment_cache", {})
    html = cache.get(key)
    if html is None:
        controls = question_controls(page, form)
        html = _macro(controls.control)(controls.params)
        if controls.rather_not_say:
            html += _macro("checkboxes")(controls.rather_not_say)
        if len(cache) >= FRAGMENT_CACHE_SIZE:
            cache.clear()
        cache[key] = html
    return html


def render_age_band(form: Any) -> Markup:
    """The age band question as GOV.UK radios (drawn once per language, choice and error)."""
    field = form.age_band
    error = str(field.errors[0]) if field.errors else None
    key = ("age_band", tuple(field.choices), field.data, error, str(get_locale()))
    cache: dict[tuple[Any, ...], Markup] = current_app.extensions.setdefault("fragment_cache", {})
    html = cache.get(key)
    if html is None:
        html = _macro("radios")(
            {
                "name": "age_band",
                "idPrefix": "age_band",
                "fieldset": {
                    "legend": {
                        "text": _("How old are you?"),
                        "isPageHeading": True,
                        "classes": "govuk-fieldset__legend--l",
                    }
                },
                "hint": {"text": _("We ask so we can show you questions that suit your age.")},
                "items": [
                    {"value": value, "text": label, "checked": value == field.data}
                    for value, label in field.choices
                ],
                "errorMessage": {"text": error} if error else None,
            }
        )
        cache[key] = html
    return html


def error_anchor(page: Any) -> str:
    return "#text" if page.kind == QuestionKind.FREE_TEXT else "#answer"
