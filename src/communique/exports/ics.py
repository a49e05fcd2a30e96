"""Due dates and dated events as iCalendar (RFC 5545), written component by component.

Commitments with a due date become VTODOs with ``DUE`` the last day of the due
period (``2026`` is due 2026-12-31) as an all-day date. Their ``STATUS`` comes
from the tracker lifecycle (IATI activity status):

============== =============== ==========================================
lifecycle      VTODO STATUS    why
============== =============== ==========================================
pipeline       NEEDS-ACTION    nothing started yet
implementation IN-PROCESS      under way
finalisation   IN-PROCESS      still under way, being wound up
closed         COMPLETED       done (PERCENT-COMPLETE 100)
cancelled      CANCELLED       will not happen
suspended      NEEDS-ACTION    paused, not abandoned: it needs someone to
                               act to resume it, and CANCELLED would hide it
                               in most calendar apps. The category
                               ``SUSPENDED`` and ``X-COMMUNIQUE-STATUS``
                               keep the exact lifecycle state.
============== =============== ==========================================

Events named in statements (meetings, summits, expos) become all-day VEVENTs:
day-precise dates (or day ranges) in sentences that report or welcome
something, or that lie after the statement's own date. Month- or year-only
dates are not calendar events and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

LIFECYCLE_TO_VTODO: dict[str, str] = {
    "pipeline": "NEEDS-ACTION",
    "implementation": "IN-PROCESS",
    "finalisation": "IN-PROCESS",
    "closed": "COMPLETED",
    "cancelled": "CANCELLED",
    "suspended": "NEEDS-ACTION",
}
PRODID = "-//communique//commitments//EN"
SUMMARY_LENGTH = 90


def short(text: str, length: int = SUMMARY_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def todo(row: Mapping[str, Any], stamp: dt.datetime) -> Any:
    """One VTODO from a commitment row (keys of ``COMMITMENT_COLUMNS`` plus optional ``url``)."""
    from icalendar import Todo

    status = str(row.get("status") or "pipeline")
    component = Todo()
    component.add("uid", f"commitment-{row['commitment_id']}@communique")
    component.add("dtstamp", stamp)
    component.add("summary", short(str(row.get("sentence") or "")))
    lines = [str(row.get("sentence") or "")]
    if row.get("statement_title"):
        lines.append(f"{row['statement_title']} ({row.get('statement_date') or ''}), paragraph {row.get('paragraph_number') or '-'}")
    if row.get("latest_evidence"):
        lines.append(f"Latest evidence: {row['latest_evidence']}")
    component.add("description", "\n".join(lines))
    due = _date(row.get("due_date"))
    if due is not None:
        component.add("due", due)
    component.add("status", LIFECYCLE_TO_VTODO.get(status, "NEEDS-ACTION"))
    if status == "closed":
        component.add("percent-complete", 100)
    categories = [status.upper()]
    if row.get("section_title"):
        categories.append(str(row["section_title"]))
    component.add("categories", categories)
    component.add("x-communique-status", status)
    if row.get("updated_at"):
        component.add("last-modified", row["updated_at"])
    if row.get("url"):
        component.add("url", row["url"])
    return component


def event(row: Mapping[str, Any], stamp: dt.datetime) -> Any:
    """One all-day VEVENT: keys ``uid``, ``summary``, ``description``, ``start`` and optional ``end`` (inclusive)."""
    from icalendar import Event

    start = _date(row["start"])
    assert start is not None
    end = _date(row.get("end")) or start
    component = Event()
    component.add("uid", row["uid"])
    component.add("dtstamp", stamp)
    component.add("summary", short(str(row["summary"])))
    component.add("description", str(row.get("description") or row["summary"]))
    component.add("dtstart", start)
    component.add("dtend", end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
    component.add("transp", "TRANSPARENT")
    if row.get("location"):
        component.add("location", row["location"])
    return component


def iter_ics(
    todos: Iterable[Mapping[str, Any]],
    events: Iterable[Mapping[str, Any]],
    name: str = "communique commitments",
    stamp: dt.datetime | None = None,
) -> Iterator[bytes]:
    """The calendar in pieces: header, one component each, footer."""
    from icalendar import Calendar

    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    empty = calendar.to_ical()
    footer = b"END:VCALENDAR\r\n"
    assert empty.endswith(footer)
    yield empty[: -len(footer)]
    for row in todos:
        if row.get("due_date"):
            yield todo(row, stamp).to_ical()
    for row in events:
        yield event(row, stamp).to_ical()
    yield footer


def ics_bytes(*args: Any, **kwargs: Any) -> bytes:
    return b"".join(iter_ics(*args, **kwargs))
