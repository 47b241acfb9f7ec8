"""Suggest themes and sentiment for answers, learned from answers staff have confirmed.

Themes: TF-IDF on words and character n-grams, one logistic regression per theme
(multi-label), with a confidence for every suggestion. Sentiment: the same features
plus the question asked ("Nothing" to "what could we improve?" is positive), so that
context is learned rather than guessed. Pure scikit-learn: seconds on two cores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MultiLabelBinarizer

THEME_THRESHOLD = 0.5
SENTIMENTS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class Answer:
    question: str
    text: str


@dataclass(frozen=True)
class Suggestion:
    themes: tuple[tuple[str, float], ...]  # (theme, confidence), most confident first
    sentiment: str
    sentiment_confidence: float


def _question_token(question: str) -> str:
    return "q_" + "_".join(re.findall(r"[a-z]+", question.lower())[:6])


def _documents(answers: Sequence[Answer]) -> list[str]:
    return [f"{_question_token(a.question)} {a.text}" for a in answers]


def _features() -> FeatureUnion:
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
                ),
            ),
        ]
    )


class Suggester:
    """Fitted on confirmed answers; suggests for new ones."""

    def __init__(self, threshold: float = THEME_THRESHOLD) -> None:
        self.threshold = threshold
        self.features = _features()
        self.binarizer = MultiLabelBinarizer()
        self.themes = OneVsRestClassifier(
            LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced"), n_jobs=1
        )
        self.sentiment = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")

    def fit(
        self,
        answers: Sequence[Answer],
        themes: Sequence[Sequence[str]],
        sentiments: Sequence[str],
    ) -> Suggester:
        matrix = self.features.fit_transform(_documents(answers))
        labels = self.binarizer.fit_transform([list(t) for t in themes])
        self.themes.fit(matrix, labels)
        self.sentiment.fit(matrix, list(sentiments))
        return self

    def suggest(self, answers: Sequence[Answer]) -> list[Suggestion]:
        if not answers:
            return []
        matrix = self.features.transform(_documents(answers))
        theme_probabilities = np.asarray(self.themes.predict_proba(matrix))
        sentiment_probabilities = np.asarray(self.sentiment.predict_proba(matrix))
        names = list(self.binarizer.classes_)
        moods = list(self.sentiment.classes_)
        results = []
        for row, mood in zip(theme_probabilities, sentiment_probabilities, strict=True):
            order = np.argsort(-row)
            chosen = [(str(names[i]), float(row[i])) for i in order if row[i] >= self.threshold]
            best = int(np.argmax(mood))
            results.append(Suggestion(tuple(chosen), str(moods[best]), float(mood[best])))
        return results
