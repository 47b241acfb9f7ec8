"""Running a consultation again: the new round copies the questions and themes, not the
answers, and its results are compared with the last round; the last round can be
chosen or cleared, never a loop or another partnership's."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import AuditEvent, Consultation, Submission, Theme
from tests.results.data import OLDER, add, repeat
from tests.staff_world import csrf, sign_in


def _new_round(client, world, slug="feeling-safe-2027", title="Feeling safe 2027"):
    page = client.get(f"/staff/consultations/{world.consultation}/new-round")
    return client.post(
        f"/staff/consultations/{world.consultation}/new-round",
        data={"csrf_token": csrf(page), "title": title, "slug": slug},
    )


def _structure(s: Session, consultation_id: str) -> list[tuple]:
    consultation = s.get(Consultation, consultation_id)
    return [
        (v.age_band, v.label, q.key, q.kind, q.text, q.options, q.show_if, q.max_choices)
        for v in consultation.versions
        for q in v.questions
    ]


def test_a_new_round_copies_questions_and_themes_not_answers(app, client, world):
    add(app, world.consultation, repeat({"feel_safe_area": "2"}, 6))
    sign_in(client, world.people["analyst"])
    response = _new_round(client, world)
    assert response.status_code == 302
    new_id = response.headers["Location"].split("/")[3]
    with app.app_context(), Session(bind=db.engine()) as s:
        new = s.get(Consultation, new_id)
        last = s.get(Consultation, world.consultation)
        assert new.previous_round_id == last.id
        assert new.published is False
        assert new.title["en"] == "Feeling safe 2027"
        assert new.title["cy"] == last.title["cy"]
        assert _structure(s, new_id) == _structure(s, world.consultation)
        themes = set(s.scalars(sa.select(Theme.name).where(Theme.consultation_id == new_id)))
        assert themes and themes == set(
            s.scalars(sa.select(Theme.name).where(Theme.consultation_id == last.id))
        )
        version_ids = [v.id for v in new.versions]
        assert not s.scalar(
            sa.select(sa.func.count(Submission.id)).where(Submission.version_id.in_(version_ids))
        )
        assert s.scalar(
            sa.select(AuditEvent.id).where(
                AuditEvent.action == "consultation_new_round", AuditEvent.object_id == new_id
            )
        )
    detail = client.get(f"/staff/consultations/{new_id}").page.get_text(" ", strip=True)
    assert "Not published" in detail
    assert "Last round Feeling safe where you live" in " ".join(detail.split())

    # Its results compare with the round it was copied from.
    add(app, new_id, repeat({"feel_safe_area": "5"}, 6), version=OLDER)
    rounds = client.get(f"/staff/consultations/{new_id}/results/rounds").page
    text = " ".join(rounds.get_text(" ", strip=True).split())
    assert "Last round (Feeling safe where you live" in text


def test_a_new_round_needs_a_title_and_a_free_web_address(app, client, world):
    sign_in(client, world.people["analyst"])
    taken = _new_round(client, world, slug="feeling-safe")
    assert taken.status_code == 200
    assert "That web address is already used" in taken.page.select_one(".govuk-error-summary").text
    bad = _new_round(client, world, slug="Feeling Safe!", title="")
    summary = bad.page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Enter a title" in summary
    assert "lower-case letters, numbers and hyphens" in summary
    with app.app_context(), Session(bind=db.engine()) as s:
        assert s.scalar(sa.select(sa.func.count(Consultation.id))) == 2  # ours and the other's


def test_the_last_round_can_be_chosen_and_cleared_but_never_a_loop(app, client, world):
    sign_in(client, world.people["analyst"])
    new_id = _new_round(client, world).headers["Location"].split("/")[3]
    path = f"/staff/consultations/{world.consultation}/previous-round"
    page = client.get(path)
    offered = [i["value"] for i in page.page.select("input[name=previous_round]")]
    assert offered == ["none"]  # the new round follows from this one: choosing it would loop

    # Forged: the later round, and another partnership's consultation.
    looped = client.post(path, data={"csrf_token": csrf(page), "previous_round": new_id})
    assert "Choose the last round, or none" in looped.page.get_text()
    foreign = client.post(
        path, data={"csrf_token": csrf(page), "previous_round": world.foreign_consultation}
    )
    assert foreign.status_code == 200
    assert "Choose the last round, or none" in foreign.page.get_text()

    new_path = f"/staff/consultations/{new_id}/previous-round"
    page = client.get(new_path)
    offered = [i["value"] for i in page.page.select("input[name=previous_round]")]
    assert offered == [world.consultation, "none"]
    assert page.page.select_one(f"input[value='{world.consultation}']").has_attr("checked")
    cleared = client.post(new_path, data={"csrf_token": csrf(page), "previous_round": "none"})
    assert cleared.status_code == 302
    assert client.get(f"/staff/consultations/{new_id}/results/rounds").status_code == 404
    with app.app_context(), Session(bind=db.engine()) as s:
        assert s.get(Consultation, new_id).previous_round_id is None
    chosen = client.post(
        new_path, data={"csrf_token": csrf(page), "previous_round": world.consultation}
    )
    assert chosen.status_code == 302
    with app.app_context(), Session(bind=db.engine()) as s:
        assert s.get(Consultation, new_id).previous_round_id == world.consultation
