"""Named-entity view of a sentence: wrap the mentions extraction found in ``<mark>`` spans.

Statement text is untrusted input. Every piece of it goes through :func:`escape` (or
:func:`format_html`, which escapes its arguments); the result is a SafeString built only
from escaped pieces, never from ``mark_safe`` on statement text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from communique import countries
from communique.datafiles import load_yaml

KINDS: tuple[str, ...] = ("actor", "organization", "instrument", "date")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # one of KINDS
    title: str  # tooltip: canonical name, instrument kind or ISO value


def joint_words(actors: Sequence[str], language: str) -> list[str]:
    """Words for "both sides" / "the leaders", when the sentence has several actors."""
    return list(load_yaml("highlight.yaml")["joint"].get(language, [])) if len(actors) >= 2 else []


def country_spans(text: str, actors: Sequence[str], language: str) -> list[Span]:
    """Mentions of the acting countries, found by the country gazetteer (``communique.countries``).

    A Japanese ``側`` right after the name (``日本側``) belongs to the actor.
    """
    wanted = set(actors)
    spans = []
    for m in countries.find(text, language):
        if m.iso3 in wanted:
            end = m.end + 1 if text[m.end : m.end + 1] == "側" else m.end
            spans.append(Span(m.start, end, "actor", m.iso3))
    return spans


def find_spans(text: str, sentence: dict[str, Any] | Any, language: str = "ja") -> list[Span]:
    """Every occurrence in ``text`` of the sentence's mentions, overlaps resolved (longest first)."""
    get = sentence.get if isinstance(sentence, dict) else lambda k, d=None: getattr(sentence, k, d)
    wanted: list[tuple[str, str, str]] = []  # (surface, kind, title)
    for org in get("organizations", []) or []:
        wanted.append((org.get("mention", ""), "organization", org.get("name") or org.get("mention", "")))
    for ins in get("instruments", []) or []:
        wanted.append((ins.get("mention", ""), "instrument", ins.get("kind", "")))
    for date in get("dates", []) or []:
        wanted.append((date.get("mention", ""), "date", date.get("value", "")))
    actors = list(get("actors", []) or [])
    for word in joint_words(actors, language):
        wanted.append((word, "actor", ", ".join(actors)))
    candidates: list[Span] = country_spans(text, actors, language)
    for surface, kind, title in wanted:
        if not surface:
            continue
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not surface.isascii() or _at_word_bounds(text, start, end):
                candidates.append(Span(start, end, kind, title))
            start = text.find(surface, end)
    return _without_overlaps(candidates)


def _at_word_bounds(text: str, start: int, end: int) -> bool:
    """Latin words match whole (``we`` not inside ``between``); Japanese has no word spaces."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def _without_overlaps(spans: Iterable[Span]) -> list[Span]:
    taken: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def highlight(text: str, spans: Sequence[Span]) -> SafeString:
    """``text`` escaped, with each span wrapped in ``<mark class="ent ent-KIND" title=...>``."""
    out = SafeString("")
    pos = 0
    for span in spans:
        out += escape(text[pos : span.start])
        out += format_html(
            '<mark class="ent ent-{}" title="{}">{}</mark>', span.kind, span.title, text[span.start : span.end]
        )
        pos = span.end
    out += escape(text[pos:])
    return out


def search_hits(text: str, query: str) -> list[Span]:
    """Where ``query`` occurs in ``text`` (case-insensitive), for marking search results."""
    if not query:
        return []
    folded, needle = text.casefold(), query.casefold()
    if len(folded) != len(text):  # casefold changed lengths (e.g. ß): fall back to exact matching
        folded, needle = text, query
    spans, start = [], folded.find(needle)
    while start >= 0 and needle:
        spans.append(Span(start, start + len(needle), "hit", query))
        start = folded.find(needle, start + len(needle))
    return spans


def snippet(text: str, query: str, width: int = 160) -> SafeString:
    """The start of ``text`` (or the part around the first hit), escaped, hits marked."""
    at = text.casefold().find(query.casefold()) if query else -1
    start = max(0, at - width // 3) if at > width - len(query) else 0
    part = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return escape(prefix) + highlight(part, search_hits(part, query)) + escape(suffix)


def highlight_sentence(sentence: Any, language: str = "ja") -> SafeString:
    """The sentence's text with its entities marked (a tracker Sentence or a statement@1 dict)."""
    text = sentence["text"] if isinstance(sentence, dict) else sentence.text
    return highlight(text, find_spans(text, sentence, language))
