"""Bad input into every respondent form.

Each gets a clear message, with nothing stored, nothing lost and never a 500.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import Draft
from forms.text import without_hidden_characters
from tests.conftest import load_demo, make_app
from tests.respondent import ANSWERS_12_18, BASE, Respondent, complete, submissions

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
EMOJI = "Feeling 😀👍🏽 and 🏳️‍🌈"
ARABIC = "أريد المزيد من الأضواء في الحديقة"

CHOICE_QUESTIONS = ["feel_safe_area", "safe_places", "unsafe_place", "trusted_adult", "priorities"]
BAD_CHOICES = [
    pytest.param({"answer": "banana"}, id="unknown-choice"),
    pytest.param({"answer": SCRIPT}, id="script"),
    pytest.param({"answer": EMOJI}, id="emoji"),
    pytest.param({"answer": "\u202eyes"}, id="rtl-override"),
    pytest.param({"answer": "x" * 5000}, id="oversized"),
    pytest.param({"answer": "\x00\x07"}, id="control-characters"),
]
BAD_TEXT = [
    pytest.param("x" * 501, "must be 500 characters or fewer", id="too-long"),
    pytest.param("hello\x00world", "hidden character", id="nul"),
    pytest.param("bell\x07 and escape\x1b[31m", "hidden character", id="control-characters"),
    pytest.param("I said \u202eesrever\u202c", "hidden character", id="rtl-override"),
    pytest.param("isolate \u2067text\u2069", "hidden character", id="rtl-isolate"),
]
GOOD_TEXT = [
    pytest.param(SCRIPT, id="html-and-script"),
    pytest.param(EMOJI, id="emoji"),
    pytest.param(ARABIC, id="arabic"),
    pytest.param("Line one\r\nLine two\twith a tab", id="new-lines"),
]


def _draft_answers(app):
    with app.app_context(), Session(bind=db.engine()) as session:
        return [d.answers for d in session.scalars(sa.select(Draft))]


@pytest.fixture
def respondent(client):
    respondent = Respondent(client)
    respondent.start("12-18")
    respondent.answer({"answer": "4"})  # something already saved, that must not be lost
    return respondent


def _assert_clear_error(response, anchor):
    assert response.status_code == 200
    summary = response.page.select_one(".govuk-error-summary")
    assert summary is not None
    link = summary.select_one("a")
    assert link["href"] == anchor
    assert link.get_text(strip=True)
    return link.get_text(strip=True)


@pytest.mark.parametrize("key", CHOICE_QUESTIONS)
@pytest.mark.parametrize("data", BAD_CHOICES)
def test_bad_choices_are_refused_clearly(app, client, respondent, key, data):
    response = client.post(f"{BASE}/questions/{key}", data=data)
    message = _assert_clear_error(response, "#answer")
    assert "Choose" in message
    assert _draft_answers(app) == [{"feel_safe_area": "4"}] if key != "feel_safe_area" else True
    assert submissions(app) == []


def test_two_answers_to_a_one_answer_question(app, client, respondent):
    response = client.post(f"{BASE}/questions/unsafe_place", data={"answer": ["area", "school"]})
    _assert_clear_error(response, "#answer")
    assert _draft_answers(app) == [{"feel_safe_area": "4"}]


def test_too_many_priorities_and_rather_not_say_with_an_answer(app, client, respondent):
    too_many = client.post(
        f"{BASE}/questions/priorities",
        data={"answer": ["bullying", "knives", "drugs", "transport"]},
    )
    assert "no more than 3" in _assert_clear_error(too_many, "#answer")
    both = client.post(f"{BASE}/questions/safe_places", data={"answer": ["home", "rather_not_say"]})
    assert "rather not say" in _assert_clear_error(both, "#answer")
    # What the young person chose is still shown, so nothing they did is lost.
    assert both.page.select_one('input[value="home"]').has_attr("checked")
    assert _draft_answers(app) == [{"feel_safe_area": "4"}]


@pytest.mark.parametrize(("text", "expected"), BAD_TEXT)
def test_bad_free_text_is_refused_clearly_and_kept_on_screen(
    app, client, respondent, text, expected
):
    response = client.post(f"{BASE}/questions/one_change", data={"text": text})
    assert expected in _assert_clear_error(response, "#text")
    kept = without_hidden_characters(text)
    assert response.page.select_one("textarea#text").get_text() == kept
    assert _draft_answers(app) == [{"feel_safe_area": "4"}]


def test_text_and_rather_not_say_together(app, client, respondent):
    response = client.post(
        f"{BASE}/questions/one_change", data={"text": "Lights", "rather_not_say": "y"}
    )
    _assert_clear_error(response, "#text")


@pytest.mark.parametrize("text", GOOD_TEXT)
def test_unusual_but_real_answers_are_kept_exactly_and_shown_escaped(app, client, respondent, text):
    response = client.post(f"{BASE}/questions/one_change", data={"text": text})
    assert response.status_code == 302
    check = client.get(f"{BASE}/check-your-answers")
    html = check.get_data(as_text=True)
    assert "<script>alert" not in html
    shown = [p.get_text() for p in check.page.select(".app-answer")]
    expected = text.strip().replace("\r\n", "\n")
    assert expected in shown
    complete(respondent, {**ANSWERS_12_18, "one_change": {"text": text}})
    respondent.send()
    [stored] = submissions(app)
    assert stored["answers"]["one_change"] == expected


def test_a_body_too_large_gets_a_friendly_page(app, client, respondent):
    response = client.post(f"{BASE}/questions/one_change", data={"text": "x" * 200_000})
    assert response.status_code == 413
    assert "too long" in response.page.h1.get_text()
    assert _draft_answers(app) == [{"feel_safe_area": "4"}]


def test_age_band_and_resume_forms(client):
    client.post(BASE)
    for band in ("", "99-100", SCRIPT):
        response = client.post(f"{BASE}/age", data={"age_band": band})
        _assert_clear_error(response, "#age_band")
    for code in ("", "short", SCRIPT, "\u202eABCD-EFGH", "😀😀😀😀-😀😀😀😀", "ABCD-EFG\x00"):
        response = client.post("/take-part/resume", data={"code": code})
        _assert_clear_error(response, "#code")


def test_forged_receipt_stores_nothing(app, client, respondent):
    complete(respondent, ANSWERS_12_18)
    response = respondent.send("forged-receipt")
    assert response.status_code == 302
    assert submissions(app) == []
    # The real answers are still there to send.
    assert respondent.send().headers["Location"].endswith("/thank-you")
    assert len(submissions(app)) == 1


CSRF_FORMS = [
    pytest.param(BASE, {}, id="start"),
    pytest.param(f"{BASE}/age", {"age_band": "8-11"}, id="age-band"),
    pytest.param(f"{BASE}/questions/feel_safe_area", {"answer": "4"}, id="question"),
    pytest.param(f"{BASE}/questions/one_change", {"text": "Lights"}, id="free-text"),
    pytest.param(f"{BASE}/check-your-answers", {"receipt": "x"}, id="send"),
    pytest.param("/take-part/resume", {"code": "ABCD-EFGH"}, id="resume"),
]


@pytest.mark.parametrize(("path", "data"), CSRF_FORMS)
@pytest.mark.parametrize("token", [None, "forged-token", "IjEyMyI.aaaa.bbbb"])
def test_missing_or_forged_csrf_token_is_refused_clearly(database_url, path, data, token):
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    load_demo(app)
    client = app.test_client()
    page = client.get(f"{BASE}/age")
    real = page.page.find("input", attrs={"name": "csrf_token"})["value"]
    client.post(f"{BASE}/age", data={"csrf_token": real, "age_band": "12-18"})

    form = dict(data) if token is None else {**data, "csrf_token": token}
    response = client.post(path, data=form)
    assert response.status_code == 400
    assert "timed out" in response.page.h1.get_text()
    assert "Your other answers are saved" in response.page.get_text()
    assert _draft_answers(app) == [{}]
    assert submissions(app) == []
    app.extensions["engine"].dispose()


def test_wrong_methods_are_refused(client):
    assert client.put(BASE).status_code == 405
    assert client.get(f"{BASE}/thank-you").status_code == 200
    assert client.post(f"{BASE}/thank-you").status_code == 405
