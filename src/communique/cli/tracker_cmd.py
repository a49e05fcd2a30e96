"""Tracker commands: import, statements, list, show, update, withdraw, due, stats, correct, gold.

Thin over ``communique.tracker.services``. Django is imported inside each command (never at
module import), so ``communique parse`` and ``--help`` stay fast. Changes are attributed to
``--user`` (default: the OS user). Bad input raises CommuniqueError: one line, exit 2.
"""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any

import typer

from communique.cli import app, filters
from communique.errors import CommuniqueError, InputError


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


def _user_option() -> Any:
    return typer.Option(None, "--user", "-u", help="Who makes the change (default: the OS user).")


def _services() -> ModuleType:
    from communique import djangoapp

    djangoapp.ensure_database()
    from communique.tracker import services

    return services


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("import")
def import_(
    files: list[Path] = typer.Argument(..., help="Statement files (txt, md, pdf, html, docx)."),
    user: str | None = _user_option(),
    name: str | None = typer.Option(
        None, "--name", help="Name the statement (one file only); default: the file's absolute path."
    ),
) -> None:
    """Parse and store statements. Same file again: nothing changes; changed file: a new version
    that keeps corrections and tracking data. A failing file is reported and skipped."""
    if name and len(files) > 1:
        raise InputError("--name names one statement: give one file with it")
    services = _services()
    err = _console(stderr=True)
    out = _console()
    failed = 0

    def one(path: Path) -> None:
        nonlocal failed
        try:
            r = services.import_statement(path, user, name=name)
        except CommuniqueError as e:
            failed += 1
            message = str(e) if str(e).startswith(str(path)) else f"{path}: {e}"
            err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
            return
        except Exception as e:  # a parser bug must not stop the other files; nothing was written
            failed += 1
            err.print(f"[red]error:[/red] {path}: internal error ({type(e).__name__}: {e})", highlight=False)
            return
        st = r.statement
        if not r.created:
            out.print(f"unchanged  #{st.pk} {path} (already imported as version {st.version})")
            return
        line = f"imported   #{st.pk} {path}: {r.sentences} sentences, {r.commitments} commitments"
        if r.previous is not None:
            line += (f" — version {st.version} (replaces #{r.previous.pk}); carried over {r.carried_commitments}"
                     f" commitments, {r.carried_corrections} corrections")
            if r.unmatched:
                line += f"; {len(r.unmatched)} tracked commitments no longer match: {', '.join(map(str, r.unmatched))}"
        out.print(line)

    if len(files) > 1:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, transient=True) as progress:
            task = progress.add_task("import", total=len(files))
            for path in files:
                one(path)
                progress.advance(task)
    else:
        one(files[0])
    if failed:
        err.print(f"{failed} of {len(files)} files failed; the others were imported")
        raise typer.Exit(2)


@app.command()
def statements(
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
    all_versions: bool = typer.Option(False, "--all-versions", help="Include replaced versions."),
) -> None:
    """List the stored statements (IDs for --statement, gold, and evidence)."""
    _services()
    from django.db.models import Count, Q

    from communique.tracker.models import Statement

    qs = Statement.objects.annotate(n=Count("commitments", filter=Q(commitments__active=True))).order_by("id")
    if not all_versions:
        qs = qs.filter(is_current=True)
    rows = [
        {"id": s.pk, "title": s.title, "date": s.date.isoformat() if s.date else None, "parties": s.parties,
         "version": s.version, "current": s.is_current, "commitments": s.n, "source": s.source_name}
        for s in qs
    ]
    _emit(rows, format, ["id", "title", "date", "parties", "version", "commitments", "source"], "Statements")


def _commitment_row(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "version": c.version,
        "statement": c.statement_id,
        "topic": c.topic,
        "actors": c.actors,
        "strength": c.strength,
        "status": c.status_name,
        "score": c.score,
        "due": c.due_text or None,
        "due_date": c.due_date.isoformat() if c.due_date else None,
        "assignee": c.assignee.get_username() if c.assignee else None,
        "sentence": c.sentence_id,
        "text": c.sentence.text,
    }


def _emit(rows: list[dict[str, Any]], format: ListFormat, columns: list[str], title: str) -> None:
    if format is ListFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if format is ListFormat.csv:
        buf = io.StringIO()
        fields = list(rows[0]) if rows else columns
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("|".join(v) if isinstance(v, list) else v) for k, v in row.items()})
        typer.echo(buf.getvalue(), nl=False)
        return
    from rich.cells import cell_len, set_cell_size
    from rich.table import Table

    con = _console()
    table = Table(title=f"{title} ({len(rows)})", title_justify="left")
    wide = [c for c in columns if c in ("text", "title", "source", "topic")]
    # Short columns keep their width; the long ones share what is left of the terminal
    # (measured in terminal cells: a Japanese character takes two).
    fixed = sum(max([len(col), *(cell_len(_cell(r.get(col))) for r in rows)]) + 3 for col in columns if col not in wide)
    room = max(12, (con.width - fixed - 1) // max(1, len(wide)) - 5)
    for col in columns:
        table.add_column(col, no_wrap=True)

    def fit(col: str, value: Any) -> str:
        text = _cell(value)
        if col in wide and cell_len(text) > room:
            text = set_cell_size(text, room - 1) + "…"
        return text

    for row in rows:
        table.add_row(*(fit(col, row.get(col)) for col in columns))
    con.print(table)


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "+".join(value)
    return "" if value is None else " ".join(str(value).split())


@app.command("list")
def list_(
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
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many."),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """List commitments, filtered."""
    services = _services()
    selection = services.CommitmentFilters(
        **filters.filter_values(
            statement=statement, section=section, party=party, act=act, status=status, organization=organization,
            due_before=due_before, due_after=due_after, text=text, all_versions=all_versions, inactive=inactive,
        )
    )
    qs = services.list_commitments(selection)
    if limit:
        qs = qs[:limit]
    rows = [_commitment_row(c) for c in qs]
    _emit(rows, format, ["id", "statement", "actors", "status", "score", "due", "topic", "text"], "Commitments")


@app.command()
def show(
    commitment_id: str = typer.Argument(..., metavar="ID", help="Commitment ID."),
    format: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """One commitment: its sentence in its paragraph, extraction, status, evidence, history."""
    services = _services()
    detail = services.commitment_detail(services.get_commitment(commitment_id))
    if format is ShowFormat.json:
        typer.echo(json.dumps(detail, ensure_ascii=False, indent=2))
        return
    from rich.markup import escape
    from rich.table import Table

    con = _console()
    st = detail["statement"]
    con.print(f"[bold]Commitment #{detail['id']}[/bold] (version {detail['version']})"
              + ("" if detail["active"] else " [red]not a commitment (corrected)[/red]"))
    con.print(f"Statement #{st['id']}: {escape(st['title'] or st['source'])} {st['date'] or ''} (v{st['version']})")
    con.print(f"Topic: {escape(detail['topic'] or '-')}    Paragraph {detail['paragraph']['number'] or '-'}")
    para, sentence = detail["paragraph"]["text"], detail["sentence"]["text"]
    con.print(escape(para).replace(escape(sentence), f"[bold yellow]{escape(sentence)}[/bold yellow]"))
    s = detail["sentence"]
    con.print(f"\nSentence #{s['id']}  actors: {', '.join(s['actors']) or '-'}  acts: {', '.join(s['acts']) or '-'}"
              f"  strength: {detail['strength']}")
    if s["organizations"]:
        con.print("Organizations: " + escape("; ".join(o.get("name") or o["mention"] for o in s["organizations"])))
    if s["dates"]:
        con.print("Dates: " + ", ".join(d["value"] for d in s["dates"]))
    for c in detail["corrections"]:
        con.print(f"  corrected {c['field']} = {escape(json.dumps(c['value'], ensure_ascii=False))} by {c['by']}"
                  + (f" ({escape(c['why'])})" if c["why"] else ""))
    score = detail["score"]
    con.print(f"\nStatus: [bold]{detail['status']}[/bold] ({detail['status_code']})   "
              f"Score: {'-' if score is None else f'{score:+d}'}"
              + (f" (assessed {detail['assessed_on']})" if detail["assessed_on"] else "")
              + f"   Due: {detail['due'] or '-'}   Assignee: {detail['assignee'] or '-'}")
    if detail["evidence"]:
        table = Table(title="Evidence", title_justify="left")
        for col in ("id", "kind", "dated", "by", "content"):
            table.add_column(col)
        for e in detail["evidence"]:
            content = e["url"] or e["text"] or e["path"] or f"paragraph #{e['paragraph']}"
            table.add_row(str(e["id"]), e["kind"] + (" (withdrawn)" if e["withdrawn"] else ""), e["dated"] or "",
                          e["added_by"], escape(content))
        con.print(table)
    table = Table(title="History", title_justify="left")
    for col in ("at", "user", "field", "old", "new", "why"):
        table.add_column(col, overflow="fold")
    for h in detail["history"]:
        def fmt(v: Any) -> str:
            return "" if v is None else _short(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False), 50)

        table.add_row(h["at"][:19].replace("T", " "), h["user"], h["field"], escape(fmt(h["old"])),
                      escape(fmt(h["new"])), escape(h["why"]))
    con.print(table)


@app.command()
def update(
    commitment_id: str = typer.Argument(..., metavar="ID", help="Commitment ID."),
    status: str | None = typer.Option(None, "--status", help="pipeline, implementation, finalisation, closed, cancelled, suspended (or 1-6)."),
    note: str | None = typer.Option(None, "--note", help="Add a note as evidence."),
    evidence: str | None = typer.Option(None, "--evidence", help="Add a link (http/https URL) as evidence."),
    score: str | None = typer.Option(None, "--score", help="Compliance: -1, 0 or 1 ('none' clears)."),
    due: str | None = typer.Option(None, "--due", help="Due date YYYY, YYYY-MM or YYYY-MM-DD ('none' clears)."),
    assignee: str | None = typer.Option(None, "--assignee", help="User name to assign ('none' unassigns)."),
    why: str = typer.Option("", "--why", help="Why (kept in the history)."),
    expect_version: int | None = typer.Option(None, "--expect-version", help="Fail if the commitment is no longer at this version."),
    user: str | None = _user_option(),
) -> None:
    """Change a commitment's status, score, due date or assignee, or add a note or link."""
    services = _services()

    def opt(value: str | None) -> Any:
        if value is None:
            return services.UNSET
        return None if value.strip().lower() == "none" else value

    c = services.update_commitment(
        commitment_id, user, expect_version, status=status, note=note, evidence_url=evidence,
        score=opt(score), due=opt(due), assignee=opt(assignee), why=why,
    )
    typer.echo(f"updated #{c.pk}: now version {c.version}, status {c.status_name}"
               + (f", score {c.score:+d}" if c.score is not None else "") + (f", due {c.due_text}" if c.due_text else ""))


@app.command()
def withdraw(
    evidence_id: str = typer.Argument(..., metavar="EVIDENCE_ID", help="Evidence ID (see `show`)."),
    why: str = typer.Option(..., "--why", help="Why it is withdrawn (kept in the history)."),
    user: str | None = _user_option(),
) -> None:
    """Withdraw an item of evidence (it stays on record, marked withdrawn)."""
    services = _services()
    e = services.withdraw_evidence(evidence_id, user, why)
    typer.echo(f"withdrew evidence #{e.pk} of commitment #{e.commitment_id}")


@app.command("due")
def due_(
    within: int = typer.Option(30, "--within", help="Days ahead to look.", min=0),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """Open commitments due within DAYS, and the overdue ones."""
    services = _services()
    from django.utils import timezone

    today = timezone.localdate()
    rows = []
    for c in services.due(within):
        row = _commitment_row(c)
        row["overdue"] = c.due_date < today
        rows.append(row)
    _emit(rows, format, ["id", "statement", "due", "overdue", "status", "actors", "text"], f"Due within {within} days")


@app.command("stats")
def stats_(format: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f", help="text or json.")) -> None:
    """Counts by section, party and status; compliance per statement and overall (-1..+1 and %)."""
    services = _services()
    data = services.stats()
    if format is ShowFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.markup import escape
    from rich.table import Table

    con = _console()
    con.print(f"[bold]{data['commitments']}[/bold] commitments")
    for title, key in (("Status", "by_status"), ("Party", "by_party"), ("Section", "by_section")):
        table = Table(title=f"By {title.lower()}", title_justify="left")
        table.add_column(title)
        table.add_column("commitments", justify="right")
        for k, n in data[key].items():
            table.add_row(escape(_short(k, 60)), str(n))
        con.print(table)

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{v:.1f}%"

    def avg(v: float | None) -> str:
        return "-" if v is None else f"{v:+.2f}"

    table = Table(title="Compliance (G7 Research Group scale)", title_justify="left")
    for col in ("statement", "commitments", "assessed", "average (-1..+1)", "percent"):
        table.add_column(col, justify="left" if col == "statement" else "right")
    for s in data["by_statement"]:
        table.add_row(f"#{s['id']} " + escape(_short(s["title"], 50)), str(s["commitments"]), str(s["assessed"]),
                      avg(s["average"]), pct(s["percent"]))
    c = data["compliance"]
    table.add_row("[bold]overall[/bold]", str(data["commitments"]), str(c["assessed"]), avg(c["average"]), pct(c["percent"]))
    con.print(table)


@app.command()
def correct(
    sentence_id: str = typer.Argument(..., metavar="SENTENCE_ID", help="Sentence ID (see `show`)."),
    field: str = typer.Option(..., "--field", help="actors, acts, organizations, dates or is_commitment."),
    value: str = typer.Option(..., "--value", help='JSON, e.g. \'["JPN"]\' or true.'),
    why: str = typer.Option(..., "--why", help="Why (kept in the history)."),
    user: str | None = _user_option(),
) -> None:
    """Correct what extraction found for a sentence; survives re-import, exported by `gold`."""
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as e:
        raise InputError(f"--value is not JSON ({e.msg}); e.g. '[\"JPN\"]' or true") from None
    services = _services()
    c = services.correct_sentence(sentence_id, field, parsed, user, why)
    typer.echo(f"corrected sentence #{c.sentence_id}: {c.field} = {json.dumps(c.value, ensure_ascii=False)}")


@app.command()
def gold(
    statement_id: str = typer.Argument(..., metavar="STATEMENT_ID", help="Statement ID (see `statements`)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
) -> None:
    """Export a statement with its corrections as a communique/statement@1 gold file."""
    services = _services()
    text = json.dumps(services.export_gold(statement_id), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        from communique.fileio import atomic_write_text

        atomic_write_text(output, text)
        typer.echo(f"wrote {output}", err=True)
