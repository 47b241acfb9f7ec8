"""Debian's Chromium, driven by Playwright; never a downloaded browser."""

from __future__ import annotations

import faulthandler
import os
import signal
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "engagement/assets/node_modules/axe-core/axe.min.js"
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or not AXE.exists():
        message = f"needs {CHROMIUM} and {AXE} (make assets)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text()


BROWSER_TEST_LIMIT_SECONDS = 300


@pytest.fixture(autouse=True)
def _fail_rather_than_hang():
    """A browser test that stops answering fails after 5 minutes, with where it was
    stuck, instead of holding the whole run until CI gives up."""

    def stuck(_signal, frame):  # type: ignore[no-untyped-def]
        faulthandler.dump_traceback(all_threads=True)
        raise TimeoutError(f"browser test still running after {BROWSER_TEST_LIMIT_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(BROWSER_TEST_LIMIT_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)
