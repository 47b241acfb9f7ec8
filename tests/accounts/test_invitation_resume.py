"""An invitation left at the authenticator step: the used link says how to carry on, and
signing in with the new password takes the person back to setting up the authenticator."""

from __future__ import annotations

import pyotp

from tests.accounts.test_links_and_imports import NEW_PASSWORD, _invite
from tests.staff_world import csrf, outbox_link


def test_a_used_invitation_says_signing_in_finishes_the_set_up(app, client, world):
    _invite(client, world, "half.done@example.org")
    path = outbox_link(app, "/staff/invitation").split("127.0.0.1:5000", 1)[1]
    first = app.test_client()
    page = first.get(path)
    first.post(path, data={"csrf_token": csrf(page), "password": NEW_PASSWORD})
    assert first.get("/staff/set-up-two-factor").status_code == 200  # ...and the tab is closed

    later = app.test_client()
    used = later.get(path)
    assert used.status_code == 410
    text = " ".join(used.page.get_text(" ").split())
    assert "If you already chose a password with this link, sign in with your email" in text
    assert "to finish setting up your authenticator app" in text
    sign_in_link = used.page.select_one("main a[href='/staff/sign-in']")
    assert sign_in_link is not None and sign_in_link.get_text() == "sign in"

    form = later.get("/staff/sign-in")
    signed = later.post(
        "/staff/sign-in",
        data={"csrf_token": csrf(form), "email": "half.done@example.org", "password": NEW_PASSWORD},
    )
    assert signed.headers["Location"] == "/staff/two-factor"
    assert later.get("/staff/two-factor").headers["Location"] == "/staff/set-up-two-factor"
    setup = later.get("/staff/set-up-two-factor")
    secret = setup.page.select_one(".app-code bdi").get_text()
    done = later.post(
        "/staff/set-up-two-factor",
        data={"csrf_token": csrf(setup), "code": pyotp.TOTP(secret).now()},
    )
    assert done.headers["Location"] == "/staff/recovery-codes"
    assert later.get("/staff/").status_code == 200


def test_a_used_reset_link_says_to_sign_in_with_the_new_password(app):
    page = app.test_client().get("/staff/reset-password/not-a-real-token")
    assert page.status_code == 410
    text = " ".join(page.page.get_text(" ").split())
    assert "If you already chose a new password with this link, sign in with it." in text
    assert page.page.select_one("main a[href='/staff/reset-password']") is not None
