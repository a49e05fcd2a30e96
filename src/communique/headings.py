"""Headings: their printed labels (``I``, ``Section 1``, ``第1章``…) and the section tree they build.

Nesting follows the kinds of label, in the order a statement first uses them
(``I`` then ``A.`` then ``1.``); an unlabelled heading under an open labelled
one is its subsection (the three priority areas under ``III``); unlabelled
headings elsewhere nest by their Markdown depth.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from communique.datafiles import load_yaml
from communique.model import Section

UNMARKED = 7  # heading level of a bold-only or plain line (deeper than any Markdown heading)


def roman_numeral(number: int) -> str:
    """``4`` -> ``IV``: a printed label (a Word list number, a generated heading)."""
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for value, numeral in numerals:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out) or str(number)


@dataclass(frozen=True)
class Label:
    label: str
    title: str
    type: str


@cache
def _label_patterns() -> list[tuple[str, re.Pattern[str]]]:
    spec = load_yaml("structure.yaml")["heading_labels"]
    return [(item["type"], re.compile(item["pattern"])) for item in spec]


def parse_label(text: str, *, allow_arabic: bool = False) -> Label | None:
    """The printed label of a heading line and its title, when the line starts with one."""
    for kind, pattern in _label_patterns():
        if kind.startswith("arabic") and not allow_arabic:
            continue
        m = pattern.match(text.strip())
        if m and m.group("label"):
            title = m.group("title").strip()
            if kind == "roman" and title[:1].islower():
                continue  # "I am…", "V or W": a sentence, not a numbered heading
            return Label(m.group("label").strip(), title, kind)
    return None


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base~2``, ``base~3``… when taken; the result is added to ``taken``."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}~{n}"
    taken.add(candidate)
    return candidate


@dataclass
class _Open:
    level: int
    section: Section
    labelled: bool
    md_level: int


class SectionTree:
    """Builds ``doc.sections`` heading by heading, keeping the chain of open sections."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self._stack: list[_Open] = []
        self._type_levels: dict[str, int] = {}
        self._ids: set[str] = set()

    @property
    def current(self) -> Section | None:
        return self._stack[-1].section if self._stack else None

    def _level_for(self, label: Label | None, md_level: int) -> int:
        if label is not None:
            if label.type not in self._type_levels:
                self._type_levels[label.type] = len(self._type_levels) + 1
            return self._type_levels[label.type]
        labelled = [o for o in self._stack if o.labelled]
        if labelled:
            return labelled[-1].level + 1
        if self._stack and not self._stack[-1].labelled and self._stack[-1].md_level < md_level:
            return self._stack[-1].level + 1  # "# Part" then "## Topic"
        unlabelled = [o for o in self._stack if not o.labelled and o.md_level <= md_level]
        return unlabelled[-1].level if unlabelled else 1

    def _new_id(self, label: Label | None, parent: Section | None) -> str:
        if label is not None:
            printed = unicodedata.normalize("NFKC", label.label)  # "１" and "1" make the same id
            base = printed if parent is None else f"{parent.id}.{printed}"
        else:
            siblings = sum(1 for s in self.sections if s.parent == (parent.id if parent else None))
            base = f"{parent.id}.{siblings + 1}" if parent else f"s{siblings + 1}"
        return unique_id(re.sub(r"\s+", "_", base), self._ids)

    def add(self, title: str, label: Label | None = None, md_level: int = UNMARKED) -> Section:
        level = self._level_for(label, md_level)
        while self._stack and self._stack[-1].level >= level:
            self._stack.pop()
        parent = self._stack[-1].section if self._stack else None
        section = Section(
            id=self._new_id(label, parent),
            title=title,
            parent=parent.id if parent else None,
            label=label.label if label else None,
        )
        self.sections.append(section)
        self._stack.append(_Open(level, section, label is not None, md_level))
        return section
