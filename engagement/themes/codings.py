"""Rows of ``answer_themes``, which carry copies of their answer's analysis
(``ANSWER_COLUMNS``) so the analysis page counts from one index. Every write goes
through these helpers, so the copies always equal the answer's own values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement.models import AnswerTheme, CodingState
from engagement.models.analysis import ANSWER_COLUMNS


def answer_values(analysis: Any) -> dict[str, Any]:
    """The copied columns, from an AnswerAnalysis, a row or a dict."""
    if isinstance(analysis, Mapping):
        return {name: analysis[name] for name in ANSWER_COLUMNS}
    mapping = getattr(analysis, "_mapping", None)
    if mapping is not None:
        return {name: mapping[name] for name in ANSWER_COLUMNS}
    return {name: getattr(analysis, name) for name in ANSWER_COLUMNS}


def coding(
    analysis: Any,
    answer_id: str,
    theme_id: str,
    source: str,
    confidence: float = 1.0,
    state: str = CodingState.SUGGESTED,
) -> dict[str, Any]:
    return {
        "answer_id": answer_id,
        "theme_id": theme_id,
        "source": source,
        "confidence": confidence,
        "state": state,
        **answer_values(analysis),
    }


def set_sentiments(s: Session, sentiments: Mapping[str, str]) -> None:
    """Copy changed sentiments (answer id -> sentiment) to the answers' codings."""
    if not sentiments:
        return
    s.connection().execute(
        sa.update(AnswerTheme.__table__)  # type: ignore[arg-type]
        .where(AnswerTheme.__table__.c.answer_id == sa.bindparam("changed_answer"))
        .values(sentiment=sa.bindparam("changed_sentiment")),
        [{"changed_answer": a, "changed_sentiment": m} for a, m in sentiments.items()],
    )
