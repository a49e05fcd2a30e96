"""The JSON interchange format ``communique/statement@1``: to and from the model, and validation."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from communique.errors import CommuniqueError
from communique.model import (
    SCHEMA_ID,
    DateMention,
    Document,
    DocumentInfo,
    InstrumentMention,
    OrganizationMention,
    Paragraph,
    Repair,
    Section,
    Sentence,
    Signatory,
    Source,
    Translation,
)


def document_to_dict(doc: Document) -> dict[str, Any]:
    info = doc.info
    return {
        "schema": SCHEMA_ID,
        "document": {
            "title": info.title,
            "language": info.language,
            "date": info.date,
            "place": info.place,
            "parties": sorted(set(info.parties)),
            "signatories": [
                {"party": s.party, "name": s.name, "title": s.title} for s in info.signatories
            ],
            "translation": {
                "is_translation": info.translation.is_translation,
                "original_language": info.translation.original_language,
            },
        },
        "sections": [
            {"id": s.id, "label": s.label, "title": s.title, "parent": s.parent} for s in doc.sections
        ],
        "paragraphs": [
            {"id": p.id, "number": p.number, "section": p.section, "text": p.text} for p in doc.paragraphs
        ],
        "sentences": [
            {
                "id": s.id,
                "paragraph": s.paragraph,
                "text": s.text,
                "actors": sorted(set(s.actors)),
                "acts": list(dict.fromkeys(s.acts)),
                "organizations": [o.to_dict() for o in s.organizations],
                "instruments": [i.to_dict() for i in s.instruments],
                "dates": [d.to_dict() for d in s.dates],
            }
            for s in doc.sentences
        ],
        "repairs": [r.to_dict() for r in doc.repairs],
    }


def document_from_dict(data: dict[str, Any], source: Source | None = None) -> Document:
    """Rebuild a document from its interchange form (e.g. a gold file or a stored parse)."""
    d = data.get("document", {})
    tr = d.get("translation") or {}
    info = DocumentInfo(
        title=d.get("title", ""),
        language=d.get("language", "ja"),
        date=d.get("date"),
        place=d.get("place"),
        parties=list(d.get("parties", [])),
        signatories=[
            Signatory(name=s["name"], title=s.get("title"), party=s.get("party"))
            for s in d.get("signatories", [])
        ],
        translation=Translation(bool(tr.get("is_translation", False)), tr.get("original_language")),
    )
    doc = Document(source=source or Source(data=b""), info=info)
    doc.sections = [
        Section(id=s["id"], title=s["title"], parent=s.get("parent"), label=s.get("label"))
        for s in data.get("sections", [])
    ]
    doc.paragraphs = [
        Paragraph(id=p["id"], text=p["text"], number=p.get("number"), section=p.get("section"))
        for p in data.get("paragraphs", [])
    ]
    doc.sentences = [
        Sentence(
            id=s["id"],
            paragraph=s["paragraph"],
            text=s["text"],
            actors=list(s.get("actors", [])),
            acts=list(s.get("acts", [])),
            organizations=[
                OrganizationMention(o["mention"], o.get("name"), list(o.get("aliases", [])))
                for o in s.get("organizations", [])
            ],
            instruments=[InstrumentMention(i.get("mention", ""), i["kind"]) for i in s.get("instruments", [])],
            dates=[DateMention(x.get("mention", ""), x["value"]) for x in s.get("dates", [])],
        )
        for s in data.get("sentences", [])
    ]
    doc.repairs = [
        Repair(r["kind"], r["before"], r["after"], bool(r.get("flagged", False))) for r in data.get("repairs", [])
    ]
    doc.text = "\n\n".join(p.text for p in doc.paragraphs)
    return doc


@lru_cache(maxsize=1)
def statement_schema() -> dict[str, Any]:
    """The JSON Schema of ``communique/statement@1`` shipped with the package."""
    text = resources.files("communique").joinpath("schema/statement.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(statement_schema())


def validation_errors(data: dict[str, Any]) -> list[str]:
    """Every way ``data`` breaks the schema, one readable line each (empty when valid)."""
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
        for e in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


def validate(data: dict[str, Any]) -> None:
    """Raise :class:`CommuniqueError` when ``data`` is not valid ``communique/statement@1``."""
    errors = validation_errors(data)
    if errors:
        raise CommuniqueError(f"not a valid {SCHEMA_ID} document: {errors[0]}")


def dumps(doc: Document) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2) + "\n"
