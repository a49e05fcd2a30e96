"""Shared fixtures: the bundled sample and, when present, ../shared (gold, scorer, real statements)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import communique

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "corpus" / "ja-kz-2025" / "gold.json"
SCORER = SHARED / "eval" / "score.py"
REAL_EN = SHARED / "corpus" / "real-en"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(not GOLD.exists(), reason="../shared is not present")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return communique.sample_path()


@pytest.fixture(scope="session")
def sample_doc(sample_path: Path) -> communique.Document:
    return communique.parse(sample_path)


@pytest.fixture(scope="session")
def gold() -> dict:
    if not GOLD.exists():
        pytest.skip("../shared is not present")
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def scorer():
    """The shared scorer module (../shared/eval/score.py), imported, not copied."""
    if not SCORER.exists():
        pytest.skip("../shared is not present")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str, str]]:
    """Run ``communique ARGS...`` in this process (same test database); returns (exit code, stdout, stderr)."""
    from communique.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["communique", *args])
        monkeypatch.setenv("COLUMNS", "200")  # Rich tables wide enough to read in assertions
        code = 0
        try:
            main()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        out, err = capsys.readouterr()
        return code, out, err

    return run
