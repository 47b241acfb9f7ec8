"""The audit dashboard, the feedback letter and the partnership summary (DOCX, XLSX)."""

from __future__ import annotations

import datetime as dt
import io
import secrets

import sqlalchemy as sa
from docx import Document
from openpyxl import load_workbook

from analysis import audit_charts
from engagement import clock, db
from engagement.models import (
    Agency,
    AuditAction,
    AuditChallenge,
    AuditCycle,
    AuditFramework,
    AuditModeration,
    AuditReturn,
    AuditStandard,
    Consultation,
    PractitionerAnswer,
    PractitionerResponse,
    ReturnStatus,
)
from engagement.section11.frameworks import add_built_in
from tests.conftest import both_databases
from tests.page_check import normalise_spaces
from tests.section11.audit_data import make_cycle
from tests.staff_world import sign_in

TODAY = dt.date.today()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _standard(s, cycle_id: str, code: str) -> AuditStandard:
    cycle = s.get(AuditCycle, cycle_id)
    return next(st for st in cycle.framework.standards if st.code == code)


def _reviewed_cycle(app, world, **kwargs) -> dict[str, str]:
    """Both agencies rated "mostly"; the police return signed off, moderated "fully" on
    S1, with a challenge and an overdue action; the youth club's still in progress."""
    ids = make_cycle(app, world, rating="mostly", status=ReturnStatus.IN_PROGRESS, **kwargs)
    police = ids[world.own_agency]
    with app.app_context(), db.transaction() as s:
        s.get(AuditReturn, police).status = ReturnStatus.APPROVED
        s1 = _standard(s, ids["cycle"], "S1")
        s.add(AuditModeration(return_id=police, standard_id=s1.id, rating="fully", at=clock.now()))
        s.add(
            AuditChallenge(
                return_id=police, standard_id=s1.id, body="Which board minutes show this?",
                raised_at=clock.now(), reply="The March board minutes, item 4.",
                replied_at=clock.now(),
            )
        )  # fmt: skip
        s.add(
            AuditAction(
                return_id=police, standard_id=s1.id, description="Train the new board members",
                owner="Head of learning", due_on=TODAY - dt.timedelta(days=3),
                updated_at=clock.now(),
            )
        )  # fmt: skip
        s.add(
            AuditAction(
                return_id=police, description="Refresh the escalation policy",
                owner="Safeguarding lead", due_on=TODAY + dt.timedelta(days=30),
                updated_at=clock.now(),
            )
        )  # fmt: skip
    return ids


def _row(table, agency: str) -> list[str]:
    for tr in table.select("tbody tr"):
        if normalise_spaces(tr.th.get_text(" ")).startswith(agency):
            return [normalise_spaces(td.get_text(" ")) for td in tr.select("td")]
    raise AssertionError(f"no row for {agency}")


def _section(page, heading: str):
    h2 = next(h for h in page.select("h2") if h.get_text(strip=True) == heading)
    return h2.find_next("table")


def _add_practitioners(app, ids, agency_id: str, code: str, values: list[str]) -> None:
    """One practitioner response per value, each answering one question in ``code``."""
    with app.app_context(), db.transaction() as s:
        for value in values:
            response = PractitionerResponse(
                cycle_id=ids["cycle"], agency_id=agency_id, submitted_on=TODAY,
                receipt_hash=secrets.token_hex(32),
            )  # fmt: skip
            s.add(response)
            s.flush()
            for key, answer in (("knows_procedures", value), ("knows_front_door", "dont_know")):
                s.add(
                    PractitionerAnswer(
                        response_id=response.id, cycle_id=ids["cycle"], agency_id=agency_id,
                        standard_code=code, question_key=key, value=answer,
                    )
                )  # fmt: skip


@both_databases
def test_the_heatmap_shows_self_and_moderated_scores(app, client, world):
    ids = _reviewed_cycle(app, world, due_on=TODAY - dt.timedelta(days=1))
    sign_in(client, world.people["analyst"])
    response = client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard")
    assert response.status_code == 200
    page = response.page
    heatmap = page.select_one("table.app-heatmap")
    assert heatmap.caption and heatmap.select("th[scope=col]") and heatmap.select("th[scope=row]")
    police = _row(heatmap, "Northshire Police")
    assert len(police) == 8
    assert police[0] == "Self: Mostly met (0.67) Moderated: Fully met"
    assert police[1] == "Self: Mostly met (0.67) Not moderated"
    assert _row(heatmap, "Riverside Youth Club")[0] == "Self: Mostly met (0.67) Not moderated"
    assert "app-heat--3" in heatmap.select("td")[0]["class"]


@both_databases
def test_non_returns_and_overdue_actions_are_listed(app, client, world):
    ids = _reviewed_cycle(app, world, due_on=TODAY - dt.timedelta(days=1))
    sign_in(client, world.people["scrutineer"])
    page = client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard").page
    missing = _section(page, "Returns not yet in")
    assert [normalise_spaces(th.get_text()) for th in missing.select("tbody th")] == [
        "Riverside Youth Club"
    ]
    assert _row(missing, "Riverside Youth Club") == ["In progress", "Overdue"]
    overdue = _section(page, "Overdue actions")
    assert len(overdue.select("tbody tr")) == 1  # the one due next month is not overdue
    assert _row(overdue, "Northshire Police") == [
        "S1: Train the new board members",
        "Head of learning",
        f"{(TODAY - dt.timedelta(days=3)).day} {(TODAY - dt.timedelta(days=3)):%B %Y}",
        "Not started",
    ]


def test_a_return_not_yet_due_is_listed_without_overdue(app, client, world):
    ids = _reviewed_cycle(app, world)
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard").page
    assert _row(_section(page, "Returns not yet in"), "Riverside Youth Club") == [
        "In progress",
        "Not yet due",
    ]


@both_databases
def test_year_on_year_compares_each_agency_with_the_previous_cycle(app, client, world):
    make_cycle(
        app, world, name="2025-26", opens_on=TODAY - dt.timedelta(days=400),
        due_on=TODAY - dt.timedelta(days=300), agencies=(world.own_agency,),
        rating="partially", status=ReturnStatus.APPROVED,
    )  # fmt: skip
    ids = make_cycle(app, world, name="2026-27", rating="fully")
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard").page
    table = _section(page, "Change since the last cycle")
    headers = [normalise_spaces(th.get_text()) for th in table.select("thead th")]
    assert headers == ["Agency", "2026-27", "2025-26", "Change"]
    assert _row(table, "Northshire Police") == ["1.00", "0.33", "Up 0.67"]
    assert _row(table, "Riverside Youth Club") == ["1.00", "None", "No earlier return"]


def test_without_an_earlier_cycle_there_is_nothing_to_compare(app, client, world):
    ids = make_cycle(app, world, rating="fully")
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard").page
    assert "There is no earlier cycle" in page.get_text()
    assert _row(_section(page, "Change since the last cycle"), "Northshire Police")[-1] == (
        "No earlier return"
    )


@both_databases
def test_practitioners_are_hidden_below_five_responses_and_shown_at_five(app, client, world):
    ids = make_cycle(app, world, rating="fully")
    _add_practitioners(app, ids, world.own_agency, "S2", ["yes", "yes", "yes", "no"])
    sign_in(client, world.people["analyst"])
    url = f"/staff/audits/cycles/{ids['cycle']}/dashboard"
    heading = "Self-ratings beside practitioners’ views"
    police = _row(_section(client.get(url).page, heading), "Northshire Police")
    assert police[1] == "Self: Fully met (1.00) Practitioners: Not shown: fewer than 5 responses"
    assert police[0] == "Self: Fully met (1.00) Practitioners: No practitioner responses"

    _add_practitioners(app, ids, world.own_agency, "S2", ["partly"])
    page = client.get(url).page
    police = _row(_section(page, heading), "Northshire Police")
    # (1 + 1 + 1 + 0 + 0.5) / 5; "don't know" is left out
    assert police[1] == (
        "Self: Fully met (1.00) Practitioners: 0.70 from 5 responses Practitioners less positive"
    )
    assert _row(_section(page, heading), "Riverside Youth Club")[1].endswith(
        "No practitioner responses"
    )


def test_demo_practitioners_are_counted_on_every_standard(app):
    """The demo's 24 police, 40 children's services and 31 hospital practitioners answered
    a survey that once asked nothing about S1 and S5, which then said "No practitioner
    responses" beside those agencies' own ratings."""
    from engagement.demo.audits import seed_audits
    from engagement.section11 import dashboard as audit_dashboard

    with app.app_context(), db.transaction() as s:
        partnership_id = s.scalar(sa.select(Consultation.partnership_id))
        add_built_in(s, partnership_id)
        s.flush()
        seed_audits(s, partnership_id, TODAY)
        s.flush()
        cycle = s.scalar(sa.select(AuditCycle).where(AuditCycle.name == "2026-27"))
        dashboard = audit_dashboard.build(s, cycle, TODAY)
        codes = [st.code for st in dashboard.standards]
        rows = {row.agency: row for row in dashboard.rows}
        assert codes == [f"S{n}" for n in range(1, 9)]
        for agency, count in (
            ("Northshire Police", 24),
            ("Northshire County Council children's services", 40),
            ("Northshire Hospitals NHS Trust", 31),
        ):
            practitioners = rows[agency].practitioners
            assert [p.responses for p in practitioners] == [count] * 8, agency
            for code, p in zip(codes, practitioners, strict=True):
                assert p.text.endswith(f" from {count} responses"), (agency, code, p.text)
        youth_club = rows["Riverside Youth Club"].practitioners  # 3 answered: too few to show
        assert {p.text for p in youth_club} == {"Not shown: fewer than 5 responses"}


def test_a_standard_the_survey_does_not_ask_about_says_so(app, client, world):
    ids = make_cycle(app, world, rating="fully")
    with app.app_context(), db.transaction() as s:
        _standard(s, ids["cycle"], "S8").code = "S8a"  # an adapted framework's own standard
    _add_practitioners(app, ids, world.own_agency, "S1", ["yes"] * 5)
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard").page
    police = _row(_section(page, "Self-ratings beside practitioners’ views"), "Northshire Police")
    assert police[0].endswith("Practitioners: 1.00 from 5 responses Similar")
    assert police[1].endswith("Practitioners: No practitioner responses")
    assert police[7].endswith("Practitioners: Not asked in the practitioner survey")


def _docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@both_databases
def test_the_summary_opens_as_docx_and_xlsx(app, client, world):
    ids = _reviewed_cycle(app, world, due_on=TODAY - dt.timedelta(days=1))
    _add_practitioners(app, ids, world.own_agency, "S2", ["yes"] * 6)
    sign_in(client, world.people["analyst"])
    response = client.get(f"/staff/audits/cycles/{ids['cycle']}/summary.docx")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="2026-27-audit-summary.docx"'
    )
    document = Document(io.BytesIO(response.data))
    assert len(document.inline_shapes) == 2  # the means chart and the heatmap
    text = _docx_text(response.data)
    for expected in (
        "Northshire Police", "Riverside Youth Club", "Mostly met (0.67)", "Fully met",
        "Train the new board members", "1.00 from 6 responses", "Overdue",
    ):  # fmt: skip
        assert expected in text, expected

    response = client.get(f"/staff/audits/cycles/{ids['cycle']}/summary.xlsx")
    assert response.status_code == 200 and response.mimetype == XLSX
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [
        "Summary", "Heatmap", "Year on year", "Non-returns", "Overdue actions",
        "Triangulation", "Charts",
    ]  # fmt: skip
    heat = list(book["Heatmap"].values)
    assert heat[0][:5] == ("Agency", "Return", "S1 self rating", "S1 self score", "S1 moderated")
    assert heat[1][:5] == ("Northshire Police", "Signed off", "Mostly met", 0.67, "Fully met")
    assert heat[2][0] == "Riverside Youth Club"
    assert list(book["Non-returns"].values)[1] == ("Riverside Youth Club", "In progress", "Yes")
    assert list(book["Overdue actions"].values)[1][:3] == (
        "Northshire Police", "Train the new board members", "Head of learning",
    )  # fmt: skip
    views = {(r[0], r[1]): r for r in list(book["Triangulation"].values)[1:]}
    assert views[("Northshire Police", "S2")][4:6] == (6, 1.0)
    assert len(book["Charts"]._images) == 2


def test_practitioners_under_five_stay_hidden_in_the_spreadsheet(app, client, world):
    ids = make_cycle(app, world, rating="fully")
    _add_practitioners(app, ids, world.own_agency, "S2", ["no"] * 4)
    sign_in(client, world.people["analyst"])
    book = load_workbook(
        io.BytesIO(client.get(f"/staff/audits/cycles/{ids['cycle']}/summary.xlsx").data)
    )
    views = {(r[0], r[1]): r for r in list(book["Triangulation"].values)[1:]}
    assert views[("Northshire Police", "S2")][4:6] == ("Not shown: fewer than 5 responses", None)
    text = _docx_text(client.get(f"/staff/audits/cycles/{ids['cycle']}/summary.docx").data)
    assert "Not shown: fewer than 5 responses" in text and "0.00 from" not in text


def test_an_unknown_summary_kind_is_not_found(app, client, world):
    ids = make_cycle(app, world)
    sign_in(client, world.people["analyst"])
    assert client.get(f"/staff/audits/cycles/{ids['cycle']}/summary.pdf").status_code == 404


@both_databases
def test_the_feedback_letter_has_scores_challenges_and_actions(app, client, world):
    ids = _reviewed_cycle(app, world)
    sign_in(client, world.people["agency_lead"])
    response = client.get(f"/staff/audits/returns/{ids[world.own_agency]}/feedback-letter.docx")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="2026-27-northshire-police-feedback.docx"'
    )
    text = _docx_text(response.data)
    for expected in (
        "Northshire Police", "2026-27", "S1 Leadership, accountability and governance",
        "Mostly met (0.67)", "Fully met", "Not moderated", "Which board minutes show this?",
        "The March board minutes, item 4.", "Train the new board members", "(overdue)",
        "Refresh the escalation policy", "Next steps",
    ):  # fmt: skip
        assert expected in text, expected
    assert "Riverside Youth Club" not in text


def test_an_agency_lead_sees_only_their_own_letter_and_no_dashboard(app, client, world):
    ids = _reviewed_cycle(app, world)
    sign_in(client, world.people["agency_lead"])
    assert client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard").status_code == 403
    assert client.get(f"/staff/audits/cycles/{ids['cycle']}/summary.docx").status_code == 403
    assert client.get(f"/staff/audits/cycles/{ids['cycle']}/summary.xlsx").status_code == 403
    own = f"/staff/audits/returns/{ids[world.own_agency]}/feedback-letter.docx"
    other = f"/staff/audits/returns/{ids[world.other_agency]}/feedback-letter.docx"
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 403


def test_a_trainer_gets_nothing(app, client, world):
    ids = _reviewed_cycle(app, world)
    sign_in(client, world.people["trainer"])
    assert client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard").status_code == 403
    letter = f"/staff/audits/returns/{ids[world.own_agency]}/feedback-letter.docx"
    assert client.get(letter).status_code == 403


def _foreign_cycle(app, world) -> dict[str, str]:
    """A cycle, with one return, in the other partnership."""
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.foreign_consultation).partnership_id
        add_built_in(s, partnership_id)
        s.flush()
        framework = s.scalar(
            sa.select(AuditFramework).where(
                AuditFramework.partnership_id == partnership_id,
                AuditFramework.kind == "section_11",
            )
        )
        agency = Agency(partnership_id=partnership_id, name="Elsewhere Police", sector="police")
        cycle = AuditCycle(
            partnership_id=partnership_id, framework_id=framework.id, name="2026-27",
            opens_on=TODAY, due_on=TODAY, created_at=clock.now(),
        )  # fmt: skip
        s.add_all([agency, cycle])
        s.flush()
        audit_return = AuditReturn(
            cycle_id=cycle.id, agency_id=agency.id, practitioner_code=secrets.token_hex(8)
        )
        s.add(audit_return)
        s.flush()
        return {"cycle": cycle.id, "return": audit_return.id}


@both_databases
def test_another_partnerships_cycle_and_return_are_not_found(app, client, world):
    foreign = _foreign_cycle(app, world)
    sign_in(client, world.people["partnership_admin"])
    for path in ("dashboard", "summary.docx", "summary.xlsx"):
        assert client.get(f"/staff/audits/cycles/{foreign['cycle']}/{path}").status_code == 404
    letter = f"/staff/audits/returns/{foreign['return']}/feedback-letter.docx"
    assert client.get(letter).status_code == 404
    assert client.get("/staff/audits/cycles/no-such-cycle/dashboard").status_code == 404


def test_the_dashboard_takes_the_same_queries_for_more_agencies(app, client, world):
    statements: list[str] = []

    def count(*args):  # type: ignore[no-untyped-def]
        statements.append(args[2])

    small = make_cycle(app, world, name="small", rating="mostly")
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        extra = [Agency(partnership_id=partnership_id, name=f"School {i}", sector="education")
                 for i in range(6)]  # fmt: skip
        s.add_all(extra)
        s.flush()
        extra_ids = tuple(a.id for a in extra)
    large = make_cycle(app, world, name="large", rating="mostly", agencies=extra_ids)
    sign_in(client, world.people["analyst"])
    engine = app.extensions["engine"]
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        counts = []
        for ids in (small, large):
            statements.clear()
            assert client.get(f"/staff/audits/cycles/{ids['cycle']}/dashboard").status_code == 200
            counts.append(len(statements))
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert counts[0] == counts[1] and counts[0] < 25, counts


def test_the_heatmap_chart_labels_every_cell():
    figure = audit_charts.heatmap(
        ["Police", "Youth club"], ["S1", "S2"], [[1.0, None], [0.5, 0]], "T"
    )
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == ["1.00", "–", "0.50", "0.00"]
    assert audit_charts.png(figure).startswith(b"\x89PNG")
    alt = audit_charts.standard_bars_alt_text(["S1", "S2"], [0.5, None], [1.0, 0.25], "Means")
    assert alt == "Means. Bar chart of mean scores from 0 to 1: S1 self 0.50, moderated 1.00; " + (
        "S2 self none, moderated 0.25."
    )


def test_text_that_looks_like_a_formula_stays_text_in_the_spreadsheet(app, client, world):
    from engagement.models import Agency

    formula = '=HYPERLINK("http://example.org","click")'
    with app.app_context(), db.transaction() as s:
        s.get(Agency, world.own_agency).name = formula
    ids = make_cycle(app, world, rating="fully")
    sign_in(client, world.people["analyst"])
    response = client.get(f"/staff/audits/cycles/{ids['cycle']}/summary.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert any(cell.value == formula for cell in cells)
