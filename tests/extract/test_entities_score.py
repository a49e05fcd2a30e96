"""Organizations, instruments and dates reach their targets on the sample and on its Kyrgyz swap.

Scored with the shared scorer (../shared/eval/score.py) against the gold; skipped when ../shared
is absent. Two ways: the three stages alone over the gold's own sentences (their accuracy, whatever
the parser does), and the whole pipeline from the statement's text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import communique
from communique.extract.dates import dates
from communique.extract.instruments import instruments
from communique.extract.organizations import organizations
from communique.interchange import document_from_dict

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

TARGETS = {"organizations": 0.9, "instruments": 0.9, "dates": 0.95}


def _stages_on_gold_sentences(gold: dict) -> dict:
    doc = document_from_dict(json.loads(json.dumps(gold)))
    for sentence in doc.sentences:
        sentence.organizations, sentence.instruments, sentence.dates = [], [], []
    organizations(doc)
    instruments(doc)
    dates(doc)
    return doc.to_dict()


def _assert_targets(result: dict) -> None:
    for field, target in TARGETS.items():
        assert result[field]["f1"] >= target, (field, result[field])


@pytest.fixture(scope="module")
def swap(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    if not (SHARED / "eval" / "swap_partner.py").exists():
        pytest.skip("../shared is not present")
    out = tmp_path_factory.mktemp("swap")
    subprocess.run([sys.executable, str(SHARED / "eval" / "swap_partner.py"), str(out)], check=True)
    return json.loads((out / "swap-kgz.gold.json").read_text(encoding="utf-8")), out / "swap-kgz.ja.txt"


def test_sample_gold_sentences(gold: dict, scorer) -> None:
    result = scorer.score(gold, _stages_on_gold_sentences(gold))
    _assert_targets(result)
    assert result["organizations"]["precision"] >= 0.95


def test_swap_gold_sentences_score_the_same(gold: dict, scorer, swap: tuple[dict, Path]) -> None:
    swap_gold, _ = swap
    original = scorer.score(gold, _stages_on_gold_sentences(gold))
    swapped = scorer.score(swap_gold, _stages_on_gold_sentences(swap_gold))
    _assert_targets(swapped)
    for field in TARGETS:
        assert swapped[field]["f1"] == pytest.approx(original[field]["f1"], abs=0.02), field


def test_sample_parsed_end_to_end(gold: dict, scorer, sample_path: Path) -> None:
    _assert_targets(scorer.score(gold, communique.parse(sample_path).to_dict()))


def test_swap_parsed_end_to_end(scorer, swap: tuple[dict, Path]) -> None:
    swap_gold, text = swap
    _assert_targets(scorer.score(swap_gold, communique.parse(text).to_dict()))
