"""How well free text that suggests a risk is caught, on the held-aside fifth of the
safeguarding evaluation set (never used for training or tuning), and what it costs.

    python bench/safeguarding_detection.py

Compares the phrase lists alone (the previous version) with the phrase lists plus the
learned model (what the app runs): precision and recall overall, recall per category
and per language, and CPU time per answer as a ratio of the phrase lists' time.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import disclosure  # noqa: E402
from analysis.concern_model import model  # noqa: E402
from bench.report import publish  # noqa: E402
from bench.safeguarding.data import CATEGORIES, Example, held, training  # noqa: E402


def phrases_only(text: str) -> bool:
    return bool(disclosure.phrase_categories(text))


def combined(text: str) -> bool:
    return bool(disclosure.risk_categories(text))


def scores(rows: list[Example], flag) -> dict:  # type: ignore[no-untyped-def]
    flagged = [flag(r.text) for r in rows]
    tp = sum(f and r.concern for f, r in zip(flagged, rows, strict=True))
    fp = sum(f and not r.concern for f, r in zip(flagged, rows, strict=True))
    fn = sum(not f and r.concern for f, r in zip(flagged, rows, strict=True))
    recall_by: dict[str, dict[str, list[int]]] = {
        "category": defaultdict(list),
        "language": defaultdict(list),
    }
    for f, r in zip(flagged, rows, strict=True):
        if r.concern:
            recall_by["category"][r.category].append(int(f))
            recall_by["language"]["en" if r.language == "en" else r.language].append(int(f))
    return {
        "precision": round(tp / max(tp + fp, 1), 3),
        "recall": round(tp / max(tp + fn, 1), 3),
        "false_alarms": fp,
        "missed": fn,
        "by_category": {k: [sum(v), len(v)] for k, v in sorted(recall_by["category"].items())},
        "by_language": {k: [sum(v), len(v)] for k, v in sorted(recall_by["language"].items())},
    }


def per_answer_us(flag, texts: list[str], repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeats):
        disclosure._scan.cache_clear()
        disclosure.model_probability.cache_clear()
        started = time.process_time()
        for text in texts:
            flag(text)
        best = min(best, time.process_time() - started)
    return best / len(texts) * 1e6


def markdown(results: dict) -> str:
    before, after = results["phrases"], results["phrases_and_model"]
    lines = [
        "## Safeguarding detection: the held-aside fifth of the evaluation set",
        "",
        f"Produced by `bench/safeguarding_detection.py` on {results['held']} answers "
        f"({results['held_concern']} concerning) never used for training or tuning; the model "
        f"learned from the other {results['trained']}. Threshold {results['threshold']} "
        "(the lowest whose cross-validated precision on the training part is at least 0.70, "
        "the phrase lists' own).",
        "",
        "| | precision | recall | false alarms | missed |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| phrase lists alone (the previous detector) | {before['precision']} | "
        f"{before['recall']} | "
        f"{before['false_alarms']} | {before['missed']} |",
        f"| phrase lists + model (what the app runs) | {after['precision']} | "
        f"{after['recall']} | "
        f"{after['false_alarms']} | {after['missed']} |",
        "",
        "Recall by category (found / concerning answers held aside):",
        "",
        "| category | lists alone | lists + model |",
        "| --- | ---: | ---: |",
    ]
    for category in CATEGORIES:
        b = before["by_category"].get(category, [0, 0])
        a = after["by_category"].get(category, [0, 0])
        lines.append(f"| {category} | {b[0]}/{b[1]} | {a[0]}/{a[1]} |")
    lines += ["", "Recall by language:", "", "| language | lists alone | lists + model |"]
    lines.append("| --- | ---: | ---: |")
    for language, a in after["by_language"].items():
        b = before["by_language"].get(language, [0, 0])
        lines.append(f"| {language} | {b[0]}/{b[1]} | {a[0]}/{a[1]} |")
    lines += [
        "",
        f"CPU per answer: phrase lists {results['phrases_us']:.0f} µs, phrase lists + model "
        f"{results['combined_us']:.0f} µs ({results['ratio']:.1f}× the phrase lists), "
        "against a budget of 5 ms at submission.",
    ]
    return "\n".join(lines)


def main() -> int:
    rows = held()
    texts = [r.text for r in rows]
    results = {
        "held": len(rows),
        "held_concern": sum(r.concern for r in rows),
        "trained": len(training()),
        "threshold": model().threshold,
        "phrases": scores(rows, phrases_only),
        "phrases_and_model": scores(rows, combined),
        "phrases_us": per_answer_us(phrases_only, texts),
        "combined_us": per_answer_us(combined, texts),
    }
    results["ratio"] = results["combined_us"] / results["phrases_us"]
    publish("safeguarding-detection", results, markdown)
    print(markdown(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
