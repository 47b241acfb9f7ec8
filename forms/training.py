"""Training: staff forms for courses and sessions, and the practitioner's evaluation
form (Form A straight after, Form B at the follow-up), built from an evaluation form's
items and the course's learning objectives, given as plain values (``EvaluationForm``):
the form never reads files or the database."""

from __future__ import annotations

import functools
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from forms.base import Form
from forms.staff import GovDateField
from forms.vocabulary import (
    LEVELS,
    MODES,
    ROLE_GROUPS,
    TRAINING_AGENCY_TYPES,
    EvaluationForm,
    Item,
    ItemKind,
    Option,
    clean_text,
    confidence_keys,
)
from forms.widgets import (
    CharacterCount,
    CheckboxesInput,
    CheckboxInput,
    RadioInput,
    TextArea,
    TextInput,
)

RECEIPT_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"
CODE_PATTERN = r"^[A-Za-z0-9 -]{4,20}$"
TEXT_LIMIT = 1000
# --- What the forms are made of ---------------------------------------------------


AGREE_OPTIONS = (
    Option("1", _l("Strongly disagree")),
    Option("2", _l("Disagree")),
    Option("3", _l("Neither agree nor disagree")),
    Option("4", _l("Agree")),
    Option("5", _l("Strongly agree")),
)
CONFIDENCE_OPTIONS = (
    Option("1", _l("1 Not at all confident")),
    Option("2", "2"),
    Option("3", "3"),
    Option("4", "4"),
    Option("5", _l("5 Very confident")),
)
RECOMMEND_OPTIONS = tuple(Option(str(n), str(n)) for n in range(11))


def _choices(labels: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in labels.items()]


# --- The practitioner's form ------------------------------------------------------


class EvaluationAnswersForm(Form):
    """Fields are added per evaluation form and course by ``evaluation_form``."""

    evaluation: EvaluationForm
    objectives: tuple[str, ...]
    receipt = HiddenField(validators=[DataRequired(), Regexp(RECEIPT_PATTERN)])

    def answers(self) -> dict[str, Any]:
        """Plain values: ints for scales, strings for text and choices, lists for ticks;
        skipped answers are left out."""
        values: dict[str, Any] = {}
        for name in self._answer_fields:
            data = self[name].data
            if data in (None, "", []):
                continue
            values[name] = int(data) if name in self._numeric else data
        return values

    _answer_fields: tuple[str, ...] = ()
    _numeric: frozenset[str] = frozenset()


def _radio(label: str, options: tuple[Option, ...], required: bool, hint: str = "") -> RadioField:
    message = _l("Select an answer")
    return RadioField(
        label,
        description=hint,
        widget=RadioInput(),
        choices=[SelectChoice(o.key, o.text) for o in options],
        validate_choice=False,
        validators=[InputRequired(message) if required else Optional()]
        + [AnyOf([o.key for o in options], message=message)],
    )


@functools.cache
def _form_class(
    evaluation: EvaluationForm, objectives: tuple[str, ...]
) -> type[EvaluationAnswersForm]:
    fields: dict[str, Any] = {}
    numeric: set[str] = set()
    for item in evaluation.items:
        if item.kind == ItemKind.AGREE:
            fields[item.key] = _radio(item.text, AGREE_OPTIONS, item.required, item.hint)
            numeric.add(item.key)
        elif item.kind == ItemKind.RECOMMEND:
            fields[item.key] = _radio(item.text, RECOMMEND_OPTIONS, item.required, item.hint)
            numeric.add(item.key)
        elif item.kind == ItemKind.CHOICE:
            fields[item.key] = _radio(item.text, item.options, item.required, item.hint)
        elif item.kind == ItemKind.TICKS:
            fields[item.key] = SelectMultipleField(
                item.text,
                description=item.hint,
                widget=CheckboxesInput(),
                choices=[SelectChoice(o.key, o.text) for o in item.options],
                validators=[Optional()],
            )
        elif item.kind == ItemKind.TEXT:
            fields[item.key] = TextAreaField(
                item.text,
                description=item.hint,
                widget=CharacterCount(),
                filters=[clean_text],
                validators=[
                    Length(max=TEXT_LIMIT, message=_l("Your answer is too long")),
                    InputRequired(_l("Write an answer")) if item.required else Optional(),
                ],
            )
        elif item.kind == ItemKind.CONFIDENCE:
            for number, objective in enumerate(objectives):
                for key in confidence_keys(evaluation.stage, number):
                    label = objective
                    fields[key] = _radio(label, CONFIDENCE_OPTIONS, item.required)
                    numeric.add(key)
    fields["_answer_fields"] = tuple(fields)
    fields["_numeric"] = frozenset(numeric)
    ending = FollowUpChoiceForm if evaluation.stage == "a" else FollowUpCodeHidden
    return type("EvaluationAnswers", (EvaluationAnswersForm, ending), fields)


def evaluation_form(
    evaluation: EvaluationForm, objectives: tuple[str, ...], **kwargs: Any
) -> EvaluationAnswersForm:
    form = _form_class(evaluation, objectives)(**kwargs)
    form.evaluation = evaluation
    form.objectives = objectives
    return form


class FollowUpChoiceForm(Form):
    """The end of Form A: optional context, a follow-up in a few weeks, and a reminder."""

    agency_type = RadioField(
        _l("What type of organisation do you work for? (optional)"),
        widget=RadioInput(),
        choices=_choices(TRAINING_AGENCY_TYPES),
        validate_choice=False,
        validators=[Optional(), AnyOf(list(TRAINING_AGENCY_TYPES))],
    )
    role_group = RadioField(
        _l("Which best describes your role? (optional)"),
        widget=RadioInput(),
        choices=_choices(ROLE_GROUPS),
        validate_choice=False,
        validators=[Optional(), AnyOf(list(ROLE_GROUPS))],
    )

    follow_up = RadioField(
        _l("Would you like to answer a short follow-up in a few weeks?"),
        widget=RadioInput(),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validate_choice=False,
        validators=[Optional(), AnyOf(["yes", "no"])],
    )
    email = EmailField(
        _l("Email address for one reminder (optional)"),
        widget=TextInput(),
        filters=[lambda v: (v or "").strip() or None],
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )


class FollowUpCodeHidden(Form):
    """Form B carries the code the practitioner entered on the page before."""

    code = HiddenField(validators=[DataRequired(), Regexp(CODE_PATTERN)])


class FollowUpCodeForm(Form):
    code = StringField(
        _l("Your follow-up code"),
        widget=TextInput(),
        filters=[lambda v: (v or "").strip().upper()],
        validators=[
            InputRequired(_l("Enter the code you were given")),
            Regexp(CODE_PATTERN, message=_l("Enter the code as it was shown, like K7P2-9XQM")),
        ],
    )


# --- Staff forms ------------------------------------------------------------------


class CourseForm(Form):
    title = StringField(
        "Course title",
        widget=TextInput(),
        filters=[clean_text],
        validators=[InputRequired("Enter the course title"), Length(max=200)],
    )
    objectives = TextAreaField(
        "Learning objectives",
        description="One per line, finishing the sentence “I am confident to…”. Each becomes "
        "a before-and-now confidence question. Up to 8.",
        widget=TextArea(),
        validators=[InputRequired("Enter at least one learning objective"), Length(max=2000)],
    )
    level = RadioField(
        "Level",
        widget=RadioInput(),
        choices=_choices(LEVELS),
        validate_choice=False,
        validators=[InputRequired("Select the level"), AnyOf(list(LEVELS), "Select the level")],
    )
    audience = StringField(
        "Who it is for",
        widget=TextInput(),
        filters=[clean_text],
        validators=[Optional(), Length(max=300)],
    )
    trainers = SelectMultipleField(
        "Trainers", widget=CheckboxesInput(), choices=[], validators=[Optional()]
    )
    form_a = RadioField(
        "Evaluation straight after", widget=RadioInput(), choices=[], validators=[Optional()]
    )
    form_b = RadioField("Follow-up", widget=RadioInput(), choices=[], validators=[Optional()])

    def objective_list(self) -> list[str]:
        lines = (clean_text(line) for line in (self.objectives.data or "").splitlines())
        return [line for line in lines if line]

    def validate_objectives(self, field: TextAreaField) -> None:
        from wtforms import ValidationError

        found = self.objective_list()
        if not found:
            raise ValidationError("Enter at least one learning objective")
        if len(found) > 8:
            raise ValidationError("Enter 8 learning objectives or fewer")
        if any(len(line) > 200 for line in found):
            raise ValidationError("Each learning objective must be 200 characters or fewer")


class SessionForm(Form):
    held_on = GovDateField("Date", "date of the session")
    mode = RadioField(
        "How it was delivered",
        widget=RadioInput(),
        choices=_choices(MODES),
        validate_choice=False,
        validators=[InputRequired("Select how it was delivered"), AnyOf(list(MODES))],
    )
    venue = StringField(
        "Venue or platform",
        widget=TextInput(),
        filters=[clean_text],
        validators=[Optional(), Length(max=200)],
    )
    trainer_names = StringField(
        "Trainers on the day",
        widget=TextInput(),
        filters=[clean_text],
        validators=[Optional(), Length(max=300)],
    )
    follow_up_weeks = IntegerField(
        "Follow-up opens after (weeks)",
        widget=TextInput(),
        default=8,
        validators=[InputRequired("Enter a number of weeks"), NumberRange(1, 52)],
    )
    follow_up_open_weeks = IntegerField(
        "Follow-up stays open for (weeks)",
        widget=TextInput(),
        default=8,
        validators=[InputRequired("Enter a number of weeks"), NumberRange(1, 52)],
    )


def attendance_field(label: str) -> IntegerField:
    return IntegerField(
        label,
        widget=TextInput(),
        validators=[Optional(), NumberRange(0, 10000, "Enter a number from 0 to 10,000")],
    )


@functools.cache
def session_form_class(agency_types: tuple[tuple[str, str], ...]) -> type[SessionForm]:
    """The session form with a count of attendees for each agency type."""
    fields = {f"attended_{key}": attendance_field(label) for key, label in agency_types}
    return type("SessionWithAttendance", (SessionForm,), fields)


class CopyForm(Form):
    """Which built-in evaluation form to copy."""

    copy = HiddenField(validators=[AnyOf(["built_in_a", "built_in_b"])])


class WordingForm(Form):
    """Fields are added per item by ``wording_form``: its wording, and for an optional
    item, whether to leave it out."""

    items: tuple[Item, ...]

    def texts(self) -> dict[str, str]:
        return {item.key: self[f"text_{item.key}"].data or "" for item in self.items}

    def left_out(self) -> set[str]:
        return {
            item.key
            for item in self.items
            if f"leave_out_{item.key}" in self and self[f"leave_out_{item.key}"].data
        }


def wording_form(items: tuple[Item, ...], **kwargs: Any) -> WordingForm:
    fields: dict[str, Any] = {}
    for item in items:
        fields[f"text_{item.key}"] = StringField(
            f"Wording of “{item.key.replace('_', ' ')}”",
            widget=TextInput(),
            default=item.text,
            filters=[clean_text],
            validators=[InputRequired("Enter the wording of every question"), Length(max=300)],
        )
        if not item.required and item.kind != ItemKind.CONFIDENCE:
            fields[f"leave_out_{item.key}"] = BooleanField(
                "Leave this question out", widget=CheckboxInput()
            )
    form = type("Wording", (WordingForm,), fields)(**kwargs)
    form.items = items
    return form


class CodeAnswerForm(Form):
    """A person's coding of one written answer: the themes it has."""

    themes = SelectMultipleField("Themes in this answer", widget=CheckboxesInput())

    def __init__(self, themes: dict[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.themes.choices = [SelectChoice(key, name) for key, name in themes.items()]
