"""Checks on text that staff or translators write for respondents (pure)."""

from __future__ import annotations

import re

MAX_TEXT = 2000
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")


def text_problem(text: str, english: str = "") -> str | None:
    """Why ``text`` may not be shown to respondents, or None."""
    if _TAG.search(text):
        return "Remove the HTML: write plain text only"
    if len(text) > MAX_TEXT:
        return f"Text must be {MAX_TEXT} characters or fewer"
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        return "Remove the hidden control characters"
    missing = set(_PLACEHOLDER.findall(english)) - set(_PLACEHOLDER.findall(text))
    if missing:
        return "Keep the placeholders " + ", ".join(sorted(missing))
    return None
