"""Staff text is cleaned as young people's is, and bad input gets the form's own message
(issue 10, items 7 and 8): never a 500, or a 503 that asks to try again."""

from __future__ import annotations

import csv
import io
import logging

import docx
import openpyxl
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DataError

from engagement import db
from engagement.models import Agency, AuditAnswer, AuditCycle, Base
from tests.conftest import both_databases
from tests.section11.audit_data import make_cycle
from tests.staff_world import sign_in

WORD_LINE_BREAK = "First line\x0bSecond line"  # Word's manual line break (Shift+Enter)


def _counts(app) -> dict[str, int]:
    with app.app_context(), db.engine().connect() as connection:
        return {
            table.name: connection.scalar(sa.select(sa.func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


def _standard(app, ids):
    with app.app_context():
        cycle = db.session().get(AuditCycle, ids["cycle"])
        standard = cycle.framework.standards[0]
        return standard.id, [q.id for q in standard.questions]


def _summary(response) -> str:
    summary = response.page.select_one(".govuk-error-summary")
    assert summary is not None, response.get_data(as_text=True)[:500]
    return summary.get_text(" ", strip=True)


def _links(response) -> list[str]:
    return [a["href"] for a in response.page.select(".govuk-error-summary a")]


@both_databases
def test_a_manual_line_break_from_word_is_kept_as_a_new_line_and_the_return_downloads(
    app, client, world
):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    standard_id, questions = _standard(app, ids)
    sign_in(client, world.people["agency_lead"])
    url = f"/staff/audits/returns/{own}/standards/{standard_id}"
    client.get(url)
    response = client.post(
        url,
        data={
            f"rating_{questions[0]}": "fully",
            f"evidence_{questions[0]}": WORD_LINE_BREAK,
            f"impact_{questions[0]}": "Para one\u2029Para two\x0cPage",
            f"version_{questions[0]}": "0",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        answer = db.session().scalar(sa.select(AuditAnswer))
        assert answer.evidence == "First line\nSecond line"
        assert answer.impact == "Para one\nPara two\nPage"

    download = client.get(f"/staff/audits/returns/{own}/return.docx")
    assert download.status_code == 200
    document = docx.Document(io.BytesIO(download.data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "First line\nSecond line" in cells


@both_databases
def test_autosave_keeps_a_manual_line_break_as_a_new_line(app, client, world):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    standard_id, questions = _standard(app, ids)
    sign_in(client, world.people["agency_lead"])
    response = client.post(
        f"/staff/audits/returns/{own}/standards/{standard_id}/autosave",
        data={f"evidence_{questions[0]}": WORD_LINE_BREAK, f"version_{questions[0]}": "0"},
    )
    assert response.status_code == 200 and response.json["saved"]
    with app.app_context():
        assert db.session().scalar(sa.select(AuditAnswer.evidence)) == "First line\nSecond line"


@both_databases
def test_text_stored_before_it_was_cleaned_still_downloads_in_word_and_excel(app, client, world):
    # Put straight into the database, as older versions let it in. PostgreSQL refuses
    # NUL itself, so every other kind is here.
    dirty = "Before\x0bafter\x07bell\x1b[31m\u202eevil\u2028end\ufffe"
    ids = make_cycle(app, world, rating="fully")
    own = ids[world.own_agency]
    with app.app_context(), db.transaction() as s:
        for answer in s.scalars(sa.select(AuditAnswer).where(AuditAnswer.return_id == own)):
            answer.evidence = dirty
            answer.impact = "\r\nWindows\r\nlines\r"
        s.get(Agency, world.own_agency).name = "Northshire\x0bPolice\x01"
    sign_in(client, world.people["partnership_admin"])

    copy = client.get(f"/staff/audits/returns/{own}/return.docx")
    assert copy.status_code == 200
    document = docx.Document(io.BytesIO(copy.data))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Before\nafterbell[31mevil\nend" in cells
    assert "\nWindows\nlines\n" in cells  # one line break each, not two
    assert document.paragraphs[0].text.startswith("Northshire\nPolice:")

    letter = client.get(f"/staff/audits/returns/{own}/feedback-letter.docx")
    assert letter.status_code == 200
    assert "Northshire\nPolice" in docx.Document(io.BytesIO(letter.data)).paragraphs[0].text

    cycle = ids["cycle"]
    summary = client.get(f"/staff/audits/cycles/{cycle}/summary.docx")
    assert summary.status_code == 200
    sheets = client.get(f"/staff/audits/cycles/{cycle}/summary.xlsx")
    assert sheets.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(sheets.data))
    agencies = [row[0] for row in book["Heatmap"].iter_rows(min_row=2, values_only=True)]
    assert "Northshire\nPolice" in agencies


def test_a_workbook_from_the_spreadsheets_module_takes_any_text():
    from engagement.office import spreadsheets

    book = spreadsheets.workbook()
    sheet = book.active
    sheet.append(["a\x00b", 1, None])
    book.create_sheet("Second").cell(row=1, column=1, value="c\x0bd")
    book["Second"].append({"B": "e\x1bf"})
    saved = openpyxl.load_workbook(io.BytesIO(spreadsheets.save_values_only(book)))
    assert [c.value for c in saved.worksheets[0][1]] == ["ab", 1]
    assert saved["Second"]["A1"].value == "c\nd" and saved["Second"]["B2"].value == "ef"


def test_a_write_only_workbook_and_a_csv_file_keep_every_text_as_text():
    from engagement.office import spreadsheets

    book = spreadsheets.write_only_workbook()
    sheet = book.create_sheet("Rows")
    sheet.append(["=1+1", "#N/A", "a\x00b", "", 7, "plain"])
    with spreadsheets.save_to_file(book) as file:
        saved = openpyxl.load_workbook(file)
    cells = list(saved["Rows"][1])
    assert [c.value for c in cells] == ["=1+1", "#N/A", "ab", None, 7, "plain"]
    assert [c.data_type for c in cells] == ["s", "s", "s", "n", "n", "s"]

    rows = [["=1+1", "+1", "-1", "@a", "\t=1", "\r=1", "a\u202eb", "a=b", 3]]
    text = b"".join(spreadsheets.csv_chunks(rows)).decode("utf-8")
    assert text.startswith("\ufeff")
    assert next(csv.reader(io.StringIO(text[1:]))) == [
        "'=1+1", "'+1", "'-1", "'@a", "'\t=1", "'\n=1", "ab", "a=b", "3",
    ]  # fmt: skip


# Item 8: a NUL byte in staff text reached PostgreSQL, which refused it: a 503 page.
NUL_IN_STAFF_TEXT = [
    pytest.param(
        "/staff/agencies/new",
        {"name": "Police\x00", "sector": "police"},
        "#name",
        id="new-agency",
    ),
    pytest.param(
        "/staff/priorities",
        {"name": "Safer\x00 streets", "description": "x"},
        "#name",
        id="priority",
    ),
    pytest.param(
        "/staff/priorities",
        {"name": "Safer streets", "description": "\x00"},
        "#description",
        id="priority-description",
    ),
    pytest.param(
        "/staff/consultations/{consultation}/codebook/new",
        {"name": "Buses", "description": "Late\x00 buses", "phrases_en": "bus*"},
        "#description",
        id="codebook-theme",
    ),
    pytest.param(
        "/staff/consultations/{consultation}/codebook/new",
        {"name": "Buses", "phrases_en": "bus\x00"},
        "#phrases_en",
        id="codebook-phrases",
    ),
]


@both_databases
@pytest.mark.parametrize(("path", "data", "anchor"), NUL_IN_STAFF_TEXT)
def test_a_nul_byte_in_staff_text_gets_the_forms_own_message(
    app, client, world, path, data, anchor
):
    sign_in(client, world.people["partnership_admin"])
    url = path.format(consultation=world.consultation)
    assert client.get(url).status_code == 200
    before = _counts(app)
    response = client.post(url, data=data)
    assert response.status_code == 200
    assert "hidden character" in _summary(response)
    assert anchor in _links(response)
    # What is left is shown, so one more press saves it.
    field = response.page.select_one(anchor)
    shown = field.get("value") if field.name == "input" else field.get_text()
    assert shown == data[anchor[1:]].replace("\x00", "")
    assert _counts(app) == before


@both_databases
def test_a_nul_byte_in_an_audit_answer_is_refused_and_nothing_is_half_saved(app, client, world):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    standard_id, questions = _standard(app, ids)
    sign_in(client, world.people["agency_lead"])
    url = f"/staff/audits/returns/{own}/standards/{standard_id}"
    client.get(url)
    before = _counts(app)
    data = {
        f"rating_{questions[0]}": "fully",
        f"evidence_{questions[0]}": "Policy\x00 signed",
        f"rating_{questions[1]}": "mostly",
        f"evidence_{questions[1]}": "A clean answer",
        f"reason_{questions[2]}": "\x07",
    }
    response = client.post(url, data=data)
    assert response.status_code == 200
    assert {f"#evidence_{questions[0]}", f"#reason_{questions[2]}"} <= set(_links(response))
    assert response.page.select_one(f"#evidence_{questions[0]}").get_text() == "Policy signed"
    assert _counts(app) == before  # the clean answer waits for the others
    autosave = client.post(f"{url}/autosave", data=data)
    assert autosave.status_code == 400 and f"evidence_{questions[0]}" in autosave.json["errors"]
    assert _counts(app) == before


@both_databases
@pytest.mark.parametrize("version", ["1" * 40, str(2**31), "-" + "9" * 30, "9" * 5000])
def test_a_huge_number_in_a_hidden_field_is_refused(app, client, world, version):
    ids = make_cycle(app, world)
    own = ids[world.own_agency]
    standard_id, questions = _standard(app, ids)
    sign_in(client, world.people["agency_lead"])
    url = f"/staff/audits/returns/{own}/standards/{standard_id}"
    client.get(url)
    before = _counts(app)
    data = {
        f"rating_{questions[0]}": "fully",
        f"evidence_{questions[0]}": "Policy signed",
        f"version_{questions[0]}": version,
    }
    response = client.post(url, data=data)
    assert response.status_code == 200 and _summary(response)
    autosave = client.post(f"{url}/autosave", data=data)
    assert autosave.status_code == 400
    assert _counts(app) == before


@both_databases
@pytest.mark.parametrize(
    "path", ["/take-part/%00", "/take-part/%00/age", "/staff/agencies/%00", "/take-part/a%1Fb"]
)
def test_a_control_character_in_a_web_address_is_not_found(app, client, world, path):
    sign_in(client, world.people["partnership_admin"])
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.page.h1.get_text()


ONE_PART_DATES = [
    pytest.param(
        "/staff/audits/cycles/new",
        {"name": "2027-28", "opens_on": "1 4 2027", "due_on": ["1", "6", "2027"]},
        "opens_on",
        id="cycle-one-part",
    ),
    pytest.param(
        "/staff/audits/cycles/new",
        {"name": "2027-28", "opens_on": ["1", "4", "2027", "5"], "due_on": ["1", "6", "2027"]},
        "opens_on",
        id="cycle-four-parts",
    ),
    pytest.param(
        "/staff/audits/cycles/new",
        {"name": "2027-28", "opens_on": ["1", "4", "99999999999999999999"]},
        "opens_on",
        id="cycle-huge-year",
    ),
    pytest.param(
        "/staff/audits/returns/{own_return}/actions/new",
        {"description": "Train staff", "owner": "Lead", "status": "open", "due_on": "1/6/2027"},
        "due_on",
        id="action-one-part",
    ),
    pytest.param(
        "/staff/audits/returns/{own_return}/actions/new",
        {
            "description": "Train staff",
            "owner": "Lead",
            "status": "open",
            "due_on": ["31", "12", "9999"],
        },
        "due_on",
        id="action-last-day-of-time",
    ),
]


@both_databases
@pytest.mark.parametrize(("path", "data", "field"), ONE_PART_DATES)
def test_a_date_in_the_wrong_shape_gets_the_fields_own_message(
    app, client, world, path, data, field
):
    ids = make_cycle(app, world)
    sign_in(client, world.people["partnership_admin"])
    url = path.format(own_return=ids[world.own_agency])
    assert client.get(url).status_code == 200
    before = _counts(app)
    response = client.post(url, data=data)
    assert response.status_code == 200
    assert f"#{field}" in _links(response)
    boxes = response.page.select(f"input[name={field}]")
    assert len(boxes) == 3 and boxes[0].get("value")  # what was typed is shown again
    assert _counts(app) == before


def test_data_the_database_refuses_is_a_bad_request_not_try_again(app, caplog):
    def refuse():
        raise DataError("INSERT", {}, ValueError("NUL"))

    app.add_url_rule("/refuses", "refuses", refuse)
    with caplog.at_level(logging.ERROR, logger="engagement.errors"):
        response = app.test_client().get("/refuses")
    assert response.status_code == 400
    assert "a form let through" in caplog.text


# Found by tests/test_every_form.py: a form sent twice (another tab, the back button) or
# tampered with gave a 500, or the same page with no message.


def test_merging_a_theme_twice_says_so(app, client, world):
    from tests.themes.analysis_data import theme_id

    sign_in(client, world.people["analyst"])
    source = theme_id(app, world.consultation, "Bullying")
    url = f"/staff/consultations/{world.consultation}/codebook/{source}/merge"
    target = client.get(url).page.select_one("input[name=target]")["value"]
    assert client.post(url, data={"target": target}).status_code == 302
    again = client.post(url, data={"target": target})
    assert again.status_code == 200 and "already been merged" in _summary(again)


@both_databases
def test_removing_a_question_twice_is_not_found(app, client, world):
    sign_in(client, world.people["partnership_admin"])
    page = client.get("/staff/consultations/new")
    template = page.page.select_one("input[name=template]")["value"]
    client.post(
        "/staff/consultations/new",
        data={"template": template, "title": "Draft", "slug": "draft-survey"},
    )
    with app.app_context():
        from engagement.models import Consultation

        draft = db.session().scalar(
            sa.select(Consultation).where(Consultation.slug == "draft-survey")
        )
        version = draft.versions[0]
        question = f"{version.age_band}/{version.questions[0].key}"
        url = f"/staff/consultations/{draft.id}/questions/{question}"
    assert client.post(f"{url}/remove").status_code == 302
    assert client.post(f"{url}/remove").status_code == 404
    assert client.post(f"{url}/move", data={"direction": "up"}).status_code == 404


def test_a_review_post_that_says_neither_form_is_refused(app, client, world):
    ids = make_cycle(app, world)
    standard_id, _questions = _standard(app, ids)
    sign_in(client, world.people["analyst"])
    url = f"/staff/audits/returns/{ids[world.own_agency]}/review/{standard_id}"
    client.get(url)
    before = _counts(app)
    for which in ("moderate\x00", "", "both"):
        response = client.post(url, data={"form": which, "moderate-rating": "fully"})
        assert response.status_code == 400
    assert _counts(app) == before


@both_databases
def test_a_hidden_character_in_a_translation_is_taken_out_and_shown_again(app, client, world):
    sign_in(client, world.people["partnership_admin"])
    url = f"/staff/consultations/{world.consultation}/text/cy"
    page = client.get(url)
    field = page.page.select_one("[name^='t:']")
    before = _counts(app)
    response = client.post(url, data={field["name"]: "Teimlo'n\x00 ddiogel", "t:\x00": "x"})
    assert response.status_code == 200 and "hidden character" in _summary(response)
    shown = response.page.select_one(f"[name='{field['name']}']")
    assert (shown.get("value") or shown.get_text()) == "Teimlo'n ddiogel"
    assert _counts(app) == before


def test_an_empty_post_gets_the_forms_messages(app, client, world):
    sign_in(client, world.people["partnership_admin"])
    url = f"/staff/consultations/{world.consultation}/settings"
    client.get(url)
    response = client.post(url)
    assert response.status_code == 200
    assert {"#opens_on", "#closes_on"} <= set(_links(response))
