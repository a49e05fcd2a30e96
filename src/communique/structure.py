"""Stage ``structure``: repaired blocks -> document facts, the heading tree, paragraphs.

The repair stage leaves ``doc.annotations["blocks"]``: the blocks of the
repaired text with what their markup said (Markdown heading level, bold-only
line, bold lead). Without it (a document built by hand), the text is cut at
blank lines and only the plain-text rules apply.

A statement reads: title block (and a dateline, a translation note), preamble
paragraphs, then headings and numbered paragraphs, a closing line
(``…にて…署名された。`` / "Done at …") and a signature block. A numbered
paragraph runs until the next number or heading: unnumbered blocks after it
continue it (a list belongs to the paragraph that introduces it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from communique import facts
from communique.datafiles import load_yaml
from communique.headings import UNMARKED, Label, SectionTree, parse_label, unique_id
from communique.model import Document, DocumentInfo, Paragraph
from communique.repair import BULLET, ends_sentence, is_cjk
from communique.sentences import split

_NUMBERED = [
    re.compile(r"^[（(]([0-9０-９]{1,3})[）)]\s*(?P<rest>\S.*)$", re.S),
    re.compile(r"^([0-9０-９]{1,3})(?:[.．](?![0-9０-９])\s*|\s+|[.．](?=[A-Z]))(?P<rest>\S.*)$", re.S),
]
# A typo'd number ("11, We…"): a paragraph only when it is exactly the next number.
_NUMBERED_TYPO = re.compile(r"^([0-9]{1,3}),\s+(?P<rest>[A-Z].*)$", re.S)
_INLINE_HEADING = re.compile(r"^([^\s：:、。,.「」（）()]{1,15})[：:]\s*\S")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass
class Block:
    text: str
    heading_level: int | None = None
    bold_lead: bool = False
    lines: tuple[str, ...] = ()  # the source lines before hard wraps were joined

    @property
    def marked_heading(self) -> bool:
        return self.heading_level is not None


@cache
def _closing_res() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in load_yaml("structure.yaml")["closing_line"]]


@cache
def _end_mark_res() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in load_yaml("structure.yaml")["end_marks"]]


@cache
def _heading_brackets() -> list[str]:
    return list(load_yaml("structure.yaml")["heading_brackets"])


@cache
def _heading_marks() -> str:
    return "".join(load_yaml("structure.yaml").get("heading_marks", []))


@cache
def _title_words() -> dict[str, list[str]]:
    return load_yaml("structure.yaml")["title_words"]


def _blocks(doc: Document) -> list[Block]:
    annotated = doc.annotations.get("blocks")
    if annotated:
        return [
            Block(b["text"], b.get("heading_level"), bool(b.get("bold_lead")), tuple(b.get("lines") or [b["text"]]))
            for b in annotated
            if b["text"].strip()
        ]
    return [Block(t.strip(), lines=tuple(t.strip().split("\n"))) for t in re.split(r"\n\s*\n", doc.text) if t.strip()]


def _ends_sentence(text: str) -> bool:
    return ends_sentence(text, colon=False)  # a line ending in ":" introduces a list: not a heading


def paragraph_number(text: str) -> tuple[int, str] | None:
    """The printed number at the start of a block and the text after it."""
    for pattern in _NUMBERED:
        m = pattern.match(text)
        if m:
            return int(m.group(1).translate(_FULLWIDTH_DIGITS)), m.group("rest")
    return None


def _short(text: str, language: str) -> bool:
    if "\n" in text:
        return False
    return len(text) <= 60 if language == "ja" else len(text.split()) <= 14 and len(text) <= 120


def _is_closing(text: str) -> bool:
    return any(p.search(text) for p in _closing_res())


def _signature_like(text: str, language: str) -> bool:
    return "\n" not in text and not _ends_sentence(text) and (len(text) <= 40 if language == "ja" else len(text) <= 80)


class _Builder:
    def __init__(self, blocks: list[Block], language: str) -> None:
        self.blocks = blocks
        self.language = language
        self.tree = SectionTree()
        self.paragraphs: list[Paragraph] = []
        self.metadata: list[str] = []
        self.last_number = 0
        self.heading_since_number = True
        self.open_numbered: Paragraph | None = None
        self.ids: set[str] = set()
        self.unnumbered_after: dict[int, int] = {}  # unnumbered paragraphs after number N: ids pN.1, pN.2…
        self.datelines: list[str] = []  # place-and-date lines around the title (metadata)
        self.tail_end = len(blocks)  # blocks from here on are end marks (以上, "(End)")

    # ---------------------------------------------------------- ids and paragraphs

    def _add_paragraph(self, text: str, number: int | None, section: str | None) -> Paragraph:
        if number is not None:
            pid = unique_id(f"p{number}", self.ids)
        else:
            k = self.unnumbered_after.get(self.last_number, 0) + 1
            self.unnumbered_after[self.last_number] = k
            pid = unique_id(f"p{self.last_number}.{k}", self.ids)
        p = Paragraph(id=pid, text=text, number=number, section=section)
        self.paragraphs.append(p)
        return p

    def _continue(self, p: Paragraph, text: str) -> None:
        list_join = bool(BULLET.match(text)) or bool(BULLET.match(p.text.rsplit("\n", 1)[-1]))
        if list_join or p.text.rstrip().endswith((":", "：")):
            sep = "\n"
        elif is_cjk(p.text[-1]) or is_cjk(text[0]):
            sep = ""
        else:
            sep = " "
        p.text = p.text + sep + text

    # ---------------------------------------------------------- classification

    def _number(self, text: str) -> tuple[int, str] | None:
        """The paragraph number a block starts with, when it continues the numbering."""
        num = paragraph_number(text)
        if num is not None and self._valid_number(num[0]):
            return num
        typo = _NUMBERED_TYPO.match(text)
        if typo and int(typo.group(1)) == self.last_number + 1:
            return int(typo.group(1)), typo.group("rest")
        return None

    def _valid_number(self, n: int) -> bool:
        if self.last_number == 0:
            return 1 <= n <= 3
        if self.last_number < n <= self.last_number + 3:
            return True
        return n == 1 and self.heading_since_number

    def _heading_label(self, b: Block) -> Label | None:
        return parse_label(b.text, allow_arabic=b.marked_heading or self._numbered_title(b))

    def _numbered_title(self, b: Block) -> bool:
        """``１．政治・安全保障`` alone on its line: a numbered heading, not a paragraph."""
        if "\n" in b.text or _ends_sentence(b.text) or any(c in b.text for c in "、，,"):
            return False
        num = paragraph_number(b.text)
        if num is None:
            return False
        rest = num[1]
        return len(rest) <= 30 if self.language == "ja" else len(rest.split()) <= 8 and rest[:1].isupper()

    def _is_heading(self, i: int) -> bool:
        b = self.blocks[i]
        if b.marked_heading:
            return not _ends_sentence(b.text) or len(b.text) <= 80
        if "\n" in b.text or _ends_sentence(b.text) or not _short(b.text, self.language):
            return False
        if b.text.rstrip().endswith((":", "：", ",", "、")) or BULLET.match(b.text):
            return False
        if self._heading_label(b) is not None:
            return True
        num = paragraph_number(b.text)
        if num is not None and self._valid_number(num[0]):
            return False
        # An unmarked short line between paragraphs is a heading when a paragraph follows it.
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if nxt is None or (nxt.text[:1].islower()):
            return False
        return self.language == "ja" or b.text[:1].isupper()

    def _unbracket(self, title: str) -> str:
        """``＜貿易・投資＞`` -> ``貿易・投資``, ``■ 政治`` -> ``政治`` (the marks go to the metadata)."""
        t = title.strip()
        if len(t) > 2 and t[0] in _heading_marks():
            self.metadata.append(t[0])
            t = title = t[1:].strip()
        for pair in _heading_brackets():
            if len(t) > 2 and t[0] == pair[0] and t[-1] == pair[1] and pair[0] not in t[1:-1]:
                self.metadata.append(pair)
                return t[1:-1].strip()
        return title

    def _is_inline_heading(self, i: int) -> bool:
        b = self.blocks[i]
        if "\n" in b.text or paragraph_number(b.text) or len(b.text) > 120:
            return False
        if not _INLINE_HEADING.match(b.text):
            return False
        if b.bold_lead:
            return True
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        num = paragraph_number(nxt.text) if nxt else None
        return num is not None and self._valid_number(num[0])

    # ---------------------------------------------------------- the parts of a statement

    def split_tail(self) -> tuple[int, int | None, int]:
        """Where the body ends, the closing line (None when there is none), where the signatures start.

        The signature block follows the closing line (``…署名された。`` / "Done at …"); without
        one, a trailing run of short lines naming an office (``日本国総理大臣``) is the block.
        A dateline just before it or at the very end is metadata too.
        """
        n = len(self.blocks)
        while n > 0 and any(p.match(self.blocks[n - 1].text.strip()) for p in _end_mark_res()):
            self.metadata.append(self.blocks[n - 1].text)
            n -= 1
        self.tail_end = n
        for i in range(n - 1, max(-1, n - 12), -1):
            after = [line for b in self.blocks[i + 1:n] for line in b.lines]
            if _is_closing(self.blocks[i].text) and all(_signature_like(line, self.language) for line in after):
                return i, i, i + 1
        start = n
        while start > 0 and not facts.is_dateline(self.blocks[start - 1].text, self.language) and all(
            _signature_like(line, self.language) for line in self.blocks[start - 1].lines
        ):
            start -= 1
        lines = [line for b in self.blocks[start:n] for line in b.lines]
        if len(lines) < 2 or not any(facts.is_office(line, self.language) for line in lines):
            start = n
        end = start
        while end > 0 and facts.is_dateline(self.blocks[end - 1].text, self.language):
            end -= 1
            self.datelines.append(self.blocks[end].text)
            self.metadata.append(self.blocks[end].text)
        return end, None, start

    def split_head(self, end: int) -> tuple[int, list[str], bool]:
        """Index where the body starts, the title lines, and whether a translation note was seen."""
        title: list[str] = []
        title_levels: list[int | None] = []
        is_translation = False
        i = 0
        while i < end:
            b = self.blocks[i]
            if facts.is_translation_note(b.text):
                is_translation = True
                self.metadata.append(b.text)
                i += 1
                continue
            if facts.is_dateline(b.text, self.language):
                self.metadata.append(b.text)
                self.datelines.append(b.text)
                i += 1
                continue
            if not self._title_candidate(i, end, bool(title)):
                break
            text, note = facts.strip_translation_note(b.text)
            if note:
                is_translation = True
                self.metadata.append(note)
            title.append(text)
            title_levels.append(b.heading_level)
            i += 1
        return i, self._pick_title(title, title_levels), is_translation

    def _pick_title(self, lines: list[str], levels: list[int | None]) -> list[str]:
        """The title among the leading lines: the top-level Markdown heading, else the lines with title
        words ("Joint Statement", "共同声明"), else all; the rest (a web page's "Briefings") is metadata."""
        keep = [t for t, level in zip(lines, levels, strict=True) if level == 1]
        if not keep:
            words = [w.lower() for w in _title_words()[self.language]]
            keep = [t for t in lines if any(w in t.lower() for w in words)] or lines
        self.metadata.extend(t for t in lines if t not in keep)
        return keep

    def _title_candidate(self, i: int, end: int, have_title: bool) -> bool:
        b = self.blocks[i]
        text = facts.strip_translation_note(b.text)[0]
        if not text or paragraph_number(text) or self._heading_label(b) is not None:
            return False
        heading_like = b.marked_heading or (
            not _ends_sentence(text) and len(text) <= (120 if self.language == "ja" else 200)
            and not text.rstrip().endswith((":", "："))
        )
        if not heading_like:
            return False
        lowered = text.lower()
        if any(w.lower() in lowered for w in _title_words()[self.language]):
            return True
        # A heading right before a numbered paragraph opens the body (G7's "Preamble").
        nxt = next((j for j in range(i + 1, end) if not facts.is_dateline(self.blocks[j].text, self.language)), None)
        if nxt is None or paragraph_number(self.blocks[nxt].text):
            return False
        return not have_title or b.marked_heading

    def body(self, start: int, end: int) -> None:
        for i in range(start, end):
            b = self.blocks[i]
            text = b.text
            heading = self._is_heading(i)
            if heading or self._is_inline_heading(i):
                label = self._heading_label(b) if heading else None
                if label is not None:  # the printed label with its punctuation ("I.", "第1章")
                    self.metadata.append(text[: max(0, len(text) - len(label.title))])
                title = self._unbracket(label.title if label else text)
                self.tree.add(title, label, b.heading_level or UNMARKED)
                self.heading_since_number = True
                self.open_numbered = None
                continue
            section = self.tree.current.id if self.tree.current else None
            num = self._number(text)
            if num is not None:
                self.metadata.append(text[: len(text) - len(num[1])])  # the printed number ("1.", "（１）")
                self.open_numbered = self._add_paragraph(num[1].strip(), num[0], section)
                self.last_number = num[0]
                self.heading_since_number = False
            elif self.open_numbered is not None and self.open_numbered.section == section:
                self._continue(self.open_numbered, text)
            elif self.paragraphs and self.paragraphs[-1].section == section and (
                BULLET.match(text) or self.paragraphs[-1].text.rstrip().endswith((":", "："))
            ):
                self._continue(self.paragraphs[-1], text)  # a list and its introduction stay together
            else:
                self._add_paragraph(text, None, section)


def _info(builder: _Builder, title_lines: list[str], is_translation: bool, closing: str | None,
          signature_lines: list[str], front: dict[str, Any], source_name: str = "-") -> DocumentInfo:
    """The document facts from the text; front matter fields fill what the text does not say.

    The date, in order: a dateline or the closing line; a full date the opening paragraph starts with;
    front matter; an ISO date in the source file name; the one day the opening paragraph's sentences
    name (``facts.opening_date``); else None.
    """
    language = builder.language
    sep = "" if language == "ja" else " "
    title = sep.join(t.replace("\n", sep) for t in title_lines).strip()
    signatories = facts.signatories(signature_lines, language)
    first = [p.text for p in builder.paragraphs[:1]]
    date_sources = ([closing] if closing else []) + builder.datelines + first
    dated_lines = ([closing] if closing else []) + builder.datelines
    date = next((d for text in dated_lines for d in facts.full_dates(text, language)), None)
    if date is None and first:
        date = facts.leading_date(first[0], language)
    place = facts.find_place(date_sources, language)
    opening = builder.datelines + [split(p.text, language)[0] for p in builder.paragraphs[:2] if p.text.strip()]
    parties = facts.find_parties(title, signatories, opening, language)
    translation = facts.translation(is_translation, [closing or ""] + title_lines, language)
    info = facts.with_front_matter(DocumentInfo(title, language, date, place, parties, signatories, translation), front)
    if info.date is None:
        info.date = facts.date_from_name(source_name) or (
            facts.opening_date(split(first[0], language), language) if first else None
        )
    return info


def structure(doc: Document) -> None:
    blocks = _blocks(doc)
    language = facts.detect_language(doc.text)
    builder = _Builder(blocks, language)
    end, closing_index, signatures_start = builder.split_tail()
    start, title_lines, is_translation = builder.split_head(end)
    builder.body(start, end)
    closing = None
    if closing_index is not None:
        closing = blocks[closing_index].text
        builder.ids.add("p_end")
        builder.paragraphs.append(Paragraph(id="p_end", text=closing, number=None, section=None))
    signature_lines = [line for b in blocks[signatures_start: builder.tail_end] for line in b.lines]
    builder.metadata.extend(signature_lines)
    if any(facts.strip_translation_note(b.text)[1] for b in blocks[:3]):
        is_translation = True
    front = doc.annotations.get("front_matter") or {}
    doc.info = _info(builder, title_lines, is_translation, closing, signature_lines, front, doc.source.name)
    doc.sections = builder.tree.sections
    doc.paragraphs = builder.paragraphs
    meta: list[Any] = doc.annotations.setdefault("metadata", [])
    meta.extend(builder.metadata)
