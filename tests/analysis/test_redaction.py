"""Every redaction pattern, with text that looks like personal data but is not."""

from __future__ import annotations

import pytest

from analysis.redaction import nhs_number_valid, redact


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("email me at jo.bloggs+test@example.co.uk please", "email me at [EMAIL] please", "EMAIL"),
        ("see https://example.org/page?x=1 now", "see [URL] now", "URL"),
        ("go to www.example.com", "go to [URL]", "URL"),
        ("my insta is @jo_bloggs99", "my insta is [HANDLE]", "HANDLE"),
        ("text me on 07700 900123", "text me on [PHONE]", "PHONE"),  # Ofcom drama number
        ("ring 0115 496 0123 or +44 (0)20 7946 0958", "ring [PHONE] or [PHONE]", "PHONE"),
        ("I live in SW1A 1AA near the park", "I live in [POSTCODE] near the park", "POSTCODE"),
        ("postcode ls11 5ab", "postcode [POSTCODE]", "POSTCODE"),
        ("NHS number 943 476 5919", "NHS number [NHS_NUMBER]", "NHS_NUMBER"),
        ("my NI number is AB 12 34 56 C", "my NI number is [NI_NUMBER]", "NI_NUMBER"),
        ("it happened on 14/02/2026", "it happened on [DATE]", "DATE"),
        ("I was born on 3rd March 2012", "I was [DATE_OF_BIRTH]", "DATE_OF_BIRTH"),
        ("my name is Jamie Smith and I'm sad", "my name is [NAME] and I'm sad", "NAME"),
        ("my social worker is Priya", "my social worker is [NAME]", "NAME"),
        ("Mr Jones shouts at us", "[NAME] shouts at us", "NAME"),
        ("Miss O'Connor is kind", "[NAME] is kind", "NAME"),
    ],
)
def test_each_kind_of_personal_data_is_redacted(text, expected, kind):
    result = redact(text)
    assert result.text == expected
    assert kind in result.kinds


@pytest.mark.parametrize(
    "text",
    [
        "I'm 14 in year 9 and waited 2 hours",
        "rated it 10/10, there were 3000 people",
        "the 4G signal is bad on the number 36 bus",
        "I feel safe at school",
        "call 999 or Childline on 0800 1111",  # helplines the survey itself shows
        "123 456 7890",  # ten digits that fail the NHS check
        "QQ 12 34 56 C",  # HMRC's example prefix, never a real NI number
    ],
)
def test_look_alikes_are_left_alone(text):
    assert redact(text).text == text
    assert not redact(text).changed


def test_childline_number_is_not_a_uk_landline_match():
    assert redact("call Childline on 0800 1111").text == "call Childline on 0800 1111"


def test_partnership_place_names():
    result = redact(
        "kids at St Mary's School and Hill Park get picked on", ["St Mary's School", "Hill Park"]
    )
    assert result.text == "kids at [PLACE] and [PLACE] get picked on"
    assert result.kinds == ("PLACE",)


def test_nhs_number_check_digit():
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("123")


def test_odd_input_is_safe():
    assert redact("").text == ""
    assert redact("\x00\u202e😀" * 100).text == "\x00\u202e😀" * 100
