"""Commitments as an Excel workbook in openpyxl's write-only mode (memory stays flat).

Header row in bold, panes frozen below it, an autofilter over every column,
column widths from :data:`COMMITMENT_COLUMNS`, long text wrapped. Text cells
keep Japanese as is; dates are real Excel dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from communique.exports.columns import COMMITMENT_COLUMNS, Column, cell_text

# Characters Excel refuses in a cell (control characters other than tab/newline).
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}
MAX_CELL = 32767


def _value(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == "integer":
        return value if isinstance(value, int) else (int(value) if str(value).lstrip("-").isdigit() else None)
    if column.kind == "date" and isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if column.kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if column.kind == "datetime" and isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value  # Excel has no time zones (UTC)
    return cell_text(value).translate(_ILLEGAL)[:MAX_CELL]


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def write_xlsx(
    rows: Iterable[Mapping[str, Any]],
    path: str | Path,
    columns: tuple[Column, ...] = COMMITMENT_COLUMNS,
    sheet_title: str = "Commitments",
) -> int:
    """Write the workbook to ``path``; returns the number of data rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title)
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[_letter(i)].width = column.width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    date_format = "yyyy-mm-dd"
    count = 0
    for row in rows:
        out = []
        for column in columns:
            value = _value(row.get(column.key), column)
            if column.width >= 40 or column.kind in ("date", "datetime"):
                cell = WriteOnlyCell(ws, value=value)
                if column.width >= 40:
                    cell.alignment = wrap
                elif isinstance(value, dt.date):
                    cell.number_format = date_format if column.kind == "date" else "yyyy-mm-dd hh:mm"
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
        count += 1
    ws.auto_filter.ref = f"A1:{_letter(len(columns))}{count + 1}"
    wb.save(str(path))
    return count
