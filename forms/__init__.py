"""Flask-WTF forms. Forms validate input; they never touch the database."""
