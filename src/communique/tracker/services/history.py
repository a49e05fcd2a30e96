"""The append-only history: record changes, read them, and rebuild a commitment's state from them."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from communique.tracker.models import STATUS_NAMES, Commitment, Evidence, HistoryEntry

# Fields of a commitment whose changes are recorded one by one (besides `evidence`).
TRACKED_FIELDS: tuple[str, ...] = ("status", "score", "assessed_on", "due", "assignee", "active")


def record(
    target_type: str, target_id: int, field: str, old: Any, new: Any, user: AbstractBaseUser, why: str = ""
) -> HistoryEntry:
    """Append one entry (call inside the transaction that makes the change)."""
    return HistoryEntry.objects.create(
        target_type=target_type, target_id=target_id, field=field, old=old, new=new, user=user, why=why,
        at=timezone.now(),
    )


def commitment_state(commitment: Commitment) -> dict[str, Any]:
    """The tracked state of a commitment as stored now (the same shape :func:`replay_history` returns)."""
    c = Commitment.objects.select_related("assignee").get(pk=commitment.pk)
    return state_of(c, c.evidence.all().order_by("pk"), c.assignee.get_username() if c.assignee else None)


def state_of(c: Commitment, evidence: Iterable[Evidence], assignee: str | None) -> dict[str, Any]:
    """The tracked-state snapshot of ``c`` from values the caller already has (no query of its own)."""
    return {
        "status": STATUS_NAMES[c.status],
        "score": c.score,
        "assessed_on": c.assessed_on.isoformat() if c.assessed_on else None,
        "due": c.due_text or None,
        "assignee": assignee,
        "active": c.active,
        "evidence": {str(e.pk): e.as_state() for e in evidence},
    }


def replay_history(commitment: Commitment | int) -> dict[str, Any]:
    """Rebuild a commitment's tracked state from its history alone.

    ``created`` / ``carried_over`` entries hold a full snapshot; every later entry sets one field
    (``evidence`` entries set one evidence item by id). Equal to :func:`commitment_state` when
    history is complete.
    """
    cid = commitment if isinstance(commitment, int) else commitment.pk
    state: dict[str, Any] = {}
    for entry in HistoryEntry.objects.filter(target_type="commitment", target_id=cid).order_by("id"):
        if entry.field in ("created", "carried_over"):
            state = copy.deepcopy(entry.new)
        elif entry.field == "evidence":
            item = dict(entry.new)
            state.setdefault("evidence", {})[str(item.pop("id"))] = item
        else:
            state[entry.field] = entry.new
    return state


def commitment_history(commitment: Commitment, *, include_previous_versions: bool = True) -> QuerySet[HistoryEntry]:
    """Entries about this commitment and its sentence's corrections, oldest first; with
    ``include_previous_versions`` also those of the same commitment in older statement versions."""
    cond = Q()
    current: Commitment | None = commitment
    while current is not None:
        cond |= Q(target_type="commitment", target_id=current.pk) | Q(
            target_type="sentence", target_id=current.sentence_id
        )
        current = current.previous if include_previous_versions else None
    return HistoryEntry.objects.filter(cond).select_related("user").order_by("at", "id")
