"""Train the concern models on the evaluation set's training part and write their weights.

    python -m bench.safeguarding.train

Two models: the n-gram model used at submission (``analysis/concern_model.json``) and
the background worker's second look (``analysis/concern_second_look.npz``), a
support-vector machine on multilingual-e5-small embeddings combined with the n-gram
model's cross-validated score. Embedding the training part takes a minute or two.

Thresholds are chosen by 5-fold cross-validation on the training part only (the
held-aside fifth is never seen): each the lowest (so the most concerns found) whose
precision reaches a floor. The n-gram model has two: showing the young person help
(``PRECISION_FLOOR``, the phrase lists' own precision on this set: help shown to someone
who did not need it costs little) and asking staff to look at once
(``REVIEW_PRECISION_FLOOR``: the second look adds what falls between).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer
from sklearn.svm import SVC

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis import concern_second_look as second_look  # noqa: E402
from analysis.concern_model import WEIGHTS, features  # noqa: E402
from bench.safeguarding.data import training  # noqa: E402

C = 10.0
PRECISION_FLOOR = 0.70
REVIEW_PRECISION_FLOOR = 0.85  # flagged for staff at submission, not just shown help
SVM_C = 10.0
CATEGORY_C = 10.0
SECOND_LOOK_PRECISION_FLOOR = 0.85
FOLDS = StratifiedKFold(5, shuffle=True, random_state=0)


def pipeline():  # type: ignore[no-untyped-def]
    return make_pipeline(
        CountVectorizer(analyzer=features, binary=True, min_df=2),
        Normalizer(),
        LogisticRegression(C=C, max_iter=5000, class_weight="balanced"),
    )


def lowest_threshold(scores: np.ndarray, labels: np.ndarray, floor: float) -> float:
    """The lowest threshold (so the most concerns found) whose precision reaches floor."""
    for threshold in np.arange(0.05, 0.95, 0.01):
        flagged = scores >= threshold
        precision = (flagged & (labels == 1)).sum() / max(flagged.sum(), 1)
        if precision >= floor:
            return round(float(threshold), 2)
    return 0.95


def _log_odds(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def train_second_look(rows: list, labels: np.ndarray, ngram_cv: np.ndarray) -> dict:
    """An RBF support-vector machine on the embeddings (chosen over a logistic regression,
    a small neural network and nearest neighbours by cross-validated recall at 0.85
    precision on the training part), combined with the n-gram model's score."""
    embedder = second_look.Embedder()
    embedded = np.array([embedder.embed(r.text) for r in rows], dtype=np.float32)
    # Which risk a concerning answer is about, learned from the concerning answers only.
    categoriser = LogisticRegression(C=CATEGORY_C, max_iter=5000)
    categoriser.fit(embedded[labels == 1], [r.category for r in rows if r.concern])
    machine = SVC(C=SVM_C, gamma="scale", class_weight="balanced")
    machine_cv = cross_val_predict(machine, embedded, labels, cv=FOLDS, method="decision_function")
    machine.fit(embedded, labels)
    stacked = np.c_[_log_odds(ngram_cv), machine_cv]
    combine = LogisticRegression(class_weight="balanced")
    combined_cv = cross_val_predict(combine, stacked, labels, cv=FOLDS, method="predict_proba")
    combine.fit(stacked, labels)
    return {
        "threshold": lowest_threshold(combined_cv[:, 1], labels, SECOND_LOOK_PRECISION_FLOOR),
        "support": machine.support_vectors_.astype(np.float32),
        "dual": machine.dual_coef_[0].astype(np.float32),
        "gamma": float(machine._gamma),
        "intercept": float(machine.intercept_[0]),
        "combine": combine.coef_[0],
        "combine_bias": float(combine.intercept_[0]),
        "category_names": np.array([str(c) for c in categoriser.classes_]),
        "category_weights": categoriser.coef_.astype(np.float32),
        "category_bias": categoriser.intercept_,
    }


def _weights(vectoriser: CountVectorizer, coef: np.ndarray) -> dict:
    names = vectoriser.get_feature_names_out()
    return {str(names[i]): round(float(coef[i]), 4) for i in np.flatnonzero(coef)}


def main() -> int:
    rows = training()
    texts = [r.text for r in rows]
    labels = np.array([int(r.concern) for r in rows])
    ngram_cv = cross_val_predict(pipeline(), texts, labels, cv=FOLDS, method="predict_proba")
    threshold = lowest_threshold(ngram_cv[:, 1], labels, PRECISION_FLOOR)
    review_threshold = lowest_threshold(ngram_cv[:, 1], labels, REVIEW_PRECISION_FLOOR)
    concern = pipeline().fit(texts, labels)
    vectoriser, logistic = concern[0], concern[-1]

    data = {
        "about": "Trained by bench/safeguarding/train.py on the evaluation set's training part.",
        "threshold": threshold,
        "review_threshold": review_threshold,
        "bias": round(float(logistic.intercept_[0]), 4),
        "weights": _weights(vectoriser, logistic.coef_[0]),
    }
    WEIGHTS.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(rows)} answers, thresholds {threshold} and {review_threshold}")  # noqa: T201
    looked = train_second_look(rows, labels, ngram_cv[:, 1])
    np.savez_compressed(second_look.WEIGHTS, **looked)
    print(f"second look: threshold {looked['threshold']}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
