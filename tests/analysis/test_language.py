"""Normalising answers, and which language a short answer is in."""

from __future__ import annotations

import pytest

from analysis.language import identify
from analysis.text_prep import normalise

ALL = ("en", "cy", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "tr", "so")


# --- normalise --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  the   bus\tis late  ", "the bus is late"),
        ("line one\r\n\r\n  line two", "line one\nline two"),
        ("I don\u2019t feel safe", "I don't feel safe"),  # curly apostrophe
        ("he hi\u200bts me", "he hits me"),  # zero-width space
        ("\u202eevil\u202c text\u200e", "evil text"),  # bidi controls
        ("\u2066isolated\u2069 and \u061cmarked", "isolated and marked"),
        ("nul\x00byte", "nul byte"),  # a control character does not glue words
        ("\ufeffbom", "bom"),
        ("ＦＵＬＬ width", "FULL width"),  # NFKC folds compatibility forms
        ("ﬁne", "fine"),
        ("Keep Capitals For Redaction", "Keep Capitals For Redaction"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "آپ کیسے ہیں؟ مجھے اسکول پسند ہے",  # Urdu
        "لا أشعر بالأمان في البيت",  # Arabic
        "আমি মরতে চাই না",  # Bengali (vowel signs)
        "ਘਰ ਵਿੱਚ ਖਾਣਾ ਨਹੀਂ",  # Punjabi (Gurmukhi)
        "મને શાળા ગમે છે",  # Gujarati
        "می\u200cخواهم",  # a zero-width non-joiner stays: scripts need it
        "Dw i'n hoffi'r clwb ieuenctid ŵyr",  # Welsh circumflexes
        "Więcej oświetlenia w parku",  # Polish
    ],
)
def test_normalise_keeps_other_scripts_intact(text):
    assert normalise(text) == text


def test_normalise_composes_decomposed_letters():
    assert normalise("tre\u0302n") == "trên"


def test_arabic_presentation_forms_become_ordinary_letters():
    assert normalise("\ufefb") == "\u0644\u0627"  # the lam-alef ligature


def test_normalise_is_idempotent():
    for text in ("  a\u200b b ", "ﬁne\r\n\r\nok", "لا أشعر", "x\u202ey"):
        assert normalise(normalise(text)) == normalise(text)


# --- identify ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answered_in", "expected"),
    [
        # English answers on the Welsh page
        ("the buses are rubbish", "cy", "en"),
        ("more police please", "cy", "en"),
        ("Nothing really, I feel safe.", "cy", "en"),
        ("there is nothing to do at night and the buses are always late", "cy", "en"),
        # Welsh
        ("Mwy o oleuadau ar y stryd ger y parc.", "cy", "cy"),
        ("Dw i ddim yn teimlo'n saff yn y parc", "en", "cy"),
        ("Clwb ieuenctid sydd ar agor ar y penwythnos.", "en", "cy"),
        ("Mwy o fysiau yn y nos", "en", "cy"),
        # Polish
        ("Więcej oświetlenia w parku wieczorem.", "en", "pl"),
        ("Nie czuję się bezpiecznie", "en", "pl"),
        ("nie ma nic do roboty", "pl", "pl"),
        # Romanian, Portuguese, Spanish, Turkish, Somali
        ("Mai multă lumină pe străzi seara.", "en", "ro"),
        ("Un club pentru tineri deschis în weekend.", "en", "ro"),
        ("Mais segurança na escola e nas ruas", "en", "pt"),
        ("Gosto da escola mas não do autocarro", "en", "pt"),
        ("Más luces en el parque por la noche.", "en", "es"),
        ("¿Por qué no hay autobuses?", "en", "es"),
        ("Okulda kendimi güvende hissetmiyorum", "en", "tr"),
        ("Waxaan rabaa in dugsiga uu noqdo mid ammaan ah", "en", "so"),
        # Other scripts
        ("رات کو گلیوں میں زیادہ روشنی ہونی چاہیے۔", "en", "ur"),
        ("میں مرنا نہیں چاہتا", "ar", "ur"),  # Urdu letters on the Arabic page
        ("المزيد من الإضاءة في الشوارع ليلاً.", "en", "ar"),
        ("المزيد من الإضاءة في الشوارع ليلاً.", "ur", "ar"),
        ("আমি মরতে চাই না", "en", "bn"),
        ("ਘਰ ਵਿੱਚ ਖਾਣਾ ਨਹੀਂ", "en", "pa"),
        ("મને શાળા ગમે છે", "en", "gu"),
        # English in other sessions
        ("I feel safe at school", "pl", "en"),
        ("I don't feel safe walking home", "ur", "en"),
        ("the park is good", "pt", "en"),
    ],
)
def test_identify(text, answered_in, expected):
    assert identify(text, answered_in, ALL) == expected


@pytest.mark.parametrize(
    ("text", "answered_in"),
    [
        ("ok", "cy"),
        ("no", "es"),  # English or Spanish? Too short to say
        ("idk", "pl"),
        ("nada", "pt"),
        ("Dzięki", "en"),  # one word: the locale stands even with a telling letter
        ("more buses", "cy"),
        ("😀😀", "cy"),
        ("12345", "pl"),
        ("?!", "ro"),
        ("", "so"),
    ],
)
def test_one_or_two_words_keep_the_answered_in_language(text, answered_in):
    assert identify(text, answered_in, ALL) == answered_in


def test_short_answers_in_another_script_follow_the_script():
    assert identify("شكرا", "en", ALL) == "ar"
    assert identify("ٹھیک ہے", "en", ALL) == "ur"
    assert identify("ਠੀਕ ਹੈ", "cy", ALL) == "pa"


def test_short_arabic_script_answer_keeps_the_arabic_script_locale():
    # Two Arabic-script words without Urdu-only letters: Arabic or Urdu, so the locale stands.
    assert identify("لا شيء", "ur", ALL) == "ur"
    assert identify("لا شيء", "ar", ALL) == "ar"


def test_latin_short_answer_in_an_urdu_session():
    assert identify("ok", "ur", ALL) == "en"  # a common English word
    assert identify("theek hai", "ur", ALL) == "ur"  # romanised Urdu: the locale stands


def test_romanised_urdu_is_not_taken_for_english():
    assert identify("mujhe school pasand nahi hai", "ur", ALL) == "ur"


@pytest.mark.parametrize(
    ("text", "answered_in", "expected"),
    [
        # Mostly English with a Polish word: English
        ("the food at school is dobry and the teachers are nice", "en", "en"),
        # Welsh with an English loan word: Welsh
        ("Dw i'n hoffi'r youth club yn fawr iawn", "cy", "cy"),
        # Welsh sentence on the English page with an English word in it
        ("Mae'r bysiau yn rhy ddrud ac yn hwyr yn y nos", "en", "cy"),
        # Half and half, answered in Polish: the locale stands
        ("I like school ale nie lubię autobusów", "pl", "pl"),
    ],
)
def test_mixed_answers(text, answered_in, expected):
    assert identify(text, answered_in, ALL) == expected


def test_result_is_restricted_to_offered_languages():
    offered = ("en", "cy")
    # Polish on a consultation that only offers English and Welsh: the locale stands.
    assert identify("Nie czuję się bezpiecznie w parku wieczorem", "en", offered) == "en"
    # Urdu script where only Arabic is offered: the closest offered language.
    assert identify("میں مرنا نہیں چاہتا", "en", ("en", "ar")) == "ar"
    # Bengali script, Bengali not offered: the locale stands.
    assert identify("আমি মরতে চাই না", "cy", offered) == "cy"
    assert identify("the buses are rubbish", "cy", ("cy",)) == "cy"


def test_result_is_always_offered_or_the_locale():
    texts = ["the buses are rubbish", "Więcej policji", "ok", "مدرسة", "Mwy o fysiau yn y nos"]
    for offered in (("en",), ("en", "cy"), ("cy", "pl"), ALL):
        for text in texts:
            for answered_in in offered:
                assert identify(text, answered_in, offered) in offered


def test_identify_normalises_first():
    assert identify("the\u200b buses\u202e are rubbish", "cy", ALL) == "en"


def test_odd_input_is_safe():
    assert identify("\x00\u202e😀" * 100, "en", ALL) == "en"
    assert identify("a" * 10_000, "cy", ALL) == "cy"
    assert identify("the " * 5_000, "cy", ALL) == "en"
