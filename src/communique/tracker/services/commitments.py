"""Change a commitment: status, compliance score, due date, assignee, plus a note or link.

Optimistic locking: every change is ``UPDATE ... WHERE id = ? AND version = expected`` and
bumps ``version``; when no row matches, someone else changed it first and the caller gets
:class:`~communique.errors.ConflictError`. Every changed field is recorded in history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from communique.errors import ConflictError, InputError, NotFoundError
from communique.tracker.models import STATUS_NAMES, Commitment
from communique.tracker.services import history
from communique.tracker.services.evidence import create_evidence, validate_evidence
from communique.tracker.services.users import UserLike, resolve_user
from communique.tracker.services.values import parse_date, parse_due, parse_id, parse_score, parse_status


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()  # "leave as is" (None means "clear" for score, due and assignee)


def get_commitment(commitment_id: int | str) -> Commitment:
    cid = parse_id(commitment_id, "commitment ID")
    try:
        return Commitment.objects.select_related("sentence", "statement", "section", "assignee").get(pk=cid)
    except Commitment.DoesNotExist:
        raise NotFoundError(f"no commitment with ID {cid}") from None


def update_commitment(
    commitment_id: int | str,
    user: UserLike,
    expected_version: int | None = None,
    *,
    status: str | int | None = None,
    note: str | None = None,
    evidence_url: str | None = None,
    score: int | str | None = UNSET,
    assessed_on: date | str | None = None,
    due: str | date | None = UNSET,
    assignee: UserLike = UNSET,
    why: str = "",
) -> Commitment:
    """Apply one change set to a commitment atomically and return it reloaded.

    ``expected_version``: the version the caller read; None = whatever is current when read
    here (still safe against a concurrent writer between read and write). ``score``: -1/0/1,
    None clears it; ``assessed_on`` defaults to today when a score is given. ``due``: YYYY,
    YYYY-MM or YYYY-MM-DD, None clears it. ``assignee``: a user or name, None unassigns.
    ``note`` / ``evidence_url`` add evidence (note / link). Raises InputError on bad values
    (nothing written), NotFoundError, ConflictError.
    """
    cid = parse_id(commitment_id, "commitment ID")
    # Validate everything before touching the database.
    changes: dict[str, Any] = {}
    if status is not None:
        changes["status"] = parse_status(status)
    if score is not UNSET:
        changes["score"] = parse_score(score) if score is not None else None
        if score is None:
            changes["assessed_on"] = None
        else:
            changes["assessed_on"] = parse_date(assessed_on, "assessment date") if assessed_on else timezone.localdate()
    if due is not UNSET:
        if due is None or due == "":
            changes.update(due_text="", due_precision="", due_date=None)
        else:
            text, precision, last = parse_due(due)
            changes.update(due_text=text, due_precision=precision, due_date=last)
    new_evidence = []
    if note is not None:
        new_evidence.append(validate_evidence("note", text=note))
    if evidence_url is not None:
        new_evidence.append(validate_evidence("link", url=evidence_url))
    if not changes and not new_evidence and assignee is UNSET:
        raise InputError("nothing to change: give a status, score, due date, assignee, note or evidence")
    if expected_version is not None and (not isinstance(expected_version, int) or expected_version < 1):
        raise InputError(f"expected version {expected_version!r}: must be a positive whole number")

    with transaction.atomic():
        who = resolve_user(user)
        if assignee is not UNSET:
            changes["assignee"] = resolve_user(assignee) if assignee is not None else None
        try:
            current = Commitment.objects.select_related("assignee").get(pk=cid)
        except Commitment.DoesNotExist:
            raise NotFoundError(f"no commitment with ID {cid}") from None
        expected = expected_version if expected_version is not None else current.version
        if current.version != expected:
            raise _conflict(cid, current.version, expected)
        rows = Commitment.objects.filter(pk=cid, version=expected).update(
            **changes, version=F("version") + 1, updated_at=timezone.now()
        )
        if rows == 0:
            raise _conflict(cid, None, expected)
        _record_changes(current, changes, who, why)
        for fields in new_evidence:
            create_evidence(current, fields, who, None, why)
    return get_commitment(cid)


def _conflict(cid: int, now: int | None, expected: int) -> ConflictError:
    seen = f"now version {now}" if now is not None else "changed just now"
    return ConflictError(
        f"commitment {cid} was changed by someone else ({seen}, you had version {expected}); reload it and try again"
    )


def _record_changes(c: Commitment, changes: dict[str, Any], who: Any, why: str) -> None:
    if "status" in changes and changes["status"] != c.status:
        history.record("commitment", c.pk, "status", STATUS_NAMES[c.status], STATUS_NAMES[changes["status"]], who, why)
    if "score" in changes and changes["score"] != c.score:
        history.record("commitment", c.pk, "score", c.score, changes["score"], who, why)
    if "assessed_on" in changes:
        old = c.assessed_on.isoformat() if c.assessed_on else None
        new = changes["assessed_on"].isoformat() if changes["assessed_on"] else None
        if old != new:
            history.record("commitment", c.pk, "assessed_on", old, new, who, why)
    if "due_text" in changes and changes["due_text"] != c.due_text:
        history.record("commitment", c.pk, "due", c.due_text or None, changes["due_text"] or None, who, why)
    if "assignee" in changes:
        old = c.assignee.get_username() if c.assignee else None
        new = changes["assignee"].get_username() if changes["assignee"] else None
        if old != new:
            history.record("commitment", c.pk, "assignee", old, new, who, why)
