"""Files for analysts: every response (CSV and Excel), the codings of the written answers,
and the data dictionary; read back as an analyst would, with the csv module and openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import sqlalchemy as sa

from engagement import clock, db
from engagement.models import AnalysisRun, Answer, AnswerAnalysis, Submission
from engagement.themes import work as analysis_work
from tests.conftest import both_databases
from tests.results.data import OLDER, YOUNGER, add, repeat
from tests.staff_world import sign_in
from tests.themes.analysis_data import add_answers

HEADER = [
    "response", "age_band", "age_band_label", "language", "day",
    "feel_safe_area", "feel_safe_area_label", "safe_places", "safe_places_label",
    "unsafe_place", "unsafe_place_label", "trusted_adult", "trusted_adult_label",
    "who_to_talk", "who_to_talk_label", "online_pressure", "online_pressure_label",
    "priorities", "priorities_label", "one_change",
]  # fmt: skip
WRITTEN = HEADER.index("one_change")
PERSONAL = "My name is Jamie Okafor, ring 07700 900123 or jamie.okafor@example.com"
FORMULAS = ['=HYPERLINK("http://x","y")', "+SUM(1)", "@cmd", "@1+1", "-2+3"]


def _base(world) -> str:
    return f"/staff/consultations/{world.consultation}/results"


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # a byte order mark, for Excel
    return list(csv.reader(io.StringIO(body.decode("utf-8").removeprefix("\ufeff"))))


def _sheets(response) -> dict[str, list[list[object]]]:
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    return {sheet.title: [list(row) for row in sheet.values] for sheet in book.worksheets}


def _answers(app, world) -> None:
    """Three in the 12-18 version three days ago, two in Welsh in the 8-11 version ten
    days ago (so they are sent first: numbers 1 and 2)."""
    add(app, world.consultation, repeat(
        {"feel_safe_area": "5", "safe_places": ["home", "school"], "trusted_adult": "no",
         "who_to_talk": "teacher", "online_pressure": "not_sure",
         "priorities": ["bullying", "knives"]}, 3), version=OLDER)  # fmt: skip
    add(app, world.consultation, repeat(
        {"feel_safe_area": "rather_not_say", "safe_places": ["park"], "trusted_adult": "yes"},
        2), version=YOUNGER, locale="cy", days_ago=10)  # fmt: skip


def _ids(app) -> set[str]:
    with app.app_context():
        session = db.session()
        return set(session.scalars(sa.select(Submission.id))) | set(
            session.scalars(sa.select(Answer.id))
        )


def _analyse(app, consultation_id: str) -> None:
    """What the background worker does with a run asked for on the analysis page."""
    with app.app_context():
        with db.transaction() as s:
            s.add(AnalysisRun(consultation_id=consultation_id, requested_at=clock.now()))
        analysis_work.process_pending()


@both_databases
def test_responses_csv_one_row_per_response_with_codes_and_labels(app, client, world):
    _answers(app, world)
    sign_in(client, world.people["analyst"])
    response = client.get(f"{_base(world)}/responses.csv")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="feeling-safe-responses.csv"'
    )
    rows = _csv(response)
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5"]
    three_days_ago = (clock.today() - dt.timedelta(days=3)).isoformat()
    ten_days_ago = (clock.today() - dt.timedelta(days=10)).isoformat()
    assert rows[3] == [
        "3", "12-18", "12 to 18 years old", "en", three_days_ago,
        "5", "Very happy", "home; school", "At home; At school", "", "",
        "no", "No", "teacher", "A teacher", "not_sure", "Not sure",
        "bullying; knives", "Stopping bullying; Knives and fighting", "",
    ]  # fmt: skip
    assert rows[1][:9] == [
        "1", "8-11", "8 to 11 years old", "cy", ten_days_ago,
        "rather_not_say", "I\u2019d rather not say", "park", "At the park",
    ]  # fmt: skip
    assert rows[1][HEADER.index("online_pressure")] == ""  # not asked in the 8-11 version
    text = response.get_data(as_text=True)
    assert not [found for found in _ids(app) if found in text]


def test_responses_workbook_has_the_same_rows_and_the_data_dictionary(app, client, world):
    _answers(app, world)
    sign_in(client, world.people["analyst"])
    response = client.get(f"{_base(world)}/responses.xlsx")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="feeling-safe-responses.xlsx"'
    )
    sheets = _sheets(response)
    assert list(sheets) == ["Responses", "Data dictionary"]
    rows = sheets["Responses"]
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == [1, 2, 3, 4, 5]
    day = dt.datetime.combine(clock.today() - dt.timedelta(days=3), dt.time())
    assert rows[5][:13] == [
        5, "12-18", "12 to 18 years old", "en", day, "5", "Very happy", "home; school",
        "At home; At school", None, None, "no", "No",
    ]  # fmt: skip
    dictionary = sheets["Data dictionary"]
    assert [row[0] for row in dictionary[1:]] == HEADER
    with zipfile.ZipFile(io.BytesIO(response.data)) as book:
        text = "".join(book.read(name).decode("utf-8") for name in book.namelist())
    assert not [found for found in _ids(app) if found in text]


def test_the_data_dictionary_describes_every_column(app, client, world):
    _answers(app, world)
    sign_in(client, world.people["analyst"])
    header = _csv(client.get(f"{_base(world)}/responses.csv"))[0]
    rows = _csv(client.get(f"{_base(world)}/data-dictionary.csv"))
    assert rows[0] == [
        "Column", "Question", "Type", "Description", "Codes", "Asked in", "Routing may skip it",
    ]  # fmt: skip
    assert [row[0] for row in rows[1:]] == header
    by_column = {row[0]: row for row in rows[1:]}
    assert by_column["response"][2] == "meta" and "not an id" in by_column["response"][3]
    safe = by_column["feel_safe_area"]
    assert safe[1:3] == ["How safe do you feel where you live?", "scale"]
    assert safe[4] == (
        "1=Very unhappy; 2=Unhappy; 3=Okay; 4=Happy; 5=Very happy; "
        "rather_not_say=I\u2019d rather not say"
    )
    assert safe[5:] == ["8-11; 12-18", "No"]
    assert by_column["safe_places"][2] == "several answers"
    assert by_column["trusted_adult_label"][2] == "one answer"
    assert by_column["one_change"][2] == "written" and "redacted" in by_column["one_change"][3]
    assert by_column["online_pressure"][5] == "12-18"
    assert by_column["who_to_talk"][6].startswith("Yes: Asked only of those who answered")


def test_written_answers_are_only_ever_redacted(app, client, world):
    add_answers(app, world.consultation, [PERSONAL, *["More street lights"] * 4])
    sign_in(client, world.people["analyst"])
    originals = ("Okafor", "Jamie", "07700", "900123", "jamie.okafor@example.com")

    def written() -> list[str]:
        rows = _csv(client.get(f"{_base(world)}/responses.csv"))
        body = client.get(f"{_base(world)}/responses.xlsx").data
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            sheets = "".join(book.read(name).decode("utf-8") for name in book.namelist())
        assert not [original for original in originals if original in sheets]
        return sorted(row[WRITTEN] for row in rows[1:])

    redacted = "My name is [NAME], ring [PHONE] or [EMAIL]"
    # Not analysed yet: redacted as it is exported.
    assert written() == ["More street lights"] * 4 + [redacted]
    _analyse(app, world.consultation)
    assert written() == ["More street lights"] * 4 + [redacted]
    # Analysed: the analysis's redacted text is what staff see, and what the files hold.
    with app.app_context(), db.transaction() as s:
        s.execute(
            sa.update(AnswerAnalysis)
            .where(AnswerAnalysis.text.like("My name is%"))
            .values(text="[NAME] as the analysis left it")
        )
    assert written() == ["More street lights"] * 4 + ["[NAME] as the analysis left it"]
    codings = _csv(client.get(f"{_base(world)}/codings.csv"))
    assert not [row for row in codings if any(o in cell for o in originals for cell in row)]


def test_formulas_in_written_answers_stay_text(app, client, world):
    add_answers(app, world.consultation, FORMULAS)
    sign_in(client, world.people["analyst"])
    rows = _csv(client.get(f"{_base(world)}/responses.csv"))
    cells = sorted(row[WRITTEN] for row in rows[1:])
    # "@cmd" reads as a username, so redaction has already taken it out.
    assert cells == sorted(["'=HYPERLINK(\"[URL]", "'+SUM(1)", "[HANDLE]", "'@1+1", "'-2+3"])
    for row in rows:
        assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], row

    response = client.get(f"{_base(world)}/responses.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    column = book["Responses"]["T"]
    assert column[0].value == "one_change"
    written = {cell.value: cell.data_type for cell in column[1:]}
    assert written == {
        '=HYPERLINK("[URL]': "s", "+SUM(1)": "s", "[HANDLE]": "s", "@1+1": "s", "-2+3": "s",
    }  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(response.data)) as office_file:
        sheets = [name for name in office_file.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not [name for name in sheets if b"<f>" in office_file.read(name)]


@both_databases
def test_the_codings_export_has_each_theme_found(app, client, world):
    add(app, world.consultation, repeat({"feel_safe_area": "4"}, 2), days_ago=5)
    add_answers(app, world.consultation, ["The buses stop too early", "More street lights"] * 2)
    _analyse(app, world.consultation)
    sign_in(client, world.people["analyst"])
    response = client.get(f"{_base(world)}/codings.csv")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="feeling-safe-codings.csv"'
    )
    rows = _csv(response)
    assert rows[0] == ["response", "question", "theme", "sentiment", "coding", "answer"]
    buses = [row for row in rows[1:] if row[2] == "Buses and getting home"]
    assert len(buses) == 2
    # The two closed responses were sent first (five days ago): the written ones are 3-6.
    assert {row[0] for row in buses} <= {"3", "4", "5", "6"}
    assert buses[0][1] == "one_change" and buses[0][4] == "suggested"
    assert buses[0][5] == "The buses stop too early"
    assert buses[0][3] in ("positive", "neutral", "negative", "not scored")
    numbers = {row[0]: row[WRITTEN] for row in _csv(client.get(f"{_base(world)}/responses.csv"))}
    assert all(numbers[row[0]] == row[5] for row in rows[1:])  # the same response numbers

    sheets = _sheets(client.get(f"{_base(world)}/codings.xlsx"))
    assert sheets["Codings"][0] == rows[0]
    assert [[str(cell) for cell in row] for row in sheets["Codings"][1:]] == rows[1:]


def test_fewer_than_5_responses_are_not_exported(app, client, world):
    add(app, world.consultation, repeat({"feel_safe_area": "4"}, 2))
    add_answers(app, world.consultation, ["More street lights"] * 2)
    sign_in(client, world.people["analyst"])
    for name in ("responses.csv", "responses.xlsx", "codings.csv", "codings.xlsx"):
        response = client.get(f"{_base(world)}/{name}")
        assert response.status_code == 302, name
        assert response.headers["Location"] == f"{_base(world)}/exports"
        assert "Content-Disposition" not in response.headers
    page = client.get(f"{_base(world)}/exports", follow_redirects=True).page
    text = " ".join(page.get_text(" ", strip=True).split())
    assert "There are too few responses to export without singling anyone out" in text
    assert not page.find("a", href=f"{_base(world)}/responses.csv")
    assert not page.find("a", href=f"{_base(world)}/codings.csv")
    # The data dictionary holds no responses.
    assert client.get(f"{_base(world)}/data-dictionary.csv").status_code == 200


def test_the_exports_page_lists_every_file_and_says_what_is_in_it(app, client, world):
    _answers(app, world)
    sign_in(client, world.people["scrutineer"])
    results = client.get(_base(world)).page
    assert results.find("a", href=f"{_base(world)}/exports", string="Files for analysts")
    page = client.get(f"{_base(world)}/exports").page
    text = " ".join(page.get_text(" ", strip=True).split())
    assert "Written answers are only ever redacted" in text
    assert "Every download is kept in the audit log" in text
    assert "5 responses" in text
    names = ("responses.csv", "responses.xlsx", "codings.csv", "codings.xlsx")
    for name in (*names, "data-dictionary.csv"):
        link = page.find("a", href=f"{_base(world)}/{name}")
        assert link, name
        response = client.get(link["href"])
        assert response.status_code == 200, name
        assert response.headers["Content-Disposition"].startswith("attachment"), name


def test_an_excel_file_too_big_to_make_in_time_points_to_the_csv(app, client, world, monkeypatch):
    from engagement.results import exports

    _answers(app, world)
    sign_in(client, world.people["analyst"])
    monkeypatch.setattr(exports, "EXCEL_MAX_CELLS", 5 * len(HEADER) - 1)
    response = client.get(f"{_base(world)}/responses.xlsx")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{_base(world)}/exports"
    page = client.get(f"{_base(world)}/exports").page
    text = " ".join(page.get_text(" ", strip=True).split())
    assert "There is no Excel file of these responses: it would have 100 cells" in text
    assert not page.find("a", href=f"{_base(world)}/responses.xlsx")
    assert page.find("a", href=f"{_base(world)}/codings.xlsx")  # no codings yet: 0 cells
    assert len(_csv(client.get(f"{_base(world)}/responses.csv"))) == 6
