"""Answers for the analysis tests, written straight to the database."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import clock, db
from engagement.demo import builders
from engagement.models import Consultation, Theme
from engagement.themes import work as analysis_work

QUESTION = "one_change"
# Answers the starter codebook puts in "Buses and getting home" and "Street lighting".
BUSES = [f"The buses never come on time, route {i} is the worst" for i in range(14)]
LIGHTS = [f"More street lights by the park would help, path {i}" for i in range(9)]


def add_answers(
    app,
    consultation_id: str,
    texts: list[str],
    locale: str = "en",
    days_ago: int = 3,
    needs_review: bool = False,
) -> list[str]:
    """One submission per text, answering the free-text question; the answer ids."""
    reasons = ("free_text:feeling_unsafe",) if needs_review else ()
    on = clock.today() - dt.timedelta(days=days_ago)
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        version_id = s.get(Consultation, consultation_id).versions[-1].id
        made = builders.add_responses(
            s, (builders.Response(version_id, on, locale, {QUESTION: text}, reasons)
                for text in texts)
        )  # fmt: skip
    return [ids[QUESTION] for ids in made]


def run_analysis(app) -> dict:
    """What the background worker does: every queued run. The last run's detail."""
    with app.app_context():
        analysis_work.process_pending()
    with app.app_context():
        from engagement.models import AnalysisRun

        run = db.session().scalar(
            sa.select(AnalysisRun).order_by(AnalysisRun.requested_at.desc()).limit(1)
        )
        assert run.status == "done", run.error
        return run.detail


def theme_id(app, consultation_id: str, name: str) -> str:
    with app.app_context():
        return db.session().scalar(
            sa.select(Theme.id).where(Theme.consultation_id == consultation_id, Theme.name == name)
        )


def assert_codings_match_answers(app) -> None:
    """Every theme coding carries exactly its answer's values (they are copies)."""
    from engagement.models import AnswerAnalysis, AnswerTheme
    from engagement.models.analysis import ANSWER_COLUMNS

    with app.app_context():
        mismatched = (
            db.session()
            .execute(
                sa.select(AnswerTheme.answer_id, AnswerTheme.theme_id)
                .join(AnswerAnalysis, AnswerAnalysis.answer_id == AnswerTheme.answer_id)
                .where(
                    sa.or_(
                        *(
                            getattr(AnswerTheme, name) != getattr(AnswerAnalysis, name)
                            for name in ANSWER_COLUMNS
                        )
                    )
                )
            )
            .all()
        )
        count = db.session().scalar(sa.select(sa.func.count()).select_from(AnswerTheme))
    assert count > 0
    assert mismatched == []
