"""``communique parse`` and ``communique eval``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from communique.cli import app


class ParseFormat(str, Enum):
    summary = "summary"
    json = "json"
    md = "md"


@app.command()
def parse(
    file: str = typer.Argument(..., help="Statement file (txt, md, pdf, html, docx), or - for stdin."),
    format: ParseFormat = typer.Option(ParseFormat.summary, "--format", "-f", help="summary, json or md."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    input_format: str | None = typer.Option(
        None, "--input-format", help="Force the input format: text, markdown, pdf, html, docx."
    ),
    max_size: int | None = typer.Option(None, "--max-size", help="Input size limit in bytes."),
) -> None:
    """Parse a joint statement into its structure and commitments."""
    import communique
    from communique import render

    doc = communique.parse(Path(file) if file != "-" else "-", format=input_format, max_bytes=max_size)
    if format is ParseFormat.json:
        from communique.interchange import dumps

        text = dumps(doc)
    elif format is ParseFormat.md:
        text = render.markdown(doc)
    else:
        if output is None:
            render.summary(doc)
            return
        text = render.summary_text(doc)
    if output is None:
        typer.echo(text, nl=False)
    else:
        from communique.fileio import atomic_write_text

        atomic_write_text(output, text)
