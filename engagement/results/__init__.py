"""Results for every question of a consultation: distributions, comparisons, rounds,
exports and the summary for a board paper."""
