"""What the respondent's browser session holds: the id of each unfinished answer set.

The session cookie lasts only as long as the browser session. The draft id in it
is random and the draft is deleted once the answers are sent.
"""

from __future__ import annotations

from flask import session


def draft_id(slug: str) -> str | None:
    return session.get("drafts", {}).get(slug)


def remember_draft(slug: str, draft: str) -> None:
    drafts = dict(session.get("drafts", {}))
    drafts[slug] = draft
    session["drafts"] = drafts


def forget_draft(slug: str) -> None:
    drafts = dict(session.get("drafts", {}))
    drafts.pop(slug, None)
    session["drafts"] = drafts


def mark_sent(slug: str) -> None:
    forget_draft(slug)
    session["sent"] = slug


def was_sent(slug: str) -> bool:
    return session.get("sent") == slug


def remember_code(code: str) -> None:
    session["resume_code"] = code


def pop_code() -> str | None:
    return session.pop("resume_code", None)
