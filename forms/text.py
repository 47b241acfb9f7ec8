"""What text may hold, for everyone's forms: young people's, practitioners' and staff's.

Two kinds of character never reach storage:

- **Line breaks by another name** (vertical tab, form feed, next line, and the Unicode
  line and paragraph separators) are what Word and some phones put in for a new line.
  They mean a new line, so they become ``"\\n"`` without a word to the person.
- **Hidden characters** (other control characters such as NUL, the bidirectional
  embedding/override/isolate controls, lone surrogates and the noncharacters such as
  U+FFFE and U+FFFF) can make text display differently from what it says, are refused by
  PostgreSQL (NUL), or cannot be written to Word and Excel files (XML). They are taken
  out, and the form says so and shows the text again, so the person checks what is left
  and sends it once more.

New lines, carriage returns and tabs are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

# Each means "a new line" (VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR).
LINE_BREAKS = frozenset({"\x0b", "\x0c", "\x85", "\u2028", "\u2029"})
_LINE_BREAK = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_ALLOWED_CONTROLS = frozenset({"\n", "\r", "\t"})
_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def _noncharacter(code: int) -> bool:
    """U+FDD0 to U+FDEF, and the last two code points of every plane (U+FFFE, U+FFFF...)."""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _hidden(ch: str) -> bool:
    if ch in _BIDI_CONTROLS or _noncharacter(ord(ch)):
        return True
    category = unicodedata.category(ch)
    return (category == "Cc" and ch not in _ALLOWED_CONTROLS) or category == "Cs"


def with_plain_line_breaks(text: str) -> str:
    """``text`` with every kind of line break in LINE_BREAKS made a ``"\\n"``."""
    return _LINE_BREAK.sub("\n", text)


def has_hidden_characters(text: str) -> bool:
    """True if ``text`` holds a character that is refused (line breaks are not)."""
    return any(_hidden(ch) for ch in with_plain_line_breaks(text))


def without_hidden_characters(text: str) -> str:
    """``text`` as it may be stored: line breaks made plain, hidden characters taken out."""
    return "".join(ch for ch in with_plain_line_breaks(text) if not _hidden(ch))


def marked_hidden_characters(text: str) -> str:
    """``text`` with line breaks made plain and each hidden character made U+FFFD."""
    return "".join("\ufffd" if _hidden(ch) else ch for ch in with_plain_line_breaks(text))
