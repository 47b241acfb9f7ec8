"""Typed SQLAlchemy models, one module per area."""

from engagement.models.analysis import (
    AnalysisRun,
    AnswerAnalysis,
    AnswerTheme,
    CodingSource,
    CodingState,
    ConcernReview,
    Priority,
    RunStatus,
    Theme,
    ThemeStatus,
    theme_priorities,
)
from engagement.models.audits import AuditFramework, AuditQuestion, AuditStandard
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
    "AnalysisRun",
    "AuditFramework",
    "AuditQuestion",
    "AuditStandard",
    "AnswerAnalysis",
    "AnswerTheme",
    "CodingSource",
    "CodingState",
    "ConcernReview",
    "Priority",
    "RunStatus",
    "Theme",
    "ThemeStatus",
    "theme_priorities",
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
