"""Redact personal data from free text before staff see or export it (UK patterns).

Patterns are standard-library regular expressions (see the measured set in the
analysis notes): contact details and official numbers; names after cue phrases
("my name is", "my social worker is") and after titles ("Mr", "Miss"); social
media usernames after cues ("my snap is", "add me on insta", "sc:"); street
addresses ("12 High Street", "flat 3"); and, from capital letters, place names
with a place word ("Oakwood Academy", "St Mary's School"), two capitalised words
that are not at the start of a sentence and not common non-names ("Jamie
Okafor"), and common UK first names ("Dave never rings back"). First names that
are also ordinary words (Will, Grace, Hope, May, Bill, Rose ...) are only taken
with something that marks them as a name: a surname, "my mate Rose", "Will's",
"Jack and Will". Partnerships add their own school and place names.

Names written without a capital, names outside the list, and names in scripts
without capitals (Arabic, Urdu, Bengali ...) are not caught: quotes still need a
person's review before they are published. ``redact`` is idempotent: the
[KIND] markers it writes are never redacted again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
# UK numbers, Ofcom's drama ranges included (they look real to a reader).
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s)-]{0,2}\d){8,9}(?!\d)")
NHS_NUMBER = re.compile(r"\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b")
NINO = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    re.IGNORECASE,
)
DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b")
BIRTHDAY = re.compile(
    r"\b(?:born|birthday|dob|d\.o\.b\.?)\s*(?:is|on|:)?\s*"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]{3,9}(?:\s+\d{2,4})?|[A-Za-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{2,4})?)",
    re.IGNORECASE,
)
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{2,30}\b")
TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Nurse|PC|Sgt)\.?\s+[A-Z][a-zA-Z'’-]+")
NAME_CUE = re.compile(
    r"(?i:\b(?:my name is|my name's|i am called|i'm called|im called|call me|named|"
    r"my (?:social worker|key ?worker|teacher|mum|dad|mam|nan|brother|sister|friend|mate|"
    r"best mate|best friend|bestie|cousin|uncle|auntie|aunty|aunt|grandad|grandma|"
    r"boyfriend|girlfriend|carer|foster (?:mum|dad|carer)|step ?(?:mum|dad)) (?:is |called )?))"
    r"\s*([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)"
)
# A username after a cue: "my snap is jess_b2010", "add me on insta jessb", "sc: jessb".
SOCIAL_CUE = re.compile(
    r"(?i:\b(?:(?:my|her|his|their) (?:snap(?:chat)?|insta(?:gram)?|ig|tik ?tok|sc|discord|"
    r"xbox|psn|gamertag|twitter|fb|facebook|username|handle|whatsapp)"
    r"(?: name| username| handle| id)?(?: is|'s| =| -|:)?|"
    r"add me on (?:snap(?:chat)?|insta(?:gram)?|ig|tik ?tok|sc|discord|xbox|psn|twitter)"
    r"(?: at| its| it's|:| -)?|"
    r"(?:snap(?:chat)?|insta(?:gram)?|ig|tik ?tok|sc|discord|psn)\s*[:=]))"
    r"\s*(@?[A-Za-z0-9][A-Za-z0-9_.-]{1,29})"
)
# Words that follow "my snap is" and are not usernames ("my snap is broken").
NOT_USERNAMES = frozenset(
    """a an and also always at bad banned because blocked boring broken but cos dead deleted
    down fine full gone good hacked here if in is it its just locked long me mine my never
    new not now off ok okay on or please pls private public rubbish same so still the there
    too was you your account app name username has got been""".split()
)
# "12 High Street", "4a Church Lane"; lower case only with a usual street word
# ("5 station road"), so "2 hours down the road" is left alone.
STREET_WORDS = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Court|Place|Grove|Gardens|"
    "Terrace|Walk|Row|Square|Mews|Parade|Rise|Hill|Green|View|Croft|Fold|Gate|Vale|Meadows|"
    "Wharf|Estate|Park"
)
STREET_ADDRESS = re.compile(
    r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'’-]*\s+){1,3}"
    rf"(?:{STREET_WORDS})\b(?![\w'’])"
)
_NOT_STREET_NAMES = (
    "the|a|an|on|in|at|to|of|from|by|and|or|my|our|your|his|her|their|this|that|way|hours?|"
    "hrs?|minutes?|mins?|seconds?|days?|weeks?|months?|years?|times?|people|kids|children|"
    "buses|bus|cars?|miles?|km|metres?|meters?|yards?|steps|houses|shops|streets|roads|more|"
    "less|up|down|along|across|over|near|off|into|with|is|was|are|were|for|but|not|no|lanes"
)
STREET_ADDRESS_LOWER = re.compile(
    rf"\b\d{{1,4}}[a-z]?,?\s+(?:(?!(?:{_NOT_STREET_NAMES})\b)[a-z][a-z'’-]*\s+){{1,2}}"
    r"(?:road|street|lane|avenue|close|drive|crescent|terrace|grove|gardens|mews)\b(?![\w'’])"
)
FLAT = re.compile(
    r"(?i:\b(?:flat|apartment|apt|house number|house no\.?)\s*(?:no\.?\s*|number\s*)?"
    r"\d{1,4}[a-z]?\b(?!\s*(?:times|hours|hrs|days|weeks|months|years|mins|minutes|%|x\b)))"
)

# (kind, pattern, what the text must contain for the pattern to be worth trying)
_AT, _WEB, _DIGIT, _CAPITAL = "@", "web", "digit", "capital"
ORDER = (
    ("EMAIL", EMAIL, _AT),
    ("URL", URL, _WEB),
    ("HANDLE", HANDLE, _AT),
    ("NHS_NUMBER", NHS_NUMBER, _DIGIT),
    ("PHONE", PHONE, _DIGIT),
    ("NI_NUMBER", NINO, _DIGIT),
    ("POSTCODE", POSTCODE, _DIGIT),
    ("DATE_OF_BIRTH", BIRTHDAY, _DIGIT),
    ("DATE", DATE, _DIGIT),
    ("ADDRESS", STREET_ADDRESS, _DIGIT),
    ("ADDRESS", STREET_ADDRESS_LOWER, _DIGIT),
    ("ADDRESS", FLAT, _DIGIT),
    ("NAME", TITLED_NAME, _CAPITAL),
)
_HAS_DIGIT = re.compile(r"\d")
_HAS_CAPITAL = re.compile(r"[A-Z]")
_NAME_CUE_HINT = re.compile(r"(?i)\b(?:my|call|named|called)\b")
_SOCIAL_HINT = re.compile(
    r"(?i)snap|insta|\big\b|tik|\bsc\b|discord|xbox|psn|gamertag|twitter|\bfb\b|facebook|"
    r"username|handle|whatsapp"
)


# --- names and places from capital letters ------------------------------------------------------

# Common first names in the UK, children's and adults', across backgrounds.
FIRST_NAMES = frozenset(
    """
    Oliver George Arthur Noah Muhammad Mohammed Mohammad Mohamed Leo Oscar Harry Archie Jack
    Henry Charlie Freddie Theodore Theo Thomas Finley Alfie Teddy Isaac Jacob Joshua William
    James Lucas Edward Ethan Logan Alexander Mason Samuel Sam Daniel Joseph Benjamin Reuben
    Tommy Dylan Harrison Sebastian Adam Elijah Jude Luca Arlo Toby Louis Ronnie Frankie Riley
    Jenson Hugo Albert Ezra Liam Kai Tyler Kyle Connor Jordan Bradley Jamie Lewis Ryan Aaron
    Nathan Callum Declan Kieran Luke Matthew Michael Christopher Chris David Dave Gary Paul
    Steve Stephen Simon Richard Andrew Andy Peter John Kevin Darren Wayne Lee Craig Neil Ian
    Martin Tony Keith Barry Colin Graham Jason Shaun Ben Joe Tom Matt Dan Olivia Amelia Isla
    Ava Mia Isabella Rosie Sophia Freya Florence Emily Ella Evie Elsie Charlotte Evelyn Sienna
    Sofia Sophie Phoebe Alice Harper Matilda Isabelle Millie Imogen Erin Ellie Esme Maisie
    Lola Layla Chloe Jessica Jess Hannah Megan Lucy Katie Amy Lauren Abigail Caitlin Bethany
    Courtney Leah Molly Niamh Paige Rebecca Natasha Nicole Danielle Georgia Eleanor Zoe Anna
    Sarah Emma Laura Rachel Claire Kelly Lisa Karen Tracy Tracey Julie Michelle Nicola Joanne
    Helen Donna Louise Kerry Gemma Stacey Jenny Jennifer Kate Victoria Amanda Samantha Jo
    Debbie Sharon Linda Susan Angela Mandy Leanne Kayleigh Shannon Tia Aaliyah Amira Maya
    Ayla Eva Nancy Mila Aria Orla Maeve Thea Ada Aurora Delilah Bonnie Hallie Ahmed Ali Omar
    Hassan Hussain Ibrahim Yusuf Zain Ayaan Aisha Fatima Zainab Maryam Amina Hafsa Khadija
    Priya Aarav Arjun Rohan Raj Ravi Sanjay Anjali Simran Harpreet Gurpreet Jaspreet Manpreet
    Navdeep Sukhdeep Amrit Harjit Kiran Deepak Sunita Rahul Nisha Tahmina Rahima Nusrat Shahid
    Imran Bilal Hamza Usman Zara Sana Ayesha Yasmin Jakub Kacper Szymon Filip Piotr Mateusz
    Michał Michal Wiktor Zofia Zuzanna Julia Maja Hanna Oliwia Natalia Wiktoria Kasia
    Agnieszka Magda Tomasz Krzysztof Marek Ewa Andrei Ionut Alexandru Mihai Gabriel Ioana
    Elena Maria Andreea Alexandra Bianca Cristina Daria Stefan Abdi Abdullahi Hodan Ayan
    Fadumo Hibo Ifrah Khadra Ladan Nimco Sagal Youssef Mustafa Khalid Layla Leila Noor Nour
    Rania Huda Mariam Salma Tiago Diego Pablo Carlos Miguel Lucia Beatriz Emre Mehmet Elif
    Zeynep Tyrone Jermaine Kwame Kofi Tunde Chidi Shanice Tobi Femi Kemi Dafydd Gethin Rhys
    Ioan Osian Cerys Ffion Carys Iwan Gareth Owain Lowri Nia Elin Catrin Alys Bethan Aoife
    Ciara Sean Conor Ewan Fraser Kirsty Eilidh Kayden Jayden Tyreece Demi Jade Keira Lacey
    Macy Tilly Lottie Ruby Lily Poppy Daisy Ivy Holly Willow Violet Jasmine Bella Harley Reggie
    Stanley Ellis Jasper Felix Rory Zachary Zak Aiden Brandon Corey Dominic Elliot Marcus
    Shane Scott Stuart Gavin Carl Jake Josh Kian Alex Abdul Abdullah Saif Sami Łukasz Lukasz
    Paweł Pawel Bartek Bartosz Dawid Kamil Krystian Oskar Igor Nikola Bogdan Vlad Darius
    """.split()
)
# Names that are also words but seldom capitalised mid-sentence unless they are names
# ("I sat with Holly"): names except as a sentence's first word.
WORDLIKE_NAMES = frozenset("Ruby Lily Poppy Daisy Ivy Holly Willow Violet Jasmine Jade".split())
# First names that are also everyday words: a name only with something that marks it as one.
AMBIGUOUS_NAMES = frozenset(
    """
    Will Grace Hope May Bill Rose Mark Faith Joy Summer Autumn Amber Iris Rich Sky Dawn Frank
    Pat Sue Guy Carol Ray Chase Hunter Sunny Nick Rob Eve Jan Robin Jay Drew Don Dean Miles
    Penny Max Star Storm River Angel Honey Crystal Sandy Precious Blessing Favour Hazel
    Heather Olive Pearl Ginger Bob Art Victor Harmony Destiny Melody Stone Major Reed Dusty
    Rusty Bud
    """.split()
)
FIRST_NAMES = FIRST_NAMES - AMBIGUOUS_NAMES
# Capitalised words that are not names: pronouns and sentence openers, days and months,
# places and organisations young people name, school subjects, festivals, apps and brands.
NON_NAMES = frozenset(
    """
    I A An The And But Or So If It Its We They He She You My Our Their His Her Your This That
    These Those There Here What When Where Who Why How Which Also Then Because Cos Maybe Yes
    No Not Never Always Sometimes Often Please Thanks Thank Hi Hello Hey Ok Okay More Less
    Most Some Any All Every Everyone Everything Nothing Nobody Someone Something Just Only
    Very Really Too Much Many Lots Better Best Good Bad Great Nice Safe Unsafe Need Want
    Like Love Hate Feel Think Know Get Got Make Go Going Do Does Did Is Are Was Were Be Been
    Have Has Had Can Could Would Should Will Shall Might Must Let Lets Well Even Still After
    Before During On In At To For From With Without By About Of Off Over Under Up Down Near
    Since Until Though Although However While Whilst Once Again Other Another New Old Big
    Little Lol Omg Tbh Idk Btw Bc Pls Plz Mon Tue Tues Wed Thu Thurs Fri Sat Sun Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday Weekend Weekends January February March
    April May June July August September October November December Jan Feb Mar Apr Jun Jul
    Aug Sep Sept Oct Nov Dec Spring Summer Autumn Winter Christmas Easter Eid Diwali Vaisakhi
    Ramadan Hanukkah Halloween Bonfire New Year Years Term Half God Allah Jesus Christ Lord
    Muslim Muslims Christian Christians Jewish Sikh Sikhs Hindu Hindus Islam Islamic Quran
    English British Welsh Scottish Irish Polish Romanian Portuguese Spanish Turkish Somali
    Arabic Urdu Punjabi Bengali Gujarati Kurdish Asian Black White European African
    Caribbean Pakistani Indian Bangladeshi Chinese Ukrainian Syrian Afghan Eritrean Roma
    Traveller Travellers Gypsy Cymraeg Cymru Saesneg Diolch UK GB England Britain Wales
    Scotland Ireland Europe America Africa Asia Pakistan India Bangladesh Poland Romania
    Somalia Syria Ukraine Turkey Portugal Spain London Manchester Birmingham Liverpool Leeds
    Bristol Cardiff Swansea Newport Sheffield Nottingham Leicester Coventry Bradford Newcastle
    Glasgow Edinburgh Belfast United Rovers Wanderers Athletic Covid Corona Coronavirus
    Lockdown Childline Samaritans Kooth Shout Barnardo Barnardo's Nspcc Mind Papyrus Young
    Minds YoungMinds Brook Action Children Children's Society Council Councillor Councillors
    Police Officer Officers PCSO Government Parliament Prime Minister Mayor Youth Club Clubs
    Centre Center Worker Workers Service Services Social Team Hub Family Families Early Help
    Sure Start Carers Citizens Advice Scouts Cadets Guides Brownies Cubs Beavers Duke DofE
    Army Navy RAF School Schools College Academy University Uni Primary Secondary Sixth
    Form Year Years Reception Nursery Teacher Teachers Head Headteacher Sir Miss Mr Mrs Ms
    Mx Dr Nurse Doctor GP Hospital Maths Math English Science History Geography Art Music
    Drama Dance PE RE PSHE RSE Computing French German Spanish Biology Chemistry Physics
    Business Media Sociology Psychology GCSE GCSEs SATs Exams Mocks Mum Mam Mom Dad Nan
    Nana Nanna Gran Granny Grandma Grandad Grandpa Uncle Auntie Aunty Aunt Cousin Brother
    Sister Bro Sis Mate Mates Friend Friends Snapchat Snap Instagram Insta TikTok Tiktok
    YouTube Youtube WhatsApp Whatsapp Facebook Twitter Discord Xbox PlayStation Playstation
    Nintendo Switch Fortnite Roblox Minecraft FIFA Google Apple iPhone Samsung Netflix Disney
    Spotify Amazon Uber McDonald's McDonalds Maccies Maccy KFC Nando's Nandos Subway Greggs
    Costa Starbucks Tesco Asda Aldi Lidl Sainsbury's Sainsburys Morrisons Primark Boots
    Co-op Coop Bus Buses Train Trains Metro Tram Trams Station Road Street Park Parks Library
    Leisure Pool Gym Town City Village Estate Shops Shop Market Canal Bridge Underpass Rec
    Skatepark Church Mosque Gurdwara Temple Mandir Synagogue Wi Fi WiFi Wifi Internet Online
    CCTV ASB Anti Social Behaviour Crime Drugs Vapes Vaping Knife Knives Gang Gangs Free
    Hall Town Hall Community Sports Football Rugby Cricket Boxing Swimming Netball Basketball
    Gymnastics Dancing Homework Breakfast Help Line Helpline Text Call Phone Email Website
    App Apps Survey Question Questions Answer Consultation Partnership Safeguarding Board
    North South East West Northern Southern Eastern Western Central Upper Lower Greater
    Mental Health Wellbeing Support Group Groups Session Sessions Club Hospital Ambulance
    Fire Brigade Emergency Trust NHS CAMHS Local Area Areas Borough County Region
    """.split()
)
# Words that name a kind of place: after a distinctive capitalised word they make a place
# name ("Oakwood Academy", "Hill Park"); with only generic words before them they do not
# ("Youth Club", "Leisure Centre", "High Street").
PLACE_WORDS = frozenset(
    """
    School Academy College Primary High Park Road Rd Street St Lane Avenue Ave Close Drive Way
    Crescent Court Grove Gardens Terrace Square Estate Centre Center Library Station Hospital
    Church Chapel Mosque Masjid Gurdwara Temple Mandir Synagogue Rec Common Green Fields
    Field Woods Wood Hill Heights Mall Club Surgery Baths Pool Stadium Arena Market Bridge
    Canal Infants Juniors Nursery University Uni Institute Hall Flats Tower Towers Mews
    Parade Row Walk Rise Village Hub Campus Precinct Junction Retail Shopping
    """.split()
)
GENERIC_PLACE = frozenset(
    """
    The A Our My Their Your This That Town City Youth Leisure Community Sports Sport Shopping
    Retail Primary Secondary High Grammar Junior Infant Infants Juniors Nursery Local Skate
    Bus Train Coach Police Fire Health Medical Family Families Main Fun Play Country Car
    Trampoline Football Rugby Cricket Boxing Swimming After Breakfast Homework Drama Dance
    Book Art Music Special Sixth Form Central Public Children's Childrens Kids Teen Teens
    Young People's Peoples Outdoor Indoor New Old Big Little Catholic Council Sure Start
    Early Help Boys Girls Free Food Bank Job Train Leisure Swimming Skate Adventure Soft
    """.split()
)
# Place words that are also surnames: after a first name they make a name ("Emma Green").
SURNAME_PLACE_WORDS = frozenset("Hill Green Wood Lane Field Fields Church Brook".split())
SAINT = frozenset({"St", "St.", "Saint"})
ROLE_WORDS = frozenset(
    """
    friend friends mate mates bestie bff cousin brother sister bro sis uncle auntie aunty
    aunt nan nana nanna gran grandad grandpa grandma teacher coach neighbour stepdad stepmum
    boyfriend girlfriend bf gf worker carer called named
    """.split()
)
SPEECH_VERBS = frozenset(
    """
    said says told tells texted texts messaged messages hit hits kicked kicks punched punches
    bullies bullied shouts shouted keeps kept called calls sent sends made makes
    """.split()
)
DETERMINERS = frozenset(
    "the a an more some any our their your this that these those no less fewer many few all".split()
)
_CONTRACTION_ENDINGS = frozenset({"m", "ve", "ll", "d", "re", "t"})
_TOKEN = re.compile(r"\[[A-Z_]+\]|[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?\n:;•]")
_CAPITALISED = re.compile(r"(?<![\w'’])[^\W\d_a-z](?=[^\W\d_A-Z]|['’])[\w'’]*")


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    base: str  # without a possessive 's
    title: bool  # Capitalised like a name
    marker: bool  # one of our own [KIND] markers
    sentence_start: bool


def _base(word: str) -> str:
    if "'" not in word and "’" not in word:
        return word
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)]
    return word


def _is_title(word: str) -> bool:
    if not word[0].isupper() or word.isupper():
        return False
    if "'" in word or "’" in word:
        head, _, tail = word.replace("’", "'").partition("'")
        if tail.lower() in _CONTRACTION_ENDINGS:  # I'm, It'll, Don't
            return False
        if len(head) == 1:  # O'Connor, D'Souza
            return tail[:1].isupper()
    return any(ch.islower() for ch in word[1:])


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        marker = word.startswith("[")
        gap = text[previous_end : match.start()]
        sentence_start = not tokens or bool(_SENTENCE_BREAK.search(gap))
        tokens.append(
            _Token(
                word,
                match.start(),
                match.end(),
                _base(word),
                not marker and _is_title(word),
                marker,
                sentence_start,
            )
        )
        previous_end = match.end()
    return tokens


def _joined(text: str, left: _Token, right: _Token) -> bool:
    """Two tokens next to each other in one name: one space or a hyphen between."""
    return text[left.end : right.start] in (" ", "-")


def _name_context(text: str, tokens: list[_Token], i: int, names: set[int]) -> bool:
    """Whether an ambiguous first name at ``i`` is used as a name."""
    token = tokens[i]
    previous = tokens[i - 1] if i > 0 else None
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if token.base != token.text:
        return True  # "Will's mum"
    if previous is not None and previous.text.lower() in ROLE_WORDS:
        return True  # "my mate Rose"
    if previous is not None and previous.text.lower() in ("and", "&") and i >= 2:
        before = tokens[i - 2]
        if before.text == "[NAME]" or i - 2 in names or before.base in FIRST_NAMES:
            return True  # "Jack and Will"
    if following is not None and following.text.lower() in ("and", "&") and i + 2 < len(tokens):
        after = tokens[i + 2]
        if after.text == "[NAME]" or (after.title and after.base in FIRST_NAMES):
            return True  # "Will and Jack"
    return (
        following is not None
        and not token.sentence_start
        and following.text.lower() in SPEECH_VERBS
    )


def _place_span(group: list[_Token]) -> tuple[int, int] | None:
    """Indices (first, last) of a place name inside a run of capitalised words."""
    for i, token in enumerate(group[:-1]):
        if token.base in SAINT:  # "St Mary's", "St John's Primary"
            last = i + 1
            while last + 1 < len(group) and group[last + 1].base in PLACE_WORDS:
                last += 1
            return i, last
    last = max((i for i, t in enumerate(group) if t.base in PLACE_WORDS and i > 0), default=-1)
    if last < 1:
        return None
    distinctive = [
        i
        for i, t in enumerate(group[:last])
        if t.base not in GENERIC_PLACE and (t.base not in NON_NAMES or t.base in PLACE_WORDS)
    ]
    if not distinctive:
        return None
    first = distinctive[0]
    if (
        group[last].base in SURNAME_PLACE_WORDS
        and last == first + 1
        and group[first].base in FIRST_NAMES
    ):
        return None  # "Emma Green" is a person
    return first, last


_NEED_CONTEXT = AMBIGUOUS_NAMES | WORDLIKE_NAMES


def _name_like(token: _Token) -> bool:
    if not token.title:
        return False
    if token.base in FIRST_NAMES or token.base in AMBIGUOUS_NAMES:
        return True
    return token.base not in NON_NAMES and token.base not in GENERIC_PLACE


def _name_end(token: _Token) -> int:
    """Where a name ends, leaving a possessive 's in the text ("[NAME]'s mum")."""
    return token.start + len(token.base)


def _any_first_name(run: list[_Token]) -> bool:
    return any(t.base in FIRST_NAMES or t.base in AMBIGUOUS_NAMES for t in run)


def _spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of names and places found from capital letters."""
    tokens = _tokens(text)
    # Text Written In Title Case Throughout: pairs of capitals mean nothing there. Our own
    # markers count as capitalised words, so a second pass decides the same way.
    title_case_text = len(tokens) >= 4 and sum(t.title or t.marker for t in tokens) >= 0.6 * len(
        tokens
    )
    found: list[tuple[int, int, str]] = []
    names: set[int] = set()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.marker:
            # A surname straight after a name we took out: "[NAME] Okafor" -> "[NAME]".
            j = i + 1
            while (
                token.text == "[NAME]"
                and j < len(tokens)
                and _name_like(tokens[j])
                and _joined(text, tokens[j - 1], tokens[j])
            ):
                names.add(j)
                j += 1
            if j > i + 1:
                found.append((token.start, _name_end(tokens[j - 1]), "NAME"))
            i = j
            continue
        if not token.title:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].title and _joined(text, tokens[j - 1], tokens[j]):
            j += 1
        group = tokens[i:j]
        place = _place_span(group)
        if place is not None:
            first, last = place
            found.append((group[first].start, group[last].end, "PLACE"))
            leftovers = [(i, group[:first]), (i + last + 1, group[last + 1 :])]
        else:
            leftovers = [(i, group)]
        for offset, part in leftovers:
            k = 0
            while k < len(part):
                if not _name_like(part[k]):
                    k += 1
                    continue
                m = k + 1
                while m < len(part) and _name_like(part[m]):
                    m += 1
                run = part[k:m]
                # A sentence's first word is capitalised anyway: it counts only if it is a
                # first name ("Jack Smith hits me"), not "Lovely Oakwood people".
                if run[0].sentence_start and not _any_first_name(run[:1]):
                    run = run[1:]
                    k += 1
                preceded_by_determiner = (
                    offset + k > 0 and tokens[offset + k - 1].text.lower() in DETERMINERS
                )
                if (
                    len(run) >= 2
                    and not title_case_text
                    and (_any_first_name(run) or not preceded_by_determiner)
                ):
                    found.append((run[0].start, _name_end(run[-1]), "NAME"))
                    names.update(range(offset + k, offset + k + len(run)))
                    k = m
                    continue
                n = 0
                while n < len(run):
                    t, index = run[n], offset + k + n
                    if (
                        t.base in FIRST_NAMES
                        and not (t.sentence_start and t.base in WORDLIKE_NAMES)
                    ) or (t.base in _NEED_CONTEXT and _name_context(text, tokens, index, names)):
                        # The name, and a surname straight after it ("Dave Smith" in Text
                        # Written In Title Case), as "[NAME] Smith" would be on a second pass.
                        last = n
                        while last + 1 < len(run) and _name_like(run[last + 1]):
                            last += 1
                        found.append((t.start, _name_end(run[last]), "NAME"))
                        names.update(range(index, offset + k + last + 1))
                        n = last + 1
                    else:
                        n += 1
                k = m
        i = j
    return found


def _names_and_places(text: str) -> tuple[tuple[int, int, str], ...]:
    capitalised = _CAPITALISED.findall(text)
    if not capitalised:
        return ()
    if (
        len(capitalised) == 1
        and "[NAME]" not in text
        and _base(capitalised[0]) not in FIRST_NAMES
        and _base(capitalised[0]) not in AMBIGUOUS_NAMES
    ):
        return ()  # one capital, usually the first word, and not a first name: nothing to find
    return tuple(sorted(_spans(text)))


@dataclass(frozen=True)
class Redacted:
    text: str
    kinds: tuple[str, ...]  # what was taken out, for the staff view ("NAME", "PHONE", ...)

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's modulus-11 check digit."""
    numbers = [int(ch) for ch in digits if ch.isdigit()]
    if len(numbers) != 10:
        return False
    total = sum(weight * digit for weight, digit in zip(range(10, 1, -1), numbers[:9], strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == numbers[9]


@lru_cache(maxsize=64)
def _local_names(names: tuple[str, ...]) -> re.Pattern[str] | None:
    cleaned = sorted({name.strip() for name in names if name.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(
        r"\b(?:" + "|".join(re.escape(name) for name in cleaned) + r")\b", re.IGNORECASE
    )


def redact(text: str, local_names: Sequence[str] = ()) -> Redacted:
    """``text`` with personal data replaced by [KIND] markers.

    ``local_names`` are the partnership's own school and place names.
    """
    return _redact(text, tuple(local_names))


@lru_cache(maxsize=16384)
def _redact(text: str, local_names: tuple[str, ...]) -> Redacted:
    kinds: list[str] = []

    def mark(kind: str) -> str:
        kinds.append(kind)
        return f"[{kind}]"

    def named(match: re.Match[str]) -> str:
        start, end = match.span(1)
        offset = match.start()
        whole = match.group(0)
        return whole[: start - offset] + mark("NAME") + whole[end - offset :]

    def username(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.lower() in NOT_USERNAMES:
            return match.group(0)
        start, end = match.span(1)
        offset = match.start()
        whole = match.group(0)
        return whole[: start - offset] + mark("HANDLE") + whole[end - offset :]

    has = {
        _AT: "@" in text,
        _WEB: "www." in text.lower() or "http" in text.lower(),
        _DIGIT: _HAS_DIGIT.search(text) is not None,
        _CAPITAL: _HAS_CAPITAL.search(text) is not None,
    }
    result = text
    if has[_CAPITAL] and _NAME_CUE_HINT.search(result):
        result = NAME_CUE.sub(named, result)
    if _SOCIAL_HINT.search(result):
        result = SOCIAL_CUE.sub(username, result)
    for kind, pattern, needs in ORDER:
        if not has[needs]:
            continue
        if kind == "NHS_NUMBER":
            result = pattern.sub(
                lambda m: mark("NHS_NUMBER") if nhs_number_valid(m.group(0)) else m.group(0),
                result,
            )
        else:
            result = pattern.sub(lambda m, kind=kind: mark(kind), result)  # type: ignore[misc]
    places = _local_names(local_names)
    if places is not None:
        result = places.sub(lambda m: mark("PLACE"), result)
    spans = _names_and_places(result)
    if spans:
        pieces: list[str] = []
        position = 0
        for start, end, kind in spans:
            pieces.append(result[position:start])
            pieces.append(mark(kind))
            position = end
        pieces.append(result[position:])
        result = "".join(pieces)
    return Redacted(result, tuple(dict.fromkeys(kinds)))
