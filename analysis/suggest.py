"""Suggest themes and sentiment for answers, learned from answers staff have confirmed.

Themes: TF-IDF on words and character n-grams (with a token for the question asked),
one class-balanced logistic regression per theme (multi-label). A theme is suggested
when its probability reaches ``threshold``; an answer with none that high still gets
its most likely theme if that reaches ``floor`` (most answers have exactly one), and
at most ``max_themes`` are given, most confident first.

Sentiment: logistic regression on the same kinds of features, with words after
"not", "no", "never"... marked as negated, plus TextBlob's polarity and subjectivity,
polarity on an improvement question, and a flag for a null answer ("Nothing", "n/a")
to an improvement question. Such a null answer is always positive: people say
"Nothing" to "what could we improve?" when they are content.

Pure scikit-learn and TextBlob: a few seconds to fit on two cores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MultiLabelBinarizer
from textblob.en import sentiment as pattern_sentiment

THEME_THRESHOLD = 0.5
THEME_FLOOR = 0.35
MAX_THEMES = 4
SENTIMENTS = ("negative", "neutral", "positive")

_IMPROVEMENT = re.compile(r"improve|better|change|differently", re.IGNORECASE)
_NULL_ANSWER = re.compile(
    r"^(?:(?:no|nothing|none|n/?a|nil|nope|not really|no comment|nothing really"
    r"|nothing at all|nothing else|no improvements?(?: needed)?|nothing to add"
    r"|nothing to improve|can'?t think of anything|cannot think of anything"
    r"|not that i can think of|no suggestions?)[\s.!,]*)+"
    r"(?:thanks?(?: you)?|really|at all|else|i can think of)?[\s.!]*$",
    re.IGNORECASE,
)
_NEGATION = frozenset(
    "not no never nothing nobody none nor cannot without lack hardly "
    "don't dont didn't didnt doesn't doesnt isn't isnt wasn't wasnt weren't weren't "
    "won't wont can't cant couldn't couldnt shouldn't wouldn't haven't hasn't hadn't".split()
)
_TOKENS = re.compile(r"[a-z0-9']+|[.,;:!?]")
_CONSTANT_LOGIT = 10.0


@dataclass(frozen=True)
class Answer:
    question: str
    text: str


@dataclass(frozen=True)
class Suggestion:
    themes: tuple[tuple[str, float], ...]  # (theme, confidence), most confident first
    sentiment: str
    sentiment_confidence: float


def _normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").strip()


def _question_token(question: str) -> str:
    return "q_" + "_".join(re.findall(r"[a-z]+", question.lower())[:6])


def is_null_improvement(answer: Answer) -> bool:
    """True for "Nothing", "n/a" and the like in answer to an improvement question."""
    return bool(_IMPROVEMENT.search(answer.question)) and bool(
        _NULL_ANSWER.match(_normalise(answer.text))
    )


def _negated(text: str) -> str:
    """Words after a negation, up to the next punctuation, get a NEG_ prefix."""
    words: list[str] = []
    negated = False
    for token in _TOKENS.findall(_normalise(text).lower()):
        if token in ".,;:!?":
            negated = False
            continue
        words.append("NEG_" + token if negated else token)
        negated = negated or token in _NEGATION
    return " ".join(words)


def _theme_documents(answers: Sequence[Answer]) -> list[str]:
    return [f"{_question_token(a.question)} {_normalise(a.text)}" for a in answers]


def _sentiment_documents(answers: Sequence[Answer]) -> list[str]:
    return [f"{_question_token(a.question)} {_negated(a.text)}" for a in answers]


@lru_cache(maxsize=50_000)
def _textblob(text: str) -> tuple[float, float]:
    """TextBlob's polarity and subjectivity (its default analyser, called directly:
    three times faster than ``TextBlob(text).sentiment``), cached for repeated answers."""
    polarity, subjectivity = pattern_sentiment(text)
    return float(polarity), float(subjectivity)


def _dense(answers: Sequence[Answer]) -> sparse.csr_matrix:
    rows = []
    for answer in answers:
        polarity, subjectivity = _textblob(answer.text)
        improvement = 1.0 if _IMPROVEMENT.search(answer.question) else 0.0
        null = 1.0 if is_null_improvement(answer) else 0.0
        rows.append([polarity, subjectivity, polarity * improvement, null])
    return sparse.csr_matrix(np.asarray(rows, dtype=float).reshape(len(answers), 4))


def _words(rows: int) -> TfidfVectorizer:
    """Words with negation marks, for sentiment ("not NEG_safe")."""
    return TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, min_df=2 if rows >= 50 else 1,
        strip_accents="unicode",
    )  # fmt: skip


def _features(rows: int) -> FeatureUnion:
    min_df = 2 if rows >= 50 else 1
    return FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2), sublinear_tf=True, min_df=min_df, strip_accents="unicode"
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(3, 5),
                    sublinear_tf=True,
                    min_df=min_df,
                    strip_accents="unicode",
                ),
            ),
        ]
    )


class Suggester:
    """Fitted on confirmed answers; suggests for new ones."""

    def __init__(
        self,
        threshold: float = THEME_THRESHOLD,
        floor: float = THEME_FLOOR,
        max_themes: int = MAX_THEMES,
    ) -> None:
        self.threshold = threshold
        self.floor = floor
        self.max_themes = max_themes
        self.theme_features = _features(0)
        self.sentiment_words = _words(0)
        self.binarizer = MultiLabelBinarizer()
        self.theme_names: list[str] = []
        self.theme_weights: npt.NDArray[np.float64] = np.zeros((0, 0))
        self.theme_bias: npt.NDArray[np.float64] = np.zeros(0)
        self.sentiment: LogisticRegression | None = None
        self.moods: list[str] = []

    def fit(
        self,
        answers: Sequence[Answer],
        themes: Sequence[Sequence[str]],
        sentiments: Sequence[str],
    ) -> Suggester:
        if not answers:
            raise ValueError("no confirmed answers to learn from")
        self.theme_features = _features(len(answers))
        matrix = self.theme_features.fit_transform(_theme_documents(answers))
        labels = np.asarray(self.binarizer.fit_transform([list(t) for t in themes]))
        self.theme_names = [str(name) for name in self.binarizer.classes_]
        self.theme_weights = np.zeros((matrix.shape[1], len(self.theme_names)))
        self.theme_bias = np.zeros(len(self.theme_names))
        for column in range(len(self.theme_names)):
            target = labels[:, column]
            if target.min() == target.max():  # every answer has it (none can't happen)
                self.theme_bias[column] = _CONSTANT_LOGIT
                continue
            model = LogisticRegression(C=8.0, solver="liblinear", class_weight="balanced")
            model.fit(matrix, target)
            self.theme_weights[:, column] = model.coef_[0]
            self.theme_bias[column] = model.intercept_[0]

        self.moods = sorted(set(sentiments))
        self.sentiment = None
        if len(self.moods) > 1:
            self.sentiment_words = _words(len(answers))
            mood_matrix = sparse.hstack(
                [
                    matrix,
                    self.sentiment_words.fit_transform(_sentiment_documents(answers)),
                    _dense(answers),
                ]
            ).tocsr()
            self.sentiment = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
            self.sentiment.fit(mood_matrix, list(sentiments))
            self.moods = [str(mood) for mood in self.sentiment.classes_]
        return self

    def _matrix(self, answers: Sequence[Answer]) -> sparse.csr_matrix:
        return self.theme_features.transform(_theme_documents(answers))

    def theme_probabilities(
        self, answers: Sequence[Answer], matrix: sparse.csr_matrix | None = None
    ) -> npt.NDArray[np.float64]:
        """One row per answer, one column per theme (``theme_names``)."""
        matrix = self._matrix(answers) if matrix is None else matrix
        scores = np.asarray(matrix @ self.theme_weights) + self.theme_bias
        return np.asarray(expit(scores), dtype=np.float64)

    def sentiment_probabilities(
        self, answers: Sequence[Answer], matrix: sparse.csr_matrix | None = None
    ) -> npt.NDArray[np.float64]:
        """One row per answer, one column per sentiment (``moods``)."""
        if self.sentiment is None:
            return np.ones((len(answers), len(self.moods)))
        matrix = self._matrix(answers) if matrix is None else matrix
        full = sparse.hstack(
            [matrix, self.sentiment_words.transform(_sentiment_documents(answers)), _dense(answers)]
        ).tocsr()
        return np.asarray(self.sentiment.predict_proba(full), dtype=np.float64)

    def _chosen(self, row: npt.NDArray[np.float64]) -> tuple[tuple[str, float], ...]:
        order = np.argsort(-row, kind="stable")[: self.max_themes]
        chosen = [(self.theme_names[i], float(row[i])) for i in order if row[i] >= self.threshold]
        if not chosen and len(order) and row[order[0]] >= self.floor:
            chosen = [(self.theme_names[order[0]], float(row[order[0]]))]
        return tuple(chosen)

    def suggest(self, answers: Sequence[Answer]) -> list[Suggestion]:
        if not answers:
            return []
        # Answers repeat ("Nothing", "idk"): score each distinct one once.
        first: dict[tuple[str, str], int] = {}
        unique: list[Answer] = []
        positions = []
        for answer in answers:
            key = (answer.question, answer.text)
            if key not in first:
                first[key] = len(unique)
                unique.append(answer)
            positions.append(first[key])
        matrix = self._matrix(unique)  # the text features both models share
        themes = self.theme_probabilities(unique, matrix)[positions]
        moods = self.sentiment_probabilities(unique, matrix)[positions]
        positive = self.moods.index("positive") if "positive" in self.moods else None
        results = []
        for answer, row, mood in zip(answers, themes, moods, strict=True):
            best = int(np.argmax(mood)) if len(mood) else -1
            if positive is not None and is_null_improvement(answer):
                best = positive
            sentiment = self.moods[best] if best >= 0 else "neutral"
            confidence = float(mood[best]) if best >= 0 else 0.0
            results.append(Suggestion(self._chosen(row), sentiment, confidence))
        return results
