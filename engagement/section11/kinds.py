"""The kinds of audit framework: what each is called on pages, letters, outputs and emails,
and what comes with it. A framework's kind (``AuditFramework.kind``) is a key here; a
partnership's adapted copy keeps the kind of the framework it was copied from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditKind:
    key: str
    label: str  # "Section 11": what the audit is called, before "audit", "return" and so on
    practitioner_survey: bool  # whether its agencies get a practitioner survey link
    example_event: str  # a challenge event's title, as a hint


SECTION_11 = AuditKind(
    "section_11", "Section 11", True, "Section 11 challenge panel: health agencies"
)
SECTION_175 = AuditKind(
    "section_175", "Section 175/157", False, "Section 175/157 challenge panel: primary schools"
)
KINDS = {kind.key: kind for kind in (SECTION_11, SECTION_175)}


def kind_of(key: str) -> AuditKind:
    """The kind with this key; an unknown key is named plainly, without a survey."""
    return KINDS.get(key) or AuditKind(key, "Safeguarding", False, "Challenge panel: schools")
