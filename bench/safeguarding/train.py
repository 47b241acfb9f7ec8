"""Train the concern model on the evaluation set's training part and write its weights.

    python -m bench.safeguarding.train

The threshold is chosen by 5-fold cross-validation on the training part only (the
held-aside fifth is never seen): the lowest threshold (so the most concerns found) whose
precision is at least ``PRECISION_FLOOR``, the phrase lists' own precision on this set,
so that adding the model finds far more without making flags less trustworthy.
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

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from analysis.concern_model import WEIGHTS, features  # noqa: E402
from bench.safeguarding.data import training  # noqa: E402

C = 10.0
PRECISION_FLOOR = 0.70


def pipeline():  # type: ignore[no-untyped-def]
    return make_pipeline(
        CountVectorizer(analyzer=features, binary=True, min_df=2),
        Normalizer(),
        LogisticRegression(C=C, max_iter=5000, class_weight="balanced"),
    )


def choose_threshold(texts: list[str], labels: np.ndarray) -> float:
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    scores = cross_val_predict(pipeline(), texts, labels, cv=folds, method="predict_proba")[:, 1]
    for threshold in np.arange(0.05, 0.95, 0.01):
        flagged = scores >= threshold
        precision = (flagged & (labels == 1)).sum() / max(flagged.sum(), 1)
        if precision >= PRECISION_FLOOR:
            return round(float(threshold), 2)
    return 0.95


def _weights(vectoriser: CountVectorizer, coef: np.ndarray) -> dict:
    names = vectoriser.get_feature_names_out()
    return {str(names[i]): round(float(coef[i]), 4) for i in np.flatnonzero(coef)}


def main() -> int:
    rows = training()
    texts = [r.text for r in rows]
    labels = np.array([int(r.concern) for r in rows])
    threshold = choose_threshold(texts, labels)
    concern = pipeline().fit(texts, labels)
    vectoriser, logistic = concern[0], concern[-1]

    data = {
        "about": "Trained by bench/safeguarding/train.py on the evaluation set's training part.",
        "threshold": threshold,
        "bias": round(float(logistic.intercept_[0]), 4),
        "weights": _weights(vectoriser, logistic.coef_[0]),
    }
    WEIGHTS.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(rows)} answers, threshold {threshold}, {len(data['weights'])} features")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
