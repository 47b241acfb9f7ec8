"""Signing in, agencies and their people, the partnership team, the activity log."""

from engagement.accounts.blueprint import bp
from engagement.accounts.views import (  # noqa: F401 (registers the routes)
    activity_log,
    agencies,
    sign_in,
    team,
)

__all__ = ["bp"]
