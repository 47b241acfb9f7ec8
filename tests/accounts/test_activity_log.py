"""The audit log page shows sign-ins, refused sign-ins and every staff download."""

from __future__ import annotations

from pathlib import Path

import pyotp

from engagement import clock, db
from engagement.models import AuditDocument, AuditReturn, new_id
from tests.section11.audit_data import make_cycle
from tests.staff_world import PASSWORD, csrf, outbox_link, sign_in
from tests.themes.analysis_data import QUESTION, add_answers


def log_rows(client) -> list[tuple[str, ...]]:
    """(who, what, details) for each row of the audit log page, newest first."""
    page = client.get("/staff/audit").page
    return [
        tuple(cell.get_text(strip=True) for cell in row.select("td")[1:])
        for row in page.select("tbody tr")
    ]


def test_sign_ins_and_refused_sign_ins_are_in_the_audit_log(app, client, world):
    analyst, trainer = world.people["analyst"], world.people["trainer"]
    tries = app.test_client()
    tries.post("/staff/sign-in", data={"email": analyst.email, "password": "Tr0ub4dor&3 first"})
    tries.post("/staff/sign-in", data={"email": "nobody@example.org", "password": "guess 12345678"})
    tries.post("/staff/sign-in", data={"email": trainer.email, "password": PASSWORD})
    assert tries.post("/staff/two-factor", data={"code": "000000"}).status_code == 200
    assert sign_in(tries, trainer).headers["Location"] == "/staff/"
    for _ in range(5):  # the analyst's account now waits, and says so in the log
        tries.post("/staff/sign-in", data={"email": analyst.email, "password": "Tr0ub4dor&3 again"})
    tries.post("/staff/sign-in", data={"email": analyst.email, "password": PASSWORD})

    sign_in(client, world.people["partnership_admin"])
    rows = log_rows(client)
    assert rows[0] == ("Partnership Admin", "Signed in", "method: authenticator")
    assert rows[1] == ("Analyst", "Sign in refused", "reason: account waiting")
    assert rows.count(("Analyst", "Sign in refused", "reason: wrong password")) == 5
    assert rows.count(("Analyst", "Sign in refused", "reason: account waiting")) == 2
    assert ("Trainer", "Signed in", "method: authenticator") in rows
    assert ("Trainer", "Sign in code refused", "reason: wrong code") in rows
    assert ("Unknown", "Sign in refused", "reason: no account has this email") in rows
    page = client.get("/staff/audit").get_data(as_text=True)
    for secret in ("Tr0ub4dor", "guess 12345678", PASSWORD, "nobody@example.org", "000000"):
        assert secret not in page


def test_the_first_sign_in_after_setting_up_an_authenticator_is_in_the_audit_log(
    app, client, world
):
    sign_in(client, world.people["partnership_admin"])
    page = client.get(f"/staff/agencies/{world.own_agency}/invite")
    client.post(
        f"/staff/agencies/{world.own_agency}/invite",
        data={"csrf_token": csrf(page), "name": "New Lead", "email": "new.lead@example.org",
              "role": "agency_lead"},
    )  # fmt: skip
    path = outbox_link(app, "/staff/invitation").split("127.0.0.1:5000", 1)[1]
    newcomer = app.test_client()
    page = newcomer.get(path)
    newcomer.post(path, data={"csrf_token": csrf(page), "password": "a new password of mine"})
    setup = newcomer.get("/staff/set-up-two-factor")
    secret = setup.page.select_one(".app-code bdi").get_text()
    newcomer.post("/staff/set-up-two-factor", data={"csrf_token": csrf(setup), "code": "000000"})
    code = pyotp.TOTP(secret).now()
    done = newcomer.post("/staff/set-up-two-factor", data={"csrf_token": csrf(setup), "code": code})
    assert done.headers["Location"] == "/staff/recovery-codes"
    rows = log_rows(client)
    assert rows[:3] == [
        ("New Lead", "Signed in", "method: new authenticator"),
        ("New Lead", "Second factor set up", ""),
        ("New Lead", "Sign in code refused",
         "reason: wrong code while setting up the authenticator"),
    ]  # fmt: skip


def _document(app, return_id: str, filename: str) -> str:
    with app.app_context(), db.transaction() as s:
        question = s.get(AuditReturn, return_id).cycle.framework.standards[0].questions[0]
        document = AuditDocument(
            return_id=return_id, question_id=question.id, filename=filename,
            stored_name=new_id(), content_type="application/pdf", size=4, sha256="0" * 64,
            uploaded_at=clock.now(),
        )  # fmt: skip
        s.add(document)
        s.flush()
        evidence = Path(app.config["EVIDENCE_DIR"])
        evidence.mkdir(parents=True, exist_ok=True)
        (evidence / document.stored_name).write_bytes(b"%PDF")
        return document.id


def test_every_staff_download_is_in_the_audit_log(app, client, world):
    ids = make_cycle(app, world, rating="mostly")
    own = ids[world.own_agency]
    name = "Safer recruitment – politique de sécurité.pdf"  # as uploaded, not ASCII
    document = _document(app, own, name)
    add_answers(app, world.consultation, ["More youth clubs", "Better lighting"] * 3)
    sign_in(client, world.people["partnership_admin"])
    consultation = f"/staff/consultations/{world.consultation}"
    analysis = f"{consultation}/analysis/{QUESTION}"
    letter = "2026-27-northshire-police-feedback.docx"
    downloads = {
        f"/staff/audits/returns/{own}/documents/{document}": name,
        f"/staff/audits/returns/{own}/return.docx": "section-11-return.docx",
        f"/staff/audits/returns/{own}/feedback-letter.docx": letter,
        f"/staff/audits/returns/{own}/practitioner-poster": "practitioner survey poster",
        f"/staff/audits/cycles/{ids['cycle']}/summary.docx": "2026-27-audit-summary.docx",
        f"/staff/audits/cycles/{ids['cycle']}/summary.xlsx": "2026-27-audit-summary.xlsx",
        f"{analysis}/report.xlsx": f"feeling-safe-{QUESTION}-analysis.xlsx",
        f"{analysis}/themes.png": f"feeling-safe-{QUESTION}-themes.png",
        f"{analysis}/themes.svg?download=1": f"feeling-safe-{QUESTION}-themes.svg",
        f"{consultation}/qr.png": "feeling-safe-qr.png",
        f"{consultation}/qr.svg?download=1": "feeling-safe-qr.svg",
        f"{consultation}/text/cy.po": "feeling-safe-cy.po",
        f"{consultation}/text/cy.xliff": "feeling-safe-cy.xliff",
        f"{consultation}/poster/ar": "poster (ar)",
        f"{consultation}/results/summary": "results summary (to print)",
        f"{consultation}/results/summary.docx": "feeling-safe-summary.docx",
        f"{consultation}/results/responses.csv": "feeling-safe-responses.csv",
        f"{consultation}/results/responses.xlsx": "feeling-safe-responses.xlsx",
        f"{consultation}/results/data-dictionary.csv": "feeling-safe-data-dictionary.csv",
        f"{consultation}/results/codings.csv": "feeling-safe-codings.csv",
        f"{consultation}/results/codings.xlsx": "feeling-safe-codings.xlsx",
    }
    for path in downloads:
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()
    rows = [row for row in log_rows(client) if row[1] == "Downloaded"]
    assert len(rows) == len(downloads)
    for row, (path, file) in zip(reversed(rows), downloads.items(), strict=True):
        assert row[0] == "Partnership Admin", path
        assert f"file: {file}" in row[2], (path, row)
        if "/audits/returns/" in path:
            assert "agency: Northshire Police" in row[2] and "cycle: 2026-27" in row[2], row
        if "/audits/cycles/" in path:
            assert "cycle: 2026-27" in row[2], row
        if path.startswith(consultation):
            assert "consultation: feeling-safe" in row[2], row


def test_pictures_shown_on_a_page_are_not_downloads(app, client, world):
    add_answers(app, world.consultation, ["More youth clubs"] * 6)
    sign_in(client, world.people["partnership_admin"])
    consultation = f"/staff/consultations/{world.consultation}"
    share = client.get(f"{consultation}/share").page
    for image in share.select("main img"):
        assert client.get(image["src"]).status_code == 200
    assert client.get(f"{consultation}/analysis/{QUESTION}/themes.svg").status_code == 200
    assert client.get(f"{consultation}/responses-per-day.svg").status_code == 200
    assert not [row for row in log_rows(client) if row[1] == "Downloaded"]
    assert client.get(f"{consultation}/results/exports").status_code == 200
    assert not [row for row in log_rows(client) if row[1] == "Downloaded"]


def test_an_export_refused_for_too_few_responses_is_not_a_download(app, client, world):
    add_answers(app, world.consultation, ["More youth clubs"] * 4)
    sign_in(client, world.people["analyst"])
    results = f"/staff/consultations/{world.consultation}/results"
    for name in ("responses.csv", "responses.xlsx", "codings.csv", "codings.xlsx"):
        assert client.get(f"{results}/{name}").status_code == 302, name
    sign_in(client, world.people["partnership_admin"])
    assert not [row for row in log_rows(client) if row[1] == "Downloaded"]
