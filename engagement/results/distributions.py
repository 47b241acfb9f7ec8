"""Every question's results, from the answer counts (``answer_tallies``).

A few thousand rows are read, whatever the number of answers, and summed here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from analysis.distributions import (
    POSITIVE,
    SCALE_TONES,
    Distribution,
    Interval,
    distribution,
    share_interval,
)
from engagement import db
from engagement.consultations import catalogue
from engagement.models import AnswerTally, Consultation, Question
from engagement.models.results import ALL
from engagement.results.tallies import BREAKDOWN_KINDS
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind


@dataclass(frozen=True)
class QuestionInfo:
    """A question as the results show it: the same key in every age band is one question."""

    key: str
    number: int
    text: str
    kind: str
    options: tuple[tuple[str, str], ...]  # (key, English label)
    version_ids: tuple[str, ...]  # the age-band versions that ask it
    shown_if: str  # routing, in words; "" when everyone is asked
    show_if: dict[str, Any] | None = None

    @property
    def scale(self) -> bool:
        return self.kind == QuestionKind.SCALE

    @property
    def several(self) -> bool:
        return self.kind in QuestionKind.SEVERAL_ANSWERS

    @property
    def written(self) -> bool:
        return self.kind == QuestionKind.FREE_TEXT

    @property
    def priorities(self) -> bool:
        return self.kind == QuestionKind.PRIORITIES


def questions(consultation: Consultation) -> list[QuestionInfo]:
    """The questions of every age band, in order, each key once."""
    order: list[str] = []
    found: dict[str, Question] = {}
    versions: dict[str, list[str]] = {}
    for version in consultation.versions:
        previous = ""
        for q in version.questions:
            versions.setdefault(q.key, []).append(version.id)
            if q.key not in found:
                found[q.key] = q
                at = order.index(previous) + 1 if previous in order else len(order)
                order.insert(at, q.key)
            previous = q.key
    texts = {key: found[key].text.get("en", key) for key in order}
    return [
        QuestionInfo(
            key, number, texts[key], found[key].kind,
            tuple((c.key, c.label) for c in catalogue.choices(found[key], "en")),
            tuple(versions[key]), _routing(found[key], texts, found), found[key].show_if,
        )
        for number, key in enumerate(order, start=1)
    ]  # fmt: skip


def _routing(q: Question, texts: dict[str, str], found: dict[str, Question]) -> str:
    if not q.show_if:
        return ""
    asked = found.get(q.show_if["question"])
    labels = {c.key: c.label for c in catalogue.choices(asked, "en")} if asked else {}
    answers = " or ".join(f"\u201c{labels.get(a, a)}\u201d" for a in q.show_if["answers"])
    question = texts.get(q.show_if["question"], q.show_if["question"])
    return f"Asked only of those who answered {answers} to \u201c{question}\u201d"


# What the counts can be grouped by.
DIMENSIONS = {
    "version": AnswerTally.version_id,
    "language": AnswerTally.answered_in,
    "month": AnswerTally.month,
    "answer": AnswerTally.by_option,  # the breakdown question's answer
}
Totals = Counter[tuple[str, str]]  # by (question, answer)


def sums(
    consultation_id: str, by_key: str = ALL, dims: tuple[str, ...] = (), answered_only: bool = False
) -> Counter[tuple[str, ...]]:
    """Counts summed in the database, by ``dims`` then question and answer. With
    ``answered_only``, only how many people answered each question (and sent answers)."""
    columns = [DIMENSIONS[name] for name in dims]
    query = (
        sa.select(*columns, AnswerTally.question_key, AnswerTally.option_key,
                  sa.func.sum(AnswerTally.count))
        .where(AnswerTally.consultation_id == consultation_id, AnswerTally.by_key == by_key)
        .group_by(*columns, AnswerTally.question_key, AnswerTally.option_key)
    )  # fmt: skip
    if answered_only:
        query = query.where(AnswerTally.option_key == ALL)
    with db.read() as connection:
        return Counter({tuple(row[:-1]): int(row[-1]) for row in connection.execute(query)})


def split(counts: Counter[tuple[str, ...]]) -> dict[str, Totals]:
    """Counts by one dimension, as totals per group."""
    groups: dict[str, Totals] = {}
    for (group, question, option), count in counts.items():  # type: ignore[misc]
        groups.setdefault(group, Counter())[(question, option)] += count
    return groups


def respondents(totals: Totals) -> int:
    return totals[(ALL, ALL)]


def asked(info: QuestionInfo, by_version: dict[str, int]) -> int:
    """People who were sent the question's version (whether routing then showed it)."""
    return sum(by_version.get(version, 0) for version in info.version_ids)


def routed(consultation_id: str) -> Totals:
    """People by their answer to each question others are routed by (breakdown counts)."""
    rows = (
        sa.select(AnswerTally.by_key, AnswerTally.by_option, sa.func.sum(AnswerTally.count))
        .where(
            AnswerTally.consultation_id == consultation_id,
            AnswerTally.by_key != ALL,
            AnswerTally.question_key == ALL,
            AnswerTally.option_key == ALL,
        )
        .group_by(AnswerTally.by_key, AnswerTally.by_option)
    )
    with db.read() as connection:
        return Counter({(key, option): int(n) for key, option, n in connection.execute(rows)})


def shown_to(info: QuestionInfo, by_answer: Totals, sent: int, kinds: dict[str, str]) -> int:
    """People a routed question was shown to: those whose answer to the routing question
    sends them to it (one answer each, so no one is counted twice)."""
    if not info.show_if or kinds.get(info.show_if["question"]) not in BREAKDOWN_KINDS:
        return sent
    return sum(by_answer[(info.show_if["question"], a)] for a in info.show_if["answers"])


def question_distribution(info: QuestionInfo, totals: Totals, sent: int) -> Distribution:
    return distribution(
        info.options,
        {key: totals[(info.key, key)] for key, _ in info.options},
        respondents=sent,
        answered=totals[(info.key, ALL)],
        rather_not_say=totals[(info.key, RATHER_NOT_SAY)],
        several=info.several,
        tones=SCALE_TONES if info.scale else None,
    )


def positive_share(result: Distribution) -> Interval | None:
    """On a smiley scale: the share choosing happy or very happy, with its interval."""
    if result.small:
        return None
    positive = sum(row.count for row in result.rows if row.key in POSITIVE)
    return share_interval(positive, result.gave_answer)


@dataclass(frozen=True)
class QuestionResult:
    info: QuestionInfo
    result: Distribution
    positive: Interval | None


@dataclass(frozen=True)
class Results:
    respondents: int
    by_version: list[tuple[str, int]]  # (age band label, people)
    questions: list[QuestionResult]


def version_sizes(consultation: Consultation) -> dict[str, int]:
    counts = split(sums(consultation.id, dims=("version",), answered_only=True))
    return {v.id: respondents(counts.get(v.id, Counter())) for v in consultation.versions}


def results(consultation: Consultation) -> Results:
    """Every question's distribution, for everyone who answered."""
    totals: Totals = Counter(
        {(q, o): n for (q, o), n in sums(consultation.id).items()}  # type: ignore[misc]
    )
    sizes = version_sizes(consultation)
    by_answer = routed(consultation.id)
    infos = questions(consultation)
    kinds = {info.key: info.kind for info in infos}
    found = []
    for info in infos:
        sent = shown_to(info, by_answer, asked(info, sizes), kinds)
        result = question_distribution(info, totals, sent)
        found.append(QuestionResult(info, result, positive_share(result) if info.scale else None))
    labels = [(v.label.get("en", v.age_band), sizes[v.id]) for v in consultation.versions]
    return Results(respondents(totals), labels, found)


def keys(infos: Iterable[QuestionInfo]) -> dict[str, QuestionInfo]:
    return {info.key: info for info in infos}
