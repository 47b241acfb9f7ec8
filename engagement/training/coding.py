"""Themes in what practitioners wrote after training: suggested by the starter training
codebook's words and, once staff have coded enough answers, by a model that learns from
their decisions (``analysis.suggest``); confirmed or rejected by a person.

A person's decisions are kept in ``training_codings``, one row per theme of an answer.
An answer someone has coded shows only the themes they confirmed; any other shows its
suggestions. The model is fitted on the partnership's coded answers, and kept in memory
until someone codes another answer.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from analysis import training_stats
from analysis.codebook import Codebook, CodebookTheme
from analysis.redaction import redact
from analysis.text_prep import normalise
from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    Course,
    Partnership,
    TrainingCoding,
    TrainingEvaluation,
    TrainingSession,
)
from engagement.training import evaluation_forms
from forms.vocabulary import ItemKind

if TYPE_CHECKING:
    from analysis.suggest import Suggester

CODEBOOK = Path(__file__).resolve().parent / "built_in" / "codebook.json"
# Written questions whose answers are quoted and themed (Form A's pledge and barriers,
# Form B's example and what helped or hindered).
QUOTED_ITEMS = ("pledge", "barriers", "example", "helped_hindered")
# The model learns once this many answers are coded, with at least two themes confirmed.
LEARN_FROM = 10
PAGE_SIZE = 25
MIN_GROUP = training_stats.MIN_GROUP  # fewer answers than this are never shown


class CodingProblem(ValueError):
    pass


@dataclass(frozen=True)
class Mark:
    theme_id: str
    confirmed: bool  # by a person; otherwise suggested
    source: str  # "staff", "codebook" or "model"
    confidence: float  # the model's; 1.0 otherwise


@dataclass(frozen=True)
class CodedAnswer:
    evaluation_id: str
    text: str  # redacted
    marks: tuple[Mark, ...]
    coded: bool  # by a person


@functools.cache
def starter_codebook() -> tuple[Codebook, dict[str, str]]:
    data = json.loads(CODEBOOK.read_text(encoding="utf-8"))
    themes = [CodebookTheme(t["id"], {"en": t["en"]}) for t in data["themes"]]
    return Codebook(themes), {t["id"]: t["name"] for t in data["themes"]}


def redacted(course: Course, text: str) -> str:
    return redact(normalise(text), list(course.partnership.local_names or [])).text


def written_question(course: Course, item_key: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A themed question's text and its answers (evaluation id, text as written), newest
    first; None if the course's forms have no such question."""
    if item_key not in QUOTED_ITEMS:
        return None
    for stage, form_id in (("a", course.form_a), ("b", course.form_b)):
        form = evaluation_forms.resolve(course.partnership_id, form_id, stage)
        item = next((i for i in form.items if i.key == item_key and i.kind == ItemKind.TEXT), None)
        if item is None:
            continue
        rows = db.session().execute(
            sa.select(TrainingEvaluation.id, TrainingEvaluation.answers)
            .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
            .where(TrainingSession.course_id == course.id, TrainingEvaluation.stage == stage)
            .order_by(TrainingEvaluation.submitted_on.desc(), TrainingEvaluation.id)
        )
        return str(item.text), [(e, a[item_key]) for e, a in rows if a.get(item_key)]
    return None


def page_of(course: Course, item_key: str, page: int) -> tuple[str, int, list[CodedAnswer]] | None:
    """One page of a question's answers with their themes, and how many there are in
    all; no answers at all while fewer than 5 people have written one."""
    found = written_question(course, item_key)
    if found is None:
        return None
    question, answers = found
    if len(answers) < MIN_GROUP:
        return question, len(answers), []
    chosen = answers[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    texts = [(e, redacted(course, t)) for e, t in chosen]
    return question, len(answers), coded(course, question, item_key, texts)


def one(course: Course, item_key: str, evaluation_id: str) -> tuple[str, CodedAnswer] | None:
    found = written_question(course, item_key)
    if found is None or len(found[1]) < MIN_GROUP:
        return None
    question, answers = found
    text = dict(answers).get(evaluation_id)
    if text is None:
        return None
    return question, coded(course, question, item_key, [(evaluation_id, redacted(course, text))])[0]


def decisions(evaluation_ids: Sequence[str], item_key: str) -> dict[str, dict[str, bool]]:
    """evaluation id -> {theme id: confirmed} for the answers a person has coded."""
    found: dict[str, dict[str, bool]] = {}
    for chunk in _chunks(list(evaluation_ids), 500):
        rows = db.session().execute(
            sa.select(
                TrainingCoding.evaluation_id, TrainingCoding.theme_id, TrainingCoding.confirmed
            ).where(TrainingCoding.evaluation_id.in_(chunk), TrainingCoding.item_key == item_key)
        )
        for evaluation_id, theme_id, confirmed in rows:
            found.setdefault(evaluation_id, {})[theme_id] = confirmed
    return found


def coded(
    course: Course, question: str, item_key: str, answers: Sequence[tuple[str, str]]
) -> list[CodedAnswer]:
    """Each (evaluation id, redacted text) answer to one question with its themes."""
    codebook, names = starter_codebook()
    decided = decisions([e for e, _ in answers], item_key)
    undecided = [(e, t) for e, t in answers if e not in decided]
    learned = _model_marks(course.partnership_id, question, undecided)
    order = {theme_id: n for n, theme_id in enumerate(names)}
    found = []
    for evaluation_id, text in answers:
        if evaluation_id in decided:
            marks = [
                Mark(theme_id, True, "staff", 1.0)
                for theme_id, confirmed in decided[evaluation_id].items()
                if confirmed and theme_id in names
            ]
        else:
            marks = [Mark(t, False, "codebook", 1.0) for t in codebook.match(text, "en")]
            marks += [m for m in learned.get(evaluation_id, ()) if m.theme_id not in {
                k.theme_id for k in marks}]  # fmt: skip
        marks.sort(key=lambda m: order[m.theme_id])
        found.append(CodedAnswer(evaluation_id, text, tuple(marks), evaluation_id in decided))
    return found


def record(
    actor: SignedInUser, course: Course, evaluation_id: str, item_key: str, chosen: Iterable[str]
) -> None:
    """A person's coding of one answer: the chosen themes confirmed, every other theme of
    the codebook rejected (so the model learns from both)."""
    _, names = starter_codebook()
    chosen = set(chosen)
    if chosen - set(names):
        raise CodingProblem("Choose themes from the list")
    if item_key not in QUOTED_ITEMS:
        raise LookupError(item_key)
    with db.transaction() as s:
        evaluation = s.scalar(
            sa.select(TrainingEvaluation)
            .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
            .where(TrainingEvaluation.id == evaluation_id, TrainingSession.course_id == course.id)
        )
        if evaluation is None or not evaluation.answers.get(item_key):
            raise LookupError(evaluation_id)
        s.execute(
            sa.delete(TrainingCoding).where(
                TrainingCoding.evaluation_id == evaluation_id, TrainingCoding.item_key == item_key
            )
        )
        now = clock.now()
        s.add_all(
            TrainingCoding(
                evaluation_id=evaluation_id,
                item_key=item_key,
                theme_id=theme_id,
                confirmed=theme_id in chosen,
                decided_by=actor.id,
                decided_at=now,
            )
            for theme_id in names
        )
        activity_log.record(
            s, "training_answer.coded", actor.id, actor.partnership_id, "course", course.id
        )


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- the model that learns from staff decisions ---------------------------------------

# analysis.suggest is imported where it is used: scikit-learn would slow a web worker's start.
_models: dict[str, tuple[tuple[Any, ...], Suggester | None]] = {}
_models_lock = threading.Lock()


def _coded_rows(partnership_id: str) -> sa.Select[Any]:
    return (
        sa.select(TrainingCoding)
        .join(TrainingEvaluation, TrainingEvaluation.id == TrainingCoding.evaluation_id)
        .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(Course.partnership_id == partnership_id)
    )


def _version(partnership_id: str) -> tuple[Any, ...]:
    counted = _coded_rows(partnership_id).with_only_columns(
        sa.func.count(), sa.func.max(TrainingCoding.decided_at)
    )
    return tuple(db.session().execute(counted).one())


def model(partnership_id: str) -> Suggester | None:
    """Fitted on the partnership's coded answers; None until there are enough."""
    version = _version(partnership_id)
    with _models_lock:
        kept = _models.get(partnership_id)
        if kept is not None and kept[0] == version:
            return kept[1]
    fitted = _fit(partnership_id)
    with _models_lock:
        _models[partnership_id] = (version, fitted)
    return fitted


def _fit(partnership_id: str) -> Suggester | None:
    from analysis.suggest import Answer as ModelAnswer
    from analysis.suggest import Suggester

    rows = db.session().execute(
        _coded_rows(partnership_id).with_only_columns(
            TrainingCoding.evaluation_id, TrainingCoding.item_key, TrainingCoding.theme_id,
            TrainingCoding.confirmed, TrainingEvaluation.answers, TrainingEvaluation.stage,
            Course.form_a, Course.form_b, Course.partnership_id,
        )
    ).all()  # fmt: skip
    themes: dict[tuple[str, str], list[str]] = {}
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    questions: dict[tuple[str, str, str], str] = {}  # each form is resolved once
    for evaluation_id, key, theme_id, confirmed, answers, stage, form_a, form_b, owner in rows:
        themes.setdefault((evaluation_id, key), [])
        if confirmed:
            themes[(evaluation_id, key)].append(theme_id)
        if (evaluation_id, key) not in texts:
            form_id = form_a if stage == "a" else form_b
            if (form_id, stage, key) not in questions:
                form = evaluation_forms.resolve(owner, form_id, stage)
                questions[(form_id, stage, key)] = next(
                    (str(i.text) for i in form.items if i.key == key), key
                )
            texts[(evaluation_id, key)] = (
                questions[(form_id, stage, key)],
                str(answers.get(key, "")),
            )
    confirmed_themes = {t for found in themes.values() for t in found}
    if len(themes) < LEARN_FROM or len(confirmed_themes) < 2:
        return None
    partnership = db.session().get(Partnership, partnership_id)
    local = list(partnership.local_names or []) if partnership else []
    keys = list(themes)
    answers = [ModelAnswer(texts[k][0], redact(normalise(texts[k][1]), local).text) for k in keys]
    return Suggester().fit(answers, [themes[k] for k in keys], ["neutral"] * len(keys))


def _model_marks(
    partnership_id: str, question: str, answers: Sequence[tuple[str, str]]
) -> dict[str, list[Mark]]:
    from analysis.suggest import Answer as ModelAnswer

    suggester = model(partnership_id) if answers else None
    if suggester is None:
        return {}
    suggested = suggester.suggest([ModelAnswer(question, text) for _, text in answers])
    return {
        evaluation_id: [Mark(t, False, "model", c) for t, c in s.themes]
        for (evaluation_id, _), s in zip(answers, suggested, strict=True)
    }
