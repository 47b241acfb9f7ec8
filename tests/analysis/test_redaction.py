"""Every redaction pattern, with text that looks like personal data but is not."""

from __future__ import annotations

import pytest

from analysis.redaction import nhs_number_valid, redact


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("email me at jo.bloggs+test@example.co.uk please", "email me at [EMAIL] please", "EMAIL"),
        ("see https://example.org/page?x=1 now", "see [URL] now", "URL"),
        ("go to www.example.com", "go to [URL]", "URL"),
        ("my insta is @jo_bloggs99", "my insta is [HANDLE]", "HANDLE"),
        ("text me on 07700 900123", "text me on [PHONE]", "PHONE"),  # Ofcom drama number
        ("ring 0115 496 0123 or +44 (0)20 7946 0958", "ring [PHONE] or [PHONE]", "PHONE"),
        ("I live in SW1A 1AA near the park", "I live in [POSTCODE] near the park", "POSTCODE"),
        ("postcode ls11 5ab", "postcode [POSTCODE]", "POSTCODE"),
        ("NHS number 943 476 5919", "NHS number [NHS_NUMBER]", "NHS_NUMBER"),
        ("my NI number is AB 12 34 56 C", "my NI number is [NI_NUMBER]", "NI_NUMBER"),
        ("it happened on 14/02/2026", "it happened on [DATE]", "DATE"),
        ("I was born on 3rd March 2012", "I was [DATE_OF_BIRTH]", "DATE_OF_BIRTH"),
        ("my name is Jamie Smith and I'm sad", "my name is [NAME] and I'm sad", "NAME"),
        ("my social worker is Priya", "my social worker is [NAME]", "NAME"),
        ("Mr Jones shouts at us", "[NAME] shouts at us", "NAME"),
        ("Miss O'Connor is kind", "[NAME] is kind", "NAME"),
    ],
)
def test_each_kind_of_personal_data_is_redacted(text, expected, kind):
    result = redact(text)
    assert result.text == expected
    assert kind in result.kinds


@pytest.mark.parametrize(
    "text",
    [
        "I'm 14 in year 9 and waited 2 hours",
        "rated it 10/10, there were 3000 people",
        "the 4G signal is bad on the number 36 bus",
        "I feel safe at school",
        "call 999 or Childline on 0800 1111",  # helplines the survey itself shows
        "123 456 7890",  # ten digits that fail the NHS check
        "QQ 12 34 56 C",  # HMRC's example prefix, never a real NI number
    ],
)
def test_look_alikes_are_left_alone(text):
    assert redact(text).text == text
    assert not redact(text).changed


def test_childline_number_is_not_a_uk_landline_match():
    assert redact("call Childline on 0800 1111").text == "call Childline on 0800 1111"


def test_partnership_place_names():
    result = redact(
        "kids at St Mary's School and Hill Park get picked on", ["St Mary's School", "Hill Park"]
    )
    assert result.text == "kids at [PLACE] and [PLACE] get picked on"
    assert result.kinds == ("PLACE",)


def test_nhs_number_check_digit():
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("123")


def test_odd_input_is_safe():
    assert redact("").text == ""
    assert redact("\x00\u202e😀" * 100).text == "\x00\u202e😀" * 100


# --- names and places from capital letters ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two capitalised words not at the start of a sentence
        ("I saw Jamie Okafor at the shops", "I saw [NAME] at the shops"),
        ("the boy is called Tyler Brennan-Hughes", "the boy is called [NAME]"),
        # ...at the start of a sentence when the first is a first name
        ("Jack Smith bullies me", "[NAME] bullies me"),
        # A surname straight after a name already taken out
        ("my name is Jamie Lee Smith", "my name is [NAME]"),
        # A single common first name, anywhere in the sentence
        ("Dave never rings back", "[NAME] never rings back"),
        ("I told Priya and she told Miss Khan", "I told [NAME] and she told [NAME]"),
        ("me and Muhammad get stopped by police", "me and [NAME] get stopped by police"),
        ("Zofia helps me with English", "[NAME] helps me with English"),
        ("I sat with Holly at lunch", "I sat with [NAME] at lunch"),
        # Names that are also words, with something that marks them as names
        ("my mate Rose said it's fine", "my mate [NAME] said it's fine"),
        ("Jack and Will bully me", "[NAME] and [NAME] bully me"),
        ("Will's mum shouts at us", "[NAME]'s mum shouts at us"),
        ("at lunch Grace said I was fat", "at lunch [NAME] said I was fat"),
    ],
)
def test_names_from_capital_letters(text, expected):
    result = redact(text)
    assert result.text == expected
    assert result.kinds == ("NAME",)


@pytest.mark.parametrize(
    "text",
    [
        "On Monday in May we went to town",
        "Childline helped me a lot",
        "I will grace the stage",  # lower case
        "Will you help us?",  # "Will" starting a question
        "I hope Grace is not a thing they say",  # an ambiguous name without name context
        "May I say something",
        "Hope this helps",
        "We need more Police and Youth Workers",
        "the Youth Club is good",
        "I go to the Leisure Centre after school",
        "the High Street is dirty",  # a street every town has
        "More Street Lights please",
        "Covid-19 made everything worse",
        "NHS",
        "Year 10 is hard",
        "In Year 9 we had a talk from Barnardo's and the NSPCC",
        "I like Snapchat and TikTok",
        "I'm 14 and I'm in Year 9",
        "The Youth Club Is Really Good And I Love It",  # Title Case throughout
        "Speak to Childline or the Samaritans",
        "Christmas and Eid are the best",
        "we went to Manchester on the train",
        "My Social Worker is nice",
        "PE is fun but Maths is boring",
    ],
)
def test_capitalised_look_alikes_are_left_alone(text):
    result = redact(text)
    assert result.text == text
    assert not result.changed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I go to St Mary's School", "I go to [PLACE]"),
        ("St John's is a good school", "[PLACE] is a good school"),
        ("Oakwood Academy is great", "[PLACE] is great"),
        ("kids at Oakwood Park are scary", "kids at [PLACE] are scary"),
        ("I met her at the Oakwood Youth Club", "I met her at the [PLACE]"),
        ("the bus goes down Hope Street", "the bus goes down [PLACE]"),
        ("I went to Hill Park yesterday", "I went to [PLACE] yesterday"),
        ("Kingsway Leisure Centre needs a pool", "[PLACE] needs a pool"),
    ],
)
def test_place_names(text, expected):
    result = redact(text)
    assert result.text == expected
    assert result.kinds == ("PLACE",)


def test_a_first_name_with_a_surname_like_place_word_is_a_person():
    assert redact("Emma Green is my teacher").text == "[NAME] is my teacher"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live at 12 High Street", "I live at [ADDRESS]"),
        ("they hang round 4a Church Lane", "they hang round [ADDRESS]"),
        ("my nan lives at 5 station road", "my nan lives at [ADDRESS]"),
        ("we live in flat 3", "we live in [ADDRESS]"),
        ("Flat 12b, the top floor", "[ADDRESS], the top floor"),
        ("house number 27", "[ADDRESS]"),
    ],
)
def test_street_addresses(text, expected):
    result = redact(text)
    assert result.text == expected
    assert result.kinds == ("ADDRESS",)


@pytest.mark.parametrize(
    "text",
    [
        "I waited 2 hours down the road",
        "3 buses on the road were late",
        "the number 36 bus",
        "the battery went flat 3 times",
        "I have a flat tyre",
        "a 2 way street",
        "10 mins walk to school",
    ],
)
def test_address_look_alikes_are_left_alone(text):
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my snap is jess_b2010", "my snap is [HANDLE]"),
        ("add me on insta jessbeee", "add me on insta [HANDLE]"),
        ("add me on snapchat: jess.b", "add me on snapchat: [HANDLE]"),
        ("sc: jessb", "sc: [HANDLE]"),
        ("snap - no. sc:coolkid12 lol", "snap - no. sc:[HANDLE] lol"),
        ("my tiktok is @jess", "my tiktok is [HANDLE]"),
        ("My Snapchat is Jessb", "My Snapchat is [HANDLE]"),
    ],
)
def test_usernames_after_a_cue(text, expected):
    result = redact(text)
    assert result.text == expected
    assert result.kinds == ("HANDLE",)


@pytest.mark.parametrize(
    "text",
    [
        "my snap is broken",
        "my insta is private",
        "add me on snap if you want",
        "add me on snap",
        "I use snap and insta a lot",
        "@ the park",
        "meet @ 5",
    ],
)
def test_username_look_alikes_are_left_alone(text):
    assert redact(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "call 0161 496 00",  # too short for a UK number (10 or 11 digits)
        "0115 49",
        "code 12345",
        "Year 10",
        "9434765918",  # ten digits that fail the NHS check
    ],
)
def test_numbers_that_are_not_personal_data(text):
    assert redact(text).text == text


# --- markers and idempotence ------------------------------------------------------------------

EVERY_KIND = [
    "email me at jo.bloggs+test@example.co.uk please",
    "see https://example.org/page?x=1 now",
    "text me on 07700 900123 or ring 0115 496 0123",
    "I live in SW1A 1AA near the park",
    "NHS number 943 476 5919, NI number AB 12 34 56 C",
    "I was born on 3rd March 2012, it happened on 14/02/2026",
    "my name is Jamie Smith and my social worker is Priya",
    "Mr Jones shouts at us and Miss O'Connor is kind",
    "I saw Jamie Okafor at St Mary's School with Jack and Will",
    "Dave lives at 12 High Street, flat 3, my snap is jess_b2010",
    "Will's mum and my mate Rose go to Oakwood Academy",
    "sc: jessb and @jo_bloggs99",
    "Dave Smith Is Really Nice And Kind",  # Title Case throughout
    "The Oakwood Academy Kids Are Lovely And Jamie Is Kind",
]


@pytest.mark.parametrize("text", EVERY_KIND)
def test_redaction_is_idempotent(text):
    once = redact(text, ["Hill Park"])
    twice = redact(once.text, ["Hill Park"])
    assert once.changed
    assert twice.text == once.text
    assert not twice.changed


def test_markers_are_not_redacted_again():
    text = "[NAME] said [PLACE] is near [ADDRESS], text [PHONE] or [HANDLE], [NAME]'s mum"
    result = redact(text)
    assert result.text == text
    assert result.kinds == ()


def test_kinds_are_listed_once_in_order_found():
    result = redact("Dave and Priya went to Oakwood Academy, ring 07700 900123")
    assert result.text == "[NAME] and [NAME] went to [PLACE], ring [PHONE]"
    assert result.kinds == ("PHONE", "NAME", "PLACE")


def test_local_names_take_priority_over_capital_letter_rules():
    result = redact("we play at Brookfield Rec and Jack comes", ["brookfield rec"])
    assert result.text == "we play at [PLACE] and [NAME] comes"


def test_redacting_many_answers_is_fast():
    import time

    texts = [f"{t} {i}" for i in range(300) for t in EVERY_KIND]
    start = time.perf_counter()
    for text in texts:
        redact(text)
    assert (time.perf_counter() - start) / len(texts) < 0.002  # well under 2 ms an answer
