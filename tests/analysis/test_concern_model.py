"""The learned concern model: its plain-Python scoring is the scikit-learn pipeline's,
and on the held-aside fifth of the evaluation set (never trained or tuned on) it finds
far more than the phrase lists without being less precise."""

from __future__ import annotations

from collections import defaultdict

import pytest

from analysis.concern_model import features, model
from analysis.disclosure import POSSIBLE_CONCERN, phrase_categories, risk_categories
from bench.safeguarding.data import CATEGORIES, examples, held, training
from bench.safeguarding.train import PRECISION_FLOOR


def test_the_plain_python_score_is_the_trained_pipelines():
    from bench.safeguarding.train import pipeline

    rows = training()
    trained = pipeline().fit([r.text for r in rows], [int(r.concern) for r in rows])
    sample = [r.text for r in held()[:60]] + ["", "ok", "NOBODY hits me!!", "قلبي"]
    expected = trained.predict_proba(sample)[:, 1]
    for text, probability in zip(sample, expected, strict=True):
        assert model().probability(text) == pytest.approx(probability, abs=0.01), text


def test_features_mark_negated_words_and_keep_misspellings_close():
    assert {"w:nobody", "n:hits", "n:me"} <= features("Nobody hits me")
    assert "w:hits" in features("he hits me")
    shared = features("he keeps hitting me") & features("he keps hiting me")
    assert {" hit", "ing "} <= shared


def test_the_held_aside_fifth_is_never_in_training_and_covers_every_category():
    train, aside = {r.text for r in training()}, held()
    assert not train & {r.text for r in aside}
    assert len(train) + len(aside) == len(examples()) >= 1000
    assert {r.category for r in aside if r.concern} == set(CATEGORIES)
    other = [r for r in examples() if r.language != "en"]
    assert len(other) >= 0.2 * len(examples())
    assert {r.category for r in other if r.concern} == set(CATEGORIES)


def test_on_the_held_aside_fifth_it_finds_far_more_without_losing_precision():
    rows = held()
    flagged = [bool(risk_categories(r.text)) for r in rows]
    before = [bool(phrase_categories(r.text)) for r in rows]

    def precision_recall(found):
        tp = sum(f and r.concern for f, r in zip(found, rows, strict=True))
        return tp / max(sum(found), 1), tp / sum(r.concern for r in rows)

    precision, recall = precision_recall(flagged)
    old_precision, old_recall = precision_recall(before)
    assert recall >= 0.75 > 2 * old_recall
    assert precision >= PRECISION_FLOOR  # the lists' own precision when it was trained
    by_category = defaultdict(list)
    for found, r in zip(flagged, rows, strict=True):
        if r.concern:
            by_category[r.category].append(found)
    weakest = min(sum(v) / len(v) for v in by_category.values())
    assert weakest >= 0.5, {k: f"{sum(v)}/{len(v)}" for k, v in by_category.items()}


@pytest.mark.parametrize(
    "text",
    [
        "been getting hit by my mums boyfriend",
        "the olders make me take bags to other towns and say i owe them",
        "my uncle keeps coming in my room at night",
        "everyone would be better off without me",
        "theres never any food in the house and mum doesnt get up",
        "they are taking me abroad in summer to get married",
        "i stayed out 3 nights and nobody looked for me",
    ],
)
def test_wordings_the_phrase_lists_miss_are_flagged_as_a_possible_concern(text):
    assert phrase_categories(text) == ()
    assert risk_categories(text) == (POSSIBLE_CONCERN,)


@pytest.mark.parametrize(
    "text", ["Nobody hits me", "My dad doesn't hit me", "I would never hurt myself"]
)
def test_a_denial_the_phrase_lists_read_is_not_overruled_by_the_model(text):
    assert risk_categories(text) == ()
