"""Stage ``instruments``. PLACEHOLDER: the extraction issue replaces this."""

from __future__ import annotations

from communique.model import Document


def instruments(doc: Document) -> None:
    return None
