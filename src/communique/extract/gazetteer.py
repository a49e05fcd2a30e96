"""The organization gazetteer and country names, loaded once and compiled into regexes.

Data: ``data/organizations.yaml`` (entries and the form rules) and
``data/countries.yaml`` (country names, shared with the actors stage).
Everything here is cached: built on first use, then shared by every sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from communique.datafiles import load_yaml
from communique.regexes import trie_pattern


@dataclass(frozen=True)
class Entry:
    """One gazetteer organization."""

    en: str
    ja: str
    kind: str
    aliases: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    place: bool = False  # a seat that names its institution (White House): a place after "at the"

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.ja

    def other_names(self, language: str) -> list[str]:
        """Names to give as aliases: the other language's canonical name and the acronyms."""
        out = [self.ja if language == "en" else self.en, *self.abbr]
        return list(dict.fromkeys(out))


@dataclass
class Gazetteer:
    entries: list[Entry]
    by_name: dict[str, Entry]  # every name, alias and acronym -> entry
    ja_regex: re.Pattern[str] | None  # Japanese names and aliases (longest first)
    latin_regex: re.Pattern[str] | None  # Latin-script names, aliases and acronyms (case-sensitive, whole words)
    forms: dict[str, Any] = field(default_factory=dict)


def _is_latin(name: str) -> bool:
    return all(ord(ch) < 0x2000 for ch in name)


@cache
def gazetteer() -> Gazetteer:
    data = load_yaml("organizations.yaml") or {}
    entries: list[Entry] = []
    by_name: dict[str, Entry] = {}
    for raw in data.get("organizations", []):
        entry = Entry(
            en=str(raw["en"]),
            ja=str(raw["ja"]),
            kind=str(raw.get("kind", "other")),
            aliases=tuple(str(a) for a in raw.get("aliases", []) or []),
            abbr=tuple(str(a) for a in raw.get("abbr", []) or []),
            place=bool(raw.get("place", False)),
        )
        entries.append(entry)
        for n in (entry.en, entry.ja, *entry.aliases, *entry.abbr):
            by_name.setdefault(n, entry)
            by_name.setdefault(n.replace("'", "’"), entry)  # typographic apostrophes, as web texts have them
            if n.startswith("the "):
                by_name.setdefault(n[4:], entry)
    ja_names = sorted({n for n in by_name if not _is_latin(n)}, key=len, reverse=True)
    latin_names = sorted({n[4:] if n.startswith("the ") else n for n in by_name if _is_latin(n)},
                         key=len, reverse=True)
    ja_regex = re.compile(trie_pattern(ja_names)) if ja_names else None
    latin_regex = (
        re.compile(r"(?<![A-Za-z0-9_.&'’])(?:" + trie_pattern(latin_names) + r")(?![A-Za-z0-9_&])")
        if latin_names
        else None
    )
    return Gazetteer(entries, by_name, ja_regex, latin_regex, data.get("forms", {}))


@dataclass(frozen=True)
class Countries:
    ja_names: frozenset[str]
    ja_japan: frozenset[str]  # names of Japan (日本, 日本国, and 日 in pair forms)
    ja_abbrev: frozenset[str]  # one-character forms used only in pairs: 日・カザフスタン, 日米
    ja_regex: re.Pattern[str] | None  # any Japanese country name, longest first
    en_names: frozenset[str]  # names and adjectives, "the" removed
    en_japan: frozenset[str]
    en_adjectives: frozenset[str] = frozenset()  # Japanese, Kazakh: only ever adjectives, never a country's name


@cache
def countries() -> Countries:
    ja: set[str] = set()
    ja_japan: set[str] = set()
    abbrev: set[str] = set()
    en_japan: set[str] = set()
    en_nouns: set[str] = set()
    en_adjectives: set[str] = set()
    for c in load_yaml("countries.yaml")["countries"]:
        names_ja = list((c.get("ja") or {}).get("names", []) or [])
        nouns_en = [_strip_the(n) for n in (c.get("en") or {}).get("names", []) or []]
        adjectives_en = [_strip_the(n) for n in (c.get("en") or {}).get("adjectives", []) or []]
        ja.update(names_ja)
        en_nouns.update(nouns_en)
        en_adjectives.update(adjectives_en)
        short = (c.get("ja") or {}).get("abbrev")
        if short:
            abbrev.add(str(short))
        if c.get("iso3") == "JPN":
            ja_japan.update(names_ja + ([str(short)] if short else []))
            en_japan.update(nouns_en + adjectives_en)
    ja |= ja_japan  # Japan's one-character form (日) matches as a name too
    en = en_nouns | en_adjectives
    ja_regex = re.compile("|".join(re.escape(n) for n in sorted(ja, key=len, reverse=True))) if ja else None
    return Countries(
        frozenset(ja), frozenset(ja_japan), frozenset(abbrev), ja_regex, frozenset(en), frozenset(en_japan),
        frozenset(en_adjectives - en_nouns),
    )


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith("the ") else name


def split_country_prefix(stem: str) -> tuple[list[str], str]:
    """``日本・カザフスタン外務`` -> (["日本", "カザフスタン"], "外務"): leading country names and the rest."""
    c = countries()
    found: list[str] = []
    rest = stem
    while rest and c.ja_regex is not None:
        if len(rest) > 1 and rest[1] == "・" and rest[0] in c.ja_abbrev:  # 日・カザフスタン
            found.append(rest[0])
            rest = rest[2:]
            continue
        if not found and len(rest) > 1 and rest[0] in c.ja_abbrev and rest[1] in c.ja_abbrev:  # 日米, 日米豪
            n = 0
            while n < len(rest) and rest[n] in c.ja_abbrev:
                n += 1
            found.extend(rest[:n])
            rest = rest[n:]
            break
        m = c.ja_regex.match(rest)
        if not m:
            break
        found.append(m.group(0))
        rest = rest[m.end():]
        if rest.startswith("・"):
            rest = rest[1:]
            continue
        # A country name directly followed by another is a pair (日本カザフスタン...) only with ・.
        break
    return found, rest
