"""Statement reader: headings, numbered paragraphs, sentences coloured by act with entities
marked; a sentence's extraction on click or focus; repairs; the other language side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString

from communique.tracker.models import Commitment, Paragraph, Section, Sentence, Statement
from communique.web.access import viewer_required
from communique.web.highlight import highlight_sentence


@dataclass
class SentenceView:
    sentence: Sentence
    html: SafeString
    act: str  # the act that colours it: the first of commit, consider, then the others
    commitment_id: int | None


@dataclass
class ParagraphView:
    paragraph: Paragraph
    heading: Section | None  # set on the first paragraph under a new section
    heading_level: int
    sentences: list[SentenceView] = field(default_factory=list)


ACT_ORDER = ("commit", "consider", "welcome", "affirm", "appreciate", "report")


def colour_act(acts: list[str]) -> str:
    return next((a for a in ACT_ORDER if a in acts), "none")


def document_view(statement: Statement) -> list[ParagraphView]:
    sections = {s.id: s for s in statement.sections.all()}
    levels: dict[int, int] = {}
    for s in sections.values():
        level, parent = 2, s.parent_id
        while parent is not None and level < 5:
            level, parent = level + 1, sections[parent].parent_id if parent in sections else None
        levels[s.id] = level
    commitments = dict(
        Commitment.objects.filter(statement=statement, active=True).values_list("sentence_id", "id")
    )
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in statement.sentences.order_by("position"):
        by_paragraph.setdefault(sentence.paragraph_id, []).append(sentence)
    out: list[ParagraphView] = []
    shown: set[int] = set()
    for paragraph in statement.paragraphs.order_by("position"):
        heading = None
        if paragraph.section_id and paragraph.section_id not in shown:
            heading = sections.get(paragraph.section_id)
            shown.add(paragraph.section_id)
        view = ParagraphView(paragraph, heading, levels.get(paragraph.section_id or 0, 2))
        for sentence in by_paragraph.get(paragraph.id, []):
            view.sentences.append(SentenceView(
                sentence, highlight_sentence(sentence, statement.language), colour_act(sentence.acts),
                commitments.get(sentence.id),
            ))
        out.append(view)
    return out


def align(left: list[ParagraphView], right: list[ParagraphView]) -> list[tuple[list[ParagraphView], list[ParagraphView]]]:
    """Rows of paragraphs with the same printed number side by side (an unnumbered paragraph
    stays with the numbered one before it). Empty when a side's numbering is not increasing:
    then the two versions are shown as two plain columns."""

    def blocks(views: list[ParagraphView]) -> dict[int, list[ParagraphView]] | None:
        out: dict[int, list[ParagraphView]] = {}
        key = 0
        for view in views:
            number = view.paragraph.number
            if number is not None:
                if number <= key:
                    return None
                key = number
            out.setdefault(key, []).append(view)
        return out

    a, b = blocks(left), blocks(right)
    if a is None or b is None:
        return []
    return [(a.get(k, []), b.get(k, [])) for k in sorted(set(a) | set(b))]


def counterpart(statement: Statement) -> Statement | None:
    """The same statement in another language: same date and parties, another language."""
    if not statement.date:
        return None
    return (
        Statement.objects.filter(is_current=True, date=statement.date, parties_key=statement.parties_key)
        .exclude(language=statement.language).exclude(pk=statement.pk).order_by("-id").first()
    )


def _column(statement: Statement) -> dict[str, Any]:
    parse = statement.parse or {}
    return {
        "statement": statement,
        "paragraphs": document_view(statement),
        "repairs": parse.get("repairs", []),
        "numbered": statement.paragraphs.filter(number__isnull=False).count(),
    }


@viewer_required
def reader(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(Statement, pk=pk)
    other = counterpart(statement)
    side_by_side = other is not None and request.GET.get("single") != "1"
    columns = [_column(statement)] + ([_column(other)] if side_by_side and other else [])
    context = {
        "statement": statement,
        "columns": columns,
        "aligned": align(columns[0]["paragraphs"], columns[1]["paragraphs"]) if len(columns) == 2 else [],
        "other": other,
        "side_by_side": side_by_side,
        "versions": Statement.objects.filter(source_name=statement.source_name).only("id", "version")
        .order_by("-version"),
        "acts": ACT_ORDER,
    }
    return render(request, "communique/reader.html", context)
