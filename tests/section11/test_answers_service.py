"""engagement.section11.answers, called directly: saving answers, the three-way merge."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from engagement import db
from engagement.accounts.sessions import SignedInUser
from engagement.models import (
    AuditAnswerRevision,
    AuditFramework,
    AuditReturn,
    ReturnStatus,
    StaffUser,
)
from engagement.section11 import answers
from engagement.section11.answers import AnswerChange, _merge
from engagement.section11.returns import ReturnLocked, ReturnProblem
from tests.conftest import both_databases
from tests.section11.audit_data import make_cycle

WHEN = dt.datetime(2027, 3, 4, 9, 5)
MARKER = "[Also written by Bob at 09:05 on 04/03/2027, at the same time:]"


@pytest.mark.parametrize(("base", "theirs", "ours", "merged", "joined"), [
    ("a", "a", "a", "a", False),  # nothing changed
    ("a", "b", "a", "b", False),  # only they changed it
    ("a", "a", "b", "b", False),  # only we changed it
    ("a", "b", "b", "b", False),  # both made the same change
    ("a", "a and more", "  more ", "a and more", False),  # ours already in theirs
    ("", "Alice wrote", "Bob wrote", f"Alice wrote\n\n{MARKER}\nBob wrote", True),
    ("a", "", "Bob wrote", f"\n\n{MARKER}\nBob wrote", True),  # they cleared it; ours kept
    ("a", "Alice wrote", "", "Alice wrote", False),  # we cleared it: theirs wins
])  # fmt: skip
def test_three_way_merge(base, theirs, ours, merged, joined):
    assert _merge(base, theirs, ours, "Bob", WHEN) == (merged, joined)


def _setup(app, world, status=ReturnStatus.IN_PROGRESS):
    ids = make_cycle(app, world, status=status)
    with app.app_context():
        framework = db.session().get(AuditFramework, ids["framework"])
        questions = [q.id for q in framework.standards[0].questions]
    return ids[world.own_agency], questions


def _actor(app, person) -> SignedInUser:
    with app.app_context():
        return SignedInUser(db.session().get(StaffUser, person.id), "session")


def _change(question_id, base_version, rating="mostly", evidence="", impact="", reason=""):
    return AnswerChange(question_id, base_version, rating, evidence, impact, reason)


def _save(app, actor, return_id, *changes):
    with app.app_context():
        return answers.save(actor, return_id, list(changes))


@both_databases
def test_saving_from_an_old_version_joins_both_texts_and_keeps_every_revision(app, world):
    return_id, (first, *_) = _setup(app, world, status=ReturnStatus.NOT_STARTED)
    alice = _actor(app, world.people["agency_lead"])
    bob = _actor(app, world.people["partnership_admin"])
    [saved] = _save(app, alice, return_id, _change(first, 0, evidence="Alice: signed policy."))
    assert (saved.version, saved.merged, saved.evidence) == (1, False, "Alice: signed policy.")
    [saved] = _save(
        app,
        bob,
        return_id,
        _change(first, 0, rating="fully", evidence="Bob: quarterly report.", impact="Fewer delays"),
    )
    assert saved.version == 2 and saved.merged
    assert saved.evidence.startswith("Alice: signed policy.\n\n[Also written by Partnership Admin")
    assert saved.evidence.endswith("\nBob: quarterly report.")
    assert saved.impact == "Fewer delays" and saved.rating == "fully"
    with app.app_context():
        assert db.session().get(AuditReturn, return_id).status == ReturnStatus.IN_PROGRESS
        revisions = db.session().scalars(sa.select(AuditAnswerRevision)).all()
        assert sorted(r.version for r in revisions) == [1, 2]


def test_a_rating_left_as_it_was_keeps_the_other_persons_change(app, world):
    return_id, (first, *_) = _setup(app, world)
    alice = _actor(app, world.people["agency_lead"])
    _save(app, alice, return_id, _change(first, 0, rating="mostly"))
    _save(app, alice, return_id, _change(first, 1, rating="fully"))
    # Someone still on version 1 changes only the evidence: the rating stays "fully".
    [saved] = _save(app, alice, return_id, _change(first, 1, rating="mostly", evidence="More"))
    assert (saved.rating, saved.evidence, saved.version) == ("fully", "More", 3)


def test_saving_the_same_answer_again_makes_no_new_version(app, world):
    return_id, (first, *_) = _setup(app, world)
    alice = _actor(app, world.people["agency_lead"])
    _save(app, alice, return_id, _change(first, 0, evidence="Same"))
    [saved] = _save(app, alice, return_id, _change(first, 1, evidence="Same"))
    assert saved.version == 1
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(AuditAnswerRevision.id))) == 1


@pytest.mark.parametrize(("change", "message"), [
    ({"rating": "excellent"}, "Choose a rating from the list"),
    ({"evidence": "x" * 10_001}, "Keep each box to 10,000 characters or fewer"),
    ({"impact": "x" * 5_001}, "Keep each box to 5,000 characters or fewer"),
    ({"reason": "x" * 1_001}, "Keep each box to 1,000 characters or fewer"),
])  # fmt: skip
def test_bad_answers_are_refused_and_nothing_is_saved(app, world, change, message):
    return_id, (first, second, *_) = _setup(app, world)
    alice = _actor(app, world.people["agency_lead"])
    with pytest.raises(ReturnProblem, match=message):
        _save(app, alice, return_id, _change(second, 0), _change(first, 0, **change))
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count(AuditAnswerRevision.id))) == 0


def test_not_applicable_is_a_rating_on_every_scale(app, world):
    return_id, (first, *_) = _setup(app, world)
    alice = _actor(app, world.people["agency_lead"])
    [saved] = _save(app, alice, return_id, _change(first, 0, "not_applicable", reason="No site"))
    assert saved.rating == "not_applicable" and saved.not_applicable_reason == "No site"


@pytest.mark.parametrize("status", [ReturnStatus.SUBMITTED, ReturnStatus.APPROVED])
def test_a_return_sent_for_sign_off_is_locked(app, world, status):
    return_id, (first, *_) = _setup(app, world, status=status)
    with pytest.raises(ReturnLocked):
        _save(app, _actor(app, world.people["agency_lead"]), return_id, _change(first, 0))


def test_a_question_of_another_framework_or_a_return_elsewhere_is_not_found(app, world):
    return_id, (first, *_) = _setup(app, world)
    alice = _actor(app, world.people["agency_lead"])
    with pytest.raises(LookupError):
        _save(app, alice, return_id, _change("no-such-question", 0))
    alice.partnership_id = "another-partnership"
    with pytest.raises(LookupError):
        _save(app, alice, return_id, _change(first, 0))
