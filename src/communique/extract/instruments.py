"""Stage ``instruments``: formal documents a sentence names (signed, exchanged or planned), by kind.

Kinds (ANNOTATION.md): ``mou`` (覚書, memorandum), ``exchange_of_notes`` (交換公文),
``agreement`` (協定, 条約, 憲章, treaty, charter, convention), ``action_plan``
(行動計画, roadmap, agenda, framework), ``other`` (宣言, 文書, declaration, pact...).
The cues are in ``data/instruments.yaml``; resolutions and NDCs are not instruments.
A Japanese mention runs left over the document's name (``二国間航空協定``,
``本協定``); an English one over its capitalised name (``Paris Agreement``).
Every occurrence is listed.

A capitalised English name also runs right over its complement (``Declaration on the Conduct of
Parties in the South China Sea``), stopping at another document's name, an owner's possessive or a
dangling connector, and over an acronym in brackets (``… (RCEP) Agreement``, ``… (UNCLOS)``), which
then is not counted again. Well-known treaties by acronym alone (``UNCLOS``, ``NPT``, ``CPTPP``,
``Japan-Viet Nam EPA``, ``日EU・EPA``) are agreements unless the acronym names a group or body
(``FMCT Friends``, ``NPT Review Conference``). Documents without a cue word: a capitalised name that
is signed (``the signing of the Critical Minerals Partnership``), a Japanese name in 「」 that is issued,
adopted or signed (``「日印共同ビジョン」を発出``; not an initiative that is launched), ``Joint Vision``,
``Code of Conduct`` (other), a named strategy (``2050 Strategy for the Blue Pacific Continent``,
action_plan; a national ``National Security Strategy`` is not a joint document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from communique.datafiles import load_yaml
from communique.model import Document, InstrumentMention

MAX_TEXT = 20_000


def _is_name_char(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or ch in "々・"
        or 0x30A1 <= o <= 0x30FA
        or ch == "ー"
        or (ch.isascii() and ch.isalnum())
    )


@dataclass(frozen=True)
class _Cues:
    ja: re.Pattern[str]
    ja_kind: dict[str, str]
    ja_not_before: dict[str, tuple[str, ...]]
    ja_not_after: dict[str, tuple[str, ...]]
    en: re.Pattern[str]
    en_kinds: tuple[str, ...]
    en_blocks: re.Pattern[str] | None
    acronyms: re.Pattern[str] | None  # well-known treaties by acronym (UNCLOS, NPT, CPTPP), both languages
    acronym_kind: dict[str, str]
    ja_quoted: re.Pattern[str] | None  # 「name」 + a verb of issuing or signing
    ja_quoted_not: tuple[str, ...]
    body_heads_en: tuple[str, ...]
    body_heads_ja: tuple[str, ...]


@cache
def _cues() -> _Cues:
    data = load_yaml("instruments.yaml")
    ja, en = data["ja"], data["en"]
    ja_kind = {cue: kind for kind, cues in ja["cues"].items() for cue in cues}
    ja_rx = re.compile("|".join(re.escape(c) for c in sorted(ja_kind, key=len, reverse=True)))
    # One scan: each cue is a branch named after its kind (k0..k4), longer cues first within a kind.
    kinds = list(en["cues"])
    branches = [
        f"(?P<k{i}>{'|'.join(f'(?:{cue})' for cue in sorted(en['cues'][kind], key=len, reverse=True))})"
        for i, kind in enumerate(kinds)
    ]
    en_regex = re.compile(r"(?<![A-Za-z])(?:" + "|".join(branches) + r")(?![A-Za-z])")
    blocks = en.get("not_instrument") or []
    acronym_kind = {a: kind for kind, names in (data.get("known_acronyms") or {}).items() for a in names}
    acronyms = (re.compile(r"(?<![A-Za-z0-9\-])(?:" + "|".join(re.escape(a) for a in sorted(acronym_kind, key=len, reverse=True))
                           + r")(?![A-Za-z0-9\-])") if acronym_kind else None)
    verbs = ja.get("quoted_document_verbs") or []
    ja_quoted = (re.compile(r"「([^「」]{2,40})」(?=" + "|".join(re.escape(v) for v in verbs) + ")") if verbs else None)
    return _Cues(
        ja=ja_rx,
        ja_kind=ja_kind,
        ja_not_before={k: tuple(v) for k, v in (ja.get("not_before") or {}).items()},
        ja_not_after={k: tuple(v) for k, v in (ja.get("not_after") or {}).items()},
        en=en_regex,
        en_kinds=tuple(kinds),
        en_blocks=re.compile("|".join(f"(?:{b})" for b in blocks)) if blocks else None,
        acronyms=acronyms,
        acronym_kind=acronym_kind,
        ja_quoted=ja_quoted,
        ja_quoted_not=tuple(ja.get("quoted_not_documents") or []),
        body_heads_en=tuple(en.get("body_heads") or []),
        body_heads_ja=tuple(ja.get("body_heads") or []),
    )


def _with_acronyms(
    text: str, spans: list[tuple[int, int, str]], blocked: list[tuple[int, int]], english: bool
) -> list[InstrumentMention]:
    """Add treaties named by a known acronym alone, unless the acronym is inside (or in brackets right
    after) a mention already found: ``United Nations Convention on the Law of the Sea (UNCLOS)`` is one."""
    c = _cues()
    out = list(spans)
    if c.acronyms is not None:
        for m in c.acronyms.finditer(text):
            s, e = m.span()
            if any(ss <= s and e <= se for ss, se, _ in spans) or any(bs < e and s < be for bs, be in blocked):
                continue
            if english and re.match(r"\s[A-Z][a-z]", text[e:e + 3]):
                continue  # FMCT Friends, CPTPP Commission: the acronym names a group or body, not the treaty
            if _names_a_body(text, s, e, english):
                continue  # Environmental Protection Agency (EPA), 米国環境保護庁（EPA）: a body's acronym
            if english and s > 0 and text[s - 1] == "(" and text[e:e + 1] == ")":
                e += 1  # Trans-Pacific Partnership (TPP): the name before the bracket is the treaty's
                s -= 1
            if english:  # the Japan-Viet Nam EPA
                while s > 0:
                    w = _NAME_WORD_BEFORE.search(text[max(0, s - 40):s])
                    if not w or w.group(0).startswith("("):
                        break
                    s -= len(w.group(0))
            else:  # 日EU・EPA
                while s > 0 and _is_name_char(text[s - 1]) or s > 0 and text[s - 1] == "・":
                    s -= 1
            out.append((s, e, c.acronym_kind[m.group(0)]))
    out.sort()
    return [InstrumentMention(text[s:e], kind) for s, e, kind in out]


def _names_a_body(text: str, s: int, e: int, english: bool) -> bool:
    """An acronym in brackets after an organization's name is that organization's, not a treaty's."""
    if s == 0 or text[s - 1] not in "(（" or text[e:e + 1] not in ")）":
        return False
    before = text[max(0, s - 30):s - 1].rstrip()
    heads = _cues().body_heads_en if english else _cues().body_heads_ja
    return before.endswith(heads)


_BRACKETED = re.compile(r"\s?[（(][A-Z][A-Za-z0-9\-]{1,12}[）)]")


def _japanese(text: str) -> list[InstrumentMention]:
    c = _cues()
    out: list[tuple[int, int, str]] = []
    for m in c.ja.finditer(text):
        cue, (s, e) = m.group(0), m.span()
        if text.startswith(c.ja_not_before.get(cue, ()), e):
            continue
        if any(text.endswith(w, 0, s) for w in c.ja_not_after.get(cue, ())):
            continue
        start = s
        while start > 0 and _is_name_char(text[start - 1]):
            start -= 1
        while start < s and text[start] == "・":
            start += 1
        b = _BRACKETED.match(text, e)
        out.append((start, b.end() if b else e, c.ja_kind[cue]))
    if c.ja_quoted is not None:  # 「日印共同ビジョン」を発出した: a named document without a cue word
        for m in c.ja_quoted.finditer(text):
            s, e = m.span(1)
            if any(os < e and s < oe for os, oe, _ in out) or m.group(1).endswith(c.ja_quoted_not):
                continue
            out.append((s, e, "other"))
    return _with_acronyms(text, out, [], False)




def _english(text: str) -> list[InstrumentMention]:
    c = _cues()
    blocked = [m.span() for m in c.en_blocks.finditer(text)] if c.en_blocks else []
    found: list[tuple[int, int, str]] = []
    for m in c.en.finditer(text):
        s, e = m.span()
        if any(bs < e and s < be for bs, be in blocked):
            continue
        kind = next(k for i, k in enumerate(c.en_kinds) if m.group(f"k{i}") is not None)
        found.append((s, e, kind))
    # A capitalised name with several cue words is one document whose kind is its last head:
    # "Framework Convention on Climate Change" is a convention, "Framework Convention" one mention.
    merged: list[tuple[int, int, str]] = []
    for s, e, kind in found:
        if merged and re.fullmatch(r"(?:\s+[A-Z][\w’'\-]*)*\s+", text[merged[-1][1]:s] or " ") and text[s:s + 1].isupper():
            merged[-1] = (merged[-1][0], e, kind)
        else:
            merged.append((s, e, kind))
    out: list[tuple[int, int, str]] = []
    for s, e, kind in merged:
        if out and s < out[-1][1]:
            continue  # inside the name of the document before (… Addis Ababa Action Agenda)
        start = s
        if text[s:s + 1].isupper():
            while start > 0:
                # Biological and Toxin Weapons Convention, Regional ... Partnership (RCEP) Agreement
                m = _NAME_WORD_BEFORE.search(text[max(0, start - 40):start])
                if not m or re.search(r"[’']s\s$", m.group(0)):
                    break  # the Forum’s 2050 Strategy: the owner is not part of the name
                start -= len(m.group(0))
            n = _NAME_TAIL.match(text, e)  # Declaration on the Conduct of Parties in the South China Sea
            if n:
                e = n.end()
                owner = re.search(r"\s[A-Z][\w\-]*[’']s\s", text[n.start():e] + " ")
                if owner:  # ... between Japan’s Institute and ...: an owner starts another phrase
                    e = n.start() + owner.start()
                dangling = re.search(r"(?:\s(?:on|of|for|between|concerning|regarding|the|and|or|an?|in|to))+$",
                                     text[n.start():e])
                if dangling:
                    e = n.start() + dangling.start()
                # ... Relations and the Vienna Convention on ...: "and" before another document's name ends it
                for a in re.finditer(r"\s(?:and|or|as well as)\s", text[n.start():e]):
                    if c.en.search(text, n.start() + a.end(), e):
                        e = n.start() + a.start()
                        break
        b = _BRACKETED.match(text, e)
        out.append((start, b.end() if b else e, kind))
    # the signing of the Critical Minerals Partnership: a capitalised name that is signed is a document
    for m in _SIGNED_NAME.finditer(text):
        s, e = m.span(1)
        if any(os < e and s < oe for os, oe, _ in out) or any(bs < e and s < be for bs, be in blocked):
            continue
        if c.acronyms is not None and c.acronyms.search(text, s, e):
            continue  # the signing of the Japan-UK EPA: the acronym says what it is
        out.append((s, e, "other"))
    return _with_acronyms(text, out, blocked, True)


_SIGNED_NAME = re.compile(
    r"\b[Ss]ign(?:ed|ing|s)?\s(?:of\s)?(?:the|a|an)\s"
    r"((?:[A-Z0-9][\w’'\-]*\s(?:and\s|on\s|for\s)?){1,8}[A-Z][\w’'\-]*)"
)
# A capitalised word (or "X and" inside a name) before a cue, or an acronym in brackets.
_NAME_WORD_BEFORE = re.compile(r"(?:[A-Z0-9][\w’'.\-]*|[A-Z][\w’'.\-]*\sand|\([A-Z][A-Za-z0-9\-]{1,12}\))\s$")
# The complement of a document's name: "on/of/for/between" + capitalised words (with of, the, and, in...).
_NAME_TAIL = re.compile(
    r"\s(?:on|of|for|between|concerning|regarding)\s(?:the\s|an?\s)?[A-Z][\w’'\-]*"
    r"(?:\s(?:(?:of|the|and|in|on|for|an?|between|to)\s)*[A-Z][\w’'\-]*){0,10}"
)


def find_instruments(text: str, language: str = "ja") -> list[InstrumentMention]:
    """Every instrument ``text`` names, in order; never raises on odd input."""
    if not text:
        return []
    text = text[:MAX_TEXT]
    if (language or "").lower().startswith("en"):
        return _english(text)
    return _japanese(text)


def instruments(doc: Document) -> None:
    """Fill ``sentence.instruments`` for every sentence of the document."""
    for sentence in doc.sentences:
        sentence.instruments = find_instruments(sentence.text, doc.info.language)
