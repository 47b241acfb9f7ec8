"""Speed and memory of the full pure analysis pipeline over 100,000 answers.

    python bench/analysis_speed.py [--answers 100000 --processes 2 --chunk 2000]

For every answer: ``Preparer.prepare`` (normalise, language, concern check, redaction,
sentiment), codebook matching (12 youth-voice themes, English and Welsh phrases) and
theme suggestions from a ``Suggester`` fitted on 1,000 labelled answers (the fit is
timed separately). Run with worker processes (fork, chunks of answers) and in one
process. Writes ``bench/results/analysis_speed.json`` and the ``analysis-speed``
section of docs/benchmarks.md. Target (issue): >= 5,000 answers/s on 2 cores with
peak memory <= 1 GB.

Memory is the peak resident set size (``ru_maxrss``, KiB on Linux) of the parent
plus each worker's own peak, which each worker reads with ``getrusage(RUSAGE_SELF)``
after every chunk. Forked workers share the parent's pages copy-on-write and RSS
counts shared pages in every process, so the sum over-states real use: it is an
upper bound. ``getrusage(RUSAGE_CHILDREN)`` (the largest finished worker) is also
reported.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import platform
import random
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.codebook import Codebook, CodebookTheme  # noqa: E402
from analysis.pipeline import Preparer  # noqa: E402
from analysis.suggest import Answer, Suggester  # noqa: E402
from bench.report import write_section  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "nhs-feedback" / "dev.csv"
TARGET_RATE = 5000  # answers per second, on 2 cores
TARGET_MB = 1024
TRAIN_SIZE = 1000
SEED = 20260301

LOCAL_NAMES = [
    "Hillside Academy",
    "St Mary's School",
    "Brookfield Park",
    "Northgate",
    "Ysgol Y Castell",
]
OFFERED = ("en", "cy", "pl", "ar", "ur")

YOUTH_QUESTIONS = [
    "What would make your area a better place for young people?",
    "What makes you feel safe or unsafe?",
    "What is good about where you live?",
    "How could we improve?",
]

# A youth-voice codebook: 12 themes, 5-10 English phrases each, some Welsh ones.
CODEBOOK_THEMES: dict[str, dict[str, list[str]]] = {
    "transport": {
        "en": ["bus*", "train*", "travel", "fares", "bus pass", "lift*", "transport", "taxi*"],
        "cy": ["bws", "bysiau", "trên", "teithio"],
    },
    "bullying": {
        "en": ["bull*", "picked on", "name calling", "called me names", "left out", "mean to me"],
        "cy": ["bwlio", "cael fy mwlio"],
    },
    "online": {
        "en": [
            "online",
            "phone*",
            "social media",
            "snapchat",
            "tiktok",
            "instagram",
            "group chat*",
        ],
        "cy": ["ar-lein", "ffôn", "cyfryngau cymdeithasol"],
    },
    "school": {
        "en": ["school", "teacher*", "exam*", "homework", "lesson*", "gcse*", "revision"],
        "cy": ["ysgol", "athrawon", "arholiad*", "gwaith cartref"],
    },
    "mental health": {
        "en": ["stress*", "anxi*", "depress*", "mental health", "lonely", "worr*", "sad", "panic*"],
        "cy": ["iechyd meddwl", "unig", "poeni"],
    },
    "places to go": {
        "en": [
            "youth club*",
            "nothing to do",
            "park*",
            "places to go",
            "skate park",
            "leisure centre",
        ],
        "cy": ["clwb ieuenctid", "dim byd i wneud", "parc"],
    },
    "feeling safe": {
        "en": ["safe", "unsafe", "not safe", "scared", "dark", "street light*", "gang*", "knife*"],
        "cy": ["diogel", "saff", "ofn", "tywyll"],
    },
    "being listened to": {
        "en": ["listen*", "heard", "our say", "our voice", "nobody asks", "adults don't"],
        "cy": ["gwrando", "ein llais"],
    },
    "police": {"en": ["police", "cops", "pcso", "stop and search", "officer*"], "cy": ["heddlu"]},
    "family and home": {
        "en": ["home", "family", "mum", "dad", "parent*", "carer*", "foster*", "siblings"],
        "cy": ["cartref", "teulu", "mam", "tad"],
    },
    "health services": {
        "en": ["doctor*", "gp", "nurse*", "camhs", "waiting list*", "appointment*", "hospital"],
        "cy": ["meddyg", "ysbyty", "apwyntiad"],
    },
    "money and cost": {
        "en": ["money", "cost*", "expensive", "afford*", "cheap*", "free", "price*", "jobs"],
        "cy": ["arian", "drud", "am ddim"],
    },
}


def youth_pool(rng: random.Random) -> list[tuple[str, str, str]]:
    """A few hundred synthetic youth answers: (question, text, language answered in)."""
    short = [
        "nothing",
        "idk",
        "no",
        "nah",
        "dunno",
        "ok",
        "not sure",
        "n/a",
        "nothing tbh",
        "everything",
        "more stuff",
        "idk tbh",
        "-",
        "?",
        "lol",
        "yes",
        "nope",
        "all good",
    ]
    openers = ["honestly", "tbh", "ngl", "lowkey", "fr", "like", "idk but", "", "", ""]
    topics = [
        "the buses are always late and fares are well expensive",
        "there's literally nothing to do round here after 6",
        "need more youth clubs that are actually open",
        "people get bullied on snapchat and nobody does anything",
        "the park is dead dark at night, no street lights",
        "teachers don't listen to us about exam stress",
        "too much pressure with gcses and revision",
        "cops just move us on when we're not doing anything",
        "waiting lists for camhs are way too long",
        "group chats get nasty and people get left out",
        "i feel safe at school but not on the streets",
        "would be good if adults actually listened to young people",
        "skate park is sick but its always full",
        "my mum can't afford the bus pass for me and my siblings",
        "gangs hang round the shops and it's scary",
        "more free stuff to do in the holidays",
    ]
    closers = ["", "", " tbh", " fr", " lol", " innit", "!!", " pls", " thanks", "..."]
    pool: list[tuple[str, str, str]] = []
    for text in short:
        pool += [(q, text, "en") for q in YOUTH_QUESTIONS[:2]]
    for opener in openers:
        for topic in topics:
            text = f"{opener} {topic}{rng.choice(closers)}".strip()
            pool.append((rng.choice(YOUTH_QUESTIONS), text, "en"))
    pool += [
        (q, t, lang)
        for q in YOUTH_QUESTIONS[:2]
        for t, lang in [
            ("Dim byd i wneud yn y dref gyda'r nos", "cy"),
            ("Dwi'n teimlo'n saff yn yr ysgol ond dim yn y parc", "cy"),
            ("Mae'r bysiau yn rhy ddrud ac yn hwyr", "cy"),
            ("Dylai athrawon wrando arnom ni mwy", "cy"),
            ("Mwy o glybiau ieuenctid os gwelwch yn dda", "cy"),
            ("Dwi'n cael fy mwlio ar y bws", "cy"),
            ("Nie ma nic do roboty dla młodzieży wieczorem", "pl"),
            ("W szkole czuję się bezpiecznie, ale w parku nie", "pl"),
            ("Autobusy są za drogie i się spóźniają", "pl"),
            ("Chcę więcej zajęć po szkole", "pl"),
            ("لا يوجد شيء نفعله في المساء", "ar"),
            ("أشعر بالأمان في المدرسة ولكن ليس في الحديقة", "ar"),
            ("الحافلات غالية جدا", "ar"),
            ("شام کو کرنے کے لیے کچھ نہیں ہے", "ur"),
            ("مجھے اسکول میں محفوظ محسوس ہوتا ہے", "ur"),
            ("بسیں بہت مہنگی ہیں", "ur"),
        ]
    ]
    personal = [
        "text me on 07700 900{n:03d} if you want to know more",
        "my name is Jamie Smith and the bus is always late",
        "email me at kid{n}@example.com about the youth club",
        "ring my mum on 0113 496 0{n:03d} she'll tell you",
        "I go to Hillside Academy and Mr Jones shouts at us",
        "my social worker is Priya and she never rings back",
        "I live near LS11 5AB and the park is dark",
        "my insta is @youth_{n} follow me",
        "I was born on 3rd March 2012 and I'm in year 8",
        "at St Mary's School people get picked on",
    ]
    for n in range(60):
        text = personal[n % len(personal)].format(n=n * 7)
        pool.append((rng.choice(YOUTH_QUESTIONS), text, "en"))
    concerns = [
        "I don't feel safe at home",
        "someone at home hurts me",
        "i want to die sometimes",
        "nobody hits me, it's fine",
        "I'm scared to go home",
    ]
    pool += [(YOUTH_QUESTIONS[1], t, "en") for t in concerns]
    return pool


def load_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def build_answers(
    rows: list[dict[str, str]], how_many: int, rng: random.Random
) -> tuple[list[tuple[str, str, str]], int]:
    """``how_many`` answers sampled from the pool, about half with a random word added."""
    pool = [(r["question"], r["text"], "en") for r in rows] + youth_pool(rng)
    words = sorted({w.lower() for r in rows for w in re.findall(r"[A-Za-z]{4,12}", r["text"])})
    answers = []
    for _ in range(how_many):
        question, text, language = rng.choice(pool)
        if rng.random() < 0.5:
            text = f"{text} {rng.choice(words)}"
        answers.append((question, text, language))
    return answers, len(pool)


# Set before the workers are forked, so they inherit them.
PREPARER: Preparer | None = None
CODEBOOK: Codebook | None = None
SUGGESTER: Suggester | None = None


def run_chunk(chunk: list[tuple[str, str, str]]) -> dict:
    """Every step for a chunk of answers; counts of what was found, and this process's peak."""
    assert PREPARER is not None and CODEBOOK is not None and SUGGESTER is not None
    timings = Counter[str]()
    started = time.perf_counter()
    prepared = [PREPARER.prepare(text, question, lang) for question, text, lang in chunk]
    timings["prepare"] += time.perf_counter() - started
    started = time.perf_counter()
    matched = [CODEBOOK.match(p.text, p.language) for p in prepared]
    timings["codebook"] += time.perf_counter() - started
    started = time.perf_counter()
    suggestions = SUGGESTER.suggest(
        [Answer(q, p.text) for (q, _, _), p in zip(chunk, prepared, strict=True)]
    )
    timings["suggest"] += time.perf_counter() - started
    return {
        "answers": len(chunk),
        "concerns": sum(1 for p in prepared if p.concern_categories),
        "redacted": sum(1 for p in prepared if p.redacted_kinds),
        "codebook_matched": sum(1 for m in matched if m),
        "suggested": sum(1 for s in suggestions if s.themes),
        "languages": Counter(p.language for p in prepared),
        "sentiments": Counter(p.sentiment for p in prepared),
        "timings": timings,
        "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "pid": multiprocessing.current_process().pid,
    }


def merge(parts: list[dict]) -> dict:
    total: dict = {
        "answers": 0,
        "concerns": 0,
        "redacted": 0,
        "codebook_matched": 0,
        "suggested": 0,
    }
    languages, sentiments, timings = Counter[str](), Counter[str](), Counter[str]()
    for part in parts:
        for key in total:
            total[key] += part[key]
        languages.update(part["languages"])
        sentiments.update(part["sentiments"])
        timings.update(part["timings"])
    total["languages"] = dict(languages.most_common())
    total["sentiments"] = dict(sentiments.most_common())
    total["cpu_seconds_by_step"] = {k: round(v, 1) for k, v in timings.items()}
    return total


def chunks(answers: list, size: int) -> list[list]:
    return [answers[i : i + size] for i in range(0, len(answers), size)]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_pool(answers: list, processes: int, size: int) -> dict:
    context = multiprocessing.get_context("fork")
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    with context.Pool(processes) as pool:
        parts = list(pool.imap_unordered(run_chunk, chunks(answers, size)))
        pool.close()
        pool.join()
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    worker_peaks: dict[int, int] = {}
    for part in parts:
        worker_peaks[part["pid"]] = max(worker_peaks.get(part["pid"], 0), part["peak_kib"])
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    largest_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "processes": processes,
        "seconds": round(seconds, 2),
        "rate": round(len(answers) / seconds),
        "cpu_seconds": round(cpu, 1),
        "cpu_use": round(cpu / (seconds * processes), 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "parent_peak_mb": round(parent / 1024),
        "worker_peaks_mb": [round(k / 1024) for k in sorted(worker_peaks.values())],
        "largest_child_peak_mb": round(largest_child / 1024),
        "peak_mb": round((parent + sum(worker_peaks.values())) / 1024),
        **merge(parts),
    }


def run_single(answers: list, size: int) -> dict:
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    parts = [run_chunk(chunk) for chunk in chunks(answers, size)]
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "processes": 1,
        "seconds": round(seconds, 2),
        "rate": round(len(answers) / seconds),
        "cpu_seconds": round(cpu, 1),
        "cpu_use": round(cpu / seconds, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "parent_peak_mb": round(parent / 1024),
        "peak_mb": round(parent / 1024),
        **merge(parts),
    }


def fit_suggester(rows: list[dict[str, str]], rng: random.Random) -> tuple[Suggester, float]:
    train = rng.sample(rows, min(TRAIN_SIZE, len(rows)))
    started = time.perf_counter()
    model = Suggester().fit(
        [Answer(r["question"], r["text"]) for r in train],
        [[t for t in r["themes"].split(";") if t] for r in train],
        [r["sentiment"] for r in train],
    )
    return model, time.perf_counter() - started


def markdown(result: dict) -> str:
    runs = result["runs"]
    lines = [
        "## Analysis speed (full pipeline, 100,000 answers)",
        "",
        "Produced by `bench/analysis_speed.py`. Each answer goes through "
        "`Preparer.prepare` (normalise, language, concern check, redaction, sentiment), "
        f"codebook matching ({result['codebook_themes']} themes, "
        f"{result['codebook_phrases']} phrases in English and Welsh) and theme suggestions "
        f"from a `Suggester` fitted on {result['train_answers']:,} labelled answers "
        f"(fit: {result['fit_seconds']} s, not in the times below).",
        f"Answers are drawn from a pool of {result['pool']:,} texts "
        f"({result['pool'] - result['youth_pool']:,} NHS answers from `dev.csv`, "
        f"{result['youth_pool']} synthetic youth answers: slang, "
        "one-word answers, Welsh, Polish, Arabic, Urdu, fake personal data), about half "
        f"with a random word added: {result['unique_share']:.0%} of texts are unique. "
        f"Machine: {result['cpus']} cores, Python {result['python']}; workers are forked, "
        f"{result['chunk']:,} answers per chunk; 1-minute load average before the run: "
        f"{result['load_average_before']}.",
        "Peak RSS is the parent's `ru_maxrss` plus each worker's own (read in the worker "
        "with `getrusage(RUSAGE_SELF)`); forked workers share pages with the parent, so "
        "the sum over-states real use.",
        "",
        "CPU use is CPU seconds over wall seconds \u00d7 processes: well under 1 means "
        "the run was kept waiting by other work on the machine. Answers per CPU second "
        "does not depend on that: on 2 idle cores the 2-process rate can be at most "
        "twice it.",
        "",
        "| answers | unique texts | processes | seconds | answers/s | peak RSS MB | CPU use "
        "| answers per CPU s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        lines.append(
            f"| {result['answers']:,} | {result['unique_texts']:,} | {run['processes']} | "
            f"{run['seconds']} | {run['rate']:,} | {run['peak_mb']:,} | {run['cpu_use']} | "
            f"{round(result['answers'] / run['cpu_seconds']):,} |"
        )
    lines += [
        f"| target (issue) | | 2 | | \u2265 {TARGET_RATE:,} | \u2264 {TARGET_MB:,} | | |",
        "",
    ]
    multi = runs[0]
    lines += [
        f"With {multi['processes']} processes: parent {multi['parent_peak_mb']} MB, workers "
        f"{', '.join(str(m) for m in multi['worker_peaks_mb'])} MB "
        f"(`RUSAGE_CHILDREN`: {multi['largest_child_peak_mb']} MB). CPU seconds by step "
        "(one process): "
        + ", ".join(f"{k} {v}" for k, v in runs[-1]["cpu_seconds_by_step"].items())
        + f". Found: {multi['concerns']:,} possible concerns, {multi['redacted']:,} answers "
        f"redacted, {multi['codebook_matched']:,} matched by the codebook, "
        f"{multi['suggested']:,} with a suggested theme.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    global PREPARER, CODEBOOK, SUGGESTER
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=2000)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    rng = random.Random(SEED)
    rows = load_rows(Path(args.data))
    answers, pool = build_answers(rows, args.answers, rng)
    PREPARER = Preparer(local_names=LOCAL_NAMES, offered=OFFERED)
    CODEBOOK = Codebook([CodebookTheme(name, kw) for name, kw in CODEBOOK_THEMES.items()])
    SUGGESTER, fit_seconds = fit_suggester(rows, rng)
    runs = [run_pool(answers, args.processes, args.chunk), run_single(answers, args.chunk)]
    multi = runs[0]
    result = {
        "answers": len(answers),
        "unique_texts": len({text for _, text, _ in answers}),
        "pool": pool,
        "youth_pool": len(youth_pool(random.Random(SEED))),
        "train_answers": min(TRAIN_SIZE, len(rows)),
        "fit_seconds": round(fit_seconds, 1),
        "codebook_themes": len(CODEBOOK_THEMES),
        "codebook_phrases": sum(len(p) for kw in CODEBOOK_THEMES.values() for p in kw.values()),
        "chunk": args.chunk,
        "cpus": multiprocessing.cpu_count(),
        "python": platform.python_version(),
        "load_average_before": round(load_before, 2),
        "runs": runs,
        "meets_target": multi["rate"] >= TARGET_RATE and multi["peak_mb"] <= TARGET_MB,
    }
    result["unique_share"] = result["unique_texts"] / result["answers"]
    if not args.no_write:
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / "analysis_speed.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
        write_section("analysis-speed", markdown(result))
    print(markdown(result))  # noqa: T201
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
