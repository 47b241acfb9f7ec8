"""The order of questions for one respondent: routing, progress, next and back.

Pure logic over question keys and answers, so it is easy to test on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    key: str
    show_if: Mapping[str, Any] | None = None


def is_shown(step: Step, answers: Mapping[str, Any]) -> bool:
    """A step is shown unless it depends on an earlier answer that was not given."""
    if not step.show_if:
        return True
    given = answers.get(step.show_if["question"])
    given_keys = set(given) if isinstance(given, list) else {given}
    return bool(given_keys & set(step.show_if["answers"]))


def visible_keys(steps: Sequence[Step], answers: Mapping[str, Any]) -> list[str]:
    return [step.key for step in steps if is_shown(step, answers)]


def next_key(steps: Sequence[Step], answers: Mapping[str, Any], current: str) -> str | None:
    """The next shown question after ``current``, or None when it was the last."""
    keys = [step.key for step in steps]
    if current not in keys:
        return None
    for step in steps[keys.index(current) + 1 :]:
        if is_shown(step, answers):
            return step.key
    return None


def previous_key(steps: Sequence[Step], answers: Mapping[str, Any], current: str) -> str | None:
    keys = [step.key for step in steps]
    if current not in keys:
        return None
    for step in reversed(steps[: keys.index(current)]):
        if is_shown(step, answers):
            return step.key
    return None


def first_unanswered(steps: Sequence[Step], answers: Mapping[str, Any]) -> str | None:
    for key in visible_keys(steps, answers):
        if key not in answers:
            return key
    return None
