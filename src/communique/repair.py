"""Stage ``repair``: ``doc.raw_text`` -> ``doc.text`` + ``doc.repairs``. PLACEHOLDER."""

from __future__ import annotations

from communique.model import Document


def repair(doc: Document) -> None:
    doc.text = doc.raw_text
