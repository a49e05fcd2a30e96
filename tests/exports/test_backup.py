"""Backup and restore: everything out, into an empty database, and the same data back."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from communique.errors import CommuniqueError
from communique.exports.backup import NO_PASSWORD, backup_models, export_backup, restore_backup


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every backed-up model (m2m as sorted id lists); groups by name."""
    out: dict[str, list[dict[str, Any]]] = {}
    for model in backup_models():
        m2m = [f.name for f in model._meta.many_to_many]
        rows = []
        for obj in model._default_manager.order_by("pk"):
            row = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
            for name in m2m:
                row[name] = sorted(getattr(obj, name).values_list("pk" if model._meta.label_lower != "auth.user" else "name", flat=True))
            if model._meta.label_lower == "auth.group":
                row.pop("id")
                row.pop("permissions", None)
            rows.append(row)
        out[model._meta.label_lower] = rows
    return out


def _without_passwords(snap: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {k: [{f: v for f, v in r.items() if f != "password"} for r in rows] for k, rows in snap.items()}


def differences(a: dict[str, list[dict[str, Any]]], b: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Readable differences between two snapshots (empty when equal)."""
    out = []
    for model in sorted(set(a) | set(b)):
        rows_a, rows_b = a.get(model, []), b.get(model, [])
        if len(rows_a) != len(rows_b):
            out.append(f"{model}: {len(rows_a)} rows != {len(rows_b)}")
            continue
        for ra, rb in zip(rows_a, rows_b, strict=True):
            out += [f"{model} {ra.get('id')}.{k}: {ra.get(k)!r} != {rb.get(k)!r}" for k in ra if ra.get(k) != rb.get(k)]
    return out


def _wipe() -> None:
    call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_backup_restore_round_trip(tracked: dict[str, int], tmp_path: Path) -> None:
    from django.contrib.auth import get_user_model

    from communique.exports.feeds import create_feed
    from communique.tracker.services import correct_sentence, get_commitment
    from communique.web import roles

    user = get_user_model().objects.create_user("carla", password="s3cret-pass-phrase")
    roles.assign(user, "editor")
    create_feed(user, {"party": "JPN"}, "mine")
    correct_sentence(get_commitment(tracked["closed"]).sentence, "actors", ["JPN"], "ana", "only Japan acts")
    before = snapshot()
    assert before["tracker.historyentry"] and before["tracker.evidence"] and before["tracker.correction"]
    assert before["exports.feedtoken"]

    plain = tmp_path / "b.jsonl.gz"
    counts = export_backup(plain)
    full = tmp_path / "full.jsonl"
    export_backup(full, with_passwords=True)
    assert counts["tracker.commitment"] == len(before["tracker.commitment"])
    with gzip.open(plain, "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "communique/backup@1" and header["with_passwords"] is False
    users = [json.loads(x) for x in lines[1:] if json.loads(x)["model"] == "auth.user"]
    assert users and all(u["fields"]["password"] == NO_PASSWORD for u in users)

    with pytest.raises(CommuniqueError, match="empty database"):
        restore_backup(plain)  # this database has data

    _wipe()
    restore_backup(plain)
    after = snapshot()
    assert differences(_without_passwords(after), _without_passwords(before)) == []
    carla = get_user_model().objects.get(username="carla")
    assert not carla.has_usable_password() and roles.role_of(carla) == "editor"

    # With passwords, the hashes come back too; and new rows get fresh ids after a restore.
    _wipe()
    restore_backup(full)
    assert differences(snapshot(), before) == []
    assert get_user_model().objects.get(username="carla").check_password("s3cret-pass-phrase")
    from communique.tracker.models import Organization

    new = Organization.objects.create(name="Brand-new organization")
    assert new.pk > max(r["id"] for r in before["tracker.organization"])


@pytest.mark.django_db
def test_restore_rejects_files_that_are_not_backups(tmp_path: Path) -> None:
    from communique.errors import InputError

    bad = tmp_path / "x.jsonl"
    bad.write_text('{"format": "something else"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a communique backup"):
        restore_backup(bad)
    with pytest.raises(InputError, match="no such file"):
        restore_backup(tmp_path / "missing.jsonl")


@pytest.mark.django_db(transaction=True)
def test_cli_backup_and_restore(tracked: dict[str, int], run_cli: Any, tmp_path: Path) -> None:
    from communique.tracker.models import Commitment

    out = tmp_path / "b.jsonl.gz"
    code, _, err = run_cli("export", "--format", "backup", "--output", str(out))
    assert code == 0, err
    code, _, err = run_cli("restore", str(out))
    assert code == 2 and "empty database" in err and "Traceback" not in err
    statuses = dict(Commitment.objects.values_list("pk", "status"))
    _wipe()
    code, _, err = run_cli("restore", str(out))
    assert code == 0, err
    assert dict(Commitment.objects.values_list("pk", "status")) == statuses
