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


def _path(link: str) -> str:
    return link.split("127.0.0.1:5000", 1)[1]


def _links(output: str) -> list[str]:
    return [line for line in output.splitlines() if "/staff/invitation/" in line]


def test_invite_link_prints_a_new_link_for_an_account_not_yet_set_up(app):
    runner = app.test_cli_runner()
    first = _links(
        runner.invoke(args=["create-admin", "--email", "a@example.org", "--name", "A"]).output
    )[0]
    client = app.test_client()
    page = client.get(_path(first))
    client.post(_path(first), data={"password": "a long and unusual passphrase"})
    assert app.test_client().get(_path(first)).status_code == 410  # used; no authenticator yet

    result = runner.invoke(args=["invite-link", "--email", "A@example.org"])
    assert result.exit_code == 0, result.output
    assert "Invitation for a@example.org" in result.output
    fresh = _links(result.output)
    assert len(fresh) == 1 and fresh[0] != first
    page = app.test_client().get(_path(fresh[0]))
    assert page.status_code == 200
    assert page.page.h1.get_text() == "Choose a password"


def test_invite_link_refuses_an_account_already_set_up_or_unknown(app, world):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["invite-link", "--email", world.people["analyst"].email])
    assert result.exit_code == 2
    assert "has finished setting up" in result.output
    result = runner.invoke(args=["invite-link", "--email", "nobody@example.org"])
    assert result.exit_code == 2
    assert "No staff account has the email address nobody@example.org" in result.output


def test_the_demo_links_can_be_printed_again(tmp_path):
    from engagement import db as database
    from tests.conftest import make_app

    url = f"sqlite:///{tmp_path / 'seed.sqlite'}"
    database.upgrade(url)
    app = make_app(url)
    seeded = app.test_cli_runner().invoke(args=["seed-demo", "--responses", "5"])
    assert ".venv/bin/flask --app engagement invite-link" in seeded.output
    result = app.test_cli_runner().invoke(args=["invite-link"])
    assert result.exit_code == 0, result.output
    assert "Invitation for demo.admin@example.org" in result.output
    assert "Invitation for demo.police@example.org" in result.output
    for link in _links(result.output):
        assert app.test_client().get(_path(link)).status_code == 200
    app.extensions["engine"].dispose()
