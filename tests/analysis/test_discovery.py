"""Candidate new themes: topics found among answers, with praise words kept out."""

from __future__ import annotations

import pytest

from analysis.discovery import MIN_ANSWERS, SENTIMENT_WORDS, CandidateTheme, discover

BUSES = [
    "the bus is always late",
    "buses are late every morning",
    "bus fares are too expensive",
    "need a cheaper bus pass",
    "the bus never comes after school",
    "no bus into town at night",
    "bus is great but always late",
    "the bus driver was good but the bus was late",
    "more buses on weekends please",
    "bus pass costs too much",
    "the bus to college is crowded",
    "late bus every day",
    "bus fares going up again",
    "crowded bus after school",
    "really good bus driver but buses are late",
    "bus stops are too far",
    "cheaper bus fares for young people",
    "bus timetable is rubbish",
]
ONLINE = [
    "too much time on my phone",
    "people bully each other online",
    "phones at night stop me sleeping",
    "online bullying on snapchat",
    "strangers message you online",
    "phone addiction is real",
    "group chats online get nasty",
    "great to have phones but bullying online is bad",
    "scared of strangers online",
    "my phone keeps me up at night",
    "online pressure to look perfect",
    "phones in school cause drama",
    "bullying online never stops",
    "parents dont get online safety",
    "need help with online safety",
    "phone scrolling all night",
    "too much pressure online",
    "good that we talk about online safety",
]
EXAMS = [
    "exams stress me out",
    "too many exams",
    "exam stress before gcses",
    "school is so stressful with exams",
    "stress about exams every week",
    "teachers give too much homework before exams",
    "revision stress is too much",
    "mock exams are stressful",
    "good teachers but exam stress is bad",
    "school stress keeps me awake",
    "exams exams exams",
    "stressed about gcse exams",
    "need more help with exam stress",
    "school work and exams pile up",
    "great school but too much stress",
    "exam season is the worst",
    "stress about school and exams",
    "homework and exams stress",
]
PRAISE = ["good", "great", "really good", "it was great", "good thanks", "very good"]
TOPICS = {"transport": BUSES, "online": ONLINE, "exams": EXAMS}
# Interleaved, as answers arrive; 18 + 18 + 18 + 6 = 60.
TEXTS = [text for trio in zip(BUSES, ONLINE, EXAMS, strict=True) for text in trio] + PRAISE
TOPIC_OF = {i: name for name, texts in TOPICS.items() for i, t in enumerate(TEXTS) if t in texts}
KEY_WORDS = {
    "transport": {"bus", "buses", "fares", "late", "pass", "crowded"},
    "online": {"online", "phone", "phones", "bullying", "strangers", "safety"},
    "exams": {"exams", "exam", "stress", "stressful", "revision", "gcses"},
}


def _topic(candidate: CandidateTheme) -> str:
    """The topic whose key words make up most of the candidate's top three terms."""
    votes = {
        name: sum(1 for term in candidate.terms[:3] for word in term.split() if word in words)
        for name, words in KEY_WORDS.items()
    }
    return max(votes, key=votes.__getitem__)


@pytest.fixture(scope="module")
def found() -> list[CandidateTheme]:
    return discover(TEXTS)


def test_fewer_than_the_minimum_gives_nothing():
    assert MIN_ANSWERS == 20
    assert discover(TEXTS[: MIN_ANSWERS - 1]) == []
    assert discover([]) == []


def test_the_minimum_is_enough():
    assert discover(TEXTS[:MIN_ANSWERS]) != []


def test_praise_alone_gives_nothing():
    assert discover(PRAISE * 10) == []


def test_three_topics_are_found_and_kept_apart(found):
    assert len(found) == 3
    assert sorted(_topic(c) for c in found) == ["exams", "online", "transport"]
    for candidate in found:
        topic = _topic(candidate)
        # The top term belongs to its topic alone.
        first = candidate.terms[0].split()
        assert all(word in KEY_WORDS[topic] for word in first), candidate.terms
        others = set().union(*(w for name, w in KEY_WORDS.items() if name != topic))
        assert not any(word in others for term in candidate.terms[:3] for word in term.split())


def test_praise_words_are_never_terms(found):
    for candidate in found:
        assert 1 <= len(candidate.terms) <= 6  # only terms that carry the topic
        words = {word for term in candidate.terms for word in term.split()}
        assert not words & SENTIMENT_WORDS, candidate.terms
        assert not words & {"good", "great", "really", "very", "thanks"}


def test_examples_are_valid_indexes_of_the_topic(found):
    for candidate in found:
        topic = _topic(candidate)
        assert 1 <= len(candidate.examples) <= 3
        assert len(set(candidate.examples)) == len(candidate.examples)
        for index in candidate.examples:
            assert 0 <= index < len(TEXTS)
            assert TOPIC_OF.get(index) == topic, TEXTS[index]


def test_sizes_are_largest_first_and_praise_is_not_counted(found):
    sizes = [c.size for c in found]
    assert sizes == sorted(sizes, reverse=True)
    assert all(c.size >= 2 for c in found)
    # The six praise-only answers have no words left, so they belong to no topic.
    assert sum(sizes) == len(TEXTS) - len(PRAISE)


def test_the_same_answers_give_the_same_candidates(found):
    assert discover(TEXTS) == found
    assert discover(list(TEXTS)) == discover(TEXTS)


def test_fewer_themes_and_examples_when_asked():
    [only] = discover(TEXTS, max_themes=1, examples=2, terms=4)
    assert len(only.terms) == 4
    assert len(only.examples) == 2
