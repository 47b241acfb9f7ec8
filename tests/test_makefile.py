"""`make run` and `make test` as a newcomer meets them: every step of the set-up says
what it is doing (a dry run of the Makefile, so nothing is installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def dry_run(target: str) -> str:
    """What ``make`` would run for ``target`` if nothing were built yet."""
    if shutil.which("make") is None:
        pytest.skip("needs make")
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", target],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout


def test_each_step_of_make_run_says_what_it_is_doing():
    steps = [line for line in dry_run("run").splitlines() if line.startswith("echo")]
    said = "\n".join(steps)
    for step in (
        "Creating the virtual environment",
        "Installing the Python packages",
        "Installing the front-end packages",
        "Building the stylesheets",
        "Compiling the translations",
        "Migrating the database",
        "Adding the demo data",
        "Starting the web server",
    ):
        assert step in said, step


def test_installs_show_their_progress():
    commands = dry_run("setup")
    installs = [line for line in commands.splitlines() if " install " in line or "npm ci" in line]
    assert len(installs) >= 3, commands
    for line in installs:
        assert "--quiet" not in line and "--loglevel=error" not in line, line
