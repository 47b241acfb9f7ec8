"""The young person's journey, end to end, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from tests.conftest import both_databases
from tests.respondent import (
    ANSWERS_12_18,
    BASE,
    Respondent,
    complete,
    draft_count,
    submissions,
)

pytestmark = both_databases


def test_start_page_says_what_it_is_for_and_that_it_is_anonymous(client):
    page = client.get(BASE).page
    text = page.get_text(" ")
    assert page.h1.get_text(strip=True) == "Feeling safe where you live"
    assert "anonymous" in text
    assert "skip any question" in text
    assert "Who sees your answers" in text
    assert "0800 1111" in page.select_one("#need-help").get_text()


def test_whole_journey_stores_one_anonymous_submission(app, client):
    respondent = Respondent(client)
    assert respondent.start("12-18").endswith("/questions/feel_safe_area")
    complete(respondent, ANSWERS_12_18)
    assert respondent.location.endswith("/check-your-answers")

    check = client.get(respondent.location).page
    assert "More street lights near the park." in check.get_text()
    response = respondent.send()
    assert response.headers["Location"].endswith("/thank-you")
    thanks = client.get(response.headers["Location"]).page
    assert "Your answers have been sent" in thanks.h1.get_text()
    assert thanks.find("a", href=f"{BASE}/you-said-we-did")

    [stored] = submissions(app)
    assert stored["answers"] == {
        "feel_safe_area": "4",
        "safe_places": ["home", "school"],
        "unsafe_place": "nowhere",
        "trusted_adult": "yes",
        "online_pressure": "no",
        "priorities": ["bullying", "knives"],
        "one_change": "More street lights near the park.",
    }
    assert stored["submitted_on"] == dt.date.today()
    assert stored["needs_review"] is False
    assert draft_count(app) == 0


def test_progress_and_back_links(client):
    respondent = Respondent(client)
    respondent.start("12-18")
    first = client.get(respondent.location).page
    assert "Question 1 of 7" in first.get_text()
    assert first.select_one(".govuk-back-link")["href"] == f"{BASE}/age"
    respondent.answer({"answer": "3"})
    second = client.get(respondent.location).page
    assert "Question 2 of 7" in second.get_text()
    assert second.select_one(".govuk-back-link")["href"] == f"{BASE}/questions/feel_safe_area"


def test_routing_shows_follow_up_only_after_the_matching_answer(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    for key in ("feel_safe_area", "safe_places", "unsafe_place"):
        respondent.answer(ANSWERS_12_18[key], expect_key=key)
    assert respondent.answer({"answer": "not_sure"}, "trusted_adult").endswith("/who_to_talk")
    page = client.get(respondent.location).page
    assert "Question 5 of 8" in page.get_text()
    respondent.answer({"answer": "youth_worker"})

    # Changing the routing answer hides the follow-up, and its answer is not sent.
    client.post(f"{BASE}/questions/trusted_adult?change=1", data={"answer": "yes"})
    assert client.get(f"{BASE}/questions/who_to_talk").status_code == 404
    complete(respondent, ANSWERS_12_18)
    respondent.send()
    [stored] = submissions(app)
    assert stored["answers"]["trusted_adult"] == "yes"
    assert "who_to_talk" not in stored["answers"]


def test_younger_band_gets_its_own_version_with_the_same_core_keys(app, client):
    respondent = Respondent(client)
    respondent.start("8-11")
    page = client.get(respondent.location).page
    assert page.h1.get_text(strip=True) == "How safe do you feel where you live?"
    complete(respondent, {"feel_safe_area": {"answer": "5"}, "trusted_adult": {"answer": "yes"}})
    respondent.send()
    [stored] = submissions(app)
    assert stored["answers"] == {"feel_safe_area": "5", "trusted_adult": "yes"}


def test_skipped_questions_and_rather_not_say(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    respondent.answer({"answer": "rather_not_say"}, "feel_safe_area")
    respondent.answer({}, "safe_places")
    respondent.answer({"answer": "nowhere"}, "unsafe_place")
    respondent.answer({"answer": "yes"}, "trusted_adult")
    respondent.answer({}, "online_pressure")
    respondent.answer({"answer": ["rather_not_say"]}, "priorities")
    respondent.answer({"rather_not_say": "y"}, "one_change")
    check = client.get(respondent.location).page.get_text()
    assert "Not answered" in check
    assert "I’d rather not say" in check
    respondent.send()
    [stored] = submissions(app)
    assert stored["answers"] == {
        "feel_safe_area": "rather_not_say",
        "unsafe_place": "nowhere",
        "trusted_adult": "yes",
        "priorities": ["rather_not_say"],
        "one_change": "rather_not_say",
    }


def test_concern_option_shows_support_and_flags_for_review(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    respondent.answer({"answer": "3"})
    respondent.answer({"answer": ["school"]})
    location = respondent.answer({"answer": "home"}, "unsafe_place")
    assert location == f"{BASE}/questions/unsafe_place/support"
    support = client.get(location).page
    text = support.get_text(" ")
    assert "0800 1111" in support.select_one("main").get_text()
    assert "999" in support.select_one("main").get_text()
    assert "0300 123 4567" in support.select_one("main").get_text()
    assert "nobody can come to help you" in text
    carry_on = support.find("a", string=lambda s: s and "Carry on" in s)
    assert carry_on["href"] == f"{BASE}/questions/trusted_adult"

    respondent.location = carry_on["href"]
    complete(respondent, ANSWERS_12_18)
    respondent.send()
    [stored] = submissions(app)
    assert stored["needs_review"] is True
    assert stored["review_reasons"] == ["concern_option"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Sometimes I want to kill myself", True),
        ("My stepdad hits me when he is drunk", True),
        ("Nie czuję się bezpiecznie w domu", True),
        ("Nobody hits me and I feel safe", False),
        ("More lights in the park please", False),
    ],
)
def test_free_text_that_suggests_risk_shows_support(app, client, text, flagged):
    respondent = Respondent(client)
    respondent.start("12-18")
    respondent.location = f"{BASE}/questions/one_change"
    location = respondent.answer({"text": text})
    assert location.endswith("/support") is flagged
    if flagged:
        assert "You can get help" in client.get(location).page.h1.get_text()
    respondent.send()
    [stored] = submissions(app)
    assert stored["needs_review"] is flagged
    assert stored["answers"]["one_change"] == text


def test_save_and_come_back_later_with_a_code(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    respondent.answer({"answer": "2"})
    response = client.post(respondent.location, data={"answer": ["park"], "action": "save"})
    assert response.headers["Location"] == f"{BASE}/saved"
    saved = client.get(f"{BASE}/saved").page
    code = saved.select_one("#resume-code").get_text(strip=True)
    assert len(code) == 14 and code[4] == code[9] == "-"
    # The code is shown once only.
    assert client.get(f"{BASE}/saved").status_code == 302

    other_browser = app.test_client()
    wrong = other_browser.post("/take-part/resume", data={"code": "AAAA-AAAA-AAAA"})
    assert wrong.status_code == 200
    assert wrong.page.select_one(".govuk-error-summary")
    resumed = other_browser.post("/take-part/resume", data={"code": code.lower()})
    assert resumed.headers["Location"] == f"{BASE}/questions/unsafe_place"

    later = Respondent(other_browser)
    later.location = resumed.headers["Location"]
    complete(later, ANSWERS_12_18)
    later.send()
    [stored] = submissions(app)
    assert stored["answers"]["feel_safe_area"] == "2"
    assert stored["answers"]["safe_places"] == ["park"]


def test_resubmitting_never_stores_two_responses(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    complete(respondent, ANSWERS_12_18)
    receipt = respondent.receipt()
    first = respondent.send(receipt)
    second = respondent.send(receipt)  # double click, or back button and send again
    assert first.headers["Location"] == second.headers["Location"] == f"{BASE}/thank-you"
    assert len(submissions(app)) == 1


def test_concurrent_sends_with_one_receipt_store_one_response(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    complete(respondent, ANSWERS_12_18)
    receipt = respondent.receipt()
    cookie = client.get_cookie("session")
    clients = [app.test_client() for _ in range(4)]
    for other in clients:
        other.set_cookie("session", cookie.value)
    results = []

    def send(other):
        results.append(Respondent(other).send(receipt).status_code)

    threads = [threading.Thread(target=send, args=(other,)) for other in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [302] * 4
    assert len(submissions(app)) == 1


def test_a_question_without_a_journey_goes_back_to_the_start(client):
    response = client.get(f"{BASE}/questions/feel_safe_area")
    assert response.headers["Location"] == BASE


def test_unknown_consultation_is_not_found(client):
    assert client.get("/take-part/no-such-thing").status_code == 404


def test_help_comes_first_even_when_saving_for_later(client):
    respondent = Respondent(client)
    respondent.start("12-18")
    respondent.location = f"{BASE}/questions/one_change"
    response = client.post(
        respondent.location, data={"text": "I want to kill myself", "action": "save"}
    )
    support_url = response.headers["Location"]
    assert "/one_change/support" in support_url
    support = client.get(support_url).page
    carry_on = support.find("a", string=lambda s: s and "Carry on" in s)
    assert carry_on["href"] == f"{BASE}/saved"
    assert client.get(carry_on["href"]).page.select_one("#resume-code")


def test_help_after_changing_an_answer_returns_to_check_answers(client):
    respondent = Respondent(client)
    respondent.start("12-18")
    complete(respondent, ANSWERS_12_18)
    response = client.post(f"{BASE}/questions/unsafe_place?change=1", data={"answer": "home"})
    support = client.get(response.headers["Location"]).page
    carry_on = support.find("a", string=lambda s: s and "Carry on" in s)
    assert carry_on["href"] == f"{BASE}/check-your-answers"


def test_two_tabs_answering_at_once_lose_nothing(app, client):
    respondent = Respondent(client)
    respondent.start("12-18")
    cookie = client.get_cookie("session")
    tabs = [app.test_client() for _ in range(2)]
    for tab in tabs:
        tab.set_cookie("session", cookie.value)
    answers = [("feel_safe_area", {"answer": "2"}), ("safe_places", {"answer": ["park"]})]
    threads = [
        threading.Thread(target=tab.post, args=(f"{BASE}/questions/{key}",), kwargs={"data": data})
        for tab, (key, data) in zip(tabs, answers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = client.get(f"{BASE}/check-your-answers").page.get_text()
    assert "Unhappy" in check and "In parks and outdoor spaces" in check


def test_a_written_answer_is_checked_for_risk_once_per_request(app, client, monkeypatch):
    from engagement.respond import submissions as sending

    checked: list[str] = []

    def counting(real):  # type: ignore[no-untyped-def]
        def read(text: str) -> tuple[str, ...]:
            checked.append(text)
            return real(text)

        return read

    monkeypatch.setattr(sending, "risk_categories", counting(sending.risk_categories))
    monkeypatch.setattr(sending, "review_categories", counting(sending.review_categories))
    respondent = Respondent(client)
    respondent.start("12-18")
    respondent.location = f"{BASE}/questions/one_change"
    text = "Sometimes I want to kill myself"
    assert respondent.answer({"text": text}).endswith("/support")
    assert checked == [text]
    receipt = respondent.receipt()
    assert checked == [text]  # showing the answers checks nothing
    respondent.send(receipt)
    assert checked == [text, text]  # once more when sent, to flag the submission
    [stored] = submissions(app)
    assert stored["needs_review"] is True


@pytest.mark.parametrize(
    ("text", "shown", "not_shown"),
    [
        ("Sometimes I want to kill myself", ["PAPYRUS HOPELINE247", "0800 068 4141"], ["CEOP"]),
        (
            "a man keeps asking for nudes on snapchat",
            ["CEOP Safety Centre", "Report Remove"],
            ["PAPYRUS"],
        ),
        ("My stepdad hits me when he is drunk", [], ["PAPYRUS", "CEOP", "Runaway"]),
        ("i keep running away from home", ["Runaway Helpline", "116 000"], ["CEOP"]),
    ],
)
def test_the_support_page_adds_help_that_fits_what_was_written(client, text, shown, not_shown):
    respondent = Respondent(client)
    respondent.start("12-18")
    respondent.location = f"{BASE}/questions/one_change"
    location = respondent.answer({"text": text})
    main = client.get(location).page.select_one("main")
    words = main.get_text(" ")
    assert "0800 1111" in words  # the general help is always there
    for name in shown:
        assert name in words
    for name in not_shown:
        assert name not in words
    if shown:
        assert main.select_one(".app-help__services a[lang=en]")["href"].startswith("https://")
