"""Human renderings of a parsed document: Markdown of its structure, and the terminal summary.

``markdown(doc)`` gives the statement back as clean Markdown: the document
facts as YAML front matter, then the title, headings nested by depth,
numbered paragraphs, lists and the closing line; parsing it again gives the
same structure. ``summary(doc)`` prints a Rich summary: document facts, the heading
tree, paragraph and sentence counts, the repairs made and, once extraction has
run, the commitments; ``summary_text(doc)`` is the same as plain text.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import TYPE_CHECKING

from communique.model import Document, Repair, Section
from communique.repair import BULLET

if TYPE_CHECKING:
    from rich.console import RenderableType


def _depth(doc: Document, section: Section) -> int:
    depth, seen = 1, {section.id}
    parent = doc.section(section.parent)
    while parent is not None and parent.id not in seen:
        seen.add(parent.id)
        depth += 1
        parent = doc.section(parent.parent)
    return depth


def _heading(section: Section) -> str:
    return f"{section.label} {section.title}" if section.label else section.title


def _facts(doc: Document) -> list[tuple[str, str]]:
    info = doc.info
    translation = "no"
    if info.translation.is_translation:
        translation = f"yes (original: {info.translation.original_language or 'unknown'})"
    return [
        ("Language", info.language),
        ("Date", info.date or "—"),
        ("Place", info.place or "—"),
        ("Parties", ", ".join(info.parties) or "—"),
        ("Translation", translation),
        ("Signatories", "; ".join(f"{s.title or ''} {s.name}".strip() for s in info.signatories) or "—"),
    ]


def _front_matter(doc: Document) -> str:
    """The document facts as YAML front matter: readable, and read back by the parser."""
    import yaml

    info = doc.info
    fields = {
        "title": info.title,
        "language": info.language,
        "date": info.date,
        "place": info.place,
        "parties": list(info.parties),
        "signatories": [{"name": s.name, "title": s.title, "party": s.party} for s in info.signatories],
        "translation": {
            "is_translation": info.translation.is_translation,
            "original_language": info.translation.original_language,
        },
    }
    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)


def _escape(text: str) -> str:
    """Marks that Markdown (and the repair stage reading it back) would take for markup."""
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("<", "\\<")
    return "\n".join("\\" + line if line.startswith("#") else line for line in text.split("\n"))


def markdown(doc: Document) -> str:
    """The statement's structure as Markdown: headings by depth, numbered paragraphs, lists kept."""
    lines = ["---", _front_matter(doc).rstrip("\n"), "---", ""]
    if doc.info.title:
        lines += [f"# {_escape(doc.info.title)}", ""]
    printed: set[str] = set()
    for p in doc.paragraphs:
        chain: list[Section] = []
        section = doc.section(p.section)
        while section is not None and section.id not in printed and section not in chain:
            chain.append(section)  # headings not shown yet, innermost first (a parent may have no paragraph)
            section = doc.section(section.parent)
        for s in reversed(chain):
            printed.add(s.id)
            lines += [f"{'#' * min(6, _depth(doc, s) + 1)} {_escape(_heading(s))}", ""]
        first, *rest = _escape(p.text).split("\n")
        lines.append(f"{p.number}. {first}" if p.number is not None else first)
        previous = first
        for line in rest:
            if BULLET.match(previous) and not BULLET.match(line):
                lines.append("")  # text after a list: not a wrapped line of its last item
            lines.append(f"   {line}" if p.number is not None else line)
            previous = line
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _section_tree(doc: Document) -> RenderableType:
    from rich.tree import Tree

    root = Tree(f"[bold]{doc.info.title or 'Untitled statement'}[/bold]")
    nodes = {}
    counts = Counter(p.section for p in doc.paragraphs)
    for s in doc.sections:
        parent = nodes.get(s.parent, root)
        nodes[s.id] = parent.add(f"{_heading(s)}  [dim]({counts.get(s.id, 0)} paragraphs)[/dim]")
    return root


def _renderables(doc: Document) -> list[RenderableType]:
    from rich.table import Table

    facts = Table(show_header=False, box=None, padding=(0, 2))
    for name, value in _facts(doc):
        facts.add_row(f"[bold]{name}[/bold]", value)
    numbered = sum(1 for p in doc.paragraphs if p.number is not None)
    counts = (
        f"{len(doc.sections)} sections, {len(doc.paragraphs)} paragraphs ({numbered} numbered), "
        f"{len(doc.sentences)} sentences, {len(doc.commitments)} commitments"
    )
    out: list[RenderableType] = [facts, "", _section_tree(doc), "", counts]
    if doc.repairs:
        repairs = Table(title=f"{len(doc.repairs)} repairs", title_justify="left")
        repairs.add_column("kind")
        repairs.add_column("count", justify="right")
        repairs.add_column("example")
        kinds = Counter(r.kind for r in doc.repairs)
        flagged_by_kind = Counter(r.kind for r in doc.repairs if r.flagged)
        examples: dict[str, Repair] = {}
        for r in doc.repairs:
            examples.setdefault(r.kind, r)  # the first repair of each kind
        for kind, n in kinds.most_common():
            example = examples[kind]
            shown = f"{example.before!r} → {example.after!r}"
            flagged = flagged_by_kind[kind]
            repairs.add_row(kind + (f" ({flagged} flagged)" if flagged else ""), str(n),
                            shown if len(shown) <= 70 else shown[:67] + "…")
        out += ["", repairs]
    commitments = doc.commitments
    if commitments:
        texts = {s.id: s.text for s in doc.sentences}
        table = Table(title=f"{len(commitments)} commitments", title_justify="left")
        for column in ("sentence", "strength", "actors", "due", "text"):
            table.add_column(column)
        for c in commitments:
            text = texts.get(c.sentence, "")
            table.add_row(c.sentence, c.strength, ", ".join(c.actors), c.due or "—",
                          text if len(text) <= 80 else text[:79] + "…")
        out += ["", table]
    return out


def summary(doc: Document) -> None:
    from rich.console import Console

    console = Console()
    for item in _renderables(doc):
        console.print(item)


def summary_text(doc: Document, width: int = 100) -> str:
    """The summary as plain text (for ``--output``)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    for item in _renderables(doc):
        console.print(item)
    return buffer.getvalue()
