"""Benchmark the young person's journey under gunicorn (2 workers), on SQLite and PostgreSQL.

Reports bytes on the wire (phone, cold cache), completed responses per second,
p50/p95 per page at concurrency 1, 8 and 32, server CPU per completed response,
and that stored responses equal completed ones. Writes JSON to bench/results/
and a table to docs/benchmarks.md.

    python bench/journey.py [--backends sqlite postgres] [--responses 40 120 240]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import page_weight
from bench.report import write_section
from bench.respondent import Respondent, new_timings
from bench.server import count_submissions, prepare_database, start_server

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
CONCURRENCY = (1, 8, 32)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def run_load(base_url: str, server, concurrency: int, responses: int) -> dict:
    timings = new_timings()
    remaining = [responses]
    lock = threading.Lock()
    errors: list[str] = []
    completed = [0]

    def worker() -> None:
        while True:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            try:
                Respondent(base_url, timings).complete()
                with lock:
                    completed[0] += 1
            except Exception as error:
                errors.append(repr(error))

    cpu_before = server.cpu_seconds()
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu = server.cpu_seconds() - cpu_before
    pages = {
        page: {
            "count": len(values),
            "p50_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
        }
        for page, values in sorted(timings.items())
    }
    every = [value for values in timings.values() for value in values]
    return {
        "concurrency": concurrency,
        "completed": completed[0],
        "errors": errors[:5],
        "error_count": len(errors),
        "seconds": round(elapsed, 2),
        "responses_per_second": round(completed[0] / elapsed, 1),
        "server_cpu_ms_per_response": round(cpu * 1000 / max(completed[0], 1), 1),
        "all_requests": {
            "count": len(every),
            "p50_ms": round(statistics.median(every) * 1000, 1),
            "p95_ms": round(percentile(every, 0.95) * 1000, 1),
        },
        "pages": pages,
    }


def bench_backend(backend: str, responses: dict[int, int], weigh: bool) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        url, cleanup = prepare_database(backend, Path(directory), POSTGRES_ADMIN_URL)
        server = start_server(url, Path(directory) / "server.log")
        try:
            before = count_submissions(url)
            result: dict = {"backend": backend, "levels": []}
            if weigh:
                result["page_weight"] = weigh_pages(server.url)
                before = count_submissions(url)
            # Warm up: with several respondents at once, both workers load their
            # templates and caches before anything is measured (steady state).
            warm_up = run_load(server.url, server, concurrency=4, responses=12)
            before += warm_up["completed"]
            completed = 0
            for concurrency in CONCURRENCY:
                level = run_load(server.url, server, concurrency, responses[concurrency])
                completed += level["completed"]
                result["levels"].append(level)
                print(json.dumps({k: level[k] for k in list(level)[:7]}), flush=True)  # noqa: T201
            stored = count_submissions(url) - before
            result["completed"] = completed
            result["stored"] = stored
            result["stored_equals_completed"] = stored == completed
            return result
        finally:
            server.stop()
            cleanup()


def weigh_pages(base_url: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=page_weight.CHROMIUM_FLAGS,
        )
        try:
            return page_weight.measure(browser, base_url)
        finally:
            browser.close()


def markdown(results: list[dict], meta: dict) -> str:
    lines = [
        "## The young person's journey",
        "",
        "Produced by `bench/journey.py` (`make bench`).",
        "",
        f"Run on {meta['date']}, {meta['cpus']} CPUs, Python {meta['python']}. The app runs under",
        "gunicorn with 2 sync workers; the load generator (Python threads, one new connection per",
        "request, as a phone on mobile data would) shares the same cores, so latencies include its",
        "own CPU time. Each respondent completes the 6-question version (8–11, \u201cyes\u201d to",
        "the routing question): 16 requests from start page to thank-you page, after 12",
        "warm-up responses so that both workers have loaded their templates. Server CPU is",
        "user + system time of the gunicorn master and workers (from the kernel), divided by",
        "completed responses; PostgreSQL's own processes are not counted.",
        "",
        "Targets (issue 2): first question page \u2264 60 KB on the wire with a cold cache,",
        "\u2264 10 KB for each later page; \u2264 25 ms of server CPU per completed response;",
        "p95 \u2264 150 ms at concurrency 32.",
        "",
    ]
    weight = next((r["page_weight"] for r in results if "page_weight" in r), None)
    if weight:
        lines += [
            "### Bytes on the wire (phone, Debian Chromium)",
            "",
            "| page | requests | bytes |",
            "| --- | ---: | ---: |",
            f"| start page, cold cache | {weight['start_page_cold']['requests']} | "
            f"{weight['start_page_cold']['bytes']:,} |",
            f"| first question, cold cache | {weight['first_question_cold']['requests']} | "
            f"{weight['first_question_cold']['bytes']:,} |",
        ]
        for item in weight["later_pages_warm"]:
            path = item["url"].split("/take-part/feeling-safe", 1)[-1] or "/"
            lines.append(f"| then `{path}`, warm cache | {item['requests']} | {item['bytes']:,} |")
        lines.append("")
    for result in results:
        lines += [
            f"### Load: {result['backend']}",
            "",
            "| concurrency | responses | errors | responses/s | server CPU ms/response "
            "| p50 ms (all) | p95 ms (all) | p95 question page | p95 send |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for level in result["levels"]:
            pages = level["pages"]
            lines.append(
                f"| {level['concurrency']} | {level['completed']} | {level['error_count']} | "
                f"{level['responses_per_second']} | {level['server_cpu_ms_per_response']} | "
                f"{level['all_requests']['p50_ms']} | {level['all_requests']['p95_ms']} | "
                f"{pages['question']['p95_ms']} | {pages['send']['p95_ms']} |"
            )
        lines += [
            "",
            f"Stored responses {result['stored']}, completed {result['completed']}: "
            f"{'equal' if result['stored_equals_completed'] else 'NOT EQUAL'}.",
            "",
            "p50 / p95 per page at concurrency 32 (ms):",
            "",
            "| page | requests | p50 | p95 |",
            "| --- | ---: | ---: | ---: |",
        ]
        for page, figures in result["levels"][-1]["pages"].items():
            lines.append(
                f"| {page} | {figures['count']} | {figures['p50_ms']} | {figures['p95_ms']} |"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--responses", nargs=3, type=int, default=[100, 200, 320])
    parser.add_argument("--no-page-weight", action="store_true")
    args = parser.parse_args()
    responses = dict(zip(CONCURRENCY, args.responses, strict=True))
    results = []
    for index, backend in enumerate(args.backends):
        results.append(
            bench_backend(backend, responses, weigh=index == 0 and not args.no_page_weight)
        )
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "journey.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    write_section("journey", markdown(results, meta))
    print(json.dumps({"meta": meta, "results": results})[:2000])  # noqa: T201
    return 0 if all(r["stored_equals_completed"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
