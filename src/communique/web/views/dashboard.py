"""Dashboard: overall or per statement, commitments by section and status, compliance, due dates."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import quote

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from communique.tracker.models import Statement
from communique.web import charts, counts, queries
from communique.web.access import viewer_required
from communique.web.views.common import int_or_none

TIMELINE_POINTS = 400  # dots drawn at most; beyond that due dates are grouped per day


@viewer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = date.today()
    statement_id = int_or_none(request.GET.get("statement"))
    statement = get_object_or_404(Statement.objects.defer("parse"), pk=statement_id) if statement_id else None
    return counts.cached_page("dashboard", request, lambda: render(
        request, "communique/dashboard.html",
        {"main": counts.cached_fragment("dashboard-page", request, lambda: _main(request, statement, today))},
    ))


def _main(request: HttpRequest, statement: Statement | None, today: date) -> str:
    """The dashboard below the page header: figures, charts, timeline, lists."""
    qs = queries.base_commitments()
    if statement:
        qs = qs.filter(statement=statement)
    scope_key = (statement.pk if statement else None, today)
    figures = counts.cached("dashboard", scope_key, lambda: queries.dashboard_figures(qs, today))
    list_url = reverse("commitments")
    scope = f"statement={statement.pk}&" if statement else ""
    status_chart = charts.bar_chart(
        [charts.Bar(_(name), n, f"status-{code}", f"{list_url}?{scope}status={name}")
         for code, name, n in figures["by_status"]],
        _("Commitments by status"),
    )
    section_chart = charts.bar_chart(
        [charts.Bar(topic or "—", n, "section", f"{list_url}?{scope}section={quote(topic)}" if topic else "")
         for topic, n in figures["by_section"]],
        _("Commitments by section"),
    )
    overdue = (
        queries.light_rows(qs.filter(queries.due_window_q("overdue", today)))
        .order_by("due_date", "id")[:15]
    )
    soon = (
        queries.light_rows(qs.filter(queries.due_window_q("soon", today)))
        .order_by("due_date", "id")[:15]
    )
    statements = counts.cached("per-statement", (today,), queries.per_statement) if not statement else []
    context = {
        "statement": statement,
        "figures": figures,
        "status_chart": status_chart,
        "section_chart": section_chart,
        "timeline": charts.timeline(
            counts.cached("timeline", scope_key, lambda: _timeline_events(qs, statement, today)),
            today, _("Due dates and events"), soon_days=queries.SOON_DAYS,
        ),
        "overdue": overdue,
        "soon": soon,
        "statements": statements,
        "compliance_chart": charts.bar_chart(
            [charts.Bar(row["statement"].title or row["statement"].source_name, row["pct"], "compliance",
                        reverse("reader", args=[row["statement"].pk]))
             for row in statements if row["pct"] is not None and row["statement"] is not None][:15],
            _("Compliance by statement (%)"),
        ) if any(row["pct"] is not None for row in statements) else "",
        "today": today,
        "soon_days": queries.SOON_DAYS,
    }
    return render_to_string("communique/_dashboard_main.html", context, request)


def _timeline_events(qs, statement: Statement | None, today: date) -> list[charts.Event]:  # noqa: ANN001
    """Due dates (grouped per day) and the statements' own dates as events."""
    soon = today + timedelta(days=queries.SOON_DAYS)
    list_url = reverse("commitments") + (f"?statement={statement.pk}&sort=due" if statement else "?sort=due")
    rows = (
        qs.filter(due_date__isnull=False).order_by().values_list("due_date")
        .annotate(n=Count("id"), open=Count("id", filter=queries.due_window_q("overdue", today)))
        .order_by("due_date")[:TIMELINE_POINTS]
    )
    events: list[charts.Event] = []
    for day, n, still_open in rows:
        kind = "overdue" if still_open else ("soon" if today <= day <= soon else ("done" if day < today else "later"))
        events.append(charts.Event(day, _("%(n)d commitment(s) due") % {"n": n}, kind,
                                   list_url))
    statements = [statement] if statement else (
        Statement.objects.filter(is_current=True, date__isnull=False).only("id", "date", "title").order_by("-date")[:100]
    )
    for st in statements:
        if st.date:
            events.append(charts.Event(st.date, st.title, "event", reverse("reader", args=[st.pk])))
    return events
