"""One entry point for every export: ``export(format, output, selection)``, used by the CLI and the web views."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from communique.errors import InputError
from communique.exports.rows import Selection

FORMATS = ("csv", "xlsx", "json", "datapackage", "ics", "iati", "report", "backup")
SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "json": ".json", "datapackage": ".zip", "ics": ".ics", "iati": ".xml",
            "report": ".pdf", "backup": ".jsonl.gz"}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "datapackage": "application/zip",
    "ics": "text/calendar; charset=utf-8",
    "iati": "application/xml",
    "report": "application/pdf",
    "report-html": "text/html; charset=utf-8",
    "backup": "application/gzip",
}


def export(
    fmt: str,
    output: str | Path,
    selection: Selection | None = None,
    *,
    with_passwords: bool = False,
    iati_org: dict[str, str] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Write ``fmt`` for the selected commitments to ``output`` atomically; returns a summary.

    ``report`` writes a PDF, or HTML when ``output`` ends in ``.html``/``.htm``;
    ``datapackage`` writes a directory, or a zip when ``output`` ends in ``.zip``;
    ``backup`` ignores the selection (it is always everything).
    """
    from communique.exports import rows
    from communique.exports.output import atomic_output, atomic_path

    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    selection = selection or Selection()
    target = Path(output)
    if fmt == "backup":
        from communique.exports.backup import export_backup

        return {"rows": export_backup(target, with_passwords)}
    qs = rows.commitments(selection)
    now = dt.datetime.now(dt.UTC)
    if fmt == "csv":
        from communique.exports.csv_export import write_csv

        with atomic_output(target, "w", encoding="utf-8") as f:
            return {"commitments": write_csv(rows.commitment_rows(qs), f)}
    if fmt == "xlsx":
        from communique.exports.xlsx import write_xlsx

        with atomic_path(target) as tmp:
            return {"commitments": write_xlsx(rows.commitment_rows(qs), tmp)}
    if fmt == "json":
        from communique.exports.json_export import write_json

        ids = rows.statement_ids(qs)
        with atomic_output(target, "w", encoding="utf-8") as f:
            write_json(f, rows.statement_documents(ids), rows.commitment_documents(qs), rows.correction_documents(ids),
                       generated_at=now, filters=selection.describe())
        return {"statements": len(ids)}
    if fmt == "datapackage":
        from communique.exports.datapackage import write_datapackage

        return write_datapackage(rows.datapackage_tables(qs), target, created=now)
    if fmt == "ics":
        from communique.exports.ics import iter_ics

        with atomic_output(target, "wb") as f:
            for piece in iter_ics(rows.commitment_rows(qs.filter(due_date__isnull=False)),
                                  rows.event_rows(rows.statement_ids(qs)), stamp=now):
                f.write(piece)
        return {}
    if fmt == "iati":
        from communique.exports.iati import DEFAULT_REPORTING_ORG, iter_iati

        org = dict(DEFAULT_REPORTING_ORG, **(iati_org or {}))
        count = 0
        with atomic_output(target, "wb") as f:
            for piece in iter_iati(rows.iati_activities(qs, org["ref"]), org, now):
                f.write(piece)
                count += 1
        return {"activities": max(count - 2, 0)}
    # report
    from communique.exports.report import render_html, write_pdf
    from communique.exports.report_data import build

    data = build(qs, selection, today=today)
    html = render_html(data)
    if target.suffix.lower() in (".html", ".htm"):
        with atomic_output(target, "w", encoding="utf-8") as f:
            f.write(html)
    else:
        with atomic_path(target) as tmp:
            write_pdf(html, tmp)
    return {"commitments": data.total}
