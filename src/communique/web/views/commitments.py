"""The commitment list: facets with counts, text search, sorting, pagination; state in the URL."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from communique.tracker.models import STATUS_NAMES, Commitment
from communique.tracker.services.search import filter_by_text
from communique.web import queries
from communique.web.access import viewer_required
from communique.web.highlight import snippet
from communique.web.views.common import url_with


def search_sentences(queryset: QuerySet[Commitment], q: str) -> QuerySet[Commitment]:
    """Commitments whose sentence contains every term of ``q``: the tracker's search service
    (trigram index, substring scan for 1-2 character terms)."""
    return filter_by_text(queryset, q)


@viewer_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    today = date.today()
    f = queries.Filters.from_query(request.GET)
    qs = queries.apply_filters(queries.base_commitments(), f, search_sentences, today)
    facets, total = queries.facets(qs, today)
    rows, has_next = queries.page_of(qs, f)
    for row in rows:
        row.snippet = snippet(row.sentence.text, f.q)
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
        "rows": rows,
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
    return render(request, "communique/commitments.html", context)
