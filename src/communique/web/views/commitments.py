"""The commitment list: facets with counts, text search, sorting, pagination; state in the URL."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from communique.tracker.models import STATUS_NAMES, Commitment
from communique.tracker.services.search import filter_by_text
from communique.web import counts, queries
from communique.web.access import viewer_required
from communique.web.highlight import snippet
from communique.web.views.common import url_with


def search_sentences(queryset: QuerySet[Commitment], q: str) -> QuerySet[Commitment]:
    """Commitments whose sentence contains every term of ``q``: the tracker's search service
    (trigram index, substring scan for 1-2 character terms)."""
    return filter_by_text(queryset, q)


def _row_views(rows: list[Commitment], q: str, today: date) -> list[dict[str, Any]]:
    """Display strings of the page's rows, computed once here rather than by template filters
    (a list page renders fifty rows; per-row translation and URL lookups add up)."""
    status_labels = {code: _(name) for code, name in STATUS_NAMES.items()}
    base = reverse("commitment", args=[0])[: -len("0/")]
    reader = reverse("reader", args=[0])[: -len("0/")]
    out = []
    for c in rows:
        title = c.statement.title or c.statement.source_name
        out.append({
            "id": str(c.pk),
            "url": f"{base}{c.pk}/",
            "snippet": snippet(c.sentence.text, q),
            "topic": c.topic,
            "statement_url": f"{reader}{c.statement_id}/",
            "statement_label": title if len(title) <= 40 else title[:39] + "…",
            "actors": ", ".join(c.actors),
            "status": str(c.status),
            "status_label": status_labels.get(c.status, str(c.status)),
            "due": c.due_text or (c.due_date.isoformat() if c.due_date else ""),
            "due_iso": c.due_date.isoformat() if c.due_date else "",
            "overdue": bool(c.due_date and c.due_date < today and c.status in queries.OPEN_STATUSES),
            "score": "" if c.score is None else str(c.score),
        })
    return out


@viewer_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    return render(request, "communique/commitments.html",
                  {"main": counts.cached_fragment("list-page", request, lambda: _main(request))})


def _main(request: HttpRequest) -> str:
    """The list below the page header: search form, facets, rows, pager."""
    today = date.today()
    f = queries.Filters.from_query(request.GET)
    base_qs = queries.base_commitments()

    def filtered(g: queries.Filters) -> QuerySet[Commitment]:
        return queries.apply_filters(base_qs, g, search_sentences, today)

    qs = filtered(f)
    # Facet counts do not depend on the page or the order: cached per filter set and data version.
    facet_key = tuple((k, v) for k, v in sorted(vars(f).items()) if k not in ("page", "sort")) + (today,)
    facets, total = counts.cached("facets", facet_key, lambda: queries.facets(filtered, f, today))
    rows, has_next = queries.page_of(qs, f)
    chosen = {k: str(v) for k, v in vars(f).items() if v not in (None, "", 1) and k not in ("sort", "page")}
    if f.status:
        chosen["status"] = STATUS_NAMES[f.status]
    facet_views = [
        {
            "key": facet.key,
            "chosen": chosen.get(facet.key, ""),
            "clear_url": url_with(request.GET, **{facet.key: None}),
            "values": [
                {"value": v, "label": label, "count": n, "url": url_with(request.GET, **{facet.key: v}),
                 "selected": chosen.get(facet.key) == v}
                for v, label, n in facet.values
            ],
        }
        for facet in facets
    ]
    base = url_with(request.GET)
    sep = "&" if len(base) > 1 else ""
    sorting = {}
    for key in ("id", "statement", "status", "due", "score"):
        ascending, descending = f.sort == key, f.sort == f"-{key}"
        sorting[key] = {
            "url": url_with(request.GET, sort=f"-{key}" if ascending else key),
            "aria": "ascending" if ascending else ("descending" if descending else ""),
            "arrow": " ▲" if ascending else (" ▼" if descending else ""),
        }
    context = {
        "filters": f,
        "facets": facet_views,
        "rows": _row_views(rows, f.q, today),
        "total": total,
        "first_index": (f.page - 1) * queries.PAGE_SIZE + 1,
        "has_next": has_next,
        "next_url": f"{base}{sep}page={f.page + 1}",
        "prev_url": f"{base}{sep}page={f.page - 1}",
        "sorting": sorting,
        "clear_url": "?",
        "today": today,
        "statuses": list(STATUS_NAMES.values()),
    }
    return render_to_string("communique/_commitments_main.html", context, request)
