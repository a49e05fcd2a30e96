"""A commitment's life: status back and forth, scores, due dates, evidence, history, conflicts."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from django.db import connection

from communique.errors import ConflictError, InputError, NotFoundError
from communique.tracker.models import AppendOnlyError, Commitment, Evidence, HistoryEntry
from communique.tracker.services import (
    add_evidence,
    commitment_state,
    get_commitment,
    import_statement,
    replay_history,
    update_commitment,
    withdraw_evidence,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(imported: Any) -> Commitment:
    return imported.statement.commitments.get(sentence__sid="s1")


def _status_history(c: Commitment) -> list[tuple[str, str]]:
    return [(h.old, h.new) for h in HistoryEntry.objects.filter(target_type="commitment", target_id=c.pk, field="status")]


def test_status_moves_forward_and_back_each_step_recorded(commitment: Commitment) -> None:
    path = ["implementation", "finalisation", "implementation", "suspended", "implementation", "closed"]
    for version, status in enumerate(path, start=1):
        c = update_commitment(commitment.pk, "bob", version, status=status, why=f"step {version}")
        assert c.status_name == status and c.version == version + 1
    assert _status_history(commitment) == list(zip(["pipeline", *path[:-1]], path, strict=True))
    assert replay_history(commitment) == commitment_state(commitment)
    whys = list(HistoryEntry.objects.filter(target_id=commitment.pk, field="status").values_list("why", flat=True))
    assert whys == [f"step {i}" for i in range(1, 7)]


def test_status_by_iati_code(commitment: Commitment) -> None:
    assert update_commitment(commitment.pk, "bob", status="5").status_name == "cancelled"
    assert update_commitment(commitment.pk, "bob", status=2).status_name == "implementation"


def test_score_and_assessment_date(commitment: Commitment) -> None:
    c = update_commitment(commitment.pk, "bob", score="+1", assessed_on="2026-06-30")
    assert (c.score, c.assessed_on) == (1, date(2026, 6, 30))
    c = update_commitment(commitment.pk, "bob", score=0)
    assert c.score == 0 and c.assessed_on is not None
    c = update_commitment(commitment.pk, "bob", score=-1)
    assert c.score == -1
    c = update_commitment(commitment.pk, "bob", score=None)
    assert (c.score, c.assessed_on) == (None, None)
    scores = [h.new for h in HistoryEntry.objects.filter(target_id=c.pk, target_type="commitment", field="score")]
    assert scores == [1, 0, -1, None]
    assert replay_history(c) == commitment_state(c)


@pytest.mark.parametrize(
    ("due", "precision", "last_day"),
    [("2026", "year", date(2026, 12, 31)), ("2028-02", "month", date(2028, 2, 29)), ("2026-04-22", "day", date(2026, 4, 22))],
)
def test_due_date_at_its_precision(commitment: Commitment, due: str, precision: str, last_day: date) -> None:
    c = update_commitment(commitment.pk, "bob", due=due)
    assert (c.due_text, c.due_precision, c.due_date) == (due, precision, last_day)


@pytest.mark.parametrize(
    "change",
    [
        {"status": "finished"},
        {"status": "9"},
        {"score": 2},
        {"score": "yes"},
        {"due": "2026-13"},
        {"due": "next year"},
        {"evidence_url": "not a url"},
        {"evidence_url": "ftp://example.org/x"},
        {"note": "   "},
        {},
        {"status": "closed", "score": 5},  # one bad value: the good one is not applied either
    ],
)
def test_bad_input_changes_nothing(commitment: Commitment, change: dict[str, Any]) -> None:
    before = commitment_state(commitment)
    entries = HistoryEntry.objects.count()
    with pytest.raises(InputError):
        update_commitment(commitment.pk, "bob", 1, **change)
    assert commitment_state(commitment) == before
    assert get_commitment(commitment.pk).version == 1
    assert HistoryEntry.objects.count() == entries


def test_unknown_ids(imported: Any) -> None:
    with pytest.raises(NotFoundError):
        update_commitment(999_999, "bob", status="closed")
    with pytest.raises(InputError):
        update_commitment("abc", "bob", status="closed")
    with pytest.raises(NotFoundError):
        get_commitment(999_999)
    with pytest.raises(NotFoundError):
        withdraw_evidence(999_999, "bob", "no such")


def test_evidence_of_every_kind_dated_and_attributed(commitment: Commitment, make_doc: Any) -> None:
    other = import_statement(make_doc([{"text": "Japan opened the hydrogen plant.", "acts": ["report"]}],
                                      title="Follow-up statement"), "alice", name="follow-up").statement
    cited = other.paragraphs.get()
    link = add_evidence(commitment.pk, "bob", "link", url="https://example.org/news", dated="2026-02-01")
    note = add_evidence(commitment.pk, "carol", "note", text="Confirmed by the embassy.")
    file = add_evidence(commitment.pk, "carol", "file", path="reports/2026-q1.pdf")
    para = add_evidence(commitment.pk, "bob", "paragraph", paragraph=cited.pk)
    assert [e.kind for e in Evidence.objects.filter(commitment=commitment)] == ["link", "note", "file", "paragraph"]
    assert link.dated == date(2026, 2, 1) and note.added_by.username == "carol" and para.paragraph == cited
    assert file.path == "reports/2026-q1.pdf"
    assert get_commitment(commitment.pk).version == 5  # every addition is a change
    own = commitment.sentence.paragraph
    with pytest.raises(InputError):
        add_evidence(commitment.pk, "bob", "paragraph", paragraph=own.pk)  # must be another statement
    with pytest.raises(InputError):
        add_evidence(commitment.pk, "bob", "rumour", text="x")
    assert replay_history(commitment) == commitment_state(commitment)


def test_withdrawing_evidence_keeps_it_and_records_it(commitment: Commitment) -> None:
    e = add_evidence(commitment.pk, "bob", "link", url="https://example.org/wrong")
    withdrawn = withdraw_evidence(e.pk, "carol", "wrong project")
    assert withdrawn.withdrawn and Evidence.objects.filter(pk=e.pk).exists()
    entry = HistoryEntry.objects.filter(target_id=commitment.pk, field="evidence").last()
    assert (entry.old["withdrawn"], entry.new["withdrawn"], entry.user.username, entry.why) == (
        False, True, "carol", "wrong project")
    with pytest.raises(InputError):
        withdraw_evidence(e.pk, "carol", "again")
    assert replay_history(commitment) == commitment_state(commitment)


def test_replaying_history_rebuilds_the_current_state(commitment: Commitment) -> None:
    update_commitment(commitment.pk, "bob", 1, status="implementation", score=0, due="2027-06", note="begun")
    e = add_evidence(commitment.pk, "carol", "link", url="https://example.org/a")
    update_commitment(commitment.pk, "carol", assignee="dave")
    withdraw_evidence(e.pk, "bob", "duplicate")
    update_commitment(commitment.pk, "bob", status="pipeline", score=1, due=None, assignee=None)
    state = commitment_state(commitment)
    assert state["status"] == "pipeline" and state["due"] is None and state["assignee"] is None
    assert len(state["evidence"]) == 2
    assert replay_history(commitment) == state
    # and the replay is not trivially equal: an unrecorded change would break it
    Commitment.objects.filter(pk=commitment.pk).update(status=4)
    assert replay_history(commitment) != commitment_state(commitment)


def test_history_is_append_only(commitment: Commitment) -> None:
    entry = HistoryEntry.objects.filter(target_id=commitment.pk).first()
    entry.why = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        HistoryEntry.objects.filter(pk=entry.pk).update(why="x")
    with pytest.raises(AppendOnlyError):
        HistoryEntry.objects.all().delete()
    assert HistoryEntry.objects.get(pk=entry.pk).why == "import"


def test_second_update_with_the_same_expected_version_conflicts(commitment: Commitment) -> None:
    update_commitment(commitment.pk, "bob", 1, status="implementation")
    with pytest.raises(ConflictError):
        update_commitment(commitment.pk, "carol", 1, status="cancelled")
    with pytest.raises(ConflictError):
        add_evidence(commitment.pk, "carol", "note", text="late", expected_version=1)
    c = get_commitment(commitment.pk)
    assert (c.status_name, c.version) == ("implementation", 2)
    assert _status_history(c) == [("pipeline", "implementation")]


@pytest.mark.django_db(transaction=True)
def test_concurrent_updates_on_two_connections_one_wins(imported: Any) -> None:
    """Two threads, each with its own database connection, update the same version at once."""
    c = imported.statement.commitments.get(sentence__sid="s1")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def worker(user: str, status: str) -> None:
        try:
            barrier.wait(timeout=10)
            update_commitment(c.pk, user, 1, status=status, why=user)
            outcomes[user] = "ok"
        except ConflictError:
            outcomes[user] = "conflict"
        except Exception as e:  # pragma: no cover - shown in the assertion below
            outcomes[user] = repr(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=a) for a in (("bob", "closed"), ("carol", "cancelled"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes.values()) == ["conflict", "ok"], outcomes
    winner = next(u for u, o in outcomes.items() if o == "ok")
    final = get_commitment(c.pk)
    assert final.version == 2
    assert final.status_name == {"bob": "closed", "carol": "cancelled"}[winner]
    assert [h.user.username for h in HistoryEntry.objects.filter(target_id=c.pk, field="status")] == [winner]
