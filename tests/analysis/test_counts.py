"""Disclosure control: staff views, published outputs, secondary suppression, differencing."""

from __future__ import annotations

import pytest

from analysis.counts import difference_is_safe, published, published_row, shown


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5")]
)
def test_staff_views_hide_1_to_4(count, expected):
    assert shown(count) == expected


@pytest.mark.parametrize(
    ("count", "expected"), [(0, 0), (1, None), (7, None), (8, 10), (12, 10), (13, 15), (1234, 1235)]
)
def test_published_counts_hide_1_to_7_and_round_to_5(count, expected):
    assert published(count) == expected


def test_a_single_hidden_cell_takes_another_with_it():
    # 3 would be hidden; with the total shown it could be worked out, so 9 goes too.
    assert published_row([3, 9, 40, 120]) == [None, None, 40, 120]


def test_two_hidden_cells_need_nothing_more():
    assert published_row([3, 5, 40, 120]) == [None, None, 40, 120]
    assert published_row([0, 40, 120]) == [0, 40, 120]


@pytest.mark.parametrize(
    ("wider", "narrower", "safe"),
    [(100, 100, True), (100, 99, False), (100, 96, False), (100, 95, True)],
)
def test_filters_that_would_single_people_out_are_refused(wider, narrower, safe):
    assert difference_is_safe(wider, narrower) is safe


# Differencing: two filtered counts whose gap is 1-4 would single those people out.


@pytest.mark.parametrize(
    ("wider", "narrower", "safe"),
    [
        (20, 17, False),  # 3 people told apart by comparing the two filters
        (20, 19, False),
        (20, 16, False),
        (20, 15, True),  # a gap of 5 is allowed
        (20, 0, True),
        (20, 20, True),  # the same group twice reveals nothing
        (0, 0, True),
        (5, 1, False),
    ],
)
def test_differencing_attack(wider, narrower, safe):
    assert difference_is_safe(wider, narrower) is safe


def test_differencing_threshold_can_be_raised():
    assert difference_is_safe(20, 15, threshold=10) is False
    assert difference_is_safe(20, 10, threshold=10) is True


# Secondary suppression: a published row whose total is known.


def test_one_hidden_cell_forces_the_smallest_shown_cell_to_be_hidden():
    row = published_row([40, 6, 22, 15])
    assert row == [40, None, 20, None]
    assert row.count(None) == 2


def test_secondary_suppression_leaves_zeros_alone():
    # 0 is safe to publish and cannot help recover the hidden cell; 12 is hidden instead.
    assert published_row([0, 5, 12, 30]) == [0, None, None, 30]


def test_secondary_suppression_with_ties_hides_the_first():
    assert published_row([2, 10, 10]) == [None, None, 10]


def test_nothing_hidden_means_nothing_more_hidden():
    assert published_row([8, 10, 30]) == [10, 10, 30]
    assert published_row([]) == []


def test_one_hidden_cell_with_nothing_else_to_hide():
    assert published_row([6]) == [None]
    assert published_row([6, 0]) == [None, 0]


def test_three_hidden_cells_stay_three():
    assert published_row([1, 2, 3, 50]) == [None, None, None, 50]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, 0),
        (2, None),
        (6, None),
        (7, None),  # the last hidden count
        (8, 10),  # the first shown, rounded up to 10
        (9, 10),
        (10, 10),
        (11, 10),
        (17, 15),
        (18, 20),
        (22, 20),
        (23, 25),
        (100, 100),
    ],
)
def test_published_boundaries(count, expected):
    assert published(count) == expected
