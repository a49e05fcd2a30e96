"""The one document model every pipeline stage reads and writes.

A :class:`Document` starts as a :class:`Source` (bytes and where they came from)
and is filled in stage by stage: ``read`` sets ``raw_text``, ``repair`` sets
``text`` and ``repairs``, ``structure`` sets ``info``, ``sections`` and
``paragraphs``, ``sentences`` sets ``sentences``, and the extraction stages fill
each sentence's ``actors``, ``acts``, ``organizations``, ``instruments`` and
``dates``. :meth:`Document.to_dict` gives the interchange format
``communique/statement@1`` (``schema/statement.schema.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_ID = "communique/statement@1"

ACTS: tuple[str, ...] = ("commit", "consider", "welcome", "affirm", "appreciate", "report")
INSTRUMENT_KINDS: tuple[str, ...] = ("mou", "exchange_of_notes", "agreement", "action_plan", "other")
COMMITMENT_ACTS: dict[str, str] = {"commit": "firm", "consider": "soft"}

SourceFormat = Literal["text", "markdown", "pdf", "html", "docx"]


@dataclass
class Source:
    """Where the text came from: the bytes as read, before any decoding."""

    data: bytes
    name: str = "-"  # file path as given, or "-" for stdin / a string
    format: SourceFormat | None = None  # detected by the read stage when None
    encoding: str | None = None  # set by the read stage for text formats
    sha256: str = ""  # set by the read stage


@dataclass
class Repair:
    """One change made to the source text, so that every change is visible."""

    kind: str  # spaced_digits, spaced_letters, page_break_join, line_join, heading_join,
    # markup, page_furniture, foreign_script, hyphenation, whitespace, typo ...
    before: str
    after: str
    flagged: bool = False  # True when the parser was unsure and left it for a person

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "before": self.before, "after": self.after}
        if self.flagged:
            out["flagged"] = True
        return out


@dataclass
class Signatory:
    name: str
    title: str | None = None
    party: str | None = None


@dataclass
class Translation:
    is_translation: bool = False
    original_language: str | None = None


@dataclass
class DocumentInfo:
    title: str = ""
    language: str = "ja"
    date: str | None = None  # ISO YYYY-MM-DD
    place: str | None = None
    parties: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-3, sorted
    signatories: list[Signatory] = field(default_factory=list)
    translation: Translation = field(default_factory=Translation)


@dataclass
class Section:
    id: str
    title: str
    parent: str | None = None
    label: str | None = None  # as printed: "I", "II", "1", "Section 1"...


@dataclass
class Paragraph:
    id: str
    text: str
    number: int | None = None
    section: str | None = None  # id of the innermost section


@dataclass
class OrganizationMention:
    mention: str  # as it appears in the text
    name: str | None = None  # canonical name when known
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None  # un, development_bank, agency, ministry, government, company, other...

    def to_dict(self) -> dict[str, Any]:
        return {"mention": self.mention, "name": self.name, "aliases": list(self.aliases)}


@dataclass
class InstrumentMention:
    mention: str
    kind: str  # one of INSTRUMENT_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {"mention": self.mention, "kind": self.kind}


@dataclass
class DateMention:
    mention: str
    value: str  # ISO 8601 at the precision given; ranges with "/"

    def to_dict(self) -> dict[str, Any]:
        return {"mention": self.mention, "value": self.value}


@dataclass
class Commitment:
    """A sentence whose acts include commit (firm) or consider (soft)."""

    sentence: str  # sentence id
    strength: Literal["firm", "soft"]
    actors: list[str]
    due: str | None = None  # ISO date at its precision (e.g. "2026" = by the end of 2026)


@dataclass
class Sentence:
    id: str
    paragraph: str
    text: str
    actors: list[str] = field(default_factory=list)
    acts: list[str] = field(default_factory=list)
    organizations: list[OrganizationMention] = field(default_factory=list)
    instruments: list[InstrumentMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    due: str | None = None  # set by the commitments stage for commit/consider sentences

    @property
    def commitment(self) -> Commitment | None:
        for act, strength in COMMITMENT_ACTS.items():
            if act in self.acts:
                return Commitment(self.id, strength, list(self.actors), self.due)  # type: ignore[arg-type]
        return None


@dataclass
class Document:
    source: Source
    raw_text: str = ""  # the decoded source text (read stage)
    text: str = ""  # the repaired text (repair stage)
    info: DocumentInfo = field(default_factory=DocumentInfo)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    # Free-form notes a stage leaves for later stages (e.g. the markdown heading levels).
    annotations: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.info.language

    @property
    def commitments(self) -> list[Commitment]:
        return [c for s in self.sentences if (c := s.commitment) is not None]

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.id == paragraph_id), None)

    def section(self, section_id: str | None) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The interchange format ``communique/statement@1``."""
        from communique.interchange import document_to_dict

        return document_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        from communique.interchange import document_from_dict

        return document_from_dict(data)
