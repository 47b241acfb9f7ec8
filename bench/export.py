"""The files for analysts on a consultation with 10,000 responses and 20 questions.

    python bench/export.py [--responses 10000] [--database sqlite|postgres|both]

Builds the consultation of bench/results_page.py (three age-band versions, 20 questions,
the written answers not analysed yet, so every one is redacted as it is exported), then
times through the full Flask stack as a signed-in analyst (median and worst of 3):
every response as CSV and as Excel, and the codings as CSV, against the results page in
the same run. It also measures the most memory Python held while writing the CSV
(tracemalloc, a separate pass) for its first half and for all of it: the CSV is written
while it is sent, so the two should be about the same, whatever the file's size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import publish  # noqa: E402
from bench.results_page import (  # noqa: E402
    POSTGRES,
    BenchConfig,
    add_analyst,
    fill,
    sign_in,
    time_page,
)
from engagement import create_app, db  # noqa: E402
from engagement.models import Consultation  # noqa: E402
from engagement.results import exports  # noqa: E402


def time_download(client: Any, url: str, loads: int = 3) -> dict[str, float]:
    """Like time_page, but to the last byte: a streamed file is written while it is read."""
    timings = []
    for _ in range(loads):
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        response.get_data()
        response.close()
        timings.append(1000 * (time.perf_counter() - started))
    return {"median_ms": round(statistics.median(timings), 1), "worst_ms": round(max(timings), 1)}


def csv_memory(client: Any, url: str, count: int) -> dict[str, float]:
    """The most memory Python held while the CSV was written and read: for its first
    half, and for the whole file (about the same, if it is written while it is sent)."""
    found = {}
    for name, pieces in (("half", max(1, count // 2 // 1000)), ("whole", None)):
        tracemalloc.start()
        response = client.get(url, buffered=False)
        size = 0
        for number, piece in enumerate(response.response, start=1):
            size += len(piece)
            if number == pieces:
                break
        response.close()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        found[f"{name}_peak_mb"] = round(peak / 1e6, 1)
        found[f"{name}_file_mb"] = round(size / 1e6, 1)
    return found


def run(count: int, database: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite" if database == "sqlite" else POSTGRES
        if database == "postgres":
            engine = sa.create_engine(url)
            with engine.begin() as c:
                c.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        db.upgrade(url)
        app = create_app(BenchConfig, DATABASE_URL=url)
        consultation_id = fill(app, count, "bench-export")
        client = app.test_client()
        sign_in(client, add_analyst(app))
        base = f"/staff/consultations/{consultation_id}/results"
        with app.test_request_context():
            consultation = db.session().get(Consultation, consultation_id)
            assert consultation is not None
            excel = exports.available(consultation).responses_excel
        result = {
            "database": database,
            "responses": count,
            "page": time_page(client, base, loads=3),
            "responses_csv": time_download(client, base + "/responses.csv"),
            # None where the file has more cells than an Excel file is made with.
            "responses_xlsx": time_download(client, base + "/responses.xlsx") if excel else None,
            "codings_csv": time_download(client, base + "/codings.csv"),
            "csv_memory": csv_memory(client, base + "/responses.csv", count),
        }
        app.extensions["engine"].dispose()
        return result


def _ratio(a: dict[str, float], b: dict[str, float]) -> str:
    return f"{a['median_ms'] / b['median_ms']:.1f}×"


def markdown(results: list[dict[str, Any]]) -> str:
    count = f"{results[0]['responses']:,}"
    lines = [
        f"## Files for analysts, {count} responses × 20 questions",
        "",
        "Produced by `bench/export.py`: each file through the full Flask stack as a signed-in "
        "analyst, the median and worst of 3 downloads, against the results page in the same "
        "run. Written answers are not analysed yet, so each is redacted as it is exported. "
        "Peak memory is what Python held while the CSV was written and read (tracemalloc): "
        "for its first half and for all of it: about the same, as the file never sits in "
        "memory whole.",
        "",
        "| database | results page | responses.csv | responses.xlsx | codings.csv "
        "| peak memory: first half of the CSV | peak memory: all of it (size) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    cell = lambda r, k: f"{r[k]['median_ms']} / {r[k]['worst_ms']} ms" if r[k] else "–"  # noqa: E731
    for r in results:
        lines.append(
            f"| {r['database']} | {cell(r, 'page')} | {cell(r, 'responses_csv')} "
            f"| {cell(r, 'responses_xlsx')} | {cell(r, 'codings_csv')} "
            f"| {r['csv_memory']['half_peak_mb']} MB "
            f"| {r['csv_memory']['whole_peak_mb']} MB ({r['csv_memory']['whole_file_mb']} MB) |"
        )
    lines += ["", "Ratios (medians):", ""]
    for r in results:
        excel = r["responses_xlsx"]
        lines.append(
            f"- {r['database']}: responses.csv takes {_ratio(r['responses_csv'], r['page'])} "
            "the results page"
            + (f", responses.xlsx {_ratio(excel, r['page'])}" if excel else " (no Excel file)")
            + "."
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [run(args.responses, name) for name in databases]
    publish("export", results, markdown)
    print(json.dumps(results))  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
