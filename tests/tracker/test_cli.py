"""The tracker commands, run in-process against the test database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from communique.interchange import validation_errors
from communique.tracker.models import Commitment, HistoryEntry, Statement
from communique.tracker.services import commitment_state, get_commitment

pytestmark = pytest.mark.django_db


def test_import_many_files_one_failing(run_cli: Any, tmp_path: Path, sample_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_bytes(sample_path.read_bytes())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run_cli("import", str(empty), str(good), str(tmp_path / "missing.txt"), "--user", "alice")
    assert code == 2
    assert "2 of 3 files failed" in err and "missing.txt" in err and "empty.txt" in err
    assert "Traceback" not in err
    assert list(Statement.objects.values_list("source_name", flat=True)) == [str(good.resolve())]
    assert Statement.objects.get().imported_by.username == "alice"
    code, out, err = run_cli("import", str(good))
    assert code == 0 and "unchanged" in out
    assert Statement.objects.count() == 1


def test_list_formats(run_cli: Any, imported: Any) -> None:
    code, out, _ = run_cli("list", "--format", "json", "--party", "KAZ")
    assert code == 0
    rows = json.loads(out)
    assert {r["sentence"] for r in rows} == set(
        imported.statement.commitments.filter(actors_key__contains="|KAZ|").values_list("sentence_id", flat=True))
    code, out, _ = run_cli("list", "--format", "csv", "--section", "People")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("id,") and len(lines) == 3
    code, out, _ = run_cli("list", "--text", "scholarships")
    assert code == 0 and "Commitments (1)" in out


def test_update_show_due_stats(run_cli: Any, imported: Any) -> None:
    c = imported.statement.commitments.get(sentence__sid="s1")
    code, out, err = run_cli("update", str(c.pk), "--status", "implementation", "--score", "+1", "--note", "begun",
                             "--evidence", "https://example.org/x", "--due", "2027-06", "--why", "report",
                             "--user", "bob", "--expect-version", "1")
    assert code == 0, err
    c = get_commitment(c.pk)
    assert (c.status_name, c.score, c.due_text, c.version, c.evidence.count()) == ("implementation", 1, "2027-06", 2, 2)
    assert HistoryEntry.objects.filter(target_id=c.pk, field="status").get().user.username == "bob"
    code, out, _ = run_cli("show", str(c.pk))
    assert code == 0 and "implementation" in out and "begun" in out and "History" in out
    code, out, _ = run_cli("show", str(c.pk), "--format", "json")
    assert json.loads(out)["due"] == "2027-06"
    code, out, _ = run_cli("due", "--within", "100000", "--format", "json")
    expected = Commitment.objects.filter(due_date__isnull=False).order_by("due_date", "id").values_list("id", flat=True)
    assert [r["id"] for r in json.loads(out)] == list(expected)
    code, out, _ = run_cli("stats", "--format", "json")
    assert json.loads(out)["compliance"] == {"assessed": 1, "average": 1.0, "percent": 100.0}
    code, out, _ = run_cli("stats")
    assert code == 0 and "100.0%" in out


def test_stale_version_is_a_conflict(run_cli: Any, imported: Any) -> None:
    c = imported.statement.commitments.get(sentence__sid="s1")
    assert run_cli("update", str(c.pk), "--status", "closed", "--expect-version", "1")[0] == 0
    code, _, err = run_cli("update", str(c.pk), "--status", "cancelled", "--expect-version", "1")
    assert code == 2 and "changed by someone else" in err and len(err.strip().splitlines()) == 1
    assert get_commitment(c.pk).status_name == "closed"


@pytest.mark.parametrize(
    "args",
    [
        ["update", "{id}", "--status", "finished"],
        ["update", "{id}", "--score", "3"],
        ["update", "{id}", "--due", "31/12/2026"],
        ["update", "{id}", "--status", "closed", "--due", "2026-02-30"],
        ["update", "{id}", "--evidence", "example.org"],
        ["update", "{id}"],
        ["update", "abc", "--status", "closed"],
        ["update", "999999", "--status", "closed"],
        ["update", "{id}", "--status", "closed", "--user", "bad user!"],
        ["show", "999999"],
        ["list", "--status", "finished"],
        ["list", "--due-before", "tomorrow"],
        ["correct", "{sentence}", "--field", "actors", "--value", "[JPN", "--why", "x"],
        ["correct", "{sentence}", "--field", "text", "--value", '"x"', "--why", "x"],
        ["gold", "999999"],
    ],
)
def test_bad_input_one_line_exit_2_nothing_changed(run_cli: Any, imported: Any, args: list[str]) -> None:
    c = imported.statement.commitments.get(sentence__sid="s1")
    before = (commitment_state(c), HistoryEntry.objects.count(), get_commitment(c.pk).version)
    argv = [a.format(id=c.pk, sentence=c.sentence_id) for a in args]
    code, out, err = run_cli(*argv)
    assert code == 2
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    assert (commitment_state(c), HistoryEntry.objects.count(), get_commitment(c.pk).version) == before


def test_correct_then_gold(run_cli: Any, imported: Any, tmp_path: Path) -> None:
    s = imported.statement.sentences.get(sid="s2")
    code, out, err = run_cli("correct", str(s.pk), "--field", "actors", "--value", '["JPN", "KAZ"]',
                             "--why", "both", "--user", "carol")
    assert code == 0, err
    target = tmp_path / "gold.json"
    code, _, err = run_cli("gold", str(imported.statement.pk), "-o", str(target))
    assert code == 0, err
    gold = json.loads(target.read_text(encoding="utf-8"))
    assert validation_errors(gold) == []
    assert next(x for x in gold["sentences"] if x["id"] == "s2")["actors"] == ["JPN", "KAZ"]


def test_parse_does_not_import_django(tmp_path: Path, sample_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.argv = ['communique', 'parse', sys.argv[1], '--format', 'json', '-o', sys.argv[2]]\n"
        "from communique.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('django' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(sample_path), str(tmp_path / "out.json")],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr
    assert (tmp_path / "out.json").exists()


def test_db_option_and_environment(tmp_path: Path, sample_path: Path) -> None:
    """End to end in a fresh process: --db creates and migrates the file, and commands use it."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COMMUNIQUE_DATA_DIR": str(tmp_path / "data")}
    for name in ("DATABASE_URL", "COMMUNIQUE_DB", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    db = tmp_path / "mine.sqlite3"
    cmd = [sys.executable, "-c", "from communique.cli import main; main()", "--db", str(db)]
    run = subprocess.run([*cmd, "import", str(sample_path), "--user", "alice"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert db.exists() and not (tmp_path / "data" / "communique.sqlite3").exists()
    listed = subprocess.run([*cmd, "list", "--format", "json"], capture_output=True, text=True, env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == len(__import__("communique").parse(sample_path).commitments)
