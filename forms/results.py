"""The results pages' choice of comparison."""

from __future__ import annotations

from wtforms import SelectField

from forms.base import Form
from forms.widgets import Select


class CompareForm(Form):
    """Read from the query string, so a comparison has an address to share."""

    class Meta:
        csrf = False

    by = SelectField(
        "Compare by",
        widget=Select(),
        validators=[],
        description="Each choice splits everyone who answered into groups.",
    )
