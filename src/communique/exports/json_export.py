"""Statements and tracking data as one JSON document, ``communique/tracking@1``.

Each statement carries its stored parse as ``communique/statement@1``; the
tracking data (commitments with status, compliance, evidence and history, and
the corrections) follows ``schema/tracking.schema.json``. Written piece by piece
so that a large database never sits in memory as one object.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import IO, Any

TRACKING_SCHEMA_ID = "communique/tracking@1"


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _dump(value: Any, indent: int | None) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default, indent=indent)


def iter_json(
    statements: Iterable[Mapping[str, Any]],
    commitments: Iterable[Mapping[str, Any]],
    corrections: Iterable[Mapping[str, Any]],
    generated_at: dt.datetime,
    filters: Mapping[str, Any] | None = None,
) -> Iterator[str]:
    """The document as text pieces: one statement or commitment per piece."""
    yield "{\n"
    yield f'"schema": "{TRACKING_SCHEMA_ID}",\n'
    yield f'"generated_at": {_dump(generated_at, None)},\n'
    yield f'"filters": {_dump(dict(filters or {}), None)},\n'
    for name, items, last in (
        ("statements", statements, False),
        ("corrections", corrections, False),
        ("commitments", commitments, True),
    ):
        yield f'"{name}": ['
        first = True
        for item in items:
            yield ("\n" if first else ",\n") + _dump(item, None)
            first = False
        yield "\n]" + ("\n" if last else ",\n")
    yield "}\n"


def write_json(stream: IO[str], *args: Any, **kwargs: Any) -> None:
    for piece in iter_json(*args, **kwargs):
        stream.write(piece)


@lru_cache(maxsize=1)
def tracking_schema() -> dict[str, Any]:
    text = resources.files("communique").joinpath("schema/tracking.schema.json").read_text("utf-8")
    return json.loads(text)


def validation_errors(data: Mapping[str, Any]) -> list[str]:
    """Every way ``data`` breaks the tracking schema (the parses checked against statement@1 too)."""
    import jsonschema
    from referencing import Registry, Resource

    from communique.interchange import statement_schema

    statement = statement_schema()
    registry = Registry().with_resources(
        [(statement["$id"], Resource.from_contents(statement)), ("statement.schema.json", Resource.from_contents(statement))]
    )
    validator = jsonschema.Draft202012Validator(
        tracking_schema(), registry=registry, format_checker=jsonschema.FormatChecker()
    )
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
        for e in validator.iter_errors(dict(data))
    ]
