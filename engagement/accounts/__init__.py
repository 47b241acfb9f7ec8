"""Staff accounts, people, agencies and the staff activity log; signing in."""
