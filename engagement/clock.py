"""The one clock: every "when is it now" goes through here, so a test can stop time."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """This moment, in UTC, with its zone."""
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date where the app runs."""
    return dt.date.today()
