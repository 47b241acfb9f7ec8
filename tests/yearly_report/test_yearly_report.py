"""The yearly report's feedback section: what it says for a period, in the partnership's
headings and order, as a page and as Word, with small groups never shown."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pypdf
import sqlalchemy as sa

from engagement import clock, db
from engagement.models import (
    AnalysisRun,
    Consultation,
    Priority,
    WeDidAction,
    theme_priorities,
)
from tests.conftest import both_databases
from tests.staff_world import csrf, sign_in
from tests.themes.analysis_data import BUSES, LIGHTS, add_answers, run_analysis, theme_id

POLISH = ["Autobusy się spóźniają"] * 3  # three answers in Polish: never shown


def _filled(app, world) -> None:
    add_answers(app, world.consultation, BUSES + LIGHTS)
    add_answers(app, world.consultation, POLISH, locale="pl")
    with app.app_context(), db.transaction() as s:
        s.add(AnalysisRun(consultation_id=world.consultation, requested_at=clock.now()))
    run_analysis(app)
    buses = theme_id(app, world.consultation, "Buses and getting home")
    lights = theme_id(app, world.consultation, "Street lighting")
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        s.execute(
            sa.delete(theme_priorities).where(theme_priorities.c.theme_id.in_([buses, lights]))
        )
        travel = Priority(partnership_id=partnership_id, name="Getting around safely")
        dark = Priority(partnership_id=partnership_id, name="Safer streets after dark")
        s.add_all([travel, dark])
        s.flush()
        s.execute(sa.insert(theme_priorities), [
            {"theme_id": buses, "priority_id": travel.id},
            {"theme_id": lights, "priority_id": dark.id},
        ])  # fmt: skip
        s.add(WeDidAction(
            partnership_id=partnership_id, consultation_id=world.consultation, theme_id=buses,
            what="Asked the bus company for a later bus", for_young_people={"en": "A later bus"},
            by_whom="Transport team", decided_on=clock.today() - dt.timedelta(days=10),
            status="in_progress", updated_at=clock.now(),
        ))  # fmt: skip


def _text(page) -> str:
    return page.page.select_one("main").get_text(" ", strip=True)


@both_databases
def test_the_section_says_who_took_part_what_they_said_and_what_changed(app, client, world):
    _filled(app, world)
    sign_in(client, world.people["scrutineer"])
    text = _text(client.get("/staff/yearly-report"))
    assert "How we sought feedback from children, families and practitioners" in text
    # 26 responses, published as 25. Polish (3) is hidden, so English (23) is too:
    # otherwise the total would give Polish away.
    assert "English: not shown; Polish: not shown" in text and "Polish: 3" not in text
    assert "Getting around safely" in text and "Buses and getting home: 15 answers" in text
    assert "Safer streets after dark" in text and "Street lighting: 10 answers" in text
    assert "Asked the bus company for a later bus" in text and "In progress" in text
    little = text.split("Areas with little or no progress on our priorities")[1]
    assert "Safer streets after dark" in little.split("How agencies")[0]
    assert "Getting around safely" not in little.split("How agencies")[0]
    assert "Change the headings" not in text  # a scrutineer reads, never changes


def test_the_word_file_has_the_same_content_and_hides_small_groups(app, client, world):
    _filled(app, world)
    sign_in(client, world.people["analyst"])
    today = clock.today()
    since = today - dt.timedelta(days=364)
    query = f"since={since.day}&since={since.month}&since={since.year}" \
            f"&until={today.day}&until={today.month}&until={today.year}"  # fmt: skip
    response = client.get(f"/staff/yearly-report.docx?{query}")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "Asked the bus company for a later bus" in text
    assert "Polish: not shown" in text and "Polish: 3" not in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[0] == "How we sought feedback from children, families and practitioners"


def test_headings_are_reworded_reordered_and_left_out(app, client, world):
    sign_in(client, world.people["analyst"])
    form = client.get("/staff/yearly-report/headings")
    data = {"csrf_token": csrf(form)}
    for n, key in enumerate(
        ["sought", "said", "changed", "little_progress", "section11", "training"]
    ):
        data |= {
            f"heading_{key}": f"Heading {key}",
            f"position_{key}": str(6 - n),
            f"include_{key}": "y",
        }
    data.pop("include_section11")
    data["heading_said"] = "What you told us"
    assert client.post("/staff/yearly-report/headings", data=data).status_code == 302
    page = client.get("/staff/yearly-report")
    found = [h.get_text(strip=True) for h in page.page.select("main h2")]
    assert found == ["Heading training", "Heading little_progress", "Heading changed",
                     "What you told us", "Heading sought"]  # fmt: skip
    bad = client.post("/staff/yearly-report/headings", data={**data, "heading_said": ""})
    assert "Enter a heading" in bad.page.select_one(".govuk-error-summary").get_text()


def test_a_bad_period_gets_a_message(app, client, world):
    sign_in(client, world.people["analyst"])
    page = client.get("/staff/yearly-report?since=31&since=2&since=2026&until=1&until=1&until=2026")
    assert page.status_code == 200
    assert page.page.select_one(".govuk-error-summary")
    backwards = client.get(
        "/staff/yearly-report?since=1&since=6&since=2026&until=1&until=1&until=2026"
    )
    assert "after its start" in backwards.page.select_one(".govuk-error-summary").get_text()
    assert client.get("/staff/yearly-report.docx?since=x").status_code == 400


def test_the_pdf_is_tagged_and_the_html_passes_the_page_check(app, client, world):
    _filled(app, world)
    sign_in(client, world.people["analyst"])
    pdf = client.get("/staff/yearly-report.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf.data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Asked the bus company for a later bus" in text
    assert "Polish: not shown" in text and "Polish: 3" not in text
    html = client.get("/staff/yearly-report.html")
    assert html.mimetype == "text/html" and "attachment" in html.headers["Content-Disposition"]
    page = html.page
    assert page.html["lang"] == "en"
    assert [h.get_text() for h in page.select("h2")][2] == "What changed as a result"
    assert all(th.get("scope") for th in page.select("th"))


def test_the_childrens_version_says_what_was_said_and_done_in_plain_words(app, client, world):
    _filled(app, world)
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        s.add(WeDidAction(
            partnership_id=partnership_id, consultation_id=world.consultation,
            what="Skate park", for_young_people={"en": "You asked for a skate park."},
            by_whom="Board", decided_on=clock.today() - dt.timedelta(days=5),
            status="not_taken_forward", reason="There is no land for it this year.",
            updated_at=clock.now(),
        ))  # fmt: skip
    sign_in(client, world.people["scrutineer"])
    response = client.get("/staff/yearly-report/children.html")
    assert "attachment" in response.headers["Content-Disposition"]
    text = " ".join(response.page.get_text(" ", strip=True).split())
    assert "About 25 young people answered our surveys" in text
    assert "Buses and getting home (about 15 of you)" in text
    assert "What we are still doing A later bus" in text
    assert "You asked for a skate park. Why: There is no land for it this year." in text
    assert "Polish" not in text and "0800 1111" in text
