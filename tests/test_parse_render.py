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
    assert md.startswith("---\ntitle: 将来に向けた") and f"\n---\n\n# {doc.info.title}\n" in md
    assert "\ndate: '2025-12-18'\n" in md and "\n- KAZ\n" in md  # the facts as front matter
    assert "\n## III 重点協力3分野\n\n### グリーン・強靭化：" in md
    assert "\n## IV その他の分野における協力\n\n56. 日本は、" in md
    assert "\n43. 双方は、教育" in md and "**" not in md.split("\n", 9)[-1].replace("- **", "")


def _same_structure(a: Document, b: Document) -> None:
    assert a.info == b.info
    assert [(s.id, s.label, s.title, s.parent) for s in a.sections] == [(s.id, s.label, s.title, s.parent) for s in b.sections]
    assert [(p.id, p.number, p.section, p.text) for p in a.paragraphs] == [
        (p.id, p.number, p.section, p.text) for p in b.paragraphs
    ]
    assert [(s.id, s.text) for s in a.sentences] == [(s.id, s.text) for s in b.sentences]


def test_markdown_parses_back_to_the_same_structure(doc: Document) -> None:
    _same_structure(communique.parse(render.markdown(doc), stages=PARSE_STAGES), doc)


def test_markdown_round_trip_of_an_english_statement_with_lists_and_marks() -> None:
    from conftest import FIXTURES

    doc = communique.parse(FIXTURES / "en" / "jp-au-2025-web.en.md", stages=PARSE_STAGES)
    assert "lithium*." in doc.text  # an escaped asterisk in the source is text
    _same_structure(communique.parse(render.markdown(doc), stages=PARSE_STAGES), doc)


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
