"""Stage ``structure``: ``doc.text`` -> document facts, sections, paragraphs. PLACEHOLDER."""

from __future__ import annotations

import re

from communique.model import Document, Paragraph


def structure(doc: Document) -> None:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", doc.text) if b.strip()]
    doc.paragraphs = [Paragraph(id=f"p{i}", text=b) for i, b in enumerate(blocks, 1)]
