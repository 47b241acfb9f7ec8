"""An agency's return: answering, saving as you type, documents, submitting and signing off."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from engagement import db
from engagement.models import (
    AuditAnswer,
    AuditAnswerRevision,
    AuditDocument,
    AuditFramework,
    AuditReturn,
    ReturnStatus,
    StaffUser,
    new_id,
)
from tests.conftest import both_databases
from tests.section11.audit_data import make_cycle
from tests.staff_world import csrf, sign_in


def _standards(app, ids):
    with app.app_context():
        framework = db.session().get(AuditFramework, ids["framework"])
        return [(s.id, [q.id for q in s.questions]) for s in framework.standards]


def _make_senior(app, person_id):
    with app.app_context(), db.transaction() as s:
        s.get(StaffUser, person_id).senior_lead = True


def _answer_all(client, return_id, standards, rating="fully"):
    for standard_id, questions in standards:
        url = f"/staff/audits/returns/{return_id}/standards/{standard_id}"
        page = client.get(url)
        data = {"csrf_token": csrf(page), "then": "next"}
        for question in questions:
            data[f"rating_{question}"] = rating
            data[f"evidence_{question}"] = f"Evidence for {question}"
            data[f"version_{question}"] = page.page.find(
                "input", attrs={"name": f"version_{question}"}
            )["value"]
        response = client.post(url, data=data)
        assert response.status_code == 302, response.get_data(as_text=True)[:300]


def _status(app, return_id):
    with app.app_context():
        return db.session().get(AuditReturn, return_id).status


@both_databases
def test_an_agency_completes_submits_and_a_senior_lead_signs_off(app, client, world):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    standards = _standards(app, ids)
    sign_in(client, world.people["agency_lead"])
    listing = client.get("/staff/audits/my-returns")
    assert "2026-27" in listing.text and "Riverside" not in listing.text
    # Submitting too early names what is missing.
    page = client.get(f"/staff/audits/returns/{own}")
    client.post(f"/staff/audits/returns/{own}/submit", data={"csrf_token": csrf(page)})
    page = client.get(f"/staff/audits/returns/{own}")
    assert "Answer every question before sending for sign-off" in page.text
    assert _status(app, own) == ReturnStatus.NOT_STARTED
    _answer_all(client, own, standards)
    assert _status(app, own) == ReturnStatus.IN_PROGRESS
    client.post(f"/staff/audits/returns/{own}/submit", data={"csrf_token": csrf(page)})
    assert _status(app, own) == ReturnStatus.SUBMITTED
    # An agency lead who is not the senior lead can't sign off.
    assert client.get(f"/staff/audits/returns/{own}/sign-off").status_code == 302
    client.post(f"/staff/audits/returns/{own}/sign-off", data={"csrf_token": csrf(page)})
    assert _status(app, own) == ReturnStatus.SUBMITTED
    _make_senior(app, world.people["agency_lead"].id)
    page = client.get(f"/staff/audits/returns/{own}")
    # The return page only leads to the confirmation: no form on it locks the return.
    link = page.page.find("a", string=lambda s: s and "Sign off and lock the return" in s)
    assert link["href"] == f"/staff/audits/returns/{own}/sign-off"
    assert not [f for f in page.page.select("main form") if "sign-off" in f["action"]]
    confirm = client.get(link["href"])
    assert confirm.page.h1.get_text() == (
        "Are you sure you want to sign off Northshire Police’s 2026-27 return?"
    )
    assert (
        "Once signed off the return is locked"
        in confirm.page.select_one(".govuk-warning-text").get_text()
    )
    assert _status(app, own) == ReturnStatus.SUBMITTED  # asking changes nothing
    form = confirm.page.select_one("main form")
    assert form["action"] == f"/staff/audits/returns/{own}/sign-off"
    assert form.select_one("button").get_text(strip=True) == "Yes, sign off and lock the return"
    client.post(form["action"], data={"csrf_token": csrf(confirm)})
    assert _status(app, own) == ReturnStatus.APPROVED
    assert "The return is locked" in client.get(f"/staff/audits/returns/{own}").text
    # The old one-click address is gone, and a signed-off return is not asked about again.
    gone = client.post(f"/staff/audits/returns/{own}/approve", data={"csrf_token": csrf(page)})
    assert gone.status_code == 404
    assert client.get(f"/staff/audits/returns/{own}/sign-off").status_code == 302


def test_a_signed_off_return_cannot_be_changed(app, client, world, tmp_path):
    app.config["EVIDENCE_DIR"] = str(tmp_path / "evidence")
    ids = make_cycle(app, world, rating="mostly", status=ReturnStatus.APPROVED)
    own = ids[world.own_agency]
    standard_id, questions = _standards(app, ids)[0]
    sign_in(client, world.people["agency_lead"])
    url = f"/staff/audits/returns/{own}/standards/{standard_id}"
    page = client.get(url)
    assert "signed off and locked" in page.text
    assert not page.page.select("textarea")
    data = {"csrf_token": csrf(page), f"rating_{questions[0]}": "not_met",
            f"evidence_{questions[0]}": "Changed", f"version_{questions[0]}": "1"}  # fmt: skip
    client.post(url, data=data)
    assert client.post(f"{url}/autosave", data=data).status_code == 409
    upload = client.post(
        f"/staff/audits/returns/{own}/questions/{questions[0]}/documents",
        data={"csrf_token": csrf(page), "question": questions[0],
              "file": (io.BytesIO(b"%PDF-1.4 x"), "late.pdf")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert upload.status_code == 200 and "signed off" in upload.text
    with app.app_context():
        answer = db.session().scalar(
            sa.select(AuditAnswer).where(
                AuditAnswer.return_id == own, AuditAnswer.question_id == questions[0]
            )
        )
        assert (answer.rating, answer.evidence) == ("mostly", "Policy signed in May.")
        assert db.session().scalar(sa.select(sa.func.count()).select_from(AuditDocument)) == 0
    assert not list((tmp_path / "evidence").glob("*"))  # nothing half-kept


@both_databases
def test_two_contributors_saving_at_once_lose_no_text(app, world):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    standard_id, questions = _standards(app, ids)[0]
    first = questions[0]
    with app.app_context(), db.transaction() as s:
        lead = s.get(StaffUser, world.people["agency_lead"].id)
        colleague = StaffUser(
            partnership_id=lead.partnership_id, agency_id=lead.agency_id,
            email="colleague@example.org",
            name="Colleague", role=lead.role, password_hash=lead.password_hash,
            totp_secret=world.people["other_lead"].secret, created_at=lead.created_at,
        )  # fmt: skip
        s.add(colleague)
    from tests.staff_world import Person

    person_b = Person(colleague.id, colleague.email, colleague.role, colleague.agency_id,
                      world.people["other_lead"].secret)  # fmt: skip
    alice, bob = app.test_client(), app.test_client()
    sign_in(alice, world.people["agency_lead"])
    sign_in(bob, person_b)
    url = f"/staff/audits/returns/{own}/standards/{standard_id}"
    page_a, page_b = alice.get(url), bob.get(url)

    def post(client, page, evidence, impact=""):
        data = {"csrf_token": csrf(page), f"rating_{first}": "mostly",
                f"evidence_{first}": evidence, f"impact_{first}": impact,
                f"version_{first}": "0"}  # fmt: skip
        return client.post(f"{url}/autosave", data=data)

    saved_a = post(alice, page_a, "Alice: our policy was signed by the chief executive.")
    assert saved_a.status_code == 200 and saved_a.json["answers"][0]["merged"] is False
    saved_b = post(bob, page_b, "Bob: the board gets a quarterly report.", impact="Fewer delays")
    body = saved_b.json["answers"][0]
    assert body["merged"] is True
    assert "Alice: our policy was signed" in body["evidence"]
    assert "Bob: the board gets a quarterly report." in body["evidence"]
    assert body["impact"] == "Fewer delays"  # only Bob wrote here: no marker needed
    # Alice saves again from her old page: her version moves on, nothing is dropped.
    again = post(
        alice, page_a, "Alice: our policy was signed by the chief executive. And reviewed."
    )
    evidence = again.json["answers"][0]["evidence"]
    assert "Bob: the board" in evidence and "And reviewed." in evidence
    with app.app_context():
        answer = db.session().scalar(
            sa.select(AuditAnswer).where(
                AuditAnswer.question_id == first, AuditAnswer.return_id == own
            )
        )
        revisions = (
            db.session()
            .scalars(
                sa.select(AuditAnswerRevision).where(AuditAnswerRevision.answer_id == answer.id)
            )
            .all()
        )
        assert [r.version for r in sorted(revisions, key=lambda r: r.version)] == [1, 2, 3]
        assert answer.version == 3


def test_not_applicable_needs_a_reason_and_bad_ratings_are_refused(app, client, world):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    standard_id, questions = _standards(app, ids)[0]
    sign_in(client, world.people["agency_lead"])
    url = f"/staff/audits/returns/{own}/standards/{standard_id}"
    page = client.get(url)
    response = client.post(
        url, data={"csrf_token": csrf(page), f"rating_{questions[0]}": "not_applicable"}
    )
    assert response.status_code == 200
    assert (
        "Say why this question does not apply"
        in response.page.select_one(".govuk-error-summary").text
    )
    response = client.post(
        url, data={"csrf_token": csrf(page), f"rating_{questions[0]}": "splendid"}
    )
    assert response.status_code == 200 and response.page.select_one(".govuk-error-summary")
    response = client.post(
        url, data={"csrf_token": csrf(page), f"evidence_{questions[0]}": "x" * 10_001}
    )
    assert "10,000 characters or fewer" in response.text
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(AuditAnswer)) == 0


def test_last_cycles_answers_are_shown_alongside(app, client, world):
    make_cycle(app, world, name="2025-26", opens_on=dt.date(2025, 11, 1),
               due_on=dt.date(2026, 1, 31), rating="partially")  # fmt: skip
    ids = make_cycle(app, world, name="2026-27")
    standard_id, _ = _standards(app, ids)[0]
    sign_in(client, world.people["agency_lead"])
    page = client.get(f"/staff/audits/returns/{ids[world.own_agency]}/standards/{standard_id}")
    assert "What you said in 2025-26" in page.text and "Partially met" in page.text


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client, return_id, question, name, content):
    url = f"/staff/audits/returns/{return_id}/questions/{question}/documents"
    page = client.get(url)
    # Encoded here, in memory: the test client would spool a large body to an unclosed file.
    boundary, body = encode_multipart(
        {
            "csrf_token": csrf(page),
            "question": question,
            "file": FileStorage(io.BytesIO(content), name),
        }
    )
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "must be a PDF"),
        ("page.html", b"<html><script>alert(1)</script></html>", "must be a PDF"),
        ("picture.svg", b"<svg onload=alert(1)></svg>", "must be a PDF"),
        ("trick.pdf", b"<html><script>alert(1)</script></html>", "doesn’t match its name"),
        ("notes.txt", b"hello <script>alert(1)</script>", "doesn’t match its name"),
        ("image.png", PDF, "doesn’t match its name"),
        ("empty.pdf", b"", "empty"),
        ("big.pdf", PDF + b"0" * (10 * 1024 * 1024), "smaller than 10 MB"),
    ],
)
def test_unsafe_or_wrong_uploads_are_refused(app, client, world, name, content, message, tmp_path):
    app.config["EVIDENCE_DIR"] = str(tmp_path / "evidence")
    ids = make_cycle(app, world)
    _, questions = _standards(app, ids)[0]
    sign_in(client, world.people["agency_lead"])
    response = _upload(client, ids[world.own_agency], questions[0], name, content)
    assert response.status_code in (200, 413)
    assert message in response.text
    response.close()
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(AuditDocument)) == 0


def test_a_document_is_stored_under_a_server_name_and_served_as_an_attachment(
    app, client, world, tmp_path
):
    app.config["EVIDENCE_DIR"] = str(tmp_path / "evidence")
    ids = make_cycle(app, world)
    _, questions = _standards(app, ids)[0]
    own = ids[world.own_agency]
    sign_in(client, world.people["agency_lead"])
    response = _upload(client, own, questions[0], "../../etc/passwd\\..\\policy.pdf", PDF)
    assert response.status_code == 302
    with app.app_context():
        document = db.session().scalar(sa.select(AuditDocument))
    assert document.filename.endswith("policy.pdf")
    assert "/" not in document.filename and "\\" not in document.filename
    stored = list((tmp_path / "evidence").iterdir())
    assert [p.name for p in stored] == [document.stored_name]
    assert stored[0].read_bytes() == PDF
    download = client.get(f"/staff/audits/returns/{own}/documents/{document.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]
    download.close()
    # Removing deletes the file too.
    page = client.get(f"/staff/audits/returns/{own}/questions/{questions[0]}/documents")
    client.post(
        f"/staff/audits/returns/{own}/documents/{document.id}/remove",
        data={"csrf_token": csrf(page)},
    )
    assert not list((tmp_path / "evidence").iterdir())


def test_last_cycles_answers_can_be_copied_into_unanswered_questions(app, client, world):
    make_cycle(app, world, name="2025-26", opens_on=dt.date(2025, 11, 1),
               due_on=dt.date(2026, 1, 31), rating="partially")  # fmt: skip
    ids = make_cycle(app, world, name="2026-27")
    own = ids[world.own_agency]
    standard_id, questions = _standards(app, ids)[0]
    sign_in(client, world.people["agency_lead"])
    url = f"/staff/audits/returns/{own}/standards/{standard_id}"
    page = client.get(url)
    # One question is already started this year: it is left as it is.
    client.post(
        f"{url}/autosave",
        data={"csrf_token": csrf(page), f"evidence_{questions[0]}": "New this year",
              f"version_{questions[0]}": "0"},
    )  # fmt: skip
    client.post(f"{url}/carry-forward", data={"csrf_token": csrf(page)})
    assert f"{len(questions) - 1} answers copied from last cycle" in client.get(url).text
    with app.app_context():
        answers = {
            a.question_id: a
            for a in db.session().scalars(
                sa.select(AuditAnswer).where(AuditAnswer.return_id == own)
            )
        }
    assert (
        answers[questions[0]].evidence == "New this year" and answers[questions[0]].rating is None
    )
    assert all(answers[q].rating == "partially" for q in questions[1:])
    assert all(answers[q].evidence == "Policy signed in May." for q in questions[1:])
    # Each answer's history says who changed it and what it said.
    history = client.get(f"/staff/audits/returns/{own}/questions/{questions[1]}/history")
    assert "Version 1: Agency Lead" in history.text and "Policy signed in May." in history.text


def test_the_return_downloads_as_a_word_document(app, client, world):
    ids = make_cycle(app, world, rating="mostly")
    sign_in(client, world.people["agency_lead"])
    response = client.get(f"/staff/audits/returns/{ids[world.own_agency]}/return.docx")
    assert response.headers["Content-Disposition"].startswith("attachment")
    document = docx.Document(io.BytesIO(response.data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert len(document.tables) == 8
    assert "Mostly met" in cells and "Policy signed in May." in cells
    assert "Northshire Police" in document.paragraphs[0].text


def test_the_practitioner_survey_poster_carries_the_agencys_link(app, client, world):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    with app.app_context():
        code = db.session().get(AuditReturn, own).practitioner_code
    sign_in(client, world.people["agency_lead"])
    poster = client.get(f"/staff/audits/returns/{own}/practitioner-poster")
    assert f"/practitioner-survey/{code}" in poster.text
    assert poster.page.select_one(".app-poster__qr svg") is not None
    assert "Northshire Police" in poster.page.h1.text


def test_a_file_far_over_the_limit_is_refused_on_the_same_page(app, client, world):
    ids = make_cycle(app, world)
    _, questions = _standards(app, ids)[0]
    own = ids[world.own_agency]
    sign_in(client, world.people["agency_lead"])
    response = _upload(client, own, questions[0], "huge.pdf", PDF + b"0" * (12 * 1024 * 1024))
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert "must be smaller than 10 MB" in page.text
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(AuditDocument)) == 0


def _practitioner_answers(app, ids, agency_id, suggestions):
    from engagement.models import PractitionerResponse

    with app.app_context(), db.transaction() as s:
        for text in suggestions:
            s.add(
                PractitionerResponse(
                    cycle_id=ids["cycle"], agency_id=agency_id, submitted_on=dt.date.today(),
                    receipt_hash=new_id() + new_id(), improvement=text,
                )
            )  # fmt: skip


def test_practitioners_suggestions_are_shown_redacted_once_five_have_answered(app, client, world):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    suggestions = ["Call Jenny Smith on 07700 900123 about supervision", "More training", ""]
    _practitioner_answers(app, ids, world.own_agency, suggestions)
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/audits/returns/{own}")
    assert "Fewer than 5 practitioners have answered" in page.text
    assert "More training" not in page.text
    _practitioner_answers(app, ids, world.own_agency, ["Less paperwork", ""])
    page = client.get(f"/staff/audits/returns/{own}")
    assert "5 practitioners have answered" in page.text
    items = [li.text for li in page.page.select("main ul.govuk-list--bullet li")]
    assert items == sorted(items) and "More training" in items and "Less paperwork" in items
    assert "07700 900123" not in page.text and "Jenny Smith" not in page.text
    client.post("/staff/sign-out", data={"csrf_token": csrf(page)})
    # The agency sees how many answered, not what they wrote.
    sign_in(client, world.people["agency_lead"])
    page = client.get(f"/staff/audits/returns/{own}")
    assert "5 practitioners have answered" in page.text and "More training" not in page.text


def test_an_autosave_reads_the_scale_and_checks_the_partnership_once(app, client, world):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    standard_id, questions = _standards(app, ids)[0]
    sign_in(client, world.people["agency_lead"])
    url = f"/staff/audits/returns/{own}/standards/{standard_id}"
    page = client.get(url)
    data = {"csrf_token": csrf(page), f"rating_{questions[0]}": "mostly",
            f"evidence_{questions[0]}": "Typed so far", f"version_{questions[0]}": "0"}  # fmt: skip
    statements: list[str] = []

    def count(*args):  # type: ignore[no-untyped-def]
        statements.append(args[2])

    engine = app.extensions["engine"]
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.post(f"{url}/autosave", data=data)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200 and response.json["saved"] is True
    scales = [s for s in statements if "audit_frameworks.scale" in s]
    partnership = [s for s in statements if "audit_cycles.partnership_id" in s]
    assert len(scales) == 1 and len(partnership) == 1, statements
    assert len(statements) <= 11, statements  # 12 when both were read twice
