"""Pages for partnership staff, agency leads and the scrutineer. Signed in, with a
second factor, and checked against the policy table (``policy.py``) on every route."""

from engagement.staff import (  # noqa: F401 (registers the routes)
    activity_log_pages,
    agency_pages,
    analysis,
    audit_cycles,
    audit_dashboard,
    audit_history,
    audit_returns,
    audit_review,
    audit_sharing,
    audits,
    auth,
    builder,
    coding,
    concerns,
    consultations,
    team_pages,
    views,
)
from engagement.staff.blueprint import bp

__all__ = ["bp"]
