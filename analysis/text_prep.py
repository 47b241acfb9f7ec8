"""Tidy a free-text answer before it is read by language, redaction, concern and sentiment.

``normalise`` keeps case (redaction looks for capitals) and keeps every script
intact: NFKC only folds compatibility forms (full-width letters, ligatures,
Arabic presentation forms) into the ordinary letters. Invisible characters that
change how text is shown or matched are removed: control characters, the
bidirectional controls a browser uses to reorder text (U+200E/F, U+202A-E,
U+2066-9, U+061C), zero-width spaces, soft hyphens and byte-order marks. The
zero-width (non-)joiners U+200C/D stay: Urdu, Bengali, Gujarati and emoji need
them. Curly apostrophes become straight ones, so "don’t" and "don't" read alike.
Runs of spaces become one space; a run that holds a line break becomes one line
break (the concern check treats a new line as a new clause).
"""

from __future__ import annotations

import re
import unicodedata

_BIDI_CONTROLS = (
    [0x061C, 0x200E, 0x200F] + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))
)
_INVISIBLE = [0x00AD, 0x180E, 0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF]

_TABLE: dict[int, str | None] = {
    # Other control characters would glue two words together if dropped.
    **dict.fromkeys([*range(0, 32), 127, *range(128, 160)], " "),
    **dict.fromkeys(_BIDI_CONTROLS + _INVISIBLE),
    **dict.fromkeys((10, 11, 12, 13, 133, 8232, 8233), "\n"),
    0x09: " ",
    0x2018: "'",
    0x2019: "'",
    0x02BC: "'",
}
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r"\s*\n\s*")


def normalise(text: str) -> str:
    """``text`` in NFKC, without control or bidi characters, with whitespace collapsed."""
    if text.isascii():
        if text.isprintable():  # the usual case: only spaces to tidy
            return " ".join(text.split())
        text = text.translate(_TABLE)
    else:
        if _SPECIAL.search(text):
            text = text.translate(_TABLE)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    if "\n" in text:
        text = _BREAKS.sub("\n", text)
    return _SPACES.sub(" ", text).strip()
