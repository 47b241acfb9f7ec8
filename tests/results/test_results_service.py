"""Every question's results and comparisons, against numbers worked out by hand here."""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from analysis.counts import THRESHOLD
from engagement import db
from engagement.demo import builders
from engagement.demo.seed import load_consultation
from engagement.models import AnswerTally, Consultation
from engagement.results import comparisons, tallies
from engagement.results import distributions as d
from tests.conftest import both_databases
from tests.respondent import ANSWERS_12_18, Respondent, complete
from tests.results.data import OLDER, YOUNGER, add, previous_round, repeat


def _data(app, consultation_id):
    """21 people; the counts in the tests below are worked out from these lines."""
    add(app, consultation_id, repeat(
        {"feel_safe_area": "5", "safe_places": ["home", "school"], "trusted_adult": "yes",
         "priorities": ["bullying", "knives", "online_safety"]}, 6))  # fmt: skip
    add(app, consultation_id, repeat(
        {"feel_safe_area": "2", "safe_places": ["home"], "trusted_adult": "no",
         "who_to_talk": "teacher", "priorities": ["bullying"]}, 4))  # fmt: skip
    add(app, consultation_id, repeat(
        {"feel_safe_area": "rather_not_say", "trusted_adult": "not_sure",
         "who_to_talk": "rather_not_say"}, 2), locale="pl")  # fmt: skip
    add(app, consultation_id, repeat(
        {"feel_safe_area": "4", "safe_places": ["home"], "trusted_adult": "yes"}, 8),
        version=YOUNGER)  # fmt: skip
    add(app, consultation_id, [{}], version=YOUNGER)  # sent, but answered nothing


def _results(app, consultation_id):
    with app.test_request_context():
        consultation = db.session().get(Consultation, consultation_id)
        return {q.info.key: q for q in d.results(consultation).questions}, consultation


def _rows(result):
    return {row.key: (row.count, round(row.share, 4)) for row in result.rows if row.count}


def test_distributions_with_rather_not_say_skips_routing_and_several_answers(app, world):
    _data(app, world.consultation)
    found, _ = _results(app, world.consultation)
    safe = found["feel_safe_area"].result
    assert (safe.respondents, safe.answered, safe.rather_not_say) == (21, 20, 2)
    assert safe.not_answered == 1
    assert _rows(safe) == {"2": (4, round(4 / 18, 4)), "4": (8, round(8 / 18, 4)),
                           "5": (6, round(6 / 18, 4))}  # fmt: skip
    positive = found["feel_safe_area"].positive
    assert positive.share == 14 / 18
    # Several answers: shares of the 18 who answered, adding up to more than 100%.
    places = found["safe_places"].result
    assert places.answered == 18 and places.several
    assert _rows(places) == {"home": (18, 1.0), "school": (6, round(6 / 18, 4))}
    assert sum(row.share for row in places.rows) > 1
    # Routing: only the 6 who said no or not sure were asked who they would talk to.
    talk = found["who_to_talk"].result
    assert (talk.respondents, talk.answered, talk.rather_not_say) == (6, 6, 2)
    assert _rows(talk) == {"teacher": (4, 1.0)}
    # Asked in the 12-18 version only: the 12 people who had it; nobody answered.
    online = found["online_pressure"].result
    assert (online.respondents, online.answered) == (12, 0)
    priorities = found["priorities"]
    assert priorities.info.priorities
    assert [(row.key, row.count) for row in priorities.result.ranked()][:3] == [
        ("bullying", 10), ("online_safety", 6), ("knives", 6)]  # fmt: skip


def test_age_bands_are_compared_side_by_side_by_shared_key(app, world):
    _data(app, world.consultation)
    with app.test_request_context():
        consultation = db.session().get(Consultation, world.consultation)
        compared = comparisons.comparison(consultation, comparisons.AGE_BAND)
    assert [(g.size) for g in compared.groups] == [9, 12]
    assert compared.rest == 0
    by_key = {q.info.key: q for q in compared.questions}
    assert "online_pressure" not in by_key  # asked in one age band only
    assert "online_pressure" in {info.key for info in compared.not_compared}
    younger, older = (result for _group, result in by_key["feel_safe_area"].groups)
    assert (younger.answered, older.answered, older.rather_not_say) == (8, 12, 2)
    assert _rows(younger) == {"4": (8, 1.0)}
    assert _rows(older) == {"2": (4, 0.4), "5": (6, 0.6)}
    # 2 x 3 with expected counts under 5: too few to tell.
    assert by_key["feel_safe_area"].verdict.differs is None


def test_a_difference_between_age_bands_matches_a_chi_squared_test_by_hand(app, world):
    add(app, world.consultation, repeat({"trusted_adult": "yes"}, 30), version=YOUNGER)
    add(app, world.consultation, repeat({"trusted_adult": "no"}, 10), version=YOUNGER)
    add(app, world.consultation, repeat({"trusted_adult": "yes"}, 15), version=OLDER)
    add(app, world.consultation, repeat({"trusted_adult": "no"}, 25), version=OLDER)
    table, n = [[30, 10], [15, 25]], 80
    rows, cols = [40, 40], [45, 35]
    chi2 = sum(
        (abs(table[i][j] - rows[i] * cols[j] / n) - 0.5) ** 2 / (rows[i] * cols[j] / n)
        for i in range(2)
        for j in range(2)
    )
    with app.test_request_context():
        consultation = db.session().get(Consultation, world.consultation)
        compared = comparisons.comparison(consultation, comparisons.AGE_BAND)
    verdict = {q.info.key: q for q in compared.questions}["trusted_adult"].verdict
    assert verdict.differs is True
    assert math.isclose(verdict.p_value, math.erfc(math.sqrt(chi2 / 2)), rel_tol=1e-9)


def test_small_groups_are_never_shown_alone(app, world):
    _data(app, world.consultation)
    with app.test_request_context():
        consultation = db.session().get(Consultation, world.consultation)
        by_trust = comparisons.comparison(consultation, "trusted_adult")
        by_language = comparisons.comparison(consultation, comparisons.LANGUAGE)
    # yes 14, no 4, not sure 2, no answer 1: only "yes" may be shown; the rest is 7.
    assert [(g.key, g.size) for g in by_trust.groups] == [("yes", 14)]
    assert {g.key for g in by_trust.combined} == {"no", "not_sure"}
    assert by_trust.rest == 7
    # English 19, Polish 2: English alone would give the 2 away, so nothing is shown.
    assert by_language.groups == [] and by_language.rest == 21


def test_an_unknown_comparison_is_not_found(app, world):
    with app.test_request_context():
        consultation = db.session().get(Consultation, world.consultation)
        with pytest.raises(Exception) as raised:
            comparisons.comparison(consultation, "not_a_question")
    assert type(raised.value).__name__ == "NotFound"


def _stored(app, consultation_id):
    with app.app_context(), db.read() as connection:
        return sorted(
            tuple(row)
            for row in connection.execute(
                sa.select(AnswerTally).where(AnswerTally.consultation_id == consultation_id)
            )
        )


@both_databases
def test_counts_kept_as_answers_arrive_equal_a_recount(app, client, world):
    _data(app, world.consultation)
    respondent = Respondent(client)  # and one through the real journey
    respondent.start("12-18")
    complete(respondent, ANSWERS_12_18)
    assert respondent.send().status_code == 302
    kept = _stored(app, world.consultation)
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        tallies.rebuild(s, s.get(Consultation, world.consultation))
    assert _stored(app, world.consultation) == kept
    found, _ = _results(app, world.consultation)
    assert found["feel_safe_area"].result.respondents == 22
    assert _rows(found["online_pressure"].result) == {"no": (1, 1.0)}


def test_rounds_compare_question_by_question(app, world):
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        before_id = previous_round(s, s.get(Consultation, world.consultation)).id
    add(app, world.consultation, repeat({"trusted_adult": "yes"}, 30))
    add(app, world.consultation, repeat({"trusted_adult": "no"}, 10))
    add(app, before_id, repeat({"trusted_adult": "yes"}, 15))
    add(app, before_id, repeat({"trusted_adult": "no"}, 25))
    with app.test_request_context():
        consultation = db.session().get(Consultation, world.consultation)
        previous = db.session().get(Consultation, before_id)
        found = comparisons.rounds(consultation, previous)
    assert (found.now_respondents, found.before_respondents) == (40, 40)
    trust = {q.info.key: q for q in found.questions}["trusted_adult"]
    assert _rows(trust.now) == {"yes": (30, 0.75), "no": (10, 0.25)}
    assert _rows(trust.before) == {"yes": (15, 0.375), "no": (25, 0.625)}
    assert trust.verdict.differs is True


# Small-group rules over random small data sets ------------------------------------------

MONTHS = (dt.date(2026, 9, 10), dt.date(2026, 10, 10), dt.date(2026, 11, 10))


def _random_people(rng: random.Random, versions) -> list[builders.Response]:
    people = []
    for _ in range(rng.randint(0, 45)):
        version = rng.choice(versions)
        answers: dict[str, Any] = {}
        for q in version.questions:
            if q.show_if and answers.get(q.show_if["question"]) not in q.show_if["answers"]:
                continue
            if rng.random() < 0.2 or q.kind == "free_text":
                continue
            keys = [o["key"] for o in q.options] or (
                ["1", "2", "3", "4", "5"] if q.kind == "scale" else ["yes", "no", "not_sure"]
            )
            if q.kind in ("multiple_choice", "priorities"):
                answers[q.key] = rng.sample(keys, rng.randint(1, 3))
            else:
                answers[q.key] = rng.choice([*keys, "rather_not_say"])
        people.append(
            builders.Response(
                version.id, rng.choice(MONTHS), rng.choice(["en", "en", "en", "cy", "pl"]),
                answers,
            )
        )  # fmt: skip
    return people


def _members(people, by: str, key: str) -> set[int]:
    def attribute(person: builders.Response) -> Any:
        if by == comparisons.AGE_BAND:
            return person.version_id
        if by == comparisons.LANGUAGE:
            return person.locale
        if by == comparisons.MONTH:
            return person.submitted_on.strftime("%Y-%m")
        return person.answers.get(by)

    return {i for i, person in enumerate(people) if attribute(person) == key}


def _small(n: int) -> bool:
    return 0 < n < THRESHOLD


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=10**9))
def test_no_comparison_or_pair_of_comparisons_singles_out_one_to_four_people(app, seed):
    rng = random.Random(seed)
    with app.app_context(), Session(bind=db.engine()) as s, s.begin():
        consultation = load_consultation(
            s, dt.date(2026, 11, 30), slug_prefix=f"p{uuid.uuid4().hex[:12]}"
        )
        s.flush()
        people = _random_people(rng, consultation.versions)
        builders.add_responses(s, people)
        consultation_id = consultation.id
    with app.test_request_context():
        consultation = db.session().get(Consultation, consultation_id)
        views = [
            comparisons.comparison(consultation, by) for by, _ in comparisons.choices(consultation)
        ]
    answered = {  # who answered each question
        key: {i for i, p in enumerate(people) if p.answers.get(key) not in (None, [], "")}
        for key in {k for p in people for k in p.answers}
    }
    shown = []  # (view, people in the group, {question: people who answered it, shown})
    for view in views:
        total = len(people)
        sets = [_members(people, view.by, group.key) for group in view.groups]
        for group, members in zip(view.groups, sets, strict=True):
            assert group.size == len(members)
            assert not _small(group.size), (view.by, group)
        if view.groups:
            assert not _small(total - sum(len(m) for m in sets)), view.by
        by_group: list[dict[str, set[int]]] = [{} for _ in view.groups]
        for q in view.questions:
            parts = [
                (members & answered.get(q.info.key, set()), result)
                for members, (_g, result) in zip(sets, q.groups, strict=True)
            ]
            visible = [part for part, result in parts if result is not None]
            for part, result in parts:
                if result is not None:
                    assert result.answered == len(part)
                    assert not _small(len(part)), (view.by, q.info.key)
            if any(visible):
                everyone = len(answered.get(q.info.key, set()))
                assert not _small(everyone - sum(len(p) for p in visible)), (view.by, q.info.key)
            for i, (part, result) in enumerate(parts):
                if result is not None:
                    by_group[i][q.info.key] = part
        shown += [(view.by, m, qs) for m, qs in zip(sets, by_group, strict=True)]
    places = (comparisons.AGE_BAND, comparisons.LANGUAGE, comparisons.MONTH)
    for view_a, group_a, questions_a in shown:
        for view_b, group_b, questions_b in shown:
            if view_a == view_b or (view_a not in places and view_b not in places):
                continue  # two answers' breakdowns: not checked against each other (see README)
            if group_b <= group_a:  # one group inside another: their difference
                assert not _small(len(group_a - group_b)), (view_a, view_b)
                for key in questions_a.keys() & questions_b.keys():
                    assert not _small(len(questions_a[key] - questions_b[key])), key
