"""The format writers on plain rows, without a database."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import icalendar
import openpyxl
import pytest

from communique.exports import iati, ics
from communique.exports.csv_export import iter_csv, write_csv
from communique.exports.json_export import iter_json, validation_errors
from communique.exports.report import ReportData, render_html
from communique.exports.xlsx import write_xlsx

SENTENCE = "両首脳は、エネルギー分野の協力を強化することで一致した。"


def row(i: int, **extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "commitment_id": i, "statement_id": 1, "statement_title": "共同声明", "paragraph_number": 7,
        "sentence": SENTENCE, "actors": ["JPN", "KAZ"], "status": "implementation", "status_code": 2,
        "due": "2026", "due_date": dt.date(2026, 12, 31), "compliance": 1,
    }
    base.update(extra)
    return base


def test_csv_streams_header_then_rows_with_japanese_intact() -> None:
    pieces = list(iter_csv((row(i) for i in range(450)), batch=200))
    assert pieces[0].startswith("\ufeffCommitment ID,")
    assert len(pieces) == 1 + 3  # header, then 200 + 200 + 50 rows
    parsed = list(csv.reader(io.StringIO("".join(pieces).lstrip("\ufeff"))))
    assert len(parsed) == 451
    header = parsed[0]
    first = dict(zip(header, parsed[1], strict=True))
    assert first["Sentence"] == SENTENCE and first["Actors"] == "JPN; KAZ" and first["Due date"] == "2026-12-31"
    out = io.StringIO()
    assert write_csv([row(1), row(2)], out) == 2


def test_xlsx_header_frozen_filter_widths_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    assert write_xlsx([row(1), row(2, sentence="制御文字\x07入り")], path) == 2
    ws = openpyxl.load_workbook(path).active
    headers = [c.value for c in ws[1]]
    assert headers[0] == "Commitment ID" and ws["A1"].font.b
    sentence_col = headers.index("Sentence") + 1
    assert ws.cell(2, sentence_col).value == SENTENCE
    assert ws.cell(3, sentence_col).value == "制御文字入り"  # Excel refuses control characters
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}3"
    letter = openpyxl.utils.get_column_letter(sentence_col)
    assert ws.column_dimensions[letter].width == 80
    due = ws.cell(2, headers.index("Due date") + 1).value
    assert due.date() == dt.date(2026, 12, 31)


@pytest.mark.parametrize(("status", "expected"), [
    ("pipeline", "NEEDS-ACTION"), ("implementation", "IN-PROCESS"), ("finalisation", "IN-PROCESS"),
    ("closed", "COMPLETED"), ("cancelled", "CANCELLED"), ("suspended", "NEEDS-ACTION"),
])
def test_ics_vtodo_status_from_the_lifecycle(status: str, expected: str) -> None:
    data = ics.ics_bytes([row(3, status=status)], [])
    todos = icalendar.Calendar.from_ical(data).walk("VTODO")
    assert len(todos) == 1
    assert str(todos[0]["STATUS"]) == expected
    assert todos[0]["DUE"].dt == dt.date(2026, 12, 31)
    assert str(todos[0]["X-COMMUNIQUE-STATUS"]) == status


def test_ics_skips_undated_commitments_and_writes_all_day_events() -> None:
    data = ics.ics_bytes(
        [row(1, due_date=None), row(2)],
        [{"uid": "e@x", "summary": "大阪・関西万博", "start": "2025-04-13", "end": "2025-10-13"}],
    )
    cal = icalendar.Calendar.from_ical(data)
    assert [str(t["UID"]) for t in cal.walk("VTODO")] == ["commitment-2@communique"]
    (event,) = cal.walk("VEVENT")
    assert event["DTSTART"].dt == dt.date(2025, 4, 13)
    assert event["DTEND"].dt == dt.date(2025, 10, 14)  # exclusive end
    assert str(event["SUMMARY"]) == "大阪・関西万博"


def activity(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "identifier": "XX-COMMUNIQUE-C1", "title": "JICA支援", "description": "日本はJICAを通じて保健分野を支援する。",
        "language": "ja", "status_code": 2,
        "participating": [{"name": "Japan", "role": 2, "type": "10"}, {"name": "JICA", "role": 3, "type": "10"}],
        "planned_start": dt.date(2025, 12, 18), "planned_end": dt.date(2026, 12, 31),
        "recipient_countries": ["KZ"], "sdg_goals": [3], "last_updated": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    }
    base.update(extra)
    return base


def test_iati_valid_against_the_shipped_schema_and_catches_mistakes() -> None:
    good = iati.iati_bytes([activity(), activity(identifier="XX-COMMUNIQUE-C2", sdg_goals=[7, 9, 13])])
    assert iati.validation_errors(good) == []
    assert b'<activity-status code="2"/>' in good and b'vocabulary="7"' in good
    assert iati.validation_errors(iati.iati_bytes([activity(status_code=7)]))  # not an ActivityStatus code
    assert iati.validation_errors(iati.iati_bytes([activity(participating=[])]))  # participating-org required
    assert iati.validation_errors(iati.iati_bytes([activity(sdg_goals=[18])]))


def test_iati_development_cooperation_and_sdg_cues() -> None:
    assert iati.is_development_cooperation("日本は円借款を供与する。", [])
    assert iati.is_development_cooperation("The sides will cooperate.", ["agency"])
    assert iati.is_development_cooperation("Japan will provide a grant for schools.", [])
    assert not iati.is_development_cooperation("両首脳は法の支配の重要性を確認した。", ["ministry"])
    assert not iati.is_development_cooperation("They will maintain dialogue.", [])  # 'aid' only as a word
    assert iati.sdg_goals("保健医療と鉄道インフラ") == [3, 9]
    assert iati.sdg_goals("climate change and clean energy") == [7, 13]


def test_tracking_json_schema_rejects_what_it_should() -> None:
    import json

    doc = json.loads("".join(iter_json([], [], [], generated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))))
    assert validation_errors(doc) == []
    doc["commitments"] = [{"id": 1, "statement": 1}]
    assert any("required" in e for e in validation_errors(doc))


def test_report_html_has_figures_charts_and_escapes() -> None:
    data = ReportData(title="日本・カザフスタン <共同声明>", subtitle="JPN – KAZ", today=dt.date(2026, 1, 10),
                      total=3, firm=2, soft=1, with_due=2, overdue=1, by_status={"pipeline": 2, "closed": 1},
                      by_section=[("I 政治分野", {"pipeline": 2, "closed": 1})],
                      timeline=[("2025", 1, 0), ("2026", 0, 1)],
                      due_items=[row(9, due_date=dt.date(2025, 12, 31), status="pipeline")])
    html = render_html(data)
    assert "日本・カザフスタン &lt;共同声明&gt;" in html and "<共同声明>" not in html
    assert html.count("<svg") == 2 and "I 政治分野: 2 pipeline" in html
    assert 'class="late"' in html  # the overdue deadline is marked
    assert "2025: 1 open (overdue)" in html
