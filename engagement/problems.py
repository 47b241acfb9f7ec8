"""Problems a service reports in its own words, which the web layer shows as a page.

Services know nothing of HTTP: they raise these, and ``engagement.errors`` turns each
into the page a visitor sees.
"""

from __future__ import annotations


class NotFound(LookupError):
    """Nothing by that name, or nothing this visitor may see: the "page not found" page."""
