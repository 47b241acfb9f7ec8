"""Distributions, intervals, comparisons and the small-group rules, checked by hand."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from analysis.counts import THRESHOLD
from analysis.distributions import (
    compare,
    compare_distributions,
    distribution,
    safe_answered,
    safe_groups,
    share_interval,
)

OPTIONS = [("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")]


def _small(n: int) -> bool:
    return 0 < n < THRESHOLD


def test_shares_leave_out_rather_not_say_and_count_it_on_its_own():
    result = distribution(
        OPTIONS, {"yes": 6, "no": 3, "not_sure": 1}, respondents=14, answered=12, rather_not_say=2
    )
    assert [row.count for row in result.rows] == [6, 3, 1]
    assert [row.share for row in result.rows] == [0.6, 0.3, 0.1]  # of the 10 who gave one
    assert result.gave_answer == 10
    assert result.rather_not_say == 2
    assert result.not_answered == 2  # 14 asked, 12 answered


def test_several_answers_share_more_than_all():
    result = distribution(
        [("home", "Home"), ("school", "School")], {"home": 8, "school": 6},
        respondents=10, answered=10, several=True,
    )  # fmt: skip
    assert [row.share for row in result.rows] == [0.8, 0.6]
    assert sum(row.share for row in result.rows) == 1.4
    assert [row.key for row in result.ranked()] == ["home", "school"]


def test_share_interval_is_the_wilson_interval():
    part, whole, z = 30, 50, 1.959963984540054
    p = part / whole
    centre = (p + z * z / (2 * whole)) / (1 + z * z / whole)
    half = z * math.sqrt(p * (1 - p) / whole + z * z / (4 * whole * whole)) / (1 + z * z / whole)
    interval = share_interval(part, whole)
    assert math.isclose(interval.low, centre - half, abs_tol=1e-9)
    assert math.isclose(interval.high, centre + half, abs_tol=1e-9)
    assert str(interval) == "60% (95% CI 46% to 72%)"
    assert share_interval(3, 4) is None  # too few to tell


def test_two_groups_are_compared_with_a_chi_squared_test_with_yates_correction():
    table = [[30, 20], [15, 35]]
    n = 100
    rows, cols = [50, 50], [45, 55]
    chi2 = sum(
        (abs(table[i][j] - rows[i] * cols[j] / n) - 0.5) ** 2 / (rows[i] * cols[j] / n)
        for i in range(2)
        for j in range(2)
    )
    p = math.erfc(math.sqrt(chi2 / 2))  # chi-squared with 1 degree of freedom
    verdict = compare(table)
    assert verdict.differs is True
    assert math.isclose(verdict.p_value, p, rel_tol=1e-9)
    assert verdict.words == f"The groups answered differently (p = {p:.3f}, chi-squared test)."


def test_no_clear_difference_is_said_plainly():
    verdict = compare([[25, 25], [24, 26]])
    assert verdict.differs is False
    assert verdict.words.startswith("No clear difference between the groups")


def test_small_expected_counts_use_fishers_test_or_say_too_few():
    verdict = compare([[9, 1], [2, 8]])
    assert verdict.test == "Fisher's exact test"
    assert verdict.differs is True
    assert compare([[9, 1, 0], [2, 3, 1], [1, 1, 3]]).differs is None
    assert compare([[3, 1], [20, 20]]).words == "Too few answers to tell whether the groups differ."


def test_several_answers_compare_each_answer_with_a_bonferroni_correction():
    one = distribution([("a", "A"), ("b", "B")], {"a": 40, "b": 10}, 50, 50, several=True)
    two = distribution([("a", "A"), ("b", "B")], {"a": 10, "b": 11}, 50, 50, several=True)
    alone = compare([[40, 10], [10, 40]])
    verdict = compare_distributions([one, two])
    assert verdict.differs is True
    assert math.isclose(verdict.p_value, min(1.0, alone.p_value * 2), rel_tol=1e-9)


def test_small_groups_are_combined_and_the_rest_is_never_small():
    plan = safe_groups(40, [("a", 20), ("b", 17), ("c", 3)])
    # c (3) alone would be the total minus a and b: b joins it, so the rest is 20.
    assert plan.shown == ("a",)
    assert plan.combined == ("b", "c")
    assert plan.rest == 20
    assert safe_groups(40, [("a", 20), ("b", 20)]).shown == ("a", "b")
    # Two people gave no answer: the smallest group joins them.
    assert safe_groups(42, [("a", 20), ("b", 20)]).rest == 22


@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=8),
)
def test_no_shown_group_and_no_rest_is_about_one_to_four_people(sizes, outside):
    total = sum(sizes) + outside
    plan = safe_groups(total, [(str(i), n) for i, n in enumerate(sizes)])
    shown = [sizes[int(name)] for name in plan.shown]
    assert not any(_small(n) for n in shown)
    assert plan.rest == total - sum(shown)
    if any(shown):  # with nothing shown, the rest is the total, which says nothing new
        assert not _small(plan.rest)
    # Any two things shown, one inside the other, differ by 0 or at least 5.
    for n in shown:
        assert not _small(total - n)


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=6), st.integers(0, 8))
def test_no_question_is_shown_for_one_to_four_people_or_their_difference(answered, outside):
    total = sum(answered) + outside
    show = safe_answered(total, answered)
    shown = [n for n, ok in zip(answered, show, strict=True) if ok]
    assert not any(_small(n) for n in shown)
    if any(shown):
        assert not _small(total - sum(shown))
