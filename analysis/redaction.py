"""Redact personal data from free text before staff see or export it (UK patterns).

Patterns are standard-library regular expressions (see the measured set in the
analysis notes); names are caught after cue phrases ("my name is", "my social
worker is") and after titles ("Mr", "Miss"), and partnerships add their own school
and place names. Bare first names without a cue are not caught: quotes still need
a person's review before they are published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    r"my (?:social worker|key ?worker|teacher|mum|dad|mam|nan|brother|sister|friend|"
    r"boyfriend|girlfriend|carer|foster (?:mum|dad|carer)|step ?(?:mum|dad)) (?:is |called )?))"
    r"\s*([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)"
)

ORDER = (
    ("EMAIL", EMAIL),
    ("URL", URL),
    ("HANDLE", HANDLE),
    ("NHS_NUMBER", NHS_NUMBER),
    ("PHONE", PHONE),
    ("NI_NUMBER", NINO),
    ("POSTCODE", POSTCODE),
    ("DATE_OF_BIRTH", BIRTHDAY),
    ("DATE", DATE),
    ("NAME", TITLED_NAME),
)


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


def _local_names(names: Iterable[str]) -> re.Pattern[str] | None:
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
    kinds: list[str] = []

    def mark(kind: str) -> str:
        kinds.append(kind)
        return f"[{kind}]"

    def named(match: re.Match[str]) -> str:
        start, end = match.span(1)
        offset = match.start()
        whole = match.group(0)
        return whole[: start - offset] + mark("NAME") + whole[end - offset :]

    result = NAME_CUE.sub(named, text)
    for kind, pattern in ORDER:
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
    return Redacted(result, tuple(dict.fromkeys(kinds)))
