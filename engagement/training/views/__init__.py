"""Courses, sessions, forms, results and outputs for staff; the evaluation pages."""

from engagement.training.blueprint import bp
from engagement.training.views import (  # noqa: F401 (registers the routes)
    coding,
    courses,
    evaluation,
    results,
)

__all__ = ["bp"]
