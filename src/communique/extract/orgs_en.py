"""English organization names: listed names and capitalised phrases around a head noun.

``Philippine Space Agency``, ``Asian Development Bank`` end in a head; ``Ministry of Foreign
Affairs of the Philippines``, ``Government of Japan`` start with one. Sentence-start words,
a possessive owner (``Japan's``) and coordination (``Riken and Argonne National Laboratory``)
are trimmed or split.
"""

from __future__ import annotations

import re
from functools import cache

from communique.datafiles import load_yaml
from communique.extract.gazetteer import countries, gazetteer
from communique.extract.orgforms import Candidate, Forms, bracket_after, forms, in_brackets


def english_candidates(text: str) -> list[Candidate]:
    """Every possible organization mention in an English sentence (they may overlap)."""
    g, f = gazetteer(), forms()
    out: list[Candidate] = []
    for m in g.latin_regex.finditer(text) if g.latin_regex is not None else ():
        if f.en_document_words.match(text, m.end()) or f.en_document_of.search(text, max(0, m.start() - 30), m.start()):
            continue  # UN Charter, Charter of the United Nations: a document's name
        if in_brackets(text, *m.span()):
            continue  # Economic Partnership Agreement (EPA): the acronym of something else
        entry = g.by_name[m.group(0)]
        if entry.place and f.en_place_before.search(text, max(0, m.start() - 24), m.start()):
            continue  # welcomed the President to the White House: the building, a place
        end, acronym = bracket_after(text, m.end())
        out.append(Candidate(m.start(), end, entry.en, entry.kind, entry.other_names("en"), 2, acronym))
    out.extend(_governments(text))
    for m in f.en_standing.finditer(text):  # the Joint Committee: a body the text sets up or refers to
        out.append(Candidate(m.start(), m.end(), m.group(0), "other", [], 0))
    listed = [(c.start, c.end) for c in out]
    for rx in (f.en_head_last, f.en_head_first):
        for m in rx.finditer(text):
            for start, end in _split_coordination(text, *_trim_english(text, m.start(), m.end(), f), f):
                if end - start < 3 or " " not in text[start:end]:
                    continue
                # Japan-North Atlantic Treaty Organization (NATO): a listed name after "Country-".
                if any(ls > start and text[ls - 1] == "-" and le >= end for ls, le in listed):
                    continue
                phrase = text[start:end]
                if f.en_owned_by_document.search(text, max(0, start - 24), start):
                    continue  # the CHIPS and Science Act's ... Fund: a mechanism of a law, not a body
                if phrase in f.en_heads or any(phrase.endswith(x) for x in f.en_not_organizations):
                    continue  # a head alone (Working Group, Armed Forces) names nothing
                words = phrase.split(" ")
                if words[-1] in f.en_country_heads and " ".join(words[:-1]) not in countries().en_names:
                    continue  # the Federal Government, Both Government: no country, no name
                bend, acronym = bracket_after(text, end)
                entry = g.by_name.get(phrase)
                out.append(Candidate(start, bend, entry.en if entry else phrase, entry.kind if entry else None,
                                 entry.other_names("en") if entry else [], 1 if entry else 0, acronym))
    return out


@cache
def _government_regex() -> re.Pattern[str] | None:
    """``government of Japan``, ``the Philippine government``: a country's government written in lower case
    (the capitalised forms are found by the head rules)."""
    names = sorted(countries().en_names, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?<![A-Za-z])(?:government of (?:the )?(?:{alternatives})(?![A-Za-z])"
        rf"|(?<![A-Za-z])(?:{alternatives}) government(?![A-Za-z]))"
    )


def _governments(text: str) -> list[Candidate]:
    rx = _government_regex()
    if rx is None or "government" not in text:
        return []
    g = gazetteer()
    out = []
    for m in rx.finditer(text):
        phrase = m.group(0)
        entry = g.by_name.get(phrase) or g.by_name.get(phrase[0].upper() + phrase[1:])
        name = entry.en if entry else phrase
        out.append(Candidate(m.start(), m.end(), name, "government", entry.other_names("en") if entry else [], 1))
    return out


_ABBREVIATED = re.compile(r"(?:Inc|Ltd|Co|Corp|U\.S|U\.K|Jr|St)\.$")


_POSSESSIVE = re.compile(r"(?:the\s)?[A-Z][\w.\-]*[’']s\s")


_POSSESSIVE_INSIDE = re.compile(r"\b([A-Z]?[\w.\-]*)[’']s\s")


_PLURAL_OWNERS = frozenset({"People", "Children", "Women", "Men", "Workers", "Veterans", "Farmers", "Nations"})


@cache
def _month_after_preposition() -> re.Pattern[str]:
    """``… in March 2025`` / ``… of 2024``: where a date, not the name, follows the name."""
    months = [m for m in load_yaml("dates.yaml")["months_en"] if not m.endswith(".")]  # the full names
    return re.compile(r"\s(?:of|for|on|in)\s(?:the\s)?(?:" + "|".join(months) + r"|\d)")


def _trim_english(text: str, start: int, end: int, f: Forms) -> tuple[int, int]:
    """Drop sentence-start words, a possessive owner (Japan's), trailing connectors and a final stop."""
    while True:
        words = text[start:end].split(" ")
        if len(words) > 1 and (words[0] in f.en_not_modifiers or words[0].lower() in _CONNECTORS):
            start += len(words[0]) + 1
            continue
        m = _POSSESSIVE.match(text, start, end)
        if m:
            start = m.end()
            continue
        # CHIPS and Science Act's International ... Fund: the owner before a possessive is not the name.
        owner = [p for p in _POSSESSIVE_INSIDE.finditer(text, start, end) if p.group(1) not in _PLURAL_OWNERS]
        if owner:
            start = owner[-1].end()
            continue
        break
    while True:
        words = text[start:end].split(" ")
        if len(words) > 1 and words[-1].lower() in _CONNECTORS:
            end -= len(words[-1]) + 1
            continue
        break
    month = _month_after_preposition().search(text, start, end)
    if month:
        end = month.start()
    words = text[start:end].split(" ")
    for i, word in enumerate(words[1:], 1):  # Department of Energy Secretary Granholm
        if word in f.en_titles:
            end = start + len(" ".join(words[:i]))
            break
    phrase = text[start:end]
    if phrase.endswith(",") or (phrase.endswith(".") and not _ABBREVIATED.search(phrase)):
        end -= 1
    # "... Council for U.S. and Japanese": a trailing "for/of X" that ends in an adjective modifies a noun.
    tail = re.search(r"\s(?:of|for|on)\s(?:the\s)?[^()]*$", text[start:end])
    if tail and text[start:end].split(" ")[-1] in countries().en_adjectives:
        end = start + tail.start()
    return start, end


def _is_english_name(phrase: str, f: Forms) -> bool:
    g = gazetteer()
    if phrase in g.by_name:
        return True
    return any(rx.fullmatch(phrase) for rx in (f.en_head_last, f.en_head_first))


def _split_coordination(text: str, start: int, end: int, f: Forms) -> list[tuple[int, int]]:
    """``Riken and Argonne National Laboratory``: two names joined by "and" are two mentions."""
    phrase = text[start:end]
    for m in re.finditer(r",? and (?:the )?", phrase):
        left = phrase[: m.start()]
        if not m.group(0).startswith(",") and re.search(r",\s[A-Z][\w\-]*$", left):
            continue  # Economy, Trade and Industry: an enumeration inside one name
        left_start, left_end = _trim_english(text, start, start + len(left), f)
        right_start, right_end = _trim_english(text, start + m.end(), end, f)
        left_ok = _is_english_name(text[left_start:left_end], f) or left.split(" ")[-1] in f.en_heads
        if left_ok and _is_english_name(text[right_start:right_end], f):
            return [(left_start, left_end), *_split_coordination(text, right_start, right_end, f)]
        if text[left_start:left_end] in countries().en_names and _is_english_name(text[right_start:right_end], f):
            # Philippine and Japan Coast Guard members: the first conjunct's name is not written out,
            # so the mention is the one name the text spells in full.
            return _split_coordination(text, right_start, right_end, f)
        if m.group(0).endswith("the "):
            if left_ok:  # Government of X and the Y Front: Y is not a name
                return [(left_start, left_end)]
            if _is_english_name(text[right_start:right_end], f):  # Japan and the Philippine Coast Guard
                return _split_coordination(text, right_start, right_end, f)
    return [(start, end)]


_CONNECTORS = frozenset({"of", "for", "and", "on", "the", "de", "du", "des", "in", "to", "&"})
