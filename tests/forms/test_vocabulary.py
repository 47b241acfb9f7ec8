"""forms.vocabulary: the values and small rules forms, services and templates share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forms.vocabulary import (
    CODE_ALPHABET,
    CODE_LENGTH,
    DEFAULT_MAX_LENGTH,
    LEGACY_CODE_LENGTH,
    QUESTION_KIND_LABELS,
    RATHER_NOT_SAY,
    Choice,
    QuestionKind,
    QuestionSpec,
    clean_text,
    fixed_answers,
    is_code,
    normalise_code,
    normalise_email,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "engagement" / "consultations" / "starters"


def test_emails_are_compared_trimmed_and_in_lower_case():
    assert normalise_email("  Sam.Lee@Example.GOV.uk\n") == "sam.lee@example.gov.uk"
    assert normalise_email("sam@example.org") == "sam@example.org"


def test_the_code_alphabet_leaves_out_characters_that_look_alike():
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 31
    assert CODE_ALPHABET == CODE_ALPHABET.upper()


def test_a_code_is_read_without_spaces_hyphens_or_small_letters():
    assert normalise_code(" abcd-efgh jkmn\t") == "ABCDEFGHJKMN"
    assert normalise_code("") == ""


@pytest.mark.parametrize("length", [CODE_LENGTH, LEGACY_CODE_LENGTH])
def test_codes_of_both_lengths_are_codes(length):
    assert is_code(CODE_ALPHABET[:length])


@pytest.mark.parametrize(
    "code",
    [
        CODE_ALPHABET[: CODE_LENGTH - 1],
        CODE_ALPHABET[: CODE_LENGTH + 1],
        CODE_ALPHABET[: LEGACY_CODE_LENGTH + 1],
        "O" + CODE_ALPHABET[: CODE_LENGTH - 1],  # a letter that is never given
        CODE_ALPHABET[: CODE_LENGTH - 1].lower() + "a",
        "",
    ],
)
def test_anything_else_is_not_a_code(code):
    assert not is_code(code)


def test_kinds_with_fixed_answers_have_them_and_the_others_have_none():
    assert fixed_answers(QuestionKind.YES_NO_NOT_SURE) == ("yes", "no", "not_sure")
    assert fixed_answers(QuestionKind.SCALE) == ("1", "2", "3", "4", "5")
    for kind in (*QuestionKind.OWN_OPTIONS, QuestionKind.FREE_TEXT, "unknown"):
        assert fixed_answers(kind) == ()


def test_every_kind_is_in_exactly_one_group_and_has_a_label():
    groups = [QuestionKind.ONE_ANSWER, QuestionKind.SEVERAL_ANSWERS, {QuestionKind.FREE_TEXT}]
    for kind in QuestionKind.ALL:
        assert sum(kind in group for group in groups) == 1, kind
    assert list(QUESTION_KIND_LABELS) == [
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.YES_NO_NOT_SURE,
        QuestionKind.SCALE,
        QuestionKind.PRIORITIES,
        QuestionKind.FREE_TEXT,
    ]


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.json")), ids=lambda p: p.name)
def test_consultation_templates_use_only_known_kinds(template):
    content = json.loads(template.read_text(encoding="utf-8"))
    kinds = {q["kind"] for v in content["versions"] for q in v["questions"]}
    assert kinds and kinds <= set(QuestionKind.ALL)


def test_a_spec_offers_rather_not_say_only_when_the_question_does():
    choices = (Choice("a", "A"), Choice("b", "B"))
    assert QuestionSpec("q", QuestionKind.SINGLE_CHOICE, choices).choice_keys == {"a", "b"}
    offered = QuestionSpec("q", QuestionKind.SINGLE_CHOICE, choices, rather_not_say=True)
    assert offered.choice_keys == {"a", "b", RATHER_NOT_SAY}


def test_a_spec_without_a_limit_takes_the_default():
    assert QuestionSpec("q", QuestionKind.FREE_TEXT).text_limit == DEFAULT_MAX_LENGTH
    assert QuestionSpec("q", QuestionKind.FREE_TEXT, max_length=20).text_limit == 20


def test_clean_text_is_stored_text():
    assert clean_text(None) == ""
    assert clean_text("  one\r\ntwo\u2028three\x00  ") == "one\ntwo\nthree"
