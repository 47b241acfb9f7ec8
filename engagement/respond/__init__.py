"""The respondent's journey through a consultation."""

from engagement.respond import views  # noqa: F401 (registers the routes)
from engagement.respond.blueprint import bp

__all__ = ["bp"]
