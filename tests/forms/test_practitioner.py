"""forms.practitioner: the practitioner survey made from its questions."""

from __future__ import annotations

import pytest

from forms.practitioner import survey_form
from forms.vocabulary import (
    ChoiceQuestion,
    Option,
    Statement,
    SurveyQuestions,
    TextQuestion,
    clean_text,
)

RECEIPT = "a" * 16
QUESTIONS = SurveyQuestions(
    answers=(Option("agree", "Agree"), Option("disagree", "Disagree")),
    statements=(
        Statement("know_who", "S2", "I know who to tell", "Say whether you know who to tell"),
        Statement("trained", "S5", "I have been trained", "Say whether you have been trained"),
    ),
    improvement=TextQuestion("improve", "What would help?", "", max_length=50),
    about_you=(ChoiceQuestion("years", "Years in the role", (Option("0-2", "0 to 2"),)),),
)


def survey(posted, **data):
    form, ok = posted(lambda: survey_form(QUESTIONS), {"receipt": RECEIPT, **data})
    return form, ok


def test_every_statement_must_be_answered_with_its_own_message(posted):
    form, ok = survey(posted, know_who="agree")
    assert not ok and form.error_text == {"trained": ["Say whether you have been trained"]}


def test_an_answer_not_offered_gets_the_statements_message(posted):
    form, ok = survey(posted, know_who="agree", trained="maybe")
    assert not ok and form.error_text == {"trained": ["Say whether you have been trained"]}


def test_the_answers_as_plain_values(posted):
    form, ok = survey(posted, know_who="agree", trained="disagree", improve="  More\r\ntime ")
    assert ok, form.error_text
    expected = {"know_who": "agree", "trained": "disagree", "improve": "More\ntime"}
    assert form.answers() == {**expected, "years": None}


def test_about_you_is_optional_but_only_its_answers(posted):
    form, ok = survey(posted, know_who="agree", trained="agree", years="0-2")
    assert ok and form.answers()["years"] == "0-2"
    form, ok = survey(posted, know_who="agree", trained="agree", years="30+")
    assert not ok and form.error_text == {"years": ["Select one of the answers"]}


def test_the_improvement_limit_counts_the_cleaned_text(posted):
    assert survey(posted, know_who="agree", trained="agree", improve=" " + "x" * 50 + " ")[1]
    form, ok = survey(posted, know_who="agree", trained="agree", improve="x" * 51)
    assert not ok and form.error_text == {"improve": ["Your answer must be 50 characters or fewer"]}


@pytest.mark.parametrize("receipt", ["", "short", "a" * 65, "has space" * 3, "bad/char" * 3])
def test_a_receipt_in_the_wrong_shape_is_refused(posted, receipt):
    form, ok = posted(lambda: survey_form(QUESTIONS), {
        "receipt": receipt, "know_who": "agree", "trained": "agree"})  # fmt: skip
    assert not ok and list(form.error_text) == ["receipt"]


def test_one_form_class_per_question_set(form_app):
    with form_app.test_request_context():
        assert type(survey_form(QUESTIONS)) is type(survey_form(QUESTIONS))
        assert survey_form(QUESTIONS).questions is QUESTIONS


def test_clean_text():
    assert clean_text(None) == ""
    assert clean_text(" a\r\nb\x00 ") == "a\nb"
