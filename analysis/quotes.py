"""Representative quotes for a theme that are safe to show.

A quote is only offered when the group it stands for has at least 10 respondents,
it is never an answer flagged as a possible concern, and the text is the redacted
one. Staff still read every quote before it is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_GROUP = 10
MIN_WORDS = 4
MAX_WORDS = 60


@dataclass(frozen=True)
class QuoteCandidate:
    text: str  # already redacted
    concern: bool
    confidence: float
    words: int
    sentiment: str


def pick_quotes(
    candidates: Sequence[QuoteCandidate], group_size: int, how_many: int = 3
) -> list[QuoteCandidate]:
    """Up to ``how_many`` quotes: the most typical first, then other sentiments."""
    if group_size < MIN_GROUP:
        return []
    usable = [
        c
        for c in candidates
        if not c.concern and MIN_WORDS <= c.words <= MAX_WORDS and c.text.strip()
    ]
    # Most confident first; among equals, answers of a middling length read best.
    usable.sort(key=lambda c: (-c.confidence, abs(c.words - 15), c.text))
    chosen: list[QuoteCandidate] = []
    seen_texts: set[str] = set()
    seen_sentiments: set[str] = set()
    for prefer_new_sentiment in (True, False):
        for candidate in usable:
            if len(chosen) == how_many:
                return chosen
            key = " ".join(candidate.text.lower().split())
            if key in seen_texts:
                continue
            if prefer_new_sentiment and candidate.sentiment in seen_sentiments:
                continue
            chosen.append(candidate)
            seen_texts.add(key)
            seen_sentiments.add(candidate.sentiment)
    return chosen
