"""The results pages on a consultation with 100,000 responses and 20 questions.

    python bench/results_page.py [--responses 100000] [--database sqlite|postgres|both]

1. Builds a consultation of 20 questions (smiley scales, yes/no, one answer, several
   answers, priorities, written) in three age-band versions that share their keys, and
   writes the responses through the shared builder, which keeps the answer counts as
   sending them would.
2. Times, through the full Flask stack as a signed-in analyst (median and worst of 7):
   the results page, a comparison by age band, a breakdown by an answer, and the
   summary page; against two baselines from the same run: the staff dashboard (a page
   that does almost nothing) and the same results page on 1,000 responses.
3. Also times counting the same answers straight from the answers table (what the
   page would cost without the kept counts), as a third baseline.

Targets (issue 12): results page 300 ms or less, a breakdown 500 ms or less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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
from engagement.demo.seed import versions_from  # noqa: E402
from engagement.models import (  # noqa: E402
    Answer,
    Consultation,
    Partnership,
    Role,
    StaffUser,
    Submission,
)

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "bench password for the results pages"
KINDS = ["scale"] * 6 + ["yes_no_not_sure"] * 4 + ["single_choice"] * 4
KINDS += ["multiple_choice"] * 3 + ["priorities"] * 2 + ["free_text"]


class BenchConfig(TestConfig):
    TESTING = False


def _questions() -> list[dict[str, Any]]:
    questions = []
    for number, kind in enumerate(KINDS, start=1):
        options = []
        if kind in ("single_choice", "multiple_choice", "priorities"):
            options = [{"key": f"o{i}", "text": {"en": f"Answer {i}"}} for i in range(1, 7)]
        questions.append(
            {"key": f"q{number:02d}", "kind": kind, "text": {"en": f"Question {number}"},
             "options": options, "rather_not_say": True,
             "max_choices": 3 if kind == "priorities" else None}
        )  # fmt: skip
    return questions


def _answer(q: dict[str, Any], rng: random.Random, band: int) -> Any:
    if rng.random() < 0.05:
        return None
    if rng.random() < 0.02:
        return "rather_not_say"
    if q["kind"] == "scale":
        return rng.choices("12345", weights=[5, 10, 25, 35 - 5 * band, 25 + 5 * band])[0]
    if q["kind"] == "yes_no_not_sure":
        return rng.choices(["yes", "no", "not_sure"], weights=[60 + 5 * band, 25, 15])[0]
    keys = [o["key"] for o in q["options"]]
    if q["kind"] == "single_choice":
        return rng.choice(keys)
    if q["kind"] == "free_text":
        return "More things to do after school" if rng.random() < 0.5 else None
    return rng.sample(keys, rng.randint(1, 3))


def fill(app: Any, count: int, slug: str) -> str:
    rng = random.Random(count)
    today = dt.date.today()
    questions = _questions()
    with app.app_context(), Session(bind=db.engine()) as s:
        with s.begin():
            partnership = s.scalar(sa.select(Partnership)) or Partnership(
                slug="bench", name="Bench", help_name={"en": "Help"}, help_phone="0800 1111"
            )
            consultation = Consultation(
                partnership=partnership, kind="youth_voice", slug=slug,
                opens_on=today - dt.timedelta(days=180), closes_on=today,
                title={"en": "Bench"}, purpose={}, who_sees={}, privacy_notice={}, next_steps={},
            )  # fmt: skip
            consultation.versions.extend(
                versions_from(
                    [{"age_band": band, "label": {"en": band}, "questions": questions}
                     for band in ("8-11", "12-15", "16-18")]
                )
            )  # fmt: skip
            s.add(consultation)
            s.flush()
            versions = [(v.id, list(questions)) for v in consultation.versions]
            consultation_id = consultation.id
        for start in range(0, count, 5000):
            responses = []
            for _ in range(min(5000, count - start)):
                band = rng.randrange(3)
                version_id, qs = versions[band]
                answers = {q["key"]: _answer(q, rng, band) for q in qs}
                responses.append(
                    builders.Response(
                        version_id, today - dt.timedelta(days=rng.randint(0, 179)),
                        rng.choices(["en", "cy", "pl", "ar", "ur"], [80, 5, 5, 5, 5])[0],
                        {k: v for k, v in answers.items() if v is not None},
                    )
                )  # fmt: skip
            with s.begin():
                builders.add_responses(s, responses)
    return consultation_id


def add_analyst(app: Any) -> str:
    secret = pyotp.random_base32()
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        s.add(
            StaffUser(
                partnership_id=s.scalar(sa.select(Partnership.id)), email="bench@example.org",
                name="Bench", role=Role.ANALYST, password_hash=hash_password(PASSWORD),
                totp_secret=secret, created_at=clock.now(),
            )
        )  # fmt: skip
    return secret


def sign_in(client: Any, secret: str) -> None:
    client.get("/staff/sign-in")
    client.post("/staff/sign-in", data={"email": "bench@example.org", "password": PASSWORD})
    response = client.post("/staff/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.status_code


def time_page(client: Any, url: str, loads: int = 7) -> dict[str, float]:
    timings = []
    for _ in range(loads):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, (url, response.status_code)
    return {"median_ms": round(statistics.median(timings), 1), "worst_ms": round(max(timings), 1)}


def time_counting_answers(app: Any, consultation_id: str, loads: int = 3) -> dict[str, float]:
    """The page's counts straight from the answers (no kept counts): one GROUP BY."""
    query = (
        sa.select(Answer.question_key, sa.cast(Answer.value, sa.String), sa.func.count())
        .join(Submission, Submission.id == Answer.submission_id)
        .where(
            Submission.version_id.in_(
                sa.text(
                    "(SELECT id FROM consultation_versions WHERE consultation_id = :c)"
                ).bindparams(c=consultation_id)
            )
        )
        .group_by(Answer.question_key, sa.cast(Answer.value, sa.String))
    )
    timings = []
    with app.app_context():
        for _ in range(loads):
            started = time.perf_counter()
            with db.read() as connection:
                connection.execute(query).all()
            timings.append(1000 * (time.perf_counter() - started))
    return {"median_ms": round(statistics.median(timings), 1), "worst_ms": round(max(timings), 1)}


def fresh_database(database: str, directory: str) -> str:
    """A new, migrated database: a SQLite file, or PostgreSQL's test database emptied."""
    url = f"sqlite:///{directory}/bench.sqlite" if database == "sqlite" else POSTGRES
    if database == "postgres":
        engine = sa.create_engine(url)
        with engine.begin() as c:
            c.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    db.upgrade(url)
    return url


def run(count: int, database: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        url = fresh_database(database, tmp)
        app = create_app(BenchConfig, DATABASE_URL=url)
        started = time.perf_counter()
        big = fill(app, count, "bench-big")
        fill_seconds = time.perf_counter() - started
        small = fill(app, 1000, "bench-small")
        client = app.test_client()
        sign_in(client, add_analyst(app))
        base = f"/staff/consultations/{big}/results"
        result = {
            "database": database,
            "responses": count,
            "fill_seconds": round(fill_seconds),
            "dashboard": time_page(client, "/staff/"),
            "page_1000": time_page(client, f"/staff/consultations/{small}/results"),
            "page": time_page(client, base),
            "age_bands": time_page(client, base + "/compare?by=age_band"),
            "breakdown": time_page(client, base + "/compare?by=q07"),
            "summary": time_page(client, base + "/summary"),
            "chart": time_page(client, base + "/charts/q01.svg"),
            "counting_answers": time_counting_answers(app, big),
        }
        app.extensions["engine"].dispose()
        return result


def _ratio(a: dict[str, float], b: dict[str, float]) -> str:
    return f"{a['median_ms'] / b['median_ms']:.1f}×"


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "## Results pages, 100,000 responses × 20 questions",
        "",
        "Produced by `bench/results_page.py`: every page through the full Flask stack as a "
        "signed-in analyst, the median and worst of 7 loads. Baselines from the same run: the "
        "staff dashboard (a page that does almost nothing), the results page of a consultation "
        "with 1,000 responses, and counting the same answers straight from the answers table "
        "(what the page would cost without the counts kept as answers arrive). "
        "Targets: results page ≤ 300 ms, a breakdown ≤ 500 ms.",
        "",
        "| database | page | by age band | breakdown by an answer | summary | one chart "
        "| dashboard | page, 1,000 responses | counting the answers table |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    cell = lambda r, k: f"{r[k]['median_ms']} / {r[k]['worst_ms']} ms"  # noqa: E731
    for r in results:
        lines.append(
            f"| {r['database']} | {cell(r, 'page')} | {cell(r, 'age_bands')} "
            f"| {cell(r, 'breakdown')} | {cell(r, 'summary')} | {cell(r, 'chart')} "
            f"| {cell(r, 'dashboard')} | {cell(r, 'page_1000')} | {cell(r, 'counting_answers')} |"
        )
    lines += ["", "Ratios (medians):", ""]
    for r in results:
        lines.append(
            f"- {r['database']}: the page is {_ratio(r['page'], r['dashboard'])} the dashboard "
            f"and {_ratio(r['page'], r['page_1000'])} the page on 1,000 responses; a breakdown is "
            f"{_ratio(r['breakdown'], r['page'])} the page; counting the answers table instead "
            f"would take {_ratio(r['counting_answers'], r['page'])} the whole page."
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [run(args.responses, name) for name in databases]
    publish("results-page", results, markdown)
    print(json.dumps(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
