"""The rating scales partnerships use for Section 11 and 175 audits.

Every scale also offers "Not applicable", which needs a reason. Each rating has a
score from 0 to 1, so returns on different scales can share one heatmap.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.vocabulary import NOT_APPLICABLE


@dataclass(frozen=True)
class Rating:
    key: str
    label: str
    score: float  # 0 (not met) to 1 (fully met)


@dataclass(frozen=True)
class Scale:
    key: str
    name: str
    ratings: tuple[Rating, ...]  # best first

    def label(self, key: str) -> str:
        if key == NOT_APPLICABLE:
            return "Not applicable"
        return next((r.label for r in self.ratings if r.key == key), key)


SCALES: dict[str, Scale] = {
    scale.key: scale
    for scale in (
        Scale(
            "rag",
            "Red, amber, green",
            (
                Rating("green", "Green: fully met", 1.0),
                Rating("amber", "Amber: partly met", 0.5),
                Rating("red", "Red: not met", 0.0),
            ),
        ),
        Scale(
            "fully_mostly",
            "Fully, mostly, partially or not met",
            (
                Rating("fully", "Fully met", 1.0),
                Rating("mostly", "Mostly met", 2 / 3),
                Rating("partially", "Partially met", 1 / 3),
                Rating("not_met", "Not met", 0.0),
            ),
        ),
        Scale(
            "zero_three",
            "Score from 0 to 3",
            (
                Rating("3", "3: fully meets the standard", 1.0),
                Rating("2", "2: mostly meets the standard", 2 / 3),
                Rating("1", "1: partly meets the standard", 1 / 3),
                Rating("0", "0: does not meet the standard", 0.0),
            ),
        ),
        Scale(
            "one_four",
            "Score from 1 to 4 (Ofsted style)",
            (
                Rating("4", "4: outstanding", 1.0),
                Rating("3", "3: good", 2 / 3),
                Rating("2", "2: requires improvement", 1 / 3),
                Rating("1", "1: inadequate", 0.0),
            ),
        ),
    )
}


def mean_score(scale: Scale, ratings: list[str | None]) -> float | None:
    """The mean score (0 to 1) of the ratings given; not applicable and blanks don't count."""
    scores = {r.key: r.score for r in scale.ratings}
    given = [scores[r] for r in ratings if r in scores]
    return sum(given) / len(given) if given else None


def nearest(scale: Scale, score: float) -> Rating:
    """The rating on ``scale`` closest to ``score`` (ties go to the lower rating)."""
    return min(reversed(scale.ratings), key=lambda r: abs(r.score - score))


def score_of(scale: Scale, key: str | None) -> float | None:
    return next((r.score for r in scale.ratings if r.key == key), None)
