"""Row-level files for analysts: every response, the themes coded in the written answers,
and a data dictionary, as CSV (written while it is sent) and Excel (written to disk row
by row), so 100,000 responses never sit in memory.

- Responses are numbered 1 to N in the order sent: by day, and within a day in an order
  that means nothing (a submission keeps no time, and its id is random). No id leaves
  the database. The codings carry the same numbers, so the two files match when they
  are downloaded together (while a consultation is open, a response sent in between
  moves the later numbers of its day).
- Written answers are only ever their redacted text: the analysis's (``answer_analyses``),
  or, for an answer it has not read yet, redacted here as the concern queue does.
- With fewer than 5 responses there is no row-level file: a row could be one person
  everyone knows.
- Every text cell is text: see ``engagement.office.spreadsheets``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import sqlalchemy as sa

from analysis.counts import THRESHOLD
from analysis.redaction import redact
from engagement import db
from engagement.i18n import LANGUAGES
from engagement.models import (
    Answer,
    AnswerAnalysis,
    AnswerTheme,
    CodingState,
    Consultation,
    Submission,
    Theme,
    ThemeStatus,
)
from engagement.office import spreadsheets
from engagement.results import distributions as d
from engagement.themes.results import RATHER_NOT_SAY_TEXT, shown_text
from forms.vocabulary import RATHER_NOT_SAY, QuestionKind

MINIMUM = THRESHOLD  # responses a row-level file needs
# The most cells an Excel file is made with: openpyxl writes about 120,000 a second here,
# so a bigger file would outlast the web server's 30-second limit (the CSV has no limit).
EXCEL_MAX_CELLS = 1_000_000
BATCH = 1000  # responses read at a time
SEPARATOR = "; "  # between the answers to a question with several
META = "meta"
KIND_NAMES = {
    QuestionKind.SCALE: "scale",
    QuestionKind.SINGLE_CHOICE: "one answer",
    QuestionKind.YES_NO_NOT_SURE: "one answer",
    QuestionKind.MULTIPLE_CHOICE: "several answers",
    QuestionKind.PRIORITIES: "several answers",
    QuestionKind.FREE_TEXT: "written",
}
DICTIONARY_HEADER = [
    "Column", "Question", "Type", "Description", "Codes", "Asked in", "Routing may skip it",
]  # fmt: skip
CODINGS_HEADER = ["response", "question", "theme", "sentiment", "coding", "answer"]
WRITTEN = (
    "The written answer, redacted: names, contact details, addresses and other personal "
    "details are replaced by markers such as [NAME] and [PHONE]."
)


class TooFewResponses(Exception):
    """Fewer than 5 responses: any row-level file could single someone out."""


class TooBigForExcel(Exception):
    """More cells than an Excel file is made with here: the CSV file has them all."""


@dataclass(frozen=True)
class Available:
    """What the exports page offers."""

    responses: int
    columns: int  # of the responses file
    codings: int

    @property
    def too_few(self) -> bool:
        return self.responses < MINIMUM

    @property
    def responses_excel(self) -> bool:
        return self.responses * self.columns <= EXCEL_MAX_CELLS

    @property
    def codings_excel(self) -> bool:
        return self.codings * len(CODINGS_HEADER) <= EXCEL_MAX_CELLS


@dataclass(frozen=True)
class Column:
    """One column of the responses file, as the data dictionary describes it."""

    name: str
    question: str
    kind: str
    description: str
    codes: str
    asked_in: str
    routing: str

    def row(self) -> list[str]:
        return [
            self.name, self.question, self.kind, self.description, self.codes, self.asked_in,
            self.routing,
        ]  # fmt: skip


@dataclass(frozen=True)
class _Plan:
    """What the rows need, read before the first row is written."""

    responses: int
    questions: list[d.QuestionInfo]
    columns: list[Column]
    version_ids: list[str]
    age_bands: dict[str, tuple[str, str]]  # by version id: (age band, label)
    labels: dict[str, dict[str, str]]  # by question key: {code: English label}
    written: frozenset[tuple[str, str]]  # (version id, key) of every written question
    local_names: tuple[str, ...]


@dataclass(frozen=True)
class _Sent:
    number: int
    id: str
    version_id: str
    locale: str
    day: dt.date


def response_count(consultation: Consultation) -> int:
    with db.read() as connection:
        return int(
            connection.scalar(
                sa.select(sa.func.count()).where(
                    Submission.version_id.in_([v.id for v in consultation.versions])
                )
            )
            or 0
        )


def _codes(pairs: list[tuple[str, str]]) -> str:
    return SEPARATOR.join(f"{code}={label}" for code, label in pairs)


def columns(consultation: Consultation, infos: list[d.QuestionInfo]) -> list[Column]:
    """The responses file's columns, in order: four about the response, then one per
    written question and two per question with answers to choose (code, then words)."""
    bands = {v.id: v.age_band for v in consultation.versions}
    every = SEPARATOR.join(bands.values())
    versions = _codes([(v.age_band, v.label.get("en", v.age_band)) for v in consultation.versions])
    languages = _codes([(language.code, language.english_name) for language in LANGUAGES])
    found = [
        Column("response", "", META, "The response's number: 1 to N in the order sent (by day; "
               "within a day the order means nothing). It is not an id.", "", every, "No"),
        Column("age_band", "", META, "The age-band version answered.", versions, every, "No"),
        Column("age_band_label", "", META, "The age-band version, in words.", "", every, "No"),
        Column("language", "", META, "The language answered in.", languages, every, "No"),
        Column("day", "", META, "The day the response was sent (no time is kept).", "", every,
               "No"),
    ]  # fmt: skip
    rather_not_say = {q.key for v in consultation.versions for q in v.questions if q.rather_not_say}
    for info in infos:
        asked_in = SEPARATOR.join(bands[v] for v in info.version_ids)
        routing = f"Yes: {info.shown_if}." if info.shown_if else "No"
        kind = KIND_NAMES.get(info.kind, info.kind)
        if info.written:
            found.append(Column(info.key, info.text, kind, WRITTEN, "", asked_in, routing))
            continue
        pairs = list(info.options)
        if info.key in rather_not_say:
            pairs.append((RATHER_NOT_SAY, RATHER_NOT_SAY_TEXT))
        each = f" Several answers are separated by \u201c{SEPARATOR.strip()}\u201d." * info.several
        found += [
            Column(info.key, info.text, kind, f"The answer's code.{each}", _codes(pairs),
                   asked_in, routing),
            Column(f"{info.key}_label", info.text, kind, f"The answer in words.{each}", "",
                   asked_in, routing),
        ]  # fmt: skip
    return found


def coding_count(consultation: Consultation) -> int:
    """Rows of the codings file: themes found in answers, not rejected, still in use."""
    with db.read() as connection:
        return int(
            connection.scalar(
                sa.select(sa.func.count())
                .select_from(AnswerTheme)
                .join(Theme, Theme.id == AnswerTheme.theme_id)
                .where(
                    AnswerTheme.consultation_id == consultation.id,
                    AnswerTheme.state != CodingState.REJECTED,
                    Theme.status == ThemeStatus.ACTIVE,
                )
            )
            or 0
        )


def available(consultation: Consultation) -> Available:
    infos = d.questions(consultation)
    return Available(
        response_count(consultation), len(columns(consultation, infos)), coding_count(consultation)
    )


def _plan(consultation: Consultation, row_level: bool = True) -> _Plan:
    """Raises TooFewResponses for a row-level file of fewer than 5 responses."""
    responses = response_count(consultation)
    if row_level and responses < MINIMUM:
        raise TooFewResponses(consultation.id)
    infos = d.questions(consultation)
    labels = {
        info.key: {**dict(info.options), RATHER_NOT_SAY: RATHER_NOT_SAY_TEXT} for info in infos
    }
    return _Plan(
        responses=responses,
        questions=infos,
        columns=columns(consultation, infos),
        version_ids=[v.id for v in consultation.versions],
        age_bands={
            v.id: (v.age_band, v.label.get("en", v.age_band)) for v in consultation.versions
        },
        labels=labels,
        written=frozenset(
            (v.id, q.key)
            for v in consultation.versions
            for q in v.questions
            if q.kind == QuestionKind.FREE_TEXT
        ),
        local_names=tuple(consultation.partnership.local_names or ()),
    )


def _numbered(version_ids: list[str]) -> Iterator[list[_Sent]]:
    """The responses, a batch at a time, numbered 1 to N in the order sent."""
    query = (
        sa.select(Submission.id, Submission.version_id, Submission.locale, Submission.submitted_on)
        .where(Submission.version_id.in_(version_ids))
        .order_by(Submission.submitted_on, Submission.id)
    )
    number = itertools.count(1)
    with db.read() as connection:
        for rows in connection.execute(query).partitions(BATCH):
            yield [_Sent(next(number), *row) for row in rows]


def _answers(submission_ids: list[str]) -> dict[str, dict[str, tuple[str | None, str | None]]]:
    """Each response's answers by question key: (the value as stored, in JSON; the
    redacted text, if the analysis has read it). JSON is decoded here, each closed answer
    once (see ``_Cells``), which is most of the work saved on 100,000 responses."""
    with db.read() as connection:
        rows = connection.execute(
            sa.select(
                Answer.submission_id, Answer.question_key, sa.cast(Answer.value, sa.Text),
                AnswerAnalysis.text,
            )
            .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
            .where(Answer.submission_id.in_(submission_ids))
        ).all()  # fmt: skip
    found: dict[str, dict[str, tuple[str | None, str | None]]] = {}
    for submission_id, key, raw, analysed in rows:
        found.setdefault(submission_id, {})[key] = (raw, analysed)
    return found


def _chosen(value: Any) -> list[str]:
    return [str(option) for option in value] if isinstance(value, list) else [str(value)]


def _unanswered(value: Any) -> bool:
    return value is None or value == "" or value == []


class _Cells:
    """Each answer's cells: a written answer's redacted text; a closed answer's codes and
    words, worked out once for each value (people give the same few answers)."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.closed: dict[tuple[str, str | None], list[str]] = {}

    def __call__(self, info: d.QuestionInfo, version_id: str, found: Any) -> list[str]:
        width = 1 if info.written else 2
        if found is None:
            return [""] * width
        raw, analysed = found
        if info.written or (version_id, info.key) in self.plan.written or analysed is not None:
            value = json.loads(raw) if raw else None
            if _unanswered(value):
                return [""] * width
            return [self._redacted(value, analysed)] + [""] * (width - 1)
        if (info.key, raw) not in self.closed:
            value = json.loads(raw) if raw else None
            codes = [] if _unanswered(value) else _chosen(value)
            labels = self.plan.labels[info.key]
            self.closed[(info.key, raw)] = [
                SEPARATOR.join(codes),
                SEPARATOR.join(labels.get(code, code) for code in codes),
            ]
        return self.closed[(info.key, raw)]

    def _redacted(self, value: Any, analysed: str | None) -> str:
        """A written answer as staff read it: the analysis's redacted text, or redacted here."""
        if analysed is None:
            text = str(value)
            analysed = text if text == RATHER_NOT_SAY else redact(text, self.plan.local_names).text
        return shown_text(analysed)


def _response_rows(plan: _Plan) -> Iterator[list[Any]]:
    cells = _Cells(plan)
    for batch in _numbered(plan.version_ids):
        given = _answers([sent.id for sent in batch])
        for sent in batch:
            answers = given.get(sent.id, {})
            row: list[Any] = [sent.number, *plan.age_bands[sent.version_id], sent.locale, sent.day]
            for info in plan.questions:
                row += cells(info, sent.version_id, answers.get(info.key))
            yield row


def _coding_rows(plan: _Plan) -> Iterator[list[Any]]:
    """One row per theme found in a written answer (not those a person rejected), in
    response order, then question order, then theme name."""
    order = {info.key: n for n, info in enumerate(plan.questions)}
    for batch in _numbered(plan.version_ids):
        numbers = {sent.id: sent.number for sent in batch}
        with db.read() as connection:
            found = connection.execute(
                sa.select(
                    Answer.submission_id, AnswerTheme.question_key, Theme.name,
                    AnswerAnalysis.sentiment, AnswerTheme.state, AnswerAnalysis.text,
                )
                .join(AnswerTheme, AnswerTheme.answer_id == Answer.id)
                .join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
                .join(Theme, Theme.id == AnswerTheme.theme_id)
                .where(
                    Answer.submission_id.in_(list(numbers)),
                    AnswerTheme.state != CodingState.REJECTED,
                    Theme.status == ThemeStatus.ACTIVE,
                )
            ).all()  # fmt: skip
        rows = sorted(
            found, key=lambda r: (numbers[r[0]], order.get(r[1], len(order)), r[1], r[2].lower())
        )
        for submission_id, key, theme, sentiment, state, text in rows:
            coding = "confirmed" if state == CodingState.CONFIRMED else "suggested"
            yield [numbers[submission_id], key, theme, sentiment, coding, shown_text(text)]


def responses_csv(consultation: Consultation) -> Iterator[bytes]:
    """Every response as CSV, a piece at a time. Raises TooFewResponses at once, before
    the first piece."""
    plan = _plan(consultation)
    header = [column.name for column in plan.columns]
    return spreadsheets.csv_chunks(itertools.chain([header], _response_rows(plan)))


def responses_workbook(consultation: Consultation) -> IO[bytes]:
    """Every response, and the data dictionary, as an Excel file (a temporary file).
    Raises TooFewResponses, or TooBigForExcel."""
    plan = _plan(consultation)
    if plan.responses * len(plan.columns) > EXCEL_MAX_CELLS:
        raise TooBigForExcel(consultation.id)
    book = spreadsheets.write_only_workbook()
    sheet = book.create_sheet("Responses")
    sheet.freeze_panes = "B2"
    sheet.append([column.name for column in plan.columns])
    for row in _response_rows(plan):
        sheet.append(row)
    dictionary = book.create_sheet("Data dictionary")
    dictionary.freeze_panes = "A2"
    for row in [DICTIONARY_HEADER, *(column.row() for column in plan.columns)]:
        dictionary.append(row)
    return spreadsheets.save_to_file(book)


def dictionary_csv(consultation: Consultation) -> bytes:
    """What each column of the responses file holds (no responses: never refused)."""
    plan = _plan(consultation, row_level=False)
    rows = [DICTIONARY_HEADER, *(column.row() for column in plan.columns)]
    return b"".join(spreadsheets.csv_chunks(rows))


def codings_csv(consultation: Consultation) -> Iterator[bytes]:
    """The themes in the written answers as CSV, a piece at a time. Raises
    TooFewResponses at once, before the first piece."""
    plan = _plan(consultation)
    return spreadsheets.csv_chunks(itertools.chain([CODINGS_HEADER], _coding_rows(plan)))


def codings_workbook(consultation: Consultation) -> IO[bytes]:
    """The themes in the written answers as an Excel file (a temporary file). Raises
    TooFewResponses, or TooBigForExcel."""
    plan = _plan(consultation)
    if coding_count(consultation) * len(CODINGS_HEADER) > EXCEL_MAX_CELLS:
        raise TooBigForExcel(consultation.id)
    book = spreadsheets.write_only_workbook()
    sheet = book.create_sheet("Codings")
    sheet.freeze_panes = "A2"
    sheet.append(CODINGS_HEADER)
    for row in _coding_rows(plan):
        sheet.append(row)
    return spreadsheets.save_to_file(book)
