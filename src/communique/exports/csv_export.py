"""Commitments as CSV, streamed row by row (UTF-8 with a byte-order mark so Excel shows Japanese)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from communique.exports.columns import COMMITMENT_COLUMNS, Column, row_cells

BOM = "\ufeff"


def iter_csv(
    rows: Iterable[Mapping[str, Any]],
    columns: tuple[Column, ...] = COMMITMENT_COLUMNS,
    bom: bool = True,
    batch: int = 200,
) -> Iterator[str]:
    """CSV text in pieces of ``batch`` rows: the header first, for a file or a streaming HTTP response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    head = buffer.getvalue()
    yield (BOM + head) if bom else head
    buffer.seek(0)
    buffer.truncate()
    pending = 0
    for row in rows:
        writer.writerow(row_cells(row, columns))
        pending += 1
        if pending >= batch:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending:
        yield buffer.getvalue()


def write_csv(
    rows: Iterable[Mapping[str, Any]], stream: IO[str], columns: tuple[Column, ...] = COMMITMENT_COLUMNS
) -> int:
    """Write rows to a text stream opened with ``newline=""``; returns the number of data rows."""
    count = 0

    def counted() -> Iterator[Mapping[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    for piece in iter_csv(counted(), columns):
        stream.write(piece)
    return count
