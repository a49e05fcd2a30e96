"""Human renderings of a parsed document: Markdown and the terminal summary. BASIC: the parser issue extends this."""

from __future__ import annotations

from communique.model import Document


def markdown(doc: Document) -> str:
    lines = [f"# {doc.info.title or 'Untitled statement'}", ""]
    for p in doc.paragraphs:
        lines += [f"{p.number}. {p.text}" if p.number is not None else p.text, ""]
    return "\n".join(lines)


def summary_text(doc: Document) -> str:
    return (
        f"{doc.info.title}\n{len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, "
        f"{len(doc.commitments)} commitments, {len(doc.repairs)} repairs\n"
    )


def summary(doc: Document) -> None:
    from rich.console import Console

    Console().print(summary_text(doc))
