"""The analysis worker and the analysis page, on a consultation with 100,000 answers.

    python bench/analysis_dashboard.py [--answers 100000] [--database sqlite|postgres]

1. Writes 100,000 free-text answers (from the NHS answers in dev.csv and the demo's
   youth answers) to a fresh database.
2. Runs the analysis as the background worker does: prepare, redact, score, match
   the codebook, store per answer. Reports answers/s and the worker's peak memory.
3. Times the question page, which only counts stored results (target: 500 ms), as
   an analyst, unfiltered and filtered, the median and worst of several loads.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyotp
import sqlalchemy as sa
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import publish  # noqa: E402
from engagement import clock, create_app, db  # noqa: E402
from engagement.accounts.credentials import hash_password  # noqa: E402
from engagement.config import TestConfig  # noqa: E402
from engagement.demo import builders  # noqa: E402
from engagement.demo.free_text import ANSWERS  # noqa: E402
from engagement.demo.seed import load_consultation  # noqa: E402
from engagement.models import (  # noqa: E402
    AnalysisRun,
    AnswerTheme,
    Consultation,
    Role,
    StaffUser,
    Theme,
)
from engagement.themes import work as analysis_work  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "nhs-feedback" / "dev.csv"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "bench password for the analysis page"
BROAD_THEMES = {
    "Staff": ["staff*", "nurse*", "doctor*", "paramedic*", "crew"],
    "Waiting and time": ["wait*", "time*", "late", "quick*", "hour*", "delay*"],
    "Care and help": ["care*", "help*", "support*", "kind*"],
    "Service and appointments": ["service*", "appointment*", "booking", "phone*"],
    "Information": ["inform*", "explain*", "told", "communicat*"],
}


class BenchConfig(TestConfig):
    """Without CSRF tokens (the bench signs in by posting), otherwise as in production."""

    TESTING = False


def texts() -> list[str]:
    pool = [row["text"] for row in csv.DictReader(DEV.open(encoding="utf-8")) if row["text"]]
    return pool + [t for group in ANSWERS.values() for t in group]


def fill(app, count: int) -> str:
    rng = random.Random(7)
    pool = texts()
    today = dt.date.today()
    with app.app_context(), Session(bind=db.engine()) as s:
        with s.begin():
            consultation = load_consultation(s, today)
            s.flush()
            versions = [v.id for v in consultation.versions]
            consultation_id = consultation.id
            # Broad themes for the NHS answers, so most answers have a theme or two
            # (the youth codebook alone would leave most of them uncoded).
            for name, phrases in BROAD_THEMES.items():
                s.add(
                    Theme(
                        consultation_id=consultation_id,
                        name=name,
                        keywords={"en": phrases},
                        created_at=clock.now(),
                    )
                )
        for start in range(0, count, 5000):
            responses = [
                builders.Response(
                    rng.choice(versions),
                    today - dt.timedelta(days=rng.randint(0, 59)),
                    rng.choices(["en", "cy", "pl"], [90, 5, 5])[0],
                    {"one_change": rng.choice(pool)},
                )
                for _ in range(min(5000, count - start))
            ]
            with s.begin():
                builders.add_responses(s, responses)
        with s.begin():
            s.add(AnalysisRun(consultation_id=consultation_id, requested_at=clock.now()))
            secret = pyotp.random_base32()
            partnership_id = s.get(Consultation, consultation_id).partnership_id
            s.add(
                StaffUser(
                    partnership_id=partnership_id,
                    email="bench@example.org",
                    name="Bench",
                    role=Role.ANALYST,
                    password_hash=hash_password(PASSWORD),
                    totp_secret=secret,
                    created_at=clock.now(),
                )  # fmt: skip
            )
    app.config["BENCH_SECRET"] = secret
    return consultation_id


def sign_in(client, secret: str) -> None:
    client.get("/staff/sign-in")
    client.post("/staff/sign-in", data={"email": "bench@example.org", "password": PASSWORD})
    response = client.post("/staff/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.status_code


def time_page(client, url: str, loads: int = 7) -> dict[str, float]:
    timings = []
    for _ in range(loads):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, response.status_code
    return {"median_ms": round(statistics.median(timings), 1), "worst_ms": round(max(timings), 1)}


def run(count: int, database: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite" if database == "sqlite" else POSTGRES
        if database == "postgres":
            engine = sa.create_engine(url)
            with engine.begin() as c:
                c.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        db.upgrade(url)
        app = create_app(BenchConfig, DATABASE_URL=url)
        consultation_id = fill(app, count)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        with app.app_context():
            analysis_work.process_pending()
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with app.app_context():
            run_row = db.session().scalar(sa.select(AnalysisRun))
            assert run_row.status == "done", run_row.error
            codings = db.session().scalar(sa.select(sa.func.count()).select_from(AnswerTheme))
        client = app.test_client()
        sign_in(client, app.config["BENCH_SECRET"])
        base = f"/staff/consultations/{consultation_id}/analysis/one_change"
        result = {
            "database": database,
            "answers": count,
            "theme_codings": codings,
            "worker_seconds": round(seconds, 1),
            "worker_answers_per_second": round(count / seconds),
            "process_peak_rss_mb_before": round(before / 1024),
            "process_peak_rss_mb": round(peak_mb),
            "page": time_page(client, base),
            "page_filtered": time_page(client, base + "?language=en"),
        }
        app.extensions["engine"].dispose()
        return result


def markdown(results: list[dict]) -> str:
    lines = [
        "## Analysis worker and analysis page, 100,000 answers",
        "",
        "Produced by `bench/analysis_dashboard.py`. The worker runs in one process, as the "
        "background worker does, and includes every database write; peak memory is the "
        "process's maximum resident size (it also holds the 100,000 answers it wrote). "
        "The page is the question's analysis page as an analyst sees it (themes, sentiment, "
        "trend, quotes), through the full Flask stack; it only counts stored results. "
        "Target: the page in 500 ms or less.",
        "",
        "| database | answers | theme codings | worker | answers/s | peak memory "
        "| page (median / worst) | filtered page (median / worst) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['answers']:,} | {r['theme_codings']:,} "
            f"| {r['worker_seconds']} s "
            f"| {r['worker_answers_per_second']:,} | {r['process_peak_rss_mb']} MB "
            f"| {r['page']['median_ms']} / {r['page']['worst_ms']} ms "
            f"| {r['page_filtered']['median_ms']} / {r['page_filtered']['worst_ms']} ms |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [run(args.answers, name) for name in databases]
    publish("analysis-dashboard", results, markdown)
    print(json.dumps(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
