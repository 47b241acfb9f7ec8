"""A consultation's text in every language: listing, editing (with history), and PO and
XLIFF files for translators. Imports are checked whole and applied all or nothing."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from analysis.text_checks import text_problem
from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.consultations.catalogue import forget
from engagement.i18n import LANGUAGE_CODES
from engagement.models import Consultation, ContentEdit, StaffUser

CONSULTATION_FIELDS = ("title", "purpose", "who_sees", "privacy_notice", "next_steps")
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


@dataclass(frozen=True)
class TextItem:
    id: str  # stable, for translators' tools: "question.12-18.feel_safe_area.text"
    label: str
    texts: dict[str, str]

    @property
    def english(self) -> str:
        return self.texts.get("en", "")


def _holders(consultation: Consultation) -> list[tuple[str, str, Any, str]]:
    """(id, label, object, attribute or option index) for every translatable text."""
    found: list[tuple[str, str, Any, str]] = [
        (f"consultation.{name}", name.replace("_", " ").capitalize(), consultation, name)
        for name in CONSULTATION_FIELDS
    ]
    for version in consultation.versions:
        band = version.age_band
        found.append((f"version.{band}.label", f"Age band {band}", version, "label"))
        for number, q in enumerate(version.questions, start=1):
            prefix = f"question.{band}.{q.key}"
            found.append((f"{prefix}.text", f"{band} question {number}", q, "text"))
            found.append((f"{prefix}.hint", f"{band} question {number}: hint", q, "hint"))
            for index, option in enumerate(q.options):
                if option.get("text"):
                    found.append(
                        (f"option.{band}.{q.key}.{option['key']}",
                         f"{band} question {number}: answer", q, f"option:{index}")
                    )  # fmt: skip
    return found


def _read(holder: Any, attribute: str) -> dict[str, str]:
    if attribute.startswith("option:"):
        return dict(holder.options[int(attribute.split(":")[1])].get("text") or {})
    return dict(getattr(holder, attribute) or {})


def items(consultation: Consultation) -> list[TextItem]:
    return [
        TextItem(item_id, label, _read(holder, attribute))
        for item_id, label, holder, attribute in _holders(consultation)
        if _read(holder, attribute).get("en")
    ]


def completeness(consultation: Consultation) -> dict[str, int]:
    """Percentage of texts translated, per language."""
    all_items = items(consultation)
    return {
        code: round(100 * sum(1 for i in all_items if i.texts.get(code)) / max(len(all_items), 1))
        for code in LANGUAGE_CODES
    }


def check(consultation: Consultation, language: str, texts: dict[str, str]) -> dict[str, str]:
    """Problems with proposed texts, by item id (empty: all fine)."""
    known = {item.id: item for item in items(consultation)}
    problems = {}
    for item_id, text in texts.items():
        if item_id not in known:
            problems[item_id] = f"Unknown text id \u201c{item_id}\u201d"
        elif language == "en" and not text.strip():
            problems[item_id] = "English text cannot be empty"
        else:
            problem = text_problem(text, known[item_id].english)
            if problem:
                problems[item_id] = problem
    return problems


def save(
    actor: SignedInUser, consultation_id: str, language: str, texts: dict[str, str], source: str
) -> dict[str, str]:
    """Save texts in ``language`` if every one passes; returns problems (nothing saved if any)."""
    if language not in LANGUAGE_CODES:
        return {"language": "Unknown language"}
    with db.transaction() as s:
        consultation = s.get(Consultation, consultation_id)
        if consultation is None or consultation.partnership_id != actor.partnership_id:
            raise LookupError(consultation_id)
        problems = check(consultation, language, texts)
        if problems:
            return problems
        forget(consultation.slug)
        changed = 0
        holders = {item_id: (holder, attr) for item_id, _, holder, attr in _holders(consultation)}
        for item_id, text in texts.items():
            holder, attribute = holders[item_id]
            current = _read(holder, attribute)
            before, after = current.get(language), text.strip() or None
            if before == after:
                continue
            if after is None:
                current.pop(language, None)
            else:
                current[language] = after
            _write(holder, attribute, current)
            s.add(
                ContentEdit(
                    consultation_id=consultation_id,
                    at=clock.now(),
                    actor_id=actor.id,
                    item=item_id,
                    language=language,
                    before=before,
                    after=after,
                )
            )
            changed += 1
        activity_log.record(
            s, "consultation_text_changed", actor.id, actor.partnership_id, "consultation",
            consultation_id, language=language, texts_changed=changed, source=source,
        )  # fmt: skip
    return {}


def _write(holder: Any, attribute: str, value: dict[str, str]) -> None:
    if attribute.startswith("option:"):
        options = [dict(option) for option in holder.options]
        options[int(attribute.split(":")[1])]["text"] = value
        holder.options = options
    else:
        setattr(holder, attribute, value)


# Files for translators ------------------------------------------------------------


def export_po(consultation: Consultation, language: str) -> bytes:
    catalog = Catalog(locale=language if language != "en" else None, project=consultation.slug)
    for item in items(consultation):
        catalog.add(item.english, item.texts.get(language, ""), context=item.id)
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def export_xliff(consultation: Consultation, language: str) -> bytes:
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(f"{{{XLIFF_NS}}}xliff", version="1.2")
    file = ET.SubElement(
        root,
        f"{{{XLIFF_NS}}}file",
        {
            "original": consultation.slug,
            "datatype": "plaintext",
            "source-language": "en",
            "target-language": language,
        },
    )
    body = ET.SubElement(file, f"{{{XLIFF_NS}}}body")
    for item in items(consultation):
        unit = ET.SubElement(body, f"{{{XLIFF_NS}}}trans-unit", id=item.id)
        ET.SubElement(unit, f"{{{XLIFF_NS}}}source").text = item.english
        ET.SubElement(unit, f"{{{XLIFF_NS}}}target").text = item.texts.get(language, "")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def parse_file(data: bytes, filename: str) -> tuple[dict[str, str], list[str]]:
    """Texts by id from a PO or XLIFF file, and problems reading it."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return {}, ["The file must not contain a DOCTYPE or entities"]
    try:
        if filename.lower().endswith((".xlf", ".xliff")):
            return _parse_xliff(data), []
        if filename.lower().endswith((".po", ".pot")):
            catalog = read_po(io.BytesIO(data), abort_invalid=True)
            return {
                m.context: str(m.string) for m in catalog if m.id and m.context and m.string
            }, []
    except (ET.ParseError, ValueError, UnicodeDecodeError) as error:
        return {}, [f"The file could not be read: {error}"]
    except Exception as error:  # babel raises its own PoFileError and others
        return {}, [f"The file could not be read: {type(error).__name__}"]
    return {}, ["Upload a .po or .xliff file"]


def _parse_xliff(data: bytes) -> dict[str, str]:
    root = ET.fromstring(data)
    texts = {}
    for unit in root.iter(f"{{{XLIFF_NS}}}trans-unit"):
        target = unit.find(f"{{{XLIFF_NS}}}target")
        if target is not None and len(target):
            texts[unit.get("id", "")] = "<markup>"  # inline tags: refused as HTML below
        elif target is not None and target.text:
            texts[unit.get("id", "")] = target.text
    return texts


def import_file(
    actor: SignedInUser, consultation_id: str, language: str, data: bytes, filename: str
) -> list[str]:
    """Import a translated file: every text checked first, then all saved or none."""
    texts, problems = parse_file(data, filename)
    if problems:
        return problems
    if not texts:
        return ["The file has no translated texts in it"]
    found = save(actor, consultation_id, language, texts, source="file")
    return [f"{item_id}: {problem}" for item_id, problem in found.items()]


def history(consultation_id: str, limit: int = 500) -> list[tuple[ContentEdit, str | None]]:
    rows = db.session().execute(
        sa.select(ContentEdit, StaffUser.name)
        .outerjoin(StaffUser, StaffUser.id == ContentEdit.actor_id)
        .where(ContentEdit.consultation_id == consultation_id)
        .order_by(ContentEdit.at.desc())
        .limit(limit)
    )
    return [(edit, name) for edit, name in rows]
