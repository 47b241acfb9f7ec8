"""The demo shows something in every part of the results pages: real differences between
age bands, a breakdown that matters, several months, and last year's round."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from engagement import db
from engagement.demo.seed import seed_demo
from engagement.models import Consultation
from engagement.results import comparisons
from engagement.results import distributions as d
from tests.conftest import both_databases, make_app


@both_databases
def test_the_demo_gives_every_part_of_the_results_something_to_show(database_url):
    app = make_app(database_url)
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        s.query(Consultation).delete()  # the database starts with the demo's shell
        assert seed_demo(s, responses=2000, today=dt.date(2026, 11, 30))
    with app.test_request_context():
        consultation = db.session().query(Consultation).filter_by(slug="feeling-safe").one()
        results = d.results(consultation)
        assert results.respondents == 2000
        for q in results.questions:
            if not q.info.written:
                assert q.result.answered > 100, q.info.key
                assert sum(1 for row in q.result.rows if row.count) >= 3, q.info.key

        by_band = comparisons.comparison(consultation, "age_band")
        differ = {q.info.key for q in by_band.questions if q.verdict.differs}
        assert {"feel_safe_area", "trusted_adult", "priorities"} <= differ
        by_adult = comparisons.comparison(consultation, "trusted_adult")
        assert "feel_safe_area" in {q.info.key for q in by_adult.questions if q.verdict.differs}
        by_month = comparisons.comparison(consultation, "month")
        assert len(by_month.groups) >= 2  # 60 days: two or three months

        previous = db.session().get(Consultation, consultation.previous_round_id)
        assert previous.slug == "feeling-safe-2025"
        assert previous.closes_on < dt.date(2026, 1, 1)
        rounds = comparisons.rounds(consultation, previous)
        assert rounds.before_respondents == 1500
        assert not rounds.only_now
        safe = next(q for q in rounds.questions if q.info.key == "feel_safe_area")
        assert safe.verdict.differs
        now, before = safe.positive
        assert now.share > before.share
    app.extensions["engine"].dispose()
