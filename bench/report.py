"""docs/benchmarks.md is shared by the benchmarks: each owns one marked section."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n\nEach section is written by a script in `bench/`; do not edit by hand.\n"


def write_section(name: str, markdown: str) -> None:
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = DOC.read_text() if DOC.exists() else HEADER
    if not text.startswith("# Benchmarks"):
        text = HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + block + "\n"
    )
    DOC.write_text(text)


def publish(name: str, results: Any, markdown: Callable[[Any], str]) -> None:
    """Keep the figures as ``bench/results/<name>.json`` and write their section."""
    out = DOC.parent.parent / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"{name.replace('-', '_')}.json").write_text(json.dumps(results, indent=1))
    write_section(name, markdown(results))
