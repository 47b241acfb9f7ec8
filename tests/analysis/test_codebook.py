"""The codebook: phrases per language, matched as whole words, with a fingerprint."""

from __future__ import annotations

import pytest

from analysis.codebook import (
    Codebook,
    CodebookTheme,
    clean_phrases,
    compile_phrases,
    fingerprint,
)

BULLYING = CodebookTheme(
    "bullying",
    {"en": ["bull*", "picked on", "not safe"], "cy": ["bwlio", "cael fy mwlio"]},
)
TRANSPORT = CodebookTheme("transport", {"en": ["bus*", "train"], "cy": ["bws"]})
CODEBOOK = Codebook([BULLYING, TRANSPORT])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I got bullied on the bus", ["bullying", "transport"]),
        ("BULLYING is a problem", ["bullying"]),
        ("Bull", ["bullying"]),
        ("the train is late", ["transport"]),
        ("I was picked on at school", ["bullying"]),
        ("I was picked\n  on at school", ["bullying"]),  # any whitespace between words
        ("I was picked\ton", ["bullying"]),
        ("we all got picked up on time", []),  # the words must be next to each other
        ("trains are late", []),  # "train" has no wildcard: whole word only
        ("I went training", []),
        ("the pitbull barked", []),  # a wildcard only extends the end of a word
        ("a rebus puzzle", []),
        ("business studies", ["transport"]),  # "bus*" matches any ending: known trade-off
        ("bus.", ["transport"]),
        ("(bus)", ["transport"]),
        ("", []),
    ],
)
def test_english_phrases_match_whole_words_ignoring_case(text, expected):
    assert CODEBOOK.match(text, "en") == expected


def test_wildcard_matches_any_ending_and_the_bare_word():
    pattern = compile_phrases(["bull*"])
    assert pattern is not None
    for word in ("bull", "bullied", "bullying", "Bullies", "BULLY"):
        assert pattern.search(f"they {word} me"), word
    assert not pattern.search("the pitbulls")
    assert not pattern.search("bul")


def test_wildcard_inside_a_multi_word_phrase():
    pattern = compile_phrases(["feel* unsafe"])
    assert pattern is not None
    assert pattern.search("I feel unsafe") and pattern.search("it feels   unsafe")
    assert not pattern.search("I feel very unsafe")


def test_a_welsh_answer_is_only_matched_by_welsh_phrases():
    # English phrases are not tried on an answer identified as Welsh, and the other way round.
    assert CODEBOOK.match("Dwi'n cael fy mwlio ar y bws", "cy") == ["bullying", "transport"]
    assert CODEBOOK.match("Dwi'n cael fy mwlio ar y bws", "en") == []
    assert CODEBOOK.match("I got bullied on the bus", "cy") == []
    assert CODEBOOK.match("bwlio", "cy") == ["bullying"]


def test_a_language_without_phrases_matches_nothing():
    assert CODEBOOK.match("bullied on the bus", "pl") == []


def test_regular_expression_characters_in_phrases_are_literal():
    book = Codebook(
        [
            CodebookTheme("coding", {"en": ["c++"]}),
            CodebookTheme("dots", {"en": ["a.b"]}),
            CodebookTheme("questions", {"en": ["why?"]}),
            CodebookTheme("money", {"en": ["£5 (or more)"]}),
        ]
    )
    assert book.match("we learn c++ at club", "en") == ["coding"]
    assert book.match("we learn c at club", "en") == []
    assert book.match("we learn cc at club", "en") == []
    assert book.match("a.b", "en") == ["dots"]
    assert book.match("axb", "en") == []
    assert book.match("but why? nobody knows", "en") == ["questions"]
    assert book.match("but wh nobody knows", "en") == []
    assert book.match("it costs £5 (or more) to get in", "en") == ["money"]
    assert book.match("it costs £5 or more to get in", "en") == []


def test_clean_phrases_trims_lowers_and_drops_blanks_and_repeats():
    assert clean_phrases(
        ["  Bus  Pass ", "", "   ", "*", "**", "bus pass", "Train", "BUS PASS"]
    ) == [
        "bus pass",
        "train",
    ]


def test_empty_phrases_are_ignored():
    assert compile_phrases([]) is None
    assert compile_phrases(["", "  ", "*"]) is None
    book = Codebook(
        [CodebookTheme("empty", {"en": ["", "  "]}), CodebookTheme("bus", {"en": ["", "bus"]})]
    )
    assert book.match("", "en") == []
    assert book.match("anything at all", "en") == []
    assert book.match("the bus", "en") == ["bus"]


def test_themes_are_returned_in_codebook_order():
    book = Codebook([TRANSPORT, BULLYING])
    assert book.match("bullied on the bus", "en") == ["transport", "bullying"]


def test_evidence_shows_the_words_that_matched():
    assert CODEBOOK.evidence("I got BULLIED on the bus", "en", "bullying") == "BULLIED"
    assert CODEBOOK.evidence("I was picked   on", "en", "bullying") == "picked   on"
    assert CODEBOOK.evidence("it's not safe", "en", "bullying") == "not safe"
    assert CODEBOOK.evidence("the bus", "en", "bullying") is None
    assert CODEBOOK.evidence("the bus", "en", "no-such-theme") is None
    assert CODEBOOK.evidence("the bus", "pl", "transport") is None
    assert CODEBOOK.evidence("ar y bws", "cy", "transport") == "bws"


def test_longest_phrase_is_tried_first():
    # "bus" alone would match first if it were tried before "bus pass".
    pattern = compile_phrases(["bus", "bus pass"])
    assert pattern is not None
    hit = pattern.search("my bus pass ran out")
    assert hit is not None and hit.group(0) == "bus pass"


def test_fingerprint_ignores_order_case_whitespace_and_repeats():
    base = fingerprint({"en": ["bus pass", "train"], "cy": ["bws"]})
    assert fingerprint({"cy": ["bws"], "en": ["train", "bus pass"]}) == base
    assert fingerprint({"en": ["  Bus   PASS ", "TRAIN", "train"], "cy": ["BWS"]}) == base
    assert fingerprint({"en": ["bus pass", "train", ""], "cy": ["bws"], "pl": []}) == base
    assert len(base) == 64 and int(base, 16) >= 0


@pytest.mark.parametrize(
    "changed",
    [
        {"en": ["bus pass", "trains"], "cy": ["bws"]},  # a phrase edited
        {"en": ["bus pass", "train*"], "cy": ["bws"]},  # a wildcard added
        {"en": ["bus pass"], "cy": ["bws"]},  # a phrase removed
        {"en": ["bus pass", "train", "tram"], "cy": ["bws"]},  # a phrase added
        {"en": ["bus pass", "train"], "cy": ["bws", "trên"]},  # a Welsh phrase added
        {"en": ["bus pass", "train", "bws"]},  # the same phrase, another language
    ],
)
def test_fingerprint_changes_when_a_phrase_changes(changed):
    assert fingerprint(changed) != fingerprint({"en": ["bus pass", "train"], "cy": ["bws"]})


def test_a_phrase_typed_with_a_curly_apostrophe_matches_a_prepared_answer():
    from analysis.text_prep import normalise

    book = Codebook([CodebookTheme("listening", {"en": ["adults don\u2019t listen"]})])
    assert book.match(normalise("adults don\u2019t listen to us"), "en") == ["listening"]


def test_a_decomposed_welsh_phrase_matches_a_prepared_answer():
    from analysis.text_prep import normalise

    book = Codebook([CodebookTheme("transport", {"cy": ["tre\u0302n"]})])  # e + combining ^
    assert book.match(normalise("mae'r tr\u00ean yn hwyr"), "cy") == ["transport"]
