"""Password rules: length and a check against common choices, not composition rules
(NCSC password guidance; OWASP ASVS 6.2)."""

from __future__ import annotations

from forms.vocabulary import normalise_email

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
COMMON_PASSWORDS = frozenset(
    {
        "password", "password1", "password12", "password123", "passw0rd", "qwerty", "qwertyuiop",
        "123456789012", "1234567890", "iloveyou", "letmein", "welcome", "welcome123",
        "safeguarding", "safeguarding1", "changeme", "changeme123", "administrator",
        "qwertyuiop12", "password1234", "abcdefghijkl", "aaaaaaaaaaaa",
    }
)  # fmt: skip


def password_problem(password: str, email: str) -> str | None:
    """Why ``password`` may not be used, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Enter a password that is at least {MIN_PASSWORD_LENGTH} characters long"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Enter a password that is {MAX_PASSWORD_LENGTH} characters or fewer"
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or lowered == normalise_email(email).split("@")[0]:
        return "Choose a password that is harder to guess"
    if len(set(lowered)) < 4:
        return "Choose a password that is harder to guess"
    return None
