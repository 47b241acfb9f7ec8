"""Spot free text that suggests a young person may be at risk.

A first version: phrase lists per language (``risk_phrases``) matched on word
boundaries, with simple negation handling inside a clause ("nobody hits me",
"I don't want to die" are not flagged; "I don't feel safe" is; a phrase that is
negative itself is not cancelled by another negative word: "nigdy nie czuję się
bezpiecznie", I never feel safe). Every
language's list is checked, because children often answer in English on a
page in another language, or the other way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.concern_model import model, normalise
from analysis.risk_phrases import (
    LESSON_WORDS,
    NEGATORS_AFTER,
    NEGATORS_BEFORE,
    NOT_AFTER,
    OVER_AFTER,
    PHRASES,
    RECOVERABLE,
    TALK_BEFORE,
    TOPIC_BEFORE,
)

NEGATION_WINDOW = 3
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n،؛۔।]+|\s(?:but|although|though|however)\s", re.IGNORECASE)
# Words are runs between spaces and punctuation (not \w: it drops the vowel
# signs of Bengali, Gujarati and other Indic scripts).
_TOKEN = re.compile(r"[^\s\"“”«»()\[\]{}<>/\\|*+=~`^#%&@!?¿¡]+")


@dataclass(frozen=True)
class RiskSignal:
    """One phrase found: its category key, the language list it came from, and the phrase."""

    category: str
    language: str
    phrase: str


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


_Entry = tuple[str, str, tuple[str, ...]]  # language, category, phrase tokens


@lru_cache(maxsize=1)
def _by_first_token() -> dict[str, tuple[_Entry, ...]]:
    """Every phrase, filed under its first word, so a text is read once."""
    index: dict[str, list[_Entry]] = {}
    for language, categories in PHRASES.items():
        for category, phrases in categories.items():
            for phrase in phrases:
                words = tuple(_tokens(normalise(phrase)))
                index.setdefault(words[0], []).append((language, category, words))
    return {first: tuple(entries) for first, entries in index.items()}


NOT_DENYING_AFTER: dict[str, frozenset[str]] = {
    "en": frozenset({"stop", "stopping", "quit", "help", "resist", "how"}),
}


def _negated(tokens: list[str], start: int, end: int, language: str) -> bool:
    before = NEGATORS_BEFORE.get(language, frozenset())
    after = NEGATORS_AFTER.get(language, frozenset())
    window_after = tokens[end : end + 2]
    if any(t in after for t in window_after):
        return True
    if tokens[start] in before:
        # The phrase is already negative ("nie czuję się bezpiecznie", "no one to talk to"):
        # a negative word before it agrees with it rather than cancelling it, as in Polish
        # "nigdy nie czuję się bezpiecznie" (I never feel safe).
        return False
    window_before = tokens[max(0, start - NEGATION_WINDOW) : start]
    negators = [i for i, t in enumerate(window_before) if t in before]
    if not negators:
        return False
    # "can't stop cutting myself", "don't know how to stop": the negative is about
    # stopping, so the phrase is affirmed, not denied.
    between = window_before[negators[-1] + 1 :]
    return not any(t in NOT_DENYING_AFTER.get(language, frozenset()) for t in between)


def _contains(tokens: list[str], markers: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(tokens[i : i + len(m)]) == m for m in markers for i in range(len(tokens)))


def _topic(tokens: list[str], start: int) -> bool:
    """Whether the phrase is something being learned about, not something happening."""
    before = tokens[:start]
    if _contains(before, TOPIC_BEFORE):
        return True
    return _contains(before, TALK_BEFORE) and bool(LESSON_WORDS.intersection(tokens))


def _over(later: list[list[str]]) -> bool:
    """Whether a later clause says it has stopped ("but that stopped ages ago")."""
    return any(_contains(tokens, OVER_AFTER) for tokens in later)


def detect_risk(text: str) -> tuple[RiskSignal, ...]:
    """Return the risk phrases found in ``text``, un-negated, in order of category."""
    return _scan(text)[0]


@lru_cache(maxsize=16384)  # answers repeat a lot ("nothing", "idk"); results are immutable
def _scan(text: str) -> tuple[tuple[RiskSignal, ...], bool]:
    """The risk phrases found, and whether a phrase was found but denied ("nobody hits
    me", "I want to die my hair")."""
    signals: dict[tuple[str, str], RiskSignal] = {}
    denied = False
    clauses = [_tokens(clause) for clause in _CLAUSE_BREAK.split(normalise(text))]
    for number, tokens in enumerate(clauses):
        if not tokens:
            continue
        index = _by_first_token()
        for start, token in enumerate(tokens):
            for language, category, phrase in index.get(token, ()):
                end = start + len(phrase)
                if tuple(tokens[start:end]) != phrase:
                    continue
                following = tokens[end] if end < len(tokens) else ""
                if following in NOT_AFTER.get(" ".join(phrase), frozenset()):
                    denied = True
                elif _negated(tokens, start, end, language):
                    denied = True
                elif _topic(tokens, start) or (
                    category in RECOVERABLE and _over(clauses[number + 1 :])
                ):
                    continue  # not a disclosure by itself; the model still reads the rest
                else:
                    signal = RiskSignal(category, language, " ".join(phrase))
                    signals.setdefault((category, signal.phrase), signal)
    found = tuple(sorted(signals.values(), key=lambda s: (s.category, s.phrase)))
    return found, denied


def phrase_categories(text: str) -> tuple[str, ...]:
    """The distinct categories of the risk phrases found in ``text``."""
    return tuple(sorted({signal.category for signal in detect_risk(text)}))


def denied(text: str) -> bool:
    """Whether the phrase lists read a risk phrase in ``text`` as denied ("nobody hits me")."""
    return _scan(text)[1]


# A concern the learned model found where no phrase did: it cannot yet name the category
# reliably (about 3 in 10 right on the held-aside answers), so it does not guess.
POSSIBLE_CONCERN = "possible_concern"


def risk_categories(text: str) -> tuple[str, ...]:
    """The categories of risk in ``text``: from the phrase lists (whose phrase a reviewer
    sees) or, where no phrase is found but the learned model flags it, a possible concern."""
    signals, denied = _scan(text)
    if signals:
        return tuple(sorted({signal.category for signal in signals}))
    if denied:  # the phrase lists read the negation; the model cannot
        return ()
    return (POSSIBLE_CONCERN,) if model_probability(text) >= model().threshold else ()


def review_categories(text: str) -> tuple[str, ...]:
    """What staff are asked to look at as soon as the answer is sent: the phrase lists'
    categories, or a possible concern where the learned model is surer than it needs to
    be to show help (the background worker's second look adds the rest)."""
    found = risk_categories(text)
    if found != (POSSIBLE_CONCERN,):
        return found
    return found if model_probability(text) >= model().review_threshold else ()


@lru_cache(maxsize=16384)
def model_probability(text: str) -> float:
    """How likely the learned model thinks it is that ``text`` is a concern (0 to 1)."""
    return model().probability(text)
