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

# A tally row's place: version, language, month; and what it counts: question, answer.
Cell = tuple[str, str, str]
Counts = Counter[tuple[Cell, str, str]]


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


def tally(consultation_id: str, by_key: str = ALL) -> Counts:
    """The counts, by place, question and answer; for a breakdown (``by_key``), by the
    breakdown's answer in place of the place's version."""
    t = AnswerTally
    rows = sa.select(
        t.version_id, t.answered_in, t.month, t.by_option, t.question_key, t.option_key, t.count
    ).where(t.consultation_id == consultation_id, t.by_key == by_key)
    counts: Counts = Counter()
    with db.read() as connection:
        for version, language, month, by_option, question, option, count in connection.execute(
            rows
        ):
            place = (by_option, "", "") if by_key else (version, language, month)
            counts[(place, question, option)] += int(count)
    return counts


Selector = tuple[str | None, str | None, str | None]  # version, language, month (None: any)


def _matches(place: Cell, selector: Selector) -> bool:
    return all(want is None or want == got for want, got in zip(selector, place, strict=True))


def summed(counts: Counts, selector: Selector = (None, None, None)) -> Counter[tuple[str, str]]:
    """Counts by (question, answer) of the places the selector matches."""
    total: Counter[tuple[str, str]] = Counter()
    for (place, question, option), count in counts.items():
        if _matches(place, selector):
            total[(question, option)] += count
    return total


def respondents(totals: Counter[tuple[str, str]]) -> int:
    return totals[(ALL, ALL)]


def asked(info: QuestionInfo, by_version: dict[str, int]) -> int:
    """People who were sent the question's version (whether routing then showed it)."""
    return sum(by_version.get(version, 0) for version in info.version_ids)


def routed(consultation_id: str) -> Counter[tuple[str, str]]:
    """People by their answer to each question others are routed by (breakdown counts)."""
    rows = sa.select(AnswerTally.by_key, AnswerTally.by_option, AnswerTally.count).where(
        AnswerTally.consultation_id == consultation_id,
        AnswerTally.by_key != ALL,
        AnswerTally.question_key == ALL,
        AnswerTally.option_key == ALL,
    )
    with db.read() as connection:
        return Counter({(key, option): int(n) for key, option, n in connection.execute(rows)})


def shown_to(
    info: QuestionInfo, by_answer: Counter[tuple[str, str]], sent: int, kinds: dict[str, str]
) -> int:
    """People a routed question was shown to: those whose answer to the routing question
    sends them to it (one answer each, so no one is counted twice)."""
    if not info.show_if or kinds.get(info.show_if["question"]) not in BREAKDOWN_KINDS:
        return sent
    return sum(by_answer[(info.show_if["question"], a)] for a in info.show_if["answers"])


def question_distribution(
    info: QuestionInfo, totals: Counter[tuple[str, str]], sent: int
) -> Distribution:
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


def version_sizes(consultation: Consultation, counts: Counts) -> dict[str, int]:
    sizes: Counter[str] = Counter()
    for (place, question, option), count in counts.items():
        if question == ALL and option == ALL:
            sizes[place[0]] += count
    return {version.id: sizes[version.id] for version in consultation.versions}


def results(consultation: Consultation, counts: Counts | None = None) -> Results:
    """Every question's distribution, for everyone who answered."""
    counts = tally(consultation.id) if counts is None else counts
    totals = summed(counts)
    sizes = version_sizes(consultation, counts)
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


def months_of(counts: Counts) -> list[str]:
    return sorted({place[2] for (place, _q, _o) in counts})


def languages_of(counts: Counts) -> list[str]:
    return sorted({place[1] for (place, _q, _o) in counts})


def keys(infos: Iterable[QuestionInfo]) -> dict[str, QuestionInfo]:
    return {info.key: info for info in infos}
