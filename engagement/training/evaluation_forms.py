"""The evaluation forms: the built-in Form A and Form B (domain research §2.2, each item
tagged with its Kirkpatrick level and London framework dimension), and a partnership's
own adapted copies."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from engagement import db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import TrainingForm
from forms.vocabulary import EvaluationForm, Item, ItemKind, Option

BUILT_IN = {"built_in_a": "form_a.json", "built_in_b": "form_b.json"}
_HERE = Path(__file__).resolve().parent / "built_in"


def _item(data: dict[str, Any]) -> Item:
    return Item(
        key=data["key"],
        kind=data["kind"],
        text=data["text"],
        kirkpatrick=int(data["kirkpatrick"]),
        london=data.get("london", ""),
        options=tuple(Option(key, text) for key, text in data.get("options", ())),
        required=bool(data.get("required", False)),
        hint=data.get("hint", ""),
    )


def _form(stage: str, name: str, items: list[dict[str, Any]]) -> EvaluationForm:
    return EvaluationForm(stage, name, tuple(_item(i) for i in items))


@functools.cache
def built_in(key: str) -> EvaluationForm:
    data = json.loads((_HERE / BUILT_IN[key]).read_text(encoding="utf-8"))
    return _form(data["stage"], data["name"], data["items"])


def raw_built_in(key: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads((_HERE / BUILT_IN[key]).read_text("utf-8"))["items"]
    return items


def resolve(partnership_id: str, key: str, stage: str) -> EvaluationForm:
    """A course's form for ``stage`` ("a" or "b"): a built-in one, or the partnership's
    own copy (the built-in one if the copy is not the partnership's)."""
    if key in BUILT_IN:
        return built_in(key)
    own = db.session().get(TrainingForm, key)
    if own is None or own.partnership_id != partnership_id or own.stage != stage:
        return built_in(f"built_in_{stage}")
    return _form(own.stage, own.name, own.items)


def own_copy(partnership_id: str, form_id: str) -> tuple[TrainingForm, EvaluationForm] | None:
    """A partnership's copy, and every item it could hold (left-out ones included, as
    they are now worded or as built in)."""
    found = db.session().get(TrainingForm, form_id)
    if found is None or found.partnership_id != partnership_id:
        return None
    current = {i["key"]: i for i in found.items}
    every = [current.get(i["key"], i) for i in raw_built_in(found.copied_from)]
    return found, _form(found.stage, found.name, every)


def listing(partnership_id: str) -> list[tuple[str, EvaluationForm]]:
    """(key, form) for the built-in forms and the partnership's copies."""
    found = [(key, built_in(key)) for key in BUILT_IN]
    for own in db.session().scalars(
        sa.select(TrainingForm)
        .where(TrainingForm.partnership_id == partnership_id)
        .order_by(TrainingForm.name)
    ):
        found.append((own.id, _form(own.stage, own.name, own.items)))
    return found


def copy(actor: SignedInUser, key: str, name: str) -> str:
    """A partnership's own copy of a built-in form, to adapt."""
    original = built_in(key)
    with db.transaction() as s:
        form = TrainingForm(
            partnership_id=actor.partnership_id,
            stage=original.stage,
            name=name,
            copied_from=key,
            items=raw_built_in(key),
        )
        s.add(form)
        s.flush()
        activity_log.record(
            s, "training_form.copied", actor.id, actor.partnership_id, "training_form", form.id
        )
        return form.id


def reword(actor: SignedInUser, form_id: str, texts: dict[str, str], left_out: set[str]) -> None:
    """Change the wording of a copy's items, and leave out optional ones. A required
    item, and the confidence pairs the results depend on, are always kept."""
    with db.transaction() as s:
        form = s.get(TrainingForm, form_id)
        if form is None or form.partnership_id != actor.partnership_id:
            raise LookupError(form_id)
        items = []
        for item in raw_built_in(form.copied_from):
            current = next((i for i in form.items if i["key"] == item["key"]), None)
            if current is None and item["key"] in left_out:
                continue
            keep = item["required"] or item["kind"] == ItemKind.CONFIDENCE
            if item["key"] in left_out and not keep:
                continue
            changed = dict(current or item)
            if texts.get(item["key"]):
                changed["text"] = texts[item["key"]]
            items.append(changed)
        form.items = items
        activity_log.record(
            s, "training_form.changed", actor.id, actor.partnership_id, "training_form", form.id
        )
