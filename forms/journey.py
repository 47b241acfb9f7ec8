"""Forms for the steps around the questions."""

from __future__ import annotations

from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from forms import messages
from forms.base import Form
from forms.text import without_hidden_characters
from forms.vocabulary import is_code, normalise_code
from forms.widgets import RadioInput, TextInput


class StartForm(Form):
    """The start button; carries only the CSRF token."""


class AgeBandForm(Form):
    age_band = RadioField(
        widget=RadioInput(),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(messages.CHOOSE_AGE_BAND)],
    )

    def validate_age_band(self, field: RadioField) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(messages.CHOOSE_AGE_BAND)


class SendAnswersForm(Form):
    receipt = HiddenField(validators=[DataRequired()])


class ResumeForm(Form):
    hidden_character_message = messages.TEXT_HIDDEN_CHARACTERS

    code = StringField(
        widget=TextInput(),
        filters=[lambda value: without_hidden_characters(value) if value else value],
        validators=[DataRequired(messages.ENTER_CODE)],
    )

    def validate_code(self, field: StringField) -> None:
        if not is_code(normalise_code(field.data)):
            raise ValidationError(messages.CODE_FORMAT)
