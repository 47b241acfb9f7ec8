"""Plausible answers to the demo's closed questions, with real differences: younger
children feel safer and more often have a trusted adult than teenagers; those without a
trusted adult feel less safe; last year's round was a little less positive. So every
part of the results pages (age bands, breakdowns, rounds) shows something."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from forms.vocabulary import QuestionKind

YOUNGER = "8-11"


@dataclass(frozen=True)
class Profile:
    supported: float  # share with a trusted adult
    safe_supported: tuple[int, ...]  # weights for very unhappy .. very happy
    safe_unsupported: tuple[int, ...]
    online_pressure: tuple[int, int, int]  # yes, no, not sure
    safe_places: dict[str, float]  # chance each place is chosen
    unsafe_place: dict[str, int]
    who_to_talk: dict[str, int]
    priorities: dict[str, int]


_YOUNGER = Profile(
    supported=0.8,
    safe_supported=(2, 4, 14, 40, 40),
    safe_unsupported=(8, 14, 30, 30, 18),
    online_pressure=(20, 60, 20),
    safe_places={"home": 0.9, "school": 0.75, "online": 0.15, "park": 0.45,
                 "town_centre": 0.15, "transport": 0.1, "youth_club": 0.3},
    unsafe_place={"nowhere": 45, "area": 15, "school": 20, "online": 12, "home": 3},
    who_to_talk={"teacher": 35, "youth_worker": 8, "family": 40, "health": 5,
                 "online_chat": 5, "someone_else": 7},
    priorities={"bullying": 9, "online_safety": 6, "mental_health": 3, "knives": 2,
                "safe_spaces": 6, "drugs": 1, "listening": 5, "transport": 1},
)  # fmt: skip
_OLDER = Profile(
    supported=0.6,
    safe_supported=(4, 9, 27, 38, 22),
    safe_unsupported=(14, 20, 34, 22, 10),
    online_pressure=(38, 40, 22),
    safe_places={"home": 0.8, "school": 0.45, "online": 0.35, "park": 0.25,
                 "town_centre": 0.3, "transport": 0.2, "youth_club": 0.35},
    unsafe_place={"nowhere": 25, "area": 30, "school": 15, "online": 25, "home": 5},
    who_to_talk={"teacher": 15, "youth_worker": 20, "family": 25, "health": 10,
                 "online_chat": 20, "someone_else": 10},
    priorities={"bullying": 4, "online_safety": 6, "mental_health": 9, "knives": 6,
                "safe_spaces": 4, "drugs": 4, "listening": 5, "transport": 4},
)  # fmt: skip


def _last_year(profile: Profile) -> Profile:
    """Fewer had a trusted adult, and fewer felt very safe."""
    return Profile(
        **{
            **vars(profile),
            "supported": profile.supported - 0.08,
            "safe_supported": _less_happy(profile.safe_supported),
            "safe_unsupported": _less_happy(profile.safe_unsupported),
        }
    )


def _less_happy(weights: tuple[int, ...]) -> tuple[int, ...]:
    low, lowish, middle, high, highest = weights
    return (low + 3, lowish + 4, middle + 3, high - 4, max(highest - 6, 1))


PROFILES = {
    (YOUNGER, False): _YOUNGER,
    ("older", False): _OLDER,
    (YOUNGER, True): _last_year(_YOUNGER),
    ("older", True): _last_year(_OLDER),
}


@dataclass
class Respondent:
    """One young person's leanings, drawn once so their answers hang together."""

    profile: Profile
    supported: bool
    rng: random.Random = field(repr=False)

    @classmethod
    def draw(cls, age_band: str, last_year: bool, rng: random.Random) -> Respondent:
        profile = PROFILES[(YOUNGER if age_band == YOUNGER else "older", last_year)]
        return cls(profile, rng.random() < profile.supported, rng)

    def answer(self, key: str, kind: str, option_keys: list[str], max_choices: int | None) -> Any:
        rng, p = self.rng, self.profile
        if kind == QuestionKind.SCALE:
            weights = p.safe_supported if self.supported else p.safe_unsupported
            return rng.choices(("1", "2", "3", "4", "5"), weights=weights)[0]
        if key == "trusted_adult":
            if rng.random() < 0.05:  # a few answer against their leaning
                return rng.choice(("yes", "no", "not_sure"))
            return "yes" if self.supported else rng.choices(("no", "not_sure"), (55, 45))[0]
        if kind == QuestionKind.YES_NO_NOT_SURE:
            return rng.choices(("yes", "no", "not_sure"), weights=p.online_pressure)[0]
        tables: dict[str, dict[str, Any]] = {
            "unsafe_place": p.unsafe_place, "who_to_talk": p.who_to_talk,
            "priorities": p.priorities, "safe_places": p.safe_places,
        }  # fmt: skip
        table = tables.get(key, {})
        if kind == QuestionKind.SINGLE_CHOICE:
            return rng.choices(option_keys, [table.get(k, 1) for k in option_keys])[0]
        if kind in QuestionKind.SEVERAL_ANSWERS:
            return _several(rng, key, option_keys, table, max_choices)
        raise ValueError(f"not a closed question: {kind}")


def _several(
    rng: random.Random, key: str, keys: list[str], table: dict[str, Any], limit: int | None
) -> list[str]:
    if key == "safe_places":
        chosen = {k for k in keys if rng.random() < table.get(k, 0.3)} or {rng.choice(keys)}
    else:  # choose up to ``limit``, most wanted more often
        wanted = rng.randint(1, min(limit or 3, len(keys)))
        pool = {k: table.get(k, 1) for k in keys}
        chosen = set()
        while len(chosen) < wanted:
            pick = rng.choices(list(pool), list(pool.values()))[0]
            chosen.add(pick)
            pool.pop(pick)
    return [k for k in keys if k in chosen]
