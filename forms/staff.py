"""Forms for staff pages. Staff pages are in English; messages follow GOV.UK style."""

from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
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
    StringField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from forms.passwords import password_problem
from forms.widgets import CheckboxInput, RadioInput, TextInput


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address", widget=TextInput(), validators=[DataRequired("Enter your email address")]
    )
    password = PasswordField(
        "Password", widget=TextInput(), validators=[DataRequired("Enter your password")]
    )


class CodeForm(FlaskForm):
    code = StringField(
        "Code",
        widget=TextInput(),
        validators=[DataRequired("Enter the code"), Length(max=20, message="Enter the code")],
    )


class PasswordForm(FlaskForm):
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


class ResetRequestForm(FlaskForm):
    email = EmailField(
        "Email address",
        widget=TextInput(),
        validators=[
            DataRequired("Enter your email address"),
            Email("Enter an email address in the right format, like name@example.org"),
        ],
    )


class AgencyForm(FlaskForm):
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


class InviteForm(FlaskForm):
    name = StringField(
        "Full name",
        widget=TextInput(),
        validators=[DataRequired("Enter their full name"), Length(max=200)],
    )
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


class ImportForm(FlaskForm):
    file = FileField("CSV file", validators=[DataRequired("Choose a CSV file to upload")])


class ConfirmForm(FlaskForm):
    """A button that changes something: it carries only the CSRF token."""


class GovDateField(DateField):
    """A GOV.UK date input (day, month, year) with GOV.UK error messages."""

    def __init__(self, label: str, thing: str, **kwargs: object) -> None:
        super().__init__(label, format="%d %m %Y", widget=GovDateInput(), **kwargs)
        self.thing = thing

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [value.strip() for value in valuelist]
        if not any(parts):
            self.data = None
            raise ValueError(f"Enter the {self.thing}")
        if not all(parts):
            raise ValueError(f"The {self.thing} must include a day, month and year")
        try:
            self.data = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError as error:
            self.data = None
            raise ValueError(f"The {self.thing} must be a real date, like 27 3 2027") from error


class SettingsForm(FlaskForm):
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
