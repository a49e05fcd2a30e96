"""HTML: the main text of a page as Markdown-like text that keeps its structure.

Headings become ``#`` lines, bold-only paragraphs ``**…**``, list items ``- `` or
``1. `` lines, ``<br>`` a newline, and paragraphs are separated by blank lines.
Navigation, scripts, forms and other page chrome are dropped before anything is read,
so no script text can reach the output whatever the markup looks like.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from communique.errors import InputError
from communique.readers.text import bom_encoding, check_text, decode_text


def _tag_set(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Never text of the statement; removed wherever they are. `header` is dropped only outside main/article.
DROP_TAGS = _tag_set(
    "script style nav footer aside form noscript iframe svg template head title math object embed "
    "applet canvas button input select option optgroup textarea datalist output xmp plaintext "
    "noembed noframes frameset frame audio video picture source track map area link meta base "
    "dialog"
)
HEADINGS = {f"h{level}": level for level in range(1, 7)}
BLOCK_TAGS = _tag_set(
    "address article aside blockquote body center dd details div dl dt fieldset figcaption figure "
    "header hgroup html main section summary caption tbody thead tfoot tr td th"
)
LIST_TAGS = frozenset(("ul", "ol", "menu", "dir"))
BOLD_TAGS = frozenset(("strong", "b"))
# Deeper than this, a subtree is read as plain text (iteratively), so hostile nesting cannot
# exhaust Python's recursion limit.
MAX_DEPTH = 150
MAX_LIST_INDENT = 8  # nested-list levels shown by indentation; deeper ones stay at this indent

# Charset labels that browsers read as a larger superset (WHATWG Encoding Standard).
CHARSET_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gbk",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SEPARATED = BLOCK_TAGS | LIST_TAGS | frozenset(HEADINGS) | {"p", "li", "br", "table", "pre"}
_HTML_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")


def decode_html(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode an HTML page: forced encoding, BOM, ``<meta charset>``, then detection."""
    if encoding is None and bom_encoding(data) is None:
        head = data[:4096]
        declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        if declared:
            label = declared.group(1).decode("ascii").lower()
            codec = CHARSET_ALIASES.get(label, label)
            try:
                return check_text(data.decode(codec), name), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall back to detection
    return decode_text(data, name, encoding)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F", "H") and not ("\uac00" <= ch <= "\ud7a3")


def collapse_whitespace(text: str) -> str:
    """HTML white-space collapsing; a line break between two CJK characters disappears (CSS Text 3)."""

    def replace(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        segment_break = "\n" in match.group() and start > 0 and end < len(text)
        if segment_break and _is_wide(text[start - 1]) and _is_wide(text[end]):
            return ""
        return " "

    return _HTML_SPACE_RUN.sub(replace, text).strip(" ")


class _LineBreak:
    """An explicit ``<br>`` in the inline buffer."""


LINE_BREAK = _LineBreak()


@dataclass
class _Block:
    text: str
    list_group: int = 0  # items of one list (with its nested lists) share a number; 0: not a list item


@dataclass
class _Writer:
    blocks: list[_Block] = field(default_factory=list)
    inline: list[str | _LineBreak] = field(default_factory=list)
    prefix: str = ""
    wrap: str = ""
    list_group: int = 0

    def flush(self) -> None:
        segments: list[str] = [""]
        for part in self.inline:
            if isinstance(part, _LineBreak):
                segments.append("")
            else:
                segments[-1] += part
        lines = [collapse_whitespace(segment) for segment in segments]
        text = "\n".join(lines).strip()
        if text:
            if self.wrap:
                text = f"{self.wrap}{text}{self.wrap}"
            self.blocks.append(_Block(self.prefix + text, self.list_group))
        self.inline = []
        self.prefix = self.wrap = ""
        self.list_group = 0

    def text(self) -> str:
        out: list[str] = []
        for i, block in enumerate(self.blocks):
            if i:
                tight = block.list_group != 0 and block.list_group == self.blocks[i - 1].list_group
                out.append("\n" if tight else "\n\n")
            out.append(block.text)
        return "".join(out)


def _is_bold_only(tag: Tag) -> bool:
    """A paragraph whose whole text sits in one <strong>/<b>: a heading in many statements."""
    children = [c for c in tag.children if not (isinstance(c, NavigableString) and not c.strip())]
    while len(children) == 1 and isinstance(children[0], Tag) and children[0].name not in BOLD_TAGS:
        if children[0].name not in ("span", "font", "u"):
            return False
        children = [c for c in children[0].children if not (isinstance(c, NavigableString) and not c.strip())]
    return len(children) == 1 and isinstance(children[0], Tag) and children[0].name in BOLD_TAGS


def _is_content(tag: Tag) -> bool:
    """<main>, <article> or role=main: a <header> inside one holds the title, not the site banner."""
    return tag.name in ("main", "article") or tag.get("role") == "main"


def _inside_content(tag: Tag) -> bool:
    node: Tag | None = tag
    while node is not None:
        if _is_content(node):
            return True
        node = node.parent
    return False


def _plain_string(node: object) -> bool:
    # Comments, CDATA, doctypes and processing instructions are NavigableString subclasses.
    return type(node) is NavigableString


def _dropped(tag: Tag, in_content: bool) -> bool:
    """Page chrome: DROP_TAGS anywhere, and <header> outside main/article (the site banner)."""
    name = (tag.name or "").lower()
    return name in DROP_TAGS or (name == "header" and not in_content)


def plain_text(root: Tag) -> str:
    """The readable strings under ``root``, skipping dropped elements; iterative, for any depth."""
    parts: list[str] = []
    stack: list[tuple[Tag | NavigableString | str, bool]] = [(root, _inside_content(root))]
    while stack:
        node, in_content = stack.pop()
        if isinstance(node, NavigableString):
            if _plain_string(node):
                parts.append(str(node))
        elif isinstance(node, Tag):
            if node is not root and _dropped(node, in_content):
                continue
            in_content = in_content or _is_content(node)
            if node.name in _SEPARATED:
                parts.append(" ")
                stack.append((" ", in_content))  # popped after the children
            stack.extend((child, in_content) for child in reversed(list(node.children)))
        else:
            parts.append(node)
    return "".join(parts)


class _Converter:
    def __init__(self) -> None:
        self.out = _Writer()
        self.list_levels: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
        self.list_groups = 0
        self.in_content = False  # inside <main>/<article>/role=main

    def block(self, tag: Tag, depth: int, *, prefix: str = "", wrap: str = "", list_group: int = 0) -> None:
        self.out.flush()
        self.out.prefix, self.out.wrap, self.out.list_group = prefix, wrap, list_group
        self.walk(tag, depth + 1)
        self.out.flush()

    def walk(self, node: Tag, depth: int) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if _plain_string(child):
                    self.out.inline.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            if not _dropped(child, self.in_content):
                if _is_content(child) and not self.in_content:
                    self.in_content = True
                    self.element(child, depth)
                    self.in_content = False
                else:
                    self.element(child, depth)

    def element(self, tag: Tag, depth: int) -> None:
        name = (tag.name or "").lower()
        if depth > MAX_DEPTH:
            self.out.inline.append(" " + plain_text(tag) + " ")
        elif name in HEADINGS:
            self.block(tag, depth, prefix="#" * HEADINGS[name] + " ")
        elif name in ("p", "div", "center"):  # a <div><b>…</b></div> is a heading as much as a <p>
            self.block(tag, depth, wrap="**" if _is_bold_only(tag) else "")
        elif name in LIST_TAGS:
            self.out.flush()
            if not self.list_levels:
                self.list_groups += 1
            start = tag.get("start")
            number = int(start) if isinstance(start, str) and start.strip().isdigit() else 1
            self.list_levels.append([number if name == "ol" else None])
            self.walk(tag, depth + 1)
            self.list_levels.pop()
            self.out.flush()
        elif name == "li":
            self.list_item(tag, depth)
        elif name == "br":
            self.out.inline.append(LINE_BREAK)
        elif name == "pre":
            self.out.flush()
            text = plain_text(tag).strip("\n")
            if text.strip():
                self.out.blocks.append(_Block(text))
        elif name in ("hr", "img", "wbr"):
            if name == "hr":
                self.out.flush()
        elif name in BLOCK_TAGS or name == "table":
            self.block(tag, depth)
        else:  # inline: a, span, em, strong, sup, ...
            self.walk(tag, depth + 1)

    def list_item(self, tag: Tag, depth: int) -> None:
        if not self.list_levels:  # an <li> outside any list is a list of its own
            self.list_groups += 1
        level = self.list_levels[-1] if self.list_levels else [None]
        indent = "  " * min(max(len(self.list_levels) - 1, 0), MAX_LIST_INDENT)
        value = tag.get("value")
        if level[0] is not None and isinstance(value, str) and value.strip().isdigit():
            level[0] = int(value)
        if level[0] is None:
            marker = "- "
        else:
            marker = f"{level[0]}. "
            level[0] += 1
        self.block(tag, depth, prefix=indent + marker, list_group=max(self.list_groups, 1))


def _content_root(soup: BeautifulSoup) -> Tag:
    for candidate in (soup.find("main"), soup.find(attrs={"role": "main"})):
        if isinstance(candidate, Tag) and plain_text(candidate).strip():
            return candidate
    articles = soup.find_all("article")
    if len(articles) == 1 and plain_text(articles[0]).strip():
        return articles[0]
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def html_to_text(markup: str) -> str:
    """The main text of an HTML page as Markdown-like text (may be empty)."""
    soup = BeautifulSoup(markup, "lxml")
    converter = _Converter()
    root = _content_root(soup)
    converter.in_content = _inside_content(root)
    converter.block(root, 0)
    return converter.out.text()


def read_html(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding) of an HTML file; InputError when it holds no readable text."""
    markup, codec = decode_html(data, name, encoding)
    text = html_to_text(markup)
    if not text.strip():
        raise InputError(f"{name}: no text in the HTML page (only markup)")
    return text, codec
