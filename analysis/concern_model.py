"""A learned second opinion on whether free text suggests a young person may be at risk.

The phrase lists (``analysis.disclosure``) give the reason a reviewer sees, but only
catch the wordings they list. This linear model, trained on the evaluation set's
training part (``bench/safeguarding``), scores character n-grams of each word and
word pairs, so misspellings, other word forms and paraphrases score like the phrases
they resemble. Scoring is plain Python over a weights file: no scikit-learn at
submission, well under a millisecond per answer.

Features are binary and the vector is L2-normalised, so a text's score is
``bias + sum(weights of its known features) / sqrt(number of them)``: exactly what the
training script's scikit-learn pipeline computes.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.risk_phrases import NEGATORS_BEFORE

WEIGHTS = Path(__file__).resolve().parent / "concern_model.json"
_WORD = re.compile(r"[^\s\"“”«»()\[\]{}<>/\\|*+=~`^#%&@!?¿¡.,;:،؛۔।]+")
NGRAMS = (2, 3, 4, 5)


def normalise(text: str) -> str:
    """Case-folded NFKC with straight apostrophes: how both detectors read text."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return text.replace("’", "'").replace("‘", "'")


_NEGATORS = frozenset().union(*NEGATORS_BEFORE.values())
NEGATION_WINDOW = 3


def features(text: str) -> set[str]:
    """Character 2-5-grams of each word (with its edges marked), words and word pairs;
    a word up to three after "not", "never", "nobody"... is marked as negated."""
    words = _WORD.findall(normalise(text))
    found: set[str] = set()
    negated_until = -1
    for position, word in enumerate(words):
        padded = f" {word} "
        for n in NGRAMS:
            found.update(padded[i : i + n] for i in range(max(len(padded) - n + 1, 1)))
        found.add(f"{'n' if position <= negated_until else 'w'}:{word}")
        if word in _NEGATORS:
            negated_until = position + NEGATION_WINDOW
    found.update(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return found


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    threshold: float  # a probability: at or above it, the young person is shown help
    review_threshold: float  # higher: at or above it, staff are asked to look at once

    def probability(self, text: str) -> float:
        return sigmoid(_linear(self.bias, self.weights, features(text)))


def _linear(bias: float, weights: dict[str, float], found: set[str]) -> float:
    known = [weights[f] for f in found if f in weights]  # the vocabulary learned
    if not known:
        return bias
    return bias + sum(known) / math.sqrt(len(known))


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -60 else 0.0


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return Model(
        bias=data["bias"],
        weights=data["weights"],
        threshold=data["threshold"],
        review_threshold=data["review_threshold"],
    )
