"""Stage ``organizations``: the organizations each sentence names, with a canonical name when known.

Two sources of candidates, both compiled once from ``data/organizations.yaml``:

* the gazetteer (UN system, international bodies, development banks and agencies,
  ministries and agencies of Japan and other governments, well-known companies);
* the form of a name, for the organizations no list holds (the normal case in an
  unseen statement): a Japanese head noun (``…省``, ``…機構``, ``…銀行``, ``…センター``,
  ``…社``, ``…政府`` after a country name...) with its name running left up to a
  particle or punctuation; an English capitalised phrase ending in (``… Agency``,
  ``… Bank``) or starting with (``Ministry of …``, ``Government of …``) a head noun;
  a name followed by its acronym in brackets, the bracket being part of the mention
  (``国際協力機構（JICA）``, ``World Customs Organization (WCO)``).

Overlapping candidates resolve to the longest. An acronym paired with a full name
anywhere in the statement names that organization wherever it appears alone.
Groupings (G7, Quad), programmes (SATREPS, JCM), events, countries and people are
never candidates: they are not in the gazetteer and have no organization head.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from communique.extract.gazetteer import Entry, countries, gazetteer, split_country_prefix
from communique.model import Document, OrganizationMention

MAX_TEXT = 20_000  # longer "sentences" are cut: no statement sentence is this long
MAX_NAME = 48  # characters a Japanese name runs left from its head, at most
ACRONYM = r"[A-Za-z][A-Za-z0-9&.\-]{0,14}[A-Za-z0-9]"
BRACKET = re.compile(rf"\s?[（(]\s?({ACRONYM})\s?[）)]")
KATAKANA = re.compile(r"[ァ-ヴー]{2,}")
LATIN = re.compile(r"[A-Za-z]")


def _is_name_char(ch: str) -> bool:
    """Characters a Japanese organization name is made of (not hiragana, punctuation or brackets)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF  # kanji
        or ch in "々〆ヶ・"
        or 0x30A1 <= o <= 0x30FA or ch == "ー"  # katakana
        or ch.isascii() and ch.isalnum()
        or 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A  # full-width alnum
    )


def _is_kanji(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FFF or ch == "々"


def _is_katakana(ch: str) -> bool:
    return 0x30A1 <= ord(ch) <= 0x30FA or ch == "ー"


@dataclass
class _Cand:
    start: int
    end: int
    name: str | None
    kind: str | None
    aliases: list[str] = field(default_factory=list)
    priority: int = 0  # gazetteer 2, paired acronym 1, form 0: wins ties of equal length
    acronym: str | None = None
    countries: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Forms:
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
    en_document_words: re.Pattern[str]
    en_document_of: re.Pattern[str]


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _forms() -> _Forms:
    f = gazetteer().forms
    ja, en = f.get("ja", {}), f.get("en", {})
    rules = {r["head"]: r for r in ja.get("suffixes", [])}
    heads = []
    for head, rule in rules.items():
        nb = rule.get("not_before") or []
        heads.append(re.escape(head) + (f"(?!{_alt(nb)})" if nb else ""))
    heads.sort(key=len, reverse=True)
    legal = re.compile(rf"(?:{_alt(ja.get('legal_forms', []))})\s?「[^「」]{{1,40}}(?:「[^「」]{{1,20}}」[^「」]{{0,20}})?」")
    strip = re.compile(r"(?:" + "|".join(ja.get("strip_prefixes", [])) + ")")
    cap = r"(?:[A-Z][A-Za-z0-9'’.&\-]*|U\.S\.)"
    # Connectors inside a name; "the" only after a preposition ("of the Philippines"), so that
    # "X and the Y" is never one name.
    conn = r"(?:(?:of|for|on|in|to)\s(?:the\s)?|(?:and|de|du|des|&)\s)"
    cap_seq = rf"{cap}(?:(?:,\s|\s){conn}*{cap})*"
    head_last = _alt(en.get("heads", []))
    head_first = _alt(en.get("heads_first", []))
    en_head_last = re.compile(
        rf"(?<![A-Za-z0-9])((?:{cap}\s{conn}*){{1,8}}(?:{head_last}))(?![A-Za-z0-9])"
        rf"(?:\s(?:of|for|on)\s(?:the\s)?{cap_seq})?"
    )
    en_head_first = re.compile(
        rf"(?<![A-Za-z0-9])(?:{cap}\s){{0,4}}(?:{head_first})\s(?:of|for|on)\s(?:the\s)?{cap_seq}"
    )
    return _Forms(
        ja_heads=re.compile("|".join(heads)),
        ja_rules=rules,
        legal=legal,
        legal_prefix=re.compile(rf"(?:{_alt(ja.get('legal_forms', []))})"),
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
        en_document_words=re.compile(rf"\s?(?:{_alt(en.get('document_words', []))})\b"),
        en_document_of=re.compile(rf"\b(?:{_alt(en.get('document_words', []))})\s(?:of|on)\s(?:the\s)?$"),
    )


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


LOCAL_BRACKET = re.compile(r"\s?[（(]\s?([^（）()\s]{2,12})\s?[）)]")


def _bracket_after(text: str, end: int, entry: Entry | None = None) -> tuple[int, str | None]:
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


def _in_brackets(text: str, start: int, end: int) -> bool:
    """``（EPA）`` after a name that is not an organization's: an acronym of something else."""
    return start > 0 and text[start - 1] in "（(" and end < len(text) and text[end] in "）)"


# ---------------------------------------------------------------- Japanese

def _left_run(text: str, end: int, internal: tuple[str, ...]) -> int:
    """Start of the name that ends at ``end``: left over name characters and name-internal phrases."""
    i = end
    limit = max(0, end - MAX_NAME)
    while i > limit:
        if _is_name_char(text[i - 1]):
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


def _stem_ok(stem: str, rule: dict, has_bracket: bool, f: _Forms) -> bool:
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


def _japanese_candidates(text: str) -> list[_Cand]:
    g, f = gazetteer(), _forms()
    out: list[_Cand] = []
    # Gazetteer names.
    if g.ja_regex is not None:
        for m in g.ja_regex.finditer(text):
            s, e = m.span()
            name = m.group(0)
            nxt = text[e] if e < len(text) else ""
            if nxt and _is_kanji(nxt) and not text.startswith(f.may_follow, e):
                continue  # part of a longer word: 国連憲章, 国会議員
            if s > 0 and _is_katakana(text[s - 1]) and _is_katakana(name[0]):
                continue  # inside a katakana word
            if nxt and _is_katakana(nxt) and _is_katakana(name[-1]) and len(name) < 4:
                continue
            start, found = _extend_left_over_countries(text, s)
            if text.startswith("株式会社", e):  # 三菱商事株式会社: the legal form is part of the name
                e += len("株式会社")
            entry = g.by_name[name]
            end, acronym = _bracket_after(text, e, entry)
            foreign = [c for c in found if c not in countries().ja_japan]
            out.append(_Cand(start, end, None if foreign else entry.ja, entry.kind,
                             [] if foreign else entry.other_names("ja"), 2, acronym, found))
    for m in g.latin_regex.finditer(text) if g.latin_regex is not None else ():
        if _in_brackets(text, *m.span()):
            continue  # 日EU経済連携協定（EPA）: the acronym of the agreement, not the US agency
        entry = g.by_name[m.group(0)]
        end, acronym = _bracket_after(text, m.end(), entry)
        out.append(_Cand(m.start(), end, entry.ja, entry.kind, entry.other_names("ja"), 2, acronym))
    # Head nouns.
    for m in f.ja_heads.finditer(text):
        rule = f.ja_rules[m.group(0)]
        start = _left_run(text, m.start(), f.internal)
        prefix = f.strip.match(text, start)
        while prefix and prefix.end() > prefix.start():
            start = prefix.end()
            prefix = f.strip.match(text, start)
        end, acronym = _bracket_after(text, m.end())
        stem = text[start:m.start()]
        if not _stem_ok(stem, rule, acronym is not None, f):
            continue
        found, _ = split_country_prefix(stem)
        out.append(_Cand(start, end, None, rule.get("kind"), [], 0, acronym, found))
    # A legal form before a quoted name.
    for m in f.legal.finditer(text):
        inner = m.group(0)[m.group(0).index("「") + 1 : -1]
        out.append(_Cand(m.start(), m.end(), inner, "company", [], 1))
    return out


# ---------------------------------------------------------------- English

def _english_candidates(text: str) -> list[_Cand]:
    g, f = gazetteer(), _forms()
    out: list[_Cand] = []
    for m in g.latin_regex.finditer(text) if g.latin_regex is not None else ():
        if f.en_document_words.match(text, m.end()) or f.en_document_of.search(text, max(0, m.start() - 30), m.start()):
            continue  # UN Charter, Charter of the United Nations: a document's name
        if _in_brackets(text, *m.span()):
            continue  # Economic Partnership Agreement (EPA): the acronym of something else
        entry = g.by_name[m.group(0)]
        end, acronym = _bracket_after(text, m.end())
        out.append(_Cand(m.start(), end, entry.en, entry.kind, entry.other_names("en"), 2, acronym))
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
                if any(phrase.endswith(x) for x in f.en_not_organizations):
                    continue
                words = phrase.split(" ")
                if words[-1] in f.en_country_heads and " ".join(words[:-1]) not in countries().en_names:
                    continue  # the Federal Government, Both Government: no country, no name
                bend, acronym = _bracket_after(text, end)
                entry = g.by_name.get(phrase)
                out.append(_Cand(start, bend, entry.en if entry else phrase, entry.kind if entry else None,
                                 entry.other_names("en") if entry else [], 1 if entry else 0, acronym))
    return out


_ABBREVIATED = re.compile(r"(?:Inc|Ltd|Co|Corp|U\.S|U\.K|Jr|St)\.$")
_POSSESSIVE = re.compile(r"(?:the\s)?[A-Z][\w.\-]*[’']s\s")
_POSSESSIVE_INSIDE = re.compile(r"\b([A-Z]?[\w.\-]*)[’']s\s")
_PLURAL_OWNERS = frozenset({"People", "Children", "Women", "Men", "Workers", "Veterans", "Farmers", "Nations"})
_MONTHS = re.compile(r"\s(?:of|for|on|in)\s(?:the\s)?(?:January|February|March|April|May|June|July|August|September"
                     r"|October|November|December|\d)")


def _trim_english(text: str, start: int, end: int, f: _Forms) -> tuple[int, int]:
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
    month = _MONTHS.search(text, start, end)
    if month:
        end = month.start()
    phrase = text[start:end]
    if phrase.endswith(",") or (phrase.endswith(".") and not _ABBREVIATED.search(phrase)):
        end -= 1
    # "... Council for U.S. and Japanese": a trailing "for/of X" that ends in an adjective modifies a noun.
    tail = re.search(r"\s(?:of|for|on)\s(?:the\s)?[^()]*$", text[start:end])
    if tail and text[start:end].split(" ")[-1] in countries().en_names - _country_nouns():
        end = start + tail.start()
    return start, end


@cache
def _country_nouns() -> frozenset[str]:
    """Country names that are nouns (Japan, the Philippines), as opposed to adjectives (Japanese)."""
    c = countries()
    return frozenset(n for n in c.en_names if not n.endswith(("ese", "ian", "ish", "can", "ine", "ch", "i")))


def _is_english_name(phrase: str, f: _Forms) -> bool:
    g = gazetteer()
    if phrase in g.by_name:
        return True
    return any(rx.fullmatch(phrase) for rx in (f.en_head_last, f.en_head_first))


def _split_coordination(text: str, start: int, end: int, f: _Forms) -> list[tuple[int, int]]:
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
        if m.group(0).endswith("the "):
            if left_ok:  # Government of X and the Y Front: Y is not a name
                return [(left_start, left_end)]
            if _is_english_name(text[right_start:right_end], f):  # Japan and the Philippine Coast Guard
                return _split_coordination(text, right_start, right_end, f)
    return [(start, end)]


_CONNECTORS = frozenset({"of", "for", "and", "on", "the", "de", "du", "des", "in", "to", "&"})


# ---------------------------------------------------------------- selection and naming

def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest candidates first (a listed name wins a tie), none overlapping another."""
    if not cands:
        return []
    taken = bytearray(max(c.end for c in cands) + 1)
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if not any(taken[c.start:c.end]):
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _resolve(text: str, c: _Cand, language: str, acronyms: dict[str, str]) -> list[OrganizationMention]:
    g = gazetteer()
    mention = text[c.start:c.end]
    core = mention
    if c.acronym:
        core = BRACKET.sub("", mention).strip()
    name, aliases, kind = c.name, list(c.aliases), c.kind
    if name is None:
        entry: Entry | None = g.by_name.get(core)
        for legal in ("株式会社", "社"):  # ボーイング社, トヨタ自動車株式会社
            if entry is None and language != "en" and core.endswith(legal):
                entry = g.by_name.get(core[: -len(legal)])
        if entry is None and language != "en":  # 国立研究開発法人科学技術振興機構
            legal_form = _forms().legal_prefix.match(core)
            if legal_form:
                entry = g.by_name.get(core[legal_form.end():])
        found, rest = split_country_prefix(core) if language != "en" else ([], core)
        if entry is None and found and all(x in countries().ja_japan for x in found):
            entry = g.by_name.get(rest)
        if entry is not None:
            name, kind = entry.name(language), kind or entry.kind
            aliases = entry.other_names(language)
        elif c.acronym and c.acronym in acronyms:
            name = acronyms[c.acronym]
        else:
            name = core
    if c.acronym and c.acronym not in aliases:
        aliases.append(c.acronym)
    out = [OrganizationMention(mention=mention, name=name, aliases=aliases, kind=kind)]
    # 日本・カザフスタン外務省: a ministry of each country; the second stands as a mention of its own.
    if len(c.countries) >= 2 and kind in ("ministry", "government", "agency"):
        second = mention[mention.index(c.countries[1]):]
        out.append(OrganizationMention(mention=second, name=BRACKET.sub("", second), kind=kind))
    return out


def _language(language: str | None) -> str:
    return "en" if (language or "").lower().startswith("en") else "ja"


def _candidates(text: str, language: str) -> list[_Cand]:
    return _english_candidates(text) if language == "en" else _japanese_candidates(text)


def _pairs(text: str, cands: list[_Cand]) -> Iterable[tuple[str, str]]:
    for c in cands:
        if c.acronym:
            yield c.acronym, c.name or BRACKET.sub("", text[c.start:c.end]).strip()


def paired_acronyms(texts: Iterable[str], language: str) -> dict[str, str]:
    """Acronyms written in brackets after an organization's name anywhere in the statement,
    except listed ones (they resolve by themselves): acronym -> full name."""
    lang, listed = _language(language), gazetteer().by_name
    found: dict[str, str] = {}
    for text in texts:
        text = text[:MAX_TEXT]
        for acronym, name in _pairs(text, _candidates(text, lang)):
            if acronym not in listed:
                found.setdefault(acronym, name)
    return found


@cache
def _acronym_regex(acronyms: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z0-9])(?:" + _alt(acronyms) + r")(?![A-Za-z0-9])")


def _finish(text: str, cands: list[_Cand], lang: str, acronyms: dict[str, str]) -> list[OrganizationMention]:
    if acronyms:
        for m in _acronym_regex(frozenset(acronyms)).finditer(text):
            cands.append(_Cand(m.start(), m.end(), acronyms[m.group(0)], None, [m.group(0)], 1))
    chosen = _select(cands)
    if lang == "ja":
        chosen = _with_quoted_partners(text, chosen)
    out: list[OrganizationMention] = []
    seen: set[str] = set()
    for c in chosen:
        for org in _resolve(text, c, lang, acronyms):
            if org.mention not in seen:  # each organization once per sentence
                seen.add(org.mention)
                out.append(org)
    return out


# 「アタメケン」及びカザフスタン日本人材開発センター: a quoted name joined to an organization is one too.
_QUOTED_PARTNER = re.compile(r"「([ァ-ヴーA-Za-z0-9・&\- ]{2,30})」(?:及び|並びに|と|や|、)$")


def _with_quoted_partners(text: str, chosen: list[_Cand]) -> list[_Cand]:
    extra = []
    for c in chosen:
        m = _QUOTED_PARTNER.search(text, max(0, c.start - 40), c.start)
        if m and not any(o.start <= m.start(1) < o.end for o in chosen):
            extra.append(_Cand(m.start(1), m.end(1), m.group(1), "other", [], 0))
    return sorted(chosen + extra, key=lambda c: c.start) if extra else chosen


def find_organizations(
    text: str, language: str = "ja", acronyms: dict[str, str] | None = None
) -> list[OrganizationMention]:
    """The organizations ``text`` names, in order, each once; never raises on odd input.

    ``acronyms`` (from :func:`paired_acronyms`) names acronyms that the statement pairs
    with a full name elsewhere."""
    if not text:
        return []
    text = text[:MAX_TEXT]
    lang = _language(language)
    return _finish(text, _candidates(text, lang), lang, acronyms or {})


def organizations(doc: Document) -> None:
    """Fill ``sentence.organizations`` for every sentence of the document."""
    lang, listed = _language(doc.info.language), gazetteer().by_name
    texts = [s.text[:MAX_TEXT] for s in doc.sentences]
    cands = [_candidates(t, lang) if t else [] for t in texts]
    acronyms: dict[str, str] = {}
    for text, found in zip(texts, cands, strict=True):
        for acronym, name in _pairs(text, found):
            if acronym not in listed:
                acronyms.setdefault(acronym, name)
    for sentence, text, found in zip(doc.sentences, texts, cands, strict=True):
        sentence.organizations = _finish(text, found, lang, acronyms) if text else []
