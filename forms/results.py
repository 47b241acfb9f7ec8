"""The results pages' choice of comparison."""

from __future__ import annotations

from typing import Any

from wtforms import SelectField, ValidationError
from wtforms.validators import InputRequired

from forms.base import Form
from forms.widgets import Select

CHOOSE = "Select what to compare by from the list"


def _from_the_list(form: Any, field: SelectField) -> None:
    if field.data not in {value for value, _label in field.choices or []}:
        raise ValidationError(CHOOSE)


class CompareForm(Form):
    """Read from the query string, so a comparison has an address to share."""

    class Meta:
        csrf = False

    by = SelectField(
        "Compare by",
        widget=Select(),
        validate_choice=False,
        validators=[InputRequired(CHOOSE), _from_the_list],
        description="Each choice splits everyone who answered into groups.",
    )
