"""forms.audit_returns: cycles, a standard's answers, actions and events."""

from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage, MultiDict

from forms.audit_returns import (
    NOT_APPLICABLE,
    ActionForm,
    CycleForm,
    EventForm,
    UploadForm,
    standard_form,
)

RATINGS = [("met", "Met"), ("partly", "Partly met"), (NOT_APPLICABLE, "Not applicable")]


def dated(name: str, day: int, month: int, year: int) -> list[tuple[str, str]]:
    return [(name, str(day)), (name, str(month)), (name, str(year))]


def cycle_form() -> CycleForm:
    form = CycleForm()
    form.framework.choices = [("s11", "Section 11")]
    form.agencies.choices = [("a1", "Police"), ("a2", "Health")]
    return form


def cycle(opens: tuple[int, int, int], due: tuple[int, int, int], **extra) -> MultiDict:
    data = [("name", "2027-28"), ("framework", "s11"), ("agencies", "a1")]
    data += dated("opens_on", *opens) + dated("due_on", *due)
    return MultiDict(data + list(extra.items()))


def test_a_cycle_is_due_on_or_after_it_opens(posted):
    form, ok = posted(cycle_form, cycle((1, 4, 2027), (1, 4, 2027)))
    assert ok, form.error_text
    form, ok = posted(cycle_form, cycle((2, 4, 2027), (1, 4, 2027)))
    assert not ok
    assert form.error_text == {"due_on": ["The deadline must be on or after the opening date"]}


def test_a_cycle_needs_an_agency_and_a_framework_offered(posted):
    data = cycle((1, 4, 2027), (1, 6, 2027))
    data.setlist("agencies", [])
    data["framework"] = "s175"
    form, ok = posted(cycle_form, data)
    assert not ok and set(form.error_text) == {"agencies", "framework"}
    assert form.error_text["agencies"] == ["Choose at least one agency"]


def test_an_agency_not_offered_is_refused(posted):
    data = cycle((1, 4, 2027), (1, 6, 2027))
    data.setlist("agencies", ["a1", "elsewhere"])
    assert not posted(cycle_form, data)[1]


def standard() -> object:
    return standard_form(["q1", "q2"], RATINGS)


def test_a_draft_standard_may_be_left_unrated(posted):
    form, ok = posted(standard, {})
    assert ok, form.error_text


def test_not_applicable_needs_a_reason_for_that_question_only(posted):
    form, ok = posted(standard, {"rating_q1": NOT_APPLICABLE, "rating_q2": "met"})
    assert not ok and form.error_text == {"reason_q1": ["Say why this question does not apply"]}
    reason = {"rating_q1": NOT_APPLICABLE, "reason_q1": "We have no premises"}
    assert posted(standard, reason)[1]
    spaces = {"rating_q1": NOT_APPLICABLE, "reason_q1": "   "}
    assert not posted(standard, spaces)[1]


def test_a_rating_not_on_the_scale_is_refused(posted):
    form, ok = posted(standard, {"rating_q2": "excellent"})
    assert not ok and list(form.error_text) == ["rating_q2"]


@pytest.mark.parametrize(("name", "limit", "label"), [
    ("evidence", 10_000, "Evidence"), ("impact", 5_000, "Impact on children"),
    ("reason", 1_000, "Why it does not apply")])  # fmt: skip
def test_answer_limits(posted, name, limit, label):
    assert posted(standard, {f"{name}_q1": "x" * limit})[1]
    form, ok = posted(standard, {f"{name}_q1": "x" * (limit + 1)})
    assert not ok
    assert form.error_text == {f"{name}_q1": [f"{label} must be {limit:,} characters or fewer"]}


def test_each_standard_form_has_its_own_questions(form_app):
    with form_app.test_request_context():
        one, two = standard_form(["a"], RATINGS), standard_form(["b"], RATINGS)
        assert "rating_a" in one and "rating_a" not in two
        assert one["rating_a"].choices == RATINGS and one["version_a"].data == 0


def test_an_upload_needs_a_file(posted):
    form, ok = posted(UploadForm, {"question": "q1"})
    assert not ok and form.error_text == {"file": ["Select a file to upload"]}
    upload = FileStorage(io.BytesIO(b"%PDF"), filename="policy.pdf")
    assert posted(UploadForm, {"question": "q1", "file": upload})[1]


def action_form() -> ActionForm:
    form = ActionForm()
    form.standard.choices = [("S1", "Standard 1")]
    form.status.choices = [("open", "Open"), ("done", "Done")]
    return form


def action(**extra) -> MultiDict:
    data = {"description": "Train staff", "standard": "S1", "owner": "Head of HR"}
    return MultiDict(list({**data, **extra}.items()) + dated("due_on", 1, 9, 2027))


def test_a_done_action_says_what_shows_it_is_done(posted):
    assert posted(action_form, action(status="open"))[1]
    form, ok = posted(action_form, action(status="done", completion_evidence=" "))
    assert not ok
    assert form.error_text == {"completion_evidence": ["Say what shows the action is done"]}
    assert posted(action_form, action(status="done", completion_evidence="Register"))[1]


def test_an_action_standard_must_be_one_offered(posted):
    assert not posted(action_form, action(status="open", standard="S9"))[1]


@pytest.mark.parametrize(("time", "ok"), [
    ("14:00", True), ("09:30", True), ("23:59", True), ("24:00", False), ("9:30", False),
    ("14.00", False), ("2pm", False)])  # fmt: skip
def test_an_event_start_time(posted, time, ok):
    def event_form() -> EventForm:
        form = EventForm()
        form.agencies.choices = [("a1", "Police")]
        return form

    data = MultiDict(
        [("title", "Challenge event"), ("starts_at", time), ("place", "Town hall")]
        + [("agencies", "a1")] + dated("held_on", 3, 3, 2027)
    )  # fmt: skip
    form, valid = posted(event_form, data)
    assert valid is ok
    assert form.error_text.get("starts_at") == (None if ok else ["Enter a start time, like 14:00"])
