"""One analysis run over a consultation's free-text answers, doing only what changed.

- Answers never prepared, or prepared with an older redaction list or pipeline, are
  prepared again (redacted, language, sentiment, concern) and matched to every theme.
- Themes whose phrases changed since they were last applied are matched again, over
  every answer; other themes are left alone.
- Once staff have confirmed enough codings, a classifier learns from them and
  suggests themes, with a confidence, for answers nobody has coded.
Staff decisions (confirmed or rejected codings) are never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from analysis import pipeline
from analysis.codebook import Codebook, CodebookTheme, fingerprint
from analysis.suggest import Answer as ModelAnswer
from analysis.suggest import Suggester
from engagement import db
from engagement.consultations.admin import content_languages
from engagement.models import (
    AnalysisRun,
    Answer,
    AnswerAnalysis,
    AnswerTheme,
    CodingSource,
    CodingState,
    Consultation,
    RunStatus,
    Submission,
    Theme,
    ThemeStatus,
)
from engagement.models.analysis import ANSWER_COLUMNS
from engagement.themes import discoveries
from engagement.themes import runs as analysis_runs
from engagement.themes.codings import answer_values, coding, set_sentiments
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

log = logging.getLogger(__name__)

BATCH = 2000
# "I'd rather not say" to a written question is kept as such: nothing to redact, no
# language, sentiment or theme. Staff pages show it in words (analysis_results).
DECLINED = pipeline.Prepared(
    text=RATHER_NOT_SAY, redacted_kinds=(), language="en", words=0, sentiment="not scored",
    sentiment_reason="chose \u201cI\u2019d rather not say\u201d", concern_categories=(),
)  # fmt: skip
WRITTEN = AnswerAnalysis.text != RATHER_NOT_SAY  # answers with text to learn from
_ANSWER_COLUMNS = [getattr(AnswerAnalysis, name) for name in ANSWER_COLUMNS]
MIN_CONFIRMED_ANSWERS = 30
MIN_CONFIRMED_PER_THEME = 5


def _reader() -> Session:
    """The read session, with a fresh view: the worker writes in other transactions,
    and a long-lived read transaction would not see them (SQLite snapshot)."""
    session = db.session()
    session.rollback()
    return session


@dataclass(frozen=True)
class _Scope:
    consultation_id: str
    versions: frozenset[str]
    free_text: dict[tuple[str, str], str]  # (version id, key) -> question in English
    preparer: pipeline.Preparer
    prepared_with: str


def _scope(consultation_id: str) -> _Scope:
    session = _reader()
    consultation = session.get(Consultation, consultation_id)
    if consultation is None:
        raise LookupError(consultation_id)
    free_text = {
        (version.id, question.key): question.text.get("en", "")
        for version in consultation.versions
        for question in version.questions
        if question.kind == QuestionKind.FREE_TEXT
    }
    local_names = list(consultation.partnership.local_names or [])
    return _Scope(
        consultation_id=consultation_id,
        versions=frozenset(version.id for version in consultation.versions),
        free_text=free_text,
        preparer=pipeline.Preparer(local_names, content_languages(consultation)),
        prepared_with=pipeline.fingerprint(local_names, content_languages(consultation)),
    )


def _stale_answers(scope: _Scope) -> list[tuple[Any, ...]]:
    keys = {key for _, key in scope.free_text}
    rows = _reader().execute(
        sa.select(
            Answer.id,
            Answer.question_key,
            Answer.value,
            Submission.version_id,
            Submission.locale,
            Submission.submitted_on,
        )  # fmt: skip
        .join(Submission, Submission.id == Answer.submission_id)
        .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
        .where(
            Submission.version_id.in_(scope.versions),
            Answer.question_key.in_(keys),
            sa.or_(
                AnswerAnalysis.answer_id.is_(None),
                AnswerAnalysis.prepared_with != scope.prepared_with,
                # Declined, but analysed as if written (before DECLINED): once more.
                sa.and_(AnswerAnalysis.text == RATHER_NOT_SAY, AnswerAnalysis.words != 0),
            ),
        )
    )
    return [
        tuple(row)
        for row in rows
        if (row.version_id, row.question_key) in scope.free_text
        and isinstance(row.value, str)
        and row.value.strip()
    ]


def _codebook(themes: Sequence[Theme]) -> Codebook:
    return Codebook([CodebookTheme(t.id, t.keywords) for t in themes])


def _chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _prepare(scope: _Scope, rows: list[tuple[Any, ...]], run_id: str, total: int) -> None:
    # Changed themes are matched over every answer afterwards; here only the rest.
    codebook = _codebook([t for t in _active_themes(scope.consultation_id) if not _changed(t)])
    done = 0
    for batch in _chunks(rows, BATCH):
        analyses, codings = [], []
        for answer_id, key, value, version_id, locale, submitted_on in batch:
            question = scope.free_text[(version_id, key)]
            if value == RATHER_NOT_SAY:
                prepared = DECLINED
            else:
                prepared = scope.preparer.prepare(value, question, locale)
            analyses.append(
                {
                    "answer_id": answer_id,
                    "consultation_id": scope.consultation_id,
                    "question_key": key,
                    "version_id": version_id,
                    "answered_in": locale,
                    "submitted_on": submitted_on,
                    "text": prepared.text,
                    "redacted_kinds": list(prepared.redacted_kinds),
                    "language": prepared.language,
                    "words": prepared.words,
                    "sentiment": prepared.sentiment,
                    "sentiment_reason": prepared.sentiment_reason[:200],
                    "sentiment_source": "rules",
                    "concern": bool(prepared.concern_categories),
                    "concern_categories": list(prepared.concern_categories),
                    "prepared_with": scope.prepared_with,
                    "original_removed": False,
                }  # fmt: skip
            )
            for theme_id in (
                () if prepared is DECLINED else codebook.match(prepared.text, prepared.language)
            ):
                codings.append(coding(analyses[-1], answer_id, theme_id, CodingSource.KEYWORD))
        ids = [row["answer_id"] for row in analyses]
        with db.transaction() as s:
            kept = _staff_decisions(s, ids)
            set_by_staff = dict(
                s.execute(
                    sa.select(AnswerAnalysis.answer_id, AnswerAnalysis.sentiment).where(
                        AnswerAnalysis.answer_id.in_(ids),
                        AnswerAnalysis.sentiment_source == "staff",
                    )
                ).all()
            )
            for row in analyses:
                if row["answer_id"] in set_by_staff:
                    row.update(
                        sentiment=set_by_staff[row["answer_id"]],
                        sentiment_source="staff",
                        sentiment_reason="set by staff",
                    )
            s.execute(sa.delete(AnswerTheme).where(AnswerTheme.answer_id.in_(ids)))
            s.execute(sa.delete(AnswerAnalysis).where(AnswerAnalysis.answer_id.in_(ids)))
            s.execute(sa.insert(AnswerAnalysis), analyses)
            # Codings carry the answer's final values (a staff-set sentiment included).
            by_id = {row["answer_id"]: row for row in analyses}
            codings = [
                {**c, **answer_values(by_id[c["answer_id"]])}
                for c in codings
                if (c["answer_id"], c["theme_id"]) not in kept
            ]
            if kept:
                s.execute(
                    sa.insert(AnswerTheme),
                    [{**row, **answer_values(by_id[row["answer_id"]])} for row in kept.values()],
                )
            if codings:
                s.execute(sa.insert(AnswerTheme), codings)
        done += len(batch)
        analysis_runs.progress(run_id, done, total)


def _staff_decisions(s: Any, answer_ids: Sequence[str]) -> dict[tuple[str, str], dict[str, Any]]:
    rows = s.execute(
        sa.select(AnswerTheme).where(
            AnswerTheme.answer_id.in_(answer_ids), AnswerTheme.state != CodingState.SUGGESTED
        )
    ).scalars()
    return {
        (r.answer_id, r.theme_id): {
            "answer_id": r.answer_id,
            "theme_id": r.theme_id,
            "source": r.source,
            "confidence": r.confidence,
            "state": r.state,
        }  # fmt: skip
        for r in rows
    }


def _active_themes(consultation_id: str) -> list[Theme]:
    return list(
        _reader().scalars(
            sa.select(Theme).where(
                Theme.consultation_id == consultation_id, Theme.status == ThemeStatus.ACTIVE
            )
        )
    )


def _changed(theme: Theme) -> bool:
    return theme.matched_fingerprint != fingerprint(theme.keywords)


def _rematch_changed_themes(scope: _Scope) -> list[str]:
    """Match again every theme whose phrases changed; the names of those themes."""
    changed = [t for t in _active_themes(scope.consultation_id) if _changed(t)]
    if not changed:
        return []
    codebook = _codebook(changed)
    changed_ids = [t.id for t in changed]
    texts = _reader().execute(
        sa.select(
            AnswerAnalysis.answer_id, AnswerAnalysis.text, AnswerAnalysis.language,
            *_ANSWER_COLUMNS,
        ).where(AnswerAnalysis.consultation_id == scope.consultation_id, WRITTEN)
    )  # fmt: skip
    found = [
        coding(row, row.answer_id, theme_id, CodingSource.KEYWORD)
        for row in texts
        for theme_id in codebook.match(row.text, row.language)
    ]
    with db.transaction() as s:
        decided = {
            (a, t)
            for a, t in s.execute(
                sa.select(AnswerTheme.answer_id, AnswerTheme.theme_id).where(
                    AnswerTheme.theme_id.in_(changed_ids),
                    AnswerTheme.state != CodingState.SUGGESTED,
                )
            )
        }
        s.execute(
            sa.delete(AnswerTheme).where(
                AnswerTheme.theme_id.in_(changed_ids),
                AnswerTheme.state == CodingState.SUGGESTED,
            )
        )
        rows = [c for c in found if (c["answer_id"], c["theme_id"]) not in decided]
        for batch in _chunks(rows, BATCH):
            s.execute(sa.insert(AnswerTheme), list(batch))
    return [t.name for t in changed]


def _mark_themes_applied(consultation_id: str) -> None:
    with db.transaction() as s:
        for theme in s.scalars(
            sa.select(Theme).where(
                Theme.consultation_id == consultation_id, Theme.status == ThemeStatus.ACTIVE
            )
        ):
            theme.matched_fingerprint = fingerprint(theme.keywords)


def _confirmed(consultation_id: str) -> dict[str, list[str]]:
    rows = _reader().execute(
        sa.select(AnswerTheme.answer_id, AnswerTheme.theme_id)
        .join(AnswerAnalysis, AnswerAnalysis.answer_id == AnswerTheme.answer_id)
        .where(
            AnswerAnalysis.consultation_id == consultation_id,
            AnswerTheme.state == CodingState.CONFIRMED,
        )
    )
    coded: dict[str, list[str]] = {}
    for answer_id, theme_id in rows:
        coded.setdefault(answer_id, []).append(theme_id)
    return coded


def _model_suggestions(scope: _Scope, previous: str | None, fresh: bool) -> dict[str, Any]:
    """Train on staff-confirmed codings and suggest for answers nobody has decided on."""
    coded = _confirmed(scope.consultation_id)
    per_theme: dict[str, int] = {}
    for themes in coded.values():
        for theme_id in themes:
            per_theme[theme_id] = per_theme.get(theme_id, 0) + 1
    usable = {t for t, n in per_theme.items() if n >= MIN_CONFIRMED_PER_THEME}
    if len(coded) < MIN_CONFIRMED_ANSWERS or not usable:
        return {"model": "not enough confirmed codings yet", "model_fingerprint": None}
    key = hashlib.sha256(json.dumps(sorted(coded.items())).encode()).hexdigest()
    if key == previous and not fresh:
        return {"model": "unchanged", "model_fingerprint": key}
    rows = (
        _reader()
        .execute(
            sa.select(AnswerAnalysis.answer_id, AnswerAnalysis.text, *_ANSWER_COLUMNS).where(
                AnswerAnalysis.consultation_id == scope.consultation_id, WRITTEN
            )
        )
        .all()
    )
    decided = {
        a
        for (a,) in _reader().execute(
            sa.select(AnswerTheme.answer_id)
            .join(AnswerAnalysis, AnswerAnalysis.answer_id == AnswerTheme.answer_id)
            .where(
                AnswerAnalysis.consultation_id == scope.consultation_id,
                AnswerTheme.state != CodingState.SUGGESTED,
            )
        )
    }
    train = [r for r in rows if r.answer_id in coded]
    model = Suggester().fit(
        [ModelAnswer(r.question_key, r.text) for r in train],
        [[t for t in coded[r.answer_id] if t in usable] for r in train],
        [r.sentiment for r in train],
    )
    targets = [r for r in rows if r.answer_id not in decided]
    suggestions: list[dict[str, Any]] = []
    for batch in _chunks(targets, BATCH):
        found = model.suggest([ModelAnswer(r.question_key, r.text) for r in batch])
        for row, suggestion in zip(batch, found, strict=True):
            suggestions.extend(
                coding(row, row.answer_id, theme_id, CodingSource.MODEL, round(confidence, 3))
                for theme_id, confidence in suggestion.themes
            )
    with db.transaction() as s:
        s.execute(
            sa.delete(AnswerTheme).where(
                AnswerTheme.source == CodingSource.MODEL,
                AnswerTheme.state == CodingState.SUGGESTED,
                AnswerTheme.answer_id.in_(
                    sa.select(AnswerAnalysis.answer_id).where(
                        AnswerAnalysis.consultation_id == scope.consultation_id
                    )
                ),
            )
        )
        existing = {
            (a, t)
            for a, t in s.execute(
                sa.select(AnswerTheme.answer_id, AnswerTheme.theme_id)
                .join(AnswerAnalysis, AnswerAnalysis.answer_id == AnswerTheme.answer_id)
                .where(AnswerAnalysis.consultation_id == scope.consultation_id)
            )
        }
        new = [c for c in suggestions if (c["answer_id"], c["theme_id"]) not in existing]
        for batch in _chunks(new, BATCH):
            s.execute(sa.insert(AnswerTheme), list(batch))
    return {
        "model": f"trained on {len(train)} confirmed answers",
        "model_fingerprint": key,
        "model_suggestions": len(new),
    }


def _model_sentiment(scope: _Scope) -> dict[str, Any]:
    """Once staff have set enough sentiments, learn from them and rescore the rest
    (only in languages staff have labelled: others keep "not scored")."""
    where = AnswerAnalysis.consultation_id == scope.consultation_id
    labelled = _reader().execute(
        sa.select(
            AnswerAnalysis.question_key, AnswerAnalysis.text, AnswerAnalysis.sentiment,
            AnswerAnalysis.language,
        ).where(where, AnswerAnalysis.sentiment_source == "staff")
    ).all()  # fmt: skip
    if len(labelled) < MIN_CONFIRMED_ANSWERS or len({r.sentiment for r in labelled}) < 2:
        return {"sentiment_model": "not enough staff-set sentiments yet"}
    model = Suggester().fit(
        [ModelAnswer(r.question_key, r.text) for r in labelled],
        [[] for _ in labelled],
        [r.sentiment for r in labelled],
    )
    languages = {r.language for r in labelled}
    targets = (
        _reader()
        .execute(
            sa.select(AnswerAnalysis.answer_id, AnswerAnalysis.question_key, AnswerAnalysis.text)
            .where(where, AnswerAnalysis.sentiment_source != "staff", WRITTEN)
            .where(AnswerAnalysis.language.in_(languages))
        )
        .all()
    )
    with db.transaction() as s:
        for batch in _chunks(targets, BATCH):
            found = model.suggest([ModelAnswer(r.question_key, r.text) for r in batch])
            set_sentiments(
                s, {row.answer_id: guess.sentiment for row, guess in zip(batch, found, strict=True)}
            )
            s.execute(
                sa.update(AnswerAnalysis),
                [
                    {
                        "answer_id": row.answer_id,
                        "sentiment": guess.sentiment,
                        "sentiment_source": "model",
                        "sentiment_reason": f"learned from {len(labelled)} staff labels "
                        f"({guess.sentiment_confidence:.0%} sure)",
                    }  # fmt: skip
                    for row, guess in zip(batch, found, strict=True)
                ],
            )
    return {"sentiment_model": f"trained on {len(labelled)} staff-set sentiments"}


def _previous_model(consultation_id: str, run_id: str) -> str | None:
    detail = _reader().scalar(
        sa.select(AnalysisRun.detail)
        .where(
            AnalysisRun.consultation_id == consultation_id,
            AnalysisRun.status == RunStatus.DONE,
            AnalysisRun.id != run_id,
        )
        .order_by(AnalysisRun.finished_at.desc())
        .limit(1)
    )
    return (detail or {}).get("model_fingerprint")


def analyse(consultation_id: str, run_id: str) -> dict[str, Any]:
    """Bring the consultation's stored results up to date; what was done."""
    scope = _scope(consultation_id)
    stale = _stale_answers(scope)
    analysis_runs.progress(run_id, 0, len(stale))
    _prepare(scope, stale, run_id, len(stale))
    rematched = _rematch_changed_themes(scope)
    _mark_themes_applied(consultation_id)
    model = _model_suggestions(scope, _previous_model(consultation_id, run_id), bool(stale))
    mood = _model_sentiment(scope)
    return {"prepared": len(stale), "themes_rematched": rematched, **model, **mood}


def process_pending() -> int:
    """Do every queued run, then every queued theme discovery; the number done. Called by
    the worker, and by tests."""
    count = 0
    while (run := analysis_runs.claim_next()) is not None:
        try:
            detail = analyse(run.consultation_id, run.id)
        except Exception as error:  # the run fails visibly; the worker carries on
            log.exception("analysis run failed")
            analysis_runs.finish(run.id, {}, error=f"{type(error).__name__}: the analysis stopped")
        else:
            analysis_runs.finish(run.id, detail)
            db.refresh_statistics(("answer_analyses", "answer_themes"))
        count += 1
    return count + discoveries.process_pending()
