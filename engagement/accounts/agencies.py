"""The agencies directory: list, add, import from CSV (all or nothing)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import sqlalchemy as sa

from engagement import db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import Agency, AgencySector, StaffUser

MAX_ROWS = 2000
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


class DuplicateAgency(Exception):
    pass


def for_partnership(partnership_id: str, only: str | None = None) -> list[Agency]:
    query = sa.select(Agency).where(Agency.partnership_id == partnership_id).order_by(Agency.name)
    if only is not None:
        query = query.where(Agency.id == only)
    return list(db.session().scalars(query))


def get(partnership_id: str, agency_id: str) -> Agency | None:
    agency = db.session().get(Agency, agency_id)
    return agency if agency is not None and agency.partnership_id == partnership_id else None


def users(agency_id: str) -> list[StaffUser]:
    return list(
        db.session().scalars(
            sa.select(StaffUser).where(StaffUser.agency_id == agency_id).order_by(StaffUser.name)
        )
    )


def add(actor: SignedInUser, name: str, sector: str, statutory_partner: bool) -> Agency:
    with db.transaction() as s:
        if _name_taken(s, actor.partnership_id, name):
            raise DuplicateAgency(name)
        agency = Agency(
            partnership_id=actor.partnership_id,
            name=name.strip(),
            sector=sector,
            statutory_partner=statutory_partner,
        )
        s.add(agency)
        s.flush()
        activity_log.record(s, "agency_added", actor.id, actor.partnership_id, "agency", agency.id)
    return agency


def _name_taken(s: sa.orm.Session, partnership_id: str, name: str) -> bool:
    return bool(
        s.scalar(
            sa.select(Agency.id).where(
                Agency.partnership_id == partnership_id,
                sa.func.lower(Agency.name) == name.strip().lower(),
            )
        )
    )


@dataclass(frozen=True)
class ImportRow:
    name: str
    sector: str
    statutory_partner: bool


def _sector(value: str) -> str | None:
    cleaned = value.strip().lower()
    for key, label in AgencySector.LABELS.items():
        if cleaned in (key, label.lower()):
            return key
    return None


def parse_csv(data: bytes) -> tuple[list[ImportRow], list[str]]:
    """Rows to import, and every problem found (with its line number). Pure: no database."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], ["The file must be a CSV file saved as UTF-8"]
    if "\x00" in text:
        return [], ["The file must be a CSV file, not a spreadsheet or other kind of file"]
    try:
        reader = csv.DictReader(io.StringIO(text))
        fields = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
        if "name" not in fields or "sector" not in fields:
            return [], ["The first line must name the columns: name, sector, statutory_partner"]
        reader.fieldnames = fields
        rows, problems, seen = [], [], set()
        for number, record in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                return [], [f"The file has more than {MAX_ROWS} agencies. Split it into parts"]
            name = (record.get("name") or "").strip()
            sector = _sector(record.get("sector") or "")
            statutory = (record.get("statutory_partner") or "").strip().lower()
            if not name:
                problems.append(f"Line {number}: enter the agency name")
            elif len(name) > 200:
                problems.append(f"Line {number}: the agency name must be 200 characters or fewer")
            elif name.lower() in seen:
                problems.append(f"Line {number}: \u201c{name}\u201d is in the file twice")
            if sector is None:
                choices = ", ".join(AgencySector.LABELS.values())
                problems.append(f"Line {number}: the sector must be one of: {choices}")
            if statutory not in _YES | _NO:
                problems.append(f"Line {number}: statutory_partner must be yes or no")
            seen.add(name.lower())
            if name and sector is not None:
                rows.append(ImportRow(name, sector, statutory in _YES))
    except csv.Error as error:
        return [], [f"The file could not be read as CSV: {error}"]
    if not rows and not problems:
        problems.append("The file has no agencies in it")
    return rows, problems


def import_csv(actor: SignedInUser, data: bytes) -> tuple[int, list[str]]:
    """Add every agency in the file, or none of them. Returns (added, problems)."""
    rows, problems = parse_csv(data)
    if problems:
        return 0, problems
    with db.transaction() as s:
        taken = [row.name for row in rows if _name_taken(s, actor.partnership_id, row.name)]
        if taken:
            return 0, [f"\u201c{name}\u201d is already in the directory" for name in taken]
        for row in rows:
            s.add(
                Agency(
                    partnership_id=actor.partnership_id,
                    name=row.name,
                    sector=row.sector,
                    statutory_partner=row.statutory_partner,
                )
            )
        activity_log.record(s, "agencies_imported", actor.id, actor.partnership_id, count=len(rows))
    return len(rows), []
