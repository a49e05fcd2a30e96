"""Stage ``instruments``: formal documents a sentence names (signed, exchanged or planned), by kind.

Kinds (ANNOTATION.md): ``mou`` (覚書, memorandum), ``exchange_of_notes`` (交換公文),
``agreement`` (協定, 条約, 憲章, treaty, charter, convention), ``action_plan``
(行動計画, roadmap, agenda, framework), ``other`` (宣言, 文書, declaration, pact...).
The cues are in ``data/instruments.yaml``; resolutions and NDCs are not instruments.
A Japanese mention runs left over the document's name (``二国間航空協定``,
``本協定``); an English one over its capitalised name (``Paris Agreement``).
Every occurrence is listed.
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
    return _Cues(
        ja=ja_rx,
        ja_kind=ja_kind,
        ja_not_before={k: tuple(v) for k, v in (ja.get("not_before") or {}).items()},
        ja_not_after={k: tuple(v) for k, v in (ja.get("not_after") or {}).items()},
        en=en_regex,
        en_kinds=tuple(kinds),
        en_blocks=re.compile("|".join(f"(?:{b})" for b in blocks)) if blocks else None,
    )


def _japanese(text: str) -> list[InstrumentMention]:
    c = _cues()
    out: list[InstrumentMention] = []
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
        out.append(InstrumentMention(text[start:e], c.ja_kind[cue]))
    return out




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
    out: list[InstrumentMention] = []
    for s, e, kind in merged:
        start = s
        if text[s:s + 1].isupper():
            while start > 0:
                m = re.search(r"(?:[A-Z0-9][\w’'.\-]*)\s$", text[max(0, start - 40):start])
                if not m:
                    break
                start -= len(m.group(0))
        out.append(InstrumentMention(text[start:e], kind))
    return out


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
