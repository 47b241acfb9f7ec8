"""A cycle is named for its kind of framework everywhere: a Section 175/157 cycle's pages,
letters, Word and Excel outputs and emails never say Section 11, and it has no
practitioner survey (that is Section 11's)."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from openpyxl import load_workbook

from engagement import db
from engagement.models import AuditFramework, ReturnStatus
from engagement.section11 import cycles as audit_cycles
from engagement.section11 import reminders as audit_reminders
from tests.section11.audit_data import make_cycle
from tests.staff_world import sign_in


def _docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    parts = [document.core_properties.title or ""]
    parts += [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _xlsx_text(body: bytes) -> str:
    book = load_workbook(io.BytesIO(body))
    cells = [str(v) for sheet in book for row in sheet.values for v in row if v is not None]
    return "\n".join([*book.sheetnames, *cells])


def test_a_section_175_cycle_never_says_section_11(app, client, world):
    due_on = dt.date.today() + dt.timedelta(days=14)
    ids = make_cycle(
        app, world, rating="green", status=ReturnStatus.IN_PROGRESS, kind="section_175",
        due_on=due_on,
    )  # fmt: skip
    own = ids[world.own_agency]
    with app.app_context():
        framework = db.session().get(AuditFramework, ids["framework"])
        name, standard = framework.name, framework.standards[0].id
    assert name.startswith("Section 175/157")
    cycle = f"/staff/audits/cycles/{ids['cycle']}"
    texts: dict[str, str] = {}

    sign_in(client, world.people["analyst"])
    for url in (
        cycle, f"{cycle}/dashboard", f"{cycle}/events/new", f"/staff/audits/returns/{own}",
        f"/staff/audits/returns/{own}/standards/{standard}",
        f"/staff/audits/returns/{own}/review/{standard}",
    ):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.page.get_text(" ")
    assert name in texts[cycle]
    assert "For example, Section 175/157 challenge panel" in texts[f"{cycle}/events/new"]
    assert client.get(f"/staff/audits/returns/{own}/practitioner-poster").status_code == 404
    for url in (
        f"/staff/audits/returns/{own}/feedback-letter.docx",
        f"/staff/audits/returns/{own}/return.docx",
        f"{cycle}/summary.docx",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = _docx_text(response.data)
        assert name in texts[url], url
    texts["xlsx"] = _xlsx_text(client.get(f"{cycle}/summary.xlsx").data)
    assert name in texts["xlsx"]
    client.get("/staff/sign-out")

    sign_in(client, world.people["agency_lead"])
    for url in ("/staff/", "/staff/audits/my-returns", f"/staff/audits/returns/{own}"):
        texts[f"lead {url}"] = client.get(url).page.get_text(" ")
    assert "Your agency’s audit returns" in texts["lead /staff/audits/my-returns"]

    with app.test_request_context():
        assert audit_cycles.notify_leads(ids["cycle"], [world.own_agency]) == 1
        assert audit_reminders.send_reminders(due_on - dt.timedelta(days=14)) == 2  # both leads
    subjects = [e["subject"] for e in app.extensions["outbox"]]
    assert subjects[0] == "Northshire Police: your 2026-27 Section 175/157 self-assessment is open"
    assert "Northshire Police: your 2026-27 Section 175/157 self-assessment is due in 14 days" in (
        subjects
    )
    emails = app.extensions["outbox"]
    texts.update({f"email {i}": e["subject"] + "\n" + e["body"] for i, e in enumerate(emails)})

    for place, text in texts.items():
        assert "Section 11" not in text, place
        assert "S11" not in text, place
        assert "practitioner" not in text.lower(), place
