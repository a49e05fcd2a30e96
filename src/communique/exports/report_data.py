"""Tracker -> :class:`~communique.exports.report.ReportData` for the briefing report."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from communique.exports.report import ReportData
from communique.exports.rows import Selection, commitment_rows, evidence_text, statement_ids

if TYPE_CHECKING:
    from django.db.models import QuerySet

MAX_DUE_ITEMS = 60
MAX_EVIDENCE = 15


def _heading(qs: QuerySet, selection: Selection) -> tuple[str, str, str]:
    from communique.tracker.models import Statement

    ids = statement_ids(qs)
    if len(ids) == 1:
        st = Statement.objects.defer("parse").get(pk=ids[0])
        where = f", {st.place}" if st.place else ""
        return (st.title or st.source_name, f"{' – '.join(st.parties)} · {st.date or 'undated'}{where}", st.language)
    if selection.partners:
        return (f"{' – '.join(p.upper() for p in selection.partners)}: commitments", f"{len(ids)} statements", "en")
    return ("Commitments", f"{len(ids)} statements", "en")


def build(qs: QuerySet, selection: Selection | None = None, today: dt.date | None = None, soon_days: int = 90) -> ReportData:
    from communique.tracker.models import Evidence
    from communique.tracker.services.queries import OPEN_STATUSES

    selection = selection or Selection()
    today = today or dt.date.today()
    title, subtitle, language = _heading(qs, selection)
    data = ReportData(title=title, subtitle=subtitle, today=today, language=language, soon_days=soon_days)
    by_section: dict[str, Counter[str]] = defaultdict(Counter)
    section_order: dict[str, tuple[int, int]] = {}
    periods: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    dated: list[tuple[dt.date, bool]] = []  # (due date, still open) of every commitment with one
    scores: list[int] = []
    horizon = today + dt.timedelta(days=soon_days)
    due_items = []
    for row in commitment_rows(qs):
        data.total += 1
        status = row["status"]
        data.by_status[status] = data.by_status.get(status, 0) + 1
        if row["strength"] == "firm":
            data.firm += 1
        else:
            data.soft += 1
        section = " ".join(x for x in (row["section_label"], row["section_title"]) if x) or "(no section)"
        by_section[section][status] += 1
        section_order.setdefault(section, (row["statement_id"], row["paragraph_number"] or 0))
        if row["compliance"] is not None:
            scores.append(row["compliance"])
        due = row["due_date"]
        if due is not None:
            data.with_due += 1
            is_open = row["status_code"] in OPEN_STATUSES
            dated.append((due, is_open))
            if is_open and due < today:
                data.overdue += 1
            elif is_open and due <= horizon:
                data.due_soon += 1
            if is_open and due <= horizon and len(due_items) < 10 * MAX_DUE_ITEMS:
                due_items.append(row)
    data.assessed = len(scores)
    data.compliance_average = sum(scores) / len(scores) if scores else None
    data.by_section = [(s, dict(by_section[s])) for s in sorted(by_section, key=lambda s: section_order[s])]
    data.due_items = sorted(due_items, key=lambda r: (r["due_date"], r["commitment_id"]))[:MAX_DUE_ITEMS]
    # Timeline by year, or by month when every deadline falls within two years.
    by_month = bool(dated) and (max(d for d, _ in dated) - min(d for d, _ in dated)).days <= 730
    for due, is_open in dated:
        period = due.isoformat()[:7] if by_month else str(due.year)
        periods[period][0 if is_open else 1] += 1
    data.timeline = [(p, v[0], v[1]) for p, v in sorted(periods.items())]
    evidence = (
        Evidence.objects.filter(commitment__in=qs.order_by().values("id"), withdrawn=False)
        .select_related("commitment__sentence", "paragraph")
        .order_by("-dated", "-id")[:MAX_EVIDENCE]
    )
    data.evidence = [
        {"dated": e.dated, "commitment_id": e.commitment_id, "sentence": e.commitment.sentence.text, "text": evidence_text(e)}
        for e in evidence
    ]
    return data

