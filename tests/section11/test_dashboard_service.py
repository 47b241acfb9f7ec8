"""engagement.section11.dashboard, called directly: scores, practitioners, the change
since the last cycle, non-returns and overdue actions, as the ``Dashboard`` holds them."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
import sqlalchemy as sa

from engagement import clock, db
from engagement.models import (
    ActionStatus,
    AuditAction,
    AuditAnswer,
    AuditCycle,
    AuditModeration,
    AuditReturn,
    Consultation,
    PractitionerAnswer,
    PractitionerResponse,
    ReturnStatus,
)
from engagement.section11 import dashboard
from engagement.section11.dashboard import Practitioners, comparison
from tests.conftest import both_databases
from tests.section11.audit_data import make_cycle

TODAY = dt.date.today()


def _partnership(app, world) -> str:
    with app.app_context():
        return db.session().get(Consultation, world.consultation).partnership_id


def _build(app, world, cycle_id: str) -> dashboard.Dashboard:
    with app.app_context():
        board = dashboard.for_cycle(_partnership(app, world), cycle_id)
        assert board is not None
        return board


def _row(board, agency_id):
    return next(row for row in board.rows if row.agency_id == agency_id)


def _rate(app, return_id: str, standard_index: int, ratings: list[str]) -> str:
    """Rate the standard's questions in order; the standard's id."""
    with app.app_context(), db.transaction() as s:
        audit_return = s.get(AuditReturn, return_id)
        standard = audit_return.cycle.framework.standards[standard_index]
        for question, rating in zip(standard.questions, ratings, strict=False):
            answer = s.scalar(
                sa.select(AuditAnswer).where(
                    AuditAnswer.return_id == return_id, AuditAnswer.question_id == question.id
                )
            )
            answer.rating = rating
        return standard.id


def _practitioners(app, cycle_id: str, agency_id: str, code: str, values: list[str]) -> None:
    with app.app_context(), db.transaction() as s:
        for value in values:
            response = PractitionerResponse(
                cycle_id=cycle_id, agency_id=agency_id, submitted_on=TODAY,
                receipt_hash=secrets.token_hex(32))  # fmt: skip
            s.add(response)
            s.flush()
            s.add(PractitionerAnswer(
                response_id=response.id, cycle_id=cycle_id, agency_id=agency_id,
                standard_code=code, question_key="training", value=value))  # fmt: skip


@both_databases
def test_self_scores_are_the_mean_of_rated_answers_not_applicable_left_out(app, world):
    ids = make_cycle(app, world, rating="fully")
    police = ids[world.own_agency]
    # S1's first questions: mostly (2/3) and not applicable; the rest stay "fully".
    with app.app_context():
        count = len(db.session().get(AuditCycle, ids["cycle"]).framework.standards[0].questions)
    _rate(app, police, 0, ["mostly", "not_applicable"])
    board = _build(app, world, ids["cycle"])
    cell = _row(board, world.own_agency).cells[0]
    expected = (2 / 3 + (count - 2)) / (count - 1)
    assert cell.self_score == pytest.approx(expected)
    assert cell.self_text == f"{cell.self_label} ({expected:.2f})"
    assert _row(board, world.other_agency).cells[0].self_score == 1.0
    assert len(board.standards) == 8 and [s.code for s in board.standards][0] == "S1"
    means = board.standard_means()
    assert means[0][1] == pytest.approx((expected + 1) / 2) and means[0][2] is None


def test_a_return_with_no_ratings_has_no_score(app, world):
    ids = make_cycle(app, world)
    board = _build(app, world, ids["cycle"])
    row = _row(board, world.own_agency)
    assert row.mean is None and row.mean_text == "No rating"
    assert {cell.self_text for cell in row.cells} == {"No rating"}
    assert {cell.band for cell in row.cells} == {"none"}


def test_moderated_ratings_sit_beside_self_scores(app, world):
    ids = make_cycle(app, world, rating="mostly")
    with app.app_context(), db.transaction() as s:
        standard = s.get(AuditCycle, ids["cycle"]).framework.standards[2]
        s.add(AuditModeration(return_id=ids[world.own_agency], standard_id=standard.id,
                              rating="partially", at=clock.now()))  # fmt: skip
    board = _build(app, world, ids["cycle"])
    cells = _row(board, world.own_agency).cells
    assert cells[2].moderated_score == pytest.approx(1 / 3)
    assert cells[2].moderated_text == "Partially met"
    assert cells[1].moderated_text == "Not moderated"
    assert _row(board, world.other_agency).cells[2].moderated_score is None


def test_rows_are_in_agency_name_order_and_non_returns_listed(app, world):
    ids = make_cycle(app, world, due_on=TODAY - dt.timedelta(days=1))
    with app.app_context(), db.transaction() as s:
        s.get(AuditReturn, ids[world.own_agency]).status = ReturnStatus.SUBMITTED
    board = _build(app, world, ids["cycle"])
    assert [row.agency for row in board.rows] == ["Northshire Police", "Riverside Youth Club"]
    assert [(n.agency, n.status, n.overdue) for n in board.non_returns] == [
        ("Riverside Youth Club", "Not started", True)]  # fmt: skip
    assert board.returned == 1


def test_practitioners_count_as_halves_and_dont_know_is_left_out(app, world):
    ids = make_cycle(app, world, rating="fully")
    values = ["yes", "yes", "partly", "no", "dont_know", "yes"]
    _practitioners(app, ids["cycle"], world.own_agency, "S4", values)
    _practitioners(app, ids["cycle"], world.other_agency, "S4", ["yes"] * 4)
    board = _build(app, world, ids["cycle"])
    index = [s.code for s in board.standards].index("S4")
    police = _row(board, world.own_agency).practitioners[index]
    assert (police.responses, police.answers) == (6, 5)
    assert police.score == pytest.approx(3.5 / 5) and police.shown
    assert police.text == "0.70 from 6 responses"
    club = _row(board, world.other_agency).practitioners[index]
    assert not club.shown and club.text == "Not shown: fewer than 5 responses"
    assert _row(board, world.own_agency).practitioners[0].text == "No practitioner responses"
    # Self score 1.0 against 0.70: the practitioners are less positive.
    assert _row(board, world.own_agency).triangulation()[index][2] == (
        "Practitioners less positive"
    )


@pytest.mark.parametrize(("own", "theirs", "said"), [
    (1.0, 0.75, "Practitioners less positive"), (0.5, 0.75, "Practitioners more positive"),
    (0.6, 0.75, "Similar"), (None, 0.75, ""),
])  # fmt: skip
def test_comparison(own, theirs, said):
    assert comparison(own, Practitioners(5, 5, theirs)) == said
    assert comparison(own, Practitioners(4, 4, theirs)) == ""  # too few to show


@both_databases
def test_change_since_the_previous_cycle(app, world):
    make_cycle(app, world, name="2025-26", opens_on=TODAY - dt.timedelta(days=400),
               due_on=TODAY - dt.timedelta(days=300), agencies=(world.own_agency,),
               rating="partially", status=ReturnStatus.APPROVED)  # fmt: skip
    ids = make_cycle(app, world, name="2026-27", rating="fully")
    board = _build(app, world, ids["cycle"])
    police, club = _row(board, world.own_agency), _row(board, world.other_agency)
    assert board.previous_name == "2025-26"
    assert police.previous_mean == pytest.approx(1 / 3) and police.change_text == "Up 0.67"
    assert club.previous_mean is None and club.change_text == "No earlier return"


def test_overdue_actions_include_open_ones_from_an_earlier_cycle(app, world):
    last = make_cycle(app, world, name="2025-26", opens_on=TODAY - dt.timedelta(days=400),
                      due_on=TODAY - dt.timedelta(days=300), agencies=(world.own_agency,),
                      status=ReturnStatus.APPROVED)  # fmt: skip
    ids = make_cycle(app, world, name="2026-27")
    with app.app_context(), db.transaction() as s:
        for return_id, description, days, status in (
            (last[world.own_agency], "Old and open", -30, ActionStatus.IN_PROGRESS),
            (last[world.own_agency], "Old and done", -40, ActionStatus.DONE),
            (ids[world.own_agency], "New and late", -2, ActionStatus.NOT_STARTED),
            (ids[world.other_agency], "Not due yet", 10, ActionStatus.NOT_STARTED),
        ):
            s.add(AuditAction(return_id=return_id, description=description, owner="Lead",
                              due_on=TODAY + dt.timedelta(days=days), status=status,
                              updated_at=clock.now()))  # fmt: skip
    board = _build(app, world, ids["cycle"])
    assert [(a.description, a.agency, a.standard) for a in board.overdue_actions] == [
        ("Old and open (from 2025-26)", "Northshire Police", ""),
        ("New and late", "Northshire Police", ""),
    ]


def test_a_cycle_of_another_partnership_is_none(app, world):
    ids = make_cycle(app, world)
    with app.app_context():
        assert dashboard.for_cycle("another-partnership", ids["cycle"]) is None
        assert dashboard.for_cycle(_partnership(app, world), "no-such-cycle") is None
