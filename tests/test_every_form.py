"""Bad input into every form in the app, young people's, practitioners' and staff's, on
SQLite and PostgreSQL (reliability plan 5.3: B4, B5, B7; issue 10).

Nothing here lists the forms, so a new form is covered without a new test:

1. A scene is built once per database: the demo partnership, a person of every role, audit
   cycles in every state (last year's signed off, this year's in progress, one waiting for
   sign-off), analysed answers with a flagged one, a draft consultation and an adapted
   framework, an invitation and a password reset waiting, and a young person who has
   answered every question.
2. Pages are crawled as each kind of visitor (a young person, anyone, an agency's senior
   lead, a partnership admin, someone half signed in, someone just invited), following
   links, and every form that posts is collected with its fields as the HTML draws them.
3. Each POST route in ``app.url_map`` gets a test that starts from the scene (restored from
   a snapshot) and sends each of its forms with one thing made bad at a time: NUL bytes, C0
   and C1 control characters, bidirectional overrides, lone surrogates and invalid UTF-8,
   a 1 MB string, huge and negative numbers, fields missing or sent twice, dates in the
   wrong shape, a JSON body. A fixed sweep touches every field; Hypothesis adds more.

For every post: never a 5xx; no database error caught by the safety net in
``engagement.bad_input`` (a form should have refused the input first); a refused post (a
4xx, or a 200 with an error summary) changed nothing in the database; and a 200 that
changed nothing shows an error summary. Every page also passes the page check.

``test_every_post_route_has_its_form_found`` fails for a POST route whose form the crawl
cannot find, unless it is in EXCLUDED with a reason.

``EVERY_FORM_EXAMPLES=200`` runs more Hypothesis examples per form, and random ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import io
import json
import logging
import os
import re
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from engagement import clock, create_app, db
from engagement.config import TestConfig
from engagement.demo.you_said import seed_you_said
from engagement.models import (
    AnalysisRun,
    Answer,
    AnswerTheme,
    ApprovedQuote,
    AuditAction,
    AuditChallenge,
    AuditCycle,
    AuditDocument,
    AuditFramework,
    AuditReturn,
    Base,
    Consultation,
    ReturnStatus,
    StaffUser,
    Submission,
    TrainingForm,
    new_id,
)
from engagement.themes import work as analysis_work
from engagement.training.evaluation_forms import raw_built_in
from tests import databases
from tests.conftest import load_demo, make_app
from tests.respondent import ANSWERS_12_18, Respondent, complete
from tests.section11.audit_data import make_cycle
from tests.staff_world import PASSWORD, make_world, sign_in
from tests.themes.analysis_data import add_answers
from tests.training.training_data import add_course, add_evaluation, add_session

# POST routes whose form is not looked for, each with the reason.
EXCLUDED: dict[str, str] = {
    "training_evaluation.form_b": "drawn only after a right follow-up code is posted, which "
    "the crawl cannot know; tests/training/test_evaluation.py sends it wrong, used and other "
    "sessions' codes and missing answers",
}

EXAMPLES = int(os.environ.get("EVERY_FORM_EXAMPLES", "0")) or 6
ONE_MB = "x" * 1_000_000

# What the database may change although a post was refused: a signed-in request keeps the
# session alive (once a minute), and wrong passwords and codes count towards a wait and are
# logged. They record that someone was there or tried, never what they sent.
VOLATILE_COLUMNS = {
    "staff_sessions": ("last_seen_at",),
    "staff_users": ("failed_sign_ins", "failed_codes", "locked_until"),
}
VOLATILE_EVENTS = ("sign_in_refused", "sign_in_code_refused")
LITERAL = {"literal_binds": True}


def _post_endpoints() -> list[str]:
    app = create_app(TestConfig, DATABASE_URL="sqlite://")
    return sorted({r.endpoint for r in app.url_map.iter_rules() if "POST" in (r.methods or ())})


POST_ENDPOINTS = _post_endpoints()


# ---------------------------------------------------------------------------------------
# Forms as the HTML draws them


@dataclasses.dataclass
class Field:
    name: str
    kind: str  # text, password, textarea, hidden, date, radio, checkbox, select, file, button
    values: list[str]  # what a person would send (a date's three parts, checked boxes)
    options: list[str] = dataclasses.field(default_factory=list)
    accept: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind == "date" or any(v.lstrip("-").isdigit() for v in self.values)


@dataclasses.dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    content_type: str


@dataclasses.dataclass
class FoundForm:
    visitor: str
    page: str
    url: str
    endpoint: str
    multipart: bool
    fields: list[Field]

    @property
    def signature(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.kind != "button")

    def pairs(self) -> list[tuple[str, Any]]:
        pairs: list[tuple[str, Any]] = []
        for f in self.fields:
            if f.kind == "file":
                pairs.append((f.name, _upload(f.accept)))
            else:
                pairs.extend((f.name, value) for value in f.values)
        return pairs


def _upload(accept: str) -> Upload:
    if ".csv" in accept:
        return Upload("agencies.csv", b"name,sector\nNew Agency,police\n", "text/csv")
    if ".po" in accept:
        return Upload("text.po", b'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n', "text/plain")
    return Upload("evidence.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "application/pdf")


def _filler(name: str, kind: str) -> str:
    """A value a person might type, so that the rest of the form is valid."""
    if kind == "email" or "email" in name:
        return "someone.new@example.org"
    if kind == "password" or "password" in name:
        return "A brand new passphrase 2027"
    if "slug" in name:
        return "a-new-address"
    if "starts_at" in name:
        return "14:00"
    if kind == "number" or name.endswith(("_number", "_cap", "_days")):
        return "7"
    if name == "code":
        return "123456"
    return "Written by hand"


def read_fields(form: Any) -> list[Field]:
    fields: dict[str, Field] = {}

    def field(name: str, kind: str) -> Field:
        return fields.setdefault(name, Field(name, kind, []))

    for tag in form.find_all(["input", "textarea", "select", "button"]):
        name = tag.get("name")
        kind = "button" if tag.name == "button" else (tag.get("type") or "text").lower()
        if not name or kind == "image":
            continue
        value = tag.get("value", "")
        if tag.name == "textarea":
            field(name, "textarea").values.append(tag.get_text() or _filler(name, "text"))
        elif tag.name == "select":
            options = [o.get("value", o.get_text()) for o in tag.find_all("option")]
            chosen = [o.get("value", o.get_text()) for o in tag.find_all("option", selected=True)]
            usable = [o for o in options if o] or [""]
            field(name, "select").values.append((chosen or usable)[0])
        elif kind in ("button", "submit"):
            if name not in fields:  # the first button, as if it was pressed
                field(name, "button").values.append(value)
        elif kind in ("radio", "checkbox"):
            group = field(name, kind)
            group.options.append(value)
            if tag.has_attr("checked"):
                group.values.append(value)
        elif kind == "file":
            field(name, "file").accept = tag.get("accept", "")
        elif "govuk-date-input__input" in (tag.get("class") or []):
            date = field(name, "date")
            default = ("1", "6", str(dt.date.today().year + 1))[len(date.values) % 3]
            date.values.append(value or default)
        elif kind == "hidden":
            field(name, "hidden").values.append(value)
        else:
            field(name, "password" if kind == "password" else "text").values.append(
                value or _filler(name, kind)
            )
    for f in fields.values():
        # Nothing chosen yet: choose the first, unless it is a single box to tick.
        if f.kind in ("radio", "checkbox") and not f.values and f.options:
            if f.kind == "radio" or len(f.options) > 1:
                f.values.append(f.options[0])
    return list(fields.values())


# ---------------------------------------------------------------------------------------
# The database: a snapshot to start each test from, and a fingerprint to compare


def take_snapshot(app: Flask) -> dict[str, list[dict[str, Any]]]:
    with app.app_context(), db.engine().connect() as connection:
        return {
            t.name: [dict(row) for row in connection.execute(sa.select(t)).mappings()]
            for t in Base.metadata.sorted_tables
        }


def _parents_first(table: sa.Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a table that refers to itself (copied frameworks, merged themes) in an
    order its foreign key accepts."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        return rows
    key = next(iter(table.primary_key.columns)).name
    placed: set[Any] = set()
    ordered: list[dict[str, Any]] = []
    waiting = list(rows)
    while waiting:
        ready = [r for r in waiting if all(r[c] is None or r[c] in placed for c in own)]
        assert ready, f"rows of {table.name} refer to each other in a circle"
        ordered += ready
        placed |= {r[key] for r in ready}
        waiting = [r for r in waiting if r[key] not in placed]
    return ordered


def _lasting(table: sa.Table) -> sa.Select[Any]:
    """What a refused post must leave as it was in ``table`` (VOLATILE_* aside)."""
    volatile = VOLATILE_COLUMNS.get(table.name, ())
    query = sa.select(*[c for c in table.columns if c.name not in volatile])
    if table.name == "audit_events":
        query = query.where(table.c.action.not_in(VOLATILE_EVENTS))
    return query


def fingerprint(app: Flask) -> dict[str, Any]:
    """Everything in the database that a refused post must leave as it was, by table."""
    tables = Base.metadata.sorted_tables
    with app.app_context(), db.engine().connect() as connection:
        if connection.dialect.name == "postgresql":  # one round trip, hashed on the server
            sql = " UNION ALL ".join(
                f"SELECT '{t.name}', md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), ''))"
                f" FROM ({_lasting(t).compile(connection, compile_kwargs=LITERAL)}) r"
                for t in tables
            )
            return dict(connection.exec_driver_sql(sql).all())
        return {
            t.name: frozenset(repr(tuple(row)) for row in connection.execute(_lasting(t)))
            for t in tables
        }


# ---------------------------------------------------------------------------------------
# The scene


@dataclasses.dataclass
class Scene:
    backend: str
    app: Flask
    cookies: dict[str, dict[str, str]]  # by visitor
    setups: dict[str, Callable[[Any], Any]]  # visitors made again for each test
    seeds: dict[str, list[str]]  # where each visitor's crawl starts
    snapshot: dict[str, list[dict[str, Any]]] = dataclasses.field(default_factory=dict)
    # By endpoint: each distinct form, with where it was found, best visitor first.
    forms: dict[str, list[list[FoundForm]]] = dataclasses.field(default_factory=dict)

    def restore(self) -> None:
        with self.app.app_context(), self.app.extensions["write_engine"].begin() as connection:
            tables = Base.metadata.sorted_tables
            for table in reversed(tables):
                connection.execute(table.delete())
            for table in tables:
                if rows := self.snapshot[table.name]:
                    connection.execute(table.insert(), _parents_first(table, rows))

    def client(self, visitor: str) -> Any:
        client = self.app.test_client()
        for key, value in self.cookies.get(visitor, {}).items():
            client.set_cookie(key, value)
        if visitor in self.setups:
            self.setups[visitor](client)
        return client


def _outbox_path(app: Flask, prefix: str) -> str:
    """The path of the link starting with ``prefix`` in the last email that has one."""
    for message in reversed(app.extensions["outbox"]):
        for word in message["body"].split():
            path = urllib.parse.urlsplit(word).path
            if path.startswith(prefix):
                return path
    raise AssertionError(f"no email with a link to {prefix}")


def _cookies(client: Any) -> dict[str, str]:
    cookie = client.get_cookie("session")
    return {"session": cookie.value} if cookie else {}


def _audits(app: Flask, world: Any) -> dict[str, str]:
    """Last year's cycle signed off, this year's in progress with a document, a challenge and
    an action on each return, and another cycle whose return waits for sign-off."""
    today = dt.date.today()
    make_cycle(
        app, world, name="2025-26", opens_on=today - dt.timedelta(days=400),
        due_on=today - dt.timedelta(days=300), rating="fully", status=ReturnStatus.APPROVED,
    )  # fmt: skip
    current = make_cycle(app, world, rating="mostly", status=ReturnStatus.IN_PROGRESS)
    make_cycle(
        app, world, name="Waiting 2026-27", opens_on=today - dt.timedelta(days=5),
        agencies=(world.own_agency,), rating="partially", status=ReturnStatus.SUBMITTED,
    )  # fmt: skip
    evidence = Path(app.config["EVIDENCE_DIR"])
    evidence.mkdir(parents=True, exist_ok=True)
    with app.app_context(), db.transaction() as s:
        cycle = s.get(AuditCycle, current["cycle"])
        # Without the built-in Section 175 framework, the page offers to add it.
        schools = s.scalar(
            sa.select(AuditFramework).where(
                AuditFramework.partnership_id == cycle.partnership_id,
                AuditFramework.kind == "section_175",
            )
        )
        for old in schools.standards:
            for question in old.questions:
                s.delete(question)
            s.delete(old)
        s.flush()
        s.delete(schools)
        standard = cycle.framework.standards[0]
        for agency_id in (world.own_agency, world.other_agency):
            document = AuditDocument(
                return_id=current[agency_id], question_id=standard.questions[0].id,
                filename="policy.pdf", stored_name=new_id(), content_type="application/pdf",
                size=4, sha256="0" * 64, uploaded_at=clock.now(),
            )  # fmt: skip
            challenge = AuditChallenge(
                return_id=current[agency_id], standard_id=standard.id, body="Show us",
                raised_at=clock.now(),
            )  # fmt: skip
            action = AuditAction(
                return_id=current[agency_id], description="Train staff", owner="Lead",
                due_on=today, updated_at=clock.now(),
            )  # fmt: skip
            s.add_all([document, challenge, action])
            (evidence / document.stored_name).write_bytes(b"%PDF")
    return current


def _training(app: Flask, world: Any) -> tuple[str, str]:
    """A course with a session held today whose follow-up is open and five written
    answers to code, and a form to adapt; the session's code and the course."""
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        course = add_course(s, partnership_id, "Scene course", [world.people["trainer"].id])
        session = add_session(s, course)
        session.follow_up_opens_on = clock.today() - dt.timedelta(days=1)
        for n in range(5):
            add_evaluation(s, session, "a", relevant=4, pledge=f"Make a referral sooner {n}")
        s.add(
            TrainingForm(
                partnership_id=partnership_id,
                stage="a",
                name="Our Form A",
                copied_from="built_in_a",
                items=raw_built_in("built_in_a"),
            )  # fmt: skip
        )
        return str(session.code), course.id


def build(backend: str, database_url: str) -> Scene:
    app = make_app(database_url)
    load_demo(app)
    world = make_world(app)
    people = world.people
    with app.app_context(), db.transaction() as s:
        s.get(StaffUser, people["agency_lead"].id).senior_lead = True
    # Analysed answers, and a response flagged for review.
    [flagged] = add_answers(app, world.consultation, ["I don't feel safe on the buses at night"])
    add_answers(app, world.consultation, ["More buses please"] * 12)
    with app.app_context():
        with db.transaction() as s:
            s.add(AnalysisRun(consultation_id=world.consultation, requested_at=clock.now()))
            submission = s.scalar(sa.select(Answer.submission_id).where(Answer.id == flagged))
            s.get(Submission, submission).needs_review = True
        analysis_work.process_pending()
    current = _audits(app, world)
    training_code, course_id = _training(app, world)
    with app.app_context(), db.transaction() as s:  # actions to change and a page to withdraw
        seed_you_said(s, s.get(Consultation, world.consultation), clock.today())
        coded = s.execute(  # and a quote to withdraw
            sa.select(AnswerTheme.answer_id, AnswerTheme.theme_id).where(
                AnswerTheme.consultation_id == world.consultation
            )
        ).first()
        s.add(ApprovedQuote(answer_id=coded.answer_id, consultation_id=world.consultation,
                            theme_id=coded.theme_id, approved_at=clock.now()))  # fmt: skip

    admin = app.test_client()
    sign_in(admin, people["partnership_admin"])
    # A draft consultation and an adapted framework: everything in them can be changed.
    page = admin.get("/staff/consultations/new")
    template = page.page.select_one("input[name=template]")["value"]
    created = admin.post(
        "/staff/consultations/new",
        data={"template": template, "title": "Draft survey", "slug": "draft-survey"},
    )
    assert created.status_code == 302, created.get_data(as_text=True)[:300]
    with app.app_context():
        framework = db.session().scalar(sa.select(AuditFramework.id).where(
            AuditFramework.id == sa.select(AuditCycle.framework_id).where(
                AuditCycle.id == current["cycle"]).scalar_subquery()))  # fmt: skip
    copied = admin.post(
        f"/staff/audits/frameworks/{framework}/copy",
        data={"name": "Our Section 11", "scale": "fully_mostly"},
    )
    assert copied.status_code == 302, copied.get_data(as_text=True)[:300]
    # An invitation and a password reset, waiting to be used.
    invited = admin.post(
        "/staff/team/invite",
        data={"name": "New Person", "email": "new.person@example.org", "role": "analyst"},
    )
    assert invited.status_code == 302, invited.get_data(as_text=True)[:300]
    invitation = _outbox_path(app, "/staff/invitation/")
    app.test_client().post("/staff/reset-password", data={"email": people["analyst"].email})
    reset = _outbox_path(app, "/staff/reset-password/")

    lead = app.test_client()
    sign_in(lead, people["agency_lead"])
    young = app.test_client()
    respondent = Respondent(young)
    respondent.start("12-18")
    complete(respondent, ANSWERS_12_18)
    with app.app_context():
        code = db.session().scalar(
            sa.select(AuditReturn.practitioner_code).where(
                AuditReturn.id == current[world.own_agency]
            )
        )
    admin_email = people["partnership_admin"].email
    return Scene(
        backend,
        app,
        cookies={"admin": _cookies(admin), "lead": _cookies(lead), "young_person": _cookies(young)},
        setups={
            "half_signed_in": lambda client: client.post(
                "/staff/sign-in", data={"email": admin_email, "password": PASSWORD}
            ),
            "new_account": lambda client: client.post(
                invitation, data={"password": "A brand new passphrase 2027"}
            ),
        },
        seeds={
            "young_person": ["/take-part/feeling-safe/check-your-answers"],
            "anyone": [
                "/", "/staff/sign-in", "/staff/reset-password", "/take-part/resume",
                invitation, reset, f"/practitioner-survey/{code}",
                f"/training/{training_code}", f"/training/{training_code}/follow-up",
            ],
            "lead": ["/staff/", "/staff/audits/my-returns"],
            "admin": [
                "/staff/", f"/staff/training/courses/{course_id}/written/pledge",
                "/staff/yearly-report/headings",
            ],
            "half_signed_in": ["/staff/two-factor"],
            "new_account": ["/staff/set-up-two-factor"],
        },
    )  # fmt: skip


def crawl(scene: Scene, visitor: str) -> list[FoundForm]:
    """Every form that posts, on the pages ``visitor`` reaches by following links.

    Pages are taken kinds seen least first, and from each kind, places seen least first (a
    place is everything in the path but its last part: a return, for its standards), so
    every return and every kind of page has its turn before the limits are reached.
    """
    client = scene.client(visitor)
    adapter = scene.app.url_map.bind("localhost")
    area, most = VISITORS[visitor]
    visits = Counter[Any]()
    queue: list[tuple[int, int, int, str, str, tuple[str, ...]]] = []
    queued: set[str] = set()

    def enqueue(url: str) -> None:
        path, _, query = url.partition("?")
        try:
            rule, values = adapter.match(path, method="GET", query_args=query, return_rule=True)
        except (NotFound, MethodNotAllowed, RequestRedirect):
            return
        if url in queued or "." in rule.rule.rsplit("/", 1)[-1]:
            return  # seen, or a download
        if not rule.endpoint.startswith(area):
            return  # someone else's pages
        names = re.findall(r"<(?:[^:>]+:)?([^>]+)>", rule.rule)[:-1]
        place = (rule.endpoint, *[str(values[name]) for name in names])
        queued.add(url)
        key = (visits[rule.endpoint], visits[place], len(queued), url, rule.endpoint, place)
        heapq.heappush(queue, key)

    for seed in scene.seeds[visitor]:
        enqueue(seed)
    found: list[FoundForm] = []
    while queue:
        kinds, places, order, url, endpoint, place = heapq.heappop(queue)
        if (kinds, places) != (visits[endpoint], visits[place]):
            heapq.heappush(queue, (visits[endpoint], visits[place], order, url, endpoint, place))
            continue
        if kinds >= most:
            continue
        visits[endpoint] += 1
        visits[place] += 1
        response = client.get(url)
        response.close()
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in response.page.find_all("form"):
            if form.get("method", "get").lower() != "post":
                continue
            action = urllib.parse.urlsplit(urllib.parse.urljoin(url, form["action"]))
            try:
                posted, _ = adapter.match(action.path, method="POST")
            except (NotFound, MethodNotAllowed, RequestRedirect):
                continue
            target = action.path + (f"?{action.query}" if action.query else "")
            multipart = form.get("enctype") == "multipart/form-data"
            found.append(FoundForm(visitor, url, target, posted, multipart, read_fields(form)))
            if form.get("data-autosave"):  # the page's script sends the same fields there
                saving = form["data-autosave"]
                posted, _ = adapter.match(saving, method="POST")
                found.append(FoundForm(visitor, url, saving, posted, True, read_fields(form)))
        for link in response.page.find_all("a", href=True):
            target = urllib.parse.urlsplit(urllib.parse.urljoin(url, link["href"]))
            if target.netloc in ("", "localhost", "127.0.0.1:5000"):
                enqueue(target.path + (f"?{target.query}" if target.query else ""))
    return found


# Who crawls, best first when a form is found by several; whose pages they follow, and how
# many of each kind (a survey has a question of every kind within its first eight).
VISITORS = {
    "young_person": ("", 8),
    "anyone": ("", 8),
    "lead": ("staff.", 4),
    "admin": ("staff.", 4),
    "half_signed_in": ("staff.", 1),
    "new_account": ("staff.", 1),
}


def _scene(backend: str, database_url: str) -> Iterator[Scene]:
    scene = build(backend, database_url)
    scene.snapshot = take_snapshot(scene.app)
    by_endpoint: dict[str, dict[tuple[str, ...], list[FoundForm]]] = {}
    for visitor in VISITORS:
        for form in crawl(scene, visitor):
            by_endpoint.setdefault(form.endpoint, {}).setdefault(form.signature, []).append(form)
        scene.restore()  # signing in halfway and accepting the invitation leave traces
    scene.forms = {endpoint: list(forms.values()) for endpoint, forms in by_endpoint.items()}
    yield scene
    scene.app.extensions["engine"].dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def scene(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    if request.param == "postgres":
        database = request.getfixturevalue("postgres")
        database.empty()
        url = database.url
    else:
        directory = tmp_path_factory.mktemp("every-form")
        url = databases.sqlite_copy(databases.migrated_sqlite_template(directory), directory)
    yield from _scene(request.param, url)


# ---------------------------------------------------------------------------------------
# Bad input, and sending it


@dataclasses.dataclass(frozen=True)
class Bad:
    """One thing made bad: ``name`` set to ``values`` (None: left out), ``extra`` fields
    added, or the whole body replaced (``body``: "empty" or "json")."""

    what: str
    name: str | None = None
    values: tuple[Any, ...] | None = None
    extra: tuple[tuple[Any, Any], ...] = ()
    body: str | None = None

    def pairs(self, form: FoundForm) -> list[tuple[Any, Any]]:
        pairs = form.pairs()
        if self.name is not None:
            at = next((i for i, (n, _) in enumerate(pairs) if n == self.name), len(pairs))
            pairs = [(n, v) for n, v in pairs if n != self.name]
            pairs[at:at] = [(self.name, v) for v in self.values or ()]
        return pairs + list(self.extra)


NUL_AND_FRIENDS = [
    "\x00", "before\x00after", "\x01\x02\x03\x1b[31m\x7f", "\x85\x9f\x80", "tab\tand\rcr",
    "\u202eevil\u202c", "\u2066isolate\u2069", "\ufeffzero\u200bwidth", "\ufffe\uffff",
    "\ud800", "lone \udfff surrogate", "\x0b\x0c\u2028\u2029", "<script>alert(1)</script>",
    "{{7*7}}", "=HYPERLINK(\"http://x\")", "😀🏳️‍🌈", "Cymraeg: ŵ ŷ", "عربى", "",
    " ", "\n",
]  # fmt: skip
NUMBERS = [
    "1" * 40, "-1", "0", "-" + "9" * 40, "2147483648", "-2147483649", "9223372036854775808",
    "1e309", "NaN", "-inf", "0x1F", "１２", "1_000", " 12 ", "9" * 5000, "3.5",
]  # fmt: skip
INVALID_UTF8 = [
    b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xed\xb2\x80", b"\xf4\x90\x80\x80", b"\xe2\x82",
    b"ok\xffok\x00",
]  # fmt: skip
HIDDEN = st.characters(categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"])

values = st.one_of(
    st.sampled_from(NUL_AND_FRIENDS),
    st.sampled_from(NUMBERS),
    st.sampled_from(INVALID_UTF8),
    st.text(HIDDEN, min_size=1, max_size=8).map(lambda s: f"text {s} text"),
    st.integers(min_value=2_000, max_value=30_000).map(lambda n: "é" * n),
)


def bad_input(form: FoundForm) -> st.SearchStrategy[Bad]:
    names = [f.name for f in form.fields]
    name = st.sampled_from(names)
    dates = [f.name for f in form.fields if f.kind == "date"]
    return st.one_of(
        st.builds(lambda n, v: Bad("set", n, (v,)), name, values),
        st.builds(lambda n: Bad("left out", n), name),
        st.builds(lambda n, v: Bad("sent twice", n, (v, v)), name, values),
        st.builds(lambda n, v: Bad("added", extra=((n, v),)), values, values),
        st.builds(lambda n, v: Bad("json", n, (v,), body="json"), name, values),
        st.builds(
            lambda n, parts: Bad("date", n, tuple(parts)),
            st.sampled_from(dates or names),
            st.lists(st.one_of(st.sampled_from(NUMBERS), values), max_size=5),
        ),
    )


def _kind_of_field(field: Field) -> tuple[str, str]:
    """Fields made alike (a standard's evidence for each question, a text in each language)
    are one kind: ``evidence_<question id>``, ``t:<text id>``, ``phrases_<language>``."""
    return field.kind, re.split(r"[_:.-]", field.name, maxsplit=1)[0]


def fixed_sweep(form: FoundForm) -> Iterator[Bad]:
    """Every field made bad in turn (the first two of each kind), then the whole form."""
    kinds = Counter[tuple[str, str]]()
    for f in form.fields:
        kinds[_kind_of_field(f)] += 1
        if kinds[_kind_of_field(f)] > 2:
            continue
        first = f.values[0] if f.values else ""
        yield Bad("NUL", f.name, (first + "\x00", *f.values[1:]))
        yield Bad("left out", f.name)
        if f.numeric and f.kind != "date":
            yield Bad("huge number", f.name, ("1" * 40,))
            yield Bad("negative number", f.name, ("-" + "9" * 30,))
        if f.kind == "date":
            yield Bad("one part", f.name, (" ".join(f.values),))
            yield Bad("four parts", f.name, (*f.values, "1"))
            yield Bad("huge year", f.name, (*f.values[:2], "9" * 20))
    typed = [f.name for f in form.fields if f.kind in ("text", "textarea", "password")]
    if typed:
        yield Bad("1 MB", typed[0], (ONE_MB,))
        yield Bad("surrogate in JSON", typed[0], ("a\ud800b",), body="json")
    yield Bad("invalid UTF-8 everywhere", extra=(), body="invalid")
    yield Bad("everything twice", body="twice")
    yield Bad("empty body", body="empty")
    yield Bad("JSON that is not an object", body="json list")


def _bytes(value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")


def _multipart(pairs: list[tuple[Any, Any]]) -> tuple[bytes, str]:
    boundary = "every-form-boundary-7b3d"
    out = io.BytesIO()
    for name, value in pairs:
        out.write(f"--{boundary}\r\n".encode())
        # A part whose name is not UTF-8 makes Werkzeug drop the whole body without closing
        # the files already read (a ResourceWarning, Werkzeug's own): names stay readable.
        readable = _bytes(name).decode("utf-8", "replace").encode()
        disposition = b'Content-Disposition: form-data; name="' + readable + b'"'
        if isinstance(value, Upload):
            out.write(disposition + b'; filename="' + value.filename.encode() + b'"\r\n')
            out.write(f"Content-Type: {value.content_type}\r\n\r\n".encode() + value.content)
        else:
            out.write(disposition + b"\r\n\r\n" + _bytes(value))
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def send(client: Any, form: FoundForm, bad: Bad) -> Any:
    pairs = bad.pairs(form)
    if bad.body == "json":
        text = {str(n): (v.decode("latin-1") if isinstance(v, bytes) else v) for n, v in pairs
                if not isinstance(v, Upload)}  # fmt: skip
        return client.post(form.url, data=json.dumps(text), content_type="application/json")
    if bad.body == "json list":
        return client.post(form.url, data=b"[1, [2], null]", content_type="application/json")
    if bad.body == "empty":
        pairs = []
    elif bad.body == "twice":
        pairs = pairs + pairs
    elif bad.body == "invalid":
        pairs = [(n, v if isinstance(v, Upload) else b"\xff\xfe" + _bytes(v)) for n, v in pairs]
    if form.multipart:
        body, content_type = _multipart(pairs)
    else:
        body = b"&".join(
            urllib.parse.quote_plus(_bytes(n)).encode()
            + b"="
            + urllib.parse.quote_plus(_bytes(v.filename if isinstance(v, Upload) else v)).encode()
            for n, v in pairs
        )
        content_type = "application/x-www-form-urlencoded"
    return client.post(form.url, data=body, content_type=content_type)


# ---------------------------------------------------------------------------------------
# What every answer must be


class Faults(logging.Handler):
    """Database errors a form should have stopped, and anything unexpected."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@dataclasses.dataclass
class Judge:
    scene: Scene
    client: Any
    form: FoundForm
    faults: Faults
    before: dict[str, Any] = dataclasses.field(default_factory=dict)
    sent: int = 0

    def __post_init__(self) -> None:
        self.before = fingerprint(self.scene.app)

    def check(self, bad: Bad) -> None:
        about = (
            f"{self.scene.backend} {self.form.endpoint} {self.form.url} as {self.form.visitor}: "
            f"{bad.what} {bad.name!r}={_short(bad.values)} {bad.body or ''}"
        )
        try:
            response = send(self.client, self.form, bad)
        except Exception as problem:  # the page check, or a test client's own error
            raise AssertionError(f"{about}: {type(problem).__name__}: {problem}") from problem
        self.sent += 1
        status = response.status_code
        about += f" -> {status}"
        assert status < 500, about
        assert not self.faults.records, f"{about}: {self.faults.records}"
        after = fingerprint(self.scene.app)
        changed = [t for t in after if after[t] != self.before[t]]
        page = getattr(response, "page", None)
        summary = page is not None and bool(page.select(".govuk-error-summary"))
        if 400 <= status < 500 or summary:
            assert not changed, f"{about}: refused, but changed {changed}"
        elif status == 200 and page is not None and not changed:
            # The same form again, as if nothing was wrong (a page that says what was done,
            # like "we have emailed you a link", is another matter).
            path = urllib.parse.urlsplit(self.form.url).path
            again = [f for f in page.find_all("form") if f.get("action", "").split("?")[0] == path]
            assert not again, f"{about}: the form again, with nothing changed and no error summary"
        self.before = after
        response.close()


def _short(values: tuple[Any, ...] | None) -> str:
    return repr(tuple(v[:40] if isinstance(v, str | bytes) else v for v in values or ()))


@pytest.fixture
def faults() -> Iterator[Faults]:
    handler = Faults()
    logger = logging.getLogger("engagement.errors")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def _chosen(scene: Scene, candidates: list[FoundForm]) -> tuple[FoundForm, Any]:
    """The first visitor whose form, sent as found, is not refused for who they are."""
    for form in candidates:
        client = scene.client(form.visitor)
        response = send(client, form, Bad("as found"))
        scene.restore()
        location = response.headers.get("Location", "")
        if response.status_code != 403 and not location.endswith("/staff/sign-in"):
            return form, scene.client(form.visitor)
    return candidates[0], scene.client(candidates[0].visitor)


def more_bad_input(judge: Judge) -> None:
    """Hypothesis's turn: EXAMPLES more, the same each run unless EVERY_FORM_EXAMPLES is set."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize="EVERY_FORM_EXAMPLES" not in os.environ,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def more(data: st.DataObject) -> None:
        judge.check(data.draw(bad_input(judge.form)))

    more()


@pytest.mark.parametrize("endpoint", [e for e in POST_ENDPOINTS if e not in EXCLUDED])
def test_every_form_answers_bad_input_with_its_own_message(scene, faults, endpoint):
    assert endpoint in scene.forms, f"no form for {endpoint} found on any page"
    for candidates in scene.forms[endpoint]:
        scene.restore()
        form, client = _chosen(scene, candidates)
        judge = Judge(scene, client, form, faults)
        for bad in fixed_sweep(form):
            judge.check(bad)

        more_bad_input(judge)


@pytest.mark.parametrize("scene", ["sqlite"], indirect=True)
def test_every_post_route_has_its_form_found(scene):
    missing = [e for e in POST_ENDPOINTS if e not in scene.forms and e not in EXCLUDED]
    assert not missing, (
        f"No form found for {missing}: link its page from somewhere the crawl goes, add "
        "what it needs to the scene, or add the route to EXCLUDED with the reason."
    )
    stale = [e for e in EXCLUDED if e not in POST_ENDPOINTS]
    assert not stale, f"EXCLUDED names routes that no longer exist: {stale}"
