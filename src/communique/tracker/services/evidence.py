"""Evidence for a commitment: links, notes, file references, paragraphs of other statements.

Adding or withdrawing evidence bumps the commitment's ``version`` and is recorded in history
(field ``evidence``, the item's full state). Evidence is never deleted, only withdrawn.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from communique.errors import ConflictError, InputError, NotFoundError
from communique.tracker.models import EVIDENCE_KINDS, Commitment, Evidence, Paragraph
from communique.tracker.services import history
from communique.tracker.services.users import UserLike, resolve_user
from communique.tracker.services.values import parse_date, parse_id

KINDS = tuple(k for k, _ in EVIDENCE_KINDS)


def check_url(url: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InputError(f"evidence URL {url!r}: use a full http:// or https:// address") from None
    return url


def validate_evidence(
    kind: str, *, url: str = "", text: str = "", path: str = "", paragraph: int | str | None = None
) -> dict[str, Any]:
    """Check one evidence item before anything is written; returns the model fields."""
    if kind not in KINDS:
        raise InputError(f"evidence kind {kind!r}: use one of {', '.join(KINDS)}")
    fields: dict[str, Any] = {"kind": kind, "url": "", "text": text.strip(), "path": "", "paragraph": None}
    if kind == "link":
        fields["url"] = check_url(url)
    elif kind == "note":
        if not fields["text"]:
            raise InputError("a note needs some text")
    elif kind == "file":
        if not path.strip():
            raise InputError("a file reference needs a path")
        fields["path"] = path.strip()
    else:
        if paragraph is None:
            raise InputError("paragraph evidence needs a paragraph ID")
        pid = parse_id(paragraph, "paragraph ID")
        try:
            fields["paragraph"] = Paragraph.objects.get(pk=pid)
        except Paragraph.DoesNotExist:
            raise NotFoundError(f"no paragraph with ID {pid}") from None
    return fields


def _lock(commitment_id: int, expected_version: int | None) -> Commitment:
    try:
        c = Commitment.objects.select_for_update().get(pk=commitment_id)
    except Commitment.DoesNotExist:
        raise NotFoundError(f"no commitment with ID {commitment_id}") from None
    if expected_version is not None and c.version != expected_version:
        raise ConflictError(
            f"commitment {c.pk} was changed by someone else (now version {c.version}, you had {expected_version}); "
            "reload it and try again"
        )
    return c


def create_evidence(c: Commitment, fields: dict[str, Any], who: Any, dated: date | None, why: str) -> Evidence:
    """Insert a validated item and record it (inside the caller's transaction; no version bump)."""
    para = fields.get("paragraph")
    if para is not None and para.statement_id == c.statement_id:
        raise InputError("paragraph evidence must come from another statement")
    e = Evidence.objects.create(commitment=c, added_by=who, dated=dated or timezone.localdate(), **fields)
    history.record("commitment", c.pk, "evidence", None, {"id": e.pk, **e.as_state()}, who, why)
    return e


@transaction.atomic
def add_evidence(
    commitment_id: int | str,
    user: UserLike,
    kind: str,
    *,
    url: str = "",
    text: str = "",
    path: str = "",
    paragraph: int | str | None = None,
    dated: date | str | None = None,
    why: str = "",
    expected_version: int | None = None,
) -> Evidence:
    """Attach one item of evidence (kind: link, note, file or paragraph) to a commitment."""
    cid = parse_id(commitment_id, "commitment ID")
    fields = validate_evidence(kind, url=url, text=text, path=path, paragraph=paragraph)
    day = parse_date(dated, "evidence date") if dated is not None else None
    who = resolve_user(user)
    c = _lock(cid, expected_version)
    e = create_evidence(c, fields, who, day, why)
    Commitment.objects.filter(pk=c.pk).update(version=F("version") + 1, updated_at=timezone.now())
    return e


@transaction.atomic
def withdraw_evidence(
    evidence_id: int | str, user: UserLike, why: str = "", *, expected_version: int | None = None
) -> Evidence:
    """Mark evidence withdrawn (it stays, and the withdrawal is recorded)."""
    eid = parse_id(evidence_id, "evidence ID")
    who = resolve_user(user)
    try:
        e = Evidence.objects.get(pk=eid)
    except Evidence.DoesNotExist:
        raise NotFoundError(f"no evidence with ID {eid}") from None
    c = _lock(e.commitment_id, expected_version)
    e.refresh_from_db()
    if e.withdrawn:
        raise InputError(f"evidence {eid} is already withdrawn")
    old = {"id": e.pk, **e.as_state()}
    e.withdrawn = True
    e.save(update_fields=["withdrawn"])
    history.record("commitment", c.pk, "evidence", old, {"id": e.pk, **e.as_state()}, who, why)
    Commitment.objects.filter(pk=c.pk).update(version=F("version") + 1, updated_at=timezone.now())
    return e
