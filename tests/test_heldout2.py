"""A second held-out set: statements written and annotated after the parser reached 1.0 on the first.

Each case is a source in ``fixtures/heldout2`` and its gold ``fixtures/heldout2/NAME.gold.json``, annotated
from ../shared/spec/ANNOTATION.md alone, without reading the parser's code, cue lists or the first held-out
set, and committed before the parser was run on the source. The floor is the same as for the first set:
overall >= 0.85 and sentence F1 >= 0.9 with the shared scorer. Statements below it are marked ``xfail``
(not strict) with what keeps them there, so the suite stays green while the shortfall stays visible.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

import communique
from communique.interchange import document_to_dict, validation_errors
from conftest import FIXTURES

HELDOUT2 = FIXTURES / "heldout2"

OVERALL_FLOOR = 0.85
SENTENCE_F1_FLOOR = 0.9

# name -> source file; the gold is HELDOUT2 / f"{name}.gold.json".
SOURCES: dict[str, Path] = {
    "jp-mn-2025": HELDOUT2 / "jp-mn-2025.ja.txt",
    "jp-in-2026": HELDOUT2 / "jp-in-2026.en.txt",
    "g7-fm-2026": HELDOUT2 / "g7-fm-2026.ja.txt",
}

# Statements below the floor when first measured, with what keeps them there.
KNOWN_SHORTFALLS: dict[str, str] = {}


def _gold(name: str) -> dict:
    return json.loads((HELDOUT2 / f"{name}.gold.json").read_text(encoding="utf-8"))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _cases() -> list:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=False, reason=KNOWN_SHORTFALLS[name]))
        if name in KNOWN_SHORTFALLS
        else name
        for name in SOURCES
    ]


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    """Every source parsed once for the module."""
    return {name: document_to_dict(communique.parse(path)) for name, path in SOURCES.items()}


@pytest.mark.parametrize("name", list(SOURCES))
def test_gold_is_valid_and_fits_its_source(name: str) -> None:
    gold = _gold(name)
    assert validation_errors(gold) == []
    ids = [s["id"] for s in gold["sentences"]]
    assert len(ids) == len(set(ids))
    paragraphs = {p["id"] for p in gold["paragraphs"]}
    sections = {s["id"] for s in gold["sections"]}
    assert all(s["paragraph"] in paragraphs for s in gold["sentences"])
    assert all(p["section"] is None or p["section"] in sections for p in gold["paragraphs"])
    # Every gold sentence is in the source once the listed repairs are applied, and every repair
    # quotes the source as it is.
    source = SOURCES[name].read_text(encoding="utf-8")
    for repair in gold.get("repairs", []):
        assert repair["before"] in source, repair
        source = source.replace(repair["before"], repair["after"], 1)
    flat = _squeeze(source)
    missing = [s["id"] for s in gold["sentences"] if _squeeze(s["text"]) not in flat]
    assert missing == []
    # Mentions are quoted from their sentence.
    for sentence in gold["sentences"]:
        text = _squeeze(sentence["text"])
        for field in ("organizations", "instruments", "dates"):
            for mention in sentence.get(field, []):
                assert _squeeze(mention["mention"]) in text, (sentence["id"], mention)


@pytest.mark.parametrize("name", _cases())
def test_heldout2_reaches_the_floor(name: str, parsed: dict[str, dict], scorer) -> None:
    pred = parsed[name]
    assert validation_errors(pred) == []
    result = scorer.score(_gold(name), pred)
    summary = {key: result[key]["f1"] for key in ("sentences", "acts", "commitments", "organizations", "dates")}
    summary["overall"] = result["overall"]
    assert result["sentences"]["f1"] >= SENTENCE_F1_FLOOR, summary
    assert result["overall"] >= OVERALL_FLOOR, summary
