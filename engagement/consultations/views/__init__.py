"""The consultation list, building, text and translation, sharing."""

from engagement.consultations.blueprint import bp
from engagement.consultations.views import (  # noqa: F401 (registers the routes)
    builder,
    consultations,
    rounds,
)

__all__ = ["bp"]
