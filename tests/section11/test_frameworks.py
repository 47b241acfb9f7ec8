"""Section 11 and 175 frameworks as data: built in, copied, adapted."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engagement import db
from engagement.models import AuditFramework, AuditStandard
from engagement.section11.scales import SCALES
from forms.vocabulary import NOT_APPLICABLE
from tests.staff_world import csrf, sign_in


def _add_standard(client):
    page = client.get("/staff/audits/frameworks")
    return client.post("/staff/audits/frameworks/standard", data={"csrf_token": csrf(page)})


def _framework(app, kind, copied=False):
    with app.app_context():
        return db.session().scalar(
            sa.select(AuditFramework)
            .where(
                AuditFramework.kind == kind,
                AuditFramework.copied_from_id.is_not(None)
                if copied
                else AuditFramework.copied_from_id.is_(None),
            )
            .options(selectinload(AuditFramework.standards).selectinload(AuditStandard.questions))
        )


def test_every_scale_rates_best_first_and_offers_not_applicable():
    assert set(SCALES) == {"rag", "fully_mostly", "zero_three", "one_four"}
    for scale in SCALES.values():
        scores = [rating.score for rating in scale.ratings]
        assert scores == sorted(scores, reverse=True) and scores[0] == 1 and scores[-1] == 0
        assert scale.label(NOT_APPLICABLE) == "Not applicable"


def test_the_built_in_frameworks_come_from_data(app, client, world):
    sign_in(client, world.people["analyst"])
    assert _add_standard(client).status_code == 302
    _add_standard(client)  # twice: still one of each
    page = client.get("/staff/audits/frameworks")
    assert len(page.page.select("tbody tr")) == 2
    s11 = _framework(app, "section_11")
    page = client.get(f"/staff/audits/frameworks/{s11.id}")
    headings = [h.get_text(" ", strip=True) for h in page.page.select("h2")]
    assert headings[:8] == [
        "S1 Leadership, accountability and governance",
        "S2 Policies, procedures and a clear statement of responsibilities",
        "S3 Voice of the child",
        "S4 Training, induction, supervision and support",
        "S5 Safer recruitment and safe working practice",
        "S6 Inter-agency working, escalation and whistleblowing",
        "S7 Information sharing and record keeping",
        "S8 Designated safeguarding lead, and a culture of safety, equality and protection",
    ]
    assert len(page.page.select("ol li")) == 29
    s175 = _framework(app, "section_175")
    page = client.get(f"/staff/audits/frameworks/{s175.id}")
    assert "Safe workforce" in page.text and "single central record" in page.text
    # The built-in framework can't be changed, only copied.
    question = s11.standards[0].questions[0].id
    assert client.get(f"/staff/audits/frameworks/{s11.id}/questions/{question}").status_code == 404


def test_a_copy_can_be_adapted(app, client, world):
    sign_in(client, world.people["partnership_admin"])
    _add_standard(client)
    s11 = _framework(app, "section_11")
    url = f"/staff/audits/frameworks/{s11.id}/copy"
    form = client.get(url)
    response = client.post(
        url, data={"csrf_token": csrf(form), "name": "Northshire S11 2026-27", "scale": "rag"}
    )
    assert response.status_code == 302
    copy = _framework(app, "section_11", copied=True)
    assert (copy.name, copy.scale, copy.copied_from_id) == ("Northshire S11 2026-27", "rag", s11.id)
    base = f"/staff/audits/frameworks/{copy.id}"
    first, second = copy.standards[0].questions[:2]
    form = client.get(f"{base}/questions/{first.id}")
    client.post(
        f"{base}/questions/{first.id}",
        data={"csrf_token": csrf(form), "text": "Who is your named board-level lead?"},
    )
    client.post(f"{base}/questions/{second.id}/remove", data={"csrf_token": csrf(form)})
    standard = copy.standards[2]
    form = client.get(f"{base}/standards/{standard.id}/questions/new")
    client.post(
        f"{base}/standards/{standard.id}/questions/new",
        data={"csrf_token": csrf(form), "text": "How do you hear from young carers?"},
    )
    page = client.get(base)
    assert "Who is your named board-level lead?" in page.text
    assert second.text not in page.text
    assert "How do you hear from young carers?" in page.text
    assert "Red, amber, green" in page.text
    # The original is unchanged.
    assert first.text in client.get(f"/staff/audits/frameworks/{s11.id}").text


def test_bad_changes_get_a_message(app, client, world):
    sign_in(client, world.people["analyst"])
    _add_standard(client)
    s11 = _framework(app, "section_11")
    url = f"/staff/audits/frameworks/{s11.id}/copy"
    form = client.get(url)
    for data, message in (
        ({"name": s11.name.upper(), "scale": "rag"}, "already a framework"),
        ({"name": "Ours", "scale": "stars"}, "Not a valid choice"),
        ({"name": "", "scale": "rag"}, "Enter a name for the copy"),
    ):
        response = client.post(url, data={"csrf_token": csrf(form), **data})
        assert response.status_code == 200 and message in response.text, data
    client.post(url, data={"csrf_token": csrf(form), "name": "Ours", "scale": "zero_three"})
    copy = _framework(app, "section_11", copied=True)
    questions = copy.standards[5].questions
    base = f"/staff/audits/frameworks/{copy.id}"
    form = client.get(f"{base}/questions/{questions[0].id}")
    response = client.post(
        f"{base}/questions/{questions[0].id}", data={"csrf_token": csrf(form), "text": " "}
    )
    assert response.status_code == 200 and "Enter the question" in response.text
    for question in questions:
        client.post(f"{base}/questions/{question.id}/remove", data={"csrf_token": csrf(form)})
    page = client.get(base)
    assert questions[-1].text in page.text  # the last question of a standard stays
