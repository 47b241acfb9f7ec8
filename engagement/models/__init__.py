"""Typed SQLAlchemy models, one module per area."""

from engagement.models.base import Base, LocalisedText, new_id
from engagement.models.consultations import (
    Consultation,
    ConsultationKind,
    ConsultationVersion,
    Partnership,
    Question,
    QuestionKind,
)
from engagement.models.responses import Answer, Draft, Submission
from engagement.models.staff import (
    Agency,
    AgencySector,
    AuditEvent,
    ContentEdit,
    RecoveryCode,
    Role,
    StaffSession,
    StaffUser,
)

__all__ = [
    "Agency",
    "AgencySector",
    "Answer",
    "AuditEvent",
    "Base",
    "Consultation",
    "ContentEdit",
    "ConsultationKind",
    "ConsultationVersion",
    "Draft",
    "LocalisedText",
    "Partnership",
    "Question",
    "QuestionKind",
    "RecoveryCode",
    "Role",
    "StaffSession",
    "StaffUser",
    "Submission",
    "new_id",
]
