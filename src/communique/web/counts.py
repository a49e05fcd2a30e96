"""Cache for aggregate figures (facet counts, dashboard charts) that stays correct.

Every change to tracking data goes through the services, which append a history entry, and every
import adds a statement row; so ``(max history id, max statement id)`` changes whenever a count
can change. Both are primary-key maxima (an index lookup each). Cached figures are keyed by that
version and by everything else they depend on, and also expire after ``TTL`` seconds as a safety
net for changes made outside the services (e.g. a database restore).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from communique.tracker.models import HistoryEntry, Statement
from communique.web import roles

T = TypeVar("T")
TTL = 300


def data_version() -> str:
    # One round trip, no ORM compilation: this runs on every page view that uses the cache.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MAX(id) FROM {HistoryEntry._meta.db_table}), "  # noqa: S608 - table names
                       f"(SELECT MAX(id) FROM {Statement._meta.db_table})")
        history, statements = cursor.fetchone()
    return f"{history or 0}.{statements or 0}"


def _key(prefix: str, kind: str, parts: tuple[Any, ...]) -> str:
    """The cache key of ``kind`` + ``parts`` at the current data version."""
    raw = repr((kind, parts, data_version())).encode("utf-8")
    return f"communique:{prefix}:{hashlib.sha256(raw).hexdigest()}"


def cached(kind: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, cached under ``kind`` + ``parts`` + the current data version."""
    key = _key(kind, kind, parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value


def cached_fragment(kind: str, request: HttpRequest, render: Callable[[], str]) -> SafeString:
    """The HTML of a page's main part, cached per full URL, language, role, day and data version.

    Only the part below the header is cached: the header holds the user's name and CSRF tokens
    (language and log-out forms), which must never be shared. The cached part must depend on
    nothing else than the key: the URL (filters, sort, page), the interface language, the role
    and today's date (due windows) — and the data, through the version in every key.
    """
    parts = (request.get_full_path(), get_language(), roles.role_of(request.user), date.today())
    return mark_safe(cached(kind, parts, render))  # noqa: S308 - our own rendered, escaped template


_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_MARK = "\x00csrf\x00"


def cached_page(kind: str, request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """A whole GET page, cached per user, full URL, language, role, day and data version.

    The page header names the user and holds CSRF tokens (language and log-out forms): the
    key has the user's id, so nothing is shared between users, and the tokens are cut out of
    the stored copy and replaced on every hit by a fresh one for this request (a token is the
    session's CSRF secret under a new mask each time, so any fresh one is as valid). A page
    with pending messages ("saved", ...) is rendered, never stored or served from the cache.
    """
    if request.method != "GET" or len(get_messages(request)):
        return render()
    user = request.user
    parts = (request.get_full_path(), get_language(), user.pk, roles.role_of(user), date.today())
    key = _key("page", kind, parts)
    html = cache.get(key)
    if html is None:
        response = render()
        if response.status_code == 200 and not response.streaming:
            cache.set(key, _CSRF_INPUT.sub(lambda m: m.group(1) + _CSRF_MARK + m.group(2),
                                           response.content.decode(response.charset)), TTL)
        return response
    return HttpResponse(html.replace(_CSRF_MARK, get_token(request)))
