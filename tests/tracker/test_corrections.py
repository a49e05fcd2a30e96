"""Corrections override extraction everywhere, are recorded, and come out as gold files."""

from __future__ import annotations

from typing import Any

import pytest

from communique.errors import InputError, NotFoundError
from communique.interchange import validation_errors
from communique.tracker.models import Commitment, Correction, HistoryEntry, Mention
from communique.tracker.services import (
    correct_sentence,
    export_gold,
    list_commitments,
    withdraw_correction,
)

pytestmark = pytest.mark.django_db


def _sentence(imported: Any, sid: str) -> Any:
    return imported.statement.sentences.get(sid=sid)


def test_corrected_actors_are_what_every_read_sees(imported: Any) -> None:
    s = _sentence(imported, "s2")  # "Japan will consider ..." extracted as JPN only
    assert list_commitments(party="KAZ", text="scholarships").count() == 0
    correct_sentence(s.pk, "actors", ["kaz", "JPN"], "carol", "both fund it")
    s.refresh_from_db()
    assert s.actors == ["JPN", "KAZ"] and s.extracted["actors"] == ["JPN"]
    c = Commitment.objects.get(sentence=s)
    assert (c.actors, c.responsible_party) == (["JPN", "KAZ"], "joint")
    assert list_commitments(party="KAZ", text="scholarships").count() == 1
    entry = HistoryEntry.objects.get(target_type="sentence", target_id=s.pk)
    assert (entry.field, entry.old, entry.new, entry.user.username, entry.why) == (
        "correction:actors", ["JPN"], ["JPN", "KAZ"], "carol", "both fund it")


def test_a_newer_correction_replaces_the_older_and_withdrawal_falls_back(imported: Any) -> None:
    s = _sentence(imported, "s1")
    first = correct_sentence(s.pk, "dates", ["2026"], "carol", "typo")
    second = correct_sentence(s.pk, "dates", [{"mention": "by 2028", "value": "2028"}], "dave", "re-read")
    first.refresh_from_db()
    assert (first.active, second.active) == (False, True)
    s.refresh_from_db()
    assert s.dates == [{"mention": "by 2028", "value": "2028"}]
    withdraw_correction(second.pk, "dave", "the original was right")
    s.refresh_from_db()
    assert s.dates == s.extracted["dates"]
    assert Correction.objects.filter(sentence=s).count() == 2  # nothing deleted
    fields = list(HistoryEntry.objects.filter(target_type="sentence", target_id=s.pk).values_list("new", flat=True))
    assert fields[-1] is None and len(fields) == 3


def test_not_a_commitment_and_a_commitment_after_all(imported: Any) -> None:
    hydrogen = _sentence(imported, "s1")
    welcome = _sentence(imported, "s3")
    before = list_commitments().count()
    correct_sentence(hydrogen.pk, "is_commitment", False, "carol", "a description, not a promise")
    correct_sentence(welcome.pk, "is_commitment", True, "carol", "the memorandum binds both")
    c = Commitment.objects.get(sentence=hydrogen)
    assert not c.active and c.version == 2  # kept, deactivated, recorded
    assert "commit" not in Commitment.objects.get(sentence=hydrogen).sentence.acts
    new = Commitment.objects.get(sentence=welcome)
    assert new.active and new.strength == "firm" and new.topic == "Energy"
    assert list_commitments().count() == before
    assert set(list_commitments().values_list("sentence_id", flat=True)) >= {welcome.pk}
    assert hydrogen.pk not in set(list_commitments().values_list("sentence_id", flat=True))
    assert list_commitments(include_inactive=True).count() == before + 1
    assert HistoryEntry.objects.filter(target_type="commitment", target_id=c.pk, field="active").get().new is False
    # back again: the same commitment row comes back
    correct_sentence(hydrogen.pk, "is_commitment", True, "dave", "it is a promise")
    assert Commitment.objects.get(pk=c.pk).active


def test_corrected_organizations_are_searchable(imported: Any) -> None:
    s = _sentence(imported, "s4")
    assert list_commitments(organization="Chamber").count() == 0
    correct_sentence(s.pk, "organizations", [{"mention": "the Chamber", "name": "Chamber of Commerce",
                                              "aliases": ["CCI"]}], "carol", "missed")
    assert list(list_commitments(organization="chamber").values_list("sentence_id", flat=True)) == [s.pk]
    assert list(list_commitments(organization="CCI").values_list("sentence_id", flat=True)) == [s.pk]
    hydrogen = _sentence(imported, "s1")
    correct_sentence(hydrogen.pk, "organizations", [], "carol", "not an organization here")
    assert list_commitments(organization="JICA").count() == 0
    assert Mention.objects.filter(sentence=hydrogen, active=False).count() == 1  # kept, inactive


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("actors", ["Japan"]),
        ("actors", "JPN"),
        ("acts", ["promise"]),
        ("dates", ["next year"]),
        ("organizations", [42]),
        ("is_commitment", "yes"),
        ("text", "anything"),
    ],
)
def test_bad_corrections_are_refused_and_change_nothing(imported: Any, field: str, value: Any) -> None:
    s = _sentence(imported, "s1")
    with pytest.raises(InputError):
        correct_sentence(s.pk, field, value, "carol", "bad")
    assert not Correction.objects.exists()
    assert not HistoryEntry.objects.filter(target_type="sentence").exists()


def test_unknown_sentence(imported: Any) -> None:
    with pytest.raises(NotFoundError):
        correct_sentence(999_999, "actors", ["JPN"], "carol", "x")


def test_gold_export_carries_the_corrections_and_is_valid(imported: Any) -> None:
    s2, s5 = _sentence(imported, "s2"), _sentence(imported, "s5")
    correct_sentence(s2.pk, "actors", ["JPN", "KAZ"], "carol", "both")
    correct_sentence(s5.pk, "acts", ["affirm", "commit"], "carol", "also a promise")
    correct_sentence(s5.pk, "organizations", ["United Nations"], "carol", "named")
    gold = export_gold(imported.statement.pk)
    assert validation_errors(gold) == []
    by_id = {s["id"]: s for s in gold["sentences"]}
    assert by_id["s2"]["actors"] == ["JPN", "KAZ"]
    assert by_id["s5"]["acts"] == ["affirm", "commit"]
    assert by_id["s5"]["organizations"] == [{"mention": "United Nations", "name": "United Nations", "aliases": []}]
    assert by_id["s1"] == imported.statement.parse["sentences"][0]  # untouched sentences as parsed
    assert gold["document"] == imported.statement.parse["document"]
    assert imported.statement.parse["sentences"][1]["actors"] == ["JPN"]  # the stored parse is not rewritten


def test_an_organization_name_with_stray_spaces_is_stored_under_its_trimmed_name(imported: Any) -> None:
    s = _sentence(imported, "s1")
    correct_sentence(s.pk, "organizations", [{"mention": "the Agency", "name": "  Japan Agency  "}], "carol", "full name")
    mention = Mention.objects.get(sentence=s, active=True)
    assert (mention.organization.name, mention.text) == ("Japan Agency", "the Agency")
    assert [o.name for o in Commitment.objects.get(sentence=s).responsible_organizations.all()] == ["Japan Agency"]
