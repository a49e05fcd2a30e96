from __future__ import annotations

import json

from communique.interchange import document_from_dict, document_to_dict, validation_errors


def test_gold_round_trips_through_the_model(gold: dict) -> None:
    doc = document_from_dict(gold)
    again = document_to_dict(doc)
    assert validation_errors(again) == []
    assert [s["text"] for s in again["sentences"]] == [s["text"] for s in gold["sentences"]]
    assert again["document"]["parties"] == sorted(gold["document"]["parties"])
    assert [p["number"] for p in again["paragraphs"]] == [p["number"] for p in gold["paragraphs"]]


def test_schema_rejects_a_bad_act() -> None:
    bad = {"schema": "communique/statement@1", "document": {"title": "", "language": "ja", "date": None,
           "parties": []}, "sections": [], "paragraphs": [],
           "sentences": [{"id": "s", "paragraph": "p", "text": "x", "actors": [], "acts": ["promise"]}]}
    errors = validation_errors(json.loads(json.dumps(bad)))
    assert errors and "promise" in errors[0]
