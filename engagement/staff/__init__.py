"""Pages for partnership staff, agency leads and the scrutineer. Signed in, with a
second factor, and checked against the policy table (``policy.py``) on every route.

This package is the staff plumbing (the blueprint, the policy, the dashboard); each area's
pages live in its own package and nest under this blueprint (``engagement/blueprints.py``)."""

from engagement.staff import views  # noqa: F401 (registers the routes)
from engagement.staff.blueprint import bp

__all__ = ["bp"]
