"""Pure analysis of answers: no Flask, WTForms or SQLAlchemy in here."""
