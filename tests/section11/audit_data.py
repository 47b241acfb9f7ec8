"""Audit data for tests: a cycle of a built-in framework (Section 11 unless asked) with
returns."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from engagement import clock, db
from engagement.models import (
    AuditAnswer,
    AuditCycle,
    AuditFramework,
    AuditReturn,
    Consultation,
    ReturnStatus,
)
from engagement.section11.cycles import new_practitioner_code
from engagement.section11.frameworks import add_built_in


def make_cycle(
    app,
    world,
    name: str = "2026-27",
    opens_on: dt.date | None = None,
    due_on: dt.date | None = None,
    agencies: tuple[str, ...] | None = None,
    rating: str | None = None,
    status: str = ReturnStatus.NOT_STARTED,
    kind: str = "section_11",
) -> dict[str, str]:
    """A cycle of the built-in framework of this kind (Section 11 unless asked), with a
    return for each agency (both of the world's by default).

    With ``rating``, every question of every return is answered with it. Returns
    ``{"cycle": id, "framework": id, agency_id: return_id, ...}``.
    """
    opens_on = opens_on or dt.date.today() - dt.timedelta(days=10)
    due_on = due_on or dt.date.today() + dt.timedelta(days=30)
    agencies = agencies or (world.own_agency, world.other_agency)
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        add_built_in(s, partnership_id)
        s.flush()
        framework = s.scalar(
            sa.select(AuditFramework).where(
                AuditFramework.partnership_id == partnership_id,
                AuditFramework.kind == kind,
                AuditFramework.copied_from_id.is_(None),
            )
        )
        cycle = AuditCycle(
            partnership_id=partnership_id, framework_id=framework.id, name=name,
            opens_on=opens_on, due_on=due_on, created_at=clock.now(),
        )  # fmt: skip
        s.add(cycle)
        s.flush()
        ids = {"cycle": cycle.id, "framework": framework.id}
        for agency_id in agencies:
            audit_return = AuditReturn(
                cycle_id=cycle.id, agency_id=agency_id, status=status,
                practitioner_code=new_practitioner_code(),
            )  # fmt: skip
            s.add(audit_return)
            s.flush()
            ids[agency_id] = audit_return.id
            if rating is not None:
                for standard in framework.standards:
                    for question in standard.questions:
                        s.add(
                            AuditAnswer(
                                return_id=audit_return.id, question_id=question.id,
                                rating=rating, evidence="Policy signed in May.", version=1,
                            )
                        )  # fmt: skip
        return ids
