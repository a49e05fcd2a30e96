"""Read-side queries of the web pages: commitment filters, facet counts, dashboard figures.

Kept cheap for large databases (tens of thousands of commitments): each facet is one
GROUP BY on the filtered queryset, the total is the sum of the status facet (no extra
COUNT), and pages are fetched as ``page_size + 1`` rows to know whether a next page exists.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.http import QueryDict

from communique.tracker.models import (
    STATUS_CODES,
    STATUS_NAMES,
    Commitment,
    Mention,
    Organization,
    Statement,
)
from communique.tracker.services.queries import OPEN_STATUSES
from communique.tracker.services.search import filter_by_text
from communique.web import counts

SOON_DAYS = 90
DUE_WINDOWS = ("overdue", "soon", "later", "none")
SORTS: dict[str, tuple[Any, ...]] = {
    "id": ("id",),
    "-id": ("-id",),
    "due": (F("due_date").asc(nulls_last=True), "id"),
    "-due": (F("due_date").desc(nulls_last=True), "id"),
    "status": ("status", "id"),
    "-status": ("-status", "id"),
    "score": (F("score").asc(nulls_last=True), "id"),
    "-score": (F("score").desc(nulls_last=True), "id"),
    "statement": ("statement_id", "sentence_id"),
    "-statement": ("-statement_id", "sentence_id"),
}
PAGE_SIZE = 50


@dataclass
class Filters:
    """The commitment list's filter state, read from and written to the URL query string."""

    statement: int | None = None
    section: str = ""  # section title (the commitment's topic), shared across statements
    party: str = ""  # ISO alpha-3
    act: str = ""
    status: int | None = None
    organization: int | None = None
    due: str = ""  # one of DUE_WINDOWS
    q: str = ""
    sort: str = "id"
    page: int = 1

    @classmethod
    def from_query(cls, query: QueryDict) -> Filters:
        def num(key: str) -> int | None:
            try:
                return int(query.get(key, ""))
            except ValueError:
                return None

        status_value = query.get("status", "")
        status = STATUS_CODES.get(status_value) if not status_value.isdigit() else int(status_value)
        return cls(
            statement=num("statement"),
            section=query.get("section", "").strip(),
            party=query.get("party", "").strip().upper()[:8],
            act=query.get("act", "").strip()[:20],
            status=status if status in STATUS_NAMES else None,
            organization=num("organization"),
            due=query.get("due", "") if query.get("due", "") in DUE_WINDOWS else "",
            q=query.get("q", "").strip()[:200],
            sort=query.get("sort", "id") if query.get("sort", "id") in SORTS else "id",
            page=max(1, num("page") or 1),
        )

    @property
    def active(self) -> bool:
        return any([self.statement, self.section, self.party, self.act, self.status,
                    self.organization, self.due, self.q])


# Big JSON columns that list pages never show: loading them would decode a whole parse per row.
LIGHT_STATEMENT = ("statement__parse",)
LIGHT_SENTENCE = ("sentence__extracted", "sentence__organizations", "sentence__instruments", "sentence__dates")


def light_rows(qs: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Commitments with their sentence and statement joined, without the large JSON columns."""
    return qs.select_related("sentence", "statement").defer(*LIGHT_STATEMENT, *LIGHT_SENTENCE)


def base_commitments() -> QuerySet[Commitment]:
    """Commitments people follow: active ones of the current version of each statement."""
    return Commitment.objects.filter(active=True, statement__is_current=True)


def apply_filters(qs: QuerySet[Commitment], f: Filters, today: date | None = None) -> QuerySet[Commitment]:
    """``qs`` narrowed by every filter of ``f``; the text search is the tracker's (trigram index,
    substring scan for 1-2 character terms): every term must occur in the sentence."""
    today = today or date.today()
    if f.statement:
        qs = qs.filter(statement_id=f.statement)
    if f.section:
        qs = qs.filter(topic=f.section)
    if f.party:
        qs = qs.filter(actors_key__contains=f"|{f.party}|")
    if f.act:
        qs = qs.filter(sentence__acts_key__contains=f"|{f.act}|")
    if f.status:
        qs = qs.filter(status=f.status)
    if f.organization:
        qs = qs.filter(
            Exists(Mention.objects.filter(sentence_id=OuterRef("sentence_id"), organization_id=f.organization,
                                          active=True))
        )
    if f.due:
        qs = qs.filter(due_window_q(f.due, today))
    if f.q:
        qs = filter_by_text(qs, f.q)
    return qs


def due_window_q(window: str, today: date) -> Q:
    soon = today + timedelta(days=SOON_DAYS)
    if window == "overdue":
        return Q(due_date__lt=today, status__in=OPEN_STATUSES)
    if window == "soon":
        return Q(due_date__gte=today, due_date__lte=soon)
    if window == "later":
        return Q(due_date__gt=soon)
    return Q(due_date__isnull=True)


@dataclass
class Facet:
    key: str  # query parameter
    values: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)


def _split_counts(rows: list[tuple[str, int]]) -> Counter[str]:
    """Counts per code from GROUP BY rows of a ``|A|B|`` key column."""
    counts: Counter[str] = Counter()
    for key, n in rows:
        for code in (key or "").strip("|").split("|"):
            if code:
                counts[code] += n
    return counts


FACET_KEYS: tuple[str, ...] = ("statement", "section", "party", "act", "status", "organization", "due")


def without(f: Filters, key: str) -> Filters:
    """The same filters with one facet cleared (each facet counts over the others' selection,
    so its other values stay visible to switch to)."""
    return replace(f, **{key: Filters.__dataclass_fields__[key].default})


@dataclass
class _Tallies:
    """Grouped counts of the facets counted from rows: value -> number of commitments."""

    status: Counter[int] = field(default_factory=Counter)
    statement: Counter[int] = field(default_factory=Counter)
    section: Counter[str] = field(default_factory=Counter)
    party: Counter[str] = field(default_factory=Counter)  # by actors_key, split later
    act: Counter[str] = field(default_factory=Counter)  # by acts_key, split later
    due: Counter[str] = field(default_factory=Counter)
    organization: Counter[int] | None = None  # None: counted by a query of its own


_mentions_memo: dict[str, dict[int, tuple[int, ...]]] = {}


def _organizations_by_sentence(version: str) -> dict[int, tuple[int, ...]]:
    """Active mentions as sentence id -> organization ids, read once per data version in each
    process (tens of thousands of pairs: a plain dict here, not a pickled cache entry). Also keyed
    by a token kept in Django's cache, so that clearing the cache clears this too."""
    version = f"{version}:{cache.get_or_set('communique:memo-epoch', lambda: secrets.token_hex(8), None)}"
    table = _mentions_memo.get(version)
    if table is None:
        pairs: dict[int, list[int]] = {}
        for sentence, organization in Mention.objects.filter(active=True).values_list("sentence_id",
                                                                                       "organization_id"):
            pairs.setdefault(sentence, []).append(organization)
        table = {k: tuple(dict.fromkeys(v)) for k, v in pairs.items()}
        _mentions_memo.clear()
        _mentions_memo[version] = table
    return table


def _due_window(due: date | None, status: int, today: date, soon: date) -> str:
    """The window of ``due_window_q`` a row falls in ("" for past due dates of closed ones)."""
    if due is None:
        return "none"
    if due > soon:
        return "later"
    if due >= today:
        return "soon"
    return "overdue" if status in OPEN_STATUSES else ""


def _tallies_sql(filtered: Callable[[Filters], QuerySet[Commitment]], f: Filters, today: date,
                 limit: int) -> _Tallies:
    """One GROUP BY per facet over the selection without that facet's own filter."""
    t = _Tallies()
    t.status.update(dict(filtered(without(f, "status")).order_by().values_list("status").annotate(n=Count("id"))))
    qs = filtered(without(f, "statement")).order_by()
    t.statement.update(dict(qs.values_list("statement_id").annotate(n=Count("id")).order_by("-n")[:limit]))
    qs = filtered(without(f, "section")).order_by()
    t.section.update(dict(qs.values_list("topic").annotate(n=Count("id")).order_by("-n")[:limit]))
    qs = filtered(without(f, "party")).order_by()
    t.party.update(dict(qs.values_list("actors_key").annotate(n=Count("id"))))
    qs = filtered(without(f, "act")).order_by()
    t.act.update(dict(qs.values_list("sentence__acts_key").annotate(n=Count("id"))))
    windows = filtered(without(f, "due")).order_by().aggregate(
        **{w: Count("id", filter=due_window_q(w, today)) for w in DUE_WINDOWS}
    )
    t.due.update(windows)
    return t


def _tallies_rows(filtered: Callable[[Filters], QuerySet[Commitment]], f: Filters, today: date) -> _Tallies:
    """All facets from one read of the rows matching the text search (and nothing else).

    A text search makes each grouped query repeat the search: eight times for eight facets.
    Here the matching rows are read once and each facet counts the rows that pass every other
    filter (a row failing exactly one filter counts only for that filter's facet). The filters
    are the same as ``apply_filters``' (``contains`` is a case-insensitive LIKE on SQLite).
    """
    soon = today + timedelta(days=SOON_DAYS)
    text_only = Filters(q=f.q)
    # Plain cursor rows: Django's per-value converters cost more than the counting below.
    sql, params = filtered(text_only).order_by().values_list(
        "status", "statement_id", "topic", "actors_key", "sentence__acts_key", "due_date", "sentence_id"
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    org_sentences: set[int] = set()
    with_org: set[int] | None = None
    if f.organization:
        with_org = set(Mention.objects.filter(organization_id=f.organization, active=True)
                       .values_list("sentence_id", flat=True))
    party = f"|{f.party}|".lower() if f.party else ""
    act = f"|{f.act}|".lower() if f.act else ""
    t = _Tallies()
    for status, statement, topic, actors, acts, due_value, sentence in rows:
        due = date.fromisoformat(due_value) if isinstance(due_value, str) else due_value
        window = _due_window(due, status, today, soon)
        failed = ""
        for key, ok in (
            ("statement", not f.statement or statement == f.statement),
            ("section", not f.section or topic == f.section),
            ("party", not party or party in (actors or "").lower()),
            ("act", not act or act in (acts or "").lower()),
            ("status", not f.status or status == f.status),
            ("organization", with_org is None or sentence in with_org),
            ("due", not f.due or window == f.due),
        ):
            if not ok:
                if failed:
                    break
                failed = key
        else:
            if not failed or failed == "status":
                t.status[status] += 1
            if not failed or failed == "statement":
                t.statement[statement] += 1
            if not failed or failed == "section":
                t.section[topic] += 1
            if not failed or failed == "party":
                t.party[actors] += 1
            if not failed or failed == "act":
                t.act[acts] += 1
            if (not failed or failed == "due") and window:
                t.due[window] += 1
            if not failed or failed == "organization":
                org_sentences.add(sentence)
    by_sentence = _organizations_by_sentence(counts.data_version())
    t.organization = Counter(o for s in org_sentences for o in by_sentence.get(s, ()))
    return t


def facets(
    filtered: Callable[[Filters], QuerySet[Commitment]], f: Filters, today: date | None = None, limit: int = 25
) -> tuple[list[Facet], int]:
    """Facet counts, each over the selection without that facet's own filter, and the total of
    the whole selection (read off the status facet: no separate COUNT). Without a text search,
    one GROUP BY per facet; with one, one read of the matching rows counted in Python."""
    today = today or date.today()
    t = _tallies_rows(filtered, f, today) if f.q else _tallies_sql(filtered, f, today, limit)
    by_status = sorted(t.status.items())
    total = sum(n for s, n in by_status if f.status is None or s == f.status)
    status = Facet("status", [(STATUS_NAMES[s], STATUS_NAMES[s], n) for s, n in by_status])

    stmt_rows = t.statement.most_common(limit)
    wanted = [s for s, _ in stmt_rows] + ([f.statement] if f.statement else [])
    titles = dict(Statement.objects.filter(id__in=wanted).values_list("id", "title"))
    statement = Facet("statement", [(str(s), titles.get(s) or f"#{s}", n) for s, n in stmt_rows])

    section = Facet("section", [(s, s, n) for s, n in t.section.most_common(limit) if s])

    parties = _split_counts(list(t.party.items()))
    party = Facet("party", [(c, c, n) for c, n in parties.most_common(limit)])

    acts = _split_counts(list(t.act.items()))
    act = Facet("act", [(a, a, n) for a, n in acts.most_common()])

    if t.organization is not None:
        org_rows = sorted(t.organization.items(), key=lambda item: (-item[1], item[0]))[:limit]  # ties: by id
    else:
        qs = filtered(without(f, "organization")).order_by()
        org_rows = list(
            Mention.objects.filter(active=True, sentence_id__in=qs.values("sentence_id"))
            .values_list("organization_id").annotate(n=Count("sentence_id", distinct=True)).order_by("-n")[:limit]
        )
    wanted = [o for o, _ in org_rows] + ([f.organization] if f.organization else [])
    names = dict(Organization.objects.filter(id__in=wanted).values_list("id", "name"))
    organization = Facet("organization", [(str(o), names.get(o, f"#{o}"), n) for o, n in org_rows])

    due = Facet("due", [(w, w, t.due[w]) for w in DUE_WINDOWS])

    # A chosen value beyond the top `limit` still shows, with the selection's total as its count.
    chosen_labels = {
        "statement": (str(f.statement), titles.get(f.statement) or f"#{f.statement}") if f.statement else None,
        "section": (f.section, f.section) if f.section else None,
        "party": (f.party, f.party) if f.party else None,
        "act": (f.act, f.act) if f.act else None,
        "status": (STATUS_NAMES[f.status], STATUS_NAMES[f.status]) if f.status else None,
        "organization": (str(f.organization), names.get(f.organization, f"#{f.organization}"))
        if f.organization else None,
    }
    out = [statement, section, party, act, status, organization, due]
    for facet in out:
        chosen = chosen_labels.get(facet.key)
        if chosen and all(value != chosen[0] for value, _label, _n in facet.values):
            facet.values.insert(0, (chosen[0], chosen[1], total))
    return out, total


class ListRow(NamedTuple):
    """What the list page shows of a commitment (read as plain values: no model instances)."""

    pk: int
    topic: str
    statement_id: int
    statement_title: str
    statement_source_name: str
    sentence_text: str
    actors: list[str]
    status: int
    due_text: str
    due_date: date | None
    score: Any


LIST_ROW_FIELDS = ("id", "topic", "statement_id", "statement__title", "statement__source_name", "sentence__text",
                   "actors", "status", "due_text", "due_date", "score")


def page_of(qs: QuerySet[Commitment], f: Filters, page_size: int = PAGE_SIZE) -> tuple[list[ListRow], bool]:
    """One page of rows and whether another page follows (page_size + 1 rows fetched, no COUNT)."""
    start = (f.page - 1) * page_size
    rows = [ListRow(*values) for values in
            qs.order_by(*SORTS[f.sort]).values_list(*LIST_ROW_FIELDS)[start : start + page_size + 1]]
    return rows[:page_size], len(rows) > page_size


# --- dashboard ---------------------------------------------------------------------------


def compliance_percent(average: float | None) -> float | None:
    """G7 Research Group practice: the −1…+1 average shown as a percentage, (avg + 1) / 2."""
    return None if average is None else round((average + 1) / 2 * 100, 1)


def dashboard_figures(qs: QuerySet[Commitment], today: date | None = None) -> dict[str, Any]:
    today = today or date.today()
    q = qs.order_by()
    by_status = dict(q.values_list("status").annotate(n=Count("id")))
    by_section = list(q.values_list("topic").annotate(n=Count("id")).order_by("-n")[:15])
    average = q.filter(score__isnull=False).aggregate(avg=Avg("score"), n=Count("id"))
    windows = q.aggregate(**{w: Count("id", filter=due_window_q(w, today)) for w in DUE_WINDOWS})
    return {
        "total": sum(by_status.values()),
        "by_status": [(code, STATUS_NAMES[code], by_status.get(code, 0)) for code in STATUS_NAMES],
        "by_section": by_section,
        "compliance_avg": None if average["avg"] is None else round(float(average["avg"]), 2),
        "compliance_pct": compliance_percent(average["avg"]),
        "assessed": average["n"],
        "windows": windows,
    }


def per_statement(limit: int = 50) -> list[dict[str, Any]]:
    """Commitment count, assessed count and compliance average of each current statement."""
    rows = (
        base_commitments().order_by().values("statement_id")
        .annotate(n=Count("id"), avg=Avg("score"), closed=Count("id", filter=Q(status=4)))
        .order_by("-statement_id")[:limit]
    )
    rows = list(rows)
    info = {s.id: s for s in Statement.objects.filter(id__in=[r["statement_id"] for r in rows]).defer("parse")}
    out = []
    for r in rows:
        st = info.get(r["statement_id"])
        out.append({
            "statement": st,
            "n": r["n"],
            "closed": r["closed"],
            "avg": None if r["avg"] is None else round(float(r["avg"]), 2),
            "pct": compliance_percent(r["avg"]),
        })
    return out
