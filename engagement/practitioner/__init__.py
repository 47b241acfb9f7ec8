"""The anonymous practitioner survey for Section 11: one link per agency."""

from engagement.practitioner import views  # noqa: F401 (registers the routes)
from engagement.practitioner.blueprint import bp

__all__ = ["bp"]
