"""The help shown for what an answer suggests, from one data file
(``support_services.json``), on top of the help every support page gives."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SERVICES = Path(__file__).resolve().parent / "support_services.json"
FREE_TEXT = "free_text:"


@dataclass(frozen=True)
class Service:
    key: str
    name: str
    description: str
    url: str
    phone: str | None


@lru_cache(maxsize=1)
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads(SERVICES.read_text(encoding="utf-8"))


def services_for(reasons: Iterable[str]) -> list[Service]:
    """The services that fit the categories in ``reasons`` (such as ``free_text:self_harm``),
    each once, in the order the categories list them."""
    data = _data()
    keys: list[str] = []
    for reason in reasons:
        category = reason.removeprefix(FREE_TEXT)
        keys.extend(k for k in data["by_category"].get(category, ()) if k not in keys)
    return [
        Service(
            key,
            data["services"][key]["name"],
            data["services"][key]["for"],
            data["services"][key]["url"],
            data["services"][key].get("phone"),
        )  # fmt: skip
        for key in keys
    ]
