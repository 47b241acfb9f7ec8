"""Analysis runs, results, the codebook, concerns and priorities."""

from engagement.themes.blueprint import bp
from engagement.themes.views import (  # noqa: F401 (registers the routes)
    analysis,
    coding,
    concerns,
)

__all__ = ["bp"]
