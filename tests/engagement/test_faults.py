"""Faults: a failed write stores nothing, loses nothing and says so, on both databases."""

from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import both_databases, load_demo, make_app
from tests.respondent import ANSWERS_12_18, BASE, Respondent, complete, draft_count, submissions

FAIL_ANSWER_INSERTS = {
    "sqlite": [
        "CREATE TRIGGER fail_answers BEFORE INSERT ON answers "
        "BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION fail_answers() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER fail_answers BEFORE INSERT ON answers "
        "FOR EACH ROW EXECUTE FUNCTION fail_answers()",
    ],
}
REMOVE_FAULT = {
    "sqlite": ["DROP TRIGGER fail_answers"],
    "postgresql": ["DROP TRIGGER fail_answers ON answers", "DROP FUNCTION fail_answers()"],
}


def _run(app, statements):
    engine = app.extensions["engine"]
    with engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


@both_databases
def test_a_fault_while_saving_the_answers_stores_nothing_and_keeps_the_draft(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    complete(respondent, ANSWERS_12_18)
    receipt = respondent.receipt()
    dialect = app.extensions["engine"].dialect.name
    _run(app, FAIL_ANSWER_INSERTS[dialect])

    response = respondent.send(receipt)
    assert response.status_code == 503
    assert "Your other answers are saved" in response.page.get_text()
    assert submissions(app) == []  # not half a response: nothing at all
    assert draft_count(app) == 1  # and nothing lost

    _run(app, REMOVE_FAULT[dialect])
    assert respondent.send(receipt).headers["Location"].endswith("/thank-you")
    [stored] = submissions(app)
    assert stored["answers"]["one_change"] == "More street lights near the park."


def test_a_locked_database_gets_a_try_again_page_and_saves_nothing(database_url):
    app = make_app(database_url, SQLITE_BUSY_TIMEOUT_MS=200)
    load_demo(app)
    client = app.test_client()
    respondent = Respondent(client)
    respondent.start("12-18")

    blocker = sa.create_engine(database_url, connect_args={"isolation_level": None})
    with blocker.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # another writer holds the lock
        response = client.post(f"{BASE}/questions/feel_safe_area", data={"answer": "5"})
        assert response.status_code == 503
        assert "busy" in response.page.h1.get_text()
        connection.exec_driver_sql("ROLLBACK")
    blocker.dispose()

    # Once the lock is gone, pressing the button again works.
    response = client.post(f"{BASE}/questions/feel_safe_area", data={"answer": "5"})
    assert response.status_code == 302
    app.extensions["engine"].dispose()
