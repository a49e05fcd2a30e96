"""Markdown rendering and the terminal summary of a parsed statement."""

from __future__ import annotations

import pytest

import communique
from communique import render
from communique.model import Document
from communique.pipeline import PARSE_STAGES


@pytest.fixture(scope="module")
def doc(sample_path) -> Document:
    return communique.parse(sample_path, stages=PARSE_STAGES)


def test_markdown_nests_headings_and_numbers_paragraphs(doc: Document) -> None:
    md = render.markdown(doc)
    assert md.startswith(f"# {doc.info.title}\n")
    assert "\n## III 重点協力3分野\n\n### グリーン・強靭化：" in md
    assert "\n## IV その他の分野における協力\n\n56. 日本は、" in md
    assert "\n43. 双方は、教育" in md and "**" not in md.split("\n", 9)[-1].replace("- **", "")


def test_markdown_parses_back_to_the_same_structure(doc: Document) -> None:
    again = communique.parse(render.markdown(doc), stages=PARSE_STAGES)
    assert again.info.title == doc.info.title
    assert [(p.number, p.text) for p in again.paragraphs if p.number] == [
        (p.number, p.text) for p in doc.paragraphs if p.number
    ]
    assert [(s.label, s.title, s.parent) for s in again.sections] == [(s.label, s.title, s.parent) for s in doc.sections]


def test_summary_lists_facts_tree_counts_and_repairs(doc: Document) -> None:
    text = render.summary_text(doc, width=200)
    assert "2025-12-18" in text and "JPN, KAZ" in text and "yes (original: en)" in text
    assert "IV その他の分野における協力  (5 paragraphs)" in text
    assert f"{len(doc.paragraphs)} paragraphs (60 numbered), {len(doc.sentences)} sentences" in text
    assert "spaced_digits" in text and "foreign_script" in text
    assert "commitments" not in text.split("sentences, ", 1)[1].split("\n", 1)[1]  # no table before extraction


def test_summary_shows_commitments_once_extracted(doc: Document) -> None:
    import copy

    extracted = copy.deepcopy(doc)
    extracted.sentences[5].acts = ["commit"]
    extracted.sentences[5].actors = ["JPN", "KAZ"]
    text = render.summary_text(extracted, width=200)
    assert "1 commitments" in text and extracted.sentences[5].id in text and "firm" in text
