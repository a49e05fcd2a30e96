"""The commitment row every flat export shares: its columns, headers and cell text.

A row is a plain ``dict`` keyed by :attr:`Column.key`; list values (actors,
organizations, ...) are joined with ``"; "`` in flat formats. ``rows.py`` fills
rows from the tracker; tests and other callers may build them by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int  # characters, for spreadsheets
    kind: str = "string"  # string, integer, date, datetime, list (Table Schema types)


COMMITMENT_COLUMNS: tuple[Column, ...] = (
    Column("commitment_id", "Commitment ID", 12, "integer"),
    Column("statement_id", "Statement ID", 11, "integer"),
    Column("statement_title", "Statement", 40),
    Column("statement_date", "Statement date", 13, "date"),
    Column("parties", "Parties", 14, "list"),
    Column("section_label", "Section", 9),
    Column("section_title", "Section title", 28),
    Column("paragraph_number", "Paragraph", 10, "integer"),
    Column("sentence_id", "Sentence ID", 12),
    Column("sentence", "Sentence", 80),
    Column("actors", "Actors", 14, "list"),
    Column("acts", "Acts", 16, "list"),
    Column("strength", "Strength", 9),
    Column("responsible_party", "Responsible party", 12),
    Column("organizations", "Organizations", 30, "list"),
    Column("instruments", "Instruments", 24, "list"),
    Column("due", "Due", 11),
    Column("due_date", "Due date", 12, "date"),
    Column("status", "Status", 15),
    Column("status_code", "IATI status code", 8, "integer"),
    Column("compliance", "Compliance (-1..+1)", 11, "integer"),
    Column("assessed_on", "Assessed on", 12, "date"),
    Column("evidence_count", "Evidence items", 9, "integer"),
    Column("latest_evidence", "Latest evidence", 50),
    Column("latest_evidence_date", "Latest evidence date", 13, "date"),
    Column("updated_at", "Updated at", 20, "datetime"),
)


def cell_text(value: Any) -> str:
    """The text of one cell: lists joined, dates in ISO form, None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell_text(v) for v in value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def row_cells(row: Mapping[str, Any], columns: tuple[Column, ...] = COMMITMENT_COLUMNS) -> list[str]:
    return [cell_text(row.get(c.key)) for c in columns]
