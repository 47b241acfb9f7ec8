"""Results for every question, comparisons, rounds, exports and the summary."""

from engagement.results.blueprint import bp

__all__ = ["bp"]
