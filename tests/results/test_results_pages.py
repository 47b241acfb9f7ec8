"""The results pages: numbers in tables, charts with alt text, comparisons, rounds and
the summary for a board paper."""

from __future__ import annotations

import io

import docx
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import Consultation
from tests.results.data import OLDER, YOUNGER, add, previous_round, repeat
from tests.staff_world import sign_in


def _base(world) -> str:
    return f"/staff/consultations/{world.consultation}/results"


def _table(page, caption_start: str) -> dict[str, list[str]]:
    for table in page.select("table"):
        caption = table.caption.get_text(" ", strip=True) if table.caption else ""
        if caption.startswith(caption_start):
            return {
                row.th.get_text(" ", strip=True): [td.get_text(" ", strip=True) for td in row("td")]
                for row in table.select("tbody tr")
            }
    raise AssertionError(f"no table {caption_start!r}")


def _answers(app, world):
    add(
        app,
        world.consultation,
        repeat(
            {"feel_safe_area": "5", "trusted_adult": "yes", "safe_places": ["home", "school"]}, 12
        ),
    )
    add(
        app,
        world.consultation,
        repeat({"feel_safe_area": "2", "trusted_adult": "no", "safe_places": ["home"]}, 3),
    )
    add(app, world.consultation, repeat(
        {"feel_safe_area": "4", "trusted_adult": "yes", "safe_places": ["school"]}, 10),
        version=YOUNGER)  # fmt: skip


def test_every_question_has_its_numbers_a_chart_and_a_table(app, client, world):
    _answers(app, world)
    sign_in(client, world.people["scrutineer"])
    page = client.get(_base(world)).page
    text = page.get_text(" ", strip=True)
    assert "25 people sent answers" in text
    safe = _table(page, "Answers to Q1")
    assert safe["Happy"] == ["10", "40%"]
    assert safe["Very happy"] == ["12", "48%"]
    assert safe["Unhappy"] == ["fewer than 5", "not shown"]
    assert "Happy or very happy: 88% (95% CI" in text
    places = _table(page, "Answers to Q2")
    assert places["At home"] == ["15", "60%"] and places["At school"] == ["22", "88%"]
    assert "the shares add up to more than 100%" in text
    chart = page.select_one("img.app-chart")
    assert "Diverging bar chart" in chart["alt"] and "Very happy" in chart["alt"]
    svg = client.get(chart["src"])
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert b"<svg" in svg.data
    written = page.find("a", string="See the themes in these written answers")
    assert written["href"].endswith("/analysis/one_change")
    # A question asked only of the 12-18 version says so; who_to_talk says who was asked.
    assert "Asked in the 12-18 version only." in text
    assert "Asked only of those who answered" in text


def test_a_chart_for_a_written_or_unknown_question_is_not_found(app, client, world):
    _answers(app, world)
    sign_in(client, world.people["analyst"])
    for key in ("one_change", "not_a_question", "online_pressure"):
        assert client.get(f"{_base(world)}/charts/{key}.svg").status_code == 404
    assert client.get(f"{_base(world)}/charts/feel_safe_area.gif").status_code == 404
    png = client.get(f"{_base(world)}/charts/feel_safe_area.png")
    assert png.headers["Content-Disposition"].startswith("attachment")


def test_age_bands_compared_with_a_test_and_small_groups_combined(app, client, world):
    _answers(app, world)
    sign_in(client, world.people["analyst"])
    page = client.get(f"{_base(world)}/compare?by=age_band").page
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == "Compared by Age band"
    table = _table(page, "Answers to Q1")
    assert table["Happy"] == ["10 (100%)", "0 (0%)"]
    assert table["Very happy"] == ["0 (0%)", "12 (80%)"]
    assert "Happy or very happy (95% CI)" in table
    assert "The groups answered differently" in text or "Too few answers to tell" in text
    assert (
        client.get(f"{_base(world)}/charts/feel_safe_area.svg?by=age_band").mimetype
        == "image/svg+xml"
    )
    # "No" is 3 people, so "Yes" (22 of the 25) would give them away: neither is shown.
    trust = client.get(f"{_base(world)}/compare?by=trusted_adult").page.get_text(" ", strip=True)
    assert "Yes (22)" not in trust and "No (3)" not in trust
    assert "25 people are in no group shown" in trust


def test_a_comparison_not_from_the_list_gets_a_clear_message(app, client, world):
    sign_in(client, world.people["analyst"])
    page = client.get(f"{_base(world)}/compare?by=%3Cscript%3E")
    assert page.status_code == 200
    assert (
        "Select what to compare by from the list"
        in page.page.select_one(".govuk-error-summary").get_text()
    )
    empty = client.get(f"{_base(world)}/compare").page
    assert not empty.select(".govuk-error-summary")
    assert client.get(f"{_base(world)}/charts/feel_safe_area.svg?by=nope").status_code == 404


def _previous_round(app, world) -> str:
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        return previous_round(s, s.get(Consultation, world.consultation)).id


def test_rounds_page_compares_with_last_year_and_is_missing_without_one(app, client, world):
    sign_in(client, world.people["analyst"])
    assert client.get(f"{_base(world)}/rounds").status_code == 404
    before = _previous_round(app, world)
    _answers(app, world)
    add(app, before, repeat({"feel_safe_area": "1", "trusted_adult": "no"}, 20), version=OLDER)
    results = client.get(_base(world)).page
    assert results.find("a", href=f"{_base(world)}/rounds")
    page = client.get(f"{_base(world)}/rounds").page
    text = page.get_text(" ", strip=True)
    assert "Last round (Feeling safe 2025, September 2025): 20 people" in " ".join(text.split())
    table = _table(page, "Answers to Q1")
    assert table["Very unhappy"] == ["0 (0%)", "20 (100%)"]
    assert "The rounds answered differently" in text
    chart = client.get(f"{_base(world)}/charts/feel_safe_area.svg?by=rounds")
    assert chart.status_code == 200


def test_summary_for_a_board_paper_follows_the_publishing_rules(app, client, world):
    _answers(app, world)
    sign_in(client, world.people["analyst"])
    page = client.get(f"{_base(world)}/summary").page
    text = page.get_text(" ", strip=True)
    assert "25 people took part" in text
    safe = _table(page, "Answers to Q1")
    assert safe["Very happy"] == ["10", "40%"]  # 12 rounds to 10, of the 25 who answered
    assert safe["Unhappy"] == ["*", "*"]  # 3: hidden
    assert "None has been approved yet" in text
    assert page.select_one("img.app-chart")["src"].endswith("/summary/charts/feel_safe_area.svg")
    response = client.get(f"{_base(world)}/summary.docx")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="feeling-safe-summary.docx"'
    )
    document = docx.Document(io.BytesIO(response.data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1].startswith("Q1. ")
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["Very happy", "10", "40%"] in cells and ["Unhappy", "*", "*"] in cells
    assert document.inline_shapes[0]._inline.docPr.get("descr").startswith("Chart of the")
