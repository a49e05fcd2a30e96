"""Stage ``repair``: ``doc.raw_text`` -> ``doc.text`` + ``doc.repairs``.

Undoes what PDF converters and HTML/Word-to-Markdown converters do to a
statement, and lists every change as a :class:`Repair`:

1. whitespace: BOM, CR, no-break and zero-width spaces, trailing spaces (not logged:
   spaces carry no text);
2. page furniture: on form-feed separated pages, running headers and footers
   repeated on several pages, and page numbers (``page_furniture``);
3. blocks: the text is cut into blocks at blank lines (and where a numbered
   paragraph starts inside a block); converter markup is stripped (``markup``),
   but what it said about structure is kept: a block that was a Markdown
   heading or a bold-only line is recorded in ``doc.annotations["blocks"]``
   with its level, for the structure stage;
4. hard wraps: lines of a block are joined (nothing between Japanese
   characters, one space in English; ``hyphenation`` at line ends);
5. breaks: a block cut by a page break mid-sentence is joined to the next
   (``page_break_join``), a heading split over two lines is joined
   (``heading_join``);
6. spread-out characters: ``4 3`` at a paragraph start, ``J I C A``
   (``spaced_digits``, ``spaced_letters``);
7. stray characters of another script inside a word (``foreign_script``),
   mapped back by ``data/repair.yaml`` when unambiguous, flagged otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from communique.datafiles import load_yaml
from communique.headings import UNMARKED, parse_label
from communique.model import Document, Repair

SENTENCE_FINAL_JA = "。．！？!?」』）)"
_FINAL = SENTENCE_FINAL_JA + ".;!?\"'”’…"
CONTEXT = 12  # characters of context kept on each side in a join repair


@dataclass
class Block:
    """One block of text between blank lines, and what the markup said about it."""

    lines: list[str]
    raw: str = ""  # the block as it stood in the source (for repair records)
    heading_level: int | None = None  # 1-6 for Markdown headings, UNMARKED (7) for a bold-only line
    bold_lead: bool = False  # starts with a bold run (``**連結性**：…``): an inline heading
    text: str = ""

    def as_annotation(self) -> dict[str, Any]:
        return {"text": self.text, "heading_level": self.heading_level, "bold_lead": self.bold_lead,
                "lines": [ln.strip() for ln in self.lines] or [self.text]}


@dataclass
class _Work:
    repairs: list[Repair] = field(default_factory=list)
    japanese: bool = False

    def log(self, kind: str, before: str, after: str, flagged: bool = False) -> None:
        self.repairs.append(Repair(kind, before, after, flagged))


@cache
def _data() -> dict[str, Any]:
    return load_yaml("repair.yaml")


@cache
def _page_number_res() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _data()["page_number_patterns"]]


@cache
def _foreign_re() -> re.Pattern[str]:
    ranges = "".join(f"{a}-{b}" for a, b in _data()["foreign_ranges"])
    return re.compile(f"[{ranges}]+")


def is_cjk(ch: str) -> bool:
    """Kana, kanji, CJK punctuation and full-width forms: no spaces between these."""
    o = ord(ch)
    return (
        0x3000 <= o <= 0x30FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
    )


_CJK_LETTER = re.compile("[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff21-\uff3a\uff41-\uff5a\uff66-\uff9f]")


def japanese_share(text: str, sample: int = 4000) -> float:
    """Share of kana and kanji among the letters, over the start, middle and end of a long text."""
    if len(text) > 3 * sample:
        middle = len(text) // 2
        text = text[:sample] + text[middle: middle + sample] + text[-sample:]
    letters = sum(map(str.isalpha, text))
    return len(_CJK_LETTER.findall(text)) / letters if letters else 0.0


# ------------------------------------------------------------------ 1. whitespace

# Regexes, not str.translate with a dict: translate walks a long non-ASCII text slowly.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2007\u202f\t\v]")
_TRAILING = re.compile("[ \u3000]+$", re.M)


def _normalize_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    # Only spaces: rstrip() would also eat the form feeds that separate PDF pages.
    return _TRAILING.sub("", text)


# ------------------------------------------------------------------ 2. page furniture

def _furniture_key(line: str) -> str:
    """Lines repeated on pages compare equal; page numbers inside short lines do not count."""
    line = re.sub(r"\s+", " ", line.strip())
    if len(line.split()) <= 5 and not line.endswith((".", "。")):
        line = re.sub(r"\d+", "#", line)
    return line.lower()


def _is_page_number(line: str) -> bool:
    s = line.strip()
    return any(p.match(s) for p in _page_number_res())


@cache
def _page_number_anywhere_res() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _data()["page_number_anywhere"]]


@cache
def _title_words() -> tuple[str, ...]:
    """Words of a statement's title in every language (``共同声明``, "joint statement"), lower-cased."""
    return tuple(w.lower() for ws in load_yaml("structure.yaml")["title_words"].values() for w in ws)


def _is_running_header(line: str) -> bool:
    """A short line naming the document (``日印共同声明（仮訳）``): a running header next to a page number."""
    s = line.strip()
    if not s or len(s) > 40 or _NUMBER_START.match(s) or s.endswith(("。", ".")):
        return False
    return any(w in s.lower() for w in _title_words())


@cache
def _navigation_res() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _data()["navigation_lines"]]


@cache
def _breadcrumb_split_re() -> re.Pattern[str]:
    seps = "".join(re.escape(c) for c in _data()["breadcrumb_separators"])
    return re.compile(rf"[ \u3000]+[{seps}][ \u3000]+")


def is_breadcrumb(line: str) -> bool:
    """``Home › Briefing Room › Statements``: short link texts between separators, no sentence."""
    plain = _LINK.sub(lambda m: m.group(1), line.strip())
    if plain.startswith(("|", "｜")) or plain.endswith(("|", "｜")):
        return False  # a Markdown table row
    pieces = [p.strip(" *_") for p in _breadcrumb_split_re().split(plain)]
    if len(pieces) < 2 or any(not p or len(p) > 40 or len(p.split()) > 6 for p in pieces):
        return False
    if any(p.endswith(("。", ".", "、", ",")) or re.search(r"\d{3,}", p) for p in pieces):
        return False  # a sentence or figures ("2020 > 2019"), not navigation
    home = pieces[0].lower() in _data()["breadcrumb_home_words"]
    return len(pieces) >= 3 or home


def _remove_navigation(text: str, work: _Work) -> str:
    """Lines of web page navigation (``[Skip to content](#main)``, "Back to top", breadcrumbs)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() and (any(p.match(line.strip()) for p in _navigation_res()) or is_breadcrumb(line)):
            work.log("page_furniture", line.strip(), "")
            lines[i] = ""
    return "\n".join(lines)


def _neighbour_index(lines: list[str], i: int, step: int) -> int | None:
    """The index of the nearest non-blank line before (``step`` -1) or after (1) line ``i``."""
    j = i + step
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return j if 0 <= j < len(lines) else None


def _neighbour(lines: list[str], i: int, step: int) -> str:
    j = _neighbour_index(lines, i, step)
    return lines[j].strip() if j is not None else ""


def _bare_number_mid_sentence(lines: list[str], i: int) -> bool:
    """A lone page number (``3``) that a page break left inside a sentence: the line before is running
    text (long, no sentence end), so the number cannot be the next paragraph's number after a heading."""
    if not re.fullmatch(r"\d{1,4}", lines[i].strip()):
        return False
    before, after = _neighbour(lines, i, -1), _neighbour(lines, i, 1)
    return bool(before and after) and _display_width(before) >= 60 and not ends_sentence(before) \
        and not before.endswith((":", "：")) and not re.match(r"\d", after)


def _remove_page_numbers_anywhere(text: str, work: _Work) -> str:
    """Page-number lines no paragraph could be (``- 3 -``), also where no form feed marks the pages,
    and a running header right next to one."""
    lines = text.split("\n")
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if line.strip() and (
            any(p.match(line.strip()) for p in _page_number_anywhere_res()) or _bare_number_mid_sentence(lines, i)
        ):
            drop.add(i)
            for step in (-1, 1):  # the nearest line on each side
                j = _neighbour_index(lines, i, step)
                if j is not None and _is_running_header(lines[j]):
                    drop.add(j)
    for i in sorted(drop):
        work.log("page_furniture", lines[i].strip(), "")
    # A dropped line leaves a blank one: the page break stays a block break.
    return "\n".join("" if i in drop else line for i, line in enumerate(lines))


def _remove_page_furniture(text: str, work: _Work) -> str:
    pages = text.split("\f")
    if len(pages) < 2:
        return _remove_page_numbers_anywhere(text, work)
    edge = 3  # furniture sits among the first and last few lines of a page
    edges: list[list[int]] = []
    page_lines = [p.split("\n") for p in pages]
    counts: dict[str, int] = {}
    for lines in page_lines:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        idx = filled[:edge] + [i for i in filled[-edge:] if i not in filled[:edge]]
        edges.append(idx)
        for key in {_furniture_key(lines[i]) for i in idx}:
            counts[key] = counts.get(key, 0) + 1
    threshold = max(2, (len(pages) + 1) // 2)
    out_pages = []
    for lines, idx in zip(page_lines, edges, strict=True):
        drop = set()
        for i in idx:
            line = lines[i]
            if _is_page_number(line) or (counts[_furniture_key(line)] >= threshold and len(line.strip()) < 120):
                drop.add(i)
        for i in sorted(drop):
            work.log("page_furniture", lines[i].strip(), "")
        out_pages.append("\n".join(ln for i, ln in enumerate(lines) if i not in drop))
    # A page break is a block break; step 5 joins what it cut mid-sentence.
    return "\n\n".join(p.strip("\n") for p in out_pages)


def _repeat_key(line: str) -> str:
    return " ".join(line.split())


def _could_be_furniture(key: str) -> bool:
    """Short, has letters, not a sentence, a list item, a numbered paragraph or Markdown markup."""
    return (
        2 <= _display_width(key) <= _data()["running_line_max_width"]
        and any(ch.isalpha() for ch in key)
        and not key.endswith(("。", "．", ".", "!", "?", "！", "？", ";", "；", "、", ",", "，", ":", "："))
        and not BULLET.match(key)
        and not _NUMBER_START.match(key)
        and not key.startswith(("#", "|", ">", "<", "[", "!", "*", "_"))
        and not re.fullmatch(r"[（(［\[].*[)）］\]]", key)  # "(Signed)" under each signature
        and not _is_office_line(key)  # "Prime Minister" over each name of a signature block
    )


@cache
def _office_words() -> tuple[str, ...]:
    titles = load_yaml("structure.yaml")["office_titles"]
    return tuple(w.lower() for ws in titles.values() for w in ws)


def _is_office_line(line: str) -> bool:
    low = line.lower()
    return any(w in low for w in _office_words())


def _remove_repeated_lines(text: str, work: _Work) -> str:
    """Running headers and footers where no form feed marks the pages: a short line that is not a
    sentence and stands, identical, 3+ times in the text, each time several lines after the last
    (a signature block's ``Prime Minister`` lines are only a line or two apart, so they stay).

    Each is replaced by a blank line, so the page break becomes a block break that step 5 joins
    again when it cut a sentence or a word.
    """
    lines = text.split("\n")
    seen: dict[str, list[int]] = {}
    filled = 0
    for line in lines:
        if not line.strip():
            continue
        filled += 1
        key = _repeat_key(line)
        if len(key) <= 200:
            seen.setdefault(key, []).append(filled)
    minimum, gap = _data()["running_line_min_repeats"], _data()["running_line_min_gap"]
    furniture = {
        key for key, at in seen.items()
        if len(at) >= minimum and min(b - a for a, b in zip(at, at[1:], strict=False)) >= gap
        and _could_be_furniture(key)
    }
    if not furniture:
        return text
    for i, line in enumerate(lines):
        if line.strip() and _repeat_key(line) in furniture:
            work.log("page_furniture", line.strip(), "")
            lines[i] = ""
    return "\n".join(lines)


# ------------------------------------------------------------------ 3. blocks and markup

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SEPARATOR = re.compile(r"^[\s\\#*_=~—–-]+$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~^'\"$%&])")
_SUP = re.compile(r"<(sup|sub)>(.*?)</\1>", re.I)
_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|small|big|mark|ins|del|s|font|a)(?:\s[^<>]*)?>", re.I)
_LINK = re.compile(r"(?<!!)\[([^\[\]]+)\]\((?:[^()\s]+)\)")
_EMPHASIS = re.compile(r"(?<![\s*])\*{1,3}|\*{1,3}(?![\s*])|(?<=\s)\*{2,3}(?=\s)|(?<![\w\\])__|__(?!\w)")
# A list item mark: bullets, "1)", lettered and roman items "(a)", "b)", "(iv)", "（ア）" (structure and
# sentences use it too). "(1)" is not one: it numbers paragraphs.
BULLET = re.compile(
    r"^\s*(?:[-*+•●▪◦・]|\d{1,2}\)|\(?[a-z]\)|\((?:i{1,3}|iv|vi{0,3}|ix|x)\)|（[a-zア-ン]）|[ア-ン][．.])\s*(?<=[\s)）．.])(?=\S)"
)
_BOLD_BLOCK = re.compile(r"^\s*(\*{2,3}|__)(?!\s)(.+?)(?<!\s)\1\s*$", re.S)
_BOLD_LEAD = re.compile(r"^\s*(\*\*|__)(?!\s)([^*\n]{1,40}?)(?<!\s)\1\s*(?=[：:]|\S)")


_INLINE_MARKS = re.compile(r"[<\[*_\\+]")


def _strip_inline(line: str) -> str:
    if not _INLINE_MARKS.search(line):  # most lines: no tag, link, emphasis or escape to strip
        return line.rstrip()
    line = _SUP.sub(lambda m: m.group(2), line)
    line = _TAG.sub("", line)
    line = _LINK.sub(lambda m: m.group(1), line)
    bullet = BULLET.match(line)
    head, rest = (line[: bullet.end()], line[bullet.end():]) if bullet and bullet.group().strip() in "*+" else ("", line)
    if head:  # Markdown "* item" / "+ item" bullets become "- item"
        head = "- "
    # Escaped marks (\*, \.) are text: hide them from the emphasis rule, then unescape.
    rest = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), rest)
    rest = _EMPHASIS.sub("", rest)
    rest = re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - 0xE000), rest)
    return (head + rest).rstrip()


def _chunks(text: str) -> list[list[str]]:
    """Groups of lines between blank lines; a Markdown heading line is a group of its own."""
    out: list[list[str]] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        group: list[str] = []
        for line in chunk.split("\n"):
            if not line.strip():
                continue
            if _HEADING.match(line):
                if group:
                    out.append(group)
                out.append([line])
                group = []
            else:
                group.append(line)
        if group:
            out.append(group)
    return out


_VOID_TAG = re.compile(r"<(?:img|br|hr|wbr|source|input|meta|link)\b[^<>]*>", re.I)


def _remove_void_tags(text: str, work: _Work) -> str:
    """HTML tags without text (``<img …/>``), also when the converter wrapped them over lines."""
    def drop(m: re.Match[str]) -> str:
        work.log("markup", m.group(), "")
        return " "

    return _VOID_TAG.sub(drop, text) if "<" in text else text


def _split_blocks(text: str, work: _Work) -> list[Block]:
    text = _remove_void_tags(text, work)
    blocks: list[Block] = []
    for raw_lines in _chunks(text):
        lines: list[str] = []
        kept_raw: list[str] = []
        level: int | None = None
        for raw in raw_lines:
            if _SEPARATOR.match(raw) and not re.search(r"\w", raw):
                work.log("markup", raw.strip(), "")  # rules, "###" end marks, lone dashes
                continue
            m = _HEADING.match(raw)
            body = raw
            if m and m.group(2).strip():
                level = len(m.group(1)) if level is None else level
                body = m.group(2)
            kept_raw.append(raw)
            lines.append(body)
        if not lines:
            continue
        joined_raw = "\n".join(kept_raw)
        block = Block(lines=lines, raw=joined_raw, heading_level=level)
        whole = "\n".join(lines)
        bold = _BOLD_BLOCK.match(whole)
        if bold and "**" not in bold.group(2).replace("***", "") and level is None:
            inner = _strip_inline(bold.group(2)).strip()
            if not inner.endswith((":", "：")):
                block.heading_level = UNMARKED
        elif level is None and _BOLD_LEAD.match(whole):
            block.bold_lead = True
        cleaned = [_strip_inline(ln) for ln in lines]
        cleaned = [c for c in cleaned if c.strip()]
        if not cleaned:
            work.log("markup", joined_raw.strip(), "")
            continue
        before = joined_raw.strip()
        after = "\n".join(c.strip() for c in cleaned)
        if re.sub(r"\s+", "", before) != re.sub(r"\s+", "", after):
            work.log("markup", before, after)
        block.lines = cleaned
        blocks.extend(_split_at_numbers(block))
    return blocks


_NUMBER_START = re.compile(r"^\s*(?:\d{1,3}[.．)]?\s+\S|\d{1,3}\.(?=[A-Z])|[（(]\d{1,3}[)）]\s*\S|[０-９]{1,3}[．.]?\s*\S)")


_CJK_CHAR = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@lru_cache(maxsize=16384)
def _display_width(line: str) -> int:
    """Columns a line takes in print: CJK characters count twice (cached: asked for each line often)."""
    text = line.strip()
    return len(text) + len(_CJK_CHAR.findall(text))


@cache
def _heading_line_re() -> re.Pattern[str]:
    """A whole line in heading brackets (``＜貿易・投資＞``, ``【安全保障】``) or led by a heading mark (``■ 経済``)."""
    spec = load_yaml("structure.yaml")
    pairs = "|".join(f"{re.escape(p[0])}[^{re.escape(p)}]{{1,30}}{re.escape(p[1])}" for p in spec["heading_brackets"])
    marks = re.escape("".join(spec.get("heading_marks", [])))
    return re.compile(rf"^\s*(?:(?:{pairs})|[{marks}]\s*[^。．.、,]{{1,30}}[^。．.、,:：])\s*$")


def _marked_heading_line(line: str) -> bool:
    """Such a line is a heading of its own, also when no blank line separates it from the text."""
    return bool(_heading_line_re().match(line))


def _starts_unit(line: str) -> bool:
    return bool((_NUMBER_START.match(line) or _starts_with_label(line)) and not BULLET.match(line))


def _split_at_numbers(block: Block) -> list[Block]:
    """Paragraphs and headings that a converter left without blank lines between them start new blocks.

    A numbered paragraph or a labelled heading starts a new block after a line
    that ends a sentence. In hard-wrapped text (three lines or more, no list),
    a line well short of the wrap width ends its paragraph when it ends a
    sentence, and stands alone (a title, heading or signature line) when it
    does not; an indented line starts a paragraph when few lines are indented.
    """
    lines = block.lines
    if block.heading_level is not None or len(lines) < 2:
        return [block]
    wrapped = len(lines) >= 3 and not any(BULLET.match(ln) for ln in lines)
    widths = sorted(_display_width(ln) for ln in lines)
    wrap = widths[(3 * len(widths)) // 4] if wrapped else 0
    indented = [bool(re.match(r"^(?:\u3000| {2,})\S", ln)) for ln in lines]
    indent_marks = wrapped and 0 < sum(indented) <= len(lines) // 2

    def short(line: str, share: float) -> bool:
        return wrapped and _display_width(line) < share * wrap

    def standalone(line: str) -> bool:
        return short(line, 0.6) and not ends_sentence(line) and not line.rstrip().endswith((",", "、", "-"))

    out: list[list[str]] = [[lines[0]]]
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        prev_complete = ends_sentence(prev) or standalone(prev)
        if (
            (prev_complete and _starts_unit(line))
            or _marked_heading_line(prev)
            or (_marked_heading_line(line) and (prev_complete or ends_sentence(prev, colon=False)))
            or (ends_sentence(prev) and short(prev, 0.8))
            or standalone(prev)
            or (standalone(line) and ends_sentence(prev))
            or (indent_marks and indented[i] and prev_complete)
        ):
            out.append([line])
        else:
            out[-1].append(line)
    if len(out) == 1:
        return [block]
    pieces = [Block(lines=ls, raw="\n".join(ls)) for ls in out]
    pieces[0].bold_lead = block.bold_lead
    return pieces


# ------------------------------------------------------------------ 4. hard wraps

_HYPHEN_END = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-$")


def _join_pair(a: str, b: str, work: _Work, known_words: set[str]) -> str:
    a = a.rstrip()
    b = b.strip()
    if not a:
        return b
    if not b:
        return a
    # Only the tail of ``a`` is searched: ``a`` grows with each line of a long paragraph.
    hy = _HYPHEN_END.search(a[-64:]) if a.endswith("-") else None
    if hy and b[0].islower():
        head = hy.group(1)
        tail = re.match(r"[A-Za-z]+", b)
        word = head + (tail.group() if tail else "")
        hyphened = f"{head}-{tail.group() if tail else ''}".lower()
        if word.lower() in known_words and hyphened not in known_words:
            work.log("hyphenation", f"{head}-\n{tail.group() if tail else ''}", word)
            return a[:-1] + b
        return a + b  # a real compound (well-known, de-risking): keep the hyphen
    if a.endswith("-") or a.endswith("/"):
        return a + b
    if is_cjk(a[-1]) and is_cjk(b[0]):
        return a + b
    if is_cjk(a[-1]) and b[0] in "（(「『【" or a[-1] in "）)」』】" and is_cjk(b[0]):
        return a + b
    return a + " " + b


def _join_lines(block: Block, work: _Work, known_words: set[str]) -> str:
    """Hard-wrapped lines become one line; list items stay on lines of their own."""
    out: list[str] = []
    for line in block.lines:
        if not out or BULLET.match(line):
            out.append(line.strip() if not BULLET.match(line) else _normalize_bullet(line))
        else:
            out[-1] = _join_pair(out[-1], line, work, known_words)
    return "\n".join(re.sub(r"(?<=\S) {2,}(?=\S)", " ", line) for line in out)  # spaces left by removed tags


def _normalize_bullet(line: str) -> str:
    m = BULLET.match(line)
    assert m is not None
    return m.group().strip() + " " + line[m.end():].strip()


# ------------------------------------------------------------------ 5. breaks

def ends_sentence(text: str, *, colon: bool = True) -> bool:
    """Whether ``text`` ends a sentence; with ``colon``, a line introducing what follows counts too."""
    t = text.rstrip()
    return bool(t) and (t[-1] in _FINAL or (colon and t[-1] in ":："))


def _starts_new_unit(text: str) -> bool:
    return bool(_NUMBER_START.match(text) or BULLET.match(text) or _starts_with_label(text))


def _starts_with_label(text: str) -> bool:
    """``I. Politics``, ``第1章``, ``A. Trade``: a labelled heading (``data/structure.yaml``)."""
    return parse_label(text.strip()) is not None


@cache
def _run_on_words() -> frozenset[str]:
    return frozenset(_data()["english_run_on_words"])


def _is_break_join(a: Block, b: Block) -> bool:
    if a.heading_level is not None or b.heading_level is not None or b.bold_lead:
        return False
    at, bt = a.text, b.text
    if "\n" in at and BULLET.match(at.rsplit("\n", 1)[-1]):
        return False
    if ends_sentence(at) or _starts_new_unit(bt) or re.fullmatch(r"[（(][^（()）]*[)）]", bt):
        return False  # a whole block in brackets ("（仮訳）") stands alone
    last, first = at[-1], bt[0]
    if is_cjk(last) and is_cjk(first):
        # A short unpunctuated Japanese line is a heading (``２．経済分野``), not half a sentence.
        return len(at) >= 40 or "、" in at
    if last.isalpha() or last in ",;-":
        if first.islower():
            return True
        word = re.search(r"([A-Za-z]+)$", at)
        long_enough = len(at) > 60 or _NUMBER_START.match(at)  # a paragraph, not a heading ending in "the"
        return bool(word and word.group(1).lower() in _run_on_words() and long_enough)
    return False


def _is_heading_join(a: Block, b: Block) -> bool:
    """``人づくり：…能力強化された人`` / ``## 材による繁栄``: a plain line cut, its tail marked as a heading."""
    if a.heading_level is not None or b.heading_level is None or b.heading_level == UNMARKED:
        return False
    at, bt = a.text, b.text
    if "\n" in at or ends_sentence(at) or _NUMBER_START.match(at) or _starts_with_label(bt):
        return False
    if is_cjk(at[-1]) and is_cjk(bt[0]):
        return len(bt) < 20
    return bt[0].islower() and at[-1].isalpha()


def _context_tail(text: str) -> str:
    tail = text[-CONTEXT:]
    cut = max(tail.rfind(c) for c in "、。，, ")
    return tail[cut + 1:] if 0 <= cut < len(tail) - 1 else tail


def _context_head(text: str) -> str:
    head = text[:CONTEXT]
    cuts = [i for i in (head.find(c) for c in "、。，, ") if i > 0]
    return head[: min(cuts)] if cuts else head


def _join_breaks(blocks: list[Block], work: _Work, known_words: set[str]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if out and _is_heading_join(out[-1], b):
            a = out.pop()
            sep = "" if is_cjk(a.text[-1]) and is_cjk(b.text[0]) else " "
            merged = Block(lines=[a.text + sep + b.text], raw=a.raw + "\n\n" + b.raw, heading_level=b.heading_level)
            merged.text = a.text + sep + b.text
            work.log("heading_join", f"{a.text}\n\n{b.raw.strip()}", merged.text)
            out.append(merged)
        elif out and _is_break_join(out[-1], b):
            a = out.pop()
            sep = "" if is_cjk(a.text[-1]) and is_cjk(b.text[0]) else " "
            merged = Block(lines=[], raw=a.raw + "\n\n" + b.raw, heading_level=None, bold_lead=a.bold_lead)
            hyphenated = bool(re.search(r"[A-Za-z]-$", a.text) and b.text[0].islower())
            if hyphenated:  # a word cut across the break: joined as a hard wrap would be (``hyphenation``)
                merged.text = _join_pair(a.text, b.text, work, known_words)
                glue = merged.text[len(a.text) - 1: len(merged.text) - len(b.text)]
                after = _context_tail(a.text)[:-1] + glue + _context_head(b.text)
            else:
                merged.text = a.text + sep + b.text
                after = _context_tail(a.text) + sep + _context_head(b.text)
            work.log("page_break_join", f"{_context_tail(a.text)}\n\n{_context_head(b.text)}", after)
            out.append(merged)
        else:
            out.append(b)
    return out


# ------------------------------------------------------------------ 6. spread-out characters

_SPACED_NUMBER = re.compile(r"^(\d(?: \d){1,2})(?=[ \u3000]\S)")
_NUMBER_AT_START = re.compile(r"^[（(]?([0-9０-９]{1,3})(?:[.．)）]|\s)")
_LATIN = "A-Za-zＡ-Ｚａ-ｚ"  # ASCII and full-width Latin letters
_SPACED_LETTERS = re.compile(rf"(?<![{_LATIN}0-9])((?:\S-\s)?)([{_LATIN}](?: [{_LATIN}]){{1,}})(?![{_LATIN}0-9])")
_SPACED_YEAR = re.compile(r"(?<![\d ])(\d(?: \d){1,3})(?=[年月日])")


def _letters_run_ok(run: str, text: str, start: int, end: int) -> bool:
    letters = run.split(" ")
    upper = sum(1 for c in letters if c.isupper())
    if len(letters) == 2:
        # Two letters only between non-Latin neighbours (``（A I）``), never in English prose.
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        return upper == 2 and is_cjk(before) and is_cjk(after)
    return upper >= 2 and upper >= len(letters) - upper


def _fix_spaced(blocks: list[Block], work: _Work) -> None:
    last_number = 0
    for b in blocks:
        if b.heading_level is not None:
            continue
        m = _SPACED_NUMBER.match(b.text)
        if m:
            value = int(m.group(1).replace(" ", ""))
            if value > last_number and not m.group(1).startswith("0"):
                work.log("spaced_digits", m.group(1), str(value))
                b.text = str(value) + b.text[m.end():]
        n = _NUMBER_AT_START.match(b.text)
        if n:
            last_number = max(last_number, int(unicodedata.normalize("NFKC", n.group(1))))

        def letters(m: re.Match[str], text: str = b.text) -> str:
            run = m.group(2)
            if not _letters_run_ok(run, text, m.start(2), m.end(2)):
                return m.group()
            joined = run.replace(" ", "")
            lead = m.group(1)
            if lead:
                lead = lead[0] + "-"
            work.log("spaced_letters", m.group(), lead + joined)
            return lead + joined

        b.text = _SPACED_LETTERS.sub(letters, b.text)

        def year(m: re.Match[str]) -> str:
            joined = m.group(1).replace(" ", "")
            work.log("spaced_digits", m.group(1), joined)
            return joined

        if work.japanese:
            b.text = _SPACED_YEAR.sub(year, b.text)


# ------------------------------------------------------------------ 7. foreign script

def _script_of(ch: str) -> str | None:
    o = ord(ch)
    if 0x30A1 <= o <= 0x30FA or o == 0x30FC:
        return "katakana"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return None


def _fix_foreign(blocks: list[Block], work: _Work) -> None:
    tables: dict[str, dict[str, str]] = _data()["foreign_script"]
    pattern = _foreign_re()
    for b in blocks:
        text = b.text
        if not pattern.search(text):
            continue
        pieces: list[str] = []
        pos = 0
        for m in pattern.finditer(text):
            left = text[m.start() - 1] if m.start() > 0 else ""
            right = text[m.end()] if m.end() < len(text) else ""
            script = _script_of(left) if left else None
            if script is None or _script_of(right) != script or len(m.group()) > 4:
                continue  # a word of that script, not a stray character inside another word
            s, e = m.start(), m.end()
            while s > 0 and _script_of(text[s - 1]) == script:
                s -= 1
            while e < len(text) and _script_of(text[e]) == script:
                e += 1
            table = tables.get(script, {})
            if all(c in table for c in m.group()):
                fixed = "".join(table[c] for c in m.group())
                pieces.append(text[pos:m.start()] + fixed)
                pos = m.end()
                work.log("foreign_script", text[s:e], text[s:m.start()] + fixed + text[m.end():e])
            else:
                work.log("foreign_script", text[s:e], text[s:e], flagged=True)
        if pieces:
            b.text = "".join(pieces) + text[pos:]


# ------------------------------------------------------------------ the stage

_LINE_END_HYPHEN = re.compile(r"[A-Za-z]-[ \t]*\n")


def _known_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?", text)}


def repair_text(raw_text: str) -> tuple[str, list[Repair], list[dict[str, Any]]]:
    """The repaired text, the repairs made, and the blocks with their heading marks."""
    work = _Work()
    text = _normalize_whitespace(raw_text)
    work.japanese = japanese_share(text) > 0.5
    text = _remove_navigation(_remove_repeated_lines(_remove_page_furniture(text, work), work), work)
    blocks = _split_blocks(text, work)
    # The words of the text decide hyphenations; only needed when a line ends in a hyphen.
    known = _known_words(text) if _LINE_END_HYPHEN.search(text) else set()
    for b in blocks:
        b.text = _join_lines(b, work, known)
    blocks = [b for b in blocks if b.text.strip()]
    blocks = _join_breaks(blocks, work, known)
    _fix_spaced(blocks, work)
    _fix_foreign(blocks, work)
    return "\n\n".join(b.text for b in blocks), work.repairs, [b.as_annotation() for b in blocks]


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """YAML front matter at the top of a Markdown file (title, date… of a web archive or of our own
    Markdown rendering): its fields, the text after it, and the block itself ("" when there is none)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text, ""
    import yaml

    try:
        fields = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text, ""
    if not isinstance(fields, dict):
        return {}, text, ""
    return fields, text[m.end():], m.group()


def repair(doc: Document) -> None:
    front, body, block = split_front_matter(doc.raw_text)
    if block:  # metadata for the structure stage, not text
        doc.annotations["front_matter"] = front
        doc.annotations.setdefault("metadata", []).append(block)
    doc.text, doc.repairs, blocks = repair_text(body)
    doc.annotations["blocks"] = blocks
