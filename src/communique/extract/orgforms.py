"""Organization names by their form: the compiled rules and what both languages share.

The rules (head nouns, generic stems, connectors...) are in ``data/organizations.yaml``
under ``forms``; :func:`forms` compiles them once. :class:`Candidate` is one possible
mention, found by the Japanese (:mod:`.orgs_ja`) or English (:mod:`.orgs_en`) rules or
by the gazetteer, before :mod:`.organizations` picks and names them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from communique.extract.gazetteer import Entry, gazetteer

ACRONYM = r"[A-Za-z][A-Za-z0-9&.\-]{0,14}[A-Za-z0-9]"
BRACKET = re.compile(rf"\s?[（(]\s?({ACRONYM})\s?[）)]")


def is_name_char(ch: str) -> bool:
    """Characters a Japanese organization name is made of (not hiragana, punctuation or brackets)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF  # kanji
        or ch in "々〆ヶ・"
        or 0x30A1 <= o <= 0x30FA or ch == "ー"  # katakana
        or ch.isascii() and ch.isalnum()
        or 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A  # full-width alnum
    )


def is_kanji(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FFF or ch == "々"


def is_katakana(ch: str) -> bool:
    return 0x30A1 <= ord(ch) <= 0x30FA or ch == "ー"


@dataclass
class Candidate:
    start: int
    end: int
    name: str | None
    kind: str | None
    aliases: list[str] = field(default_factory=list)
    priority: int = 0  # gazetteer 2, paired acronym 1, form 0: wins ties of equal length
    acronym: str | None = None
    countries: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Forms:
    ja_heads: re.Pattern[str]
    ja_rules: dict[str, dict]
    legal: re.Pattern[str]
    legal_prefix: re.Pattern[str]
    generic: frozenset[str]
    strip: re.Pattern[str]
    naming: tuple[str, ...]
    internal: tuple[str, ...]
    may_follow: tuple[str, ...]
    en_head_last: re.Pattern[str]
    en_head_first: re.Pattern[str]
    en_not_modifiers: frozenset[str]
    en_heads: frozenset[str]
    en_not_organizations: frozenset[str]
    en_country_heads: frozenset[str]
    en_titles: frozenset[str]
    en_document_words: re.Pattern[str]
    en_document_of: re.Pattern[str]
    en_standing: re.Pattern[str]
    en_owned_by_document: re.Pattern[str]
    en_place_before: re.Pattern[str]
    ja_branch: re.Pattern[str]
    ja_place_after: tuple[str, ...]


def alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def forms() -> Forms:
    f = gazetteer().forms
    ja, en = f.get("ja", {}), f.get("en", {})
    rules = {r["head"]: r for r in ja.get("suffixes", [])}
    heads = []
    for head, rule in rules.items():
        nb = rule.get("not_before") or []
        heads.append(re.escape(head) + (f"(?!{alt(nb)})" if nb else ""))
    heads.sort(key=len, reverse=True)
    legal = re.compile(rf"(?:{alt(ja.get('legal_forms', []))})\s?「[^「」]{{1,40}}(?:「[^「」]{{1,20}}」[^「」]{{0,20}})?」")
    strip = re.compile(r"(?:" + "|".join(ja.get("strip_prefixes", [])) + ")")
    cap = r"(?:[A-Z][A-Za-z0-9'’.&\-]*|U\.S\.)"
    # Connectors inside a name; "the" only after a preposition ("of the Philippines"), so that
    # "X and the Y" is never one name.
    conn = r"(?:(?:of|for|on|in|to)\s(?:the\s)?|(?:and|de|du|des|&)\s)"
    cap_seq = rf"{cap}(?:(?:,\s|\s){conn}*{cap})*"
    head_last = alt(en.get("heads", []))
    head_first = alt(en.get("heads_first", []))
    en_head_last = re.compile(
        rf"(?<![A-Za-z0-9])((?:{cap}\s{conn}*){{1,8}}(?:{head_last}))(?![A-Za-z0-9])"
        rf"(?:\s(?:of|for|on)\s(?:the\s)?{cap_seq})?"
    )
    en_head_first = re.compile(
        rf"(?<![A-Za-z0-9])(?:{cap}\s){{0,4}}(?:{head_first})\s(?:of|for|on)\s(?:the\s)?{cap_seq}"
    )
    modifiers = alt(en.get("standing_modifiers", [])) or "(?!)"
    standing = re.compile(rf"(?<=\bthe )(?:{cap}\s)?(?:{modifiers})\s(?:{head_last})(?![A-Za-z0-9])")
    owners = alt(en.get("document_owners", [])) or "(?!)"
    place_before = alt(en.get("place_before", [])) or "(?!)"
    branch = alt(ja.get("branch_suffixes", [])) or "(?!)"
    return Forms(
        ja_heads=re.compile("|".join(heads)),
        ja_rules=rules,
        legal=legal,
        legal_prefix=re.compile(rf"(?:{alt(ja.get('legal_forms', []))})"),
        generic=frozenset(ja.get("generic_stems", [])),
        strip=strip,
        naming=tuple(ja.get("naming_prefixes", [])),
        internal=tuple(ja.get("name_internal", [])),
        may_follow=tuple(ja.get("may_follow", [])),
        en_head_last=en_head_last,
        en_head_first=en_head_first,
        en_not_modifiers=frozenset(en.get("not_modifiers", [])),
        en_heads=frozenset(en.get("heads", [])),
        en_not_organizations=frozenset(en.get("not_organizations", [])),
        en_country_heads=frozenset(en.get("country_heads", [])),
        en_titles=frozenset(en.get("titles", [])),
        en_document_words=re.compile(rf"\s?(?:{alt(en.get('document_words', []))})\b"),
        en_document_of=re.compile(rf"\b(?:{alt(en.get('document_words', []))})\s(?:of|on)\s(?:the\s)?$"),
        en_standing=standing,
        en_owned_by_document=re.compile(rf"\b(?:{owners})[’']s\s$"),
        en_place_before=re.compile(rf"\b(?:{place_before})\s(?:the\s)?$", re.IGNORECASE),
        # a place name (katakana, Latin letters or kanji of a country/city, short) and a branch suffix
        ja_branch=re.compile(rf"(?:[ァ-ヴー・]{{2,16}}|[A-Za-z]{{2,16}}|[一-龥]{{2,6}}?)(?:{branch})(?![一-龥])"),
        ja_place_after=tuple(ja.get("place_after", [])),
    )


LOCAL_BRACKET = re.compile(r"\s?[（(]\s?([^（）()\s]{2,12})\s?[）)]")


def bracket_after(text: str, end: int, entry: Entry | None = None) -> tuple[int, str | None]:
    """An acronym in brackets after a name; for a listed organization also its other short names
    (日本貿易振興機構（ジェトロ）, 日本経済団体連合会（経団連）)."""
    m = BRACKET.match(text, end)
    if m:
        return m.end(), m.group(1)
    if entry is not None:
        m = LOCAL_BRACKET.match(text, end)
        if m and m.group(1) in entry.aliases:
            return m.end(), m.group(1)
    return end, None


def in_brackets(text: str, start: int, end: int) -> bool:
    """``（EPA）`` after a name that is not an organization's: an acronym of something else."""
    return start > 0 and text[start - 1] in "（(" and end < len(text) and text[end] in "）)"
