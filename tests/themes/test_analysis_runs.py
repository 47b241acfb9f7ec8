"""Analysis runs: queued by staff, done by the background worker, incremental."""

from __future__ import annotations

import sqlalchemy as sa

from engagement import db
from engagement.models import AnalysisRun, AnswerAnalysis, AnswerTheme
from tests.conftest import both_databases
from tests.staff_world import csrf, sign_in
from tests.themes.analysis_data import add_answers, run_analysis, theme_id

BUSES = [f"The buses are late and expensive number {i}" for i in range(12)]
LIGHTS = [f"More street lights by the park please {i}" for i in range(12)]


def _request_run(client, world):
    page = client.get(f"/staff/consultations/{world.consultation}/analysis")
    return client.post(
        f"/staff/consultations/{world.consultation}/analysis/run",
        data={"csrf_token": csrf(page)},
    )


def _count(app, model, *where):
    with app.app_context():
        return db.session().scalar(sa.select(sa.func.count()).select_from(model).where(*where))


@both_databases
def test_staff_queue_a_run_and_the_worker_does_it(app, client, world):
    add_answers(app, world.consultation, BUSES + LIGHTS)
    sign_in(client, world.people["analyst"])
    assert _request_run(client, world).status_code == 302
    # The web request only queued it: nothing is analysed in the request worker.
    assert _count(app, AnswerAnalysis) == 0
    page = client.get(f"/staff/consultations/{world.consultation}/analysis")
    assert "Waiting to start" in page.text
    # Asking again while one is waiting does not queue a second run.
    _request_run(client, world)
    assert _count(app, AnalysisRun) == 1

    detail = run_analysis(app)
    assert detail["prepared"] == 24
    assert _count(app, AnswerAnalysis) == 24
    buses = theme_id(app, world.consultation, "Buses and getting home")
    lights = theme_id(app, world.consultation, "Street lighting")
    assert _count(app, AnswerTheme, AnswerTheme.theme_id == buses) == 12
    assert _count(app, AnswerTheme, AnswerTheme.theme_id == lights) == 12
    page = client.get(f"/staff/consultations/{world.consultation}/analysis")
    assert "Finished" in page.text and "24 of 24 answers prepared" in page.text


def test_a_rerun_redoes_only_what_changed(app, client, world):
    add_answers(app, world.consultation, BUSES + LIGHTS)
    sign_in(client, world.people["analyst"])
    _request_run(client, world)
    run_analysis(app)

    # Nothing changed: nothing is redone.
    _request_run(client, world)
    detail = run_analysis(app)
    assert detail["prepared"] == 0 and detail["themes_rematched"] == []

    # One theme's phrases change: only that theme is matched again.
    lights = theme_id(app, world.consultation, "Street lighting")
    form = client.get(f"/staff/consultations/{world.consultation}/codebook/{lights}")
    response = client.post(
        f"/staff/consultations/{world.consultation}/codebook/{lights}",
        data={
            "csrf_token": csrf(form),
            "name": "Street lighting",
            "description": "Lights",
            "phrases_en": "light*\npark",
        },
    )
    assert response.status_code == 302
    add_answers(app, world.consultation, ["Somewhere to sit in the park"])
    _request_run(client, world)
    detail = run_analysis(app)
    assert detail["prepared"] == 1
    assert detail["themes_rematched"] == ["Street lighting"]
    assert _count(app, AnswerTheme, AnswerTheme.theme_id == lights) == 13

    # A new place name to redact means every answer is prepared again.
    page = client.get("/staff/analysis-settings")
    assert page.status_code == 403  # analysts can't change partnership settings
    client.post("/staff/sign-out", data={"csrf_token": csrf(client.get("/staff/"))})
    sign_in(client, world.people["partnership_admin"])
    page = client.get("/staff/analysis-settings")
    client.post(
        "/staff/analysis-settings",
        data={
            "csrf_token": csrf(page),
            "local_names": "Oakwood Academy",
            "retain_original_days": "90",
        },
    )
    _request_run(client, world)
    assert run_analysis(app)["prepared"] == 25


def test_a_failed_run_is_shown_and_keeps_the_stored_results(app, client, world, monkeypatch):
    add_answers(app, world.consultation, BUSES)
    sign_in(client, world.people["analyst"])
    _request_run(client, world)
    run_analysis(app)

    from engagement.themes import work as analysis_work

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(analysis_work, "_rematch_changed_themes", broken)
    _request_run(client, world)
    with app.app_context():
        from engagement.themes import work as analysis_work

        analysis_work.process_pending()
    page = client.get(f"/staff/consultations/{world.consultation}/analysis")
    assert "Stopped with a problem" in page.text
    assert "disk full" not in page.text  # no internals on the page
    assert _count(app, AnswerAnalysis) == 12
