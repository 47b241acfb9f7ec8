"""Results for every question, comparisons, rounds, exports and the summary."""

from engagement.results.blueprint import bp
from engagement.results.views import exports, page  # noqa: F401 (registers the routes)

__all__ = ["bp"]
