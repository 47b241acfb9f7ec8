"""Theme and sentiment suggestions, and the analysts' command line."""

from __future__ import annotations

import csv

import pytest

from analysis.__main__ import main
from analysis.suggest import Answer, Suggester, is_null_improvement

TRAIN = [
    ("How could we improve?", "More buses in the evening please", "Transport", "negative"),
    ("How could we improve?", "The bus never comes on time", "Transport", "negative"),
    ("How could we improve?", "Buses are too expensive", "Transport", "negative"),
    ("What was good?", "The youth club staff listen to us", "Being listened to", "positive"),
    ("What was good?", "Adults listened to what we said", "Being listened to", "positive"),
    ("What was good?", "They really listen at the club", "Being listened to", "positive"),
    ("How could we improve?", "Nothing", "", "positive"),
    ("How could we improve?", "Nothing really, it is fine", "", "positive"),
]


def _fit() -> Suggester:
    return Suggester(threshold=0.3).fit(
        [Answer(q, t) for q, t, _, _ in TRAIN],
        [[th] if th else [] for _, _, th, _ in TRAIN],
        [s for *_, s in TRAIN],
    )


def test_suggestions_carry_themes_with_confidence_and_a_sentiment():
    [bus, club] = _fit().suggest(
        [
            Answer("How could we improve?", "the buses are late again"),
            Answer("What was good?", "staff at the club listen"),
        ]
    )
    assert bus.themes[0][0] == "Transport" and 0 < bus.themes[0][1] <= 1
    assert club.themes[0][0] == "Being listened to"
    assert bus.sentiment in {"negative", "neutral", "positive"}


def test_command_line_writes_the_output_columns(tmp_path):
    train, answers, out = tmp_path / "train.csv", tmp_path / "answers.csv", tmp_path / "out.csv"
    with train.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "text", "themes", "sentiment"])
        for number, (q, t, th, s) in enumerate(TRAIN * 2):
            writer.writerow([number, q, t, th, s])
    with answers.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "text"])
        writer.writerow(["a1", "How could we improve?", "more buses please"])
        writer.writerow(["a2", "How could we improve?", "I want to kill myself"])
    assert (
        main(["suggest", "--train", str(train), "--input", str(answers), "--output", str(out)]) == 0
    )
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert set(rows[0]) == {"id", "themes", "sentiment", "concern"}
    assert (rows[0]["concern"], rows[1]["concern"]) == ("0", "1")


def test_nothing_to_an_improvement_question_is_positive_whatever_the_model_says():
    # Trained so that "nothing" leans negative; the null-answer rule still wins.
    model = Suggester().fit(
        [
            Answer("What was good?", "Nothing"),
            Answer("What was good?", "Nothing at all"),
            Answer("What was good?", "Nothing, it was awful"),
            Answer("What was good?", "The staff were lovely"),
        ],
        [[], [], [], []],
        ["negative", "negative", "negative", "positive"],
    )
    improve, good = model.suggest(
        [Answer("How could we improve?", "Nothing."), Answer("What was good?", "Nothing.")]
    )
    assert improve.sentiment == "positive"
    assert good.sentiment == "negative"
    assert is_null_improvement(Answer("What could we do better?", "n/a"))
    assert is_null_improvement(Answer("How could we improve?", "Can\u2019t think of anything"))
    assert not is_null_improvement(Answer("How could we improve?", "No one called me back"))
    assert not is_null_improvement(Answer("What was good?", "Nothing"))


def test_the_most_likely_theme_is_given_when_none_reaches_the_threshold():
    model = _fit()
    answer = Answer("How could we improve?", "buses")
    [probabilities] = model.theme_probabilities([answer])
    top = max(probabilities)
    assert top < 0.99
    model.threshold, model.floor = 0.99, 0.0
    [floored] = model.suggest([answer])
    assert floored.themes == (("Transport", float(top)),)
    model.floor = 0.99
    assert model.suggest([answer])[0].themes == ()


def test_themes_are_capped_and_most_confident_first():
    model = _fit()
    model.threshold, model.max_themes = 0.0, 1
    [capped] = model.suggest([Answer("How could we improve?", "buses")])
    assert [name for name, _ in capped.themes] == ["Transport"]
    model.max_themes = 5
    [both] = model.suggest([Answer("How could we improve?", "buses")])
    confidences = [confidence for _, confidence in both.themes]
    assert len(both.themes) == 2 and confidences == sorted(confidences, reverse=True)


def test_degenerate_training_sets_do_not_crash():
    answers = [Answer("How could we improve?", "More buses"), Answer("What was good?", "Staff")]
    no_themes = Suggester().fit(answers, [[], []], ["positive", "positive"])
    [suggestion] = no_themes.suggest([Answer("What was good?", "The staff")])
    assert suggestion.themes == ()
    assert (suggestion.sentiment, suggestion.sentiment_confidence) == ("positive", 1.0)
    everywhere = Suggester().fit(answers, [["Transport"], ["Transport"]], ["negative", "neutral"])
    [suggestion] = everywhere.suggest([Answer("What was good?", "Anything")])
    assert suggestion.themes[0][0] == "Transport"
    assert suggestion.sentiment in {"negative", "neutral"}
    with pytest.raises(ValueError, match="no confirmed answers"):
        Suggester().fit([], [], [])


def test_repeated_answers_get_the_same_suggestion_as_when_alone():
    model = _fit()
    lone = model.suggest([Answer("How could we improve?", "the buses are late again")])
    many = model.suggest(
        [Answer("How could we improve?", "the buses are late again")] * 3
        + [Answer("What was good?", "staff at the club listen")]
    )
    assert many[:3] == lone * 3
    assert many[3].themes[0][0] == "Being listened to"
