"""Command line for analysts: ``python -m analysis suggest --train LABELLED.csv --input
ANSWERS.csv --output OUT.csv``.

ANSWERS.csv has the columns id,question,text. LABELLED.csv adds themes (names
separated by semicolons) and sentiment (negative, neutral or positive). OUT.csv has
id,themes,sentiment,concern, where concern is 0 or 1.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence

from analysis.disclosure import risk_categories
from analysis.suggest import Answer, Suggester


def _read(path: str, needed: Sequence[str]) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in needed if name not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{path}: missing columns {', '.join(missing)}")
        return list(reader)


def suggest(train: str, input_path: str, output: str) -> int:
    labelled = _read(train, ("id", "question", "text", "themes", "sentiment"))
    answers = _read(input_path, ("id", "question", "text"))
    model = Suggester().fit(
        [Answer(row["question"], row["text"]) for row in labelled],
        [[t for t in row["themes"].split(";") if t] for row in labelled],
        [row["sentiment"] for row in labelled],
    )
    suggestions = model.suggest([Answer(row["question"], row["text"]) for row in answers])
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "themes", "sentiment", "concern"])
        for row, suggestion in zip(answers, suggestions, strict=True):
            writer.writerow(
                [
                    row["id"],
                    ";".join(theme for theme, _ in suggestion.themes),
                    suggestion.sentiment,
                    1 if risk_categories(row["text"]) else 0,
                ]
            )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("suggest", help="suggest themes, sentiment and concerns")
    run.add_argument("--train", required=True)
    run.add_argument("--input", required=True)
    run.add_argument("--output", required=True)
    args = parser.parse_args(argv)
    return suggest(args.train, args.input, args.output)


if __name__ == "__main__":
    sys.exit(main())
