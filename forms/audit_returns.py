"""Forms for audit cycles, returns and the partnership's review. They validate only."""

from __future__ import annotations

from wtforms import (
    FileField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp
from wtforms.widgets import HiddenInput

from forms.base import Form, required_choices, required_text
from forms.staff import GovDateField
from forms.vocabulary import AUDIT_ANSWER_LIMITS, NOT_APPLICABLE
from forms.widgets import CharacterCount, RadioInput, Select, TextArea, TextInput

# The longest answers a question takes, in characters, by field ("reason": why not applicable).
ANSWER_LIMITS = {
    "evidence": AUDIT_ANSWER_LIMITS["evidence"],
    "impact": AUDIT_ANSWER_LIMITS["impact"],
    "reason": AUDIT_ANSWER_LIMITS["not_applicable_reason"],
}


class CycleForm(Form):
    name = required_text("Name of the cycle", "Enter a name for the cycle, like 2026-27", 100)
    framework = RadioField(
        "Framework", widget=RadioInput(), validators=[InputRequired("Choose a framework")]
    )
    opens_on = GovDateField("Opens on", "opening date")
    due_on = GovDateField("Returns due by", "deadline")
    agencies = required_choices("Agencies taking part", "Choose at least one agency")

    def validate_due_on(self, field: GovDateField) -> None:
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError("The deadline must be on or after the opening date")


class AddAgenciesForm(Form):
    agencies = required_choices("Agencies to add", "Choose at least one agency")


def standard_form(question_ids: list[str], rating_choices: list[tuple[str, str]]) -> Form:
    """The form for one standard's questions: rating, evidence, impact and N/A reason each.

    Ratings are optional while the return is a draft; "not applicable" needs a reason.
    """

    class StandardForm(Form):
        def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
            ok = super().validate(extra_validators)
            for question_id in question_ids:
                rating = self[f"rating_{question_id}"]
                reason = self[f"reason_{question_id}"]
                if rating.data == NOT_APPLICABLE and not (reason.data or "").strip():
                    reason.errors = [*reason.errors, "Say why this question does not apply"]
                    ok = False
            return ok

    for question_id in question_ids:
        setattr(
            StandardForm,
            f"rating_{question_id}",
            RadioField("Rating", widget=RadioInput(), validators=[Optional()]),
        )
        for name, label in (
            ("evidence", "Evidence"),
            ("impact", "Impact on children"),
            ("reason", "Why it does not apply"),
        ):
            limit = ANSWER_LIMITS[name]
            setattr(
                StandardForm,
                f"{name}_{question_id}",
                TextAreaField(
                    label,
                    widget=CharacterCount(),
                    validators=[
                        Length(max=limit, message=f"{label} must be {limit:,} characters or fewer")
                    ],
                ),
            )
        setattr(
            StandardForm, f"version_{question_id}", IntegerField(widget=HiddenInput(), default=0)
        )
    form = StandardForm()
    for question_id in question_ids:
        form[f"rating_{question_id}"].choices = rating_choices
    return form


class UploadForm(Form):
    question = HiddenField(validators=[DataRequired()])
    file = FileField("Add an evidence document")

    def validate_file(self, field: FileField) -> None:
        if not getattr(field.data, "filename", ""):
            raise ValidationError("Select a file to upload")


class ModerationForm(Form):
    rating = RadioField(
        "Moderated rating",
        widget=RadioInput(),
        validators=[InputRequired("Choose a moderated rating")],
    )
    note = TextAreaField(
        "Moderation note (optional)",
        widget=TextArea(),
        validators=[Length(max=5000, message="The note must be 5,000 characters or fewer")],
    )


class ChallengeForm(Form):
    body = TextAreaField(
        "Challenge",
        widget=TextArea(),
        validators=[
            DataRequired("Enter the challenge"),
            Length(max=5000, message="The challenge must be 5,000 characters or fewer"),
        ],
    )


class ReplyForm(Form):
    reply = TextAreaField(
        "Your reply",
        widget=TextArea(),
        validators=[
            DataRequired("Enter your reply"),
            Length(max=5000, message="The reply must be 5,000 characters or fewer"),
        ],
    )


class SendBackForm(Form):
    reason = TextAreaField(
        "What needs to change",
        widget=TextArea(),
        validators=[
            DataRequired("Say what needs to change"),
            Length(max=2000, message="What needs to change must be 2,000 characters or fewer"),
        ],
    )


class ActionForm(Form):
    description = TextAreaField(
        "Action",
        widget=TextArea(),
        validators=[
            DataRequired("Describe the action"),
            Length(max=2000, message="The action must be 2,000 characters or fewer"),
        ],
    )
    standard = SelectField("Standard", widget=Select(), choices=[], validate_choice=True)
    owner = required_text("Owner", "Enter who owns the action", 200)
    due_on = GovDateField("Due by", "due date")
    status = RadioField(
        "Status", widget=RadioInput(), validators=[InputRequired("Choose a status")]
    )
    completion_evidence = TextAreaField(
        "Evidence that it is done",
        widget=TextArea(),
        validators=[Length(max=5000, message="The evidence must be 5,000 characters or fewer")],
    )

    def validate_completion_evidence(self, field: TextAreaField) -> None:
        if self.status.data == "done" and not (field.data or "").strip():
            raise ValidationError("Say what shows the action is done")


class EventForm(Form):
    title = required_text("Title", "Enter a title for the event", 200)
    held_on = GovDateField("Date", "date of the event")
    starts_at = StringField(
        "Start time",
        widget=TextInput(),
        validators=[
            DataRequired("Enter a start time, like 14:00"),
            Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", message="Enter a start time, like 14:00"),
        ],
    )
    place = required_text("Where", "Enter where the event is held", 300)
    agencies = required_choices("Agencies presenting", "Choose at least one agency to present")
