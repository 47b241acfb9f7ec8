"""The audit dashboard for one cycle: every agency's self and moderated scores by
standard, the returns not yet in, overdue actions, the change since the last cycle,
and what each agency's practitioners said beside its own rating.

Built in a fixed number of queries whatever the number of agencies: answers are
counted in SQL by agency, standard and rating, then scored in one pass here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from analysis.counts import THRESHOLD, is_small
from engagement import clock, db
from engagement.models import (
    ActionStatus,
    Agency,
    AuditAction,
    AuditAnswer,
    AuditCycle,
    AuditModeration,
    AuditQuestion,
    AuditReturn,
    PractitionerAnswer,
    ReturnStatus,
)
from engagement.section11 import cycles as audit_cycles
from engagement.section11 import practitioner_voice
from engagement.section11.scales import SCALES, Scale, nearest, score_of

RETURNED = (ReturnStatus.SUBMITTED, ReturnStatus.APPROVED)
# What a practitioner's answer says about a standard (don't know doesn't count).
PRACTITIONER_SCORES = {"yes": 1.0, "partly": 0.5, "no": 0.0}
# A self score this far above or below the practitioners' is worth a conversation.
NOTABLE_GAP = 0.25


def score_text(score: float) -> str:
    return f"{score:.2f}"


@dataclass(frozen=True)
class Standard:
    id: str
    code: str
    title: str


@dataclass(frozen=True)
class Cell:
    """One agency's scores on one standard."""

    self_score: float | None
    self_label: str | None  # the rating nearest the mean
    moderated_score: float | None
    moderated_label: str | None

    @property
    def self_text(self) -> str:
        if self.self_score is None:
            return "No rating"
        return f"{self.self_label} ({score_text(self.self_score)})"

    @property
    def moderated_text(self) -> str:
        return self.moderated_label or "Not moderated"

    @property
    def band(self) -> str:
        """0 (not met) to 4 (fully met), or "none": for shading beside the text."""
        return "none" if self.self_score is None else str(round(4 * self.self_score))


@dataclass(frozen=True)
class Practitioners:
    """What one agency's practitioners said about one standard."""

    responses: int
    answers: int  # yes, partly or no (don't know leaves it out)
    score: float | None
    asked: bool = True  # False: no statement of the survey is about this standard

    @property
    def shown(self) -> bool:
        return self.responses > 0 and not is_small(self.responses)

    @property
    def text(self) -> str:
        if not self.asked:
            return "Not asked in the practitioner survey"
        if self.responses == 0:
            return "No practitioner responses"
        if not self.shown:
            return f"Not shown: fewer than {THRESHOLD} responses"
        if self.score is None:
            return f"{self.responses} responses, all “don’t know”"
        return f"{score_text(self.score)} from {self.responses} responses"


NO_PRACTITIONERS = Practitioners(0, 0, None)
NOT_ASKED = Practitioners(0, 0, None, asked=False)


def comparison(self_score: float | None, practitioners: Practitioners) -> str:
    """How the agency's self score compares with what its practitioners said."""
    if self_score is None or not practitioners.shown or practitioners.score is None:
        return ""
    gap = self_score - practitioners.score
    if gap >= NOTABLE_GAP:
        return "Practitioners less positive"
    if gap <= -NOTABLE_GAP:
        return "Practitioners more positive"
    return "Similar"


@dataclass(frozen=True)
class AgencyRow:
    agency_id: str
    agency: str
    return_id: str
    status: str
    cells: tuple[Cell, ...]  # in the order of the standards
    practitioners: tuple[Practitioners, ...]
    mean: float | None  # mean self score over the standards
    previous_mean: float | None  # the same in the previous cycle, if it had a return

    @property
    def mean_text(self) -> str:
        return "No rating" if self.mean is None else score_text(self.mean)

    @property
    def previous_text(self) -> str:
        return "None" if self.previous_mean is None else score_text(self.previous_mean)

    @property
    def change(self) -> float | None:
        if self.mean is None or self.previous_mean is None:
            return None
        return self.mean - self.previous_mean

    @property
    def change_text(self) -> str:
        if self.previous_mean is None:
            return "No earlier return"
        if self.mean is None or self.change is None:
            return "No rating yet"
        if abs(self.change) < 0.005:
            return "No change"
        return f"{'Up' if self.change > 0 else 'Down'} {score_text(abs(self.change))}"

    def triangulation(self) -> list[tuple[Cell, Practitioners, str]]:
        return [
            (cell, practitioners, comparison(cell.self_score, practitioners))
            for cell, practitioners in zip(self.cells, self.practitioners, strict=True)
        ]


@dataclass(frozen=True)
class NonReturn:
    agency: str
    status: str
    overdue: bool


@dataclass(frozen=True)
class OverdueAction:
    agency: str
    description: str
    owner: str
    due_on: dt.date
    standard: str  # its code, or "" for the whole return
    status: str


@dataclass(frozen=True)
class Dashboard:
    cycle: AuditCycle
    scale: Scale
    standards: tuple[Standard, ...]
    rows: tuple[AgencyRow, ...]
    non_returns: tuple[NonReturn, ...]
    overdue_actions: tuple[OverdueAction, ...]
    previous_name: str | None
    today: dt.date
    threshold: int = THRESHOLD  # fewer practitioner responses than this are not shown

    @property
    def practitioner_survey(self) -> bool:
        """Whether this kind of audit has a practitioner survey to set beside the scores."""
        return self.cycle.framework.audit_kind.practitioner_survey

    @property
    def returned(self) -> int:
        return len(self.rows) - len(self.non_returns)

    def standard_means(self) -> list[tuple[Standard, float | None, float | None]]:
        """Each standard's mean self and moderated score over the agencies."""
        means = []
        for i, standard in enumerate(self.standards):
            own = _mean([row.cells[i].self_score for row in self.rows])
            moderated = _mean([row.cells[i].moderated_score for row in self.rows])
            means.append((standard, own, moderated))
        return means


def _mean(values: list[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None


def self_scores(
    s: Session, scale: Scale, cycle_id: str, return_id: str | None = None
) -> dict[tuple[str, str], float]:
    """Mean self score by (agency id, standard id): rated answers only, so not
    applicable and blanks don't count (as ``audit_scales.mean_score``)."""
    query = (
        sa.select(
            AuditReturn.agency_id, AuditQuestion.standard_id, AuditAnswer.rating, sa.func.count()
        )
        .join(AuditAnswer, AuditAnswer.return_id == AuditReturn.id)
        .join(AuditQuestion, AuditQuestion.id == AuditAnswer.question_id)
        .where(
            AuditReturn.cycle_id == cycle_id,
            AuditAnswer.rating.in_([r.key for r in scale.ratings]),
        )
        .group_by(AuditReturn.agency_id, AuditQuestion.standard_id, AuditAnswer.rating)
    )
    if return_id is not None:
        query = query.where(AuditReturn.id == return_id)
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0])
    for agency_id, standard_id, rating, count in s.execute(query):
        total = totals[(agency_id, standard_id)]
        total[0] += (score_of(scale, rating) or 0.0) * count
        total[1] += count
    return {key: total / count for key, (total, count) in totals.items()}


def moderations(
    s: Session, cycle_id: str, return_id: str | None = None
) -> dict[tuple[str, str], sa.Row[str, str, str, str]]:
    """The moderated rating and note by (agency id, standard id)."""
    query = (
        sa.select(
            AuditReturn.agency_id,
            AuditModeration.standard_id,
            AuditModeration.rating,
            AuditModeration.note,
        )
        .join(AuditModeration, AuditModeration.return_id == AuditReturn.id)
        .where(AuditReturn.cycle_id == cycle_id)
    )
    if return_id is not None:
        query = query.where(AuditReturn.id == return_id)
    return {(row.agency_id, row.standard_id): row for row in s.execute(query)}


def _practitioners(s: Session, cycle_id: str) -> dict[tuple[str, str], Practitioners]:
    """By (agency id, standard code): responses, and the mean of their answers, in one
    pass over the counting index (points are halves, so the sums stay whole numbers)."""
    value = PractitionerAnswer.value
    points = sa.case(
        {key: round(2 * score) for key, score in PRACTITIONER_SCORES.items()}, value=value
    )
    keys = (PractitionerAnswer.agency_id, PractitionerAnswer.standard_code)
    query = (
        sa.select(
            *keys,
            sa.func.count(sa.distinct(PractitionerAnswer.response_id)),
            sa.func.count(points),
            sa.func.coalesce(sa.func.sum(points), 0),
        )
        .where(PractitionerAnswer.cycle_id == cycle_id)
        .group_by(*keys)
    )
    return {
        (agency_id, code): Practitioners(
            responses, answers, int(halves) / (2 * answers) if answers else None
        )
        for agency_id, code, responses, answers, halves in s.execute(query)
    }


def _agency_means(scores: dict[tuple[str, str], float]) -> dict[str, float]:
    by_agency: dict[str, list[float]] = defaultdict(list)
    for (agency_id, _standard_id), score in scores.items():
        by_agency[agency_id].append(score)
    return {agency_id: sum(v) / len(v) for agency_id, v in by_agency.items()}


def _overdue_actions(s: Session, cycle: AuditCycle, today: dt.date) -> list[OverdueAction]:
    """Overdue actions of the cycle's agencies: this cycle's, and any still open from an
    earlier cycle (they don't stop mattering when a new cycle opens)."""
    agencies = sa.select(AuditReturn.agency_id).where(AuditReturn.cycle_id == cycle.id)
    rows = s.execute(
        sa.select(AuditAction, Agency.name, AuditCycle.id, AuditCycle.name)
        .join(AuditReturn, AuditReturn.id == AuditAction.return_id)
        .join(AuditCycle, AuditCycle.id == AuditReturn.cycle_id)
        .join(Agency, Agency.id == AuditReturn.agency_id)
        .where(
            AuditCycle.partnership_id == cycle.partnership_id,
            AuditCycle.opens_on <= cycle.opens_on,
            AuditReturn.agency_id.in_(agencies),
            AuditAction.due_on < today,
            AuditAction.status != ActionStatus.DONE,
        )
        .options(joinedload(AuditAction.standard))
        .order_by(AuditAction.due_on, Agency.name)
    )
    return [
        OverdueAction(
            agency=agency,
            description=action.description
            if cycle_id == cycle.id
            else f"{action.description} (from {cycle_name})",
            owner=action.owner,
            due_on=action.due_on,
            standard=action.standard.code if action.standard else "",
            status=ActionStatus.LABELS.get(action.status, action.status),
        )
        for action, agency, cycle_id, cycle_name in rows
        if action.overdue(today)
    ]


def build(s: Session, cycle: AuditCycle, today: dt.date) -> Dashboard:
    """The dashboard for ``cycle`` (loaded with its framework, standards and returns)."""
    scale = SCALES[cycle.framework.scale]
    standards = tuple(Standard(st.id, st.code, st.title) for st in cycle.framework.standards)
    scores = self_scores(s, scale, cycle.id)
    moderated = moderations(s, cycle.id)
    practitioners = _practitioners(s, cycle.id)
    # A standard no survey statement is about (an adapted framework's own code, or a
    # framework without a practitioner survey) says so, rather than "no responses".
    asked = practitioner_voice.standards_asked(cycle.framework.kind)
    previous = audit_cycles.previous_cycle(s, cycle)
    earlier: dict[str, float] = {}
    if previous is not None:
        earlier = _agency_means(self_scores(s, SCALES[previous.framework.scale], previous.id))
    now_means = _agency_means(scores)

    rows = []
    for audit_return in sorted(cycle.returns, key=lambda r: r.agency.name.lower()):
        agency_id = audit_return.agency_id
        cells = []
        for standard in standards:
            own = scores.get((agency_id, standard.id))
            moderation = moderated.get((agency_id, standard.id))
            cells.append(
                Cell(
                    self_score=own,
                    self_label=None if own is None else nearest(scale, own).label,
                    moderated_score=score_of(scale, moderation.rating) if moderation else None,
                    moderated_label=scale.label(moderation.rating) if moderation else None,
                )
            )
        rows.append(
            AgencyRow(
                agency_id=agency_id,
                agency=audit_return.agency.name,
                return_id=audit_return.id,
                status=ReturnStatus.LABELS.get(audit_return.status, audit_return.status),
                cells=tuple(cells),
                practitioners=tuple(
                    practitioners.get(
                        (agency_id, st.code), NO_PRACTITIONERS if st.code in asked else NOT_ASKED
                    )
                    for st in standards
                ),
                mean=now_means.get(agency_id),
                previous_mean=earlier.get(agency_id),
            )
        )
    non_returns = tuple(
        NonReturn(
            agency=r.agency.name,
            status=ReturnStatus.LABELS.get(r.status, r.status),
            overdue=today > cycle.due_on,
        )
        for r in sorted(cycle.returns, key=lambda r: r.agency.name.lower())
        if r.status not in RETURNED
    )
    return Dashboard(
        cycle=cycle,
        scale=scale,
        standards=standards,
        rows=tuple(rows),
        non_returns=non_returns,
        overdue_actions=tuple(_overdue_actions(s, cycle, today)),
        previous_name=previous.name if previous else None,
        today=today,
    )


def for_cycle(partnership_id: str, cycle_id: str) -> Dashboard | None:
    """The dashboard for a cycle of this partnership; None if there is no such cycle."""
    cycle = audit_cycles.get(partnership_id, cycle_id)
    if cycle is None:
        return None
    return build(db.session(), cycle, clock.today())
