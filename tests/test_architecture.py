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
VOCABULARY = "forms.vocabulary"
# Modules of engagement that draw pages or keep the browser's side of a request (Flask-Login's
# plumbing, the respond views' session); every other module of its packages is a service,
# except the staff package, which is the staff pages' own plumbing.
WEB_SIDE = {
    "views",
    "blueprint",
    "survey_blueprint",
    "components",
    "login",
    "sign_in_flow",
    "session",
}


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
    return _imported_from(module, path.read_text(encoding="utf-8"), path.name == "__init__.py")


def _imported_from(module: str, source: str, package: bool = False) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = node.module or ""
            if node.level:
                here = module.split(".")[: None if package else -1]
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


AREAS = {"accounts", "consultations", "respond", "results", "section11", "themes", "office"}
HTTP_ONLY = ("flask.url_for", "flask.session", "werkzeug.exceptions", "engagement.respond.session")
AREA_INTERNALS = ("views", "blueprint", "survey_blueprint")


def _area(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "engagement" and len(parts) > 1 and parts[1] in AREAS else None


def _area_breaches(imports: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Imports by one area of another area's internals: its pages (views, blueprints) or a
    private name. An area uses another through its services' public names only."""
    breaches = []
    for module, names in imports.items():
        here = _area(module)
        for name in names:
            target = _ours(name) or name
            there = _area(target)
            if here is None or there is None or there == here:
                continue
            inside = target.split(".")[2:3]
            private = name[len(target) :].lstrip(".").startswith("_")
            if (inside and inside[0] in AREA_INTERNALS) or private:
                breaches.append((module, name))
    return breaches


def test_the_area_rule_can_fail():
    imports = {
        "engagement.themes.views.analysis": [
            "engagement.consultations.views.consultations._consultation",
            "engagement.consultations.admin.get",
        ],
        "engagement.respond.journeys": ["engagement.consultations.catalogue._build_spec"],
        "engagement.section11.views.returns": ["engagement.section11.views.cycles._cycle"],
    }
    assert _area_breaches(imports) == [
        ("engagement.themes.views.analysis", imports["engagement.themes.views.analysis"][0]),
        ("engagement.respond.journeys", "engagement.consultations.catalogue._build_spec"),
    ]


def test_areas_use_each_other_only_through_public_services():
    imports = {module: _imported(module, path) for module, path in _modules().items()}
    assert _area_breaches(imports) == []


def _service(module: str) -> bool:
    """A module of a package of engagement (an area, models, demo) that draws no page."""
    parts = module.split(".")
    return (
        parts[0] == "engagement"
        and len(parts) > 2
        and parts[1] != "staff"
        and not WEB_SIDE & set(parts[2:])
    )


def _forms_beyond_vocabulary(names: list[str]) -> set[str]:
    """The modules of forms other than the vocabulary that these imported names reach."""
    modules = {_ours(name) for name in names}
    return {m for m in modules if m and m.split(".")[0] == "forms" and m != VOCABULARY}


def test_the_service_rule_sees_what_a_service_takes_from_forms():
    source = (
        "from forms.vocabulary import RATHER_NOT_SAY\n"
        "from forms import messages, vocabulary\n"
        "import forms.staff\n"
        "def later():\n"
        "    from forms.questions import QuestionForm\n"
    )
    names = _imported_from("engagement.respond.example", source)
    assert _forms_beyond_vocabulary(names) == {"forms.messages", "forms.staff", "forms.questions"}
    assert _forms_beyond_vocabulary(["forms.vocabulary.QuestionKind", "engagement.db"]) == set()
    assert _service("engagement.respond.drafts") and _service("engagement.models.consultations")
    assert not _service("engagement.respond.views") and not _service("engagement.templating")
    assert not _service("engagement.section11.views.returns")


def test_services_take_only_the_vocabulary_from_forms():
    for module, path in _modules().items():
        if _service(module):
            assert not _forms_beyond_vocabulary(_imported(module, path)), module


def test_the_vocabulary_is_plain_python():
    reached = {VOCABULARY, *_graph()[VOCABULARY]}
    assert reached <= {VOCABULARY, "forms.text"}, reached
    for module, outside in _third_party("forms").items():
        if module in reached:
            assert not outside & (WEB | DATABASE | {"flask", "jinja2", "markupsafe"}), module


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
    assert _service("engagement.respond.journeys")
    assert _service("engagement.section11.reminders")
    assert not _service("engagement.respond.views")
    assert not _service("engagement.section11.views.returns")
    assert not _service("engagement.accounts.sign_in_flow")
    assert not _service("engagement.staff.policy")


def test_services_know_nothing_of_http():
    """Services take links as arguments (or build them with engagement.public_urls), raise
    engagement.problems, and leave the browser's session to the views."""
    found = {
        module: _http_only(_imported(module, path))
        for module, path in _modules().items()
        if _service(module)
    }
    assert {module: names for module, names in found.items() if names} == {}
    assert "engagement.respond.journeys" in found  # the scan reaches the services
