"""A Frictionless Data Package: ``datapackage.json`` plus one CSV per table, with Table Schemas.

Resources: statements, paragraphs, sentences, commitments, evidence, history.
Every table has an integer ``id`` primary key; foreign keys tie paragraphs and
sentences to statements, sentences to paragraphs, commitments to sentences and
statements, evidence to commitments, and history entries to the commitment or
sentence they changed. Evidence citing a paragraph of another statement keeps
that paragraph's id in ``cited_paragraph_id`` without a foreign key, because a
filtered export need not contain the cited statement.

Lists (parties, actors, ...) are one text cell joined with ``"; "``; JSON values
of history entries are JSON text.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from communique.exports.columns import LIST_SEPARATOR
from communique.exports.output import atomic_path, existing_parent

PROFILE = "tabular-data-package"

# name -> (description, [(field, type, description)], foreign keys [(field, resource, resource field)])
Field = tuple[str, str, str]
TABLES: dict[str, tuple[str, list[Field], list[tuple[str, str, str]]]] = {
    "statements": (
        "Imported statements, one row per stored version",
        [
            ("id", "integer", "statement id"),
            ("title", "string", "title of the statement"),
            ("language", "string", "ISO 639-1 language of the text"),
            ("date", "date", "date of the statement"),
            ("place", "string", "where it was issued"),
            ("parties", "string", "ISO 3166-1 alpha-3 codes of the parties, '; '-separated"),
            ("source_name", "string", "file the statement was imported from"),
            ("sha256", "string", "content hash of the source"),
            ("version", "integer", "version number of this file"),
            ("previous_id", "integer", "the previous version of the statement"),
            ("is_current", "boolean", "true for the newest version"),
            ("parser_version", "string", "communique version that parsed it"),
            ("imported_at", "datetime", "when it was imported (UTC)"),
        ],
        [("previous_id", "statements", "id")],
    ),
    "paragraphs": (
        "Paragraphs of the statements",
        [
            ("id", "integer", "paragraph id"),
            ("statement_id", "integer", "statement of the paragraph"),
            ("pid", "string", "paragraph id in the statement's parse"),
            ("number", "integer", "paragraph number as printed"),
            ("section_label", "string", "label of its section as printed (I, II, ...)"),
            ("section_title", "string", "title of its section"),
            ("position", "integer", "order in the statement"),
            ("text", "string", "paragraph text"),
        ],
        [("statement_id", "statements", "id")],
    ),
    "sentences": (
        "Sentences with their extraction results (corrections applied)",
        [
            ("id", "integer", "sentence id"),
            ("statement_id", "integer", "statement of the sentence"),
            ("paragraph_id", "integer", "paragraph of the sentence"),
            ("sid", "string", "sentence id in the statement's parse"),
            ("position", "integer", "order in the statement"),
            ("text", "string", "sentence text"),
            ("actors", "string", "acting parties, '; '-separated"),
            ("acts", "string", "speech acts (commit, consider, welcome, affirm, appreciate, report)"),
            ("organizations", "string", "organizations named, '; '-separated"),
            ("instruments", "string", "instruments named (kind: mention)"),
            ("dates", "string", "dates named, ISO values"),
            ("due", "string", "due date found by extraction, ISO at its precision"),
        ],
        [("statement_id", "statements", "id"), ("paragraph_id", "paragraphs", "id")],
    ),
    "commitments": (
        "Commitments (commit/consider sentences) and their tracking state",
        [
            ("id", "integer", "commitment id"),
            ("statement_id", "integer", "statement of the commitment"),
            ("sentence_id", "integer", "the commitment's sentence"),
            ("topic", "string", "title of the sentence's section"),
            ("strength", "string", "firm (commit) or soft (consider)"),
            ("actors", "string", "acting parties, '; '-separated"),
            ("responsible_party", "string", "the one acting party, 'joint' for several"),
            ("organizations", "string", "responsible organizations, '; '-separated"),
            ("due", "string", "due date as ISO at its precision (2026, 2026-03, 2026-03-31)"),
            ("due_date", "date", "last day of the due period"),
            ("due_precision", "string", "year, month or day"),
            ("status", "string", "lifecycle status (IATI activity status name)"),
            ("status_code", "integer", "IATI ActivityStatus code 1-6"),
            ("compliance", "integer", "G7 Research Group score: -1, 0 or +1"),
            ("assessed_on", "date", "when compliance was assessed"),
            ("assignee", "string", "user following it up"),
            ("active", "boolean", "false when a correction says it is not a commitment"),
            ("version", "integer", "change counter"),
            ("previous_id", "integer", "the same commitment in the previous statement version"),
            ("updated_at", "datetime", "last change (UTC)"),
        ],
        [("statement_id", "statements", "id"), ("sentence_id", "sentences", "id"), ("previous_id", "commitments", "id")],
    ),
    "evidence": (
        "Evidence recorded for commitments",
        [
            ("id", "integer", "evidence id"),
            ("commitment_id", "integer", "commitment it supports"),
            ("kind", "string", "link, note, file or paragraph"),
            ("url", "string", "link"),
            ("text", "string", "note"),
            ("path", "string", "file reference"),
            ("cited_paragraph_id", "integer", "paragraph of another statement (id in the full database)"),
            ("dated", "date", "date of the evidence itself"),
            ("added_at", "datetime", "when it was recorded (UTC)"),
            ("added_by", "string", "who recorded it"),
            ("withdrawn", "boolean", "true when withdrawn (nothing is deleted)"),
        ],
        [("commitment_id", "commitments", "id")],
    ),
    "history": (
        "Every recorded change, append-only",
        [
            ("id", "integer", "history entry id"),
            ("target_type", "string", "commitment or sentence"),
            ("commitment_id", "integer", "the commitment changed (target_type commitment)"),
            ("sentence_id", "integer", "the sentence corrected (target_type sentence)"),
            ("field", "string", "what changed"),
            ("old", "string", "old value, JSON"),
            ("new", "string", "new value, JSON"),
            ("at", "datetime", "when (UTC)"),
            ("user", "string", "who"),
            ("why", "string", "why"),
        ],
        [("commitment_id", "commitments", "id"), ("sentence_id", "sentences", "id")],
    ),
}


def table_schema(name: str) -> dict[str, Any]:
    _, fields, foreign = TABLES[name]
    return {
        "fields": [
            {"name": f, "type": t, "description": d, **({"constraints": {"required": True}} if f == "id" else {})}
            for f, t, d in fields
        ],
        "primaryKey": ["id"],
        "foreignKeys": [
            {"fields": [f], "reference": {"resource": "" if r == name else r, "fields": [rf]}}
            for f, r, rf in foreign
        ],
        "missingValues": [""],
    }


def descriptor(title: str, created: dt.datetime) -> dict[str, Any]:
    return {
        "profile": PROFILE,
        "name": "communique-export",
        "title": title,
        "created": created.isoformat(timespec="seconds"),
        "licenses": [{"name": "other-at", "title": "as licensed by the publishers of the statements"}],
        "resources": [
            {
                "name": name,
                "path": f"data/{name}.csv",
                "profile": "tabular-data-resource",
                "description": TABLES[name][0],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(name),
            }
            for name in TABLES
        ],
    }


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "datetime" and isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_table(name: str, rows: Iterable[Mapping[str, Any]], path: Path) -> int:
    fields = TABLES[name][1]
    count = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([fname for fname, _, _ in fields])
        for row in rows:
            writer.writerow([_cell(row.get(fname), kind) for fname, kind, _ in fields])
            count += 1
    return count


def write_datapackage(
    tables: Mapping[str, Iterable[Mapping[str, Any]]],
    output: str | Path,
    title: str = "communique export",
    created: dt.datetime | None = None,
) -> dict[str, int]:
    """Write the package to ``output``: a directory, or a zip file when it ends in ``.zip``.

    ``tables`` maps each name of :data:`TABLES` to its rows. Returns row counts. The
    package is built in a temporary directory and moved into place at the end, so a
    failed export leaves nothing half-written.
    """
    target = Path(output)
    created = created or dt.datetime.now(dt.UTC)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=existing_parent(target)))
    try:
        work.chmod(0o755)  # mkdtemp makes it private; the package is an ordinary directory
        (work / "data").mkdir()
        counts = {name: write_table(name, tables.get(name, ()), work / "data" / f"{name}.csv") for name in TABLES}
        (work / "datapackage.json").write_text(
            json.dumps(descriptor(title, created), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        if target.suffix.lower() == ".zip":
            with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
                for file in sorted(work.rglob("*")):
                    if file.is_file():
                        z.write(file, file.relative_to(work).as_posix())
            shutil.rmtree(work)
        else:
            if target.exists():
                if not (target / "datapackage.json").exists():
                    from communique.errors import CommuniqueError

                    raise CommuniqueError(f"{target}: exists and is not a data package; choose a new directory")
                old = target.with_name(f".{target.name}.old")
                target.replace(old)
                work.replace(target)
                shutil.rmtree(old)
            else:
                work.replace(target)
        return counts
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
