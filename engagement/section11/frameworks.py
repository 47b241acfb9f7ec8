"""Audit frameworks: the two built-in ones, copies partnerships adapt, and their questions.

Built-in frameworks are kept as they are; a partnership copies one to change its
name, rating scale or questions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import AuditFramework, AuditQuestion, AuditStandard
from engagement.section11.scales import SCALES

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "built_in"
BUILT_IN = ("section_11.json", "section_175.json")


# Each standard is answered on one page, whose largest size the request limit allows for.
MAX_QUESTIONS_PER_STANDARD = 20


class FrameworkProblem(ValueError):
    """A change that can't be made; the message says why."""


def _built_in() -> list[dict[str, Any]]:
    return [json.loads((FRAMEWORKS_DIR / name).read_text(encoding="utf-8")) for name in BUILT_IN]


def add_built_in(s: Session, partnership_id: str) -> int:
    """Add the built-in frameworks the partnership doesn't have yet; how many were added."""
    have = set(
        s.scalars(
            sa.select(AuditFramework.name).where(AuditFramework.partnership_id == partnership_id)
        )
    )
    added = 0
    for content in _built_in():
        if content["name"] in have:
            continue
        framework = AuditFramework(
            partnership_id=partnership_id, kind=content["kind"], name=content["name"],
            scale=content["scale"], created_at=clock.now(),
        )  # fmt: skip
        for position, standard in enumerate(content["standards"]):
            framework.standards.append(
                AuditStandard(
                    position=position,
                    code=standard["code"],
                    title=standard["title"],
                    questions=[
                        AuditQuestion(position=i, text=text)
                        for i, text in enumerate(standard["questions"])
                    ],
                )
            )
        s.add(framework)
        added += 1
    return added


def add_built_in_for(actor: SignedInUser) -> int:
    with db.transaction() as s:
        added = add_built_in(s, actor.partnership_id)
        activity_log.record(
            s, "audit_frameworks_added", actor.id, actor.partnership_id, count=added
        )
        return added


def listing(partnership_id: str) -> list[AuditFramework]:
    return list(
        db.session().scalars(
            sa.select(AuditFramework)
            .where(AuditFramework.partnership_id == partnership_id)
            .order_by(AuditFramework.name)
        )
    )


def get(partnership_id: str, framework_id: str) -> AuditFramework | None:
    return db.session().scalar(
        sa.select(AuditFramework)
        .where(AuditFramework.id == framework_id, AuditFramework.partnership_id == partnership_id)
        .options(selectinload(AuditFramework.standards).selectinload(AuditStandard.questions))
    )


def editable(framework: AuditFramework) -> bool:
    """Only copies change: the built-in frameworks stay as published."""
    return framework.copied_from_id is not None


def _own(s: Session, actor: SignedInUser, framework_id: str) -> AuditFramework:
    framework = s.get(AuditFramework, framework_id)
    if framework is None or framework.partnership_id != actor.partnership_id:
        raise LookupError(framework_id)
    return framework


def copy(actor: SignedInUser, framework_id: str, name: str, scale: str) -> str:
    """A copy to adapt, with its own name and rating scale; the new framework's id."""
    if scale not in SCALES:
        raise FrameworkProblem("Choose a rating scale")
    with db.transaction() as s:
        source = _own(s, actor, framework_id)
        clash = s.scalar(
            sa.select(AuditFramework.id).where(
                AuditFramework.partnership_id == actor.partnership_id,
                sa.func.lower(AuditFramework.name) == name.lower(),
            )
        )
        if clash:
            raise FrameworkProblem(f"There is already a framework called “{name}”")
        new = AuditFramework(
            partnership_id=actor.partnership_id, kind=source.kind, name=name, scale=scale,
            copied_from_id=source.id, created_at=clock.now(),
        )  # fmt: skip
        for standard in source.standards:
            new.standards.append(
                AuditStandard(
                    position=standard.position,
                    code=standard.code,
                    title=standard.title,
                    questions=[
                        AuditQuestion(position=q.position, text=q.text) for q in standard.questions
                    ],
                )
            )
        s.add(new)
        s.flush()
        activity_log.record(
            s, "audit_framework_copied", actor.id, actor.partnership_id, "audit_framework",
            new.id, copied_from=source.id,
        )  # fmt: skip
        return new.id


def _editable_question(
    s: Session, actor: SignedInUser, framework_id: str, question_id: str
) -> AuditQuestion:
    framework = _own(s, actor, framework_id)
    if not editable(framework):
        raise FrameworkProblem("Copy this framework to change its questions")
    question = s.get(AuditQuestion, question_id)
    if question is None or question.standard.framework_id != framework_id:
        raise LookupError(question_id)
    return question


def change_question(actor: SignedInUser, framework_id: str, question_id: str, text: str) -> None:
    with db.transaction() as s:
        question = _editable_question(s, actor, framework_id, question_id)
        question.text = text
        activity_log.record(
            s, "audit_question_changed", actor.id, actor.partnership_id, "audit_question",
            question_id,
        )  # fmt: skip


def remove_question(actor: SignedInUser, framework_id: str, question_id: str) -> None:
    with db.transaction() as s:
        question = _editable_question(s, actor, framework_id, question_id)
        if len(question.standard.questions) == 1:
            raise FrameworkProblem("A standard needs at least one question")
        s.delete(question)
        activity_log.record(
            s, "audit_question_removed", actor.id, actor.partnership_id, "audit_question",
            question_id,
        )  # fmt: skip


def add_question(actor: SignedInUser, framework_id: str, standard_id: str, text: str) -> None:
    with db.transaction() as s:
        framework = _own(s, actor, framework_id)
        if not editable(framework):
            raise FrameworkProblem("Copy this framework to change its questions")
        standard = s.get(AuditStandard, standard_id)
        if standard is None or standard.framework_id != framework_id:
            raise LookupError(standard_id)
        if len(standard.questions) >= MAX_QUESTIONS_PER_STANDARD:
            raise FrameworkProblem(
                f"A standard can have at most {MAX_QUESTIONS_PER_STANDARD} questions"
            )
        position = max((q.position for q in standard.questions), default=-1) + 1
        s.add(AuditQuestion(standard_id=standard_id, position=position, text=text))
        activity_log.record(
            s, "audit_question_added", actor.id, actor.partnership_id, "audit_standard",
            standard_id,
        )  # fmt: skip
