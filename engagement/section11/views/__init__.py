"""Frameworks, audit cycles, returns, review, the dashboard and its outputs."""

from engagement.section11.blueprint import bp
from engagement.section11.views import (  # noqa: F401 (registers the routes)
    cycles,
    dashboard,
    frameworks,
    history,
    returns,
    review,
    sharing,
)

__all__ = ["bp"]
