"""The translation workflow: side-by-side editing with history, PO and XLIFF files,
and imports that are checked whole and applied all or nothing."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import ConsultationVersion, ContentEdit, Question
from tests.staff_world import csrf, sign_in

QUESTION_ID = "question.12-18.feel_safe_area.text"


def _question_text(app, world):
    """The 12-18 version's first question text, in every language."""
    with app.app_context(), Session(bind=db.engine()) as s:
        question = s.scalar(
            sa.select(Question)
            .join(ConsultationVersion)
            .where(
                Question.key == "feel_safe_area",
                ConsultationVersion.age_band == "12-18",
                ConsultationVersion.consultation_id == world.consultation,
            )
        )
        return question.text


def test_completeness_per_language(client, world):
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}/text").page
    rows = {
        row.select_one("a").get_text(strip=True): row.select("td")[1].get_text(strip=True)
        for row in page.select("tbody tr")
    }
    assert rows["English"] == "100%"
    assert rows["Welsh"] == "100%"
    assert rows["Turkish"] == "0%"


def test_editing_a_language_keeps_history_and_reaches_respondents(app, client, world):
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}/text/tr")
    field = page.page.find("textarea", attrs={"name": f"t:{QUESTION_ID}"})
    assert field["lang"] == "tr"
    response = client.post(
        f"/staff/consultations/{world.consultation}/text/tr",
        data={
            "csrf_token": csrf(page),
            f"t:{QUESTION_ID}": "Yaşadığın yerde kendini ne kadar güvende hissediyorsun?",
        },
    )
    assert response.status_code == 302
    assert _question_text(app, world)["tr"].startswith("Yaşadığın yerde")
    with app.app_context(), Session(bind=db.engine()) as s:
        [edit] = s.scalars(sa.select(ContentEdit))
        assert (edit.item, edit.language, edit.before) == (QUESTION_ID, "tr", None)
    history = client.get(f"/staff/consultations/{world.consultation}/text-history").page
    row = history.select_one("tbody tr").get_text(" ")
    assert "Analyst" in row and QUESTION_ID in row and "Yaşadığın yerde" in row


def test_html_in_the_editor_saves_nothing(app, client, world):
    sign_in(client, world.people["partnership_admin"])
    page = client.get(f"/staff/consultations/{world.consultation}/text/cy")
    before = _question_text(app, world)
    response = client.post(
        f"/staff/consultations/{world.consultation}/text/cy",
        data={
            "csrf_token": csrf(page),
            "consultation.title": "Teimlo'n ddiogel",
            f"t:{QUESTION_ID}": "<b>Pa mor ddiogel</b>?",
            "t:consultation.title": "Teitl newydd",
        },
    )
    assert response.status_code == 200
    assert "Remove the HTML" in response.page.select_one(".govuk-error-summary").get_text()
    assert _question_text(app, world) == before
    # What was typed is still on the page.
    assert (
        response.page.find("textarea", attrs={"name": "t:consultation.title"}).get_text()
        == "Teitl newydd"
    )


def test_a_scrutineer_can_read_but_not_change_text(client, world):
    sign_in(client, world.people["scrutineer"])
    page = client.get(f"/staff/consultations/{world.consultation}/text/cy")
    assert page.status_code == 200
    assert page.page.find("textarea").has_attr("readonly")
    assert (
        client.post(
            f"/staff/consultations/{world.consultation}/text/cy",
            data={"csrf_token": csrf(page), f"t:{QUESTION_ID}": "x"},
        ).status_code
        == 403
    )
    assert (
        client.get(f"/staff/consultations/{world.consultation}/text/cy/import").status_code == 403
    )


def _import(client, world, lang, data, filename):
    page = client.get(f"/staff/consultations/{world.consultation}/text/{lang}/import")
    return client.post(
        f"/staff/consultations/{world.consultation}/text/{lang}/import",
        data={"csrf_token": csrf(page), "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_po_round_trip(app, client, world):
    sign_in(client, world.people["analyst"])
    exported = client.get(f"/staff/consultations/{world.consultation}/text/tr.po")
    assert "attachment" in exported.headers["Content-Disposition"]
    catalog = read_po(io.BytesIO(exported.data))
    for message in catalog:
        if message.context == QUESTION_ID:
            message.string = "Yaşadığın yerde kendini ne kadar güvende hissediyorsun?"
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog)
    response = _import(client, world, "tr", out.getvalue(), "tr.po")
    assert response.status_code == 302
    assert _question_text(app, world)["tr"].startswith("Yaşadığın")


def test_xliff_round_trip(app, client, world):
    sign_in(client, world.people["analyst"])
    exported = client.get(f"/staff/consultations/{world.consultation}/text/es.xliff").data
    assert b"<trans-unit" in exported and QUESTION_ID.encode() in exported
    translated = exported.replace(
        b'<trans-unit id="question.12-18.feel_safe_area.text"><source>How safe do you feel in the area where you live?</source><target />',
        '<trans-unit id="question.12-18.feel_safe_area.text"><source>How safe do you feel in the area where you live?</source><target>¿Qué tan seguro te sientes donde vives?</target>'.encode(),
    )
    assert translated != exported
    assert _import(client, world, "es", translated, "es.xliff").status_code == 302
    assert _question_text(app, world)["es"].startswith("¿Qué tan")


XLIFF_HEAD = b'<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="x" source-language="en" target-language="tr" datatype="plaintext"><body>'
XLIFF_TAIL = b"</body></file></xliff>"
BAD_FILES = [
    pytest.param(
        XLIFF_HEAD
        + b'<trans-unit id="no.such.text"><source>x</source><target>y</target></trans-unit>'
        + XLIFF_TAIL,
        "x.xliff",
        "Unknown text id",
        id="unknown-id",
    ),
    pytest.param(
        XLIFF_HEAD
        + b'<trans-unit id="consultation.title"><source>x</source><target>A <g id="1">bold</g> title</target></trans-unit>'
        + XLIFF_TAIL,
        "x.xliff",
        "HTML",
        id="markup",
    ),
    pytest.param(
        XLIFF_HEAD
        + b'<trans-unit id="consultation.title"><source>x</source><target>&lt;script&gt;alert(1)&lt;/script&gt;</target></trans-unit>'
        + XLIFF_TAIL,
        "x.xliff",
        "HTML",
        id="escaped-script",
    ),
    pytest.param(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff>&a;</xliff>',
        "x.xliff",
        "DOCTYPE",
        id="entities",
    ),
    pytest.param(b"<xliff><file>", "x.xliff", "could not be read", id="broken-xml"),
    pytest.param(
        b'msgctxt "consultation.title"\nmsgid "Feeling safe"\nmsgstr "Te sientes <i>seguro</i>"\n',
        "x.po",
        "HTML",
        id="po-html",
    ),
    pytest.param(b'msgid "unterminated\n', "x.po", "could not be read", id="broken-po"),
    pytest.param(b"name,sector\n", "x.csv", ".po or .xliff", id="wrong-kind"),
    pytest.param(XLIFF_HEAD + XLIFF_TAIL, "x.xliff", "no translated texts", id="empty"),
]


@pytest.mark.parametrize(("data", "filename", "message"), BAD_FILES)
def test_a_bad_translation_file_explains_and_changes_nothing(
    app, client, world, data, filename, message
):
    sign_in(client, world.people["analyst"])
    before = _question_text(app, world)
    good_unit = b'<trans-unit id="question.12-18.feel_safe_area.text"><source>x</source><target>Ne kadar</target></trans-unit>'
    if XLIFF_HEAD in data and b"<trans-unit" in data:
        data = data.replace(XLIFF_HEAD, XLIFF_HEAD + good_unit)  # a good text beside the bad one
    response = _import(client, world, "tr", data, filename)
    assert response.status_code == 200
    assert message in response.page.get_text()
    assert _question_text(app, world) == before
