"""Forms for "you said, we did": an action the partnership took, and a page's opening
words. The wording young people read is asked for in each of the consultation's
languages (English required; the page falls back to it, marked as English)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from forms.base import Form, required_text
from forms.staff import GovDateField
from forms.widgets import RadioInput, Select, TextArea

YOUNG_PEOPLE_LIMIT = 600


def _young_people_text(language: str, english: bool) -> TextAreaField:
    return TextAreaField(
        f"What young people will read, in {language}",
        widget=TextArea(),
        description="Short sentences and everyday words, as you would say it to a 12-year-old."
        if english
        else "Leave blank to show the English.",
        validators=[
            *([InputRequired("Enter what young people will read")] if english else []),
            Length(max=YOUNG_PEOPLE_LIMIT, message="Use 600 characters or fewer"),
        ],
    )


class ActionForm(Form):
    what = required_text("What was done or decided", "Enter what was done or decided", 500)
    by_whom = required_text("Who did it", "Enter the agency or board that did it", 200)
    decided_on = GovDateField("When", "date it was done or decided")
    status = RadioField(
        "How far it has got",
        widget=RadioInput(),
        validators=[InputRequired("Choose how far it has got")],
    )
    reason = TextAreaField(
        "Why it was not taken forward",
        widget=TextArea(),
        description="Needed when it was not taken forward: young people are told why.",
        validators=[Optional(), Length(max=2000, message="Use 2000 characters or fewer")],
    )
    evidence = TextAreaField(
        "Evidence",
        widget=TextArea(),
        description="Where the decision is recorded, or what shows it happened.",
        validators=[Optional(), Length(max=2000, message="Use 2000 characters or fewer")],
    )
    theme = SelectField("Theme it answers", widget=Select(), validators=[Optional()])
    priority = SelectField(
        "Partnership priority it answers", widget=Select(), validators=[Optional()]
    )
    languages: Sequence[tuple[str, str]] = ()

    def for_young_people(self) -> dict[str, str]:
        return {code: self[f"for_young_people_{code}"].data or "" for code, _ in self.languages}


def action_form(
    languages: Sequence[tuple[str, str]],
    statuses: dict[str, str],
    themes: Sequence[tuple[str, str]],
    priorities: Sequence[tuple[str, str]],
    **kwargs: Any,
) -> ActionForm:
    """The action form with a box of young people's wording per content language."""
    fields = {
        f"for_young_people_{code}": _young_people_text(name, code == "en")
        for code, name in languages
    }
    form_class = type(
        "ActionWithLanguages", (ActionForm,), {**fields, "languages": tuple(languages)}
    )
    form = form_class(**kwargs)
    form.status.choices = [SelectChoice(k, v) for k, v in statuses.items()]
    form.theme.choices = [SelectChoice("", "None"), *(SelectChoice(k, v) for k, v in themes)]
    form.priority.choices = [SelectChoice("", "None"), *(SelectChoice(k, v) for k, v in priorities)]
    return form


class IntroForm(Form):
    languages: Sequence[tuple[str, str]] = ()

    def intro(self) -> dict[str, str]:
        return {code: self[f"intro_{code}"].data or "" for code, _ in self.languages}


def intro_form(languages: Sequence[tuple[str, str]], **kwargs: Any) -> IntroForm:
    fields = {
        f"intro_{code}": TextAreaField(
            f"Opening words, in {name}",
            widget=TextArea(),
            description="Thank young people and say what this page is about."
            if code == "en"
            else "Leave blank to show the English.",
            validators=[Optional(), Length(max=1000, message="Use 1000 characters or fewer")],
        )
        for code, name in languages
    }
    form_class = type("IntroWithLanguages", (IntroForm,), {**fields, "languages": tuple(languages)})
    return form_class(**kwargs)  # type: ignore[no-any-return]


class PublishForm(Form):
    """Publishing or withdrawing the page: nothing to fill in but the CSRF token."""


class QuoteForm(Form):
    """Approving one answer as a quote: which answer, in which theme."""

    answer = HiddenField(validators=[InputRequired("Choose an answer")])
    theme = HiddenField(validators=[InputRequired("Choose a theme")])
