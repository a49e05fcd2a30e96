"""Backup and restore of the whole database as JSON Lines.

``communique export --format backup`` writes one header line
(``{"format": "communique/backup@1", ...}``) and then every row of every model
of the tracker and exports apps, plus users and groups, one Django-serialised
object per line, streamed. Password hashes are replaced by an unusable marker
unless ``with_passwords``. A ``.gz`` output path is gzip-compressed.

``communique restore FILE`` loads it into an EMPTY database (no users,
statements, commitments, organizations ...) in one transaction, keeping every
primary key, then resets the database sequences; it refuses a non-empty
database. Groups are matched by name (the web app's migration creates them).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from communique.errors import CommuniqueError, InputError

FORMAT = "communique/backup@1"
NO_PASSWORD = "!exported-without-password"  # "!" prefix: Django's unusable-password marker
BATCH = 1000


def _encoder() -> type:
    """Django's JSON encoder without its millisecond rounding: a restore must give the same data."""
    from django.core.serializers.json import DjangoJSONEncoder

    class ExactEncoder(DjangoJSONEncoder):
        def default(self, o: Any) -> Any:
            if isinstance(o, dt.datetime | dt.time):
                return o.isoformat()
            return super().default(o)

    return ExactEncoder


def backup_models() -> list[Any]:
    """Models in the order they are written (referenced before referencing where it matters)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    first = [Group, get_user_model()]
    ordered = [
        "tracker.Organization", "tracker.OrganizationAlias", "tracker.Statement", "tracker.Section",
        "tracker.Paragraph", "tracker.Sentence", "tracker.Mention", "tracker.Commitment", "tracker.Evidence",
        "tracker.Correction", "tracker.HistoryEntry",
    ]
    models = first + [apps.get_model(label) for label in ordered]
    for app in ("tracker", "exports", "web"):  # any model added later still gets backed up
        if apps.is_installed(f"communique.{app}"):
            models += [m for m in apps.get_app_config(app).get_models() if m not in models]
    return models


def _label(model: Any) -> str:
    return model._meta.label_lower


def write_backup(stream: IO[str], with_passwords: bool = False) -> dict[str, int]:
    """Write the backup to a text stream; returns row counts per model."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core import serializers

    import communique

    models = backup_models()
    counts = {_label(m): m._default_manager.count() for m in models}
    header = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "communique": communique.__version__,
        "with_passwords": with_passwords,
        "counts": counts,
    }
    stream.write(json.dumps(header, ensure_ascii=False) + "\n")
    user_model = get_user_model()
    encoder = _encoder()
    for model in models:
        qs = model._default_manager.order_by("pk")
        natural_pk = model is Group
        if model is user_model and not with_passwords:
            for user in qs.iterator(chunk_size=BATCH):
                user.password = NO_PASSWORD
                serializers.serialize("jsonl", [user], stream=stream, use_natural_foreign_keys=True, cls=encoder)
            continue
        serializers.serialize(
            "jsonl", qs.iterator(chunk_size=BATCH), stream=stream,
            use_natural_foreign_keys=True, use_natural_primary_keys=natural_pk, cls=encoder,
        )
    return counts


def export_backup(path: str | Path, with_passwords: bool = False) -> dict[str, int]:
    """Write a backup file atomically (temporary file, then rename); gzip when ``path`` ends in ``.gz``."""
    from communique.exports.output import atomic_output

    with atomic_output(path, "wb") as raw:
        binary: Any = gzip.GzipFile(fileobj=raw, mode="wb") if str(path).endswith(".gz") else raw
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
        counts = write_backup(text, with_passwords)
        text.flush()
        text.detach()
        if binary is not raw:
            binary.close()
    return counts


def _lines(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
            yield from f
    except (OSError, UnicodeDecodeError, EOFError) as e:
        raise InputError(f"{path}: cannot read the backup ({e})") from None


def occupied_models() -> list[str]:
    """Models that already hold rows (empty list: the database is empty). Groups do not count."""
    from django.contrib.auth.models import Group

    return [_label(m) for m in backup_models() if m is not Group and m._default_manager.exists()]


def restore_backup(path: str | Path) -> dict[str, int]:
    """Load a backup into an empty database; returns row counts per model."""
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection, transaction

    source = Path(path)
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    lines = _lines(source)
    try:
        header = json.loads(next(lines))
    except (StopIteration, json.JSONDecodeError):
        raise InputError(f"{source}: not a communique backup (no header line)") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError(f"{source}: not a communique backup ({FORMAT} header missing)")
    occupied = occupied_models()
    if occupied:
        raise CommuniqueError(
            f"restore needs an empty database, but this one has data ({', '.join(occupied[:4])}); "
            "point COMMUNIQUE_DB or DATABASE_URL at a new database"
        )
    counts: dict[str, int] = {}
    with transaction.atomic():
        pending: list[Any] = []
        current: Any = None

        def flush() -> None:
            if not pending:
                return
            model = type(pending[0].object)
            if model._meta.label_lower == "auth.group":
                for d in pending:  # groups may exist already (created by a migration): match by name
                    d.save()
            else:
                model._default_manager.bulk_create([d.object for d in pending], batch_size=BATCH)
                for d in pending:
                    for name, values in (d.m2m_data or {}).items():
                        if values:
                            getattr(d.object, name).set(values)
            counts[model._meta.label_lower] = counts.get(model._meta.label_lower, 0) + len(pending)
            pending.clear()

        try:
            for obj in serializers.deserialize("jsonl", _non_empty(lines), handle_forward_references=True):
                model = type(obj.object)
                if model is not current or len(pending) >= BATCH:
                    flush()
                    current = model
                pending.append(obj)
            flush()
        except serializers.base.DeserializationError as e:
            raise InputError(f"{source}: damaged backup ({str(e).splitlines()[0][:200]})") from None
        sequences = connection.ops.sequence_reset_sql(no_style(), backup_models())
        if sequences:
            with connection.cursor() as cursor:
                for sql in sequences:
                    cursor.execute(sql)
    return counts


def _non_empty(lines: Iterator[str]) -> Iterator[str]:
    return (line for line in lines if line.strip())

