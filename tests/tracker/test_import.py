"""Importing statements: stored whole, idempotent, versioned, nothing half-written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import communique
from communique.errors import CommuniqueError
from communique.tracker.models import (
    Commitment,
    HistoryEntry,
    Mention,
    Organization,
    Paragraph,
    Section,
    Sentence,
    Statement,
)
from communique.tracker.services import (
    commitment_state,
    correct_sentence,
    import_statement,
    replay_history,
    update_commitment,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Statement, Section, Paragraph, Sentence, Commitment, Mention,
                                                     HistoryEntry, Organization)}


def test_sample_is_stored_with_one_commitment_per_commit_or_consider_sentence(sample_path: Path) -> None:
    parsed = communique.parse(sample_path)
    result = import_statement(sample_path, "alice")
    st = result.statement
    assert result.created
    assert st.sha256 == parsed.source.sha256
    assert st.source_name == str(sample_path.resolve())
    assert st.sentences.count() == len(parsed.sentences)
    assert st.paragraphs.count() == len(parsed.paragraphs)
    assert st.commitments.count() == len(parsed.commitments) == result.commitments
    assert {c.sentence.sid for c in st.commitments.all()} == {c.sentence for c in parsed.commitments}
    assert st.parse == parsed.to_dict()
    assert st.parser_version == communique.PARSER_VERSION
    assert st.imported_by.username == "alice"
    # one "created" history entry per commitment, holding its initial state
    for c in st.commitments.all()[:5]:
        assert replay_history(c) == commitment_state(c)


def test_commitment_fields_come_from_the_sentence(imported: Any) -> None:
    st = imported.statement
    assert imported.commitments == 3 and st.commitments.count() == 3
    hydrogen = st.commitments.get(sentence__sid="s1")
    assert hydrogen.topic == "Energy"
    assert hydrogen.actors == ["JPN", "KAZ"] and hydrogen.responsible_party == "joint"
    assert hydrogen.strength == "firm"
    assert (hydrogen.due_text, hydrogen.due_precision, hydrogen.due_date.isoformat()) == ("2027", "year", "2027-12-31")
    assert [o.name for o in hydrogen.responsible_organizations.all()] == ["JICA"]
    scholarships = st.commitments.get(sentence__sid="s2")
    assert scholarships.strength == "soft" and scholarships.responsible_party == "JPN"
    assert scholarships.status == 1 and scholarships.score is None and scholarships.version == 1
    assert not st.commitments.filter(sentence__sid__in=["s3", "s5"]).exists()


def test_importing_the_same_content_again_changes_nothing(imported: Any, doc: Any) -> None:
    before = _counts()
    again = import_statement(doc, "bob", name="kz-joint-statement")
    assert not again.created
    assert again.statement.pk == imported.statement.pk
    assert _counts() == before


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_bytes(sample_path.read_bytes())
    first = import_statement(path, "alice")
    before = _counts()
    second = import_statement(path, "alice")
    assert (first.created, second.created) == (True, False)
    assert second.statement.pk == first.statement.pk
    assert _counts() == before


@pytest.mark.parametrize("kind", ["empty", "missing", "directory"])
def test_a_failing_file_raises_and_writes_nothing(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bad.txt"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "directory":
        path.mkdir()
    before = _counts()
    with pytest.raises(CommuniqueError):
        import_statement(path, "alice")
    assert _counts() == before


def test_a_failure_while_storing_leaves_nothing_half_written(doc: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import communique.tracker.services.importing as importing

    real_insert = importing.insert_objects

    def failing_insert(model: Any, objs: Any, *args: Any) -> Any:
        if model is Commitment:  # sentences, mentions, organizations are written by now
            raise RuntimeError("disk full")
        return real_insert(model, objs, *args)

    monkeypatch.setattr(importing, "insert_objects", failing_insert)
    before = _counts()
    with pytest.raises(RuntimeError):
        import_statement(doc, "alice", name="x")
    after = _counts()
    after.pop("Organization")  # the user row and nothing else may exist; organizations were rolled back too
    before.pop("Organization")
    assert after == before
    assert not Organization.objects.exists()


def test_changed_file_becomes_a_new_version_keeping_corrections_and_tracking(
    imported: Any, make_doc: Any, base_sentences: list[dict[str, Any]]
) -> None:
    from communique.tracker.services import list_commitments

    v1 = imported.statement
    hydrogen = v1.commitments.get(sentence__sid="s1")
    forum = v1.commitments.get(sentence__sid="s4")
    scholarships_sentence = v1.sentences.get(sid="s2")
    welcome_sentence = v1.sentences.get(sid="s3")
    correct_sentence(scholarships_sentence.pk, "actors", ["JPN", "KAZ"], "carol", "both sides fund it")
    correct_sentence(welcome_sentence, "is_commitment", True, "carol", "the memorandum binds both")
    update_commitment(hydrogen.pk, "bob", 1, status="implementation", score=1, note="site chosen",
                      evidence_url="https://example.org/plant", due="2028", assignee="bob", why="progress")
    update_commitment(forum.pk, "bob", 1, status="finalisation")

    # The new file: a sentence added in front, the forum sentence reworded, the rest unchanged.
    changed = [{"text": "The leaders held talks in Astana.", "acts": ["report"]}, *base_sentences]
    changed[4]["text"] = "Kazakhstan will host the next business forum in Almaty in 2026."
    result = import_statement(make_doc(changed, due={1: "2027", 4: "2026"}), "alice", name="kz-joint-statement")

    v2 = result.statement
    v1.refresh_from_db()
    assert result.created and result.previous == v1
    assert (v2.version, v2.previous_id, v2.is_current, v1.is_current) == (2, v1.pk, True, False)
    assert result.carried_corrections == 2
    assert result.unmatched == [forum.pk]  # tracked, but its sentence changed: left on version 1, reported

    new_hydrogen = v2.commitments.get(sentence__text__startswith="The two sides will build")
    assert new_hydrogen.previous_id == hydrogen.pk
    assert (new_hydrogen.status, new_hydrogen.score, new_hydrogen.due_text) == (2, 1, "2028")  # a person's due wins
    assert new_hydrogen.assignee.username == "bob"
    assert sorted(e.text or e.url for e in new_hydrogen.evidence.all()) == ["https://example.org/plant", "site chosen"]
    assert replay_history(new_hydrogen) == commitment_state(new_hydrogen)

    new_scholarships = v2.sentences.get(text="Japan will consider expanding scholarships.")
    assert new_scholarships.actors == ["JPN", "KAZ"] and new_scholarships.extracted["actors"] == ["JPN"]
    assert new_scholarships.corrections.get(active=True).carried_from.sentence_id == scholarships_sentence.pk
    assert Commitment.objects.get(sentence__statement=v2, sentence__text__startswith="The leaders welcomed").active

    new_forum = v2.commitments.get(sentence__text__contains="Almaty")
    assert new_forum.previous is None and new_forum.status == 1
    # Nothing of version 1 changed or went away.
    hydrogen.refresh_from_db()
    assert (hydrogen.status, hydrogen.score, hydrogen.evidence.count()) == (2, 1, 2)
    assert Commitment.objects.filter(statement=v1).count() == 4  # three extracted + the corrected welcome
    # Lists show the current version only, unless asked.
    assert set(list_commitments().values_list("statement_id", flat=True)) == {v2.pk}
    assert list_commitments(all_versions=True).count() == 8


def test_reimport_of_a_changed_file_on_disk(tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "statement.txt"
    text = sample_path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    v1 = import_statement(path, "alice").statement
    tracked = v1.commitments.order_by("id").first()
    if tracked is None:
        pytest.skip("extraction finds no commitment in the sample")
    update_commitment(tracked.pk, "bob", 1, status="closed", score=-1)
    correct_sentence(tracked.sentence_id, "dates", ["2030"], "carol", "missed")
    path.write_text(text + "\n\n" + "本声明は、日本語及びロシア語により作成された。\n", encoding="utf-8")
    result = import_statement(path, "alice")
    assert result.created and result.previous == v1 and result.statement.source_name == v1.source_name
    carried = result.statement.commitments.get(previous=tracked)
    assert (carried.status, carried.score) == (4, -1)
    assert carried.sentence.dates == [{"mention": "2030", "value": "2030"}]
