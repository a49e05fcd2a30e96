"""Fast multi-row INSERTs for the import: one ``executemany`` per table.

Django's ``bulk_create`` compiles every value of every row through the ORM, which costs more
than the database itself on a 60,000-sentence import. Here each column gets one adapter
chosen up front (JSON encoding, date formatting as Django's backend does it; nothing for
plain values), and rows go to the driver with ``executemany``. The caller reads back
generated IDs with one SELECT where it needs them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connections, models

Adapter = Callable[[Any], Any] | None


def _adapter(field: models.Field, conn: Any) -> Adapter:
    if isinstance(field, models.JSONField):
        if conn.vendor == "postgresql":
            from psycopg.types.json import Jsonb

            return lambda v: None if v is None else Jsonb(v)
        return lambda v: None if v is None else json.dumps(v)
    if isinstance(field, models.DateTimeField):
        cache: dict[Any, Any] = {}  # an import stamps many rows with the same instant

        def adapt_datetime(v: Any) -> Any:
            if v not in cache:
                cache[v] = conn.ops.adapt_datetimefield_value(v)
            return cache[v]

        return adapt_datetime
    if isinstance(field, models.DateField):
        return conn.ops.adapt_datefield_value
    return None


def insert_objects(model: type[models.Model], objs: Iterable[models.Model], batch: int = 2000) -> int:
    """INSERT unsaved ``objs`` (no pk) of ``model``; returns the number of rows. Values are
    read from the instances, so field defaults set by the model's ``__init__`` apply."""
    conn = connections["default"]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    attnames = [f.attname for f in fields]
    adapters = [_adapter(f, conn) for f in fields]
    rows = [
        tuple(v if a is None else a(v) for a, v in zip(adapters, (getattr(o, n) for n in attnames), strict=True))
        for o in objs
    ]
    insert_rows(model, [f.column for f in fields], rows, batch)
    return len(rows)


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple[Any, ...]],
                batch: int = 2000) -> None:
    """INSERT ready-made rows (values already adapted) into ``model``'s table."""
    if not rows:
        return
    conn = connections["default"]
    qn = conn.ops.quote_name
    head = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) VALUES "
    one = f"({', '.join(['%s'] * len(columns))})"
    if conn.vendor != "postgresql":  # SQLite, in-process: executemany is as fast as it gets
        with conn.cursor() as cursor:
            for start in range(0, len(rows), batch):
                cursor.executemany(head + one, rows[start:start + batch])
        return
    # PostgreSQL: Django's cursors bind parameters client-side, quoting every value into the
    # SQL text; a plain psycopg cursor on the same connection (same transaction) sends them
    # bound, and its executemany pipelines the rows in one round trip.
    import psycopg

    conn.ensure_connection()
    with psycopg.Cursor(conn.connection) as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(head + one, rows[start:start + batch])
