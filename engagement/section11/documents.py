"""Evidence documents: checked by their content, stored outside the web root under names
the server makes, and served only as attachments.

The name a browser sends is shown to people, never used as a path. The type is told
from the file's first bytes (and, for office files, what the zip holds), never from
what the browser claims, so HTML, SVG or a script renamed to ``.pdf`` is refused.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from engagement import clock, db
from engagement.accounts import activity_log
from engagement.accounts.sessions import SignedInUser
from engagement.models import AuditDocument
from engagement.section11.returns import ReturnLocked, editable, lock_for_write, locked_message

MAX_BYTES = 10 * 1024 * 1024
MAX_PER_QUESTION = 10


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    content_type: str
    label: str


KINDS = {
    "pdf": Kind((".pdf",), "application/pdf", "PDF"),
    "docx": Kind(
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    "xlsx": Kind(
        (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
    ),
    "pptx": Kind(
        (".pptx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    "odt": Kind((".odt",), "application/vnd.oasis.opendocument.text", "OpenDocument text"),
    "ods": Kind((".ods",), "application/vnd.oasis.opendocument.spreadsheet", "spreadsheet"),
    "png": Kind((".png",), "image/png", "PNG image"),
    "jpeg": Kind((".jpg", ".jpeg"), "image/jpeg", "JPEG image"),
    "csv": Kind((".csv",), "text/csv", "CSV"),
    "txt": Kind((".txt",), "text/plain", "text"),
}
ALLOWED_TEXT = "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV or plain text"
_MARKUP = re.compile(rb"<\s*(script|html|svg|iframe|object|embed|body|!doctype)|javascript:", re.I)
_OFFICE_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_OPEN_DOCUMENT = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


class UploadProblem(ValueError):
    """A file that can't be kept; the message says why, plainly."""


def evidence_dir() -> Path:
    configured = current_app.config.get("EVIDENCE_DIR")
    path = Path(configured) if configured else Path(current_app.instance_path) / "evidence"
    path.mkdir(parents=True, exist_ok=True)
    return path


def display_name(filename: str) -> str:
    """A name safe to show: no folders, control characters or odd spaces; at most 150 long."""
    name = unicodedata.normalize("NFKC", filename or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[-150:] or "document"


def _zip_kind(content: bytes, extension: str) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if any(n.startswith("/") or ".." in n.split("/") for n in names):
                return None
            for kind, folder in _OFFICE_PARTS.items():
                if extension in KINDS[kind].extensions:
                    ok = "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
                    return kind if ok else None
            for kind, mimetype in _OPEN_DOCUMENT.items():
                if extension in KINDS[kind].extensions and "mimetype" in names:
                    return kind if archive.read("mimetype").strip() == mimetype else None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def detect(content: bytes, filename: str) -> str:
    """The kind of file, from its content and its extension together."""
    extension = os.path.splitext(filename.lower())[1]
    if not any(extension in kind.extensions for kind in KINDS.values()):
        raise UploadProblem(f"The file must be a {ALLOWED_TEXT} file")
    head = content[:1024]
    if content.startswith(b"%PDF-") and extension == ".pdf":
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n") and extension == ".png":
        return "png"
    if content.startswith(b"\xff\xd8\xff") and extension in KINDS["jpeg"].extensions:
        return "jpeg"
    if content.startswith(b"PK\x03\x04"):
        kind = _zip_kind(content, extension)
        if kind:
            return kind
    if extension in (".csv", ".txt"):
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise UploadProblem("A CSV or text file must be saved as UTF-8") from None
        if b"\x00" not in head and not _MARKUP.search(content):
            return "csv" if extension == ".csv" else "txt"
    raise UploadProblem(
        f"The file’s content doesn’t match its name. It must be a {ALLOWED_TEXT} file"
    )


def upload(
    actor: SignedInUser, return_id: str, question_id: str, filename: str, content: bytes
) -> AuditDocument:
    if not content:
        raise UploadProblem("The selected file is empty")
    if len(content) > MAX_BYTES:
        raise UploadProblem("The selected file must be smaller than 10 MB")
    shown = display_name(filename)
    kind = detect(content, shown)
    stored_name = secrets.token_hex(16)
    path = evidence_dir() / stored_name
    with open(path, "xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        with db.transaction() as s:
            audit_return = lock_for_write(s, actor, return_id)
            if not editable(audit_return):
                raise ReturnLocked(locked_message(audit_return))
            questions = {
                q.id for st in audit_return.cycle.framework.standards for q in st.questions
            }
            if question_id not in questions:
                raise LookupError(question_id)
            count = (
                s.query(AuditDocument)
                .filter_by(return_id=return_id, question_id=question_id)
                .count()
            )
            if count >= MAX_PER_QUESTION:
                raise UploadProblem(f"A question can have at most {MAX_PER_QUESTION} documents")
            document = AuditDocument(
                return_id=return_id, question_id=question_id, filename=shown,
                stored_name=stored_name, content_type=KINDS[kind].content_type,
                size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                uploaded_at=clock.now(), uploaded_by=actor.id,
            )  # fmt: skip
            s.add(document)
            activity_log.record(
                s, "audit_document_added", actor.id, actor.partnership_id, "audit_return",
                return_id, document=document.id,
            )  # fmt: skip
            return document
    except BaseException:
        path.unlink(missing_ok=True)  # nothing half-kept
        raise


def get(return_id: str, document_id: str) -> AuditDocument | None:
    document = db.session().get(AuditDocument, document_id)
    return document if document is not None and document.return_id == return_id else None


def content_path(document: AuditDocument) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", document.stored_name):
        raise LookupError(document.id)
    return evidence_dir() / document.stored_name


def remove(actor: SignedInUser, return_id: str, document_id: str) -> None:
    with db.transaction() as s:
        audit_return = lock_for_write(s, actor, return_id)
        if not editable(audit_return):
            raise ReturnLocked(locked_message(audit_return))
        document = s.get(AuditDocument, document_id)
        if document is None or document.return_id != return_id:
            raise LookupError(document_id)
        stored = content_path(document)
        s.delete(document)
        activity_log.record(
            s, "audit_document_removed", actor.id, actor.partnership_id, "audit_return",
            return_id, document=document_id,
        )  # fmt: skip
    stored.unlink(missing_ok=True)
