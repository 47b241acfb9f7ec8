"""Every request-size limit, just under and just over, in the production profile (CSRF on,
so the body is read before the view runs) with the widest characters: a 4-byte emoji is
12 bytes once percent-encoded."""

from __future__ import annotations

import io
import urllib.parse

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from engagement import db
from engagement.body_limits import STAFF_LIMIT
from engagement.models import AuditAnswer, AuditDocument, AuditFramework, AuditQuestion
from engagement.section11.documents import MAX_BYTES
from engagement.section11.frameworks import MAX_QUESTIONS_PER_STANDARD
from engagement.section11.views.returns import STANDARD_LIMIT, UPLOAD_LIMIT
from forms.audit_returns import ANSWER_LIMITS
from tests.conftest import both_databases
from tests.production import sign_in
from tests.respondent import BASE, Respondent
from tests.section11.audit_data import make_cycle
from tests.section11.test_practitioner_voice import ANSWERS
from tests.staff_world import world as make_world

EMOJI = "😀"  # 4 bytes in UTF-8
WORD_QUOTE = "’"  # 3 bytes: what Word puts in for an apostrophe


@pytest.fixture
def lead(production_app):
    """A signed-in agency lead, the return and its first standard, grown to the most
    questions a standard may have."""
    world = make_world.__wrapped__(production_app)
    ids = make_cycle(production_app, world)
    with production_app.app_context(), db.transaction() as s:
        standard = s.get(AuditFramework, ids["framework"]).standards[0]
        for position in range(len(standard.questions), MAX_QUESTIONS_PER_STANDARD):
            s.add(AuditQuestion(standard_id=standard.id, position=position, text=f"Q{position}"))
        s.flush()
        standard_id, question_ids = standard.id, [q.id for q in standard.questions]
    client = production_app.test_client()
    assert sign_in(client, world.people["agency_lead"]).status_code == 302
    return client, ids[world.own_agency], standard_id, question_ids


def _full_answers(question_ids, character=EMOJI) -> dict[str, str]:
    data = {}
    for q in question_ids:
        data[f"rating_{q}"] = "fully"
        data[f"version_{q}"] = "0"
        for name, limit in ANSWER_LIMITS.items():
            data[f"{name}_{q}"] = character * limit
    return data


def _answers_saved(app) -> int:
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).select_from(AuditAnswer))


@both_databases
def test_a_standard_at_its_largest_saves_by_button_and_one_byte_more_is_refused(
    production_app, lead
):
    client, return_id, standard_id, question_ids = lead
    url = f"/staff/audits/returns/{return_id}/standards/{standard_id}"
    client.get(url)
    data = {"csrf_token": client.csrf_token, **_full_answers(question_ids)}
    body = urllib.parse.urlencode(data).encode()
    assert 64 * 1024 < len(body) <= STANDARD_LIMIT  # the old app-wide limit refused it
    saved = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    assert saved.status_code == 302, saved.get_data(as_text=True)[:300]
    assert _answers_saved(production_app) == MAX_QUESTIONS_PER_STANDARD

    padded = body + b"&pad=" + b"x" * (STANDARD_LIMIT - len(body))
    assert len(padded) == STANDARD_LIMIT + len(b"&pad=")
    refused = client.post(url, data=padded, content_type="application/x-www-form-urlencoded")
    assert refused.status_code == 413
    assert "too big" in refused.page.h1.get_text()


def test_autosave_takes_a_whole_standard_of_word_punctuation_and_refuses_more_as_json(
    production_app, lead
):
    client, return_id, standard_id, question_ids = lead
    client.get(f"/staff/audits/returns/{return_id}/standards/{standard_id}")
    url = f"/staff/audits/returns/{return_id}/standards/{standard_id}/autosave"
    fields = {"csrf_token": client.csrf_token, **_full_answers(question_ids, WORD_QUOTE)}
    length = len(encode_multipart(fields)[1])
    assert 64 * 1024 < length <= STANDARD_LIMIT
    saved = client.post(url, data=fields, headers={"X-Requested-With": "fetch"})
    assert saved.status_code == 200 and saved.json["saved"], saved.get_data(as_text=True)[:300]
    assert _answers_saved(production_app) == MAX_QUESTIONS_PER_STANDARD

    fields["pad"] = "x" * (STANDARD_LIMIT - length + 1)
    refused = client.post(url, data=fields, headers={"X-Requested-With": "fetch"})
    assert refused.status_code == 413
    assert refused.json == {"saved": False, "message": "These answers are too long to save"}


def _pdf(size: int) -> bytes:
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    return head + b"%" * (size - len(head) - len(tail)) + tail


def _documents(app) -> int:
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).select_from(AuditDocument))


@both_databases
def test_evidence_documents_up_to_10_mb_upload_with_csrf_on(production_app, lead):
    client, return_id, _standard_id, question_ids = lead
    url = f"/staff/audits/returns/{return_id}/questions/{question_ids[0]}/documents"

    def upload(content: bytes):
        client.get(url)
        # Encoded here, in memory: the test client would spool a large body to an unclosed file.
        boundary, body = encode_multipart(
            {
                "csrf_token": client.csrf_token,
                "question": question_ids[0],
                "file": FileStorage(io.BytesIO(content), "policy.pdf"),
            }
        )
        return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")

    assert upload(_pdf(300 * 1024)).status_code == 302  # a real policy: refused before
    assert upload(_pdf(MAX_BYTES)).status_code == 302
    assert _documents(production_app) == 2

    one_over = upload(_pdf(MAX_BYTES + 1))
    assert one_over.status_code == 200
    assert "smaller than 10 MB" in one_over.page.select_one(".govuk-error-summary").text
    far_over = upload(_pdf(UPLOAD_LIMIT + 1))
    assert far_over.status_code == 302  # back to the page, which says why
    assert "smaller than 10 MB" in client.get(url).get_data(as_text=True)
    assert _documents(production_app) == 2


def test_a_young_persons_longest_answer_fits_and_a_bigger_body_is_refused_kindly(
    production_app,
):
    client = production_app.test_client()
    client.get(f"{BASE}/age")
    respondent = Respondent(client)
    respondent.start("12-18")
    while not respondent.location.endswith("/one_change"):
        client.get(respondent.location)
        respondent.answer({})
    client.get(respondent.location)
    longest = client.post(respondent.location, data={"text": EMOJI * 500})
    assert longest.status_code == 302
    limit = production_app.config["MAX_CONTENT_LENGTH"]
    client.get(respondent.location)
    too_big = client.post(respondent.location, data={"text": "x" * limit})
    assert too_big.status_code == 413
    assert "too long" in too_big.page.h1.get_text()


def test_a_practitioners_longest_answer_fits(production_app):
    world = make_world.__wrapped__(production_app)
    ids = make_cycle(production_app, world)
    with production_app.app_context():
        from engagement.models import AuditReturn

        code = db.session().get(AuditReturn, ids[world.own_agency]).practitioner_code
    client = production_app.test_client()
    page = client.get(f"/practitioner-survey/{code}")
    receipt = page.page.find("input", attrs={"name": "receipt"})["value"]
    answers = ANSWERS | {"improvement": EMOJI * 2000, "receipt": receipt}
    response = client.post(f"/practitioner-survey/{code}", data=answers)
    assert response.status_code == 302


def test_staff_forms_take_their_longest_text_and_refuse_more(production_app):
    world = make_world.__wrapped__(production_app)
    client = production_app.test_client()
    assert sign_in(client, world.people["partnership_admin"]).status_code == 302
    url = "/staff/analysis-settings"
    page = client.get(url)
    assert page.status_code == 200, "the longest staff text field lives on this page"
    names = "\n".join([f"Ysgol {WORD_QUOTE}{EMOJI} {n}" for n in range(1800)])[:20_000]
    saved = client.post(url, data={"local_names": names, "retain_original_days": "365"})
    assert saved.status_code in (200, 302) and saved.status_code != 413
    too_big = client.post(url, data={"local_names": "x" * STAFF_LIMIT})
    assert too_big.status_code == 413
