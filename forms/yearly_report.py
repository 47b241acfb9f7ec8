"""Forms for the yearly report: the period, and the section's headings and order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wtforms import BooleanField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forms.base import Form
from forms.staff import GovDateField
from forms.widgets import CheckboxInput, TextInput


class PeriodForm(Form):
    class Meta:
        csrf = False  # a GET form: choosing what to see changes nothing

    since = GovDateField("From", "start of the period")
    until = GovDateField("To", "end of the period")


class HeadingsForm(Form):
    keys: Sequence[str] = ()

    def chosen(self) -> list[tuple[int, str, str]]:
        """(position, key, heading) of each section kept in."""
        return [
            (self[f"position_{key}"].data or 0, key, self[f"heading_{key}"].data or "")
            for key in self.keys
            if self[f"include_{key}"].data
        ]


def headings_form(defaults: Sequence[tuple[str, str]], **kwargs: Any) -> HeadingsForm:
    fields: dict[str, Any] = {"keys": tuple(key for key, _ in defaults)}
    for n, (key, default) in enumerate(defaults, start=1):
        fields[f"heading_{key}"] = StringField(
            f"Heading for “{default}”",
            widget=TextInput(),
            validators=[DataRequired("Enter a heading"), Length(max=200)],
        )
        fields[f"position_{key}"] = IntegerField(
            f"Position of “{default}” (1 is first)",
            widget=TextInput(),
            validators=[
                Optional(),
                NumberRange(1, len(defaults), f"Position must be between 1 and {len(defaults)}"),
            ],
            default=n,
        )
        fields[f"include_{key}"] = BooleanField(f"Include “{default}”", widget=CheckboxInput())
    form_class = type("HeadingsWithSections", (HeadingsForm,), fields)
    return form_class(**kwargs)  # type: ignore[no-any-return]
