"""Stage ``dates``. PLACEHOLDER: the extraction issue replaces this."""

from __future__ import annotations

from communique.model import Document


def dates(doc: Document) -> None:
    return None
