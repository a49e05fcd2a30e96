"""Word .docx via python-docx: paragraphs and tables in document order, as Markdown-like text.

Heading styles become ``#`` lines. Word's automatic list numbers are not part of a
paragraph's text, so they are rendered from the numbering definitions (``1``, ``(a)``,
``II``...) unless the paragraph already starts with a number of its own; bullets become ``- ``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from communique.errors import InputError
from communique.headings import roman_numeral

# A .docx is a ZIP; refuse archives that unpack to far more than any statement (zip bombs).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_TABLE_DEPTH = 20

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
# The paragraph already shows its number ("1 ", "1.", "(1)", "１", "II ", "(a)", "第1条"...).
_VISIBLE_NUMBER = re.compile(
    r"^\s*(?:[(（]?[0-9０-９]{1,3}(?:[).．）]|[ \t\u3000])"  # 1 / 1. / (1) / １
    r"|[(（][a-zA-Z]{1,3}[)）]"  # (a)
    r"|[IVXLC]{1,6}[.．)\s\u3000]"  # II. / II
    r"|第[0-9０-９一二三四五六七八九十百]+)"  # 第1条
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _letters(number: int) -> str:
    # Word repeats the letter past z: a..z, aa..zz, aaa...
    if number < 1:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, num_fmt: str) -> str:
    """One level's counter as Word shows it for the common ``w:numFmt`` values."""
    if num_fmt == "upperRoman":
        return roman_numeral(number)
    if num_fmt == "lowerRoman":
        return roman_numeral(number).lower()
    if num_fmt == "upperLetter":
        return _letters(number).upper()
    if num_fmt == "lowerLetter":
        return _letters(number)
    if num_fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(number)


@dataclass
class _Level:
    num_fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Word's list numbering: level definitions per numId, and running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document: Any) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterchildren(_w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in node.iterchildren(_w("lvl")):
                level = _Level()
                for child in lvl.iterchildren():
                    value = child.get(_w("val"))
                    if value is None:
                        continue
                    if child.tag == _w("numFmt"):
                        level.num_fmt = value
                    elif child.tag == _w("lvlText"):
                        level.text = value
                    elif child.tag == _w("start") and value.lstrip("-").isdigit():
                        level.start = int(value)
                levels[int(lvl.get(_w("ilvl"), "0"))] = level
            abstract[node.get(_w("abstractNumId"), "")] = levels
        for num in root.iterchildren(_w("num")):
            ref = num.find(_w("abstractNumId"))
            if ref is not None:
                numbering.levels[num.get(_w("numId"), "")] = abstract.get(ref.get(_w("val"), ""), {})
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The visible label of the next item at (num_id, ilvl): ``"1."``, ``"(a)"``, ``"-"`` for bullets."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return None
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item restarts its sub-levels
        if level.num_fmt == "bullet":
            return "-"
        if level.num_fmt == "none":
            return None

        def substitute(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            parent = levels.get(index, _Level())
            return format_number(counters.get(index, parent.start), parent.num_fmt)

        return re.sub(r"%([1-9])", substitute, level.text).strip() or None


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) of a list paragraph: its own numbering, else its style's (e.g. "List Number")."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None or num_pr.numId is None:
        num_pr = _style_num_pr(paragraph)
    if num_pr is None or num_pr.numId is None:
        return None
    ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), int(ilvl or 0)


def _style_num_pr(paragraph: Any) -> Any:
    try:
        style = paragraph.style
    except (KeyError, AttributeError, ValueError):
        return None
    for _ in range(10):  # base styles chain; bounded against cycles
        if style is None:
            return None
        p_pr = style.element.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = style.base_style
    return None


def _heading_level(paragraph: Any) -> int | None:
    try:
        style = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        return None
    if style == "Title":
        return 1
    match = _HEADING_STYLE.match(style or "")
    return min(int(match.group(1)), 6) if match else None


class _DocxWriter:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.blocks: list[str] = []

    def paragraph(self, paragraph: Any) -> None:
        text = paragraph.text
        numbered = _num_pr(paragraph)
        label = self.numbering.label(*numbered) if numbered else None
        if not text.strip():
            return
        level = _heading_level(paragraph)
        if label and not _VISIBLE_NUMBER.match(text):
            text = f"{label} {text}"
        if level:
            text = "#" * level + " " + text
        self.blocks.append(text)

    def table(self, table: Any, depth: int = 0) -> None:
        if depth > MAX_TABLE_DEPTH:
            return
        # A merged cell appears once per grid column it spans. The elements are kept, not only their
        # ids, so that lxml hands back the same proxy and no id is reused by a collected one.
        seen: dict[int, Any] = {}
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen[id(cell._tc)] = cell._tc
                for item in cell.iter_inner_content():
                    if hasattr(item, "rows"):
                        self.table(item, depth + 1)
                    else:
                        self.paragraph(item)


def _check_archive(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{name}: corrupt Word .docx file (not a readable ZIP archive)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(f"{name}: Word .docx unpacks to over {MAX_UNPACKED_BYTES:,} bytes; refusing it")


def read_docx(data: bytes, name: str) -> str:
    """Paragraphs (headings as ``#``) and table cells in order, separated by blank lines."""
    import docx

    _check_archive(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        writer = _DocxWriter(Numbering.from_document(document))
        for item in document.iter_inner_content():
            if hasattr(item, "rows"):
                writer.table(item)
            else:
                writer.paragraph(item)
    except InputError:
        raise
    except Exception as e:  # python-docx and lxml raise many kinds on damaged files
        reason = " ".join(str(e).split())[:120] or type(e).__name__
        raise InputError(f"{name}: corrupt Word .docx file ({reason})") from None
    text = "\n\n".join(writer.blocks)
    if not text.strip():
        raise InputError(f"{name}: no text in the Word document")
    return text.replace("\r\n", "\n").replace("\r", "\n")
