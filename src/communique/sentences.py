"""Stage ``sentences``: paragraphs -> sentences. PLACEHOLDER."""

from __future__ import annotations

import re

from communique.model import Document, Sentence


def sentences(doc: Document) -> None:
    doc.sentences = []
    for p in doc.paragraphs:
        for i, text in enumerate((t for t in re.split(r"(?<=。)", p.text) if t.strip()), 1):
            doc.sentences.append(Sentence(id=f"{p.id}.s{i}", paragraph=p.id, text=text.strip()))
