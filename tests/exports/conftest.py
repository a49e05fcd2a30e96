"""Django for the export tests (the same set-up as tests/tracker): a throwaway SQLite file, or
PostgreSQL when ``DATABASE_URL`` is set."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from django_env import setup_django

_TMP, ON_POSTGRES = setup_django("communique-export-tests-")
TODAY_DUE = "2026-03"  # due date given to one commitment in `tracked`


@pytest.fixture
def sample_statement(db: Any, sample_doc: Any) -> Any:
    """The bundled sample imported by ana."""
    from communique.tracker.services import import_statement

    return import_statement(copy.deepcopy(sample_doc), "ana", name="sample").statement


@pytest.fixture
def tracked(sample_statement: Any) -> dict[str, Any]:
    """Tracking data on the sample: one commitment in each status, evidence, a score, a due date."""
    from communique.tracker.services import add_evidence, update_commitment

    cs = list(sample_statement.commitments.order_by("id"))
    ids = {name: cs[i].pk for i, name in enumerate(
        ["implementation", "finalisation", "closed", "cancelled", "suspended", "due_only"])}
    update_commitment(ids["implementation"], "ana", status="implementation", score=1,
                      evidence_url="https://example.org/progress", why="ministry report")
    update_commitment(ids["finalisation"], "ana", status="finalisation", due="2026-03")
    update_commitment(ids["closed"], "ana", status="closed", due="2025-12-31", score=0)
    update_commitment(ids["cancelled"], "ana", status="cancelled", due="2027")
    update_commitment(ids["suspended"], "bo", status="suspended", due="2026-06-15")
    update_commitment(ids["due_only"], "bo", due=TODAY_DUE, note="作業部会を設置した")
    add_evidence(ids["implementation"], "bo", "note", text="第1回会合を開催した")
    return ids


@pytest.fixture(scope="session", autouse=True)
def _cleanup_tmp() -> Iterator[None]:
    yield
    import shutil

    shutil.rmtree(_TMP, ignore_errors=True)
