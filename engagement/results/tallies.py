"""Keeping the answer counts (``answer_tallies``) as answers arrive, and rebuilding them.

A submission adds one to each row it belongs to, in the same transaction as its
answers, so the counts can never disagree with what was stored. ``rebuild`` recounts a
consultation from its answers (after a migration, or to check the counts).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from engagement.models import Answer, AnswerTally, Consultation, ConsultationVersion, Submission
from engagement.models.results import ALL
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

tallies: sa.Table = AnswerTally.__table__  # type: ignore[assignment]
KEY_COLUMNS = (
    "consultation_id", "by_key", "by_option", "question_key", "option_key",
    "version_id", "answered_in", "month",
)  # fmt: skip
# Questions whose answer splits people into groups another question can be broken down by.
BREAKDOWN_KINDS = QuestionKind.ONE_ANSWER
TallyKey = tuple[str, str, str, str]  # by_key, by_option, question_key, option_key


def _chosen(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(option) for option in value]
    return [str(value)]


def counted(kinds: Mapping[str, str], answers: Mapping[str, Any]) -> Counter[TallyKey]:
    """The rows one submission adds one to. ``kinds`` maps each question key of its
    version to the question's kind; ``answers`` holds only the answers stored."""
    own: list[tuple[str, str]] = [(ALL, ALL)]
    for key, value in answers.items():
        if key not in kinds or value in (None, "", []):
            continue
        own.append((key, ALL))
        if kinds[key] == QuestionKind.FREE_TEXT:
            if value == RATHER_NOT_SAY:
                own.append((key, "rather_not_say"))
            continue
        own += [(key, option) for option in dict.fromkeys(_chosen(value))]
    found: Counter[TallyKey] = Counter((ALL, ALL, q, o) for q, o in own)
    for by_key, value in answers.items():
        if kinds.get(by_key) in BREAKDOWN_KINDS and isinstance(value, str) and value:
            found.update((by_key, value, q, o) for q, o in own if q != by_key)
    return found


def _rows(
    consultation_id: str, version_id: str, locale: str, month: str, found: Counter[TallyKey]
) -> list[dict[str, Any]]:
    rows = [
        {"consultation_id": consultation_id, "by_key": by_key, "by_option": by_option,
         "question_key": question_key, "option_key": option_key, "version_id": version_id,
         "answered_in": locale, "month": month, "count": count}
        for (by_key, by_option, question_key, option_key), count in found.items()
    ]  # fmt: skip
    # One order everywhere, so two submissions never wait for each other's rows (deadlock).
    return sorted(rows, key=lambda row: tuple(row[name] for name in KEY_COLUMNS))


def add(s: Session, rows: list[dict[str, Any]]) -> None:
    """Add ``rows``' counts to the tallies (an insert, or an addition where a row exists)."""
    if not rows:
        return
    dialect = s.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(tallies)
    statement = insert.on_conflict_do_update(
        index_elements=list(KEY_COLUMNS),
        set_={"count": tallies.c.count + insert.excluded.count},
    )
    for start in range(0, len(rows), 2000):
        s.execute(statement, rows[start : start + 2000])


def count_submission(
    s: Session,
    version: ConsultationVersion,
    locale: str,
    submitted_on: dt.date,
    answers: Mapping[str, Any],
) -> None:
    """Count one stored submission, in the transaction that stores it."""
    kinds = {q.key: q.kind for q in version.questions}
    found = counted(kinds, answers)
    month = submitted_on.strftime("%Y-%m")
    add(s, _rows(version.consultation_id, version.id, locale, month, found))


def count_submissions(
    s: Session, consultation_id: str, kinds_by_version: Mapping[str, Mapping[str, str]],
    submissions: Iterable[tuple[str, str, dt.date, Mapping[str, Any]]],
) -> None:  # fmt: skip
    """Count many submissions (version id, locale, day, answers) in one go."""
    totals: Counter[tuple[str, str, str, TallyKey]] = Counter()
    for version_id, locale, day, answers in submissions:
        month = day.strftime("%Y-%m")
        for key, count in counted(kinds_by_version[version_id], answers).items():
            totals[(version_id, locale, month, key)] += count
    grouped: dict[tuple[str, str, str], Counter[TallyKey]] = {}
    for (version_id, locale, month, key), count in totals.items():
        grouped.setdefault((version_id, locale, month), Counter())[key] += count
    rows = [
        row
        for (version_id, locale, month), found in grouped.items()
        for row in _rows(consultation_id, version_id, locale, month, found)
    ]
    add(s, sorted(rows, key=lambda row: tuple(row[name] for name in KEY_COLUMNS)))


def rebuild(s: Session, consultation: Consultation) -> None:
    """Recount a consultation from its stored answers."""
    s.execute(sa.delete(tallies).where(tallies.c.consultation_id == consultation.id))
    kinds = {v.id: {q.key: q.kind for q in v.questions} for v in consultation.versions}
    if not kinds:
        return
    answers: dict[str, dict[str, Any]] = {}
    for submission_id, key, value in s.execute(
        sa.select(Answer.submission_id, Answer.question_key, Answer.value)
        .join(Submission, Submission.id == Answer.submission_id)
        .where(Submission.version_id.in_(kinds))
    ):
        answers.setdefault(submission_id, {})[key] = value
    submissions = [
        (version_id, locale, day, answers.get(submission_id, {}))
        for submission_id, version_id, locale, day in s.execute(
            sa.select(
                Submission.id, Submission.version_id, Submission.locale, Submission.submitted_on
            ).where(Submission.version_id.in_(kinds))
        )
    ]
    count_submissions(s, consultation.id, kinds, submissions)


def rebuild_missing(s: Session) -> int:
    """Count every consultation that has submissions but no counts yet; how many."""
    counted_ids = sa.select(tallies.c.consultation_id).distinct()
    with_answers = (
        sa.select(ConsultationVersion.consultation_id)
        .join(Submission, Submission.version_id == ConsultationVersion.id)
        .distinct()
    )
    missing = s.scalars(
        sa.select(Consultation).where(
            Consultation.id.in_(with_answers), Consultation.id.not_in(counted_ids)
        )
    ).all()
    for consultation in missing:
        rebuild(s, consultation)
    return len(missing)
