"""forms.staff: the checks staff forms make beyond a field being filled in."""

from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from forms.staff import (
    AgencyForm,
    InviteForm,
    NewConsultationForm,
    NewQuestionForm,
    PasswordForm,
    QuestionSettingsForm,
    ResetRequestForm,
    SettingsForm,
    VersionForm,
)


def dated(name: str, day: int, month: int, year: int) -> list[tuple[str, str]]:
    """A GOV.UK date input's three parts."""
    return [(name, str(day)), (name, str(month)), (name, str(year))]


@pytest.mark.parametrize(("password", "problem"), [
    ("short", "Enter a password that is at least 12 characters long"),
    ("x" * 257, "Enter a password that is 256 characters or fewer"),
    ("Password1234", "Choose a password that is harder to guess"),
    ("jo.bloggs.example", None),
    ("abababababab", "Choose a password that is harder to guess"),
    ("Jo.Bloggs", "Enter a password that is at least 12 characters long"),
    ("marmalade tin lantern", None),
])  # fmt: skip
def test_new_password(posted, password, problem):
    form, ok = posted(lambda: PasswordForm(email="Someone@Example.org"), {"password": password})
    assert ok is (problem is None)
    assert form.error_text.get("password", [None]) == [problem]


def test_a_password_that_is_the_start_of_the_email_is_refused(posted):
    email = "safeguarding.lead@example.org"
    form, ok = posted(lambda: PasswordForm(email=email), {"password": "Safeguarding.Lead"})
    assert not ok and form.error_text == {"password": ["Choose a password that is harder to guess"]}


@pytest.mark.parametrize(("email", "ok"), [("lead@example.org", True), ("lead.example.org", False)])
def test_reset_request_needs_an_email_address(posted, email, ok):
    assert posted(ResetRequestForm, {"email": email})[1] is ok


def _choices(form, field: str, values: list[str]):
    form[field].choices = [(value, value.title()) for value in values]
    return form


@pytest.mark.parametrize(("sector", "ok"), [("police", True), ("army", False), ("", False)])
def test_an_agency_sector_must_be_one_offered(posted, sector, ok):
    form, valid = posted(
        lambda: _choices(AgencyForm(), "sector", ["police", "health"]),
        {"name": "Northshire Police", "sector": sector},
    )
    assert valid is ok
    if not ok:
        assert form.error_text == {"sector": ["Select the agency's sector"]}


def test_an_agency_name_over_200_characters_is_refused(posted):
    form, ok = posted(
        lambda: _choices(AgencyForm(), "sector", ["police"]),
        {"name": "x" * 201, "sector": "police"},
    )
    assert not ok and form.error_text == {"name": ["Agency name must be 200 characters or fewer"]}


@pytest.mark.parametrize(("role", "ok"), [("analyst", True), ("superuser", False)])
def test_an_invited_role_must_be_one_offered(posted, role, ok):
    data = {"name": "Sam", "email": "sam@example.org", "role": role}
    form, valid = posted(lambda: _choices(InviteForm(), "role", ["analyst", "trainer"]), data)
    assert valid is ok
    assert form.error_text.get("role") == (None if ok else ["Select their role"])


def test_settings_close_on_or_after_opening(posted):
    same = MultiDict(dated("opens_on", 1, 6, 2027) + dated("closes_on", 1, 6, 2027))
    form, ok = posted(SettingsForm, same)
    assert ok and form.closes_on.data == dt.date(2027, 6, 1)
    before = MultiDict(dated("opens_on", 2, 6, 2027) + dated("closes_on", 1, 6, 2027))
    form, ok = posted(SettingsForm, before)
    assert not ok
    assert form.error_text == {
        "closes_on": ["The closing date must be on or after the opening date"]
    }


@pytest.mark.parametrize(("cap", "ok"), [("", True), ("1", True), ("0", False), ("1000001", False)])
def test_settings_response_cap(posted, cap, ok):
    data = MultiDict(
        dated("opens_on", 1, 6, 2027) + dated("closes_on", 1, 7, 2027) + [("response_cap", cap)]
    )
    form, valid = posted(SettingsForm, data)
    assert valid is ok
    assert form.response_cap.data == (int(cap) if cap else None)


@pytest.mark.parametrize(("slug", "ok"), [
    ("feeling-safe-2027", True), ("a", True), ("Feeling-safe", False), ("feeling--safe", False),
    ("-feeling", False), ("feeling-", False), ("feeling safe", False), ("x" * 61, False),
])  # fmt: skip
def test_a_consultation_web_address(posted, slug, ok):
    form, valid = posted(
        lambda: _choices(NewConsultationForm(), "template", ["youth_voice"]),
        {"template": "youth_voice", "title": "Feeling safe", "slug": slug},
    )
    assert valid is ok
    assert ("slug" in form.error_text) is not ok


def test_a_new_consultation_needs_a_template_offered(posted):
    form, ok = posted(
        lambda: _choices(NewConsultationForm(), "template", ["youth_voice"]),
        {"template": "secret", "title": "T", "slug": "t"},
    )
    assert not ok and form.error_text == {"template": ["Choose what to start from"]}


@pytest.mark.parametrize(("text", "ok"), [
    ("Where do you feel safe?", True), ("Is 3 < 5?", True), ("<b>Where</b>?", False)])  # fmt: skip
def test_a_new_question_is_plain_text(posted, text, ok):
    form, valid = posted(NewQuestionForm, {"kind": "free_text", "text": text})
    assert valid is ok
    if not ok:
        assert form.error_text == {"text": ["Remove the HTML: write plain text only"]}


def test_a_new_question_kind_must_be_known(posted):
    form, ok = posted(NewQuestionForm, {"kind": "essay", "text": "Why?"})
    assert not ok and list(form.error_text) == ["kind"]


@pytest.mark.parametrize(("data", "errors"), [
    ({"routing": "always"}, {}),
    ({"routing": "never"}, {"routing": ["Choose when to show this question"]}),
    ({"routing": "always", "max_number": "5001"},
     {"max_number": ["Enter a whole number from 1 upwards"]}),
])  # fmt: skip
def test_question_settings(posted, data, errors):
    form, ok = posted(lambda: _choices(QuestionSettingsForm(), "routing", ["always"]), data)
    assert ok is (not errors) and form.error_text == errors


def test_a_version_copies_one_of_the_versions_offered(posted):
    data = {"age_band": "8-11", "label": "8 to 11 years old", "copy_from": "12-15"}
    assert posted(lambda: _choices(VersionForm(), "copy_from", ["12-15"]), data)[1]
    form, ok = posted(lambda: _choices(VersionForm(), "copy_from", ["16-18"]), data)
    assert not ok and form.error_text == {"copy_from": ["Choose which version to copy"]}
