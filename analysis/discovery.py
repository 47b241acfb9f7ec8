"""Candidate new themes among answers no theme covers yet (TF-IDF + NMF).

Praise and sentiment words are removed first: otherwise the topics are just "good",
"great" and "nice" (see the analysis notes). Each candidate comes with its top terms
and example answers, for staff to accept, rename or ignore.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

MIN_ANSWERS = 20
SENTIMENT_WORDS = frozenset(
    """good great nice lovely excellent amazing brilliant fine ok okay really very bad
    poor terrible awful rubbish better best worse worst happy sad like love hate dont
    don think thing things just lot lots good really nothing much well thank thanks
    helpful friendly kind""".split()
)
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | SENTIMENT_WORDS)


@dataclass(frozen=True)
class CandidateTheme:
    terms: tuple[str, ...]
    examples: tuple[int, ...]  # indexes into the texts given, most typical first
    size: int  # answers for which this is the strongest topic


def _distinct(ranked: list[str], how_many: int) -> tuple[str, ...]:
    """Top terms without repeats: "exams homework" adds nothing after "exams" and
    "homework"."""
    chosen: list[str] = []
    seen: set[str] = set()
    for term in ranked:
        words = set(term.split())
        if words <= seen:
            continue
        chosen.append(term)
        seen |= words
        if len(chosen) == how_many:
            break
    return tuple(chosen)


def discover(
    texts: Sequence[str], max_themes: int = 6, examples: int = 3, terms: int = 6
) -> list[CandidateTheme]:
    """Up to ``max_themes`` candidates, largest first; none if there are too few texts."""
    if len(texts) < MIN_ANSWERS:
        return []
    vectoriser = TfidfVectorizer(
        ngram_range=(1, 2),
        stop_words=STOP_WORDS,
        sublinear_tf=True,
        min_df=2,
        max_df=0.5,
        max_features=20000,
        token_pattern=r"(?u)\b[^\W\d_]{2,}\b",
    )
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # nothing left after stop words
        return []
    # About one candidate per 20 answers, at least 2: short answers over-split easily.
    k = min(max_themes, max(2, len(texts) // MIN_ANSWERS), matrix.shape[1])
    model = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=400)
    with np.errstate(invalid="ignore"):  # a tiny negative error inside sqrt: harmless
        weights = model.fit_transform(matrix)
    vocabulary = vectoriser.get_feature_names_out()
    strongest = np.argmax(weights, axis=1)
    has_topic = weights.max(axis=1) > 0
    found = []
    for topic in range(k):
        members = np.where((strongest == topic) & has_topic)[0]
        if len(members) < 2:
            continue
        component = model.components_[topic]
        strong = [
            i for i in np.argsort(-component)[: terms * 3] if component[i] >= 0.1 * component.max()
        ]
        top_terms = _distinct([str(vocabulary[i]) for i in strong], terms)
        typical = members[np.argsort(-weights[members, topic])][:examples]
        found.append(CandidateTheme(top_terms, tuple(int(i) for i in typical), len(members)))
    return sorted(found, key=lambda c: -c.size)
