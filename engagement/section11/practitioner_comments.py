"""What an agency's practitioners wrote: how many answered, and their suggestions for
improving safeguarding, redacted, and only once enough people answered that nobody
can be picked out (the same small-number rule as every other count)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from analysis.counts import THRESHOLD, is_small
from analysis.redaction import redact
from engagement import db
from engagement.models import AuditCycle, Partnership, PractitionerResponse


@dataclass(frozen=True)
class Comments:
    responses: int
    texts: tuple[str, ...]  # empty when too few answered to show them

    @property
    def shown(self) -> bool:
        return not is_small(self.responses)

    threshold: int = THRESHOLD


def for_agency(cycle_id: str, agency_id: str) -> Comments:
    with db.read() as connection:
        rows = connection.execute(
            sa.select(PractitionerResponse.improvement).where(
                PractitionerResponse.cycle_id == cycle_id,
                PractitionerResponse.agency_id == agency_id,
            )
        ).all()
        local_names = connection.scalar(
            sa.select(Partnership.local_names)
            .join(AuditCycle, AuditCycle.partnership_id == Partnership.id)
            .where(AuditCycle.id == cycle_id)
        )
    if is_small(len(rows)):
        return Comments(len(rows), ())
    names = list(local_names or [])
    texts = sorted(
        redact(text, names).text for (text,) in rows if text and text.strip()
    )  # sorted, so the order says nothing about who answered when
    return Comments(len(rows), tuple(texts))
