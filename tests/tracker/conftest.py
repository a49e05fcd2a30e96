"""Django for the tracker tests (set up by tests/django_env.py): other tests never pay for Django start-up.

The database is a throwaway SQLite file (a real file, so that threads get real connections),
or PostgreSQL when ``DATABASE_URL`` is set (``scripts/test.sh`` runs this directory again
against a server started by ``scripts/postgres.sh``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from django_env import setup_django

_TMP, ON_POSTGRES = setup_django("communique-tracker-tests-", own_db_path=True)

from communique.interchange import document_from_dict  # noqa: E402
from communique.model import Document  # noqa: E402


def statement_dict(
    sentences: list[dict[str, Any]],
    *,
    title: str = "Joint Statement",
    parties: tuple[str, ...] = ("JPN", "KAZ"),
    date: str = "2025-12-18",
    language: str = "en",
) -> dict[str, Any]:
    """A communique/statement@1 dict: one section per distinct ``section`` value, one paragraph
    per distinct ``paragraph`` number. Each sentence: text, acts, actors, section, paragraph,
    organizations, dates (all optional except text)."""
    sections: dict[str, str] = {}
    paragraphs: dict[int, dict[str, Any]] = {}
    out_sentences = []
    for i, s in enumerate(sentences, 1):
        title_ = s.get("section", "General")
        sid = sections.setdefault(title_, f"S{len(sections) + 1}")
        number = s.get("paragraph", i)
        para = paragraphs.setdefault(number, {"id": f"p{number}", "number": number, "section": sid, "text": ""})
        para["text"] = (para["text"] + " " + s["text"]).strip()
        out_sentences.append({
            "id": f"s{i}", "paragraph": para["id"], "text": s["text"],
            "actors": s.get("actors", list(parties)), "acts": s.get("acts", ["commit"]),
            "organizations": [
                o if isinstance(o, dict) else {"mention": o, "name": o, "aliases": []} for o in s.get("organizations", [])
            ],
            "instruments": [],
            "dates": [{"mention": d, "value": d} for d in s.get("dates", [])],
        })
    return {
        "schema": "communique/statement@1",
        "document": {"title": title, "language": language, "date": date, "place": None, "parties": list(parties),
                     "signatories": [], "translation": {"is_translation": False, "original_language": None}},
        "sections": [{"id": sid, "label": None, "title": t, "parent": None} for t, sid in sections.items()],
        "paragraphs": list(paragraphs.values()),
        "sentences": out_sentences,
        "repairs": [],
    }


def make_document(sentences: list[dict[str, Any]], *, due: dict[int, str] | None = None, **kwargs: Any) -> Document:
    """A parsed Document from :func:`statement_dict`; ``due`` maps sentence index -> extracted due date."""
    doc = document_from_dict(statement_dict(sentences, **kwargs))
    for index, value in (due or {}).items():
        doc.sentences[index].due = value
    return doc


SENTENCES: list[dict[str, Any]] = [
    {"text": "The two sides will build a hydrogen plant with JICA by 2027.", "section": "Energy",
     "organizations": ["JICA"], "dates": ["2027"]},
    {"text": "Japan will consider expanding scholarships.", "section": "People", "actors": ["JPN"],
     "acts": ["consider"]},
    {"text": "The leaders welcomed the signing of the memorandum.", "section": "Energy", "acts": ["welcome"]},
    {"text": "Kazakhstan will host the next business forum in 2026.", "section": "People", "actors": ["KAZ"],
     "dates": ["2026"]},
    {"text": "The two sides reaffirmed the importance of the rule of law.", "section": "Politics", "acts": ["affirm"]},
]


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    """:func:`make_document`, for tests that build their own statements."""
    return make_document


@pytest.fixture
def base_sentences() -> list[dict[str, Any]]:
    """The sentences of the ``doc`` statement (a fresh copy to edit)."""
    import copy

    return copy.deepcopy(SENTENCES)


@pytest.fixture
def doc() -> Document:
    return make_document(SENTENCES, due={0: "2027", 3: "2026"})


@pytest.fixture
def imported(db: Any, doc: Document) -> Any:
    """The five-sentence statement imported by alice (three commitments)."""
    from communique.tracker.services import import_statement

    return import_statement(doc, "alice", name="kz-joint-statement")


@pytest.fixture(scope="session", autouse=True)
def _cleanup_tmp() -> Iterator[None]:
    yield
    import shutil

    shutil.rmtree(_TMP, ignore_errors=True)
