"""Counts and compliance: by section, party and status; G7 Research Group compliance averages."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Avg, Count, Q

from communique.tracker.models import STATUS_NAMES, Commitment, Statement


def g7_percent(average: float | None) -> float | None:
    """G7 Research Group reporting: an average on -1..+1 as a percentage, (avg + 1) / 2 * 100."""
    return None if average is None else round((average + 1) / 2 * 100, 1)


def _rounded(average: Any) -> float | None:
    """An average from the database rounded to 3 places (None: nothing assessed)."""
    return None if average is None else round(float(average), 3)


def stats() -> dict[str, Any]:
    """Active commitments of current statement versions: counts by status, section (topic) and
    party, and compliance averages per statement and overall (on -1..+1 and as a percentage)."""
    qs = Commitment.objects.filter(active=True, statement__is_current=True)
    by_status = {STATUS_NAMES[row["status"]]: row["n"] for row in qs.values("status").annotate(n=Count("id")).order_by("status")}
    by_section = {row["topic"] or "(no section)": row["n"]
                  for row in qs.values("topic").annotate(n=Count("id")).order_by("-n", "topic")}
    by_party: Counter[str] = Counter()
    for row in qs.values("actors_key").annotate(n=Count("id")):
        for party in (row["actors_key"] or "").strip("|").split("|"):
            by_party[party or "(none)"] += row["n"]
    # Grouped on the commitment side (indexed statement_id), titles fetched after: grouping the
    # statements table by its text columns instead is ten times slower on 1,000 statements.
    rows = list(
        qs.values("statement_id")
        .annotate(n=Count("id"), assessed=Count("id", filter=Q(score__isnull=False)), average=Avg("score"))
        .order_by("statement_id")
    )
    titles = {s["id"]: s["title"] or s["source_name"]
              for s in Statement.objects.filter(pk__in=[r["statement_id"] for r in rows]).values("id", "title", "source_name")}
    statements = []
    for row in rows:
        avg = _rounded(row["average"])
        statements.append({"id": row["statement_id"], "title": titles[row["statement_id"]], "commitments": row["n"],
                           "assessed": row["assessed"], "average": avg, "percent": g7_percent(avg)})
    overall = qs.aggregate(n=Count("id", filter=Q(score__isnull=False)), average=Avg("score"))
    avg = _rounded(overall["average"])
    return {
        "commitments": qs.count(),
        "by_status": by_status,
        "by_section": by_section,
        "by_party": dict(by_party.most_common()),
        "by_statement": statements,
        "compliance": {"assessed": overall["n"], "average": avg, "percent": g7_percent(avg)},
    }
