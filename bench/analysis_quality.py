"""Quality of theme and sentiment suggestions, by cross-validation on labelled answers.

    python bench/analysis_quality.py [--data LABELLED.csv] [--folds 5 --repeats 2]

Reports theme micro-F1 and macro-F1 and sentiment macro-F1, with TextBlob alone as
the sentiment baseline, as JSON and in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold
from sklearn.preprocessing import MultiLabelBinarizer
from textblob import TextBlob

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.suggest import MAX_THEMES, THEME_FLOOR, THEME_THRESHOLD, Answer, Suggester  # noqa: E402
from bench.report import write_section  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "nhs-feedback" / "dev.csv"


def textblob_sentiment(text: str) -> str:
    polarity = TextBlob(text).sentiment.polarity
    return "positive" if polarity > 0.1 else "negative" if polarity < -0.1 else "neutral"


def evaluate(rows: list[dict[str, str]], folds: int, repeats: int) -> dict:
    answers = [Answer(r["question"], r["text"]) for r in rows]
    themes = [[t for t in r["themes"].split(";") if t] for r in rows]
    moods = [r["sentiment"] for r in rows]
    binarizer = MultiLabelBinarizer().fit(themes)
    scores: dict[str, list[float]] = {"theme_micro": [], "theme_macro": [], "sentiment_macro": []}
    started = time.perf_counter()
    for repeat in range(repeats):
        for train, test in KFold(folds, shuffle=True, random_state=repeat).split(rows):
            model = Suggester().fit(
                [answers[i] for i in train], [themes[i] for i in train], [moods[i] for i in train]
            )
            suggestions = model.suggest([answers[i] for i in test])
            truth = binarizer.transform([themes[i] for i in test])
            guess = binarizer.transform([[t for t, _ in s.themes] for s in suggestions])
            scores["theme_micro"].append(f1_score(truth, guess, average="micro", zero_division=0))
            scores["theme_macro"].append(f1_score(truth, guess, average="macro", zero_division=0))
            scores["sentiment_macro"].append(
                f1_score(
                    [moods[i] for i in test], [s.sentiment for s in suggestions], average="macro"
                )
            )
    baseline = f1_score(moods, [textblob_sentiment(a.text) for a in answers], average="macro")
    return {
        "answers": len(rows),
        "folds": folds,
        "repeats": repeats,
        "seconds": round(time.perf_counter() - started, 1),
        **{name: round(float(np.mean(values)), 3) for name, values in scores.items()},
        **{f"{name}_sd": round(float(np.std(values)), 3) for name, values in scores.items()},
        "textblob_sentiment_macro": round(float(baseline), 3),
    }


def markdown(result: dict) -> str:
    return "\n".join(
        [
            "## Analysis quality (theme and sentiment suggestions)",
            "",
            f"Produced by `bench/analysis_quality.py`: {result['folds']}-fold cross-validation, "
            f"repeated {result['repeats']} times with different shuffles, on the "
            f"{result['answers']:,} labelled NHS answers in `dev.csv` ({result['seconds']} s).",
            "Targets (issue 4): theme micro-F1 \u2265 0.78, sentiment macro-F1 \u2265 0.72.",
            "",
            "| model | theme micro-F1 | theme macro-F1 | sentiment macro-F1 |",
            "| --- | ---: | ---: | ---: |",
            f"| TextBlob alone (sentiment baseline) | | | {result['textblob_sentiment_macro']} |",
            "| TF-IDF words + characters and question; themes: a balanced logistic "
            f"regression per theme, \u2265 {THEME_THRESHOLD} or else the top theme if "
            f"\u2265 {THEME_FLOOR}, at most {MAX_THEMES}; "
            "sentiment: logistic regression with negation marks, TextBlob polarity and "
            "subjectivity, null answers to improvement questions positive "
            f"| {result['theme_micro']} "
            f"(\u00b1{result['theme_micro_sd']}) | {result['theme_macro']} "
            f"(\u00b1{result['theme_macro_sd']}) | {result['sentiment_macro']} "
            f"(\u00b1{result['sentiment_macro_sd']}) |",
            "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    with open(args.data, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    result = evaluate(rows, args.folds, args.repeats)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "analysis_quality.json").write_text(json.dumps(result, indent=1))
    write_section("analysis-quality", markdown(result))
    print(json.dumps(result))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
