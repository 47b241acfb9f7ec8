"""The section's headings and their order: the partnership's own, or by default the
Working Together 2018 yearly-report headings (the national format is changing, so they
can be edited)."""

from __future__ import annotations

from dataclasses import dataclass

from engagement import db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import ReportTemplate

DEFAULT = (
    ("sought", "How we sought feedback from children, families and practitioners"),
    ("said", "What children and families told us"),
    ("changed", "What changed as a result"),
    ("little_progress", "Areas with little or no progress on our priorities"),
    ("section11", "How agencies meet their Section 11 duties"),
    ("training", "The impact of multi-agency training"),
)
KEYS = tuple(key for key, _ in DEFAULT)


@dataclass(frozen=True)
class Heading:
    key: str
    heading: str


def current(partnership_id: str) -> list[Heading]:
    found = db.session().get(ReportTemplate, partnership_id)
    if found is None or not found.sections:
        return [Heading(key, heading) for key, heading in DEFAULT]
    return [Heading(s["key"], s["heading"]) for s in found.sections if s.get("key") in KEYS]


def for_form(partnership_id: str) -> dict[str, object]:
    """Each section's heading, position and whether it is in, as the form shows them."""
    kept = {h.key: (n, h.heading) for n, h in enumerate(current(partnership_id), 1)}
    data: dict[str, object] = {}
    for key, default in DEFAULT:
        position, heading = kept.get(key, (None, default))
        data |= {
            f"heading_{key}": heading,
            f"position_{key}": position,
            f"include_{key}": key in kept,
        }
    return data


def save(actor: SignedInUser, chosen: list[tuple[int, str, str]]) -> None:
    """(position, key, heading) of each section kept in, put in position order (sections
    given the same position, or none, keep the default order)."""
    ordered = sorted(
        (c for c in chosen if c[1] in KEYS), key=lambda c: (c[0] or 99, KEYS.index(c[1]))
    )
    with db.transaction() as s:
        found = s.get(ReportTemplate, actor.partnership_id) or ReportTemplate(
            partnership_id=actor.partnership_id
        )
        found.sections = [{"key": key, "heading": heading} for _, key, heading in ordered]
        s.add(found)
        activity_log.record(s, "report_headings.saved", actor.id, actor.partnership_id)
