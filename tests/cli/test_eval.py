"""``communique eval GOLD FILE``: the shared scorer's table, imported from ../shared, never copied."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from communique.cli.parse_cmd import find_scorer, format_scores
from conftest import GOLD, SCORER, needs_shared

RunCli = Callable[..., tuple[int, str, str]]  # the run_cli fixture of tests/conftest.py


@needs_shared
def test_table_is_the_scorers_own(run_cli: RunCli, tmp_path: Path) -> None:
    pred = tmp_path / "pred.json"
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    data["sentences"][0]["acts"] = ["welcome"]  # one mistake, so the table is not all ones
    pred.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run_cli("eval", str(GOLD), str(pred))
    expected = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(pred)], capture_output=True, text=True, check=True
    ).stdout
    assert code == 0
    assert out == expected
    assert "acts         P=0.991" in out


@needs_shared
def test_json_output_is_the_score_dict(run_cli: RunCli, scorer) -> None:
    code, out, _ = run_cli("eval", str(GOLD), str(GOLD), "--json")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert code == 0
    assert json.loads(out) == scorer.score(gold, gold)


@needs_shared
def test_statement_file_is_parsed_then_scored(run_cli: RunCli, sample_path: Path) -> None:
    code, out, _ = run_cli("eval", str(GOLD), str(sample_path), "--json")
    result = json.loads(out)
    assert code == 0
    assert result["sentences"]["f1"] > 0.9
    assert result["acts"]["f1"] >= 0.93


def test_explicit_scorer_is_imported(run_cli: RunCli, tmp_path: Path) -> None:
    fake = tmp_path / "score.py"
    fake.write_text(
        "def score(gold, pred):\n    return {'tag': 'fake', 'n': len(pred.get('sentences', []))}\n",
        encoding="utf-8",
    )
    doc = tmp_path / "doc.json"
    doc.write_text(
        json.dumps({"document": {}, "sentences": [{"text": "a"}, {"text": "b"}]}), encoding="utf-8"
    )
    code, out, _ = run_cli("eval", str(doc), str(doc), "--scorer", str(fake), "--json")
    assert code == 0
    assert json.loads(out) == {"tag": "fake", "n": 2}


def test_missing_scorer_exits_2_with_a_message(run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text("{}", encoding="utf-8")
    code, out, err = run_cli("eval", str(doc), str(doc), "--scorer", str(tmp_path / "nope.py"))
    assert code == 2
    assert "scorer not found" in err and "nope.py" in err
    assert out == ""


def test_file_without_score_function_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    fake = tmp_path / "score.py"
    fake.write_text("x = 1\n", encoding="utf-8")
    code, _, err = run_cli("eval", str(fake), str(fake), "--scorer", str(fake))
    assert code == 2 and "not a usable scorer" in err


@needs_shared
@pytest.mark.parametrize(
    ("content", "message"), [("{not json", "cannot read prediction"), ("[1, 2]", "not a communique")]
)
def test_bad_prediction_exits_2(run_cli: RunCli, tmp_path: Path, content: str, message: str) -> None:
    pred = tmp_path / "pred.json"
    pred.write_text(content, encoding="utf-8")
    code, _, err = run_cli("eval", str(GOLD), str(pred))
    assert code == 2 and message in err


@needs_shared
def test_missing_gold_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    code, _, err = run_cli("eval", str(tmp_path / "gold.json"), str(GOLD))
    assert code == 2 and "no such gold file" in err


@needs_shared
def test_default_scorer_is_found_from_the_repo_root() -> None:
    assert find_scorer() == SCORER.resolve()


def test_scorer_is_found_from_the_current_directory(monkeypatch, tmp_path: Path) -> None:
    import communique.cli.parse_cmd as parse_cmd

    scorer = tmp_path / "shared" / "eval" / "score.py"
    scorer.parent.mkdir(parents=True)
    scorer.write_text("def score(g, p):\n    return {}\n", encoding="utf-8")
    work = tmp_path / "project"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(
        parse_cmd, "__file__", str(tmp_path / "x" / "elsewhere" / "a" / "b" / "c" / "parse_cmd.py")
    )
    assert find_scorer() == scorer.resolve()


def test_format_scores_layout() -> None:
    tally = {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
    result = {
        "document": {"date": True},
        "structure": {"paragraphs_found": 1.0},
        **{k: tally for k in ("sentences", "acts", "commitments", "organizations", "instruments", "dates")},
        "actors_accuracy": 0.9,
        "acts_by_label": {"commit": 0.5},
        "repairs_recall": 1.0,
        "overall": 0.75,
    }
    lines = format_scores(result).splitlines()
    assert lines[0] == "document   date=True"
    assert lines[3] == "acts         P=0.500 R=1.000 F1=0.667  (tp=1 fp=1 fn=0)"
    assert lines[-1] == "overall 0.7500"
