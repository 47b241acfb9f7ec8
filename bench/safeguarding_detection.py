"""How well free text that suggests a risk is caught, on the held-aside fifth of the
safeguarding evaluation set (never used for training or tuning), and what it costs.

    python bench/safeguarding_detection.py

Compares the phrase lists alone (the previous version), the fast path the young person's
support page comes from (phrase lists + n-gram model), the background worker's second
look (phrase lists + the embedding model) and what staff are asked to review (flagged
at submission, where the n-gram model must be surer than it needs to be to show help, or
by the second look): precision and recall overall, recall per category and per language,
false alarms on ordinary answers, and CPU time per answer as a ratio of the phrase
lists' time. Embedding the held-aside answers takes about a minute.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PATIENT_FEEDBACK = ROOT.parent / "shared" / "data" / "nhs-feedback" / "dev.csv"

from analysis import concern_second_look, disclosure  # noqa: E402
from analysis.concern_model import model  # noqa: E402
from bench.report import publish  # noqa: E402
from bench.safeguarding.data import CATEGORIES, Example, held, training  # noqa: E402


def phrases_only(text: str) -> bool:
    return bool(disclosure.phrase_categories(text))


def combined(text: str) -> bool:
    return bool(disclosure.risk_categories(text))


def flagged_at_once(text: str) -> bool:
    return bool(disclosure.review_categories(text))


class SecondLook:
    def __init__(self, rows: list[Example]) -> None:
        self.embedder = concern_second_look.Embedder()
        self.looks = {r.text: concern_second_look.read(r.text, self.embedder) for r in rows}

    def flags(self, text: str) -> bool:
        return bool(disclosure.phrase_categories(text)) or self.looks[text].concern

    def naming(self, rows: list[Example]) -> tuple[int, int, int]:
        """Of the concerning answers only the second look flags: (found, named, named right)."""
        only = [
            r
            for r in rows
            if r.concern and not disclosure.phrase_categories(r.text) and self.looks[r.text].concern
        ]
        named = [r for r in only if self.looks[r.text].category]
        right = [r for r in named if self.looks[r.text].category == r.category]
        return len(only), len(named), len(right)

    def us_per_answer(self, texts: list[str]) -> float:
        started = time.process_time()
        for text in texts[:100]:
            concern_second_look.read(text, self.embedder)
        return (time.process_time() - started) / min(len(texts), 100) * 1e6


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


def flag_rate(texts: list[str], flag) -> float:  # type: ignore[no-untyped-def]
    return round(sum(bool(flag(t)) for t in texts) / max(len(texts), 1), 3)


def patient_feedback(limit: int = 600) -> list[str]:
    """Real answers from an NHS patient-feedback survey: adult, and about care, not about
    a child's safety; never used for training. Every sixth, up to ``limit``."""
    if not PATIENT_FEEDBACK.exists():
        return []
    with open(PATIENT_FEEDBACK, newline="", encoding="utf-8") as handle:
        texts = [r["text"] for r in csv.DictReader(handle) if r["text"].strip()]
    return texts[::6][:limit]


def ordinary(results: dict, rows: list[Example], second: SecondLook, outside: list[str]) -> None:
    """False alarms on ordinary answers (held-aside answers about nothing risky), and
    the precision to expect where 1 answer in 20 is concerning."""
    plain = [r.text for r in rows if r.category == "none"]
    flags = {
        "phrases": phrases_only,
        "phrases_and_model": combined,
        "at_once": flagged_at_once,
        "second_look": second.flags,
        "staff": lambda text: flagged_at_once(text) or second.flags(text),
    }
    for key, flag in flags.items():
        rate = flag_rate(plain, flag)
        recall = results[key]["recall"]
        results[key]["ordinary_flagged"] = rate
        results[key]["precision_at_5_percent"] = round(
            0.05 * recall / max(0.05 * recall + 0.95 * rate, 1e-9), 3
        )
        results[key]["patient_feedback_flagged"] = flag_rate(outside, flag) if outside else None
    results["ordinary"] = len(plain)
    results["patient_feedback"] = len(outside)


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


DETECTORS = (
    ("phrases", "phrase lists alone (the previous detector)"),
    ("phrases_and_model", "fast path: phrase lists + n-gram model (the support page)"),
    ("at_once", "fast path, surer: flagged for staff at submission"),
    ("second_look", "second look: phrase lists + embedding model (background worker)"),
    ("staff", "what staff review: flagged at submission or by the second look"),
)


def markdown(results: dict) -> str:
    after = results["phrases_and_model"]
    found, named, right = results["naming"]
    lines = [
        "## Safeguarding detection: the held-aside fifth of the evaluation set",
        "",
        f"Produced by `bench/safeguarding_detection.py` on {results['held']} answers "
        f"({results['held_concern']} concerning) never used for training or tuning; the model "
        f"learned from the other {results['trained']}. Help is shown at threshold "
        f"{results['threshold']} (the lowest whose cross-validated precision on the training "
        "part is at least 0.70, the phrase lists' own); staff are asked to look at once from "
        f"{results['review_threshold']} (at least 0.85). The second look's threshold is "
        f"{results['second_look_threshold']} (cross-validated precision at least 0.85).",
        "",
        "| | precision | recall | false alarms | missed |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for key, label in DETECTORS:
        r = results[key]
        lines.append(
            f"| {label} | {r['precision']} | {r['recall']} | {r['false_alarms']} | {r['missed']} |"
        )
    header = "| lists alone | fast path | at once | second look | staff review |"
    lines += [
        "",
        "Recall by category (found / concerning answers held aside):",
        "",
        "| category " + header,
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for category in CATEGORIES:
        cells = [results[k]["by_category"].get(category, [0, 0]) for k, _ in DETECTORS]
        lines.append(f"| {category} | " + " | ".join(f"{a}/{b}" for a, b in cells) + " |")
    lines += ["", "Recall by language:", "", "| language " + header]
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for language in after["by_language"]:
        cells = [results[k]["by_language"].get(language, [0, 0]) for k, _ in DETECTORS]
        lines.append(f"| {language} | " + " | ".join(f"{a}/{b}" for a, b in cells) + " |")
    lines += [
        "",
        f"Ordinary answers: how often each flags one of the {results['ordinary']} held-aside "
        "answers about nothing risky (category none), the precision to expect where 1 answer "
        "in 20 is concerning (from that rate and the recall above), and how often each flags "
        f"one of {results['patient_feedback']} real NHS patient-feedback answers (adult, "
        "about care, never trained on).",
        "",
        "| | ordinary answers flagged | precision at 1 in 20 | patient feedback flagged |",
        "| --- | ---: | ---: | ---: |",
    ]
    for key, label in DETECTORS:
        r = results[key]
        lines.append(
            f"| {label} | {r['ordinary_flagged']} | {r['precision_at_5_percent']} "
            f"| {r['patient_feedback_flagged']} |"
        )
    lines += [
        "",
        f"Of the {found} concerning answers only the second look found, it named the risk for "
        f'{named} (the rest stay a "possible concern") and named it right for {right}.',
        "",
        f"CPU per answer: phrase lists {results['phrases_us']:.0f} µs; fast path "
        f"{results['combined_us']:.0f} µs ({results['ratio']:.1f}× the phrase lists), against "
        "a budget of 5 ms at submission; second look, in the background worker on one core, "
        f"{results['second_look_us'] / 1000:.0f} ms "
        f"({results['second_look_us'] / results['combined_us']:.0f}× the fast path).",
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
        "review_threshold": model().review_threshold,
        "phrases": scores(rows, phrases_only),
        "phrases_and_model": scores(rows, combined),
        "phrases_us": per_answer_us(phrases_only, texts),
        "combined_us": per_answer_us(combined, texts),
    }
    results["ratio"] = results["combined_us"] / results["phrases_us"]
    second = SecondLook(rows)
    results["second_look_threshold"] = concern_second_look.weights().threshold
    results["second_look"] = scores(rows, second.flags)
    results["at_once"] = scores(rows, flagged_at_once)
    results["staff"] = scores(rows, lambda text: flagged_at_once(text) or second.flags(text))
    results["naming"] = second.naming(rows)
    results["second_look_us"] = second.us_per_answer(texts)
    outside = patient_feedback()
    second.looks.update(
        {t: concern_second_look.read(t, second.embedder) for t in outside if t not in second.looks}
    )
    ordinary(results, rows, second, outside)
    publish("safeguarding-detection", results, markdown)
    print(markdown(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
