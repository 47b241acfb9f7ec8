"""What people answered to a closed question, and whether groups answered differently.

Pure: counts in, numbers and plain-English verdicts out. Percentages are of the people
who gave an answer (not counting "rather not say", shown on its own). In a question
where people may choose several answers, each share is of the people who answered,
so the shares add up to more than 100%.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.counts import THRESHOLD, is_small

CONFIDENCE = 0.95
SIGNIFICANCE = 0.05
# A chi-squared test needs every expected count to be at least this.
MIN_EXPECTED = 5


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    share: float  # of the people who gave an answer, 0 to 1
    tone: str = ""  # "negative", "neutral" or "positive" on a scale

    @property
    def small(self) -> bool:
        return is_small(self.count)


@dataclass(frozen=True)
class Distribution:
    """One question's answers from one group of people."""

    respondents: int  # people in the group who were sent the question's version
    answered: int  # people who answered it, "rather not say" included
    rather_not_say: int
    rows: tuple[Row, ...]
    several: bool = False  # people could choose more than one answer

    @property
    def gave_answer(self) -> int:
        return self.answered - self.rather_not_say

    @property
    def not_answered(self) -> int:
        return max(self.respondents - self.answered, 0)

    @property
    def small(self) -> bool:
        """Too few people answered for their answers to be shown."""
        return self.answered < THRESHOLD

    def share_of(self, keys: Sequence[str]) -> float | None:
        if self.gave_answer == 0:
            return None
        return sum(row.count for row in self.rows if row.key in keys) / self.gave_answer

    def ranked(self) -> tuple[Row, ...]:
        """Most chosen first (priorities)."""
        return tuple(sorted(self.rows, key=lambda row: (-row.count, row.label)))


def distribution(
    options: Sequence[tuple[str, str]],
    counts: Mapping[str, int],
    respondents: int,
    answered: int,
    rather_not_say: int = 0,
    several: bool = False,
    tones: Mapping[str, str] | None = None,
) -> Distribution:
    """``options`` are (key, label) in the question's order; ``counts`` by option key."""
    base = answered - rather_not_say
    rows = tuple(
        Row(key, label, counts.get(key, 0), counts.get(key, 0) / base if base else 0.0,
            (tones or {}).get(key, ""))
        for key, label in options
    )  # fmt: skip
    return Distribution(respondents, answered, rather_not_say, rows, several)


# Scales ---------------------------------------------------------------------------

SCALE_TONES = {"1": "negative", "2": "negative", "3": "neutral", "4": "positive", "5": "positive"}
POSITIVE = ("4", "5")


@dataclass(frozen=True)
class Interval:
    share: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{pct(self.share)} (95% CI {pct(self.low)} to {pct(self.high)})"


def pct(share: float) -> str:
    return f"{round(100 * share)}%"


def share_interval(part: int, whole: int) -> Interval | None:
    """A share with its 95% Wilson interval; None when ``whole`` is too small to tell."""
    if whole < THRESHOLD:
        return None
    from scipy import stats  # imported here: SciPy takes a third of a worker's start

    ci = stats.binomtest(part, whole).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    return Interval(part / whole, float(ci.low), float(ci.high))


# Comparing groups -------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether groups answered differently, in words a board paper can quote."""

    differs: bool | None  # None: too few answers to tell
    p_value: float | None
    test: str
    words: str


TOO_FEW = "Too few answers to tell whether the groups differ."


def compare(table: Sequence[Sequence[int]]) -> Verdict:
    """Do the groups (rows) answer differently across the answers (columns)?

    A chi-squared test of independence; for a 2 x 2 table with small expected counts,
    Fisher's exact test. Columns nobody chose are left out. Says so plainly when there
    are too few answers for either test to be trusted."""
    rows = [list(row) for row in table if sum(row) > 0]
    columns = [i for i in range(len(rows[0]) if rows else 0) if any(row[i] for row in rows)]
    rows = [[row[i] for i in columns] for row in rows]
    if len(rows) < 2 or len(columns) < 2:
        return Verdict(None, None, "", TOO_FEW)
    if any(sum(row) < THRESHOLD for row in rows):
        return Verdict(None, None, "", TOO_FEW)
    from scipy import stats  # imported here: SciPy takes a third of a worker's start

    result = stats.chi2_contingency(rows, correction=True)
    expected = result.expected_freq
    if (expected < MIN_EXPECTED).any():
        if len(rows) == 2 and len(columns) == 2:
            p = float(stats.fisher_exact(rows).pvalue)
            return _verdict(p, "Fisher's exact test")
        return Verdict(None, None, "", TOO_FEW)
    return _verdict(float(result.pvalue), "chi-squared test")


def _verdict(p: float, test: str) -> Verdict:
    if math.isnan(p):
        return Verdict(None, None, test, TOO_FEW)
    if p < SIGNIFICANCE:
        words = f"The groups answered differently ({_p(p)}, {test})."
        return Verdict(True, p, test, words)
    words = f"No clear difference between the groups ({_p(p)}, {test})."
    return Verdict(False, p, test, words)


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def compare_distributions(groups: Sequence[Distribution]) -> Verdict:
    """Compare one question's answers between groups.

    One answer each: the groups' counts of every answer. Several answers each: for
    every answer, chose it or not, with a Bonferroni correction across the answers."""
    shown = [g for g in groups if not g.small]
    if len(shown) < 2:
        return Verdict(None, None, "", TOO_FEW)
    if not shown[0].several:
        return compare([[row.count for row in g.rows] for g in shown])
    verdicts = [
        compare([[g.rows[i].count, g.gave_answer - g.rows[i].count] for g in shown])
        for i in range(len(shown[0].rows))
    ]
    tested = [v for v in verdicts if v.p_value is not None]
    if not tested:
        return Verdict(None, None, "", TOO_FEW)
    p = min(1.0, min(v.p_value for v in tested if v.p_value is not None) * len(tested))
    return _verdict(p, f"chi-squared tests of each answer, Bonferroni-corrected for {len(tested)}")


# Groups shown safely ----------------------------------------------------------------


@dataclass(frozen=True)
class GroupPlan:
    shown: tuple[str, ...]  # groups whose numbers may be shown, in the order given
    combined: tuple[str, ...]  # groups only counted together with the rest
    rest: int  # people in the combined groups and in no group; 0 or at least 5


def safe_groups(total: int, sizes: Sequence[tuple[str, int]]) -> GroupPlan:
    """Which groups of a breakdown may be shown so that none, and no difference between
    what is shown and the total, is about 1-4 people.

    Groups of 1-4 are combined with everyone not in a group. If that rest is itself 1-4
    people (the total minus the shown groups would single them out), the smallest shown
    group joins it, until the rest is 0 or at least 5 (secondary suppression)."""
    shown = [(name, size) for name, size in sizes if size >= THRESHOLD]
    combined = [name for name, size in sizes if 0 < size < THRESHOLD]
    rest = total - sum(size for _, size in shown)
    while is_small(rest) and shown:
        smallest = min(shown, key=lambda group: group[1])
        shown.remove(smallest)
        combined.append(smallest[0])
        rest += smallest[1]
    order = [name for name, _ in sizes]
    return GroupPlan(
        tuple(name for name in order if name in dict(shown)),
        tuple(name for name in order if name in combined),
        rest,
    )


def safe_answered(total: int, answered: Sequence[int]) -> list[bool]:
    """For one question across the shown groups: which groups' answers may be shown.

    The same rule as ``safe_groups``, for the people who answered: a group where 1-4
    answered is withheld, and if the total minus the groups shown is 1-4 people, the
    smallest shown group is withheld too."""
    show = [not is_small(count) for count in answered]
    rest = total - sum(count for count, ok in zip(answered, show, strict=True) if ok)
    while is_small(rest) and any(ok and count for ok, count in zip(show, answered, strict=True)):
        count, smallest = min((count, i) for i, count in enumerate(answered) if show[i] and count)
        show[smallest] = False
        rest += count
    return show
