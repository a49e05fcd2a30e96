"""Tracker querysets -> plain rows for the format writers (the only export module that reads the ORM
besides ``backup`` and the views).

Everything is streamed: querysets are read with ``.iterator(chunk_size)`` and the
per-commitment extras (latest evidence, history) are fetched one chunk of ids at a
time, so memory stays flat whatever the number of commitments. The big JSON
columns that rows do not need (``Statement.parse``, ``Sentence.extracted``) are
deferred.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from communique import countries

if TYPE_CHECKING:
    from django.db.models import QuerySet

CHUNK = 2000
# The selection filters a URL may carry (web downloads, calendar feeds): the ``communique list`` options.
FILTER_NAMES = ("statement", "section", "party", "act", "status", "organization", "due_before", "due_after", "text")


@dataclass
class Selection:
    """Which commitments an export covers: the ``communique list`` filters plus a pair of partners."""

    filters: dict[str, Any] = field(default_factory=dict)  # CommitmentFilters fields
    partners: list[str] = field(default_factory=list)  # ISO alpha-3: statements whose parties include all

    def describe(self) -> dict[str, Any]:
        out = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.filters.items() if v not in (None, "", False)}
        if self.partners:
            out["partners"] = list(self.partners)
        return out


def split_partners(text: str | None) -> list[str]:
    """``"JPN, KAZ"`` -> ``["JPN", "KAZ"]``: the ``--partners`` option and the ``partners`` query parameter."""
    return [p for p in (text or "").replace(" ", "").split(",") if p]


def commitments(selection: Selection | None = None) -> QuerySet:
    """The selected commitments, by the tracker's own filter code (``list_commitments``)."""
    from communique.errors import InputError
    from communique.tracker.services import CommitmentFilters, list_commitments

    selection = selection or Selection()
    qs = list_commitments(CommitmentFilters(**selection.filters))
    for party in selection.partners:
        code = party.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise InputError(f"partner {party!r}: use ISO 3166-1 alpha-3 codes such as JPN")
        qs = qs.filter(statement__parties_key__contains=f"|{code}|")
    return qs.order_by("id")


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _of_statements(queryset: QuerySet, ids: Sequence[int], size: int = 200) -> Iterator[Any]:
    """The rows of ``queryset`` that belong to the statements ``ids``, by id, a chunk of statements at a time."""
    for chunk in chunks(ids, size):
        yield from queryset.filter(statement_id__in=chunk).order_by("id").iterator(chunk_size=CHUNK)


def _org_names(organizations: Sequence[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys((o.get("name") or o.get("mention") or "").strip() for o in organizations if o))


def _instruments(instruments: Sequence[dict[str, Any]]) -> list[str]:
    return [f"{i.get('kind')}: {i.get('mention')}" if i.get("mention") else str(i.get("kind")) for i in instruments]


def evidence_text(e: Any) -> str:
    if e.kind == "link":
        return f"{e.text} {e.url}".strip() if e.text else e.url
    if e.kind == "file":
        return f"{e.text} [{e.path}]".strip() if e.text else e.path
    if e.kind == "paragraph":
        cited = f"statement {e.paragraph.statement_id} ¶{e.paragraph.number or e.paragraph.pid}" if e.paragraph else ""
        return f"{e.text} ({cited})".strip() if e.text else cited
    return e.text


def _latest_evidence(ids: list[int]) -> tuple[dict[int, Any], dict[int, int]]:
    """Per commitment id: its latest not-withdrawn evidence item, and how many it has."""
    from communique.tracker.models import Evidence

    latest: dict[int, Any] = {}
    counts: dict[int, int] = defaultdict(int)
    items = (
        Evidence.objects.filter(commitment_id__in=ids, withdrawn=False)
        .select_related("paragraph")
        .order_by("commitment_id", "-dated", "-id")
    )
    for e in items:
        counts[e.commitment_id] += 1
        latest.setdefault(e.commitment_id, e)
    return latest, counts


def _base(qs: QuerySet) -> QuerySet:
    return qs.select_related("statement", "section", "sentence", "sentence__paragraph", "assignee").defer(
        "statement__parse", "sentence__extracted"
    )


def commitment_rows(qs: QuerySet, chunk_size: int = CHUNK) -> Iterator[dict[str, Any]]:
    """One row per commitment (keys of ``COMMITMENT_COLUMNS``), streamed in chunks."""
    for batch in chunks(_base(qs).iterator(chunk_size=chunk_size), chunk_size):
        latest, counts = _latest_evidence([c.pk for c in batch])
        for c in batch:
            s, st = c.sentence, c.statement
            evidence = latest.get(c.pk)
            yield {
                "commitment_id": c.pk,
                "statement_id": st.pk,
                "statement_title": st.title or st.source_name,
                "statement_date": st.date,
                "parties": list(st.parties),
                "section_label": c.section.label if c.section else "",
                "section_title": c.section.title if c.section else c.topic,
                "paragraph_number": s.paragraph.number,
                "sentence_id": s.sid,
                "sentence": s.text,
                "actors": list(c.actors),
                "acts": list(s.acts),
                "strength": c.strength,
                "responsible_party": c.responsible_party,
                "organizations": _org_names(s.organizations),
                "instruments": _instruments(s.instruments),
                "due": c.due_text,
                "due_date": c.due_date,
                "status": c.status_name,
                "status_code": c.status,
                "compliance": c.score,
                "assessed_on": c.assessed_on,
                "evidence_count": counts.get(c.pk, 0),
                "latest_evidence": evidence_text(evidence) if evidence else "",
                "latest_evidence_date": evidence.dated if evidence else None,
                "updated_at": c.updated_at,
                "created_at": c.created_at,
                "language": st.language,
            }


def statement_ids(qs: QuerySet) -> list[int]:
    return sorted(set(qs.order_by().values_list("statement_id", flat=True).distinct()))


# ---------------------------------------------------------------- JSON (communique/tracking@1)


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def statement_documents(ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """Each statement with its stored parse (``communique/statement@1``), one at a time."""
    from communique.tracker.models import Statement

    for chunk in chunks(ids, 50):
        for st in Statement.objects.filter(pk__in=chunk).order_by("id"):
            yield {
                "id": st.pk,
                "source_name": st.source_name,
                "sha256": st.sha256,
                "version": st.version,
                "previous": st.previous_id,
                "is_current": st.is_current,
                "parser_version": st.parser_version,
                "imported_at": st.imported_at,
                "parse": st.parse,
            }


def correction_documents(ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    from communique.tracker.models import Correction

    for chunk in chunks(ids, 500):
        qs = Correction.objects.filter(sentence__statement_id__in=chunk).select_related("sentence", "created_by")
        for c in qs.order_by("id").iterator(chunk_size=CHUNK):
            yield {
                "id": c.pk,
                "statement": c.sentence.statement_id,
                "sentence": c.sentence.sid,
                "field": c.field,
                "value": c.value,
                "created_by": _username(c.created_by),
                "created_at": c.created_at,
                "why": c.why,
                "active": c.active,
            }


def _evidence_document(e: Any) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": e.kind,
        "url": e.url,
        "text": e.text,
        "path": e.path,
        "paragraph": (
            {"statement": e.paragraph.statement_id, "paragraph": e.paragraph.pid, "number": e.paragraph.number}
            if e.paragraph_id
            else None
        ),
        "dated": e.dated,
        "added_at": e.added_at,
        "added_by": _username(e.added_by),
        "withdrawn": e.withdrawn,
    }


def commitment_documents(qs: QuerySet, chunk_size: int = CHUNK) -> Iterator[dict[str, Any]]:
    from communique.tracker.models import STATUS_NAMES, Evidence, HistoryEntry

    for batch in chunks(_base(qs).iterator(chunk_size=chunk_size), chunk_size):
        ids = [c.pk for c in batch]
        evidence: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for e in Evidence.objects.filter(commitment_id__in=ids).select_related("paragraph", "added_by").order_by("id"):
            evidence[e.commitment_id].append(_evidence_document(e))
        history: dict[int, list[dict[str, Any]]] = defaultdict(list)
        entries = HistoryEntry.objects.filter(target_type="commitment", target_id__in=ids).select_related("user")
        for h in entries.order_by("id"):
            history[h.target_id].append(
                {"id": h.pk, "field": h.field, "old": h.old, "new": h.new, "at": h.at,
                 "user": _username(h.user), "why": h.why}
            )
        for c in batch:
            s = c.sentence
            yield {
                "id": c.pk,
                "statement": c.statement_id,
                "sentence": s.sid,
                "paragraph_number": s.paragraph.number,
                "section": c.section.sid if c.section else None,
                "topic": c.topic,
                "text": s.text,
                "actors": list(c.actors),
                "acts": list(s.acts),
                "strength": c.strength,
                "responsible_party": c.responsible_party,
                "organizations": _org_names(s.organizations),
                "due": {"text": c.due_text, "date": c.due_date, "precision": c.due_precision},
                "status": {"code": c.status, "name": STATUS_NAMES[c.status]},
                "compliance": {"score": c.score, "assessed_on": c.assessed_on},
                "assignee": _username(c.assignee),
                "active": c.active,
                "version": c.version,
                "previous": c.previous_id,
                "updated_at": c.updated_at,
                "evidence": evidence.get(c.pk, []),
                "history": history.get(c.pk, []),
            }


# ---------------------------------------------------------------- Data Package tables


def datapackage_tables(qs: QuerySet) -> dict[str, Iterable[dict[str, Any]]]:
    """The six tables for :func:`communique.exports.datapackage.write_datapackage`, as lazy generators.

    Foreign keys stay valid in a filtered export: ``previous_id`` is kept only when the
    referenced row is exported too.
    """
    ids = statement_ids(qs)
    commitment_ids = set(qs.order_by().values_list("id", flat=True))
    return {
        "statements": _statement_rows(ids),
        "paragraphs": _paragraph_rows(ids),
        "sentences": _sentence_rows(ids),
        "commitments": _commitment_table_rows(qs, commitment_ids),
        "evidence": _evidence_rows(sorted(commitment_ids)),
        "history": _history_rows(ids, sorted(commitment_ids)),
    }


def _statement_rows(ids: list[int]) -> Iterator[dict[str, Any]]:
    from communique.tracker.models import Statement

    wanted = set(ids)
    for chunk in chunks(ids, 500):
        for st in Statement.objects.filter(pk__in=chunk).defer("parse").order_by("id"):
            yield {
                "id": st.pk, "title": st.title, "language": st.language, "date": st.date, "place": st.place,
                "parties": st.parties, "source_name": st.source_name, "sha256": st.sha256, "version": st.version,
                "previous_id": st.previous_id if st.previous_id in wanted else None, "is_current": st.is_current,
                "parser_version": st.parser_version, "imported_at": st.imported_at,
            }


def _paragraph_rows(ids: list[int]) -> Iterator[dict[str, Any]]:
    from communique.tracker.models import Paragraph

    for p in _of_statements(Paragraph.objects.select_related("section"), ids):
        yield {
            "id": p.pk, "statement_id": p.statement_id, "pid": p.pid, "number": p.number,
            "section_label": p.section.label if p.section else "", "section_title": p.section.title if p.section else "",
            "position": p.position, "text": p.text,
        }


def _sentence_rows(ids: list[int]) -> Iterator[dict[str, Any]]:
    from communique.tracker.models import Sentence

    for s in _of_statements(Sentence.objects.defer("extracted"), ids):
        yield {
            "id": s.pk, "statement_id": s.statement_id, "paragraph_id": s.paragraph_id, "sid": s.sid,
            "position": s.position, "text": s.text, "actors": s.actors, "acts": s.acts,
            "organizations": _org_names(s.organizations), "instruments": _instruments(s.instruments),
            "dates": [d.get("value") for d in s.dates], "due": s.due,
        }


def _commitment_table_rows(qs: QuerySet, exported: set[int]) -> Iterator[dict[str, Any]]:
    from communique.tracker.models import STATUS_NAMES

    for c in _base(qs).iterator(chunk_size=CHUNK):
        yield {
            "id": c.pk, "statement_id": c.statement_id, "sentence_id": c.sentence_id, "topic": c.topic,
            "strength": c.strength, "actors": c.actors, "responsible_party": c.responsible_party,
            "organizations": _org_names(c.sentence.organizations), "due": c.due_text, "due_date": c.due_date,
            "due_precision": c.due_precision, "status": STATUS_NAMES[c.status], "status_code": c.status,
            "compliance": c.score, "assessed_on": c.assessed_on, "assignee": _username(c.assignee),
            "active": c.active, "version": c.version,
            "previous_id": c.previous_id if c.previous_id in exported else None, "updated_at": c.updated_at,
        }


def _evidence_rows(commitment_ids: list[int]) -> Iterator[dict[str, Any]]:
    from communique.tracker.models import Evidence

    for chunk in chunks(commitment_ids):
        for e in Evidence.objects.filter(commitment_id__in=chunk).select_related("added_by").order_by("id"):
            yield {
                "id": e.pk, "commitment_id": e.commitment_id, "kind": e.kind, "url": e.url, "text": e.text,
                "path": e.path, "cited_paragraph_id": e.paragraph_id, "dated": e.dated, "added_at": e.added_at,
                "added_by": _username(e.added_by), "withdrawn": e.withdrawn,
            }


def _history_row(h: Any) -> dict[str, Any]:
    import json

    return {
        "id": h.pk, "target_type": h.target_type,
        "commitment_id": h.target_id if h.target_type == "commitment" else None,
        "sentence_id": h.target_id if h.target_type == "sentence" else None,
        "field": h.field, "old": json.dumps(h.old, ensure_ascii=False), "new": json.dumps(h.new, ensure_ascii=False),
        "at": h.at, "user": _username(h.user), "why": h.why,
    }


def _history_rows(statement_ids_: list[int], commitment_ids: list[int]) -> Iterator[dict[str, Any]]:
    """History of the exported commitments, then of the exported statements' sentences (corrections)."""
    from communique.tracker.models import HistoryEntry, Sentence

    for chunk in chunks(commitment_ids):
        entries = HistoryEntry.objects.filter(target_type="commitment", target_id__in=chunk).select_related("user")
        for h in entries.order_by("id"):
            yield _history_row(h)
    for chunk in chunks(statement_ids_, 200):
        sentences = Sentence.objects.filter(statement_id__in=chunk).values("id")
        entries = HistoryEntry.objects.filter(target_type="sentence", target_id__in=sentences).select_related("user")
        for h in entries.order_by("id").iterator(chunk_size=CHUNK):
            yield _history_row(h)


# ---------------------------------------------------------------- iCalendar events


EVENT_ACTS = ("report", "welcome")


def _day_range(value: str) -> tuple[dt.date, dt.date] | None:
    """``2025-12-18`` or ``2025-12-18/2025-12-20`` as dates; None for month/year precision."""
    try:
        start, _, end = value.partition("/")
        first = dt.date.fromisoformat(start) if len(start) == 10 else None
        last = dt.date.fromisoformat(end) if len(end) == 10 else first
    except ValueError:
        return None
    return (first, last) if first and last and last >= first else None


def event_rows(ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """Dated events named in the statements: day-precise dates in sentences that report or
    welcome, or that lie after the statement's date (future meetings, summits, expos)."""
    from communique.tracker.models import Sentence

    seen: set[tuple[int, dt.date, dt.date]] = set()  # one event per statement and date range
    dated = Sentence.objects.exclude(dates=[]).select_related("statement").defer("statement__parse", "extracted")
    for s in _of_statements(dated, ids):
        st = s.statement
        for i, d in enumerate(s.dates):
            days = _day_range(str(d.get("value") or ""))
            if days is None:
                continue
            future = st.date is not None and days[0] > st.date
            if not (future or any(a in EVENT_ACTS for a in s.acts)) or (st.pk, *days) in seen:
                continue
            seen.add((st.pk, *days))
            yield {
                "uid": f"event-{s.pk}-{i}@communique",
                "summary": s.text,
                "description": f"{s.text}\n{st.title} ({st.date.isoformat() if st.date else ''})",
                "start": days[0],
                "end": days[1],
            }


# ---------------------------------------------------------------- IATI activities


@cache
def organization_kinds() -> dict[str, str]:
    """Organization name, alias or abbreviation -> kind, from the extraction's gazetteer (``data/organizations.yaml``)."""
    from communique.extract.gazetteer import gazetteer

    kinds: dict[str, str] = {}
    for entry in gazetteer().entries:
        for name in (entry.en, entry.ja, *entry.aliases, *entry.abbr):
            if name:
                kinds.setdefault(name, entry.kind)
    return kinds


@cache
def _country_name(iso3: str) -> str:
    names = countries.names(iso3, "en")
    return names[0] if names else iso3


def iati_activities(qs: QuerySet, identifier_prefix: str = "XX-COMMUNIQUE") -> Iterator[dict[str, Any]]:
    """Activity dicts for :mod:`communique.exports.iati`, for the development-cooperation commitments only."""
    from communique.exports import iati
    from communique.tracker.models import Organization

    db_kinds = dict(Organization.objects.exclude(kind="").values_list("name", "kind"))
    for row in commitment_rows(qs):
        named = [(o, db_kinds.get(o) or organization_kinds().get(o)) for o in row["organizations"]]
        text = row["sentence"]
        if not iati.is_development_cooperation(text, [k for _, k in named]):
            continue
        participating = [
            {"name": _country_name(a), "role": 2, "type": "10"} for a in row["actors"] if len(a) == 3 and a.isupper()
        ]
        for name, kind in named:
            role, org_type = iati.organization_role(kind)
            participating.append({"name": name, "role": role, "type": org_type})
        if not participating:
            participating.append({"name": " / ".join(row["parties"]) or "unknown", "role": 2})
        actors = set(row["actors"])
        parties = set(row["parties"])
        recipients = sorted(parties - actors) if actors and actors < parties else []
        yield {
            "identifier": f"{identifier_prefix}-C{row['commitment_id']}",
            "title": _short(text),
            "description": f"{text}\n({row['statement_title']}, {row['statement_date'] or ''}, ¶{row['paragraph_number'] or '-'})",
            "language": row["language"] or "en",
            "status_code": row["status_code"],
            "participating": participating,
            # IATI needs at least one activity-date: an undated statement starts when it was recorded.
            "planned_start": row["statement_date"] or row["created_at"].date(),
            "planned_end": row["due_date"],
            "recipient_countries": [code for c in recipients if (code := countries.iso2(c))],
            "sdg_goals": iati.sdg_goals(text),
            "last_updated": row["updated_at"],
        }


def _short(text: str, length: int = 120) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
