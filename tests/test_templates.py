"""Templates stay readable and use the shared pieces instead of hand-written markup."""

from __future__ import annotations

from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAX_LINE = 120


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_templates_are_found() -> None:
    assert len(_templates()) > 50


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_line_is_too_long(path: Path) -> None:
    long_lines = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > MAX_LINE
    ]
    assert not long_lines, f"lines over {MAX_LINE} characters: {long_lines}"


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_csrf_input_comes_from_csrf_field(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert 'name="csrf_token"' not in text, "use {{ csrf_field() }} for the CSRF input"
    assert "csrf_token()" not in text, "use {{ csrf_field() }} for the CSRF input"


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_tables_come_from_govuk_table(path: Path) -> None:
    assert "<table" not in path.read_text(encoding="utf-8"), "use govukTable for tables"
