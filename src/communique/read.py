"""Stage ``read``: source bytes -> ``doc.raw_text``. PLACEHOLDER: the parser issue replaces this."""

from __future__ import annotations

from communique.model import Document


def read(doc: Document) -> None:
    doc.raw_text = doc.source.data.decode("utf-8-sig")
