"""``communique parse``: formats and outputs."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.interchange import validation_errors


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    import communique.cli.parse_cmd  # noqa: F401 - registers the command

    return CliRunner()


def test_parse_json_md_and_summary(runner: CliRunner, sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "sample.json"
    result = runner.invoke(app, ["parse", str(sample_path), "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert validation_errors(data) == [] and len(data["paragraphs"]) == 65
    md = runner.invoke(app, ["parse", str(sample_path), "--format", "md"])
    assert md.exit_code == 0 and "\n# 将来に向けた" in md.output
    summary = runner.invoke(app, ["parse", str(sample_path), "--output", str(tmp_path / "s.txt")])
    assert summary.exit_code == 0 and "JPN, KAZ" in (tmp_path / "s.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(not os.path.exists(os.devnull) or os.name != "posix", reason="needs /dev/null")
def test_output_to_a_device_leaves_the_device(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(sample_path), "--format", "md", "--output", os.devnull])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # still the null device, not a file put in its place
