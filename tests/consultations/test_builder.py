"""Building a consultation: from a template, questions, routing, publishing, preview, locking."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engagement import db
from engagement.models import Consultation, ConsultationVersion, Question
from tests.respondent import ANSWERS_12_18, Respondent, complete
from tests.staff_world import csrf, sign_in


def _create(client, world, slug="practitioners-2027", template="practitioner"):
    sign_in(client, world.people["analyst"])
    page = client.get("/staff/consultations/new")
    return client.post(
        "/staff/consultations/new",
        data={
            "csrf_token": csrf(page),
            "template": template,
            "title": "Staff survey 2027",
            "slug": slug,
        },
    )


def _questions(app, slug, band):
    with app.app_context(), Session(bind=db.engine()) as s:
        return [
            (q.key, q.kind, q.show_if, q.options)
            for q in s.scalars(
                sa.select(Question)
                .join(ConsultationVersion)
                .join(Consultation)
                .where(Consultation.slug == slug, ConsultationVersion.age_band == band)
                .order_by(Question.position)
            )
        ]


def test_a_new_consultation_is_unpublished_until_published(app, client, world):
    response = _create(client, world)
    assert response.status_code == 302
    questions_page = client.get(response.headers["Location"]).page
    assert "I know my own and my agency" in questions_page.get_text()
    assert app.test_client().get("/take-part/practitioners-2027").status_code == 404

    consultation_id = response.headers["Location"].split("/")[3]
    detail = client.get(f"/staff/consultations/{consultation_id}")
    assert "Not published" in detail.page.get_text()
    client.post(
        f"/staff/consultations/{consultation_id}/publish",
        data={"csrf_token": csrf(detail), "publish": "1"},
    )
    assert app.test_client().get("/take-part/practitioners-2027").status_code == 200


def test_bad_new_consultations_are_refused_clearly(client, world):
    taken = _create(client, world, slug="feeling-safe")
    assert "already used" in taken.page.select_one(".govuk-error-summary").get_text()
    page = client.get("/staff/consultations/new")
    bad = client.post(
        "/staff/consultations/new",
        data={
            "csrf_token": csrf(page),
            "template": "section_11",
            "title": "",
            "slug": "Not A Slug!",
        },
    )
    text = bad.page.select_one(".govuk-error-summary").get_text()
    assert "Choose what to start from" in text and "Enter a title" in text and "lower-case" in text


def test_adding_routing_and_a_concern_answer(app, client, world):
    sign_in(client, world.people["partnership_admin"])
    base = f"/staff/consultations/{world.consultation}/questions/12-18"
    page = client.get(f"{base}/new")
    too_few = client.post(f"{base}/new", data={
        "csrf_token": csrf(page), "kind": "single_choice", "text": "How do you get to school?",
        "options": "Walk", "rather_not_say": "y"})  # fmt: skip
    assert "at least 2 answers" in too_few.page.select_one(".govuk-error-summary").get_text()
    added = client.post(f"{base}/new", data={
        "csrf_token": csrf(page), "kind": "single_choice", "text": "How do you get to school?",
        "options": "Walk\nBus\nSomeone drives me\nI'm scared to go",
        "rather_not_say": "y"})  # fmt: skip
    assert added.status_code == 302
    key, kind, show_if, options = _questions(app, "feeling-safe", "12-18")[-1]
    assert (key, kind) == ("how_do_you_get_to_school", "single_choice")
    assert [o["key"] for o in options] == ["walk", "bus", "someone_drives_me", "i_m_scared_to_go"]

    edit = client.get(f"{base}/{key}")
    saved = client.post(f"{base}/{key}", data={
        "csrf_token": csrf(edit), "routing": "trusted_adult=no", "concern": ["i_m_scared_to_go"],
        "rather_not_say": "y"})  # fmt: skip
    assert saved.status_code == 302
    _, _, show_if, options = _questions(app, "feeling-safe", "12-18")[-1]
    assert show_if == {"question": "trusted_adult", "answers": ["no"]}
    assert [o["key"] for o in options if o.get("concern")] == ["i_m_scared_to_go"]

    app.extensions.get("consultation_cache", {}).clear()
    respondent = Respondent(app.test_client())
    respondent.start("12-18")
    complete(respondent, {**ANSWERS_12_18, "trusted_adult": {"answer": "no"},
                          "how_do_you_get_to_school": {"answer": "i_m_scared_to_go"}})  # fmt: skip
    assert respondent.location.endswith("/how_do_you_get_to_school/support")


def test_routing_must_point_at_an_earlier_question(app, client, world):
    sign_in(client, world.people["analyst"])
    base = f"/staff/consultations/{world.consultation}/questions/12-18"
    edit = client.get(f"{base}/feel_safe_area")
    refused = client.post(
        f"{base}/feel_safe_area", data={"csrf_token": csrf(edit), "routing": "trusted_adult=no"}
    )
    assert refused.status_code == 200
    assert refused.page.select_one(".govuk-error-summary")
    # Moving a follow-up above the question it depends on is refused too.
    listing = client.get(f"/staff/consultations/{world.consultation}/questions")
    for _ in range(2):
        client.post(
            f"{base}/who_to_talk/move", data={"csrf_token": csrf(listing), "direction": "up"}
        )
    keys = [key for key, *_ in _questions(app, "feeling-safe", "12-18")]
    assert keys.index("who_to_talk") > keys.index("trusted_adult")
    # A question others depend on cannot be removed.
    client.post(f"{base}/trusted_adult/remove", data={"csrf_token": csrf(listing)})
    assert "trusted_adult" in [key for key, *_ in _questions(app, "feeling-safe", "12-18")]


def test_once_people_have_answered_the_structure_is_fixed(app, client, world):
    respondent = Respondent(app.test_client())
    respondent.start("12-18")
    complete(respondent, ANSWERS_12_18)
    respondent.send()
    sign_in(client, world.people["analyst"])
    listing = client.get(f"/staff/consultations/{world.consultation}/questions")
    assert "People have answered" in listing.page.get_text()
    assert listing.page.find("button", string=lambda s: s and "Remove" in s) is None
    before = _questions(app, "feeling-safe", "12-18")
    base = f"/staff/consultations/{world.consultation}/questions/12-18"
    response = client.post(f"{base}/one_change/remove", data={"csrf_token": csrf(listing)})
    follow = client.get(response.headers["Location"])
    assert "People have answered" in follow.page.get_text()
    client.post(
        f"{base}/feel_safe_area/move", data={"csrf_token": csrf(listing), "direction": "down"}
    )
    for path, data in (
        (f"{base}/new", {"kind": "free_text", "text": "Anything else?"}),
        (f"{base}/unsafe_place/answers", {"options": "A\nB"}),
        (f"{base}/unsafe_place", {"routing": ""}),
        (f"/staff/consultations/{world.consultation}/versions/new",
         {"age_band": "16-18", "label": "16 to 18", "copy_from": "12-18"}),
    ):  # fmt: skip
        refused = client.post(path, data={"csrf_token": csrf(listing), **data})
        assert refused.status_code == 302, path
        assert "People have answered" in client.get(refused.headers["Location"]).page.get_text()
    assert _questions(app, "feeling-safe", "12-18") == before
    # Fixing the wording is still allowed.
    text_page = client.get(f"/staff/consultations/{world.consultation}/text/en")
    fixed = client.post(
        f"/staff/consultations/{world.consultation}/text/en",
        data={
            "csrf_token": csrf(text_page),
            "t:consultation.title": "Feeling safe where you live (2026)",
        },
    )
    assert fixed.status_code == 302


def test_preview_shows_a_question_as_respondents_see_it_in_any_language(client, world):
    sign_in(client, world.people["trainer"])
    base = f"/staff/consultations/{world.consultation}/preview/12-18/who_to_talk"
    english = client.get(base)
    assert "Who would you most like to be able to talk to?" in english.page.h1.get_text()
    assert english.page.select_one(".app-help")  # the help box, as young people see it
    arabic = client.get(f"{base}?lang=ar")
    assert arabic.headers["Content-Language"] == "ar"
    html = arabic.page.find("html")
    assert (html["lang"], html["dir"]) == ("ar", "rtl")
    assert client.get(f"{base}?lang=xx").status_code == 404


def test_age_bands_can_be_added_as_copies_and_removed(app, client, world):
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}/versions/new")
    bad = client.post(
        f"/staff/consultations/{world.consultation}/versions/new",
        data={
            "csrf_token": csrf(page),
            "age_band": "12-18",
            "label": "Again",
            "copy_from": "12-18",
        },
    )
    assert "already a version" in bad.page.select_one(".govuk-error-summary").get_text()
    added = client.post(
        f"/staff/consultations/{world.consultation}/versions/new",
        data={
            "csrf_token": csrf(page),
            "age_band": "16-18",
            "label": "16 to 18",
            "copy_from": "12-18",
        },
    )
    assert added.status_code == 302
    assert [k for k, *_ in _questions(app, "feeling-safe", "16-18")] == [
        k for k, *_ in _questions(app, "feeling-safe", "12-18")
    ]
    listing = client.get(f"/staff/consultations/{world.consultation}/questions")
    client.post(
        f"/staff/consultations/{world.consultation}/versions/16-18/remove",
        data={"csrf_token": csrf(listing)},
    )
    assert _questions(app, "feeling-safe", "16-18") == []


def test_changing_answers_keeps_translations_of_unchanged_ones(app, client, world):
    sign_in(client, world.people["analyst"])
    path = f"/staff/consultations/{world.consultation}/questions/12-18/unsafe_place/answers"
    page = client.get(path)
    current = page.page.find("textarea").get_text().splitlines()
    assert current[0] == "I feel safe everywhere"
    one_left = client.post(path, data={"csrf_token": csrf(page), "options": "Only one"})
    assert "at least 2" in one_left.page.select_one(".govuk-error-summary").get_text()
    changed = "\n".join([*current[:-1], "Somewhere else", current[-1]])
    assert client.post(path, data={"csrf_token": csrf(page), "options": changed}).status_code == 302
    options = _questions(app, "feeling-safe", "12-18")[2][3]
    keys = [o["key"] for o in options]
    assert keys[:4] == ["nowhere", "area", "school", "online"] and keys[-1] == "home"
    assert options[-1]["concern"] is True and options[0]["text"]["cy"]  # kept, with translations
    assert options[4]["text"] == {"en": "Somewhere else"}


def test_each_move_button_names_its_own_question(app, client, world):
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}/questions").page
    lists = {
        ol.find_previous("h2").get_text().rsplit("(", 1)[1].rstrip(")"): ol
        for ol in page.select("ol.app-question-list")
    }
    assert set(lists) == {"8-11", "12-18"}
    for band, question_list in lists.items():
        items = question_list.find_all("li", recursive=False)
        assert len(items) == len(_questions(app, "feeling-safe", band))
        for number, item in enumerate(items, start=1):
            text = item.strong.get_text()
            labels = {
                button.get_text(strip=True).split(":")[0]: button.get_text(strip=True)
                for button in item.select("button")
            }
            expected = {"Move up", "Move down", "Remove"}
            if number == 1:
                expected.discard("Move up")
            if number == len(items):
                expected.discard("Move down")
            assert set(labels) == expected, (band, number)
            for label in labels.values():
                assert f": question {number} ({band}), {text[:30]}" in label, label
    # A button moves the question it names.
    before = [key for key, *_ in _questions(app, "feeling-safe", "12-18")]
    second = lists["12-18"].find_all("li", recursive=False)[1]
    up = next(b for b in second.select("button") if b.get_text().startswith("Move up"))
    client.post(up.find_parent("form")["action"], data={
        "csrf_token": csrf(client.get(f"/staff/consultations/{world.consultation}/questions")),
        "direction": "up"})  # fmt: skip
    after = [key for key, *_ in _questions(app, "feeling-safe", "12-18")]
    assert after[:2] == [before[1], before[0]]
