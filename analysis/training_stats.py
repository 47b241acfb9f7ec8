"""Numbers for training evaluation: Form A straight after a course, Form B about 8 weeks on.

Pure: answers in, summaries out. Disclosure control: a group of fewer than ``MIN_GROUP``
answers is never shown, so every function returns None for it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

MIN_GROUP = 5
CONFIDENCE = 0.95
AGREEMENT_SCALE = (1, 2, 3, 4, 5)
RECOMMEND_SCALE = range(0, 11)
PROMOTERS = (9, 10)
DETRACTORS = range(0, 7)


@dataclass(frozen=True)
class Rating:
    """One agreement item, or a London-framework dimension pooled."""

    n: int
    mean: float  # rounded to 2 dp
    counts: tuple[int, ...]  # how many chose each scale point, in scale order
    share_positive: float  # share choosing the top two points, 0 to 1, 3 dp


def rating(values: Sequence[int], scale: Sequence[int] = AGREEMENT_SCALE) -> Rating | None:
    """Summarise answers on a scale; values outside it are ignored."""
    valid = [value for value in values if value in scale]
    if len(valid) < MIN_GROUP:
        return None
    counts = tuple(valid.count(point) for point in scale)
    positive = sum(1 for value in valid if value in scale[-2:])
    return Rating(
        n=len(valid),
        mean=round(statistics.fmean(valid), 2),
        counts=counts,
        share_positive=round(positive / len(valid), 3),
    )


@dataclass(frozen=True)
class Change:
    """A paired difference, such as confidence before and now; floats rounded to 2 dp."""

    n: int
    mean_from: float
    mean_to: float
    mean_change: float  # mean of (to - from)
    low: float  # 95% confidence interval of the mean paired change (Student t, n - 1 df)
    high: float


def paired_change(pairs: Sequence[tuple[float, float]]) -> Change | None:
    """The mean change across (from, to) pairs, with its 95% confidence interval."""
    if len(pairs) < MIN_GROUP:
        return None
    differences = [to - start for start, to in pairs]
    mean_change = statistics.fmean(differences)
    margin = _margin(differences)
    return Change(
        n=len(pairs),
        mean_from=round(statistics.fmean(start for start, _ in pairs), 2),
        mean_to=round(statistics.fmean(to for _, to in pairs), 2),
        mean_change=round(mean_change, 2),
        low=round(mean_change - margin, 2),
        high=round(mean_change + margin, 2),
    )


@dataclass(frozen=True)
class PairedSums:
    """What a database can add up for paired changes: the count, the sums of the from
    and to values, and the sum and sum of squares of the differences."""

    n: int
    sum_from: float
    sum_to: float
    sum_change: float
    sum_change_squared: float


def change_from_sums(sums: PairedSums) -> Change | None:
    """``paired_change`` from sums, so a page over thousands of answers needs no rows."""
    n = sums.n
    if n < MIN_GROUP:
        return None
    mean_change = sums.sum_change / n
    variance = max(0.0, (sums.sum_change_squared - n * mean_change**2) / (n - 1))
    margin = _t_margin(math.sqrt(variance), n)
    return Change(
        n=n,
        mean_from=round(sums.sum_from / n, 2),
        mean_to=round(sums.sum_to / n, 2),
        mean_change=round(mean_change, 2),
        low=round(mean_change - margin, 2),
        high=round(mean_change + margin, 2),
    )


def rating_from_counts(
    counts: dict[int, int], scale: Sequence[int] = AGREEMENT_SCALE
) -> Rating | None:
    """``rating`` from how many chose each point (points off the scale are ignored)."""
    kept = tuple(counts.get(point, 0) for point in scale)
    n = sum(kept)
    if n < MIN_GROUP:
        return None
    total = sum(point * count for point, count in zip(scale, kept, strict=True))
    return Rating(
        n=n,
        mean=round(total / n, 2),
        counts=kept,
        share_positive=round(sum(kept[-2:]) / n, 3),
    )


def _t_margin(spread: float, n: int) -> float:
    if spread < 1e-12:
        return 0.0
    from scipy import stats  # imported here: SciPy takes a third of a worker's start

    critical = float(stats.t.ppf((1 + CONFIDENCE) / 2, n - 1))
    return critical * spread / math.sqrt(n)


def _margin(differences: Sequence[float]) -> float:
    """Half the width of the Student t interval of the mean; 0 when nothing varies."""
    spread = statistics.stdev(differences)
    if spread == 0:
        return 0.0
    from scipy import stats  # imported here: SciPy takes a third of a worker's start

    n = len(differences)
    critical = float(stats.t.ppf((1 + CONFIDENCE) / 2, n - 1))
    return critical * spread / math.sqrt(n)


def recommend_score(values: Sequence[int]) -> tuple[int, float] | None:
    """(n, share scoring 9-10 minus share scoring 0-6, as a whole percentage)."""
    valid = [value for value in values if value in RECOMMEND_SCALE]
    if len(valid) < MIN_GROUP:
        return None
    promoters = sum(1 for value in valid if value in PROMOTERS)
    detractors = sum(1 for value in valid if value in DETRACTORS)
    return len(valid), float(round(100 * (promoters - detractors) / len(valid)))


def tally(choices: Sequence[Sequence[str]], keys: Sequence[str]) -> dict[str, int] | None:
    """How many respondents ticked each key; each respondent counts once per key."""
    if len(choices) < MIN_GROUP:
        return None
    ticked = [set(answer) for answer in choices]
    return {key: sum(1 for answer in ticked if key in answer) for key in keys}


def shares(values: Sequence[str], keys: Sequence[str]) -> dict[str, int] | None:
    """How many gave each answer to a one-answer question; unknown answers are ignored."""
    valid = [value for value in values if value in keys]
    if len(valid) < MIN_GROUP:
        return None
    return {key: valid.count(key) for key in keys}
