"""Corrected statements as gold files: the stored parse with every active correction applied."""

from __future__ import annotations

import copy
from typing import Any

from communique.errors import CommuniqueError, NotFoundError
from communique.interchange import validation_errors
from communique.tracker.models import Statement
from communique.tracker.services.values import parse_id


def export_gold(statement: Statement | int | str) -> dict[str, Any]:
    """``communique/statement@1`` for a stored statement, sentences carrying their effective
    (corrected) actors, acts, organizations and dates. Validated against the schema."""
    if not isinstance(statement, Statement):
        sid = parse_id(statement, "statement ID")
        try:
            statement = Statement.objects.get(pk=sid)
        except Statement.DoesNotExist:
            raise NotFoundError(f"no statement with ID {sid}") from None
    data = copy.deepcopy(statement.parse)
    effective = {
        s["sid"]: s
        for s in statement.sentences.values("sid", "actors", "acts", "organizations", "dates")
    }
    for sentence in data.get("sentences", []):
        row = effective.get(sentence["id"])
        if row is None:
            continue
        sentence["actors"] = sorted(set(row["actors"]))
        sentence["acts"] = list(dict.fromkeys(row["acts"]))
        sentence["organizations"] = row["organizations"]
        sentence["dates"] = row["dates"]
    errors = validation_errors(data)
    if errors:
        raise CommuniqueError(f"statement {statement.pk} does not make a valid gold file: {errors[0]}")
    return data
