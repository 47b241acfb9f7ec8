"""Preparing an answer: concern check before redaction, language, sentiment, fingerprint."""

from __future__ import annotations

import re

import pytest

from analysis.disclosure import phrase_categories
from analysis.pipeline import VERSION, Prepared, Preparer, fingerprint
from analysis.redaction import redact

OFFERED = ("en", "cy", "pl")
QUESTION = "What makes you feel safe or unsafe?"
PREPARER = Preparer(local_names=["Hillside Academy", "Brookfield Park"], offered=OFFERED)


@pytest.mark.parametrize(
    "text",
    [
        "My step dad Hits Me when he drinks",
        "my boyfriend Hurts Me all the time",
    ],
)
def test_a_concern_is_found_on_the_original_text_even_when_redaction_hides_it(text):
    # The capitalised words after "my step dad" look like a name and are redacted...
    redacted = redact(text).text
    assert "[NAME]" in redacted
    assert phrase_categories(redacted) == ()  # (the model may still read it as a concern)
    # ...but the concern was looked for first, on the words the young person wrote.
    prepared = PREPARER.prepare(text, QUESTION, "en")
    assert prepared.concern_categories == ("abuse",)
    assert "[NAME]" in prepared.text
    assert "NAME" in prepared.redacted_kinds


def test_the_concern_check_sees_the_normalised_text():
    # A zero-width space and a curly apostrophe do not hide a concern.
    prepared = PREPARER.prepare("I don\u2019t feel safe at home, he hi\u200bts me", QUESTION, "en")
    assert prepared.concern_categories == ("abuse", "feeling_unsafe")


def test_no_concern_is_no_concern():
    prepared = PREPARER.prepare("I feel safe at school and the park is fine", QUESTION, "en")
    assert prepared.concern_categories == ()


def test_the_redacted_text_has_no_phone_number_or_email():
    text = "text me on 07700 900123 or email jo.bloggs@example.com, I go to Hillside Academy"
    prepared = PREPARER.prepare(text, QUESTION, "en")
    assert "07700" not in prepared.text and "900123" not in prepared.text
    assert "@" not in prepared.text and "example.com" not in prepared.text
    assert "Hillside" not in prepared.text
    assert not re.search(r"\d{5}", prepared.text)
    assert prepared.text == "text me on [PHONE] or email [EMAIL], I go to [PLACE]"
    assert set(prepared.redacted_kinds) == {"PHONE", "EMAIL", "PLACE"}
    assert prepared.words == len(prepared.text.split()) == 11


def test_text_is_normalised_before_redaction():
    prepared = PREPARER.prepare("  the   bus\u200b is\tlate  ", "How could we improve?", "en")
    assert prepared.text == "the bus is late"
    assert prepared.redacted_kinds == ()
    assert prepared.words == 4


@pytest.mark.parametrize(
    ("text", "answered_in", "language"),
    [
        ("Dwi'n teimlo'n saff yn yr ysgol ond dim yn y parc", "cy", "cy"),
        ("Mae'r bysiau yn rhy ddrud ac yn hwyr yn y nos", "cy", "cy"),
        ("W szkole czuję się bezpiecznie, ale w parku nie", "pl", "pl"),
        ("Autobusy są za drogie i się spóźniają", "pl", "pl"),
        # Polish written on the English page: the text says so clearly.
        ("Nie ma nic do roboty dla młodzieży wieczorem, jest bardzo nudno", "en", "pl"),
    ],
)
def test_welsh_and_polish_answers_are_identified_and_not_scored(text, answered_in, language):
    prepared = PREPARER.prepare(text, QUESTION, answered_in)
    assert prepared.language == language
    assert prepared.sentiment == "not scored"
    assert prepared.sentiment_reason


def test_english_answers_are_scored():
    prepared = PREPARER.prepare(
        "The youth club is brilliant and the staff really listen", QUESTION, "en"
    )
    assert prepared.language == "en"
    assert prepared.sentiment in {"positive", "neutral", "negative"}
    assert prepared.sentiment != "not scored"


def test_an_english_answer_on_the_welsh_page_is_english():
    prepared = PREPARER.prepare(
        "there is nothing to do at night and the buses are always late", QUESTION, "cy"
    )
    assert prepared.language == "en"
    assert prepared.sentiment != "not scored"


def test_prepared_is_a_frozen_record():
    prepared = PREPARER.prepare("the bus is late", QUESTION, "en")
    assert isinstance(prepared, Prepared)
    with pytest.raises(AttributeError):
        prepared.text = "changed"  # type: ignore[misc]


def test_preparing_is_repeatable():
    text = "my mum Shouts at me and I don't feel safe, ring 07700 900123"
    assert PREPARER.prepare(text, QUESTION, "en") == PREPARER.prepare(text, QUESTION, "en")


def test_fingerprint_changes_when_the_local_names_change():
    base = fingerprint(["Hillside Academy", "Brookfield Park"])
    assert fingerprint(["Brookfield Park", "Hillside Academy"]) == base  # order does not matter
    assert fingerprint(["Hillside Academy"]) != base
    assert fingerprint(["Hillside Academy", "Brookfield Park", "Northgate"]) != base
    assert fingerprint(["Hillside Academy", "Brookfield Parks"]) != base
    assert fingerprint([]) != base
    assert len(base) == 64


def test_fingerprint_includes_the_version():
    assert VERSION
    assert fingerprint([]) == fingerprint(())


def test_fingerprint_changes_when_the_offered_languages_change():
    assert fingerprint(["Oakwood"], ["en", "cy"]) != fingerprint(["Oakwood"], ["en", "cy", "pl"])
    assert fingerprint(["Oakwood"], ["cy", "en"]) == fingerprint(["Oakwood"], ["en", "cy"])


@pytest.mark.parametrize(
    "text",
    [
        "the man who keeps giving me presents is really nice to me and wants to meet just us",
        "I love it when the older boys give me money to carry stuff for them, it's great",
    ],
)
def test_an_answer_flagged_as_a_concern_is_never_scored_positive(text):
    prepared = PREPARER.prepare(text, QUESTION, "en")
    assert prepared.concern_categories
    assert prepared.sentiment == "negative"
    assert "possible concern" in prepared.sentiment_reason


def test_english_typed_on_the_arabic_pages_is_analysed_as_english():
    on_arabic_pages = Preparer(local_names=[], offered=("en", "ar"))
    prepared = on_arabic_pages.prepare(
        "The buses are always late and I hate waiting", QUESTION, "ar"
    )
    assert prepared.language == "en"
    assert prepared.sentiment == "negative"
