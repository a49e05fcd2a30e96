"""The repair stage: each kind of converter damage, and what must stay untouched."""

from __future__ import annotations

import communique
from communique.pipeline import PARSE_STAGES
from communique.repair import repair_text


def _kinds(raw: str) -> tuple[str, list[tuple[str, str, str]]]:
    text, repairs, _ = repair_text(raw)
    return text, [(r.kind, r.before, r.after) for r in repairs]


def test_spaced_paragraph_numbers_and_acronyms() -> None:
    raw = "4 2 双方は、協力する。\n\n4 3 双方は、J I C A及び（K a z A I D）、S D G s、日本- I M F と連携する。"
    text, repairs = _kinds(raw)
    assert text.startswith("4 2") is False and "43 双方は" in text
    assert "JICA及び（KazAID）、SDGs、日本-IMF" in text
    assert ("spaced_digits", "4 3", "43") in repairs
    assert ("spaced_letters", "K a z A I D", "KazAID") in repairs


def test_english_words_are_never_glued() -> None:
    raw = "I am a student and I think a U N body is a b c.\n\nPlan A B was a success."
    text, repairs = _kinds(raw)
    assert "I am a student and I think" in text
    assert not [r for r in repairs if r[0] == "spaced_letters" and "am" in r[1]]
    assert "Plan A B was" in text  # two capitals in English prose stay apart


def test_a_year_is_not_a_spaced_paragraph_number() -> None:
    text, repairs = _kinds("1 双方は、会談した。\n\n2025年12月18日、東京にて署名された。")
    assert "2025年12月18日" in text and not [r for r in repairs if r[0] == "spaced_digits"]


def test_page_break_inside_a_japanese_word() -> None:
    text, repairs = _kinds("8 双方は、「核兵\n\n器のない世界」の実現を表明した。")
    assert "「核兵器のない世界」" in text
    assert repairs[0][0] == "page_break_join"


def test_page_break_between_english_lines_and_hyphenation() -> None:
    raw = "The international community supports the\n\nproject. Our inter-\nnational partners and well-\nknown friends agree."
    text, repairs = _kinds(raw)
    assert "supports the project." in text
    assert "Our international partners" in text
    assert "well-known friends" in text  # no "wellknown" elsewhere: the hyphen stays
    assert ("hyphenation", "inter-\nnational", "international") in repairs


def test_heading_split_over_two_lines_is_joined() -> None:
    raw = "42 双方は、歓迎した。\n\n人づくり：日本とパートナーシップによる、能力強化された人\n\n## 材による繁栄\n\n43 双方は、推進する。"
    text, repairs = _kinds(raw)
    assert "能力強化された人材による繁栄" in text
    assert [r[0] for r in repairs if r[0] == "heading_join"] == ["heading_join"]


def test_markup_is_stripped_but_headings_remembered() -> None:
    raw = "**Title of the Statement**\n\n## **I Politics**\n\nThe 21<sup>st</sup> century \\- by 2027\\. <u>Now</u> \\*\n\n\\###\n"
    text, repairs, blocks = repair_text(raw)
    assert text == "Title of the Statement\n\nI Politics\n\nThe 21st century - by 2027. Now *"
    assert [b["heading_level"] for b in blocks] == [7, 2, None]
    assert all(r.kind == "markup" for r in repairs)


def test_page_furniture_on_pdf_pages() -> None:
    pages = [f"JOINT STATEMENT\n{i}. Paragraph {i} text goes on.\n- {i} -" for i in (1, 2, 3)]
    text, repairs = _kinds("\n\f\n".join(pages))
    assert "JOINT STATEMENT" not in text and "- 2 -" not in text
    assert [r[0] for r in repairs].count("page_furniture") == 6


def test_foreign_script_mapped_when_unambiguous_else_flagged() -> None:
    text, repairs, _ = repair_text("グリーン・トランسفォーメーション（GX）とデジタル・トランصォーム。")
    assert "トランスフォーメーション" in text
    mapped = [r for r in repairs if r.kind == "foreign_script" and not r.flagged]
    flagged = [r for r in repairs if r.kind == "foreign_script" and r.flagged]
    assert mapped[0].before == "トランسفォーメーション" and mapped[0].after == "トランスフォーメーション"
    assert flagged and "ص" in flagged[0].before and "ص" in text  # unknown letter: left, flagged


def test_a_word_of_another_script_is_not_a_stray_character() -> None:
    text, repairs, _ = repair_text("The name «Қазақстан» and the word Москва are kept.")
    assert "Москва" in text and not repairs


def test_whitespace_and_nbsp() -> None:
    text, _, _ = repair_text("\ufeffJapan\u00a0and the\u00a0U.S.   \r\nagree.  \r\n")
    assert text == "Japan and the U.S. agree."


def test_stage_sets_text_and_annotations(sample_path) -> None:
    doc = communique.parse(sample_path, stages=PARSE_STAGES[:2])
    assert doc.text and "**" not in doc.text and "##" not in doc.text
    assert any(b["heading_level"] for b in doc.annotations["blocks"])


def test_cyrillic_look_alike_inside_a_latin_word() -> None:
    text, repairs, _ = repair_text("The Republic of K\u0430zakhstan and Japan.")
    assert "Kazakhstan" in text
    assert [(r.kind, r.after, r.flagged) for r in repairs] == [("foreign_script", "Kazakhstan", False)]


def test_page_furniture_without_form_feeds() -> None:
    raw = ("1. The leaders agreed to develop the new\n\n"
           "Japan - Viet Nam Joint Statement                    Page 2 of 4\n\n"
           "Employment system.\n\n－２－\n\n日越共同声明（仮訳）\n\n2. They welcomed it.")
    text, repairs = _kinds(raw)
    assert "develop the new Employment system." in text and "Page 2" not in text and "日越共同声明" not in text
    assert [r[1] for r in repairs if r[0] == "page_furniture"] == [
        "Japan - Viet Nam Joint Statement                    Page 2 of 4", "－２－", "日越共同声明（仮訳）"
    ]


def test_full_width_spaced_letters_and_numbers() -> None:
    text, repairs = _kinds("１１　両首脳は、（Ｉ Ｓ Ｒ Ｏ）と協力する。\n\n1 2　両首脳は、協力する。")
    assert "（ＩＳＲＯ）" in text and text.endswith("12　両首脳は、協力する。")
    assert ("spaced_digits", "1 2", "12") in repairs


def test_html_tags_without_text_over_several_lines() -> None:
    text, repairs = _kinds('national circumstances. <img\nsrc="x.png"\ndecoding="async" alt="Anchor" />Our nations<br>agree.')
    assert text == "national circumstances. Our nations agree."
    assert [r[0] for r in repairs] == ["markup", "markup"]
