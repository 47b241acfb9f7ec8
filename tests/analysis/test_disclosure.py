"""Risk phrases in free text, with negation, across languages."""

from __future__ import annotations

import pytest

from analysis.disclosure import detect_risk, risk_categories


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("I want to die", ("self_harm",)),
        ("sometimes i wanna die tbh", ("self_harm",)),
        ("I’ve been cutting myself", ("self_harm",)),
        ("My mum's boyfriend hits me", ("abuse",)),
        ("I don't feel safe at home", ("feeling_unsafe",)),
        ("I DONT FEEL SAFE", ("feeling_unsafe",)),
        ("an older boy made me carry drugs", ("exploitation",)),
        ("someone asked for nudes on snap", ("exploitation",)),
        ("there is no food at home", ("neglect",)),
        ("I feel fine. But I want to die", ("self_harm",)),
        ("Nie czuję się bezpiecznie", ("feeling_unsafe",)),
        ("dw i eisiau marw", ("self_harm",)),
        ("لا أشعر بالأمان في البيت", ("feeling_unsafe",)),
        ("میں مرنا چاہتا ہوں", ("self_harm",)),
        ("Quiero morir", ("self_harm",)),
        ("আমি মরতে চাই", ("self_harm",)),
    ],
)
def test_risk_is_found(text, categories):
    assert risk_categories(text) == categories


@pytest.mark.parametrize(
    "text",
    [
        "",
        "More street lights please",
        "Nobody hits me",
        "My dad doesn't hit me",
        "I don't want to die, I just want more buses",
        "I would never hurt myself",
        "my leg hurts after football",
        "nie chcę umrzeć",
        "আমি মরতে চাই না",
        "میں مرنا نہیں چاہتا",
        "I feel safe at home",
        "I want to die my hair blue",
        "I nearly killed myself laughing at that",
    ],
)
def test_no_risk_is_found(text):
    assert detect_risk(text) == ()


def test_negation_does_not_cross_a_clause():
    assert risk_categories("It's not bad, he hits me") == ("abuse",)


def test_signals_name_the_phrase_and_language():
    [signal] = detect_risk("honestly I want to die")
    assert (signal.category, signal.language, signal.phrase) == ("self_harm", "en", "want to die")


def test_odd_input_does_not_break_detection():
    assert detect_risk("\x00\u202e😀" * 1000) == ()
    assert detect_risk("want " * 10_000) == ()
