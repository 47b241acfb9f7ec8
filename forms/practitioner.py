"""The practitioner survey: a statement or two per Section 11 standard, one free-text
answer and two optional questions about the person's role. The page is in English.

The questions come from the caller as plain values (``SurveyQuestions``), so the
form never reads files or the database.
"""

from __future__ import annotations

import functools
from typing import Any

from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, Regexp

from forms.base import Form
from forms.vocabulary import Option, SurveyQuestions, clean_text
from forms.widgets import CharacterCount, RadioInput

RECEIPT_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"


def _choices(options: tuple[Option, ...]) -> list[SelectChoice]:
    return [SelectChoice(option.key, option.text) for option in options]


def _keys(options: tuple[Option, ...]) -> list[str]:
    return [option.key for option in options]


class PractitionerSurveyForm(Form):
    """Fields are added per question set by ``survey_form``."""

    questions: SurveyQuestions
    receipt = HiddenField(validators=[DataRequired(), Regexp(RECEIPT_PATTERN)])

    def answers(self) -> dict[str, str | None]:
        """The answers as plain values: a key per question, None where skipped."""
        questions = self.questions
        values: dict[str, str | None] = {s.key: self[s.key].data for s in questions.statements}
        values[questions.improvement.key] = self[questions.improvement.key].data
        for question in questions.about_you:
            values[question.key] = self[question.key].data or None
        return values


@functools.cache
def _form_class(questions: SurveyQuestions) -> type[PractitionerSurveyForm]:
    fields: dict[str, Any] = {}
    answer_keys = _keys(questions.answers)
    for statement in questions.statements:
        fields[statement.key] = RadioField(
            statement.text,
            widget=RadioInput(),
            choices=_choices(questions.answers),
            validate_choice=False,
            validators=[
                InputRequired(statement.error),
                AnyOf(answer_keys, message=statement.error),
            ],
        )
    text = questions.improvement
    fields[text.key] = TextAreaField(
        text.text,
        description=text.hint,
        widget=CharacterCount(),
        filters=[clean_text],
        validators=[
            Length(
                max=text.max_length,
                message=f"Your answer must be {text.max_length:,} characters or fewer",
            )
        ],
    )
    for question in questions.about_you:
        fields[question.key] = RadioField(
            question.text,
            widget=RadioInput(),
            choices=_choices(question.options),
            validate_choice=False,
            validators=[
                Optional(),
                AnyOf(_keys(question.options), message="Select one of the answers"),
            ],
        )
    return type("SurveyForm", (PractitionerSurveyForm,), fields)


def survey_form(questions: SurveyQuestions, **kwargs: Any) -> PractitionerSurveyForm:
    """A form for this question set (the field names are the question keys)."""
    form = _form_class(questions)(**kwargs)
    form.questions = questions
    return form
