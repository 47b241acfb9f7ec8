"""The first page comes quickly after the server starts: the web app loads without the
analysis libraries it needs only for some staff pages, gunicorn loads it once before
forking its workers, and the font cache is built during set-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.test_makefile import dry_run

ROOT = Path(__file__).resolve().parent.parent


def test_the_web_app_starts_without_scikit_learn(tmp_path):
    """scikit-learn (with SciPy) took a third of a web worker's start; only the theme
    discovery page needs it, so it is imported there."""
    code = (
        "import sys\n"
        "from engagement import create_app\n"
        "from engagement.config import TestConfig\n"
        f"create_app(TestConfig, DATABASE_URL='sqlite:///{tmp_path}/db.sqlite')\n"
        "print(' '.join(m for m in ('sklearn', 'scipy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_make_run_builds_the_font_cache_before_serving_and_runs_the_worker_gently():
    lines = dry_run("run").splitlines()
    font_cache = next(i for i, line in enumerate(lines) if "matplotlib.font_manager" in line)
    server = next(i for i, line in enumerate(lines) if "gunicorn -c" in line)
    assert font_cache < server
    worker = next(line for line in lines if "analysis-worker" in line)
    assert "nice -n 10" in worker
