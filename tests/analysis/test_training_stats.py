"""Training evaluation numbers, checked against arithmetic done by hand."""

from __future__ import annotations

from analysis import training_stats
from analysis.training_stats import (
    MIN_GROUP,
    Change,
    Rating,
    paired_change,
    rating,
    recommend_score,
    shares,
    tally,
)

PLEDGE = ("yes", "partly", "no")


def test_small_groups_are_never_shown():
    assert MIN_GROUP == 5


# rating -----------------------------------------------------------------------------


def test_rating_of_four_answers_is_not_shown():
    assert rating([5, 4, 3, 2]) is None


def test_rating_of_five_answers_is_shown():
    # 1+2+3+4+5 = 15, mean 3.0; top two points: 4 and 5, 2 of 5 = 0.4
    assert rating([1, 2, 3, 4, 5]) == Rating(
        n=5, mean=3.0, counts=(1, 1, 1, 1, 1), share_positive=0.4
    )


def test_rating_ignores_values_outside_the_scale():
    # 0 and 6 left out: 5,4,4,3,2,1,5 -> n 7, sum 24, mean 3.4285... = 3.43;
    # 4 or 5: 4 of 7 = 0.5714... = 0.571
    assert rating([5, 4, 0, 4, 3, 2, 6, 1, 5]) == Rating(
        n=7, mean=3.43, counts=(1, 1, 1, 2, 2), share_positive=0.571
    )


def test_rating_counts_only_valid_values_towards_the_group_size():
    # 4 on the scale, 3 outside it: too few
    assert rating([1, 2, 3, 4, 0, 6, 9]) is None


def test_rating_on_another_scale_takes_its_own_top_two_points():
    # scale 0..3: 0,1,2,3,3,2 -> sum 11, mean 1.8333... = 1.83; 2 or 3: 4 of 6 = 0.667
    assert rating([0, 1, 2, 3, 3, 2], scale=(0, 1, 2, 3)) == Rating(
        n=6, mean=1.83, counts=(1, 1, 2, 2), share_positive=0.667
    )


# paired_change ----------------------------------------------------------------------


def test_paired_change_of_four_pairs_is_not_shown():
    assert paired_change([(1, 2), (2, 3), (3, 4), (4, 5)]) is None


def test_paired_change_with_its_interval():
    # differences 2,1,2,3,0: mean 8/5 = 1.6
    # squared deviations .16+.36+.16+1.96+2.56 = 5.2, variance 5.2/4 = 1.3, sd 1.1402
    # se 1.1402/sqrt(5) = 0.5099; t(0.975, 4) = 2.7764; margin 1.4157
    # interval 1.6 - 1.4157 = 0.1843 -> 0.18, 1.6 + 1.4157 = 3.0157 -> 3.02
    # from: (2+3+1+2+3)/5 = 2.2; to: (4+4+3+5+3)/5 = 3.8
    assert paired_change([(2, 4), (3, 4), (1, 3), (2, 5), (3, 3)]) == Change(
        n=5, mean_from=2.2, mean_to=3.8, mean_change=1.6, low=0.18, high=3.02
    )


def test_paired_change_that_can_go_down():
    # differences -1,-2,0,-1,-1,-1: mean -6/6 = -1.0
    # squared deviations 0+1+1+0+0+0 = 2, variance 2/5 = 0.4, sd 0.63246
    # se 0.63246/sqrt(6) = 0.25820; t(0.975, 5) = 2.5706; margin 0.66373
    # interval -1.66373 -> -1.66, -0.33627 -> -0.34
    # from: (4+5+3+4+5+3)/6 = 4.0; to: (3+3+3+3+4+2)/6 = 3.0
    assert paired_change([(4, 3), (5, 3), (3, 3), (4, 3), (5, 4), (3, 2)]) == Change(
        n=6, mean_from=4.0, mean_to=3.0, mean_change=-1.0, low=-1.66, high=-0.34
    )


def test_paired_change_with_identical_differences_has_no_width():
    # every difference is 1: mean 1, sd 0, so the interval is (1, 1)
    # from: (1+2+3+4+2)/5 = 2.4; to: (2+3+4+5+3)/5 = 3.4
    assert paired_change([(1, 2), (2, 3), (3, 4), (4, 5), (2, 3)]) == Change(
        n=5, mean_from=2.4, mean_to=3.4, mean_change=1.0, low=1.0, high=1.0
    )


# recommend_score --------------------------------------------------------------------


def test_recommend_score_of_four_answers_is_not_shown():
    # 11 and -1 are off the 0..10 scale, leaving 4
    assert recommend_score([10, 9, 8, 7, 11, -1]) is None


def test_recommend_score_from_shares_worked_by_hand():
    # 11 and -1 ignored, n 9: 9-10 are 10,9,9,10 (4); 0-6 are 6,0,3 (3); 8 and 7 neither
    # 4/9 - 3/9 = 1/9 = 11.1% -> 11
    assert recommend_score([10, 9, 9, 8, 7, 6, 0, 3, 10, 11, -1]) == (9, 11.0)


def test_recommend_score_can_be_negative():
    # n 5: 9-10 one (9); 0-6 three (6,5,0); 1/5 - 3/5 = -40%
    assert recommend_score([9, 8, 6, 5, 0]) == (5, -40.0)


def test_recommend_score_when_everyone_would_recommend():
    assert recommend_score([9, 10, 9, 10, 10]) == (5, 100.0)


# tally ------------------------------------------------------------------------------


def test_tally_of_four_respondents_is_not_shown():
    assert tally([["a"], ["a"], ["b"], ["a", "b"]], ["a", "b"]) is None


def test_tally_keeps_a_key_nobody_ticked():
    # a: respondents 1, 2, 4 (twice, counted once), 5 = 4; b: 1 and 4 = 2; c: nobody
    # "z" is not a key; the third respondent ticked nothing but still counts
    answers = [["a", "b"], ["a"], [], ["b", "a", "a"], ["a", "z"]]
    assert tally(answers, ["a", "b", "c"]) == {"a": 4, "b": 2, "c": 0}


def test_tally_follows_the_order_of_the_keys():
    answers = [["b"], ["a"], ["b"], ["c"], ["b"]]
    assert list(tally(answers, ["c", "b", "a"]) or {}) == ["c", "b", "a"]


# shares -----------------------------------------------------------------------------


def test_shares_of_four_answers_is_not_shown():
    # "maybe" is not a key, leaving 4
    assert shares(["yes", "no", "yes", "partly", "maybe"], PLEDGE) is None


def test_shares_counts_each_answer():
    # yes 3, partly 1, no 1 ("maybe" ignored): 5 answers
    answers = ["yes", "no", "partly", "yes", "maybe", "yes"]
    assert shares(answers, PLEDGE) == {"yes": 3, "partly": 1, "no": 1}


def test_shares_keeps_an_answer_nobody_gave():
    assert shares(["no", "no", "yes", "no", "yes"], PLEDGE) == {"yes": 2, "partly": 0, "no": 3}


def test_change_from_sums_matches_the_change_from_pairs():
    pairs = [(2, 4), (3, 4), (1, 3), (2, 5), (3, 3)]
    differences = [to - start for start, to in pairs]
    sums = training_stats.PairedSums(
        n=5,
        sum_from=sum(p[0] for p in pairs),
        sum_to=sum(p[1] for p in pairs),
        sum_change=sum(differences),
        sum_change_squared=sum(d * d for d in differences),
    )
    # Differences 2 1 2 3 0: sum 8, squares 4+1+4+9+0 = 18; variance (18 - 5*1.6^2)/4 = 1.3.
    assert training_stats.change_from_sums(sums) == training_stats.paired_change(pairs)
    assert training_stats.change_from_sums(sums).low == 0.18
    four = training_stats.PairedSums(4, 8, 15, 7, 15)
    assert training_stats.change_from_sums(four) is None


def test_rating_from_counts_matches_the_rating_from_values():
    values = [5, 4, 4, 3, 5, 9]  # 9 is off the scale
    counts = {5: 2, 4: 2, 3: 1, 9: 1}
    assert training_stats.rating_from_counts(counts) == training_stats.rating(values)
    assert training_stats.rating_from_counts({4: 4}) is None
