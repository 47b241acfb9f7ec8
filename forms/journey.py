"""Forms for the steps around the questions."""

from __future__ import annotations

import re

from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from forms import messages
from forms.base import Form
from forms.text import without_hidden_characters
from forms.widgets import RadioInput, TextInput

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
# 12 characters: about 59 bits, so guessing is hopeless however fast someone tries.
CODE_LENGTH = 12
LEGACY_CODE_LENGTH = 8  # codes given before December 2026, accepted until they expire
_CODE_CHARACTERS = re.compile(
    rf"^([{CODE_ALPHABET}]{{{CODE_LENGTH}}}|[{CODE_ALPHABET}]{{{LEGACY_CODE_LENGTH}}})$"
)


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


def normalise_code(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw or "").upper()


class ResumeForm(Form):
    hidden_character_message = messages.TEXT_HIDDEN_CHARACTERS

    code = StringField(
        widget=TextInput(),
        filters=[lambda value: without_hidden_characters(value) if value else value],
        validators=[DataRequired(messages.ENTER_CODE)],
    )

    def validate_code(self, field: StringField) -> None:
        if not _CODE_CHARACTERS.match(normalise_code(field.data)):
            raise ValidationError(messages.CODE_FORMAT)
