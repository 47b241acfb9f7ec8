"""forms.questions.QuestionForm: every kind of question, checked against its spec."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from forms import messages
from forms.questions import QuestionForm
from forms.vocabulary import RATHER_NOT_SAY, Choice, QuestionSpec

CHOICES = (Choice("home", "Home"), Choice("school", "School"), Choice("park", "Park"))
SINGLE_KINDS = ["single_choice", "yes_no_not_sure", "scale"]
MULTI_KINDS = ["multiple_choice", "priorities"]


def spec(kind: str, **kwargs) -> QuestionSpec:
    return QuestionSpec("q", kind, choices=() if kind == "free_text" else CHOICES, **kwargs)


def answer(posted, question: QuestionSpec, data):
    """Whether the answer is valid, what would be stored (if valid), and the errors."""
    form, ok = posted(lambda: QuestionForm(question), MultiDict(data))
    return ok, form.cleaned_answer() if ok else None, form.error_text


@pytest.mark.parametrize("kind", SINGLE_KINDS + MULTI_KINDS + ["free_text"])
def test_a_blank_answer_is_a_skipped_question(posted, kind):
    assert answer(posted, spec(kind, rather_not_say=True), {}) == (True, None, {})


@pytest.mark.parametrize("kind", SINGLE_KINDS)
def test_one_choice_is_stored_as_its_key(posted, kind):
    assert answer(posted, spec(kind), {"answer": "school"}) == (True, "school", {})


@pytest.mark.parametrize("kind", SINGLE_KINDS)
def test_two_choices_for_a_one_answer_question_are_refused(posted, kind):
    ok, _, errors = answer(posted, spec(kind), [("answer", "home"), ("answer", "park")])
    assert not ok and errors == {"answer": [str(messages.CHOOSE_ONE)]}


@pytest.mark.parametrize("kind", SINGLE_KINDS + MULTI_KINDS)
@pytest.mark.parametrize("bad", ["library", "", "HOME", "home\x00", RATHER_NOT_SAY])
def test_a_choice_not_on_the_page_is_refused(posted, kind, bad):
    ok, _, errors = answer(posted, spec(kind), {"answer": bad})
    assert not ok and errors == {"answer": [str(messages.CHOOSE_VALID)]}


@pytest.mark.parametrize("kind", SINGLE_KINDS)
def test_rather_not_say_is_a_choice_where_offered(posted, kind):
    question = spec(kind, rather_not_say=True)
    assert answer(posted, question, {"answer": RATHER_NOT_SAY}) == (True, RATHER_NOT_SAY, {})


@pytest.mark.parametrize("kind", MULTI_KINDS)
def test_choices_are_stored_once_each_in_the_pages_order(posted, kind):
    data = [("answer", "park"), ("answer", "home"), ("answer", "park")]
    assert answer(posted, spec(kind), data) == (True, ["home", "park"], {})


@pytest.mark.parametrize("kind", MULTI_KINDS)
def test_rather_not_say_and_another_answer_are_refused(posted, kind):
    question = spec(kind, rather_not_say=True)
    ok, _, errors = answer(posted, question, [("answer", "home"), ("answer", RATHER_NOT_SAY)])
    assert not ok and errors == {"answer": [str(messages.RATHER_NOT_SAY_ALONE)]}
    assert answer(posted, question, {"answer": RATHER_NOT_SAY}) == (True, [RATHER_NOT_SAY], {})


@pytest.mark.parametrize("kind", MULTI_KINDS)
def test_choose_up_to_n(posted, kind):
    question = spec(kind, max_choices=2)
    two = [("answer", "home"), ("answer", "school")]
    assert answer(posted, question, two) == (True, ["home", "school"], {})
    ok, _, errors = answer(posted, question, [*two, ("answer", "park")])
    assert not ok and errors == {"answer": ["Choose no more than 2 answers"]}


def test_without_a_limit_every_choice_may_be_chosen(posted):
    every = [("answer", choice.key) for choice in CHOICES]
    assert answer(posted, spec("multiple_choice"), every)[0]


def test_a_limit_counts_only_for_questions_with_several_answers(posted):
    # A one-answer question with a limit still takes one answer, and refuses two as such.
    ok, _, errors = answer(posted, spec("single_choice", max_choices=5), [
        ("answer", "home"), ("answer", "park")])  # fmt: skip
    assert not ok and errors == {"answer": [str(messages.CHOOSE_ONE)]}


def test_free_text_is_stored_trimmed_with_one_kind_of_line_break(posted):
    stored = answer(posted, spec("free_text"), {"text": "  More lights\r\nin the park  "})
    assert stored == (True, "More lights\nin the park", {})


def test_free_text_of_only_spaces_is_skipped(posted):
    assert answer(posted, spec("free_text"), {"text": "   \r\n "}) == (True, None, {})


@pytest.mark.parametrize(("limit", "length", "ok"), [
    (None, 1000, True), (None, 1001, False), (20, 20, True), (20, 21, False)])  # fmt: skip
def test_free_text_limit(posted, limit, length, ok):
    valid, _, errors = answer(posted, spec("free_text", max_length=limit), {"text": "x" * length})
    assert valid is ok
    if not ok:
        expected = f"Your answer must be {limit or 1000} characters or fewer. You have {length}"
        assert errors == {"text": [expected]}


def test_the_text_limit_counts_what_is_kept_not_the_outer_spaces(posted):
    assert answer(posted, spec("free_text", max_length=5), {"text": "   abcde   "})[0]


def test_free_text_with_a_hidden_character_is_cleaned_and_shown_again(posted):
    ok, _, errors = answer(posted, spec("free_text"), {"text": "Safe\u202e here"})
    assert not ok and errors == {"text": [str(messages.TEXT_HIDDEN_CHARACTERS)]}


def test_free_text_rather_not_say(posted):
    question = spec("free_text", rather_not_say=True)
    assert answer(posted, question, {"rather_not_say": "y"}) == (True, RATHER_NOT_SAY, {})
    ok, _, errors = answer(posted, question, {"rather_not_say": "y", "text": "Lights"})
    assert not ok and errors == {"text": [str(messages.TEXT_AND_RATHER_NOT_SAY)]}


def test_rather_not_say_ticked_where_not_offered_keeps_the_text(posted):
    stored = answer(posted, spec("free_text"), {"rather_not_say": "y", "text": "Lights"})
    assert stored == (True, "Lights", {})


@pytest.mark.parametrize(("kind", "saved", "field", "shown"), [
    ("free_text", "Lights", "text", "Lights"),
    ("free_text", None, "text", ""),
    ("free_text", RATHER_NOT_SAY, "rather_not_say", True),
    ("single_choice", "home", "answer", ["home"]),
    ("priorities", ["home", "park"], "answer", ["home", "park"]),
])  # fmt: skip
def test_a_saved_answer_is_shown_again(form_app, kind, saved, field, shown):
    with form_app.test_request_context():
        form = QuestionForm(spec(kind, rather_not_say=True))
        form.show_answer(saved)
        assert form[field].data == shown


def test_choice_keys_include_rather_not_say_only_where_offered():
    assert spec("single_choice").choice_keys == {"home", "school", "park"}
    assert RATHER_NOT_SAY in spec("single_choice", rather_not_say=True).choice_keys
