"""The audit dashboard for 150 agencies, 8 standards and 3 cycles.

    python bench/audit_dashboard.py [--agencies 150] [--loads 9] [--database sqlite|postgres|both]

1. Makes a fresh database (a SQLite file, or a new PostgreSQL database that is
   dropped afterwards) with the built-in Section 11 framework (8 standards, 29
   questions) and three yearly cycles: every agency has a return in each, most
   answered (some questions "not applicable"), half moderated, with actions (some
   overdue) and practitioner-survey answers (some agencies with fewer than 5).
2. Signs in as an analyst and times the full GET of the latest cycle's dashboard
   through the Flask stack: the median and worst of several loads after one warm-up.
   Target (issue 5): a median of 300 ms or less on 2 cores.
3. Times the summary downloads (DOCX and XLSX, with charts) once each, for information.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
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

from bench.report import write_section  # noqa: E402
from bench.server import new_database  # noqa: E402
from engagement import clock, create_app, db  # noqa: E402
from engagement.accounts.credentials import hash_password  # noqa: E402
from engagement.config import TestConfig  # noqa: E402
from engagement.demo import builders  # noqa: E402
from engagement.demo.builders import Answer  # noqa: E402
from engagement.demo.seed import load_consultation  # noqa: E402
from engagement.models import ReturnStatus, Role, StaffUser  # noqa: E402

POSTGRES_ADMIN = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PASSWORD = "bench password for the audit dashboard"
CYCLES = (("2024-25", 730), ("2025-26", 365), ("2026-27", 20))  # name, opened days ago
RATINGS = ("fully", "mostly", "mostly", "partially", "not_met", "not_applicable")
PRACTITIONER_VALUES = ("yes", "yes", "yes", "partly", "no", "dont_know")
# Practitioner questions and the standards they are mapped to (domain notes, 1.7).
PRACTITIONER_QUESTIONS = (
    ("own_responsibilities", "S2"), ("designated_lead", "S8"), ("worried_about_child", "S2"),
    ("escalation", "S6"), ("whistleblowing", "S6"), ("training", "S4"),
    ("supervision", "S4"), ("information_sharing", "S7"), ("views_of_children", "S3"),
)  # fmt: skip


class BenchConfig(TestConfig):
    """Without CSRF tokens (the bench signs in by posting), otherwise as in production."""

    TESTING = False


def fill(app, agencies: int) -> tuple[str, str]:
    """The data; returns the latest cycle's id and the analyst's TOTP secret."""
    rng = random.Random(11)
    today = clock.today()
    counts = dict.fromkeys(
        ("returns", "answers", "moderations", "actions", "practitioner_answers"), 0
    )
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        partnership_id = load_consultation(s, today).partnership_id
        framework = builders.built_in_framework(s, partnership_id)
        questions = [q.id for st in framework.standards for q in st.questions]
        standards = [st.id for st in framework.standards]
        made = builders.add_agencies(
            s, partnership_id, ((f"Agency {i:03d}", "other", i < 12) for i in range(agencies))
        )
        cycle_id = ""
        for name, opened in CYCLES:
            opens_on = today - dt.timedelta(days=opened)
            cycle = builders.add_cycle(s, framework, name, opens_on, opens_on + dt.timedelta(10))
            cycle_id = cycle.id
            for agency in made:
                status = rng.choices(
                    [ReturnStatus.APPROVED, ReturnStatus.SUBMITTED, ReturnStatus.IN_PROGRESS,
                     ReturnStatus.NOT_STARTED], [70, 10, 12, 8],
                )[0]  # fmt: skip
                return_id = builders.add_return(s, cycle.id, agency.id, status).id
                counts["returns"] += 1
                if status == ReturnStatus.NOT_STARTED:
                    continue
                counts["answers"] += builders.add_answers(s, return_id, (
                    Answer(q, rng.choice(RATINGS), "Policy signed by the chief executive in May.")
                    for q in questions
                ))  # fmt: skip
                if rng.random() < 0.5:
                    for standard_id in standards:
                        builders.add_moderation(s, return_id, standard_id, rng.choice(RATINGS[:5]))
                        counts["moderations"] += 1
                for _ in range(2):
                    builders.add_action(
                        s, return_id, "Refresh safeguarding training for new staff",
                        owner="Head of learning",
                        due_on=today + dt.timedelta(days=rng.randint(-120, 120)),
                        status=rng.choice(["not_started", "in_progress", "done"]),
                        standard_id=rng.choice(standards),
                    )  # fmt: skip
                    counts["actions"] += 1
                responses = [
                    [(code, key, rng.choice(PRACTITIONER_VALUES))
                     for key, code in PRACTITIONER_QUESTIONS]
                    for _ in range(rng.choice([0, 2, 4, 6, 12, 25]))
                ]  # fmt: skip
                builders.add_practitioner_responses(s, cycle.id, agency.id, opens_on, responses)
                counts["practitioner_answers"] += sum(len(r) for r in responses)
        secret = pyotp.random_base32()
        s.add(
            StaffUser(
                partnership_id=partnership_id, email="bench@example.org", name="Bench",
                role=Role.ANALYST, password_hash=hash_password(PASSWORD), totp_secret=secret,
                created_at=clock.now(),
            )
        )  # fmt: skip
    app.config["BENCH_COUNTS"] = counts
    return cycle_id, secret


def sign_in(client, secret: str) -> None:
    client.get("/staff/sign-in")
    client.post("/staff/sign-in", data={"email": "bench@example.org", "password": PASSWORD})
    response = client.post("/staff/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.status_code


def time_get(client, url: str, loads: int) -> dict:
    client.get(url)  # warm-up: templates compiled, connections open
    timings, size = [], 0
    for _ in range(loads):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, response.status_code
        size = len(response.data)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "worst_ms": round(max(timings), 1),
        "kb": round(size / 1024),
    }


def _queries(app, client, url: str) -> int:
    statements: list[str] = []

    def count(*args) -> None:  # type: ignore[no-untyped-def]
        statements.append(args[2])

    engine = app.extensions["engine"]
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def run(agencies: int, database: str, loads: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = new_database(database, Path(tmp), POSTGRES_ADMIN)
        try:
            app = create_app(BenchConfig, DATABASE_URL=url)
            started = time.perf_counter()
            cycle_id, secret = fill(app, agencies)
            fill_seconds = time.perf_counter() - started
            with app.app_context():
                db.refresh_statistics(("audit_answers", "practitioner_answers"))
            client = app.test_client()
            sign_in(client, secret)
            base = f"/staff/audits/cycles/{cycle_id}"
            result = {
                "database": database,
                "agencies": agencies,
                **app.config["BENCH_COUNTS"],
                "fill_seconds": round(fill_seconds, 1),
                "queries": _queries(app, client, base + "/dashboard"),
                "dashboard": time_get(client, base + "/dashboard", loads),
                "summary_docx": time_get(client, base + "/summary.docx", 1),
                "summary_xlsx": time_get(client, base + "/summary.xlsx", 1),
            }
            app.extensions["engine"].dispose()
            return result
        finally:
            cleanup()


def markdown(results: list[dict]) -> str:
    first = results[0]
    lines = [
        "## Audit dashboard, 150 agencies × 8 standards × 3 cycles",
        "",
        f"Produced by `bench/audit_dashboard.py` on {clock.today().isoformat()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}. Each database holds "
        f"three cycles of the built-in Section 11 framework (8 standards, 29 questions) "
        f"for {first['agencies']} agencies: {first['returns']:,} returns, "
        f"{first['answers']:,} answers, {first['moderations']:,} moderated ratings, "
        f"{first['actions']:,} actions and {first['practitioner_answers']:,} practitioner "
        "answers. The time is the full GET of the latest cycle's dashboard as an analyst "
        "(heatmap, year-on-year change against the cycle before, non-returns, overdue "
        "actions, triangulation), through the whole Flask stack in one process: the "
        "median and worst of several loads after a warm-up. Target: a median of 300 ms "
        "or less. The summary downloads (with their charts) are timed once each, for "
        "information.",
        "",
        "| database | queries | page size | dashboard (median / worst) "
        "| summary.docx | summary.xlsx |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['queries']} | {r['dashboard']['kb']} KB "
            f"| {r['dashboard']['median_ms']} / {r['dashboard']['worst_ms']} ms "
            f"| {r['summary_docx']['median_ms']} ms | {r['summary_xlsx']['median_ms']} ms |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=150)
    parser.add_argument("--loads", type=int, default=9)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [run(args.agencies, name, args.loads) for name in databases]
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "audit_dashboard.json").write_text(json.dumps(results, indent=1))
    write_section("audit-dashboard", markdown(results))
    print(json.dumps(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
