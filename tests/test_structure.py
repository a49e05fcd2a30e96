"""The structure stage: numbering forms, headings and their nesting, continuation, facts."""

from __future__ import annotations

import pytest

import communique
from communique.model import Document
from communique.pipeline import PARSE_STAGES


def _parse(text: str) -> Document:
    return communique.parse(text, stages=PARSE_STAGES)


@pytest.mark.parametrize(
    "forms",
    [
        ["1 双方は、協力する。", "2 双方は、歓迎した。", "3 日本は、支援する。"],
        ["1. We agree.", "2. We welcome it.", "3. We will act."],
        ["(1) We agree.", "(2) We welcome it.", "(3) We will act."],
        ["１．双方は、協力する。", "２．双方は、歓迎した。", "３．日本は、支援する。"],
        ["（１）双方は、協力する。", "（２）双方は、歓迎した。", "（３）日本は、支援する。"],
        ["1.We agree.", "2.We welcome it.", "3.We will act."],
    ],
)
def test_numbering_forms(forms: list[str]) -> None:
    doc = _parse("\n\n".join(forms))
    assert [p.number for p in doc.paragraphs] == [1, 2, 3]
    assert not doc.paragraphs[0].text[0].isdigit() and doc.paragraphs[0].text[0] not in "(（．."


def test_a_year_at_line_start_is_not_a_number_and_continuations_belong() -> None:
    doc = _parse("1 双方は、協力する。\n\n2025年に日本は支援した。\n\n2 双方は、歓迎した。\n\n30年近く協力した。")
    assert [p.number for p in doc.paragraphs] == [1, 2]
    assert doc.paragraphs[0].text == "双方は、協力する。2025年に日本は支援した。"
    assert doc.paragraphs[1].text.endswith("30年近く協力した。")


def test_numbers_must_increase() -> None:
    doc = _parse("1. We agree.\n\n2. We welcome it.\n\n7 countries joined.\n\n3. We will act.")
    assert [p.number for p in doc.paragraphs] == [1, 2, 3]
    assert "7 countries joined." in doc.paragraphs[1].text


def test_labelled_unlabelled_and_inline_headings_nest() -> None:
    text = "\n\n".join([
        "**日本国とA国の共同声明**",
        "両首脳は会談した。",
        "## **I 政治分野**",
        "1 双方は、協力する。",
        "## **II 重点分野**",
        "#### **グリーン：新産業の協力**",
        "2 双方は、協力する。",
        "**連結性**：物流、交通の強化。",
        "3 双方は、協力する。",
        "#### **III その他**",
        "4 双方は、協力する。",
    ])
    doc = _parse(text)
    tree = [(s.label, s.title, doc.section(s.parent).title if s.parent else None) for s in doc.sections]
    assert tree == [
        ("I", "政治分野", None),
        ("II", "重点分野", None),
        (None, "グリーン：新産業の協力", "重点分野"),
        (None, "連結性：物流、交通の強化。", "重点分野"),
        ("III", "その他", None),
    ]
    sections = {p.number: doc.section(p.section).title for p in doc.paragraphs if p.number}
    assert sections == {1: "政治分野", 2: "グリーン：新産業の協力", 3: "連結性：物流、交通の強化。", 4: "その他"}
    assert doc.info.title == "日本国とA国の共同声明"


def test_plain_text_roman_headings_and_unmarked_subheadings() -> None:
    text = "\n\n".join([
        "I. Political Cooperation", "1. We agree.", "Security", "2. We will act.", "II. Economy", "3. We welcome it."
    ])
    doc = _parse(text)
    assert [(s.label, s.title, s.parent) for s in doc.sections] == [
        ("I", "Political Cooperation", None), (None, "Security", "I"), ("II", "Economy", None)
    ]


def test_closing_line_and_signatures_english() -> None:
    text = "\n\n".join([
        "Joint Statement of Japan and the Republic of Chile",
        "Santiago, 5 May 2027",
        "1. The two leaders met in Santiago.",
        "Done at Santiago on 5 May 2027, in duplicate in the English language.",
        "Prime Minister of Japan\nPresident of the Republic of Chile",
        "SATO Ken\nAna Rojas",
    ])
    doc = _parse(text)
    assert (doc.info.date, doc.info.place, doc.info.parties) == ("2027-05-05", "Santiago", ["CHL", "JPN"])
    assert [(s.name, s.party) for s in doc.info.signatories] == [("SATO Ken", "JPN"), ("Ana Rojas", "CHL")]
    assert [p.id for p in doc.paragraphs] == ["p1", "p_end"]
    assert not any("SATO" in p.text for p in doc.paragraphs)


def test_translation_note_and_language() -> None:
    doc = _parse("日本国とベトナム社会主義共和国の共同声明（仮訳）\n\n両首脳は会談した。\n\n2026年1月5日、ハノイにて英語で2部署名された。")
    assert doc.info.language == "ja" and doc.info.title == "日本国とベトナム社会主義共和国の共同声明"
    assert doc.info.translation.is_translation and doc.info.translation.original_language == "en"
    assert (doc.info.date, doc.info.place, doc.info.parties) == ("2026-01-05", "ハノイ", ["JPN", "VNM"])
    en = _parse("Joint Statement of Japan and Kenya (Provisional translation)\n\nThe leaders met.")
    assert en.info.translation.is_translation and en.info.title == "Joint Statement of Japan and Kenya"


def test_document_built_without_repair_annotations() -> None:
    doc = Document(source=communique.model.Source(data=b""), text="Title of a Statement\n\n1. We agree.\n\n2. We act.")
    from communique.sentences import sentences
    from communique.structure import structure

    structure(doc)
    sentences(doc)
    assert [p.number for p in doc.paragraphs] == [1, 2] and len(doc.sentences) == 2


def test_numbered_headings_over_parenthesized_paragraphs() -> None:
    text = "\n\n".join([
        "日本国とインドネシア共和国の共同声明",
        "１．政治・安全保障",
        "（１）双方は、協力する。",
        "（２）双方は、歓迎した。",
        "２．経済",
        "（１）双方は、推進する。",
    ])
    doc = _parse(text)
    assert [(s.label, s.title) for s in doc.sections] == [("１", "政治・安全保障"), ("２", "経済")]
    assert [(p.number, doc.section(p.section).title) for p in doc.paragraphs] == [
        (1, "政治・安全保障"), (2, "政治・安全保障"), (1, "経済")
    ]
    assert len({p.id for p in doc.paragraphs}) == 3


def test_japanese_pdf_text_without_blank_lines() -> None:
    text = "\n".join([
        "日本国とベトナム社会主義共和国の共同声明", "（仮訳）",
        "両首脳は、東京で会談を行い、二国間関係の", "発展を確認した。",
        "I 政治分野",
        "１ 双方は、ハイレベルの交流を継続し、相互", "訪問を促進する。",
        "２ 双方は、防衛協力を強化する。",
        "II 経済分野",
        "３ 日本は、ベトナムのインフラ整備を支援す", "る。",
        "2026年1月5日、ハノイにて英語で2部署名された。",
        "日本国総理大臣", "ベトナム社会主義共和国首相", "佐藤太郎", "グエン・ヴァン・アン",
    ])
    doc = _parse(text)
    assert doc.info.title == "日本国とベトナム社会主義共和国の共同声明" and doc.info.translation.is_translation
    assert [(p.number, p.section, p.text) for p in doc.paragraphs] == [
        (None, None, "両首脳は、東京で会談を行い、二国間関係の発展を確認した。"),
        (1, "I", "双方は、ハイレベルの交流を継続し、相互訪問を促進する。"),
        (2, "I", "双方は、防衛協力を強化する。"),
        (3, "II", "日本は、ベトナムのインフラ整備を支援する。"),
        (None, None, "2026年1月5日、ハノイにて英語で2部署名された。"),
    ]
    assert [(s.name, s.party) for s in doc.info.signatories] == [("佐藤太郎", "JPN"), ("グエン・ヴァン・アン", "VNM")]


def test_end_marks_are_metadata() -> None:
    doc = _parse("日本国とタイ王国の共同声明\n\n1 双方は協力する。\n\n2026年2月1日、東京にて署名された。\n\n"
                 "日本国総理大臣\n\nタイ王国首相\n\n佐藤太郎\n\nソムチャイ\n\n以上\n")
    assert [s.name for s in doc.info.signatories] == ["佐藤太郎", "ソムチャイ"]
    assert "以上" in doc.annotations["metadata"] and not any("以上" in p.text for p in doc.paragraphs)
    en = _parse("Joint Statement of Japan and Peru\n\n1. We agree.\n\n(End)\n")
    assert [p.text for p in en.paragraphs] == ["We agree."]


def test_numbered_headings_with_a_space() -> None:
    doc = _parse("１　政治・安全保障分野\n\n（１）双方は、協力する。\n\n２　経済分野\n\n（１）双方は、推進する。")
    assert [(s.label, s.title) for s in doc.sections] == [("１", "政治・安全保障分野"), ("２", "経済分野")]
    assert [(p.number, p.section) for p in doc.paragraphs] == [(1, "1"), (1, "2")]  # ids in ASCII


@pytest.mark.parametrize(
    ("text", "date", "place", "signatories"),
    [
        ("日本国とタイ王国の共同声明\n\n1 双方は協力する。\n\n2 双方は歓迎した。\n\n2026年2月1日 東京\n\n"
         "日本国総理大臣 佐藤太郎\n\nタイ王国首相 ソムチャイ\n",
         "2026-02-01", "東京", [("日本国総理大臣", "佐藤太郎", "JPN"), ("タイ王国首相", "ソムチャイ", "THA")]),
        ("Joint Statement of Japan and Chile\n\n1. We agree.\n\nTokyo, 5 May 2027\n\n"
         "Prime Minister of Japan: SATO Ken\n\nPresident of the Republic of Chile: Ana Rojas\n",
         "2027-05-05", "Tokyo", [("Prime Minister of Japan", "SATO Ken", "JPN"),
                                 ("President of the Republic of Chile", "Ana Rojas", "CHL")]),
    ],
)
def test_signature_block_without_closing_line(text: str, date: str, place: str, signatories: list) -> None:
    doc = _parse(text)
    assert (doc.info.date, doc.info.place) == (date, place)
    assert [(s.title, s.name, s.party) for s in doc.info.signatories] == signatories
    assert [p.number for p in doc.paragraphs] == [1, 2] if "2 双方" in text else [1]


def test_markdown_headings_without_blank_lines() -> None:
    doc = _parse("# Joint Statement of Japan and Chile\n## I. Politics\n1. We agree to work.\n2. We welcome it.\n"
                 "## II. Trade\n3. We will act.\n")
    assert doc.info.title == "Joint Statement of Japan and Chile"
    assert [(s.label, s.title) for s in doc.sections] == [("I", "Politics"), ("II", "Trade")]
    assert [(p.number, p.section) for p in doc.paragraphs] == [(1, "I"), (2, "I"), (3, "II")]


def test_bracketed_subheadings_and_page_numbers_without_form_feeds() -> None:
    text = "\n\n".join([
        "２．経済分野", "＜貿易・投資＞", "（１）双方は、協力する。", "- 2 -", "＜エネルギー＞",
        "（２）双方は、日本がタシケント市の", "- 3 -", "都市交通を支援することを歓迎した。",
    ])
    doc = _parse(text)
    assert [(s.label, s.title, s.parent) for s in doc.sections] == [
        ("２", "経済分野", None), (None, "貿易・投資", "2"), (None, "エネルギー", "2")
    ]
    assert doc.paragraphs[-1].text == "双方は、日本がタシケント市の都市交通を支援することを歓迎した。"
    assert [r.before for r in doc.repairs if r.kind == "page_furniture"] == ["- 2 -", "- 3 -"]


def test_web_page_navigation_and_category_lines() -> None:
    text = ("[Skip to content](#main)\n\n# Joint Statement of the Leaders of Japan and Brazil\n\n"
            "Briefings & Statements\n\nSeptember 22, 2025\n\nToday, the leaders met.\n\n###\n\n[Back to top](#main)\n")
    doc = _parse(text)
    assert doc.info.title == "Joint Statement of the Leaders of Japan and Brazil"
    assert doc.info.date == "2025-09-22" and doc.info.parties == ["BRA", "JPN"]
    assert [p.text for p in doc.paragraphs] == ["Today, the leaders met."]
    assert "Briefings & Statements" in doc.annotations["metadata"]
    assert [r.before for r in doc.repairs if r.kind == "page_furniture"] == ["[Skip to content](#main)", "[Back to top](#main)"]


def test_front_matter_fills_what_the_text_does_not_say() -> None:
    text = ("---\ntitle: Joint Vision Statement of Japan and Chile\ndate: 2024-04-11\nsource: https://example.org/x\n---\n\n"
            "We, the leaders of Japan and Chile, met in Santiago today.\n")
    doc = _parse(text)
    assert (doc.info.title, doc.info.date, doc.info.place) == ("Joint Vision Statement of Japan and Chile", "2024-04-11",
                                                               "Santiago")
    assert [p.text for p in doc.paragraphs] == ["We, the leaders of Japan and Chile, met in Santiago today."]
    dated = _parse("---\ndate: 2024-04-11\n---\n\nJoint Statement of Japan and Chile\n\nTokyo, 5 May 2027\n\nWe met.")
    assert dated.info.date == "2027-05-05"  # the text wins where it speaks
    broken = _parse("---\n: : [\n---\n\nWe met.")  # not YAML: plain text, parsed as such
    assert "We met." in broken.paragraphs[-1].text


# Headings and web furniture in shapes the held-out statements did not have (unseen wording).
_MARKED_JA = """日本・ペルー首脳会談　共同声明

ホーム ＞ 外交政策 ＞ 共同声明

２０２７年３月２日、両首脳は東京で会談した。

■ 政治・安全保障
双方は、安全保障対話を開始する。
双方は、防衛交流を拡大する。

〈経済〉
双方は、貿易を拡大する。
［文化］
双方は、文化交流を拡大する。

ページの先頭へ戻る
"""


def test_marked_and_bracketed_headings_without_blank_lines() -> None:
    doc = _parse(_MARKED_JA)
    assert doc.info.title == "日本・ペルー首脳会談　共同声明"  # the breadcrumb is not part of it
    assert [s.title for s in doc.sections] == ["政治・安全保障", "経済", "文化"]
    by_section = {s.title: [p.text for p in doc.paragraphs if p.section == s.id] for s in doc.sections}
    assert by_section["経済"] == ["双方は、貿易を拡大する。"]
    assert by_section["文化"] == ["双方は、文化交流を拡大する。"]
    assert all("ページ" not in s.text and "＞" not in s.text for s in doc.sentences)
    furniture = [r.before for r in doc.repairs if r.kind == "page_furniture"]
    assert furniture == ["ホーム ＞ 外交政策 ＞ 共同声明", "ページの先頭へ戻る"]


def test_plain_web_navigation_and_a_tag_spread_over_lines_mid_sentence() -> None:
    doc = _parse(
        "Skip to content\nHome › Briefing Room › Statements and Releases\n\n"
        "Joint Statement of the Leaders of Chile and New Zealand\n\n"
        "The leaders of Chile and New Zealand met today in Wellington to review the\n"
        '<img src="/a.png" alt="photo of\nthe leaders" />\n'
        "partnership between the two countries.\n\nThe two countries will expand trade.\n\nBack to top\n"
    )
    assert doc.info.title == "Joint Statement of the Leaders of Chile and New Zealand"
    assert [s.text for s in doc.sentences] == [
        "The leaders of Chile and New Zealand met today in Wellington to review the partnership between the two countries.",
        "The two countries will expand trade.",
    ]
    assert {r.kind for r in doc.repairs} >= {"page_furniture", "markup", "page_break_join"}


@pytest.mark.parametrize(
    "line",
    [
        "Japan / Philippines / United States Trilateral Summit",  # "/" is no breadcrumb separator
        "| file | statement | date |",  # a Markdown table row
        "Growth > 2% in 2026 > 2025",  # figures, not navigation
        "Joint Statement | The White House",  # two pieces without a home word
    ],
)
def test_lines_that_are_not_breadcrumbs(line: str) -> None:
    from communique.repair import is_breadcrumb

    assert not is_breadcrumb(line)
