"""Audit data for tests: a cycle of a built-in framework (Section 11 unless asked) with
returns."""

from __future__ import annotations

import datetime as dt

from engagement import clock, db
from engagement.demo import builders
from engagement.models import Consultation, ReturnStatus


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
    opens_on = opens_on or clock.today() - dt.timedelta(days=10)
    due_on = due_on or clock.today() + dt.timedelta(days=30)
    agencies = agencies or (world.own_agency, world.other_agency)
    with app.app_context(), db.transaction() as s:
        partnership_id = s.get(Consultation, world.consultation).partnership_id
        framework = builders.built_in_framework(s, partnership_id, kind)
        cycle = builders.add_cycle(s, framework, name, opens_on, due_on)
        ids = {"cycle": cycle.id, "framework": framework.id}
        for agency_id in agencies:
            ids[agency_id] = builders.add_return(s, cycle.id, agency_id, status).id
            if rating is not None:
                builders.answer_all(s, framework, ids[agency_id], rating, "Policy signed in May.")
        return ids
