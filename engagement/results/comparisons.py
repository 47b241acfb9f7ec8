"""Comparing groups of people: by age band, language, month or their answer to a question,
and this round with the last.

Each comparison splits everyone by one thing. Groups of fewer than 5 people, and any
group whose absence would let the total single out 1-4 people, are counted together
and not shown (``analysis.distributions.safe_groups``); the same rule applies to the
people who answered each question.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from analysis.counts import THRESHOLD, is_small
from analysis.distributions import (
    Distribution,
    Interval,
    Verdict,
    compare_distributions,
    safe_answered,
    safe_groups,
)
from engagement import problems
from engagement.i18n import BY_CODE
from engagement.models import Consultation
from engagement.models.results import ALL
from engagement.results import distributions as d
from engagement.results.distributions import Totals
from engagement.results.tallies import BREAKDOWN_KINDS

AGE_BAND, LANGUAGE, MONTH = "age_band", "language", "month"


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    size: int


@dataclass(frozen=True)
class ComparedQuestion:
    info: d.QuestionInfo
    overall: Distribution
    groups: list[tuple[Group, Distribution | None]]  # None: withheld (too few)
    positive: list[Interval | None]
    verdict: Verdict


@dataclass(frozen=True)
class Comparison:
    by: str
    by_label: str
    total: int
    groups: list[Group]  # shown
    combined: list[Group]  # counted only with the rest
    rest: int  # people in no shown group (0 or at least 5)
    questions: list[ComparedQuestion]
    not_compared: list[d.QuestionInfo]  # asked in one age band only, or the breakdown itself


def choices(consultation: Consultation) -> list[tuple[str, str]]:
    """What the results can be compared by: (value for the form, label)."""
    found = [(AGE_BAND, "Age band"), (LANGUAGE, "Language"), (MONTH, "Month")]
    found += [
        (info.key, f"Answer to \u201c{info.text}\u201d")
        for info in d.questions(consultation)
        if info.kind in BREAKDOWN_KINDS
    ]
    return found


def _month_label(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


# The comparisons made from where and when people answered; each is checked against
# the others, and every breakdown by an answer against all three.
PLACES = {AGE_BAND: "version", LANGUAGE: "language", MONTH: "month"}


def _options(
    consultation: Consultation, by: str, groups: dict[str, Totals]
) -> list[tuple[str, str]]:
    if by == AGE_BAND:
        return [(v.id, v.label.get("en", v.age_band)) for v in consultation.versions]
    if by == LANGUAGE:
        return [(code, _language(code)) for code in sorted(groups)]
    if by == MONTH:
        return [(month, _month_label(month)) for month in sorted(groups)]
    return list(d.keys(d.questions(consultation))[by].options)


def comparison(consultation: Consultation, by: str) -> Comparison:
    """Every question's answers, group by group. Raises NotFound for an unknown ``by``."""
    labels = dict(choices(consultation))
    if by not in labels:
        raise problems.NotFound()
    infos = d.questions(consultation)
    overall: Totals = Counter(
        {(q, o): n for (q, o), n in d.sums(consultation.id).items()}  # type: ignore[misc]
    )
    sizes = d.version_sizes(consultation)
    by_key, dim = (ALL, PLACES[by]) if by in PLACES else (by, "answer")
    per_group = d.split(d.sums(consultation.id, by_key, (dim,)))
    options = _options(consultation, by, per_group)
    empty: Totals = Counter()
    per_group = {key: per_group.get(key, empty) for key, _ in options}
    total = d.respondents(overall)
    nested = _nested(consultation.id, by_key, dim, per_group)
    plan = safe_groups(
        total,
        [(key, 0 if key in nested.groups else d.respondents(per_group[key])) for key, _ in options],
    )
    combined_keys = [*plan.combined, *(key for key, _ in options if key in nested.groups)]
    label_of = dict(options)
    groups = [Group(k, label_of[k], d.respondents(per_group[k])) for k in plan.shown]
    combined = [
        Group(k, label_of[k], d.respondents(per_group[k]))
        for k, _ in options
        if k in combined_keys and d.respondents(per_group[k])
    ]
    rest = total - sum(group.size for group in groups)
    compared, not_compared = [], []
    for info in infos:
        if info.key == by or (by == AGE_BAND and len(info.version_ids) < 2):
            not_compared.append(info)
            continue
        withheld = {g for g, q in nested.questions if q == info.key}
        compared.append(
            _compared(info, overall, sizes, groups, per_group, by == AGE_BAND, withheld)
        )
    return Comparison(by, labels[by], total, groups, combined, rest, compared, not_compared)


@dataclass(frozen=True)
class Nested:
    groups: set[str]  # groups withheld
    questions: set[tuple[str, str]]  # (group, question) withheld


def _nested(consultation_id: str, by_key: str, dim: str, per_group: dict[str, Totals]) -> Nested:
    """Groups (and questions in groups) to withhold because another comparison shows a
    group inside them, or around them, that differs from them by 1-4 people: the two
    side by side would single those people out."""
    groups: set[str] = set()
    questions: set[tuple[str, str]] = set()
    for other in PLACES.values():
        if other == dim:
            continue
        theirs = d.split(d.sums(consultation_id, dims=(other,), answered_only=True))
        both = d.sums(consultation_id, by_key, (dim, other), answered_only=True)
        for g, mine in per_group.items():
            size = d.respondents(mine)
            if size == 0:
                continue
            for h, their in theirs.items():
                their_size = d.respondents(their)
                if their_size < THRESHOLD:
                    continue  # never shown
                shared = both[(g, h, ALL, ALL)]
                if shared not in (size, their_size):
                    continue  # neither is inside the other
                if is_small(abs(size - their_size)):
                    groups.add(g)
                    continue
                for (question, option), answered in mine.items():
                    if option == ALL and question != ALL:
                        if is_small(abs(answered - their[(question, ALL)])):
                            questions.add((g, question))
    return Nested(groups, questions)


def _language(code: str) -> str:
    language = BY_CODE.get(code)
    return language.english_name if language else code


def _compared(
    info: d.QuestionInfo,
    overall: Totals,
    sizes: dict[str, int],
    groups: list[Group],
    per_group: dict[str, Totals],
    by_version: bool,
    withheld: set[str],
) -> ComparedQuestion:
    def sent(group: Group) -> int:
        if by_version:
            return sizes.get(group.key, 0) if group.key in info.version_ids else 0
        return group.size

    whole = d.question_distribution(info, overall, d.asked(info, sizes))
    results = [d.question_distribution(info, per_group[g.key], sent(g)) for g in groups]
    show = safe_answered(
        whole.answered,
        [0 if g.key in withheld else r.answered for g, r in zip(groups, results, strict=True)],
    )
    show = [ok and g.key not in withheld for g, ok in zip(groups, show, strict=True)]
    shown = [r if ok else None for r, ok in zip(results, show, strict=True)]
    positive = [d.positive_share(r) if r is not None and info.scale else None for r in shown]
    return ComparedQuestion(
        info,
        whole,
        list(zip(groups, shown, strict=True)),
        positive,
        compare_distributions([r for r in shown if r is not None]),
    )


# Rounds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundQuestion:
    info: d.QuestionInfo
    now: Distribution
    before: Distribution
    positive: tuple[Interval | None, Interval | None]
    verdict: Verdict


@dataclass(frozen=True)
class Rounds:
    previous: Consultation
    now_respondents: int
    before_respondents: int
    questions: list[RoundQuestion]
    only_now: list[d.QuestionInfo]


def rounds(consultation: Consultation, previous: Consultation) -> Rounds:
    """This round and the last, question by question, matched by their shared key."""
    now, before = d.results(consultation), d.results(previous)
    earlier = {q.info.key: q for q in before.questions}
    before_totals: Totals = Counter(
        {(q, o): n for (q, o), n in d.sums(previous.id).items()}  # type: ignore[misc]
    )
    matched, only_now = [], []
    for q in now.questions:
        last = earlier.get(q.info.key)
        if last is None or last.info.kind != q.info.kind:
            only_now.append(q.info)
            continue
        # Last round's answers counted against this round's answers, in this round's order.
        was = d.question_distribution(q.info, before_totals, last.result.respondents)
        positive = d.positive_share(was) if q.info.scale else None
        matched.append(
            RoundQuestion(
                q.info, q.result, was, (q.positive, positive),
                compare_distributions([q.result, was]),
            )
        )  # fmt: skip
    return Rounds(previous, now.respondents, before.respondents, matched, only_now)
