"""engagement.consultations.text, called directly: checking and saving a language's
texts all or nothing, with history, and reading translators' files."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.consultations import text
from engagement.models import AuditEvent, Consultation, ContentEdit, StaffUser


def _actor(app, world) -> SignedInUser:
    with app.app_context():
        return SignedInUser(db.session().get(StaffUser, world.people["partnership_admin"].id), "s")


def _items(app, world) -> dict[str, text.TextItem]:
    with app.app_context():
        consultation = db.session().get(Consultation, world.consultation)
        return {item.id: item for item in text.items(consultation)}


def test_items_have_stable_ids_and_english(app, world):
    found = _items(app, world)
    assert found["consultation.title"].english
    assert any(i.startswith("question.") and i.endswith(".text") for i in found)
    assert any(i.startswith("option.") for i in found)
    assert all(item.english for item in found.values())


def test_a_language_saves_with_history_and_a_log_entry(app, world):
    actor = _actor(app, world)
    welsh = _items(app, world)["consultation.title"].texts["cy"]
    with app.app_context():
        assert text.save(actor, world.consultation, "cy", {"consultation.title": " Teitl "},
                         source="form") == {}  # fmt: skip
        # Saving the same text again changes nothing and records no edit.
        assert text.save(actor, world.consultation, "cy", {"consultation.title": "Teitl"},
                         source="form") == {}  # fmt: skip
    assert _items(app, world)["consultation.title"].texts["cy"] == "Teitl"
    with app.app_context():
        edits = db.session().scalars(sa.select(ContentEdit)).all()
        assert [(e.item, e.language, e.before, e.after) for e in edits] == [
            ("consultation.title", "cy", welsh, "Teitl")]  # fmt: skip
        [(edit, name)] = text.history(world.consultation)
        assert name == "Partnership Admin"
        logged = (
            db.session()
            .scalars(sa.select(AuditEvent).where(AuditEvent.action == "consultation_text_changed"))
            .all()
        )
        assert len(logged) == 2


def test_an_emptied_translation_is_removed(app, world):
    actor = _actor(app, world)
    with app.app_context():
        text.save(actor, world.consultation, "pl", {"consultation.title": "Tytuł"}, "form")
        text.save(actor, world.consultation, "pl", {"consultation.title": "  "}, "form")
    assert "pl" not in _items(app, world)["consultation.title"].texts


def test_one_bad_text_saves_nothing(app, world):
    actor = _actor(app, world)
    before = _items(app, world)
    with app.app_context():
        problems = text.save(actor, world.consultation, "cy", {
            "consultation.title": "Teitl", "consultation.purpose": "<b>Pwrpas</b>",
            "no.such.item": "x"}, "form")  # fmt: skip
        assert problems == {
            "consultation.purpose": "Remove the HTML: write plain text only",
            "no.such.item": "Unknown text id \u201cno.such.item\u201d",
        }
        assert text.save(actor, world.consultation, "en", {"consultation.title": " "}, "form") == {
            "consultation.title": "English text cannot be empty"}  # fmt: skip
        assert text.save(actor, world.consultation, "xx", {}, "form") == {
            "language": "Unknown language"}  # fmt: skip
        assert db.session().scalar(sa.select(sa.func.count(ContentEdit.id))) == 0
    assert _items(app, world) == before


def test_another_partnerships_consultation_is_not_found(app, world):
    with app.app_context(), pytest.raises(LookupError):
        text.save(_actor(app, world), world.foreign_consultation, "cy", {}, "form")


def test_completeness_counts_translated_texts(app, world):
    total = len(_items(app, world))
    with app.app_context():
        before = text.completeness(db.session().get(Consultation, world.consultation))
        untranslated = next(code for code, share in before.items() if share == 0)
        assert text.save(_actor(app, world), world.consultation, untranslated,
                         {"consultation.title": "Title"}, "form") == {}  # fmt: skip
    with app.app_context():
        after = text.completeness(db.session().get(Consultation, world.consultation))
    assert before["en"] == after["en"] == 100
    assert after[untranslated] == round(100 / total)


def test_an_exported_file_reads_back_as_the_same_texts(app, world):
    with app.app_context():
        text.save(_actor(app, world), world.consultation, "cy",
                  {"consultation.title": "Teitl"}, "form")  # fmt: skip
        consultation = db.session().get(Consultation, world.consultation)
        po, xliff = text.export_po(consultation, "cy"), text.export_xliff(consultation, "cy")
    for data, name in ((po, "cy.po"), (xliff, "cy.xliff")):
        texts, problems = text.parse_file(data, name)
        assert problems == [] and texts["consultation.title"] == "Teitl"


@pytest.mark.parametrize(("data", "name", "problem"), [
    (b'<!DOCTYPE x [<!ENTITY a "b">]><x/>', "t.xliff", "must not contain a DOCTYPE"),
    (b"<xliff", "t.xlf", "could not be read"),
    (b"msgid", "t.docx", "Upload a .po or .xliff file"),
])  # fmt: skip
def test_files_that_cannot_be_read(data, name, problem):
    texts, problems = text.parse_file(data, name)
    assert texts == {} and problem in problems[0]


def test_inline_markup_in_a_translation_is_refused_when_imported(app, world):
    xliff = (
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>'
        b'<trans-unit id="consultation.title"><target>Teitl <g id="1">bold</g></target>'
        b"</trans-unit></body></file></xliff>"
    )
    with app.app_context():
        problems = text.import_file(_actor(app, world), world.consultation, "cy", xliff, "t.xlf")
        assert problems == ["consultation.title: Remove the HTML: write plain text only"]
        assert text.import_file(_actor(app, world), world.consultation, "cy",
                                b'msgid ""\nmsgstr ""\n', "t.po") == [
            "The file has no translated texts in it"]  # fmt: skip
