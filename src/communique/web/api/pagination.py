"""Pages without COUNT(*): fetch one row more than the page to know whether a next page exists.

An exact ``count`` over a large filtered table is the slow part of most list pages, so it
is computed only when asked for (``?count=true``) or when it is free (the last page).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
TRUE = ("1", "true", "yes")


def flag(request: Request, name: str) -> bool:
    """Whether the query parameter ``name`` is set to a true value (1, true, yes)."""
    return request.query_params.get(name, "").lower() in TRUE


def _positive(value: str | None, default: int, maximum: int | None = None) -> int:
    try:
        number = int(value) if value not in (None, "") else default
    except ValueError:
        number = default
    number = max(1, number)
    return min(number, maximum) if maximum else number


def paginate(request: Request, queryset: QuerySet[Any]) -> tuple[Sequence[Any], dict[str, Any]]:
    """One page of ``queryset`` (already ordered) and the envelope fields: count, next, previous,
    page, page_size. ``?page=N`` (from 1), ``?page_size=N`` (at most 200)."""
    page = _positive(request.query_params.get("page"), 1)
    size = _positive(request.query_params.get("page_size"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    start = (page - 1) * size
    rows = list(queryset[start : start + size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    if flag(request, "count"):
        count: int | None = queryset.count()
    elif not has_next and (rows or page == 1):
        count = start + len(rows)  # the last page: the total is known without counting
    else:
        count = None
    url = request.build_absolute_uri()
    return rows, {
        "count": count,
        "page": page,
        "page_size": size,
        "next": replace_query_param(url, "page", page + 1) if has_next else None,
        "previous": (replace_query_param(url, "page", page - 1) if page > 2 else remove_query_param(url, "page"))
        if page > 1 else None,
    }
