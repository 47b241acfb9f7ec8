"""The README's commands work as written on a fresh checkout after `make run`: the flask
and python commands run from the virtual environment, and each flask command exists."""

from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_commands_name_the_virtual_environment():
    for match in re.finditer(r"(\S*)(flask --app|python -m )", README):
        assert match.group(1).endswith(".venv/bin/"), README[match.start() : match.end() + 30]


def test_every_flask_command_in_the_readme_exists(app):
    named = set(re.findall(r"flask --app engagement ([a-z-]+)", README))
    assert {"create-admin", "invite-link", "db-upgrade"} <= named
    assert named <= set(app.cli.list_commands(None))
