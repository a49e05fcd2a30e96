"""Private calendar feeds: create, list, revoke, and resolve the secret in a feed URL.

A feed URL is ``/exports/feed/<secret>.ics``. The secret (32 random bytes,
URL-safe) is returned once by :func:`create_feed`; only its SHA-256 hash is
stored, compared in constant time by the unique index lookup on the hash.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from communique.errors import InputError, NotFoundError
from communique.exports.models import FeedToken


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def feed_path(secret: str) -> str:
    return f"/exports/feed/{secret}.ics"


def create_feed(user: Any, filters: dict[str, Any] | None = None, label: str = "") -> tuple[FeedToken, str]:
    """A new feed for ``user`` over the commitments matching ``filters``: (token row, secret)."""
    from communique.exports.rows import FILTER_NAMES, Selection, commitments
    from communique.tracker.services import resolve_user

    clean = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    unknown = set(clean) - set(FILTER_NAMES)
    if unknown:
        raise InputError(f"feed filters: unknown {', '.join(sorted(unknown))}")
    commitments(Selection(filters=clean)).exists()  # bad filter values fail now, not when the calendar polls
    who = resolve_user(user)
    secret = secrets.token_urlsafe(32)
    token = FeedToken.objects.create(user=who, token_hash=_hash(secret), label=label, filters=clean)
    return token, secret


def user_feeds(user: Any) -> list[FeedToken]:
    from communique.tracker.services import resolve_user

    return list(FeedToken.objects.filter(user=resolve_user(user)).order_by("id"))


@transaction.atomic
def revoke_feed(feed_id: int, user: Any) -> FeedToken:
    """Revoke one of ``user``'s feeds (staff may revoke anyone's); its URL stops working at once."""
    from communique.tracker.services import resolve_user

    who = resolve_user(user)
    token = FeedToken.objects.select_for_update().filter(pk=feed_id).first()
    if token is None or (token.user_id != who.pk and not who.is_staff):
        raise NotFoundError(f"calendar feed {feed_id}: not found")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def resolve_feed(secret: str) -> FeedToken | None:
    """The active feed whose secret this is, or None (unknown, malformed or revoked)."""
    if not secret or len(secret) > 100:
        return None
    token = FeedToken.objects.select_related("user").filter(token_hash=_hash(secret), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    FeedToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def feed_calendar(token: FeedToken) -> bytes:
    """The feed's iCalendar: VTODOs for its commitments' due dates, VEVENTs from their statements."""
    from communique.exports.ics import ics_bytes
    from communique.exports.rows import Selection, commitment_rows, commitments, event_rows, statement_ids

    qs = commitments(Selection(filters=dict(token.filters)))
    name = f"communique: {token.label}" if token.label else "communique commitments"
    return ics_bytes(commitment_rows(qs.filter(due_date__isnull=False)), event_rows(statement_ids(qs)), name=name)
