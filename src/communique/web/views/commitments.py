"""The commitment list: facets with counts, text search, sorting, pagination; state in the URL."""

from __future__ import annotations

from datetime import date
from html import escape as html_escape

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from communique.tracker.models import STATUS_NAMES, Commitment
from communique.web import counts, queries
from communique.web.access import viewer_required
from communique.web.highlight import snippet
from communique.web.views.common import url_with


def escape(value: object) -> str:
    """HTML-escaped text (what Django's ``escape`` gives for a plain value, without its lazy wrapper)."""
    return html_escape(str(value))


def _rows_html(rows: list[queries.ListRow], q: str, today: date) -> SafeString:
    """The table rows of the page, built here rather than by the template engine: fifty rows of
    seven cells through template nodes cost more than the rest of the page together. Every value
    is escaped (``snippet`` escapes the sentence and marks the hits itself)."""
    status_labels = {code: _(name) for code, name in STATUS_NAMES.items()}
    base = reverse("commitment", args=[0])[: -len("0/")]
    reader = reverse("reader", args=[0])[: -len("0/")]
    out = []
    for c in rows:
        title = c.statement_title or c.statement_source_name
        label = title if len(title) <= 40 else title[:39] + "…"
        url = f"{base}{c.pk}/"
        topic = f'<br><small class="topic">{escape(c.topic)}</small>' if c.topic else ""
        due = c.due_text or (c.due_date.isoformat() if c.due_date else "")
        if due:
            overdue = bool(c.due_date and c.due_date < today and c.status in queries.OPEN_STATUSES)
            due_iso = c.due_date.isoformat() if c.due_date else ""
            late = ' class="overdue"' if overdue else ""
            due = f'<time datetime="{due_iso}"{late}>{escape(due)}</time>'
        out.append(
            f'<tr class="commitment-row">\n'
            f'    <td><a href="{url}">#{c.pk}</a></td>\n'
            f'    <td class="sentence-cell"><a href="{url}">{conditional_escape(snippet(c.sentence_text, q))}</a>'
            f"{topic}</td>\n"
            f'    <td><a href="{reader}{c.statement_id}/">{escape(label)}</a></td>\n'
            f"    <td>{escape(', '.join(c.actors or []))}</td>\n"
            f'    <td><span class="badge status-{escape(c.status)}">'
            f"{escape(status_labels.get(c.status, str(c.status)))}</span></td>\n"
            f"    <td>{due}</td>\n"
            f"    <td>{'' if c.score is None else escape(c.score)}</td>\n"
            f"  </tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


FACET_WORDS = ("status", "due", "act")  # facets whose values are words of the interface: translated


def _facet_items_html(key: str, values: list[tuple[str, str, int]], query: QueryDict, chosen: str) -> SafeString:
    """The ``<li>`` items of one facet (escaped here, see ``_rows_html``)."""
    out = []
    for value, label, n in values:
        shown = _(label) if key in FACET_WORDS else (label if len(label) <= 40 else label[:39] + "…")
        on = ' aria-current="true" class="on"' if chosen == value else ""
        out.append(f'<li><a href="{escape(url_with(query, **{key: value}))}"{on}>{escape(shown)}</a> '
                   f'<span class="count">{n}</span></li>')
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


@viewer_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    return counts.cached_page("list", request, lambda: render(
        request, "communique/commitments.html",
        {"main": counts.cached_fragment("list-page", request, lambda: _main(request))},
    ))


def _main(request: HttpRequest) -> str:
    """The list below the page header: search form, facets, rows, pager."""
    today = date.today()
    f = queries.Filters.from_query(request.GET)
    base_qs = queries.base_commitments()

    def filtered(g: queries.Filters) -> QuerySet[Commitment]:
        return queries.apply_filters(base_qs, g, today)

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
            "items": _facet_items_html(facet.key, facet.values, request.GET, chosen.get(facet.key, "")),
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
        "rows": bool(rows),
        "rows_html": _rows_html(rows, f.q, today),
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
