"""Sniff what kind of file some bytes are: magic numbers first, then the file name, then the text itself."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from communique.errors import InputError

FORMATS: tuple[str, ...] = ("text", "markdown", "pdf", "html", "docx")

SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}

# Files people may hand us by mistake. Each gets a clear message instead of a decoding failure.
FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word .doc or other Office file: save it as .docx"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF file: save it as .docx or text"),
)

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
# PDF readers accept the header anywhere in the first KiB; so do we.
PDF_HEADER_WINDOW = 1024

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|main|article|div|section|h[1-6]|p)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
# Markdown that a plain-text statement would not have: ATX headings, bold-only lines, links.
_MARKDOWN_SIGNS = re.compile(
    r"^(?:#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*[ \t]*$|.*\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\))",
    re.MULTILINE,
)


def suffix_format(name: str) -> str | None:
    """The format a file name promises, or None (stdin, no or unknown suffix)."""
    if name in ("-", "", "<text>", "<bytes>"):
        return None
    return SUFFIX_FORMATS.get(PurePath(name).suffix.lower())


def is_docx_zip(data: bytes) -> bool | None:
    """True for a Word archive, False for another ZIP, None when the ZIP itself is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def magic_format(data: bytes, name: str) -> str | None:
    """``pdf`` or ``docx`` when the bytes say so; InputError for known non-statement files; else None."""
    if PDF_MAGIC in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        docx = is_docx_zip(data)
        if docx:
            return "docx"
        if docx is None:
            raise InputError(f"{name}: corrupt Word .docx file (damaged ZIP archive)")
        if suffix_format(name) == "docx":
            raise InputError(f"{name}: corrupt Word .docx file (no word/document.xml in the archive)")
        raise InputError(f"{name}: binary file, not a statement (a ZIP archive, not a Word .docx)")
    for magic, what in FOREIGN_MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: binary file, not a statement ({what})")
    return None


def text_format(text: str, name: str) -> str:
    """Tell text, Markdown and HTML apart once the bytes are decoded."""
    by_name = suffix_format(name)
    if by_name in ("text", "markdown", "html"):
        return by_name
    if _HTML_START.match(text[:4096]):
        return "html"
    if _MARKDOWN_SIGNS.search(text[:200_000]):
        return "markdown"
    return "text"


def looks_like_html(data: bytes) -> bool:
    """A cheap look at the first bytes, before decoding (ASCII-compatible or UTF-8 with BOM only)."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head.decode("latin-1")))


def detect_format(data: bytes, name: str) -> str | None:
    """``pdf``/``docx``/``html`` when clear from the bytes or name; None means "decode, then look"."""
    found = magic_format(data, name)
    if found:
        return found
    by_name = suffix_format(name)
    if by_name in ("pdf", "docx"):
        what = "PDF" if by_name == "pdf" else "Word .docx"
        raise InputError(f"{name}: not a {what} file, although named so")
    if by_name == "html" or (by_name is None and looks_like_html(data)):
        return "html"
    return None
