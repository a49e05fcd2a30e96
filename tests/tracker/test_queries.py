"""Listing with filters, what is due, and statistics."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from communique.errors import InputError
from communique.tracker.services import (
    CommitmentFilters,
    commitment_detail,
    correct_sentence,
    due,
    g7_percent,
    get_commitment,
    import_statement,
    list_commitments,
    stats,
    update_commitment,
)

pytestmark = pytest.mark.django_db


def _texts(qs: Any) -> list[str]:
    return [c.sentence.text.split()[0] + " " + c.sentence.text.split()[1] for c in qs]


@pytest.fixture
def two(imported: Any, make_doc: Any) -> Any:
    other = import_statement(
        make_doc([{"text": "France will fund the reactor with the IAEA.", "actors": ["FRA"], "section": "Energy",
                   "organizations": [{"mention": "IAEA", "name": "International Atomic Energy Agency",
                                      "aliases": ["IAEA"]}]}],
                 title="France Japan roadmap", parties=("FRA", "JPN"), due={0: "2025-03"}),
        "alice", name="fr-jp")
    return imported, other


def test_each_filter(two: Any) -> None:
    kz, fr = two
    kz_id = kz.statement.pk
    assert list_commitments(statement=fr.statement.pk).count() == 1
    assert list_commitments().count() == 4
    assert list_commitments(statement=kz_id).count() == 3
    assert list_commitments(statement="roadmap").count() == 1
    assert list_commitments(statement="fr-jp").count() == 1
    assert list_commitments(section="energy").count() == 2
    assert list_commitments(party="fra").count() == 1
    assert list_commitments(party="KAZ").count() == 2  # joint hydrogen plant + forum
    assert list_commitments(act="consider").count() == 1
    assert list_commitments(organization="Atomic").count() == 1
    assert list_commitments(organization="iaea").count() == 1
    assert list_commitments(organization="JICA").count() == 1
    assert list_commitments(due_before="2026-12-31").count() == 2  # 2026 and 2025-03
    assert list_commitments(due_after="2027-01-01").count() == 1
    assert list_commitments(due_after="2026-01-01", due_before="2026-12-31").count() == 1
    assert list_commitments(text="SCHOLARSHIPS").count() == 1
    update_commitment(list_commitments(party="FRA").get().pk, "bob", status="closed")
    assert list_commitments(status="closed").count() == 1 and list_commitments(status=1).count() == 3
    combined = CommitmentFilters(section="Energy", party="JPN", status="pipeline")
    assert list_commitments(combined).count() == 1


@pytest.mark.parametrize(
    "bad", [{"status": "done"}, {"party": "Japan"}, {"act": "promise"}, {"due_before": "2026/01/01"}, {"statement": "#0"}]
)
def test_bad_filters(imported: Any, bad: dict[str, str]) -> None:
    with pytest.raises(InputError):
        list(list_commitments(**bad))


def test_due_lists_upcoming_and_overdue_open_commitments(two: Any) -> None:
    today = date(2026, 6, 1)
    assert [c.due_text for c in due(0, today=today)] == ["2025-03"]  # overdue only
    assert [c.due_text for c in due(365, today=today)] == ["2025-03", "2026"]
    assert [c.due_text for c in due(2000, today=today)] == ["2025-03", "2026", "2027"]
    overdue = due(0, today=today).get()
    update_commitment(overdue.pk, "bob", status="closed")
    assert due(0, today=today).count() == 0  # closed is no longer due
    c = list_commitments(text="scholarships").get()
    update_commitment(c.pk, "bob", due=(timezone.localdate() + timedelta(days=3)).isoformat())
    assert c.pk in [x.pk for x in due(7)]
    with pytest.raises(InputError):
        due(-1)


def test_stats_counts_and_g7_compliance(two: Any) -> None:
    kz, fr = two
    ids = {c.sentence.sid: c.pk for c in kz.statement.commitments.all()}
    update_commitment(ids["s1"], "bob", status="implementation", score=1)
    update_commitment(ids["s2"], "bob", score=0)
    update_commitment(fr.statement.commitments.get().pk, "bob", score=-1)
    data = stats()
    assert data["commitments"] == 4
    assert data["by_status"] == {"pipeline": 3, "implementation": 1}
    assert data["by_section"] == {"Energy": 2, "People": 2}
    assert data["by_party"] == {"JPN": 2, "KAZ": 2, "FRA": 1}
    per = {s["id"]: s for s in data["by_statement"]}
    assert per[kz.statement.pk]["commitments"] == 3 and per[kz.statement.pk]["assessed"] == 2
    assert per[kz.statement.pk]["average"] == 0.5 and per[kz.statement.pk]["percent"] == 75.0
    assert per[fr.statement.pk]["average"] == -1.0 and per[fr.statement.pk]["percent"] == 0.0
    assert data["compliance"] == {"assessed": 3, "average": 0.0, "percent": 50.0}


def test_g7_percent() -> None:
    assert (g7_percent(1.0), g7_percent(-1.0), g7_percent(0.25), g7_percent(None)) == (100.0, 0.0, 62.5, None)


def test_detail_shows_sentence_paragraph_extraction_evidence_history(imported: Any) -> None:
    c = imported.statement.commitments.get(sentence__sid="s1")
    correct_sentence(c.sentence_id, "dates", ["2028"], "carol", "re-read")
    update_commitment(c.pk, "bob", status="implementation", note="started")
    d = commitment_detail(get_commitment(c.pk))
    assert d["sentence"]["text"] in d["paragraph"]["text"]
    assert d["sentence"]["dates"] == [{"mention": "2028", "value": "2028"}]
    assert d["sentence"]["extracted"]["dates"] == [{"mention": "2027", "value": "2027"}]
    assert d["corrections"][0]["by"] == "carol"
    assert d["status"] == "implementation" and d["evidence"][0]["text"] == "started"
    assert [h["field"] for h in d["history"]] == ["created", "correction:dates", "status", "evidence"]
