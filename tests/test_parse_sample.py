"""The bundled sample and its Kyrgyz swap score as the parser issue requires (shared scorer, gold)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import communique
from communique.interchange import document_to_dict, validation_errors
from communique.pipeline import PARSE_STAGES
from conftest import SHARED, needs_shared


def _parse(path: Path) -> dict:
    return document_to_dict(communique.parse(path, stages=PARSE_STAGES))


def _assert_parser_scores(result: dict) -> None:
    structure = result["structure"]
    for key in ("paragraphs_found", "paragraph_text", "paragraph_section", "sentence_section"):
        assert structure[key] == 1.0, (key, structure)
    assert structure["extra_numbered_paragraphs"] == 0
    assert result["sentences"]["f1"] >= 0.98, result["sentences"]
    for key, value in result["document"].items():
        if key != "signatories_f1":
            assert value is True, (key, result["document"])
    assert result["document"]["signatories_f1"] == 1.0
    assert result["repairs_recall"] >= 0.9


@pytest.fixture(scope="module")
def sample_parse(sample_path: Path) -> dict:
    return _parse(sample_path)


def test_sample_output_is_schema_valid(sample_parse: dict) -> None:
    assert validation_errors(sample_parse) == []


def test_sample_scores(sample_parse: dict, gold: dict, scorer) -> None:
    _assert_parser_scores(scorer.score(gold, sample_parse))


@needs_shared
def test_swap_partner_scores_the_same(tmp_path: Path, scorer, sample_parse: dict, gold: dict) -> None:
    subprocess.run([sys.executable, str(SHARED / "eval" / "swap_partner.py"), str(tmp_path)], check=True)
    swap_gold = json.loads((tmp_path / "swap-kgz.gold.json").read_text(encoding="utf-8"))
    swapped = _parse(tmp_path / "swap-kgz.ja.txt")
    assert validation_errors(swapped) == []
    result = scorer.score(swap_gold, swapped)
    _assert_parser_scores(result)
    assert swapped["document"]["parties"] == ["JPN", "KGZ"]
    original = scorer.score(gold, sample_parse)
    assert result["structure"] == original["structure"]
    assert result["sentences"] == original["sentences"]


def test_sample_facts_without_shared(sample_parse: dict) -> None:
    # Runs without ../shared too: the facts a reader sees first.
    doc = sample_parse["document"]
    assert doc["language"] == "ja" and doc["date"] == "2025-12-18" and doc["place"] == "東京"
    assert doc["translation"] == {"is_translation": True, "original_language": "en"}
    assert "仮訳" not in doc["title"] and doc["title"].endswith("共同声明")
    numbers = [p["number"] for p in sample_parse["paragraphs"] if p["number"] is not None]
    assert numbers == list(range(1, 61))
    closing = sample_parse["paragraphs"][-1]
    assert closing["number"] is None and closing["section"] is None and closing["text"].endswith("署名された。")
    names = [s["name"] for s in doc["signatories"]]
    assert len(names) == 2 and all(s["party"] in doc["parties"] for s in doc["signatories"])
    assert not any(p["text"] in names for p in sample_parse["paragraphs"])  # the signature block is metadata


def test_scorer_module_is_the_shared_one(scorer) -> None:
    assert importlib.util.find_spec("communique") is not None
    assert Path(scorer.__file__).resolve().is_relative_to(SHARED.resolve())
