"""Readers: statement bytes in any supported format -> text, one module per format.

:func:`read_bytes` is the whole job as a pure function; the ``read`` pipeline stage
(:mod:`communique.read`) just applies it to a Document's source.
"""

from __future__ import annotations

from communique.errors import InputError
from communique.readers.detect import FORMATS, detect_format, text_format

__all__ = ["FORMATS", "read_bytes"]


def read_bytes(
    data: bytes, name: str = "-", format: str | None = None, encoding: str | None = None
) -> tuple[str, str, str | None]:
    """Turn statement bytes into ``(text, format, encoding)``.

    ``format`` (text, markdown, pdf, html, docx) is detected from the content and
    ``name`` when not given; ``encoding`` is the text encoding found (None for pdf and
    docx), or forces one. The text has ``\\n`` newlines and is otherwise unchanged for
    text and Markdown; PDF pages are joined by ``"\\n\\f\\n"``; HTML and docx give
    Markdown-like text. Raises :class:`InputError` (one line) for anything unreadable.
    """
    if format is not None and format not in FORMATS:
        raise InputError(f"{name}: unknown input format {format!r}; known: {', '.join(FORMATS)}")
    if not data.strip():
        raise InputError(f"{name}: empty file")
    found = format or detect_format(data, name)
    if found == "pdf":
        from communique.readers.pdf import read_pdf

        return read_pdf(data, name), "pdf", None
    if found == "docx":
        from communique.readers.docx import read_docx

        return read_docx(data, name), "docx", None
    if found == "html":
        from communique.readers.html import read_html

        text, codec = read_html(data, name, encoding)
        return text, "html", codec
    from communique.readers.text import decode_text

    text, codec = decode_text(data, name, encoding)
    if found is None:
        found = text_format(text, name)
        if found == "html":
            from communique.readers.html import html_to_text

            text = html_to_text(text)
            if not text.strip():
                raise InputError(f"{name}: no text in the HTML page (only markup)")
    return text, found, codec
