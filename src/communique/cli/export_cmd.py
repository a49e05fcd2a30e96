"""Export commands: ``communique export``, ``communique restore`` and ``communique feed``.

Thin over ``communique.exports``: the filters are the tracker's own
(``CommitmentFilters`` / ``list_commitments``), so an export selects exactly what
``communique list`` shows with the same options. Every file is written
atomically. Django is imported inside the commands only.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from communique.cli import app, filters
from communique.errors import InputError


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    datapackage = "datapackage"
    ics = "ics"
    iati = "iati"
    report = "report"
    backup = "backup"


def _setup() -> None:
    from communique import djangoapp

    djangoapp.ensure_database()


@app.command("export")
def export_(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="csv, xlsx, json, datapackage, ics, iati, report or backup."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write (datapackage: a directory or .zip; report: .pdf or .html)."),
    statement: filters.Statement = None,
    section: filters.Section = None,
    party: filters.Party = None,
    act: filters.Act = None,
    status: filters.Status = None,
    organization: filters.Organization = None,
    due_before: filters.DueBefore = None,
    due_after: filters.DueAfter = None,
    text: filters.Text = None,
    all_versions: filters.AllVersions = False,
    inactive: filters.Inactive = False,
    partners: str | None = typer.Option(None, "--partners", help="Statements between these parties, e.g. JPN,KAZ (report of a pair of partners)."),
    with_passwords: bool = typer.Option(False, "--with-passwords", help="backup: include users' password hashes."),
    iati_org_ref: str | None = typer.Option(None, "--iati-org-ref", help="iati: your organisation identifier (reporting-org ref)."),
    iati_org_name: str | None = typer.Option(None, "--iati-org-name", help="iati: your organisation's name."),
) -> None:
    """Export commitments (all, one statement, or a filtered selection) or back up everything."""
    _setup()
    from communique.exports.rows import Selection, split_partners
    from communique.exports.service import export

    values = filters.filter_values(
        statement=statement, section=section, party=party, act=act, status=status, organization=organization,
        due_before=due_before, due_after=due_after, text=text, all_versions=all_versions, inactive=inactive,
    )
    selection = Selection(
        filters={k: v for k, v in values.items() if v not in (None, "", False)},
        partners=split_partners(partners),
    )
    if format is not ExportFormat.backup and with_passwords:
        raise InputError("--with-passwords only applies to --format backup")
    iati_org = {k: v for k, v in (("ref", iati_org_ref), ("name", iati_org_name)) if v}
    summary = export(format.value, output, selection, with_passwords=with_passwords, iati_org=iati_org)
    figures = ", ".join(f"{v} {k}" for k, v in summary.items() if isinstance(v, int))
    if format is ExportFormat.backup:
        figures = f"{sum(summary['rows'].values())} rows"
    typer.echo(f"wrote {output} ({format.value}{': ' + figures if figures else ''})", err=True)


@app.command()
def restore(
    file: Path = typer.Argument(..., help="A backup written by `communique export --format backup`."),
) -> None:
    """Restore a backup into an EMPTY database (refuses a database that has data)."""
    _setup()
    from communique.exports.backup import restore_backup

    counts = restore_backup(file)
    typer.echo(f"restored {sum(counts.values())} rows from {file}", err=True)


feed_app = typer.Typer(help="Private calendar feeds (iCalendar URLs with a secret token).", no_args_is_help=True)
app.add_typer(feed_app, name="feed")


def _user_option() -> Any:
    return typer.Option(None, "--user", "-u", help="Whose feed (default: the OS user).")


@feed_app.command("create")
def feed_create(
    user: str | None = _user_option(),
    label: str = typer.Option("", "--label", help="A name for the feed."),
    statement: filters.Statement = None,
    party: filters.Party = None,
    status: filters.Status = None,
    base_url: str = typer.Option("http://localhost:8000", "--base-url", help="Where the web app is served."),
) -> None:
    """Create a feed and print its private URL (shown once: keep it secret)."""
    _setup()
    from communique.exports.feeds import create_feed, feed_path
    from communique.tracker.services.users import default_username

    token, secret = create_feed(user or default_username(), {"statement": statement, "party": party, "status": status}, label)
    typer.echo(f"feed {token.pk}: {base_url.rstrip('/')}{feed_path(secret)}")


@feed_app.command("list")
def feed_list(user: str | None = _user_option()) -> None:
    """List your feeds (the URLs are not stored, only their hashes)."""
    _setup()
    from communique.exports.feeds import user_feeds
    from communique.tracker.services.users import default_username

    for t in user_feeds(user or default_username()):
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
        used = f"last used {t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
        typer.echo(f"{t.pk}\t{state}\t{used}\t{t.label}\t{t.filters or 'all'}")


@feed_app.command("revoke")
def feed_revoke(feed_id: int = typer.Argument(..., metavar="ID"), user: str | None = _user_option()) -> None:
    """Revoke a feed: its URL stops working at once."""
    _setup()
    from communique.exports.feeds import revoke_feed
    from communique.tracker.services.users import default_username

    revoke_feed(feed_id, user or default_username())
    typer.echo(f"feed {feed_id} revoked", err=True)
