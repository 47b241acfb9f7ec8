"""The declarative base and the helpers every model uses."""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

LocalisedText = dict[str, str]


def new_id() -> str:
    """A random id: nothing about a row can be told from its id."""
    return secrets.token_hex(16)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, str]: sa.JSON, dict[str, Any]: sa.JSON, list[Any]: sa.JSON}
