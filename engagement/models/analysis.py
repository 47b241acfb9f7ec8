"""Analysis of free-text answers: the codebook, per-answer results, runs and reviews.

Results are stored per answer so a dashboard only counts rows. ``AnswerAnalysis``
repeats the submission's version, language and day so filters need no joins, and
holds the redacted text: staff never see the original.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engagement.models.base import Base, new_id
from engagement.models.staff import Moment


class ThemeStatus:
    ACTIVE = "active"
    MERGED = "merged"  # folded into another theme; kept so the history still reads


class CodingState:
    SUGGESTED = "suggested"  # by a keyword or the classifier
    CONFIRMED = "confirmed"  # by a person
    REJECTED = "rejected"  # a person said no; a re-run never brings it back


class CodingSource:
    KEYWORD = "keyword"
    MODEL = "model"
    STAFF = "staff"


class RunStatus:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Priority(Base):
    """One of the partnership's priorities, such as "children's mental health"."""

    __tablename__ = "priorities"
    __table_args__ = (sa.UniqueConstraint("partnership_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    partnership_id: Mapped[str] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")


theme_priorities = sa.Table(
    "theme_priorities",
    Base.metadata,
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("priority_id", sa.ForeignKey("priorities.id", ondelete="CASCADE"), primary_key=True),
)


class Theme(Base):
    """A codebook entry: a name, what it means, and phrases per language that find it.

    ``keywords`` is ``{"en": ["bus", "bus*", "late home"], "cy": [...]}``; a trailing
    ``*`` matches any ending. ``matched_fingerprint`` is the fingerprint of the
    keywords last applied to the answers, so a re-run redoes only changed themes.
    """

    __tablename__ = "themes"
    __table_args__ = (sa.UniqueConstraint("consultation_id", "name"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    consultation_id: Mapped[str] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    keywords: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(sa.String(20), default=ThemeStatus.ACTIVE)
    merged_into_id: Mapped[str | None] = mapped_column(sa.ForeignKey("themes.id"))
    matched_fingerprint: Mapped[str | None] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column(Moment)

    priorities: Mapped[list[Priority]] = relationship(secondary=theme_priorities)


# The columns every analysis count filters on first, leading both covering indexes.
_WHERE_ANSWERED = ("consultation_id", "question_key", "version_id", "answered_in", "submitted_on")


class AnswerAnalysis(Base):
    """What the analysis found in one free-text answer."""

    __tablename__ = "answer_analyses"
    __table_args__ = (
        # Covers the analysis page's reads, so counting 100,000 answers reads one index.
        sa.Index(
            "ix_answer_analyses_question",
            *_WHERE_ANSWERED,
            "sentiment",
            "concern",
            "words",
        ),  # fmt: skip
        {"sqlite_with_rowid": False},
    )

    answer_id: Mapped[str] = mapped_column(
        sa.ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True
    )
    consultation_id: Mapped[str] = mapped_column(sa.ForeignKey("consultations.id"))
    question_key: Mapped[str] = mapped_column(sa.String(60))
    version_id: Mapped[str] = mapped_column(sa.String(32))
    answered_in: Mapped[str] = mapped_column(sa.String(10))
    submitted_on: Mapped[dt.date]
    # Redacted text: the only text staff ever see.
    text: Mapped[str] = mapped_column(sa.Text)
    redacted_kinds: Mapped[list[Any]] = mapped_column(default=list)
    language: Mapped[str] = mapped_column(sa.String(10))
    words: Mapped[int] = mapped_column(default=0)
    sentiment: Mapped[str] = mapped_column(sa.String(20))
    sentiment_reason: Mapped[str] = mapped_column(sa.String(200), default="")
    sentiment_source: Mapped[str] = mapped_column(sa.String(20), default="rules")
    concern: Mapped[bool] = mapped_column(default=False)
    concern_categories: Mapped[list[Any]] = mapped_column(default=list)
    # Fingerprint of the preparation (redaction list, pipeline version) used.
    prepared_with: Mapped[str] = mapped_column(sa.String(64))
    # True once the original answer has been replaced by this redacted text.
    original_removed: Mapped[bool] = mapped_column(default=False)


class AnswerTheme(Base):
    """A theme found in an answer, by whom, how sure, and whether a person agreed."""

    __tablename__ = "answer_themes"
    __table_args__ = (
        sa.Index("ix_answer_themes_theme", "theme_id", "state", "confidence"),
        # Covers the analysis page's theme counts and quotes, without a join.
        sa.Index(
            "ix_answer_themes_question",
            *_WHERE_ANSWERED,
            "sentiment",
            "theme_id",
            "state",
            "confidence",
            "concern",
            "words",
            "answer_id",
        ),  # fmt: skip
        {"sqlite_with_rowid": False},
    )

    answer_id: Mapped[str] = mapped_column(
        sa.ForeignKey("answer_analyses.answer_id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[str] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(sa.String(20))
    confidence: Mapped[float] = mapped_column(default=1.0)
    state: Mapped[str] = mapped_column(sa.String(20), default=CodingState.SUGGESTED)
    # Copies of the answer's analysis (ANSWER_COLUMNS), so counting themes for 100,000
    # answers reads one index instead of joining; themes/codings.py keeps them equal.
    consultation_id: Mapped[str] = mapped_column(sa.String(32))
    question_key: Mapped[str] = mapped_column(sa.String(60))
    version_id: Mapped[str] = mapped_column(sa.String(32))
    answered_in: Mapped[str] = mapped_column(sa.String(10))
    submitted_on: Mapped[dt.date]
    sentiment: Mapped[str] = mapped_column(sa.String(20))
    concern: Mapped[bool] = mapped_column(default=False)
    words: Mapped[int] = mapped_column(default=0)


ANSWER_COLUMNS = (
    "consultation_id", "question_key", "version_id", "answered_in", "submitted_on",
    "sentiment", "concern", "words",
)  # fmt: skip


class AnalysisRun(Base):
    """A request to analyse a consultation, picked up by the background worker."""

    __tablename__ = "analysis_runs"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    consultation_id: Mapped[str] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    requested_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(Moment)
    started_at: Mapped[dt.datetime | None] = mapped_column(Moment)
    finished_at: Mapped[dt.datetime | None] = mapped_column(Moment)
    status: Mapped[str] = mapped_column(sa.String(20), default=RunStatus.QUEUED, index=True)
    total: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    # What the run did: answers prepared, themes re-matched, suggestions made.
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(sa.String(300))


class ConcernReview(Base):
    """A person's review of a response that was flagged as a possible concern."""

    __tablename__ = "concern_reviews"

    submission_id: Mapped[str] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    outcome: Mapped[str] = mapped_column(sa.String(30))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    reviewed_at: Mapped[dt.datetime] = mapped_column(Moment)


class ConcernSecondLook(Base):
    """The background worker's second look at a response's written answers (the most
    worrying of them): the embedding model's probability and the risk it names, if any.
    Kept for every response with written answers, flagged or not, so each is read once."""

    __tablename__ = "concern_second_looks"

    submission_id: Mapped[str] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    probability: Mapped[float]
    category: Mapped[str] = mapped_column(sa.String(40), default="")
    category_confidence: Mapped[float] = mapped_column(default=0.0)
    flagged: Mapped[bool] = mapped_column(default=False)  # it added or confirmed the flag
    looked_with: Mapped[str] = mapped_column(sa.String(64))  # the weights' fingerprint


class ThemeDiscovery(Base):
    """A request to look for new themes among one question's uncovered answers, done by
    the background worker; its candidates, with their example answers, once done."""

    __tablename__ = "theme_discoveries"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_id)
    consultation_id: Mapped[str] = mapped_column(sa.ForeignKey("consultations.id"), index=True)
    question_key: Mapped[str] = mapped_column(sa.String(60))
    # The state of the results it was asked for: a later run or staff change makes it old.
    results_version: Mapped[str] = mapped_column(sa.String(200))
    requested_at: Mapped[dt.datetime] = mapped_column(Moment)
    finished_at: Mapped[dt.datetime | None] = mapped_column(Moment)
    status: Mapped[str] = mapped_column(sa.String(20), default=RunStatus.QUEUED, index=True)
    uncovered: Mapped[int] = mapped_column(default=0)
    # [{"terms": [...], "examples": [indexes into texts], "size": n}], largest first.
    candidates: Mapped[list[Any]] = mapped_column(default=list)
    texts: Mapped[list[Any]] = mapped_column(default=list)  # the examples' redacted texts
