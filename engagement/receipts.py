"""Storing what someone sends exactly once.

A receipt from the form is the idempotency key: only its SHA-256 is stored, in a unique
column. A second send with the same receipt, in any order or at the same moment, stores
nothing: it either sees the first one, or loses the race on the unique column.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engagement import db

Stored = TypeVar("Stored")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def store_once(
    receipts: sa.Column[str], receipt: str, store: Callable[[Session, str], Stored]
) -> Stored | None:
    """``store(session, receipt_hash)`` in one transaction, or None if ``receipts`` (a
    table's unique receipt-hash column) already holds this receipt."""
    receipt_hash = digest(receipt)
    sent_before = sa.select(receipts).where(receipts == receipt_hash)
    try:
        with db.transaction() as s:
            if s.execute(sent_before).first():
                return None
            stored = store(s, receipt_hash)
    except IntegrityError:
        # Another request with the same receipt won the race; anything else is a fault.
        with db.read() as connection:
            if connection.execute(sent_before).first():
                return None
        raise
    return stored
