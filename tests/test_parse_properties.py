"""Property tests: random and mutated statements never crash the parser nor lose text silently."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import communique
from communique.errors import CommuniqueError
from communique.interchange import validation_errors
from communique.model import Document
from communique.pipeline import PARSE_STAGES


def unaccounted_characters(doc: Document) -> Counter[str]:
    """Source characters (spaces aside) found in no paragraph, heading, metadata or logged repair.

    Counted as a multiset: a block dropped silently shows up even when its
    characters occur elsewhere in the statement.
    """
    pool: list[str] = [p.text for p in doc.paragraphs]
    pool += [s.title for s in doc.sections] + [s.label or "" for s in doc.sections]
    pool += [str(p.number) for p in doc.paragraphs if p.number is not None]
    info = doc.info
    pool += [info.title, info.place or ""] + [f"{s.title or ''}{s.name}" for s in info.signatories]
    pool += [str(m) for m in doc.annotations.get("metadata", [])]
    pool += [r.before for r in doc.repairs]
    have = Counter(c for text in pool for c in text if not c.isspace())
    need = Counter(c for c in doc.raw_text if not c.isspace() and c.isprintable())
    return need - have


def _parse_or_error(text: str) -> Document | None:
    try:
        return communique.parse(text.encode("utf-8"), stages=PARSE_STAGES)
    except CommuniqueError:
        return None


def _sample_lines() -> list[str]:
    lines = communique.sample_path().read_text(encoding="utf-8").split("\n")
    return lines[:40] + lines[-20:]  # title, preamble, headings, spaced numbers, closing, signatures


SAMPLE = _sample_lines()
EN = [
    "**Joint Statement of Japan and the Republic of Chile**", "", "Santiago, 5 May 2027", "",
    "I. POLITICAL COOPERATION", "", "1. The two leaders met in Santiago and", "", "agreed on the U.S.",
    "proposal, e.g. trade.", "", "2.We welcome the 21<sup>st</sup> century \\- J I C A.", "", "- item one;",
    "- item two", "", "**Economy**", "", "3. They will act by 2027\\.", "", "Done at Santiago on 5 May 2027.",
    "", "Prime Minister of Japan", "President of Chile", "SATO Ken", "Ana Rojas",
]


def test_checker_notices_a_dropped_block(sample_path) -> None:
    doc = communique.parse(sample_path, stages=PARSE_STAGES)
    assert unaccounted_characters(doc) == Counter()
    doc.paragraphs = [p for p in doc.paragraphs if p.number != 7]  # 7 双方は、防衛当局間の協力における進展を歓迎した。
    assert unaccounted_characters(doc)["衛"] >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
@example("邏 螺 \U0002f913")  # CJK compatibility ideographs: Unicode normalization would change them
def test_random_text(text: str) -> None:
    doc = _parse_or_error(text)
    if doc is not None:
        assert unaccounted_characters(doc) == Counter()


mutation = st.tuples(st.sampled_from(["drop", "duplicate", "space", "char", "blank"]), st.integers(0, 10_000),
                     st.integers(0, 10_000), st.characters(blacklist_categories=("Cs",)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["ja", "en"]), st.lists(mutation, max_size=6))
def test_mutated_statements(which: str, mutations: list[tuple[str, int, int, str]]) -> None:
    lines = list(SAMPLE if which == "ja" else EN)
    for kind, at, pos, ch in mutations:
        i = at % len(lines)
        if kind == "drop" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "blank":
            lines.insert(i, "")
        else:
            line = lines[i]
            j = pos % (len(line) + 1)
            lines[i] = line[:j] + (" " if kind == "space" else ch) + line[j:]
    doc = _parse_or_error("\n".join(lines))
    if doc is not None:
        assert unaccounted_characters(doc) == Counter()
        assert all(s.text.strip() for s in doc.sentences)
        assert validation_errors(doc.to_dict()) == []
