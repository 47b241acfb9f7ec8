"""The form every form inherits: what anyone sends is made safe before a field sees it.

- Text is cleaned by the rules in ``forms.text``, in every field of every form: line
  breaks by another name become new lines. In a box people type in, hidden characters
  are taken out and the field is refused with ``hidden_character_message``, so the person
  sees what is left and sends it again (as young people's answers always were). In any
  other field (choices, numbers, dates, hidden fields) each hidden character becomes
  U+FFFD, so the value is refused by the field's own check and never reaches storage.
- Whole numbers must fit the database (PostgreSQL's ``integer``), or the field is refused.
- An empty body, or a JSON body that is not an object of strings, reads as an empty form.

``tests/forms/test_base.py`` checks that every form in ``forms/`` inherits ``Form``.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage, MultiDict
from wtforms import FileField, HiddenField, IntegerField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length

from forms.text import has_hidden_characters, marked_hidden_characters, without_hidden_characters
from forms.widgets import CheckboxesInput, TextInput

# PostgreSQL's integer; SQLite's is wider.
SMALLEST_NUMBER = -(2**31)
LARGEST_NUMBER = 2**31 - 1
HIDDEN_CHARACTER = (
    "We took out a hidden character that cannot be saved. Check the text and try again"
)
NUMBER_TOO_BIG = "Enter a smaller number"


TYPED, FILE = "typed", "file"


def clean_formdata(formdata: Any, kinds: dict[str, str]) -> tuple[MultiDict[str, Any], set[str]]:
    """A copy of ``formdata`` with clean text, and the names whose text lost something.

    ``kinds`` says which names are typed into (TYPED) and which take files (FILE). Values
    of other names keep their length, each hidden character marked as U+FFFD. A file is
    kept only for a file field, and a file field takes nothing else.
    """
    cleaned: MultiDict[str, Any] = MultiDict()
    refused: set[str] = set()
    for name, values in formdata.lists():
        if not isinstance(name, str) or has_hidden_characters(name):
            continue  # no field is called that (a part of a body without a readable name)
        kind = kinds.get(name)
        for value in values:
            if isinstance(value, FileStorage) or kind == FILE:
                if isinstance(value, FileStorage) and kind == FILE:
                    cleaned.add(name, value)
            elif isinstance(value, str):
                if kind != TYPED:
                    cleaned.add(name, marked_hidden_characters(value))
                    continue
                if has_hidden_characters(value):
                    refused.add(name)
                cleaned.add(name, without_hidden_characters(value))
            # Anything else (numbers, lists, objects from a JSON body) is left out.
    return cleaned, refused


def _kind(field: Any) -> str | None:
    if isinstance(field, FileField):
        return FILE
    if isinstance(field, StringField) and not isinstance(field, HiddenField):
        return TYPED
    return None


class Form(FlaskForm):
    """A Flask-WTF form that cleans what it is sent (see the module's docstring)."""

    # Forms shown to young people use their translated message instead.
    hidden_character_message: Any = HIDDEN_CHARACTER

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form: Any, formdata: Any) -> Any:
            try:
                wrapped = super().wrap_formdata(form, formdata)
            except (TypeError, ValueError):
                wrapped = MultiDict()  # a JSON body that is not an object
            form._refused_names = set()
            if wrapped is None:
                # A post with nothing in it is an empty form, whose fields say what is
                # missing (Flask-WTF would fill the form with its defaults instead).
                asked = formdata is not None and form.is_submitted()
                return MultiDict() if asked else None
            kinds = {field.name: kind for field in form if (kind := _kind(field))}
            cleaned, form._refused_names = clean_formdata(wrapped, kinds)
            return cleaned

    _refused_names: set[str]

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        refused: set[str] = getattr(self, "_refused_names", set())
        for field in self:
            if field.errors:
                continue  # the field's own message says more
            if field.name in refused:
                field.errors = [self.hidden_character_message]
                ok = False
            elif isinstance(field, IntegerField) and isinstance(field.data, int):
                if not SMALLEST_NUMBER <= field.data <= LARGEST_NUMBER:
                    field.errors = [NUMBER_TOO_BIG]
                    ok = False
        return ok


def required_text(label: str, message: str, max_length: int) -> StringField:
    """A one-line text box that must be filled in, up to ``max_length`` characters."""
    return StringField(
        label, widget=TextInput(), validators=[DataRequired(message), Length(max=max_length)]
    )


def required_choices(label: str, message: str) -> SelectMultipleField:
    """Checkboxes of which at least one must be ticked."""
    return SelectMultipleField(label, widget=CheckboxesInput(), validators=[DataRequired(message)])
