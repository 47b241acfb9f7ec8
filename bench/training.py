"""Training results and answering, at a partnership's busiest: 200 courses, 2,000 sessions
and 40,000 evaluations (half of them in linked pairs).

    python bench/training.py [--database sqlite|postgres|both]

Times through the full Flask stack as a signed-in analyst (median and worst of 5): one
course's results, the overview of every course, the Excel summary, the course list;
against the staff dashboard (a page that does almost nothing) in the same run. Also the
server CPU of one practitioner answering Form A (the page, then sending it), against the
CPU of loading the dashboard. 200 pledges are coded by a person, so the written answers
and the course's results carry suggestions learned from them.

Targets (issue 14): results pages 300 ms or less; Form A about 25 ms of CPU or less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import publish  # noqa: E402
from bench.results_page import (  # noqa: E402
    BenchConfig,
    _ratio,
    add_analyst,
    fresh_database,
    sign_in,
    time_page,
)
from engagement import create_app, db  # noqa: E402
from engagement.demo.seed import load_consultation  # noqa: E402
from engagement.demo.training import PLEDGE_THEMES, PLEDGES  # noqa: E402
from engagement.models import (  # noqa: E402
    Course,
    Partnership,
    TrainingCoding,
    TrainingEvaluation,
    TrainingSession,
)
from engagement.training.coding import starter_codebook  # noqa: E402
from engagement.training.evaluations import summary_columns  # noqa: E402

COURSES, SESSIONS_EACH, PER_SESSION = 200, 10, 20
LOADS = 5
OBJECTIVES = ["spot neglect", "make a referral", "escalate a disagreement"]


def _answers(rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {
        key: rng.randint(2, 5)
        for key in ("relevant", "up_to_date", "trainer_clear", "format_worked", "other_agencies")
    }
    for n in range(len(OBJECTIVES)):
        answers[f"confidence_before_{n}"] = rng.randint(1, 3)
        answers[f"confidence_now_{n}"] = rng.randint(3, 5)
    answers["recommend"] = rng.randint(5, 10)
    answers["pledge"] = f"{rng.choice(PLEDGES)} ({rng.randrange(1000)})"
    return answers


def code_pledges(s: Session, rows: list[dict[str, Any]], how_many: int = 200) -> None:
    """A person's coding of some pledges, so the suggestions are learned."""
    _, themes = starter_codebook()
    coded = [r for r in rows if r["stage"] == "a"][:how_many]
    now = dt.datetime.now(dt.UTC)
    s.execute(
        sa.insert(TrainingCoding.__table__),
        [
            {"evaluation_id": r["id"], "item_key": "pledge", "theme_id": theme_id,
             "confirmed": theme_id in PLEDGE_THEMES[r["answers"]["pledge"].rsplit(" (", 1)[0]],
             "decided_by": None, "decided_at": now}
            for r in coded
            for theme_id in themes
        ],
    )  # fmt: skip


def fill(app: Any) -> tuple[str, str]:
    """The courses, sessions and evaluations; one course's id and one session's code."""
    rng = random.Random(14)
    today = dt.date.today()
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        load_consultation(s, today)
        s.flush()
        partnership_id = s.scalar(sa.select(Partnership.id))
        courses = [
            {"id": secrets.token_hex(16), "partnership_id": partnership_id,
             "title": f"Course {n:03d}", "objectives": OBJECTIVES, "level": "2", "audience": "",
             "form_a": "built_in_a", "form_b": "built_in_b"}
            for n in range(COURSES)
        ]  # fmt: skip
        s.execute(sa.insert(Course.__table__), courses)
        sessions = []
        for course in courses:
            for n in range(SESSIONS_EACH):
                held = today - dt.timedelta(days=7 + n * 30)
                sessions.append(
                    {"id": secrets.token_hex(16), "course_id": course["id"], "held_on": held,
                     "mode": "face_to_face", "venue": "", "trainer_names": "",
                     "attendance": {"health": 12, "police": 10}, "code": secrets.token_hex(5),
                     "salt": secrets.token_hex(16),
                     "follow_up_opens_on": held + dt.timedelta(weeks=8),
                     "follow_up_closes_on": held + dt.timedelta(weeks=16)}
                )  # fmt: skip
        s.execute(sa.insert(TrainingSession.__table__), sessions)
        rows = []
        for session in sessions:
            for n in range(PER_SESSION):
                linked = n >= PER_SESSION // 2
                stage = "b" if linked and n % 2 else "a"
                link = f"{session['id']}{n // 2}" if linked else None
                answers = (
                    _answers(rng) if stage == "a"
                    else {"used": "often", "confidence_follow_up_0": rng.randint(2, 5)}
                )  # fmt: skip
                rows.append(
                    {"id": secrets.token_hex(16), "session_id": session["id"], "stage": stage,
                     "submitted_on": session["held_on"], "receipt_hash": secrets.token_hex(32),
                     "link_hash": link, "agency_type": rng.choice(["health", "police", None]),
                     "role_group": None, "answers": answers, **summary_columns(answers)}
                )  # fmt: skip
            if len(rows) >= 5000:
                s.execute(sa.insert(TrainingEvaluation.__table__), rows)
                if rows[0]["session_id"] == sessions[0]["id"]:
                    code_pledges(s, rows)
                rows = []
        if rows:
            s.execute(sa.insert(TrainingEvaluation.__table__), rows)
    current = sessions[0]
    # One session held today, so Form A is open for the answering test.
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        s.execute(
            sa.update(TrainingSession)
            .where(TrainingSession.id == current["id"])
            .values(held_on=today)
        )
    return courses[0]["id"], current["code"]


def form_a_cpu(app: Any, code: str, loads: int = 30) -> float:
    """Median CPU ms for one practitioner: the page, then sending it."""
    client = app.test_client()
    form = {
        "relevant": "4", "up_to_date": "4", "trainer_clear": "5", "format_worked": "4",
        "other_agencies": "4", "confidence_before_0": "2", "confidence_now_0": "4",
        "confidence_before_1": "2", "confidence_now_1": "4", "confidence_before_2": "3",
        "confidence_now_2": "4", "pledge": "Use the screening tool", "follow_up": "yes",
    }  # fmt: skip
    timings = []
    for _ in range(loads):
        started = time.process_time()
        page = client.get(f"/training/{code}")
        receipt = page.get_data(as_text=True).split('name="receipt" type="hidden" value="')[1]
        sent = client.post(f"/training/{code}", data={**form, "receipt": receipt.split('"')[0]})
        timings.append(1000 * (time.process_time() - started))
        assert sent.status_code == 200 and b"app-follow-up-code" in sent.data
    return round(statistics.median(timings), 2)


def dashboard_cpu(client: Any, loads: int = 30) -> float:
    timings = []
    for _ in range(loads):
        started = time.process_time()
        client.get("/staff/")
        timings.append(1000 * (time.process_time() - started))
    return round(statistics.median(timings), 2)


def run(database: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        url = fresh_database(database, tmp)
        app = create_app(BenchConfig, DATABASE_URL=url)
        started = time.perf_counter()
        course_id, code = fill(app)
        fill_seconds = time.perf_counter() - started
        client = app.test_client()
        sign_in(client, add_analyst(app))
        result = {
            "database": database,
            "evaluations": COURSES * SESSIONS_EACH * PER_SESSION,
            "fill_seconds": round(fill_seconds),
            "dashboard": time_page(client, "/staff/", LOADS),
            "course_results": time_page(
                client, f"/staff/training/courses/{course_id}/results", LOADS
            ),
            "written": time_page(
                client, f"/staff/training/courses/{course_id}/written/pledge", LOADS
            ),
            "overview": time_page(client, "/staff/training/results", LOADS),
            "summary_xlsx": time_page(client, "/staff/training/summary.xlsx", 3),
            "course_list": time_page(client, "/staff/training", LOADS),
            "form_a_cpu_ms": form_a_cpu(app, code),
            "dashboard_cpu_ms": dashboard_cpu(client),
        }
        app.extensions["engine"].dispose()
        return result


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "## Training results and answering (200 courses, 2,000 sessions, 40,000 evaluations)",
        "",
        "Produced by `bench/training.py`: through the full Flask stack, signed in as an "
        "analyst, median and worst of 5 loads; the ratio is to the staff dashboard in the "
        "same run. Half the evaluations are in linked pairs (Form A and its follow-up).",
        "",
        "| database | page | median | worst | × dashboard |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        for key, label in (
            ("dashboard", "staff dashboard (baseline)"),
            ("course_results", "one course's results (200 evaluations)"),
            ("written", "a question's written answers, with learned suggestions"),
            ("overview", "every course for the year (40,000 evaluations)"),
            ("summary_xlsx", "training-impact summary, Excel"),
            ("course_list", "the course list"),
        ):
            t = r[key]
            lines.append(
                f"| {r['database']} | {label} | {t['median_ms']:.0f} ms | {t['worst_ms']:.0f} ms "
                f"| {_ratio(t, r['dashboard'])} |"
            )
    lines += [
        "",
        "Server CPU for one practitioner answering Form A (the page, then sending it):",
        "",
    ]
    for r in results:
        lines.append(
            f"- {r['database']}: {r['form_a_cpu_ms']:.1f} ms, "
            f"{r['form_a_cpu_ms'] / r['dashboard_cpu_ms']:.1f}× the CPU of one dashboard load "
            f"({r['dashboard_cpu_ms']:.1f} ms)."
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [run(name) for name in databases]
    publish("training", results, markdown)
    print(json.dumps(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
