"""Forms for Section 11 and 175 audit frameworks."""

from __future__ import annotations

from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from forms.base import Form, required_text
from forms.widgets import RadioInput, TextArea


class FrameworkCopyForm(Form):
    name = required_text("Name of the copy", "Enter a name for the copy", 200)
    scale = RadioField(
        "Rating scale", widget=RadioInput(), validators=[InputRequired("Choose a rating scale")]
    )


class AuditQuestionForm(Form):
    text = TextAreaField(
        "Question",
        widget=TextArea(),
        validators=[
            DataRequired("Enter the question"),
            Length(max=1000, message="Question must be 1000 characters or fewer"),
        ],
    )
