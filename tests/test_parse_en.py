"""English statements: our own fixtures (with expected structure) and the real ones in ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import communique
from communique.interchange import document_to_dict, validation_errors
from communique.pipeline import PARSE_STAGES
from conftest import FIXTURES, REAL_EN

EN = FIXTURES / "en"
CASES = [
    ("jp-id-2026-pdf.en.txt", "jp-id-2026-pdf.expected.json"),
    ("jp-au-2025-web.en.md", "jp-au-2025-web.expected.json"),
]


def _parse(path: Path) -> dict:
    return document_to_dict(communique.parse(path, stages=PARSE_STAGES))


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_fixture_matches_expected_structure(source: str, expected: str, scorer) -> None:
    want = json.loads((EN / expected).read_text(encoding="utf-8"))
    got = _parse(EN / source)
    assert validation_errors(got) == []
    assert validation_errors(want) == []
    result = scorer.score(want, got)
    assert all(result["document"][k] is True for k in ("date", "language", "parties", "title", "translation"))
    assert result["document"]["signatories_f1"] == 1.0
    for key in ("paragraphs_found", "paragraph_text", "paragraph_section"):
        assert result["structure"][key] in (1.0, None), result["structure"]
    assert result["structure"]["sentence_section"] == 1.0
    assert result["sentences"]["f1"] >= 0.98
    assert result["repairs_recall"] >= 0.9
    assert got["document"]["place"] == want["document"]["place"]
    assert [(s["label"], s["title"]) for s in got["sections"]] == [(s["label"], s["title"]) for s in want["sections"]]


def test_pdf_fixture_repairs() -> None:
    doc = communique.parse(EN / "jp-id-2026-pdf.en.txt", stages=PARSE_STAGES)
    kinds = [r.kind for r in doc.repairs]
    assert kinds.count("page_furniture") == 6  # a running header and a page number on each of 3 pages
    assert "international port" in doc.paragraph("p6").text
    assert "power and hydrogen" in doc.paragraph("p7").text  # a sentence cut by a page break
    assert "JAPAN-INDONESIA" not in " ".join(p.text for p in doc.paragraphs)
    assert [s.title for s in doc.info.signatories] == ["Prime Minister of Japan", "President of the Republic of Indonesia"]


def test_web_fixture_list_belongs_to_its_introduction() -> None:
    doc = communique.parse(EN / "jp-au-2025-web.en.md", stages=PARSE_STAGES)
    intro = next(p for p in doc.paragraphs if p.text.startswith("The leaders decided to:"))
    items = [s.text for s in doc.sentences if s.paragraph == intro.id]
    assert len(items) == 4 and items[1].startswith("establish")
    text = doc.text
    assert "<sup>" not in text and "\\" not in text and "**" not in text and "###" not in text


# ---------------------------------------------------------------- real statements (no gold)

REAL = {
    "us-japan-2024-04-10.en.md": (["JPN", "USA"], (30, 80), 0),
    "japan-philippines-us-2024-04-11.en.md": (["JPN", "PHL", "USA"], (12, 40), 0),
    "g7-hiroshima-2023-05-20.en.md": (["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"], (66, 90), 66),
}


@pytest.fixture(scope="module")
def real_parses() -> dict[str, dict]:
    if not REAL_EN.exists():
        pytest.skip("../shared is not present")
    return {name: _parse(REAL_EN / name) for name in REAL}


@pytest.mark.parametrize("name", list(REAL))
def test_real_statement_parses_sensibly(name: str, real_parses: dict[str, dict]) -> None:
    parties, (low, high), numbered = REAL[name]
    data = real_parses[name]
    assert validation_errors(data) == []
    assert data["document"]["language"] == "en"
    assert data["document"]["parties"] == parties
    assert low <= len(data["paragraphs"]) <= high
    assert sum(p["number"] is not None for p in data["paragraphs"]) == numbered
    assert len(data["sections"]) >= 5
    assert all(len(s["text"]) < 2000 for s in data["sentences"])
    text = " ".join(p["text"] for p in data["paragraphs"])
    assert "<sup>" not in text and "**" not in text and "\\." not in text


def test_g7_numbering_forms(real_parses: dict[str, dict]) -> None:
    paragraphs = {p["number"]: p for p in real_parses["g7-hiroshima-2023-05-20.en.md"]["paragraphs"]}
    assert sorted(paragraphs) == list(range(1, 67))
    assert paragraphs[24]["text"].startswith("We welcome the adoption")  # printed "24.We"
    assert paragraphs[11]["text"].startswith("We are determined")  # printed "11, We"
    assert "1.5 °C" in paragraphs[25]["text"]  # a wrapped line starting "1.5" is no paragraph
    titles = [s["title"] for s in real_parses["g7-hiroshima-2023-05-20.en.md"]["sections"]]
    assert titles[:3] == ["Preamble", "Ukraine", "Disarmament and Non-proliferation"]


def test_us_japan_title_and_sentences(real_parses: dict[str, dict]) -> None:
    data = real_parses["us-japan-2024-04-10.en.md"]
    assert data["document"]["title"] == "Global Partners for the Future"
    texts = [s["text"] for s in data["sentences"]]
    assert any(t.startswith("Today, we, President Joseph R. Biden, Jr. and Prime Minister KISHIDA") for t in texts)
    assert any(t.startswith("President Biden also reaffirmed that Article V") for t in texts)  # "Treaty.President"


def test_pdf_fixture_without_blank_lines_parses_the_same() -> None:
    import re

    raw = (EN / "jp-id-2026-pdf.en.txt").read_text(encoding="utf-8")
    tight = re.sub(r"\n[ \t]*\n", "\n", raw)  # pdftotext without paragraph spacing
    a = communique.parse(raw.encode(), stages=PARSE_STAGES)
    b = communique.parse(tight.encode(), stages=PARSE_STAGES)
    assert [(p.number, p.section, p.text) for p in b.paragraphs] == [(p.number, p.section, p.text) for p in a.paragraphs]
    assert b.info == a.info


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_fixture_structure_without_the_scorer(source: str, expected: str) -> None:
    # The same expectations checked directly, so that a clone without ../shared checks them too.
    want = json.loads((EN / expected).read_text(encoding="utf-8"))
    got = _parse(EN / source)
    for key in ("title", "language", "date", "place", "parties", "signatories", "translation"):
        assert got["document"][key] == want["document"][key], key
    assert got["sections"] == want["sections"]
    assert got["paragraphs"] == want["paragraphs"]
    assert [(s["id"], s["text"]) for s in got["sentences"]] == [(s["id"], s["text"]) for s in want["sentences"]]
