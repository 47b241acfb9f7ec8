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
from engagement.results import distributions as d
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


def comparison(consultation: Consultation, by: str) -> Comparison:
    """Every question's answers, group by group. Raises NotFound for an unknown ``by``."""
    labels = dict(choices(consultation))
    if by not in labels:
        raise problems.NotFound()
    infos = d.questions(consultation)
    base = d.tally(consultation.id)
    overall = d.summed(base)
    sizes = d.version_sizes(consultation, base)
    if by == AGE_BAND:
        counts = base
        options = [(v.id, v.label.get("en", v.age_band)) for v in consultation.versions]
        slot = 0
    elif by == LANGUAGE:
        counts = base
        options = [(code, _language(code)) for code in d.languages_of(base)]
        slot = 1
    elif by == MONTH:
        counts = base
        options = [(month, _month_label(month)) for month in d.months_of(base)]
        slot = 2
    else:
        counts = d.tally(consultation.id, by_key=by)
        info = d.keys(infos)[by]
        options = list(info.options)
        slot = 0

    def selector(key: str) -> d.Selector:
        chosen: list[str | None] = [None, None, None]
        chosen[slot] = key
        return (chosen[0], chosen[1], chosen[2])

    per_group = {key: d.summed(counts, selector(key)) for key, _ in options}
    total = d.respondents(overall)
    plan = safe_groups(total, [(key, d.respondents(per_group[key])) for key, _ in options])
    label_of = dict(options)
    groups = [Group(k, label_of[k], d.respondents(per_group[k])) for k in plan.shown]
    combined = [Group(k, label_of[k], d.respondents(per_group[k])) for k in plan.combined]
    compared, not_compared = [], []
    for info in infos:
        if info.key == by or (by == AGE_BAND and len(info.version_ids) < 2):
            not_compared.append(info)
            continue
        compared.append(_compared(info, overall, sizes, groups, per_group, by == AGE_BAND))
    return Comparison(by, labels[by], total, groups, combined, plan.rest, compared, not_compared)


def _language(code: str) -> str:
    language = BY_CODE.get(code)
    return language.english_name if language else code


def _compared(
    info: d.QuestionInfo,
    overall: Counter[tuple[str, str]],
    sizes: dict[str, int],
    groups: list[Group],
    per_group: dict[str, Counter[tuple[str, str]]],
    by_version: bool,
) -> ComparedQuestion:
    def sent(group: Group) -> int:
        if by_version:
            return sizes.get(group.key, 0) if group.key in info.version_ids else 0
        return group.size

    whole = d.question_distribution(info, overall, d.asked(info, sizes))
    results = [d.question_distribution(info, per_group[g.key], sent(g)) for g in groups]
    show = safe_answered(whole.answered, [r.answered for r in results])
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
    before_totals = d.summed(d.tally(previous.id))
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
