"""Forms for staff pages. Staff pages are in English; messages follow GOV.UK style."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError

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
