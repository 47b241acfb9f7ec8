"""The second look on the held-aside fifth of the evaluation set, which neither model was
trained or tuned on: it adds to what staff review without making flags less trustworthy."""

from __future__ import annotations

import pytest

from analysis import concern_second_look
from analysis.disclosure import phrase_categories, review_categories, risk_categories
from bench.safeguarding.data import held


@pytest.fixture(scope="module")
def looks():
    embedder = concern_second_look.Embedder()
    return {e.text: concern_second_look.read(e.text, embedder) for e in held()}


def _scores(flags: dict[str, bool]) -> tuple[float, float]:
    rows = held()
    tp = sum(flags[e.text] and e.concern for e in rows)
    flagged = sum(flags[e.text] for e in rows)
    return tp / flagged, tp / sum(e.concern for e in rows)


def test_second_look_is_more_precise_and_staff_review_finds_more(looks):
    rows = held()
    fast = {e.text: bool(risk_categories(e.text)) for e in rows}
    second = {e.text: bool(phrase_categories(e.text)) or looks[e.text].concern for e in rows}
    either = {text: fast[text] or second[text] for text in fast}
    fast_precision, fast_recall = _scores(fast)
    second_precision, second_recall = _scores(second)
    either_precision, either_recall = _scores(either)
    assert second_precision >= 0.80 and second_precision > fast_precision + 0.05
    assert second_recall >= 0.85
    assert either_recall >= 0.95 and either_recall > fast_recall + 0.03
    assert either_precision >= 0.70


def test_a_named_risk_is_usually_right(looks):
    named = [e for e in held() if e.concern and looks[e.text].concern and looks[e.text].category]
    right = [e for e in named if looks[e.text].category == e.category]
    assert len(named) >= 90  # of 365 concerning answers; the rest stay unnamed
    assert len(right) / len(named) >= 0.85


def test_a_denial_the_lists_read_is_never_a_second_look_concern():
    embedder = concern_second_look.Embedder()
    for text in ("nobody hurts me at home", "i don't cut myself"):
        look = concern_second_look.read(text, embedder)
        assert look.denied and not look.concern


def test_what_staff_review_is_precise_and_rarely_flags_an_ordinary_answer(looks):
    """Staff see what is flagged at submission (phrases, or the n-gram model when sure)
    or by the second look: on the held-aside fifth, and on its ordinary answers."""
    rows = held()
    staff = {
        e.text: bool(review_categories(e.text)) or bool(phrase_categories(e.text))
        or looks[e.text].concern
        for e in rows
    }  # fmt: skip
    precision, recall = _scores(staff)
    assert precision >= 0.80 and recall >= 0.90
    plain = [e.text for e in rows if e.category == "none"]
    assert len(plain) >= 300
    assert sum(staff[t] for t in plain) / len(plain) <= 0.05
    help_shown = sum(bool(risk_categories(t)) for t in plain) / len(plain)
    assert help_shown <= 0.15  # help shown to someone who did not need it costs little
