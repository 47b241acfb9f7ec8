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
