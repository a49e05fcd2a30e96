"""Stage ``sentences``: paragraphs -> sentences.

Japanese splits at ``。！？`` outside 「」『』（） brackets; English at sentence ends,
where the abbreviations of ``data/sentences.yaml`` (U.S., D.C., e.g., No.…)
and initials (Joseph R. Biden) do not end a sentence, and a full stop glued to
the next sentence (``Treaty.President``) does. Every line of a paragraph is
split on its own: a list item is a sentence (its bullet mark dropped).
Sentence ids are ``{paragraph_id}.s{n}``.
"""

from __future__ import annotations

import re
from functools import cache

from communique.datafiles import load_yaml
from communique.model import Document, Sentence
from communique.repair import BULLET

_JA_END = "。！？!?"
_KANA = re.compile("[\u3040-\u30ff]")
_EN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])")


@cache
def _spec() -> dict:
    return load_yaml("sentences.yaml")


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    exact = frozenset(a for a in _spec()["abbreviations"])
    return exact, frozenset(a.lower() for a in exact if a[0].islower())


@cache
def _japanese_marks() -> re.Pattern[str]:
    """The only characters the Japanese splitter looks at: brackets and sentence ends."""
    return re.compile("[" + re.escape(_spec()["open_brackets"] + _spec()["close_brackets"] + _JA_END) + "]")


def split_japanese(text: str) -> list[str]:
    opens = _spec()["open_brackets"]
    out: list[str] = []
    depth = 0
    start = 0
    for m in _japanese_marks().finditer(text):
        ch = m.group()
        if ch in opens:
            depth += 1
        elif ch not in _JA_END:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(text[start: m.end()])
            start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _ends_in_abbreviation(before: str, after: str) -> bool:
    exact, lower = _abbreviations()
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("(\"'“‘[")
    if word in exact or word.lower() in lower or (word.endswith(".") and word.split("-")[-1] in exact):
        opener = after.split(None, 1)[0] if after.strip() else ""
        return opener.strip("\"'“‘(") not in _spec()["sentence_openers"] or word in ("e.g.", "i.e.", "No.", "Nos.")
    # An initial ("Joseph R. Biden") or a single-letter label does not end a sentence.
    return bool(re.fullmatch(r"[A-Z]\.", word))


def split_english(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _EN_END.finditer(text):
        end = m.end()
        # Only the last word before and the first word after matter: short slices keep long texts linear.
        if _ends_in_abbreviation(text[max(start, m.start() - 60): end], text[end: end + 60]):
            continue
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def split(text: str, language: str) -> list[str]:
    """The sentences of a paragraph's text, line by line (list items are sentences of their own)."""
    sentences: list[str] = []
    for line in text.split("\n"):
        line = BULLET.sub("", line.strip(), count=1)
        if not line:
            continue
        if language == "ja" or _KANA.search(line):
            sentences.extend(split_japanese(line))
        else:
            sentences.extend(split_english(line))
    return sentences


def sentences(doc: Document) -> None:
    doc.sentences = []
    for p in doc.paragraphs:
        for i, text in enumerate(split(p.text, doc.info.language), 1):
            doc.sentences.append(Sentence(id=f"{p.id}.s{i}", paragraph=p.id, text=text))
