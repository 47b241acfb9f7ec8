"""Theme and sentiment suggestions, and the analysts' command line."""

from __future__ import annotations

import csv

from analysis.__main__ import main
from analysis.suggest import Answer, Suggester

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
