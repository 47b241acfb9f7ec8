"""Examples in every category and language that must be flagged, and look-alikes that
must not (``concern_cases.csv``, written apart from the evaluation set in
``bench/safeguarding``, which these tests never read). A concern must reach staff:
flagged at submission or by the second look. A look-alike must neither show the young
person help nor be flagged by the second look. The known gaps are listed, and fail the
run once they are fixed, so the list stays true."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import concern_second_look
from analysis.disclosure import review_categories, risk_categories
from bench.safeguarding.data import CATEGORIES

_FILE = Path(__file__).parent / "concern_cases.csv"
CASES = list(csv.DictReader(_FILE.read_text(encoding="utf-8").splitlines()))
LANGUAGES = {"en", "cy", "ar", "bn", "gu", "pa", "pl", "pt", "ro", "so", "es", "tr", "ur"}
# Wrongly flagged or missed today, with what goes wrong; each is xfail(strict).
KNOWN_GAPS: dict[str, str] = {
    "en-sexual_exploitation-34": "both models read a boyfriend as grooming",
    "en-bullying_threats-43": "the n-gram model reads 'picked on', though it stopped",
    "ar-physical_abuse-75": "the n-gram model misses the Levantine Arabic denial",
    "gu-physical_abuse-87": "both models miss the Gujarati negation after the verb",
    "ro-domestic_abuse-111": "the n-gram model misses the Romanian denial",
    "so-physical_abuse-117": "the second look misses the Somali denial",
}


@pytest.fixture(scope="module")
def embedder() -> concern_second_look.Embedder:
    return concern_second_look.Embedder()


def _params(concern: str) -> list:
    found = []
    for n, case in enumerate(CASES):
        if case["concern"] != concern:
            continue
        name = f"{case['language']}-{case['category']}-{n}"
        gap = KNOWN_GAPS.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        found.append(pytest.param(case["text"], id=name, marks=marks))
    return found


def test_every_category_and_language_has_both_kinds():
    for concern in ("0", "1"):
        rows = [c for c in CASES if c["concern"] == concern]
        assert {c["language"] for c in rows} == LANGUAGES
    assert {c["category"] for c in CASES if c["concern"] == "1"} == set(CATEGORIES)
    english = [c for c in CASES if c["language"] == "en"]
    for concern in ("0", "1"):
        assert {c["category"] for c in english if c["concern"] == concern} == set(CATEGORIES)


@pytest.mark.parametrize("text", _params("1"))
def test_a_concern_reaches_staff(text, embedder):
    at_submission = bool(review_categories(text))
    assert at_submission or concern_second_look.read(text, embedder).concern


@pytest.mark.parametrize("text", _params("0"))
def test_a_look_alike_is_not_flagged(text, embedder):
    assert risk_categories(text) == ()
    assert not concern_second_look.read(text, embedder).concern
