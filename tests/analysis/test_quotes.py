"""Quotes for a theme: only from large enough groups, never a concern, no repeats."""

from __future__ import annotations

import pytest

from analysis.quotes import MAX_WORDS, MIN_GROUP, MIN_WORDS, QuoteCandidate, pick_quotes


def quote(
    text: str, confidence: float = 0.5, sentiment: str = "neutral", concern: bool = False
) -> QuoteCandidate:
    return QuoteCandidate(text, concern, confidence, len(text.split()), sentiment)


BUS_LATE = quote("the bus is late every single morning", 0.9, "negative")
BUS_CHEAP = quote("the bus pass being free is really helpful", 0.8, "positive")
BUS_OK = quote("I get the bus to school most days", 0.7, "neutral")
BUS_CROWDED = quote("the bus is always crowded after school", 0.6, "negative")
ALL = [BUS_CROWDED, BUS_OK, BUS_CHEAP, BUS_LATE]


def test_the_minimum_group_is_ten():
    assert MIN_GROUP == 10


@pytest.mark.parametrize("group_size", [0, 1, 5, 9])
def test_no_quotes_for_a_group_of_fewer_than_ten(group_size):
    assert pick_quotes(ALL, group_size) == []


def test_quotes_for_a_group_of_ten():
    assert pick_quotes(ALL, 10) == [BUS_LATE, BUS_CHEAP, BUS_OK]


def test_a_concern_is_never_quoted_even_when_most_confident():
    worry = quote("the bus driver hurts me and I am scared", 0.99, "negative", concern=True)
    chosen = pick_quotes([worry, *ALL], 50, how_many=10)
    assert worry not in chosen
    assert chosen[0] == BUS_LATE
    assert len(chosen) == 4
    assert pick_quotes([worry], 50) == []


@pytest.mark.parametrize(
    ("words", "usable"),
    [
        (1, False),
        (MIN_WORDS - 1, False),
        (MIN_WORDS, True),
        (15, True),
        (MAX_WORDS, True),
        (MAX_WORDS + 1, False),
        (200, False),
    ],
)
def test_quotes_that_are_too_short_or_too_long_are_left_out(words, usable):
    text = " ".join(["bus"] * words)
    assert pick_quotes([quote(text, 0.9)], 20) == ([quote(text, 0.9)] if usable else [])


def test_limits_are_four_to_sixty_words():
    assert (MIN_WORDS, MAX_WORDS) == (4, 60)


def test_blank_text_is_never_quoted():
    blank = QuoteCandidate("   ", False, 0.99, 5, "neutral")
    assert pick_quotes([blank, BUS_OK], 20) == [BUS_OK]


def test_the_same_answer_is_not_quoted_twice():
    same = [
        quote("The bus is late every morning", 0.9, "negative"),
        quote("the BUS is   late every morning ", 0.8, "positive"),
        quote("THE BUS IS LATE EVERY MORNING", 0.7, "neutral"),
    ]
    assert pick_quotes(same, 30) == [same[0]]
    assert pick_quotes([*same, BUS_CROWDED], 30) == [same[0], BUS_CROWDED]


def test_a_mix_of_sentiments_is_preferred_over_confidence():
    positive = [
        quote(f"the youth club is open late on day {n}", 0.9 - n / 100, "positive")
        for n in range(5)
    ]
    negative = quote("the youth club shuts too early for us", 0.2, "negative")
    neutral = quote("I go to the youth club on fridays", 0.1, "neutral")
    chosen = pick_quotes([*positive, negative, neutral], 40)
    assert chosen == [positive[0], negative, neutral]
    assert {c.sentiment for c in chosen} == {"positive", "negative", "neutral"}


def test_the_rest_are_filled_by_confidence_once_every_sentiment_is_used():
    positive = [
        quote(f"the youth club is open late on day {n}", 0.9 - n / 100, "positive")
        for n in range(5)
    ]
    negative = quote("the youth club shuts too early for us", 0.2, "negative")
    chosen = pick_quotes([negative, *positive], 40, how_many=4)
    assert chosen == [positive[0], negative, positive[1], positive[2]]


@pytest.mark.parametrize("how_many", [0, 1, 2, 3, 4])
def test_at_most_how_many(how_many):
    many = [quote(f"answer number {n} about the bus", 0.5, "neutral") for n in range(10)]
    chosen = pick_quotes(many, 100, how_many=how_many)
    assert len(chosen) == how_many
    assert len({c.text for c in chosen}) == how_many


def test_fewer_usable_than_asked_gives_what_there_is():
    assert pick_quotes([BUS_OK, quote("too short", 0.99)], 20, how_many=3) == [BUS_OK]


def test_among_equal_confidence_a_middling_length_comes_first():
    short = quote("the bus is late", 0.5)
    middling = quote("the bus is late every morning and I miss the start of my lessons", 0.5)
    assert pick_quotes([short, middling], 20, how_many=1) == [middling]
