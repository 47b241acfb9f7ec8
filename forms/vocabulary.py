"""The words forms, services and templates share, each defined once here.

Plain values, frozen dataclasses and small pure functions: no WTForms, no Flask, no
database, so a service can use them without depending on a form. Templates read this
module as ``vocabulary`` (see ``engagement.templating``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.text import without_hidden_characters

# --- Consultation questions -------------------------------------------------------


class QuestionKind:
    """How a consultation question is answered (``Question.kind``)."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO_NOT_SURE = "yes_no_not_sure"
    SCALE = "scale"
    FREE_TEXT = "free_text"
    PRIORITIES = "priorities"
    ALL = (SINGLE_CHOICE, MULTIPLE_CHOICE, YES_NO_NOT_SURE, SCALE, FREE_TEXT, PRIORITIES)
    ONE_ANSWER = frozenset({SINGLE_CHOICE, YES_NO_NOT_SURE, SCALE})  # radios
    SEVERAL_ANSWERS = frozenset({MULTIPLE_CHOICE, PRIORITIES})  # checkboxes
    OWN_OPTIONS = (SINGLE_CHOICE, MULTIPLE_CHOICE, PRIORITIES)  # staff write the answers
    HAS_LIMIT = frozenset({FREE_TEXT, MULTIPLE_CHOICE, PRIORITIES})  # staff may set a limit


PRIORITIES_MAX_CHOICES = 3  # a new priorities question
NEW_QUESTION_MAX_LENGTH = 500  # characters, a new free-text question
DEFAULT_MAX_LENGTH = 1000  # characters, a free-text question that sets no limit

# What staff see when they choose a kind of question, in the order offered.
QUESTION_KIND_LABELS = {
    QuestionKind.SINGLE_CHOICE: "Choose one answer",
    QuestionKind.MULTIPLE_CHOICE: "Choose any answers",
    QuestionKind.YES_NO_NOT_SURE: "Yes, no or not sure",
    QuestionKind.SCALE: "Five faces, from very unhappy to very happy",
    QuestionKind.PRIORITIES: f"Choose up to {PRIORITIES_MAX_CHOICES} priorities",
    QuestionKind.FREE_TEXT: "Write an answer",
}

# The answer kept when someone chooses "I'd rather not say".
RATHER_NOT_SAY = "rather_not_say"

_FIXED_ANSWERS = {
    QuestionKind.YES_NO_NOT_SURE: ("yes", "no", "not_sure"),
    QuestionKind.SCALE: ("1", "2", "3", "4", "5"),  # very unhappy to very happy
}


def fixed_answers(kind: str) -> tuple[str, ...]:
    """The answer keys every question of ``kind`` has (its options may relabel them);
    empty for kinds whose answers staff write."""
    return _FIXED_ANSWERS.get(kind, ())


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    concern: bool = False
    lang: str = ""


@dataclass(frozen=True)
class QuestionSpec:
    """What a question page's form needs to know, already in the respondent's language."""

    key: str
    kind: str
    choices: tuple[Choice, ...] = ()
    rather_not_say: bool = False
    max_length: int | None = None
    max_choices: int | None = None

    @property
    def choice_keys(self) -> frozenset[str]:
        keys = {choice.key for choice in self.choices}
        if self.rather_not_say:
            keys.add(RATHER_NOT_SAY)
        return frozenset(keys)

    @property
    def text_limit(self) -> int:
        return self.max_length or DEFAULT_MAX_LENGTH


# --- Resume codes -----------------------------------------------------------------

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
# 12 characters: about 59 bits, so guessing is hopeless however fast someone tries.
CODE_LENGTH = 12
LEGACY_CODE_LENGTH = 8  # codes given before December 2026, accepted until they expire
_CODE = re.compile(
    rf"^([{CODE_ALPHABET}]{{{CODE_LENGTH}}}|[{CODE_ALPHABET}]{{{LEGACY_CODE_LENGTH}}})$"
)


def normalise_code(raw: str) -> str:
    """A code as typed, without spaces or hyphens, in capitals."""
    return re.sub(r"[\s-]", "", raw or "").upper()


def is_code(code: str) -> bool:
    """True if a normalised ``code`` has a resume code's letters and length."""
    return bool(_CODE.match(code))


# --- Staff accounts ---------------------------------------------------------------


def normalise_email(email: str) -> str:
    return email.strip().lower()


# --- Section 11 returns -----------------------------------------------------------

# Every rating scale also offers this rating, which needs a reason.
NOT_APPLICABLE = "not_applicable"
# The longest text each part of an answer takes, in characters, by ``AuditAnswer`` field.
AUDIT_ANSWER_LIMITS = {"evidence": 10_000, "impact": 5_000, "not_applicable_reason": 1_000}

# --- The practitioner survey ------------------------------------------------------


@dataclass(frozen=True)
class Option:
    key: str
    text: str


@dataclass(frozen=True)
class Statement:
    key: str
    standard: str  # the Section 11 standard it is compared with, "S1" to "S8"
    text: str
    error: str


@dataclass(frozen=True)
class ChoiceQuestion:
    key: str
    text: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class TextQuestion:
    key: str
    text: str
    hint: str
    max_length: int


@dataclass(frozen=True)
class SurveyQuestions:
    answers: tuple[Option, ...]  # the same answers for every statement
    statements: tuple[Statement, ...]
    improvement: TextQuestion
    about_you: tuple[ChoiceQuestion, ...]  # optional, coarse groups only


# --- Text as stored and written out -----------------------------------------------


def clean_text(value: str | None) -> str:
    """Free text as stored: no hidden characters, one kind of line break, no outer spaces."""
    return without_hidden_characters(value or "").replace("\r\n", "\n").strip()


def for_office_files(text: str) -> str:
    """``text`` as Word and Excel files hold it: every new line a ``"\\n"``, nothing hidden.

    Their XML cannot carry most control characters at all, so text stored before forms
    cleaned it must not stop a download.
    """
    if text.isascii() and text.isprintable():
        return text  # the usual case: nothing to change (checking each character is slow)
    return without_hidden_characters(text.replace("\r\n", "\n").replace("\r", "\n"))


# --- Training evaluation ----------------------------------------------------------


class ItemKind:
    AGREE = "agree"  # 1 strongly disagree .. 5 strongly agree
    CONFIDENCE = "confidence"  # per learning objective: before and now (A), now (B)
    RECOMMEND = "recommend"  # 0 .. 10
    TEXT = "text"
    CHOICE = "choice"  # one of the item's options
    TICKS = "ticks"  # any of the item's options
    ALL = (AGREE, CONFIDENCE, RECOMMEND, TEXT, CHOICE, TICKS)


LONDON_DIMENSIONS = {
    "a": "Relevance, currency and accuracy of content",
    "b": "Quality of delivery",
    "c": "Short and longer-term outcomes",
    "d": "Working together",
}
AGREE_LABELS = {
    1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree",
    5: "Strongly agree",
}  # fmt: skip


@dataclass(frozen=True)
class Item:
    key: str
    kind: str
    text: str
    kirkpatrick: int  # 1 reaction, 2 learning, 3 behaviour, 4 results
    london: str = ""  # a to d, or "" for none
    options: tuple[Option, ...] = ()
    required: bool = False
    hint: str = ""


@dataclass(frozen=True)
class EvaluationForm:
    stage: str  # "a" straight after, "b" the follow-up
    name: str
    items: tuple[Item, ...]


def confidence_keys(stage: str, objective: int) -> tuple[str, ...]:
    """The answer keys of one objective's confidence: before and now (A), now (B)."""
    if stage == "a":
        return (f"confidence_before_{objective}", f"confidence_now_{objective}")
    return (f"confidence_follow_up_{objective}",)


LEVELS = {
    "1": "Level 1: foundation (everyone)",
    "2": "Level 2: working directly with children or parents",
    "3": "Level 3: designated leads and specialists",
    "multi_agency": "Multi-agency (working together)",
}
MODES = {"face_to_face": "Face to face", "online": "Online, live", "e_learning": "E-learning"}


# Optional and coarse, so they cannot tell who answered.
ROLE_GROUPS = {
    "frontline": "Working directly with children or families",
    "manager": "Manager or supervisor",
    "designated_lead": "Designated safeguarding lead",
    "other": "Another role",
}
TRAINING_AGENCY_TYPES = {
    "local_authority": "Local authority",
    "health": "Health",
    "police": "Police",
    "education": "Education",
    "probation_youth_justice": "Probation and youth justice",
    "voluntary_community": "Voluntary and community",
    "other": "Other",
}
