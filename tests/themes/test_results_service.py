"""engagement.themes.results, called directly: no filter may single out 1-4 people,
on its own or by comparing it with a filter one step wider or narrower."""

from __future__ import annotations

import datetime as dt

import pytest

from engagement import db
from engagement.models import AnswerAnalysis, Consultation
from engagement.themes import results
from engagement.themes.results import FilterRefused, Filters
from tests.conftest import both_databases
from tests.themes.analysis_data import QUESTION, add_answers

MARCH, APRIL, MAY = dt.date(2027, 3, 10), dt.date(2027, 4, 10), dt.date(2027, 5, 10)


def analysed(app, world, count: int, language: str = "en", on: dt.date = APRIL,
             band: str = "") -> None:  # fmt: skip
    """``count`` analysed answers with these columns (what the analysis run stores)."""
    ids = add_answers(app, world.consultation, ["Lights"] * count)
    with app.app_context(), db.transaction() as s:
        version_id = band or s.get(Consultation, world.consultation).versions[-1].id
        s.add_all(
            AnswerAnalysis(
                answer_id=answer_id, consultation_id=world.consultation, question_key=QUESTION,
                version_id=version_id, answered_in=language, submitted_on=on, text="Lights",
                language=language, words=1, sentiment="neutral", prepared_with="test",
            )
            for answer_id in ids
        )  # fmt: skip


def check(app, world, **filters) -> str | None:
    """Why the filter is refused, or None."""
    with app.app_context():
        try:
            results.check_filters(world.consultation, QUESTION, Filters(**filters))
        except FilterRefused as refused:
            return str(refused)
    return None


def test_no_filter_is_always_allowed_even_for_one_answer(app, world):
    analysed(app, world, 1)
    assert check(app, world) is None


@pytest.mark.parametrize(
    ("welsh", "refused"),
    [(0, "fewer than 5"), (1, "fewer than 5"), (4, "fewer than 5"), (5, None), (9, None)],
)
def test_a_filter_matching_1_to_4_answers_or_none_is_refused(app, world, welsh, refused):
    analysed(app, world, 20)
    analysed(app, world, welsh, language="cy")
    reason = check(app, world, language="cy")
    assert (reason is None) if refused is None else (refused in reason)


@both_databases
@pytest.mark.parametrize(("others", "refused"), [(1, True), (4, True), (5, False)])
def test_a_filter_that_differs_from_no_filter_by_1_to_4_is_refused(app, world, others, refused):
    analysed(app, world, 10)
    analysed(app, world, others, language="pl")
    reason = check(app, world, language="en")  # everyone except the Polish answers
    assert (reason is not None and "differ from a nearby choice" in reason) is refused


def test_two_filters_are_compared_with_each_one_alone(app, world):
    analysed(app, world, 10, language="en", on=APRIL)
    analysed(app, world, 10, language="cy", on=APRIL)
    analysed(app, world, 2, language="en", on=MAY)
    analysed(app, world, 8, language="cy", on=MAY)
    # English in April (10) against English at any time (12): the 2 in May stand out.
    reason = check(app, world, language="en", month_from="2027-04", month_to="2027-04")
    assert reason and "differ from a nearby choice" in reason
    # Welsh in April (10) against all Welsh or Welsh to May (18), all of April (20): safe.
    assert check(app, world, language="cy", month_from="2027-04", month_to="2027-04") is None


def test_a_month_range_one_month_wider_is_a_neighbour(app, world):
    analysed(app, world, 10, on=MARCH)
    analysed(app, world, 10, on=APRIL)
    analysed(app, world, 3, on=MAY)
    # March to April (20) against March to May (23): 3 answers in May would stand out.
    reason = check(app, world, month_from="2027-03", month_to="2027-04")
    assert reason and "differ from a nearby choice" in reason
    # From March on (23) against from April on (13) and from February on (23): safe.
    assert check(app, world, month_from="2027-03") is None


@pytest.mark.parametrize(("younger", "refused"), [(3, True), (4, True), (5, False), (6, False)])
def test_an_age_band_filter_is_compared_with_every_age_band(app, world, younger, refused):
    analysed(app, world, 6, band="older")
    analysed(app, world, younger, band="younger")
    reason = check(app, world, age_band="older")
    assert (reason is not None and "differ from a nearby choice" in reason) is refused


@pytest.mark.parametrize("month", ["2027-13", "April", "2027-4-1"])
def test_a_month_not_from_the_list_is_refused(app, world, month):
    analysed(app, world, 10)
    assert check(app, world, month_from=month) == "Choose months from the lists"


def test_question_results_refuse_an_unsafe_filter_and_count_a_safe_one(app, world):
    analysed(app, world, 7, language="en")
    analysed(app, world, 6, language="cy")
    with app.app_context():
        consultation = db.session().get(Consultation, world.consultation)
        with pytest.raises(FilterRefused):
            results.question_results(consultation, QUESTION, Filters(language="xx"))
        shown = results.question_results(consultation, QUESTION, Filters(language="cy"))
        assert shown.answered == 6 and shown.sentiments[1] == ("neutral", 6)
        assert shown.not_themed == 6 and shown.by_month == [("2027-04", 6)]
        assert results.question_results(consultation, QUESTION, Filters()).answered == 13
