"""Forms for staff pages. Staff pages are in English; messages follow GOV.UK style."""

from __future__ import annotations

import datetime as dt
import re

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from forms.base import Form, required_text
from forms.passwords import password_problem
from forms.vocabulary import QUESTION_KIND_LABELS
from forms.widgets import CheckboxesInput, CheckboxInput, RadioInput, TextArea, TextInput


class SignInForm(Form):
    email = EmailField(
        "Email address", widget=TextInput(), validators=[DataRequired("Enter your email address")]
    )
    password = PasswordField(
        "Password", widget=TextInput(), validators=[DataRequired("Enter your password")]
    )


class CodeForm(Form):
    code = StringField(
        "Code",
        widget=TextInput(),
        validators=[DataRequired("Enter the code"), Length(max=20, message="Enter the code")],
    )


class PasswordForm(Form):
    password = PasswordField(
        "New password",
        widget=TextInput(),
        description="At least 12 characters. A few unusual words together work well.",
        validators=[DataRequired("Enter a new password")],
    )

    def __init__(self, *args: object, email: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def validate_password(self, field: PasswordField) -> None:
        problem = password_problem(field.data or "", self.email)
        if problem:
            raise ValidationError(problem)


class ResetRequestForm(Form):
    email = EmailField(
        "Email address",
        widget=TextInput(),
        validators=[
            DataRequired("Enter your email address"),
            Email("Enter an email address in the right format, like name@example.org"),
        ],
    )


class AgencyForm(Form):
    name = StringField(
        "Agency name",
        widget=TextInput(),
        validators=[
            DataRequired("Enter the agency name"),
            Length(max=200, message="Agency name must be 200 characters or fewer"),
        ],
    )
    sector = RadioField("Sector", widget=RadioInput(), choices=[], validate_choice=False)
    statutory_partner = BooleanField(
        "This agency is a statutory safeguarding partner", widget=CheckboxInput()
    )

    def validate_sector(self, field: RadioField) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError("Select the agency's sector")


class InviteForm(Form):
    name = required_text("Full name", "Enter their full name", 200)
    email = EmailField(
        "Email address",
        widget=TextInput(),
        validators=[
            DataRequired("Enter their email address"),
            Email("Enter an email address in the right format, like name@example.org"),
        ],
    )
    role = RadioField("Role", widget=RadioInput(), choices=[], validate_choice=False)
    agency = SelectField("Agency", choices=[], validate_choice=False)

    def validate_role(self, field: RadioField) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError("Select their role")


class ImportForm(Form):
    file = FileField("CSV file", validators=[DataRequired("Choose a CSV file to upload")])


class ConfirmForm(Form):
    """A button that changes something: it carries only the CSRF token."""


# Dates people may enter: far enough either way for any audit, action or consultation,
# and never so far that adding a few days to one goes past the year 9999.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class GovDateField(DateField):
    """A GOV.UK date input (day, month, year) with GOV.UK error messages.

    The three parts arrive under the field's name, in that order; anything else (one part,
    four, letters, a year with five figures) is refused with the field's own message.
    """

    def __init__(self, label: str, thing: str, **kwargs: object) -> None:
        super().__init__(label, format="%d %m %Y", widget=GovDateInput(), **kwargs)
        self.thing = thing

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [value.strip() for value in valuelist]
        # The widget shows exactly three parts again.
        self.raw_data = (parts + ["", "", ""])[:3]
        self.data = None
        if not any(parts):
            raise ValueError(f"Enter the {self.thing}")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"The {self.thing} must include a day, month and year")
        try:
            day, month, year = (int(part) for part in parts)
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise ValueError(year)
            self.data = dt.date(year, month, day)
        except (ValueError, OverflowError) as error:
            raise ValueError(f"The {self.thing} must be a real date, like 27 3 2027") from error


class SettingsForm(Form):
    opens_on = GovDateField("Opens on", "opening date")
    closes_on = GovDateField("Closes on", "closing date")
    response_cap = IntegerField(
        "Stop taking answers after this many (optional)",
        widget=TextInput(),
        validators=[
            Optional(),
            NumberRange(min=1, max=1_000_000, message="Enter a whole number from 1 upwards"),
        ],
    )

    def validate_closes_on(self, field: GovDateField) -> None:
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError("The closing date must be on or after the opening date")


def _title() -> StringField:
    return StringField(
        "Title",
        widget=TextInput(),
        validators=[
            DataRequired("Enter a title"),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
    )


def _web_address() -> StringField:
    return StringField(
        "Web address",
        widget=TextInput(),
        description="Lower-case letters, numbers and hyphens, like feeling-safe-2027",
        validators=[DataRequired("Enter the web address"), Length(max=60)],
    )


def _validate_web_address(_form: Form, field: StringField) -> None:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", field.data or ""):
        raise ValidationError(
            "The web address can only use lower-case letters, numbers and hyphens"
        )


class NewConsultationForm(Form):
    template = RadioField("Start from", widget=RadioInput(), choices=[], validate_choice=False)
    title = _title()
    slug = _web_address()
    validate_slug = _validate_web_address

    def validate_template(self, field: RadioField) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError("Choose what to start from")


class NewRoundForm(Form):
    """A title and web address for a new round of a consultation."""

    title = _title()
    slug = _web_address()
    validate_slug = _validate_web_address


class PreviousRoundForm(Form):
    previous_round = RadioField(
        "Which consultation was the last round of this one?",
        widget=RadioInput(),
        choices=[],
        validate_choice=False,
    )

    def validate_previous_round(self, field: RadioField) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError("Choose the last round, or none")


class NewQuestionForm(Form):
    kind = RadioField(
        "Kind of question",
        widget=RadioInput(),
        choices=[SelectChoice(value, label) for value, label in QUESTION_KIND_LABELS.items()],
    )
    text = required_text("Question", "Enter the question", 300)
    hint = StringField("Hint (optional)", widget=TextInput(), validators=[Length(max=300)])
    options = TextAreaField(
        "Answers, one on each line",
        widget=TextArea(),
        description="Only for questions with answers to choose from.",
        validators=[Length(max=3000)],
    )
    rather_not_say = BooleanField(
        "Offer \u201cI\u2019d rather not say\u201d", widget=CheckboxInput()
    )

    def validate_text(self, field: StringField) -> None:
        if "<" in (field.data or "") and ">" in (field.data or ""):
            raise ValidationError("Remove the HTML: write plain text only")


class QuestionSettingsForm(Form):
    rather_not_say = BooleanField(
        "Offer \u201cI\u2019d rather not say\u201d", widget=CheckboxInput()
    )
    concern = SelectMultipleField(
        "Answers that show the support page",
        widget=CheckboxesInput(),
        choices=[],
        validate_choice=False,
        description=(
            "Choosing one of these shows where to get help, and flags the answers for review."
        ),
    )
    routing = RadioField(
        "Show this question", widget=RadioInput(), choices=[], validate_choice=False
    )
    max_number = IntegerField(
        "Limit",
        widget=TextInput(),
        validators=[
            Optional(),
            NumberRange(min=1, max=5000, message="Enter a whole number from 1 upwards"),
        ],
    )

    def validate_routing(self, field: RadioField) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError("Choose when to show this question")


class VersionForm(Form):
    age_band = StringField(
        "Age band",
        widget=TextInput(),
        description="For example, 8-11",
        validators=[DataRequired("Enter the age band"), Length(max=20)],
    )
    label = StringField(
        "What young people see",
        widget=TextInput(),
        description="For example, 8 to 11 years old",
        validators=[DataRequired("Enter what young people see"), Length(max=100)],
    )
    copy_from = RadioField(
        "Start with the questions of", widget=RadioInput(), choices=[], validate_choice=False
    )

    def validate_copy_from(self, field: RadioField) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError("Choose which version to copy")


class AnswersForm(Form):
    options = TextAreaField(
        "Answers, one on each line",
        widget=TextArea(),
        description="Answers you do not change keep their translations.",
        validators=[DataRequired("Enter the answers, one on each line"), Length(max=3000)],
    )
