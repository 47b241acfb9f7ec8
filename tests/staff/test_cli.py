"""Command-line set-up of the first admin."""

from __future__ import annotations


def test_create_admin_prints_a_working_invitation(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "First@Example.org", "--name", "First Admin"]
    )
    assert result.exit_code == 0, result.output
    link = result.output.strip().splitlines()[-1]
    path = link.split("127.0.0.1:5000", 1)[1]
    page = app.test_client().get(path)
    assert page.status_code == 200
    assert "first@example.org" in page.page.get_text()


def test_seeding_prints_a_demo_admin_link(tmp_path):
    from engagement import db as database
    from tests.conftest import make_app

    url = f"sqlite:///{tmp_path / 'seed.sqlite'}"
    database.upgrade(url)
    app = make_app(url)
    result = app.test_cli_runner().invoke(args=["seed-demo", "--responses", "5"])
    assert result.exit_code == 0, result.output
    assert "/staff/invitation/" in result.output
    again = app.test_cli_runner().invoke(args=["seed-demo", "--responses", "5"])
    assert "left alone" in again.output
    app.extensions["engine"].dispose()
