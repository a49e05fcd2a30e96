"""Read commitments: filtered lists, what is due, and everything about one commitment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from communique.errors import InputError
from communique.model import ACTS
from communique.tracker.models import Commitment, Mention, Organization, Section
from communique.tracker.services.history import commitment_history
from communique.tracker.services.search import filter_by_text
from communique.tracker.services.values import parse_date, parse_id, parse_status

_PARTY = re.compile(r"^[A-Za-z]{3}$")
OPEN_STATUSES = (1, 2, 3, 6)  # pipeline, implementation, finalisation, suspended: not closed or cancelled
# Large columns a list never shows: the statement's whole parse (~100 KB of JSON per row
# otherwise decoded for every commitment listed) and the sentence's raw extraction.
LIST_DEFERRED = ("statement__parse", "sentence__extracted")


@dataclass
class CommitmentFilters:
    """What ``communique list`` and the web list filter on; every field optional.

    ``statement``: an ID or part of the title / file name; ``section``: an ID or part of the
    topic; ``party``: ISO alpha-3; ``act``: one of the acts; ``status``: name or IATI code;
    ``organization``: part of a canonical name or alias; ``due_before`` / ``due_after``:
    YYYY-MM-DD (inclusive); ``text``: part of the sentence. Only the current version of each
    statement and active commitments, unless ``all_versions`` / ``include_inactive``.
    """

    statement: str | int | None = None
    section: str | int | None = None
    party: str | None = None
    act: str | None = None
    status: str | int | None = None
    organization: str | None = None
    due_before: date | str | None = None
    due_after: date | str | None = None
    text: str | None = None
    assignee: str | None = None
    all_versions: bool = False
    include_inactive: bool = False


def list_commitments(filters: CommitmentFilters | None = None, **kwargs: Any) -> QuerySet[Commitment]:
    """Commitments matching the filters, oldest first (slice the queryset to page).

    Accepts a :class:`CommitmentFilters` or the same names as keyword arguments. Bad filter
    values raise InputError.
    """
    f = filters or CommitmentFilters(**kwargs)
    qs = Commitment.objects.select_related("sentence", "statement", "assignee").defer(*LIST_DEFERRED)
    explicit_statement = False
    if f.statement not in (None, ""):
        text = str(f.statement).strip()
        if text.lstrip("#").isdigit():
            qs = qs.filter(statement_id=parse_id(text, "statement ID"))
            explicit_statement = True
        else:
            qs = qs.filter(Q(statement__title__icontains=text) | Q(statement__source_name__icontains=text))
    if not f.all_versions and not explicit_statement:
        qs = qs.filter(statement__is_current=True)
    if not f.include_inactive:
        qs = qs.filter(active=True)
    if f.section not in (None, ""):
        text = str(f.section).strip()
        if text.isdigit():
            qs = qs.filter(section_id=int(text))
        elif connection.vendor == "sqlite":
            # SQLite walks commitments in ID order and stops at the page: fast for common titles,
            # a plain scan of one short column for rare ones (measured in bench/tracker.py).
            qs = qs.filter(topic__icontains=text)
        else:
            # PostgreSQL: the small sections table, then the indexed section_id (its planner sorts
            # a LIKE over the whole commitments table otherwise).
            qs = qs.filter(section_id__in=Section.objects.filter(title__icontains=text).values("id"))
    if f.party:
        if not _PARTY.match(f.party.strip()):
            raise InputError(f"party {f.party!r}: use an ISO 3166-1 alpha-3 code such as JPN")
        qs = qs.filter(actors_key__contains=f"|{f.party.strip().upper()}|")
    if f.act:
        if f.act not in ACTS:
            raise InputError(f"act {f.act!r}: use one of {', '.join(ACTS)}")
        qs = qs.filter(sentence__acts_key__contains=f"|{f.act}|")
    if f.status not in (None, ""):
        qs = qs.filter(status=parse_status(f.status))
    if f.organization:
        name = f.organization.strip()
        # organizations (small table) -> their mentions (indexed) -> commitments by sentence (unique index)
        organizations = Organization.objects.filter(
            Q(name__icontains=name) | Q(aliases__alias__icontains=name)
        ).values("id")
        mentioned = Mention.objects.filter(organization_id__in=organizations, active=True).values("sentence_id")
        qs = qs.filter(sentence_id__in=mentioned)
    if f.due_before:
        qs = qs.filter(due_date__lte=parse_date(f.due_before, "due-before date"))
    if f.due_after:
        qs = qs.filter(due_date__gte=parse_date(f.due_after, "due-after date"))
    if f.text:
        qs = filter_by_text(qs, f.text)
    if f.assignee:
        qs = qs.filter(assignee__username=f.assignee.strip())
    return qs.order_by("id")


def due(within_days: int = 30, *, today: date | None = None) -> QuerySet[Commitment]:
    """Open commitments (not closed or cancelled) due by ``today + within_days``, overdue ones
    included, earliest first. ``c.due_date < today`` means overdue."""
    if within_days < 0:
        raise InputError(f"--within {within_days}: must be 0 or more days")
    day = today or timezone.localdate()
    return (
        Commitment.objects.select_related("sentence", "statement", "assignee").defer(*LIST_DEFERRED)
        .filter(statement__is_current=True, active=True, status__in=OPEN_STATUSES, due_date__isnull=False,
                due_date__lte=day + timedelta(days=within_days))
        .order_by("due_date", "id")
    )


def commitment_detail(commitment: Commitment) -> dict[str, Any]:
    """Everything ``show`` displays: the sentence in its paragraph, extraction (as found and as
    corrected), tracking state, evidence and the history across statement versions."""
    from communique.tracker.models import STATUS_NAMES

    s = commitment.sentence
    return {
        "id": commitment.pk,
        "version": commitment.version,
        "statement": {"id": commitment.statement_id, "title": commitment.statement.title,
                      "source": commitment.statement.source_name, "version": commitment.statement.version,
                      "date": commitment.statement.date.isoformat() if commitment.statement.date else None},
        "topic": commitment.topic,
        "paragraph": {"id": s.paragraph_id, "number": s.paragraph.number, "text": s.paragraph.text},
        "sentence": {"id": s.pk, "text": s.text, "actors": s.actors, "acts": s.acts,
                     "organizations": s.organizations, "instruments": s.instruments, "dates": s.dates,
                     "extracted": s.extracted},
        "corrections": [
            {"id": c.pk, "field": c.field, "value": c.value, "by": c.created_by.get_username(),
             "at": c.created_at.isoformat(), "why": c.why}
            for c in s.corrections.filter(active=True).select_related("created_by").order_by("id")
        ],
        "strength": commitment.strength,
        "responsible_party": commitment.responsible_party,
        "responsible_organizations": [o.name for o in commitment.responsible_organizations.all()],
        "status": STATUS_NAMES[commitment.status],
        "status_code": commitment.status,
        "score": commitment.score,
        "assessed_on": commitment.assessed_on.isoformat() if commitment.assessed_on else None,
        "due": commitment.due_text or None,
        "due_date": commitment.due_date.isoformat() if commitment.due_date else None,
        "due_precision": commitment.due_precision or None,
        "assignee": commitment.assignee.get_username() if commitment.assignee else None,
        "active": commitment.active,
        "evidence": [
            {"id": e.pk, **e.as_state(), "added_by": e.added_by.get_username(), "added_at": e.added_at.isoformat()}
            for e in commitment.evidence.select_related("added_by").order_by("id")
        ],
        "history": [
            {"at": h.at.isoformat(), "user": h.user.get_username(), "target": f"{h.target_type} {h.target_id}",
             "field": h.field, "old": h.old, "new": h.new, "why": h.why}
            for h in commitment_history(commitment)
        ],
    }
