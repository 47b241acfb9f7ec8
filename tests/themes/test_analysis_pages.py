"""The analysis pages: results, filters, quotes, coding, the codebook and concerns."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from engagement import clock, db
from engagement.models import AnalysisRun, Answer, AnswerAnalysis, AnswerTheme
from tests.conftest import both_databases
from tests.staff_world import csrf, sign_in
from tests.themes.analysis_data import (
    QUESTION,
    add_answers,
    assert_codings_match_answers,
    run_analysis,
    theme_id,
)

BUSES = [f"The buses never come on time, route {i} is the worst" for i in range(14)]
LIGHTS = [f"More street lights by the park would help, path {i}" for i in range(9)]
PRIVATE = "Ring me on 07700 900123 or email sam@example.org about the buses"
WORRY = "The buses are scary because I don't feel safe at home or on them"


def _queue(app, consultation_id):
    with app.app_context(), db.transaction() as s:
        s.add(AnalysisRun(consultation_id=consultation_id, requested_at=clock.now()))


def _analysed(app, world, extra=()):
    add_answers(app, world.consultation, BUSES + LIGHTS + [PRIVATE, *extra])
    add_answers(app, world.consultation, [WORRY], needs_review=True)
    _queue(app, world.consultation)
    run_analysis(app)


def _page(client, world, query=""):
    return client.get(f"/staff/consultations/{world.consultation}/analysis/{QUESTION}{query}")


def test_results_show_themes_sentiment_quotes_and_small_counts_withheld(app, client, world):
    _analysed(app, world)
    sign_in(client, world.people["scrutineer"])
    page = _page(client, world)
    assert page.status_code == 200
    rows = {
        row.th.get_text(" ", strip=True).split(" Priorities")[0]: [
            td.get_text(strip=True) for td in row.find_all("td")
        ]
        for row in page.page.select("table")[0].select("tbody tr")
    }
    assert rows["Buses and getting home"][0] == "16"  # 14 + the private one + the worry
    assert rows["Street lighting"][0] == "9"
    # Alt text and the same numbers in a table.
    chart = page.page.select_one("img.app-chart")
    assert "Buses and getting home 16" in chart["alt"]
    # Every chart has alt text, and a table with the same numbers follows it.
    for image in page.page.select("img.app-chart"):
        assert image["alt"].strip() and image.find_next("table") is not None
    month = dt.date.today() - dt.timedelta(days=3)
    assert f"{month:%Y-%m}" in page.page.select("img.app-chart")[-1]["alt"]
    # Quotes: only from the theme with at least 10, never the concern, always redacted.
    quotes = [q.get_text() for q in page.page.select("blockquote.app-quote")]
    assert quotes and all("buses" in q.lower() for q in quotes)
    assert not any("feel safe" in q for q in quotes)
    assert "07700" not in page.text and "sam@example.org" not in page.text


def test_charts_come_as_svg_and_png(app, client, world):
    _analysed(app, world)
    sign_in(client, world.people["analyst"])
    base = f"/staff/consultations/{world.consultation}/analysis/{QUESTION}"
    svg = client.get(f"{base}/themes.svg")
    assert svg.mimetype == "image/svg+xml" and svg.data.startswith(b"<?xml")
    png = client.get(f"{base}/sentiment.png")
    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    assert "attachment" in png.headers["Content-Disposition"]
    trend = client.get(f"{base}/trend.svg")
    assert trend.mimetype == "image/svg+xml" and b"<svg" in trend.data
    assert client.get(f"{base}/pie.svg").status_code == 404


@both_databases
def test_a_filter_that_would_single_people_out_is_refused(app, client, world):
    _analysed(app, world, extra=())
    add_answers(app, world.consultation, ["Más autobuses por la noche"] * 3, locale="es")
    _queue(app, world.consultation)
    run_analysis(app)
    sign_in(client, world.people["analyst"])
    # Spanish: 3 answers, so the filter itself is too small.
    page = _page(client, world, "?language=es")
    assert "fewer than 5" in page.page.select_one(".govuk-error-summary").text
    assert page.page.select_one("table") is None
    # English: everyone except those 3 -- the difference would single them out.
    page = _page(client, world, "?language=en")
    assert "differ from a nearby choice" in page.text
    # Without filters, everything shows.
    assert _page(client, world).page.select_one("table") is not None


def test_answers_are_redacted_and_non_english_is_not_scored(app, client, world):
    _analysed(app, world)
    add_answers(app, world.consultation, ["Więcej autobusów wieczorem, proszę bardzo"], locale="pl")
    _queue(app, world.consultation)
    run_analysis(app)
    sign_in(client, world.people["analyst"])
    page = client.get(f"/staff/consultations/{world.consultation}/analysis/{QUESTION}/answers")
    assert "07700" not in page.text and "[PHONE]" in page.text and "[EMAIL]" in page.text
    with app.app_context():
        polish = db.session().scalar(
            sa.select(AnswerAnalysis).where(AnswerAnalysis.language == "pl")
        )
        assert polish.sentiment == "not scored"


@both_databases
def test_recoding_is_kept_through_reruns(app, client, world):
    _analysed(app, world)
    buses = theme_id(app, world.consultation, "Buses and getting home")
    lights = theme_id(app, world.consultation, "Street lighting")
    with app.app_context():
        answer_id = db.session().scalar(
            sa.select(AnswerAnalysis.answer_id).where(AnswerAnalysis.text == BUSES[0])
        )
    sign_in(client, world.people["analyst"])
    url = f"/staff/consultations/{world.consultation}/answers/{answer_id}"
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url, data={"csrf_token": csrf(form), "themes": [lights], "sentiment": "negative"}
    )
    assert response.status_code == 302
    # Change the buses theme so it is matched again: the rejection must survive.
    page = client.get(f"/staff/consultations/{world.consultation}/codebook/{buses}")
    client.post(
        f"/staff/consultations/{world.consultation}/codebook/{buses}",
        data={"csrf_token": csrf(page), "name": "Buses", "phrases_en": "bus*\nroute"},
    )
    _queue(app, world.consultation)
    run_analysis(app)
    with app.app_context():
        states = dict(
            db.session()
            .execute(
                sa.select(AnswerTheme.theme_id, AnswerTheme.state).where(
                    AnswerTheme.answer_id == answer_id
                )
            )
            .all()
        )
        analysed = db.session().get(AnswerAnalysis, answer_id)
    assert states == {buses: "rejected", lights: "confirmed"}
    assert (analysed.sentiment, analysed.sentiment_source) == ("negative", "staff")
    assert_codings_match_answers(app)


def test_bad_recoding_gets_a_message(app, client, world):
    _analysed(app, world)
    with app.app_context():
        answer_id = db.session().scalar(sa.select(AnswerAnalysis.answer_id).limit(1))
    sign_in(client, world.people["analyst"])
    url = f"/staff/consultations/{world.consultation}/answers/{answer_id}"
    form = client.get(url)
    response = client.post(url, data={"csrf_token": csrf(form), "themes": ["not-a-theme"]})
    assert response.status_code == 200
    assert response.page.select_one(".govuk-error-summary")
    assert client.get(f"/staff/consultations/{world.consultation}/answers/nope").status_code == 404


@both_databases
def test_bulk_confirm_merge_and_split(app, client, world):
    _analysed(app, world)
    buses = theme_id(app, world.consultation, "Buses and getting home")
    lights = theme_id(app, world.consultation, "Street lighting")
    sign_in(client, world.people["analyst"])
    page = _page(client, world)
    response = client.post(
        f"/staff/consultations/{world.consultation}/analysis/{QUESTION}/confirm",
        data={"csrf_token": csrf(page), "theme": buses, "at_least": "1.0"},
    )
    assert response.status_code == 302
    assert "16 suggestions confirmed" in client.get(response.headers["Location"]).text

    # Split "Street lighting": "dark*" and "cctv" become their own theme.
    url = f"/staff/consultations/{world.consultation}/codebook/{lights}/split"
    form = client.get(url)
    response = client.post(
        url,
        data={
            "csrf_token": csrf(form),
            "name": "CCTV and the dark",
            "phrases": ["en:dark*", "en:cctv"],
        },
    )
    assert response.status_code == 302
    new = theme_id(app, world.consultation, "CCTV and the dark")
    assert new

    # Merge the lights into buses: answers move, confirmed ones stay confirmed.
    url = f"/staff/consultations/{world.consultation}/codebook/{lights}/merge"
    form = client.get(url)
    assert client.post(url, data={"csrf_token": csrf(form), "target": buses}).status_code == 302
    with app.app_context():
        count = db.session().scalar(
            sa.select(sa.func.count()).select_from(AnswerTheme).where(AnswerTheme.theme_id == buses)
        )
        assert count == 16 + 9
        names = [
            t.name
            for t in __import__("engagement.themes.codebook", fromlist=["x"]).themes(
                world.consultation
            )
        ]
    assert "Street lighting" not in names and "CCTV and the dark" in names
    assert_codings_match_answers(app)
    # A duplicate name is refused with a message.
    form = client.get(f"/staff/consultations/{world.consultation}/codebook/new")
    response = client.post(
        f"/staff/consultations/{world.consultation}/codebook/new",
        data={"csrf_token": csrf(form), "name": "cctv and the DARK", "phrases_en": "camera*"},
    )
    assert response.status_code == 200 and "already a theme" in response.text


@both_databases
def test_the_classifier_suggests_from_confirmed_codings(app, client, world):
    phones = [f"Teach us how to block people on apps and report them {i}" for i in range(20)]
    clubs = [f"Open the youth centre on weekends with football {i}" for i in range(20)]
    add_answers(app, world.consultation, phones + clubs)
    _queue(app, world.consultation)
    run_analysis(app)
    online = theme_id(app, world.consultation, "Online safety")
    places = theme_id(app, world.consultation, "Places to go and things to do")
    sign_in(client, world.people["analyst"])
    with app.app_context():
        ids = dict(
            db.session().execute(sa.select(AnswerAnalysis.text, AnswerAnalysis.answer_id)).all()
        )
    for text in phones + clubs:
        url = f"/staff/consultations/{world.consultation}/answers/{ids[text]}"
        form = client.get(url)
        client.post(
            url,
            data={
                "csrf_token": csrf(form),
                "themes": [online if text in phones else places],
                "sentiment": "neutral",
            },
        )
    [new] = add_answers(
        app, world.consultation, ["please teach us to block and report people on apps"]
    )
    _queue(app, world.consultation)
    detail = run_analysis(app)
    assert detail["model"].startswith("trained on 40")
    with app.app_context():
        suggested = (
            db.session()
            .execute(
                sa.select(AnswerTheme.theme_id, AnswerTheme.source, AnswerTheme.confidence).where(
                    AnswerTheme.answer_id == new
                )
            )
            .all()
        )
    assert [(t, s) for t, s, _ in suggested] == [(online, "model")]
    assert 0.5 <= suggested[0][2] < 1
    assert_codings_match_answers(app)


@both_databases
def test_concern_queue_shows_the_help_given_and_records_a_review(app, client, world):
    _analysed(app, world)
    sign_in(client, world.people["analyst"])
    queue = client.get(f"/staff/consultations/{world.consultation}/concerns")
    assert "Childline" in queue.text and WORRY in queue.page.get_text()
    link = queue.page.select_one(".govuk-summary-card__action a")["href"]
    form = client.get(link)
    response = client.post(link, data={"csrf_token": csrf(form), "outcome": "not-an-outcome"})
    assert response.status_code == 200 and response.page.select_one(".govuk-error-summary")
    response = client.post(link, data={"csrf_token": csrf(form), "outcome": "group_reminder"})
    assert response.status_code == 302
    waiting = client.get(f"/staff/consultations/{world.consultation}/concerns")
    assert WORRY not in waiting.page.get_text()
    reviewed = client.get(f"/staff/consultations/{world.consultation}/concerns?show=reviewed")
    assert "Safeguarding reminder given to the group" in reviewed.text


@both_databases
def test_original_answers_are_replaced_after_the_keeping_time(app, world):
    add_answers(app, world.consultation, [PRIVATE], days_ago=120)
    add_answers(app, world.consultation, ["Call 07700 900456 about the buses"], days_ago=1)
    _queue(app, world.consultation)
    run_analysis(app)
    from engagement.themes.settings import remove_old_originals

    with app.app_context():
        assert remove_old_originals(dt.date.today()) == 1
        values = sorted(db.session().scalars(sa.select(Answer.value)))
    assert values == [
        "Call 07700 900456 about the buses",
        PRIVATE.replace("07700 900123", "[PHONE]").replace("sam@example.org", "[EMAIL]"),
    ]


def test_priorities_are_mapped_to_themes(app, client, world):
    sign_in(client, world.people["partnership_admin"])
    page = client.get("/staff/priorities")
    assert "Exploitation" in page.text
    response = client.post(
        "/staff/priorities", data={"csrf_token": csrf(page), "name": "exploitation"}
    )
    assert response.status_code == 200 and "already a priority" in response.text
    client.post("/staff/priorities", data={"csrf_token": csrf(page), "name": "Transport"})
    buses = theme_id(app, world.consultation, "Buses and getting home")
    form = client.get(f"/staff/consultations/{world.consultation}/codebook/{buses}")
    transport = next(
        box["value"]
        for box in form.page.select("input[name=priorities]")
        if box.find_next("label").text.strip() == "Transport"
    )
    client.post(
        f"/staff/consultations/{world.consultation}/codebook/{buses}",
        data={
            "csrf_token": csrf(form),
            "name": "Buses and getting home",
            "phrases_en": "bus*",
            "priorities": [transport],
        },
    )
    assert "Transport" in client.get(f"/staff/consultations/{world.consultation}/codebook").text
    page = client.get("/staff/priorities")
    transport_table = page.page.find("h2", string="Transport").find_next("table")
    assert "Buses and getting home" in transport_table.text


def test_the_report_spreadsheet_uses_the_published_rules(app, client, world):
    import io

    from openpyxl import load_workbook

    _analysed(app, world)
    sign_in(client, world.people["scrutineer"])
    response = client.get(
        f"/staff/consultations/{world.consultation}/analysis/{QUESTION}/report.xlsx"
    )
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    themes = {row[0]: row[1] for row in book["Themes"].iter_rows(min_row=2, values_only=True)}
    assert themes["Buses and getting home"] == 15  # 16, rounded to the nearest 5
    assert themes["Street lighting"] == 10  # 9
    sentiment = dict(book["Sentiment"].iter_rows(min_row=2, values_only=True))
    assert sentiment["Total"] == 25  # 26 answers
    hidden = [label for label, value in sentiment.items() if value == "*"]
    assert len(hidden) != 1  # a single hidden cell would be given away by the total
    assert "07700" not in str(list(book["Quotes"].values))


@both_databases
def test_staff_sentiments_teach_a_model_for_the_rest(app, client, world):
    good = [f"The new skate park is brilliant and well kept, spot {i}" for i in range(16)]
    bad = [
        f"The skate park by the bus station is wrecked and full of glass, spot {i}"
        for i in range(16)
    ]
    add_answers(app, world.consultation, good + bad)
    add_answers(app, world.consultation, ["Dim ond parc sglefrio arall"], locale="cy")
    _queue(app, world.consultation)
    run_analysis(app)
    with app.app_context():
        ids = dict(
            db.session().execute(sa.select(AnswerAnalysis.text, AnswerAnalysis.answer_id)).all()
        )
    sign_in(client, world.people["analyst"])
    for text in good[:15] + bad[:15]:
        url = f"/staff/consultations/{world.consultation}/answers/{ids[text]}"
        form = client.get(url)
        mood = "positive" if text in good else "negative"
        client.post(url, data={"csrf_token": csrf(form), "sentiment": mood})
    _queue(app, world.consultation)
    detail = run_analysis(app)
    assert detail["sentiment_model"] == "trained on 30 staff-set sentiments"
    with app.app_context():
        rows = {
            text: (sentiment, source)
            for text, sentiment, source in db.session().execute(
                sa.select(
                    AnswerAnalysis.text, AnswerAnalysis.sentiment, AnswerAnalysis.sentiment_source
                )
            )
        }
    assert rows[good[15]] == ("positive", "model")
    assert rows[bad[15]] == ("negative", "model")
    assert rows[good[0]] == ("positive", "staff")
    assert rows["Dim ond parc sglefrio arall"] == ("not scored", "rules")  # no Welsh labels
    assert_codings_match_answers(app)


def test_discovery_offers_new_themes_from_uncovered_answers(app, client, world):
    exams = [f"Less pressure about exams and homework in year {i % 5 + 7}" for i in range(15)]
    phones = [f"Teach parents about screen time and phones at night {i}" for i in range(15)]
    add_answers(app, world.consultation, exams + phones)
    _queue(app, world.consultation)
    run_analysis(app)
    sign_in(client, world.people["analyst"])
    url = f"/staff/consultations/{world.consultation}/analysis/{QUESTION}/discover"
    assert "Check progress" in client.get(url).text  # asked for; the worker finds them
    run_analysis(app)
    page = client.get(url)
    titles = [h.get_text() for h in page.page.select("h2.govuk-summary-card__title")]
    assert len(titles) >= 2
    assert any("exams" in t or "homework" in t or "pressure" in t for t in titles)
    assert any("screen" in t or "phones" in t or "parents" in t for t in titles)
    add = page.page.select_one(".govuk-summary-card__action a")["href"]
    form = client.get(add)
    assert form.page.select_one("textarea[name=phrases_en]").get_text().strip()


@pytest.fixture
def mid_month(monkeypatch):
    """Today is the 15th, so answers from 3 days ago are in this month whatever the real day."""
    day = dt.date.today().replace(day=15)
    monkeypatch.setattr(clock, "today", lambda: day)
    return day


@both_databases
def test_results_and_priorities_on_both_databases(app, client, world, mid_month):
    _analysed(app, world)
    sign_in(client, world.people["analyst"])
    page = _page(client, world, "?month_from=" + mid_month.strftime("%Y-%m"))
    assert page.status_code == 200
    assert page.page.select_one(".govuk-error-summary") is None  # the month filter was taken
    assert client.get("/staff/priorities").status_code == 200
    response = client.get(
        f"/staff/consultations/{world.consultation}/analysis/{QUESTION}/report.xlsx"
    )
    assert response.status_code == 200


def test_i_d_rather_not_say_shows_in_words_and_is_not_analysed_as_text(app, client, world):
    declined = add_answers(app, world.consultation, ["rather_not_say"] * 6)
    add_answers(app, world.consultation, ["rather_not_say"], needs_review=True)
    _analysed(app, world)
    with app.app_context():
        rows = (
            db.session()
            .scalars(sa.select(AnswerAnalysis).where(AnswerAnalysis.text == "rather_not_say"))
            .all()
        )
        assert len(rows) == 7
        assert {(r.words, r.sentiment, r.concern) for r in rows} == {(0, "not scored", False)}
        assert (
            not db.session()
            .scalars(
                sa.select(AnswerTheme).where(AnswerTheme.answer_id.in_([r.answer_id for r in rows]))
            )
            .all()
        )
    sign_in(client, world.people["analyst"])
    base = f"/staff/consultations/{world.consultation}"
    listed = [
        cell.get_text(strip=True)
        for n in (1, 2)
        for cell in client.get(f"{base}/analysis/{QUESTION}/answers?page={n}").page.select(
            "tbody tr td:first-child"
        )
    ]
    assert listed.count("I’d rather not say") == 7
    coding = client.get(f"{base}/answers/{declined[0]}").page
    assert coding.select_one("blockquote").get_text(strip=True) == "“I’d rather not say”"
    queue = client.get(f"{base}/concerns").page
    assert "“I’d rather not say”" in [q.get_text(strip=True) for q in queue.select("blockquote")]
    reviews = [client.get(a["href"]).page for a in queue.select(".govuk-summary-card__action a")]
    assert any(
        q.get_text(strip=True) == "“I’d rather not say”"
        for review in reviews
        for q in review.select("blockquote")
    )
    client.get(f"{base}/analysis/{QUESTION}/discover")
    run_analysis(app)
    discover = client.get(f"{base}/analysis/{QUESTION}/discover").page
    for page in [coding, queue, discover, *reviews]:
        assert "rather_not_say" not in page.get_text()
    assert not [text for text in listed if "rather_not_say" in text]
    assert "rather not say" not in discover.get_text().replace("’", "'").lower()


def test_answers_declined_but_analysed_as_text_before_are_analysed_again(app, client, world):
    declined = add_answers(app, world.consultation, ["rather_not_say"])[0]
    _analysed(app, world)
    with app.app_context(), db.transaction() as s:  # as the worker used to leave it
        s.get(AnswerAnalysis, declined).words = 1
        s.get(AnswerAnalysis, declined).sentiment = "neutral"
    _queue(app, world.consultation)
    run_analysis(app)
    with app.app_context():
        row = db.session().get(AnswerAnalysis, declined)
        assert (row.words, row.sentiment) == (0, "not scored")


def _statements(app, client, urls):
    """How many SQL statements the pages at ``urls`` take, together."""
    statements: list[str] = []

    def count(*args):  # type: ignore[no-untyped-def]
        statements.append(args[2])

    engine = app.extensions["engine"]
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        for url in urls:
            assert client.get(url).status_code == 200, url
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return statements


def test_the_page_and_its_charts_share_one_computation(app, client, world):
    _analysed(app, world)
    sign_in(client, world.people["analyst"])
    base = f"/staff/consultations/{world.consultation}/analysis/{QUESTION}"
    charts = [f"{base}/{chart}.svg" for chart in ("themes", "sentiment", "trend")]
    statements = _statements(app, client, [base, *charts])
    assert len([s for s in statements if "count(DISTINCT answer_themes.answer_id)" in s]) == 1
    assert len(statements) <= 38, len(statements)  # 53 when each computed the results


def _theme_counts(page):
    return {
        row.th.get_text(" ", strip=True).split(" Priorities")[0]: row.td.get_text(strip=True)
        for row in page.page.select("table")[0].select("tbody tr")
    }


def test_a_recode_shows_on_the_page_at_once(app, client, world):
    _analysed(app, world)
    lights = theme_id(app, world.consultation, "Street lighting")
    with app.app_context():
        answer_id = db.session().scalar(
            sa.select(AnswerAnalysis.answer_id).where(AnswerAnalysis.text == BUSES[0])
        )
    sign_in(client, world.people["analyst"])
    before = _theme_counts(_page(client, world))
    assert (before["Buses and getting home"], before["Street lighting"]) == ("16", "9")
    url = f"/staff/consultations/{world.consultation}/answers/{answer_id}"
    form = client.get(url)
    client.post(url, data={"csrf_token": csrf(form), "themes": [lights], "sentiment": "neutral"})
    after = _theme_counts(_page(client, world))
    assert (after["Buses and getting home"], after["Street lighting"]) == ("15", "10")


def test_discovery_is_asked_for_once_and_again_after_a_change(app, client, world):
    from engagement.models import ThemeDiscovery

    add_answers(app, world.consultation, BUSES + LIGHTS)
    _queue(app, world.consultation)
    run_analysis(app)
    sign_in(client, world.people["analyst"])
    url = f"/staff/consultations/{world.consultation}/analysis/{QUESTION}/discover"
    assert "Check progress" in client.get(url).text
    assert "Check progress" in client.get(url).text
    with app.app_context():
        assert db.session().scalar(sa.select(sa.func.count()).select_from(ThemeDiscovery)) == 1
    run_analysis(app)
    assert "Check progress" not in client.get(url).text
    _queue(app, world.consultation)
    run_analysis(app)
    assert "Check progress" in client.get(url).text  # a new run: looked for again
