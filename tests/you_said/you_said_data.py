"""An action in the partnership's consultation and one in another partnership's, for
the authorization matrix."""

from __future__ import annotations

import datetime as dt

from engagement import clock, db
from engagement.models import Consultation, WeDidAction


def matrix_ids(app, world) -> dict[str, str]:
    with app.app_context(), db.transaction() as s:
        made = {}
        for key, consultation_id in (
            ("we_did_action", world.consultation),
            ("foreign_we_did_action", world.foreign_consultation),
        ):
            consultation = s.get(Consultation, consultation_id)
            action = WeDidAction(
                partnership_id=consultation.partnership_id, consultation_id=consultation.id,
                what="A later bus", for_young_people={"en": "A later bus"}, by_whom="Council",
                decided_on=dt.date(2026, 2, 3), status="done", updated_at=clock.now(),
            )  # fmt: skip
            s.add(action)
            s.flush()
            made[key] = action.id
        return made
