"""Japanese organization names: listed names and names ending in a head noun (…省, …機構, …社).

A name runs left from its head over kanji, katakana, Latin letters, digits and ・ and stops at
hiragana (particles), punctuation and brackets; a country name before it is part of it
(``カザフスタン共和国エネルギー省``); generic stems (``関係省庁``, ``国際機関``) are not names.
"""

from __future__ import annotations

import re
from functools import cache

from communique.extract.gazetteer import countries, gazetteer, split_country_prefix
from communique.extract.orgforms import (
    Candidate,
    Forms,
    bracket_after,
    forms,
    in_brackets,
    is_kanji,
    is_katakana,
    is_name_char,
)

MAX_NAME = 48  # characters a Japanese name runs left from its head, at most


KATAKANA = re.compile(r"[ァ-ヴー]{2,}")


LATIN = re.compile(r"[A-Za-z]")


@cache
def _country_suffix_regex() -> re.Pattern[str] | None:
    """Country names reversed, to find a country name that ends where a name starts."""
    names = countries().ja_names
    if not names:
        return None
    return re.compile("|".join(re.escape(n[::-1]) for n in sorted(names, key=len, reverse=True)))


def _extend_left_over_countries(text: str, start: int) -> tuple[int, list[str]]:
    """``日本・カザフスタン`` + ``外務省``: move the start left over country names joined by ``・``."""
    rx = _country_suffix_regex()
    found: list[str] = []
    if rx is None:
        return start, found
    while start > 0:
        m = rx.match(text[max(0, start - 20):start][::-1])
        if not m:
            break
        found.insert(0, m.group(0)[::-1])
        start -= m.end()
        if start > 0 and text[start - 1] == "・":
            start -= 1
            if start > 0 and text[start - 1] in countries().ja_abbrev:  # 日・ウズベキスタン外務省
                start -= 1
                found.insert(0, text[start])
                break
            continue
        break
    if start < len(text) and text[start] == "・":
        start += 1
    return start, found


def _left_run(text: str, end: int, internal: tuple[str, ...]) -> int:
    """Start of the name that ends at ``end``: left over name characters and name-internal phrases."""
    i = end
    limit = max(0, end - MAX_NAME)
    while i > limit:
        if is_name_char(text[i - 1]):
            i -= 1
            continue
        for phrase in internal:
            if text.startswith(phrase, i - len(phrase)) and i - len(phrase) >= 0:
                i -= len(phrase)
                break
        else:
            break
    while i < end and text[i] == "・":
        i += 1
    return i


def _stem_ok(stem: str, rule: dict, has_bracket: bool, f: Forms) -> bool:
    kind = rule.get("stem", "any")
    if not stem or len(stem) < int(rule.get("min_stem", 1)):
        return kind == "bracket" and has_bracket and bool(stem)
    if stem in f.generic:
        return False
    found, rest = split_country_prefix(stem)
    if kind == "country":
        return bool(found) and rest in ("", "国", "共和国", "連邦")
    if kind == "bracket":
        return has_bracket
    if kind == "latin":  # エア・アスタナ社, ウズベキスタン航空 (a country alone: the national carrier)
        return bool(KATAKANA.search(stem) or LATIN.search(stem)) and (not found or not rest or bool(
            KATAKANA.search(rest) or LATIN.search(rest)))
    if kind == "named":
        return bool(found or KATAKANA.search(stem) or LATIN.search(stem) or stem.startswith(f.naming))
    return True


def japanese_candidates(text: str) -> list[Candidate]:
    """Every possible organization mention in a Japanese sentence (they may overlap)."""
    g, f = gazetteer(), forms()
    out: list[Candidate] = []
    # Gazetteer names.
    if g.ja_regex is not None:
        for m in g.ja_regex.finditer(text):
            s, e = m.span()
            name = m.group(0)
            entry = g.by_name[name]
            if entry.place and text.startswith(f.ja_place_after, e):
                continue  # ホワイトハウスで会談した: the building, a place
            branch = f.ja_branch.match(text, e)
            nxt = text[e] if e < len(text) else ""
            if nxt and is_kanji(nxt) and not text.startswith(f.may_follow, e) and not branch:
                continue  # part of a longer word: 国連憲章, 国会議員
            if s > 0 and is_katakana(text[s - 1]) and is_katakana(name[0]):
                continue  # inside a katakana word
            if nxt and is_katakana(nxt) and is_katakana(name[-1]) and len(name) < 4:
                continue
            start, found = _extend_left_over_countries(text, s)
            if text.startswith("株式会社", e):  # 三菱商事株式会社: the legal form is part of the name
                e += len("株式会社")
            if branch:  # インド工科大学ハイデラバード校: a campus or office of the listed body, named as written
                end, acronym = bracket_after(text, branch.end())
                out.append(Candidate(start, end, None, entry.kind, [], 2, acronym, found))
                continue
            end, acronym = bracket_after(text, e, entry)
            foreign = [c for c in found if c not in countries().ja_japan]
            out.append(Candidate(start, end, None if foreign else entry.ja, entry.kind,
                             [] if foreign else entry.other_names("ja"), 2, acronym, found))
    for m in g.latin_regex.finditer(text) if g.latin_regex is not None else ():
        if in_brackets(text, *m.span()):
            continue  # 日EU経済連携協定（EPA）: the acronym of the agreement, not the US agency
        entry = g.by_name[m.group(0)]
        branch = f.ja_branch.match(text, m.end())
        if branch:  # JICAタシケント事務所
            end, acronym = bracket_after(text, branch.end())
            out.append(Candidate(m.start(), end, None, entry.kind, [], 2, acronym))
            continue
        end, acronym = bracket_after(text, m.end(), entry)
        out.append(Candidate(m.start(), end, entry.ja, entry.kind, entry.other_names("ja"), 2, acronym))
    # Head nouns.
    for m in f.ja_heads.finditer(text):
        rule = f.ja_rules[m.group(0)]
        start = _left_run(text, m.start(), f.internal)
        prefix = f.strip.match(text, start)
        while prefix and prefix.end() > prefix.start():
            start = prefix.end()
            prefix = f.strip.match(text, start)
        branch = f.ja_branch.match(text, m.end())
        end, acronym = bracket_after(text, branch.end() if branch else m.end())
        stem = text[start:m.start()]
        if not _stem_ok(stem, rule, acronym is not None, f):
            continue
        found, _ = split_country_prefix(stem)
        out.append(Candidate(start, end, None, rule.get("kind"), [], 0, acronym, found))
    # A legal form before a quoted name.
    for m in f.legal.finditer(text):
        inner = m.group(0)[m.group(0).index("「") + 1 : -1]
        out.append(Candidate(m.start(), m.end(), inner, "company", [], 1))
    return out


_QUOTED_PARTNER = re.compile(r"「([ァ-ヴーA-Za-z0-9・&\- ]{2,30})」(?:及び|並びに|と|や|、)$")


def with_quoted_partners(text: str, chosen: list[Candidate]) -> list[Candidate]:
    extra = []
    for c in chosen:
        m = _QUOTED_PARTNER.search(text, max(0, c.start - 40), c.start)
        if m and not any(o.start <= m.start(1) < o.end for o in chosen):
            extra.append(Candidate(m.start(1), m.end(1), m.group(1), "other", [], 0))
    return sorted(chosen + extra, key=lambda c: c.start) if extra else chosen
