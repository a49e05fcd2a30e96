"""Small helpers shared by the page views."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict


def url_with(query: QueryDict, **changes: str | int | None) -> str:
    """The current query string with some parameters changed (None removes one); page resets."""
    params = {k: v for k, v in query.items() if v != ""}
    params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None
