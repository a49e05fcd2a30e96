"""The tracker's services: plain functions the CLI and the web views both call.

Every changing function takes an explicit ``user`` (a user object or a user name), runs in
one transaction, records history, and raises :class:`~communique.errors.CommuniqueError`
subclasses (InputError, NotFoundError, ConflictError) with one-line messages on bad input.

- importing: ``import_statement(source, user, *, name=None) -> ImportResult``
- commitments: ``get_commitment(id)``, ``update_commitment(id, user, expected_version=None, *,
  status=, note=, evidence_url=, score=, assessed_on=, due=, assignee=, why=)``
- evidence: ``add_evidence(commitment_id, user, kind, *, url=, text=, path=, paragraph=, dated=, why=,
  expected_version=)``, ``withdraw_evidence(evidence_id, user, why, *, expected_version=)``
- corrections: ``correct_sentence(sentence, field, value, user, why)``, ``withdraw_correction(id, user, why)``
- gold: ``export_gold(statement) -> dict``
- history: ``replay_history(commitment)``, ``commitment_state(commitment)``, ``commitment_history(commitment)``
- queries: ``list_commitments(filters | **kwargs)``, ``due(within_days)``, ``commitment_detail(commitment)``
- stats: ``stats()``
- users: ``resolve_user(user)``
"""

from __future__ import annotations

from communique.tracker.services.commitments import UNSET, get_commitment, update_commitment
from communique.tracker.services.corrections import correct_sentence, withdraw_correction
from communique.tracker.services.evidence import add_evidence, withdraw_evidence
from communique.tracker.services.gold import export_gold
from communique.tracker.services.history import commitment_history, commitment_state, replay_history
from communique.tracker.services.importing import ImportResult, import_statement
from communique.tracker.services.queries import CommitmentFilters, commitment_detail, due, list_commitments
from communique.tracker.services.stats import g7_percent, stats
from communique.tracker.services.users import resolve_user

__all__ = [
    "UNSET",
    "CommitmentFilters",
    "ImportResult",
    "add_evidence",
    "commitment_detail",
    "commitment_history",
    "commitment_state",
    "correct_sentence",
    "due",
    "export_gold",
    "g7_percent",
    "get_commitment",
    "import_statement",
    "list_commitments",
    "replay_history",
    "resolve_user",
    "stats",
    "update_commitment",
    "withdraw_correction",
    "withdraw_evidence",
]
