"""Every format from a generated database of 30 statements (about 1,000 commitments)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

import frictionless
import icalendar
import openpyxl
import pytest
from lxml import etree

import communique
from communique.exports import iati, json_export
from communique.exports.rows import Selection
from communique.exports.service import export
from communique.synthetic import generate_statements
from communique.tracker.models import STATUS_NAMES, Commitment, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def generated_docs() -> list[communique.Document]:
    return [communique.parse(text) for text in generate_statements(30, seed=11)]


def test_every_format_from_a_generated_database(generated_docs: list[communique.Document], tmp_path: Path) -> None:
    import copy

    from communique.tracker.services import import_statement, update_commitment

    for i, doc in enumerate(generated_docs):
        import_statement(copy.deepcopy(doc), "gen", name=f"generated-{i}")
    rng = random.Random(5)
    ids = list(Commitment.objects.values_list("pk", flat=True))
    assert len(ids) > 500
    for cid in rng.sample(ids, 40):
        update_commitment(cid, "gen", status=rng.choice(list(STATUS_NAMES.values())),
                          due=f"{rng.choice([2025, 2026, 2027])}-{rng.randint(1, 12):02d}")
    active = Commitment.objects.filter(active=True, statement__is_current=True)
    total = active.count()

    export("csv", tmp_path / "all.csv")
    with (tmp_path / "all.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == total
    by_id = {int(r["Commitment ID"]): r for r in rows}
    some = active.order_by("?").select_related("sentence").first()
    assert by_id[some.pk]["Sentence"] == some.sentence.text
    assert by_id[some.pk]["Status"] == STATUS_NAMES[some.status]

    export("xlsx", tmp_path / "all.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True).active
    assert sum(1 for _ in ws.iter_rows(values_only=True)) == total + 1

    export("json", tmp_path / "all.json")
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert json_export.validation_errors(data) == []
    assert len(data["statements"]) == Statement.objects.count() and len(data["commitments"]) == total

    export("datapackage", tmp_path / "pkg")
    report = frictionless.validate(tmp_path / "pkg" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]

    export("ics", tmp_path / "all.ics")
    cal = icalendar.Calendar.from_ical((tmp_path / "all.ics").read_bytes())
    assert len(cal.walk("VTODO")) == active.filter(due_date__isnull=False).count()
    dues = {str(t["UID"]): t["DUE"].dt for t in cal.walk("VTODO")}
    dated = active.filter(due_date__isnull=False).first()
    assert dues[f"commitment-{dated.pk}@communique"] == dated.due_date

    export("iati", tmp_path / "all.xml")
    xml = (tmp_path / "all.xml").read_bytes()
    assert iati.validation_errors(xml) == []
    assert 0 < len(etree.fromstring(xml).findall("iati-activity")) < total

    one = Statement.objects.order_by("id").first()
    export("report", tmp_path / "one.pdf", Selection(filters={"statement": str(one.pk)}), today=dt.date(2026, 6, 1))
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "one.pdf").pages).replace("\n", "").replace(" ", "")
    assert one.title.replace(" ", "")[:15] in text

    counts = export("backup", tmp_path / "all.jsonl.gz")["rows"]
    assert counts["tracker.commitment"] == Commitment.objects.count()
