"""Stage ``read``: source bytes -> ``doc.raw_text``, setting the source's format and encoding.

The per-format work lives in :mod:`communique.readers`; this stage only applies it.
"""

from __future__ import annotations

import hashlib

from communique.model import Document
from communique.readers import read_bytes


def read(doc: Document) -> None:
    source = doc.source
    text, format, encoding = read_bytes(source.data, source.name, source.format, source.encoding)
    doc.raw_text = text
    source.format = format  # type: ignore[assignment]
    source.encoding = encoding
    if not source.sha256:
        source.sha256 = hashlib.sha256(source.data).hexdigest()
