"""Preparing one free-text answer for staff: the steps, in the order that matters.

1. Normalise the text and identify its language (the language the young person
   answered in is the starting point).
2. Look for possible concerns on the original text, so nothing is missed.
3. Redact personal data: everything after this sees only the redacted text.
4. Score sentiment for the question asked, or mark it "not scored".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.disclosure import risk_categories
from analysis.language import identify
from analysis.redaction import redact
from analysis.sentiment import Sentiment, score
from analysis.text_prep import normalise

# Bump when a step changes in a way that should redo stored results.
VERSION = "3"


@dataclass(frozen=True)
class Prepared:
    text: str  # redacted
    redacted_kinds: tuple[str, ...]
    language: str
    words: int
    sentiment: str
    sentiment_reason: str
    concern_categories: tuple[str, ...]


def fingerprint(local_names: Sequence[str], offered: Sequence[str] = ()) -> str:
    """Changes when anything that decides a prepared result changes: the pipeline,
    the names to redact, and the languages an answer may be identified as."""
    blob = json.dumps([VERSION, sorted(local_names), sorted(offered)], ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass(frozen=True)
class Preparer:
    local_names: Sequence[str]
    offered: Sequence[str]

    def prepare(self, text: str, question: str, answered_in: str) -> Prepared:
        clean = normalise(text)
        language = identify(clean, answered_in, self.offered)
        concerns = tuple(risk_categories(clean))
        redacted = redact(clean, self.local_names)
        mood = score(redacted.text, question, language)
        if concerns and mood.label == "positive":
            # "He buys me things and is really nice to me" reads as happy, but is not.
            mood = Sentiment("negative", None, "flagged as a possible concern: never positive")
        return Prepared(
            text=redacted.text,
            redacted_kinds=redacted.kinds,
            language=language,
            words=len(redacted.text.split()),
            sentiment=mood.label,
            sentiment_reason=mood.reason,
            concern_categories=concerns,
        )
