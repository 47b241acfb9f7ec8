"""The dependency rules between our packages, read from the source (no subprocess):
every import statement in analysis/, forms/ and engagement/, at any depth, counts."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("analysis", "forms", "engagement")
WEB = {"flask", "flask_babel", "flask_wtf", "flask_login", "flask_limiter", "werkzeug", "wtforms"}
DATABASE = {"sqlalchemy", "psycopg", "alembic"}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if not {"node_modules", "migrations"} & set(path.parts):
                found[_name(path)] = path
    return found


def _imported(module: str, path: Path) -> list[str]:
    """Every name an import statement in the module brings in, made absolute."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = node.module or ""
            if node.level:
                here = module.split(".")[: None if path.name == "__init__.py" else -1]
                here = here[: len(here) - node.level + 1]
                base = ".".join([*here, base] if base else here)
            names += [f"{base}.{alias.name}" for alias in node.names]
    return names


def _ours(name: str) -> str | None:
    """The module of ours a name belongs to (a module, or a name inside one)."""
    while name and name not in _modules():
        name = name.rpartition(".")[0]
    return name or None


@cache
def _graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in _modules().items():
        targets = {_ours(name) for name in _imported(module, path)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def _third_party(package: str) -> dict[str, set[str]]:
    """Top-level outside packages each module of ``package`` imports."""
    return {
        module: {name.split(".")[0] for name in _imported(module, path) if not _ours(name)}
        for module, path in _modules().items()
        if module.split(".")[0] == package
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_scan_sees_imports_and_cycles():
    assert "engagement.db" in _graph()["engagement.respond.drafts"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_there_are_no_import_cycles():
    assert _cycles(_graph()) == []


def test_analysis_is_pure():
    for module, outside in _third_party("analysis").items():
        assert not outside & (WEB | DATABASE), module
    for module, targets in _graph().items():
        if module.startswith("analysis"):
            assert all(t.startswith("analysis") for t in targets), (module, targets)


def test_forms_never_touch_the_database():
    for module, outside in _third_party("forms").items():
        assert not outside & DATABASE, module
    for module, targets in _graph().items():
        if module.startswith("forms"):
            assert all(t.startswith("forms") for t in targets), (module, targets)


AREAS = {"accounts", "consultations", "respond", "section11", "themes", "office"}
# Flask-Login's plumbing in accounts, and the browser session the respond views keep.
WEB_PLUMBING = {"login", "sign_in_flow", "blueprint"}
HTTP_ONLY = ("flask.url_for", "flask.session", "werkzeug.exceptions", "engagement.respond.session")


def _is_service(module: str) -> bool:
    """A module of an area that is not its web layer (views, blueprint, sign-in plumbing)."""
    parts = module.split(".")
    return (
        parts[0] == "engagement"
        and len(parts) > 1
        and parts[1] in AREAS
        and "views" not in parts[2:]
        and parts[-1] not in WEB_PLUMBING
        and module != "engagement.respond.session"
    )


def _http_only(names: list[str]) -> list[str]:
    """The names among ``names`` that only a view should need: links, session, HTTP errors."""
    return [n for n in names if any(n == h or n.startswith(f"{h}.") for h in HTTP_ONLY)]


def test_the_http_rule_sees_services_that_speak_http(tmp_path):
    source = tmp_path / "journeys.py"
    source.write_text(
        "from flask import current_app, url_for\n"
        "from flask_babel import get_locale\n"
        "from werkzeug.exceptions import NotFound\n"
        "from engagement.respond import session as journey_session\n"
        "def f():\n    from flask import session\n"
    )
    assert _http_only(_imported("engagement.respond.journeys", source)) == [
        "flask.url_for",
        "werkzeug.exceptions.NotFound",
        "engagement.respond.session",
        "flask.session",
    ]
    assert _is_service("engagement.respond.journeys")
    assert _is_service("engagement.section11.reminders")
    assert not _is_service("engagement.respond.views")
    assert not _is_service("engagement.section11.views.returns")
    assert not _is_service("engagement.accounts.sign_in_flow")
    assert not _is_service("engagement.staff.policy")


def test_services_know_nothing_of_http():
    """Services take links as arguments (or build them with engagement.public_urls), raise
    engagement.problems, and leave the browser's session to the views."""
    found = {
        module: _http_only(_imported(module, path))
        for module, path in _modules().items()
        if _is_service(module)
    }
    assert {module: names for module, names in found.items() if names} == {}
    assert "engagement.respond.journeys" in found  # the scan reaches the services
