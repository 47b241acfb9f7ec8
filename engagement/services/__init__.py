"""Services: the only code that reads and writes the database for the views."""
