"""Staff pages: the audit dashboard and the office files made from a cycle."""
