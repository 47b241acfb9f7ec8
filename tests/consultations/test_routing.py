"""Routing, next and back, on plain steps."""

from engagement.consultations.routing import (
    Step,
    first_unanswered,
    next_key,
    previous_key,
    visible_keys,
)

STEPS = [
    Step("a"),
    Step("b"),
    Step("b_follow_up", {"question": "b", "answers": ["no", "not_sure"]}),
    Step("c", {"question": "multi", "answers": ["x"]}),
    Step("d"),
]


def test_follow_up_shown_only_after_a_matching_answer():
    assert visible_keys(STEPS, {"b": "yes"}) == ["a", "b", "d"]
    assert visible_keys(STEPS, {"b": "no"}) == ["a", "b", "b_follow_up", "d"]
    assert visible_keys(STEPS, {"multi": ["y", "x"]}) == ["a", "b", "c", "d"]


def test_next_and_previous_skip_hidden_steps():
    assert next_key(STEPS, {"b": "yes"}, "b") == "d"
    assert next_key(STEPS, {"b": "no"}, "b") == "b_follow_up"
    assert next_key(STEPS, {}, "d") is None
    assert previous_key(STEPS, {"b": "yes"}, "d") == "b"
    assert previous_key(STEPS, {}, "a") is None
    assert next_key(STEPS, {}, "unknown") is None


def test_first_unanswered():
    assert first_unanswered(STEPS, {"a": "1"}) == "b"
    assert first_unanswered(STEPS, {"a": "1", "b": "yes", "d": "z"}) is None
