"""Every format from the imported sample with tracking data, read back with the library that reads it."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import frictionless
import icalendar
import openpyxl
import pytest
from lxml import etree

from communique.exports import iati, json_export
from communique.exports.rows import Selection
from communique.exports.service import export
from communique.interchange import validation_errors as statement_errors
from communique.tracker.models import Commitment, Evidence, HistoryEntry, Sentence, Statement

pytestmark = pytest.mark.django_db


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_every_commitment_with_tracking(tracked: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    assert export("csv", out)["commitments"] == Commitment.objects.filter(active=True).count()
    rows = {int(r["Commitment ID"]): r for r in csv_rows(out)}
    done = Commitment.objects.get(pk=tracked["implementation"])
    r = rows[done.pk]
    assert r["Sentence"] == done.sentence.text
    assert r["Status"] == "implementation" and r["IATI status code"] == "2" and r["Compliance (-1..+1)"] == "1"
    assert r["Evidence items"] == "2" and r["Latest evidence"]  # the link and the note
    assert r["Paragraph"] == str(done.sentence.paragraph.number or "")
    assert rows[tracked["due_only"]]["Due date"] == "2026-03-31"
    assert rows[tracked["due_only"]]["Latest evidence"] == "作業部会を設置した"


def test_csv_filters_are_the_list_filters(tracked: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    export("csv", out, Selection(filters={"status": "closed"}))
    assert [int(r["Commitment ID"]) for r in csv_rows(out)] == [tracked["closed"]]
    export("csv", out, Selection(filters={"due_before": "2026-06-30", "due_after": "2026-01-01"}))
    assert {int(r["Commitment ID"]) for r in csv_rows(out)} == {tracked[k] for k in ("finalisation", "suspended", "due_only")}


def test_xlsx_known_sentence_in_a_cell(tracked: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    export("xlsx", out)
    ws = openpyxl.load_workbook(out).active
    headers = [c.value for c in ws[1]]
    sentences = [r[headers.index("Sentence")] for r in ws.iter_rows(min_row=2, values_only=True)]
    known = Commitment.objects.get(pk=tracked["closed"]).sentence.text
    assert known in sentences and "カザフスタン" in "".join(sentences)
    assert ws.max_row == Commitment.objects.filter(active=True).count() + 1
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")


def test_json_statements_and_tracking_valid(tracked: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    export("json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert json_export.validation_errors(data) == []
    (statement,) = data["statements"]
    assert statement_errors(statement["parse"]) == []
    assert statement["parse"]["document"]["title"] == Statement.objects.get().title
    by_id = {c["id"]: c for c in data["commitments"]}
    item = by_id[tracked["implementation"]]
    assert item["status"] == {"code": 2, "name": "implementation"} and item["compliance"]["score"] == 1
    assert {e["kind"] for e in item["evidence"]} == {"link", "note"}
    assert [h["field"] for h in item["history"]][0] == "created"
    assert by_id[tracked["suspended"]]["due"] == {"text": "2026-06-15", "date": "2026-06-15", "precision": "day"}


def test_datapackage_valid_with_keys(tracked: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    counts = export("datapackage", out)
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    assert counts["sentences"] == Sentence.objects.count()
    assert counts["evidence"] == Evidence.objects.count()
    assert counts["history"] == HistoryEntry.objects.count()
    descriptor = json.loads((out / "datapackage.json").read_text())
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["commitments"]["primaryKey"] == ["id"]
    assert {"fields": ["sentence_id"], "reference": {"resource": "sentences", "fields": ["id"]}} in schemas["commitments"]["foreignKeys"]
    # A filtered package keeps its keys valid too; a zip is a package as well.
    export("datapackage", tmp_path / "f.zip", Selection(filters={"status": "implementation"}))
    assert _zip_valid(tmp_path / "f.zip", tmp_path / "unz")


def _zip_valid(zip_path: Path, into: Path) -> bool:
    import zipfile

    zipfile.ZipFile(zip_path).extractall(into)
    report = frictionless.validate(into / "datapackage.json")
    rows = (into / "data" / "commitments.csv").read_text(encoding="utf-8").strip().splitlines()
    return report.valid and len(rows) == 2


def test_datapackage_detects_broken_keys(tracked: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    export("datapackage", out)
    evidence = out / "data" / "evidence.csv"
    lines = evidence.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[1] = "999999"  # commitment_id that does not exist
    evidence.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    assert not frictionless.validate(out / "datapackage.json").valid


def test_ics_due_dates_and_events(tracked: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "c.ics"
    export("ics", out)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    assert len(todos) == Commitment.objects.filter(active=True, due_date__isnull=False).count()
    todo = todos[f"commitment-{tracked['due_only']}@communique"]
    assert todo["DUE"].dt == dt.date(2026, 3, 31)
    assert str(todos[f"commitment-{tracked['closed']}@communique"]["STATUS"]) == "COMPLETED"
    assert str(todos[f"commitment-{tracked['cancelled']}@communique"]["STATUS"]) == "CANCELLED"
    assert str(todos[f"commitment-{tracked['finalisation']}@communique"]["STATUS"]) == "IN-PROCESS"
    assert str(todos[f"commitment-{tracked['suspended']}@communique"]["STATUS"]) == "NEEDS-ACTION"
    events = cal.walk("VEVENT")
    statement_day = Statement.objects.get().date
    assert statement_day in {e["DTSTART"].dt for e in events}  # the summit the statement reports
    assert all(isinstance(e["DTSTART"].dt, dt.date) for e in events)


def test_iati_development_cooperation_valid(tracked: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "a.xml"
    export("iati", out, iati_org={"ref": "XM-DAC-TEST", "name": "Test"})
    data = out.read_bytes()
    assert iati.validation_errors(data) == []
    root = etree.fromstring(data)
    activities = root.findall("iati-activity")
    assert activities, "the sample names JICA and support programmes"
    for a in activities:
        cid = int(a.findtext("iati-identifier").rsplit("-C", 1)[1])
        c = Commitment.objects.get(pk=cid)
        assert a.find("activity-status").get("code") == str(c.status)
        assert a.find("participating-org") is not None
        assert a.findtext("description/narrative").startswith(c.sentence.text)
        assert a.findtext("iati-identifier").startswith("XM-DAC-TEST-")
        # Chosen for an agency (3, extending) or a development bank (1, funding), or for a cue word.
        roles = {p.get("role") for p in a.findall("participating-org")}
        assert roles & {"1", "3"} or iati.is_development_cooperation(c.sentence.text, [])
    assert len(activities) < Commitment.objects.filter(active=True).count()  # not every commitment is aid


def test_report_pdf_and_html(tracked: dict[str, int], tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "r.pdf"
    export("report", pdf, Selection(filters={"statement": str(Statement.objects.get().pk)}), today=dt.date(2026, 4, 1))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "").replace(" ", "")
    title = Statement.objects.get().title.replace(" ", "")
    assert title[:20] in text
    assert "overdue" in text
    html_path = tmp_path / "r.html"
    export("report", html_path, Selection(partners=["JPN", "KAZ"]), today=dt.date(2026, 4, 1))
    html = html_path.read_text(encoding="utf-8")
    assert html.count("<svg") == 2
    overdue = Commitment.objects.get(pk=tracked["due_only"]).sentence.text
    assert overdue in html  # due 2026-03-31, still open on 2026-04-01


def test_unknown_partner_code_is_a_clear_error(sample_statement: Any, tmp_path: Path) -> None:
    from communique.errors import InputError

    with pytest.raises(InputError):
        export("csv", tmp_path / "x.csv", Selection(partners=["Japan"]))
    assert not (tmp_path / "x.csv").exists()


def test_iati_from_an_undated_english_statement(tmp_path: Path) -> None:
    from communique.interchange import document_from_dict
    from communique.tracker.services import import_statement

    def sentence(i: int, text: str, actors: list[str], acts: list[str], orgs: list[str]) -> dict[str, Any]:
        return {"id": f"s{i}", "paragraph": f"p{i}", "text": text, "actors": actors, "acts": acts,
                "organizations": [{"mention": o, "name": o, "aliases": []} for o in orgs], "instruments": [], "dates": []}

    data = {
        "schema": "communique/statement@1",
        "document": {"title": "Joint Statement", "language": "en", "date": None, "place": None,
                     "parties": ["JPN", "PHL"], "signatories": [],
                     "translation": {"is_translation": False, "original_language": None}},
        "sections": [],
        "paragraphs": [{"id": f"p{i}", "number": i, "section": None, "text": "x"} for i in (1, 2)],
        "sentences": [
            sentence(1, "Japan will provide a grant to build hospitals.", ["JPN"], ["commit"], []),
            sentence(2, "The two leaders will hold regular consultations.", ["JPN", "PHL"], ["commit"], []),
        ],
        "repairs": [],
    }
    import_statement(document_from_dict(data), "ana", name="en-undated")
    out = tmp_path / "a.xml"
    export("iati", out)
    assert iati.validation_errors(out.read_bytes()) == []
    (activity,) = etree.fromstring(out.read_bytes()).findall("iati-activity")
    assert activity.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert activity.findtext("title/narrative").startswith("Japan will provide a grant")
    assert [c.get("code") for c in activity.findall("recipient-country")] == ["PH"]
    assert [s.get("code") for s in activity.findall("sector")] == ["3"]  # hospitals: health
    assert activity.find("activity-date[@type='1']") is not None  # undated statement: when it was recorded
    assert [p.findtext("narrative") for p in activity.findall("participating-org[@role='2']")] == ["Japan"]


def test_report_timeline_counts_every_dated_commitment(tracked: dict[str, int]) -> None:
    from communique.exports.report_data import build
    from communique.exports.rows import commitments

    data = build(commitments(), today=dt.date(2026, 4, 1))
    dated = Commitment.objects.filter(active=True, statement__is_current=True, due_date__isnull=False)
    open_codes = (1, 2, 3, 6)  # pipeline, implementation, finalisation, suspended
    assert sum(open_ for _, open_, _ in data.timeline) == dated.filter(status__in=open_codes).count()
    assert sum(done for _, _, done in data.timeline) == dated.exclude(status__in=open_codes).count() > 0
    days = list(dated.values_list("due_date", flat=True))
    by_month = (max(days) - min(days)).days <= 730  # months when every deadline falls within two years
    assert {p for p, _, _ in data.timeline} == {d.isoformat()[:7] if by_month else str(d.year) for d in days}
