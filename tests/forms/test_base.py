"""forms.base.Form and forms.text: what every form does with what it is sent."""

from __future__ import annotations

import importlib
import io
import json
import pkgutil
from pathlib import Path

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage, MultiDict
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

import forms
from engagement import create_app
from engagement.config import TestConfig
from forms.base import HIDDEN_CHARACTER, NUMBER_TOO_BIG, Form
from forms.staff import GovDateField
from forms.text import (
    has_hidden_characters,
    marked_hidden_characters,
    without_hidden_characters,
)
from forms.vocabulary import for_office_files

FORMS_DIR = Path(forms.__file__).parent


@pytest.fixture(scope="module")
def app():
    return create_app(TestConfig, DATABASE_URL="sqlite://")


class Example(Form):
    name = StringField("Name", validators=[DataRequired("Enter a name")])
    notes = TextAreaField("Notes")
    colour = RadioField(
        "Colour", choices=[SelectChoice("red", "Red"), SelectChoice("blue", "Blue")]
    )
    version = IntegerField(default=0)
    token = HiddenField()
    when = GovDateField("Date", "date")


def _posted(app, data=None, **kwargs) -> Example:
    with app.test_request_context(method="POST", data=data, **kwargs):
        form = Example()
        form.validate()
        return form


def test_every_form_class_inherits_the_base_form():
    for module in pkgutil.iter_modules([str(FORMS_DIR)]):
        importlib.import_module(f"forms.{module.name}")
    seen, waiting = set(), [FlaskForm]
    while waiting:
        for sub in waiting.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                waiting.append(sub)
    ours = [c for c in seen if c.__module__.startswith("forms.") and c is not Form]
    assert ours and all(issubclass(c, Form) for c in ours)
    # Forms made at run time (a standard's questions, a survey) too: no other base in sight.
    for path in FORMS_DIR.glob("*.py"):
        if path.name != "base.py":
            assert "(FlaskForm)" not in path.read_text(), f"{path.name} bypasses forms.base.Form"


@pytest.mark.parametrize(
    ("text", "cleaned", "hidden"),
    [
        ("Line one\x0bline two", "Line one\nline two", False),  # Word's Shift+Enter
        ("Para\u2029para\u2028line\x0cpage\x85next", "Para\npara\nline\npage\nnext", False),
        ("tab\tcr\r\nlf\n", "tab\tcr\r\nlf\n", False),
        ("nul\x00 bell\x07 esc\x1b c1\x9f del\x7f", "nul bell esc c1 del", True),
        ("\u202eevil\u202c \u2067isolate\u2069", "evil isolate", True),
        ("lone \ud800 surrogate", "lone  surrogate", True),
        ("not a character \ufffe\uffff\ufdd0\U0010ffff", "not a character ", True),
        ("Cymraeg ŵ, عربى, 😀, \u200d joiner", "Cymraeg ŵ, عربى, 😀, \u200d joiner", False),
    ],
)
def test_text_rules(text, cleaned, hidden):
    assert without_hidden_characters(text) == cleaned
    assert has_hidden_characters(text) is hidden
    assert len(marked_hidden_characters(text)) == len(text)


def test_office_files_get_one_kind_of_line_break():
    assert for_office_files("a\r\nb\rc\x0bd\x00") == "a\nb\nc\nd"


def test_a_hidden_character_in_typed_text_is_taken_out_and_refused(app):
    form = _posted(app, {"name": "Police\x00", "notes": "Line\x0bbreak"})
    assert form.name.data == "Police"
    assert form.name.errors == [HIDDEN_CHARACTER]
    assert form.notes.data == "Line\nbreak" and not form.notes.errors


def test_the_fields_own_message_comes_first(app):
    form = _posted(app, {"name": "\x00"})
    assert form.name.errors == ["Enter a name"]


def test_a_hidden_character_in_a_choice_number_or_date_fails_its_own_check(app):
    form = _posted(
        app,
        MultiDict(
            [("name", "x"), ("colour", "red\x00"), ("version", "1\x00"), ("token", "a\x00")]
            + [("when", "1"), ("when", "6\x00"), ("when", "2027")]
        ),
    )
    assert form.colour.errors == ["Not a valid choice."]
    assert form.version.errors and form.version.data is None
    assert form.token.data == "a\ufffd"
    assert form.when.errors == ["The date must be a real date, like 27 3 2027"]


@pytest.mark.parametrize("number", [str(2**31), "-" + "9" * 40, "1" * 40])
def test_a_number_too_big_for_the_database_is_refused(app, number):
    form = _posted(app, {"name": "x", "version": number})
    assert form.version.errors == [NUMBER_TOO_BIG]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["1 6 2027"], "The date must include a day, month and year"),
        (["1", "6", "2027", "4"], "The date must include a day, month and year"),
        (["1", "6"], "The date must include a day, month and year"),
        ([], "Enter the date"),
        (["1", "6", "9" * 20], "The date must be a real date, like 27 3 2027"),
        (["31", "12", "9999"], "The date must be a real date, like 27 3 2027"),
        (["1", "6", "1899"], "The date must be a real date, like 27 3 2027"),
        (["x", "6", "2027"], "The date must be a real date, like 27 3 2027"),
    ],
)
def test_a_date_in_the_wrong_shape_gets_its_own_message(app, parts, message):
    form = _posted(app, MultiDict([("name", "x"), *[("when", p) for p in parts]]))
    assert form.when.errors == [message]
    assert len(form.when.raw_data) == 3  # the GOV.UK widget draws three boxes again


def test_a_json_body_that_is_not_an_object_is_an_empty_form(app):
    for body in ("[1, 2, 3]", "5", '"text"', "null"):
        form = _posted(app, body, content_type="application/json")
        assert form.name.errors == ["Enter a name"]


def test_json_values_that_are_not_text_are_left_out(app):
    body = json.dumps({"name": {"nested": 1}, "notes": ["a\ud800", 2], "version": 5})
    form = _posted(app, body, content_type="application/json")
    assert form.name.errors == ["Enter a name"]
    assert form.notes.data == "a" and form.notes.errors == [HIDDEN_CHARACTER]
    assert form.version.data == 0


def test_a_file_sent_to_a_text_field_is_left_out(app):
    upload = FileStorage(io.BytesIO(b"x"), filename="x.txt")
    form = _posted(app, {"name": upload})
    assert form.name.errors == ["Enter a name"]


def test_an_empty_post_is_an_empty_form_not_the_defaults(app):
    with app.test_request_context(method="POST"):
        form = Example()
        assert not form.validate()
        assert form.when.errors == ["Enter the date"] and form.name.errors == ["Enter a name"]
    with app.test_request_context(method="POST"):
        assert Example(formdata=None).name.data is None  # asked not to read the request
