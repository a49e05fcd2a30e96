"""Checking and normalising what people type: IDs, statuses, scores, dates. Bad input -> InputError."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from communique.errors import InputError
from communique.tracker.models import STATUS_CODES, STATUS_NAMES

_DUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_id(value: Any, what: str = "ID") -> int:
    """A positive integer ID (``"12"``, ``"#12"``, ``12``)."""
    text = str(value).strip().lstrip("#")
    if not text.isdigit() or int(text) <= 0:
        raise InputError(f"{what} {value!r}: must be a positive whole number")
    return int(text)


def parse_status(value: Any) -> int:
    """IATI status by name (``implementation``) or code (``2``)."""
    text = str(value).strip().lower()
    if text.isdigit() and int(text) in STATUS_NAMES:
        return int(text)
    if text in STATUS_CODES:
        return STATUS_CODES[text]
    known = ", ".join(f"{name} ({code})" for code, name in STATUS_NAMES.items())
    raise InputError(f"unknown status {value!r}; use one of: {known}")


def parse_score(value: Any) -> int:
    """G7 Research Group compliance score: -1, 0 or +1."""
    if isinstance(value, bool):
        raise InputError(f"score {value!r}: use -1, 0 or 1")
    text = str(value).strip()
    if text in ("-1", "0", "1", "+1"):
        return int(text)
    raise InputError(f"score {value!r}: use -1 (no compliance), 0 (partial) or 1 (full compliance)")


def parse_date(value: Any, what: str = "date") -> date:
    """A full ISO date ``YYYY-MM-DD``."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{what} {value!r}: use YYYY-MM-DD") from None


def parse_due(value: Any) -> tuple[str, str, date]:
    """A due date at its precision -> (ISO text, precision, last day of the period).

    ``2026`` -> ("2026", "year", 2026-12-31); ``2026-03`` -> month; ``2026-03-15`` -> day.
    A range ``2025/2026`` is due at its end.
    """
    if isinstance(value, date):
        return value.isoformat(), "day", value
    parts = str(value).strip().split("/")
    text = parts[-1]
    m = _DUE.match(text)
    if not m or len(parts) > 2 or (len(parts) == 2 and not _DUE.match(parts[0])):
        raise InputError(f"due date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if month is None:
            return text, "year", date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, int(month))[1]
            return text, "month", date(year, int(month), last)
        return text, "day", date(year, int(month), int(day))
    except ValueError:
        raise InputError(f"due date {value!r}: no such date") from None


def parse_due_or_none(value: Any) -> tuple[str, str, date] | None:
    """Like :func:`parse_due` for extraction output: None instead of an error."""
    if not value:
        return None
    try:
        return parse_due(value)
    except InputError:
        return None
