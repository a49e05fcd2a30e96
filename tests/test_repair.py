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


# Running headers and footers in text without form feeds: unseen wording, English and Japanese.
_RUNNING_EN = """JOINT COMMUNIQUE  CHILE-NEW ZEALAND

1. The two leaders met in Wellington and reviewed the wide range of cooperation between
the two countries, including trade and investment, science and innovation, and
economic security, the oceans and Antarctica.
2. The two leaders welcomed the progress on the
CHILE - NEW ZEALAND JOINT COMMUNIQUE    (unofficial)
agreement on renewable energy and decided to hold the next dialogue in Santiago in
the first half of next year, at a date to be fixed through diplomatic channels.
3. They agreed to expand eco-
CHILE - NEW ZEALAND JOINT COMMUNIQUE    (unofficial)
nomic ties and to deepen people-to-people exchanges in education and culture, and
welcomed the new working holiday arrangement between the two countries as a sign
of the growing friendship of their peoples.
4. Both sides will cooperate on Antarctic research and ocean science in the coming years.
5. The leaders reaffirmed their commitment to a free and open order based on the rule of law.
CHILE - NEW ZEALAND JOINT COMMUNIQUE    (unofficial)
"""

_RUNNING_JA = """タイ・ペルー共同声明

１．両首脳は、両国間の協力を一層強化していくことで一致した。
２．両首脳は、経済分野における協力が着実に進展していることを歓迎した。
３．両首脳は、エネルギー分野における協力の進
泰秘共同声明（仮訳）
展を歓迎した。
４．双方は、文化交流を拡大する。
５．双方は、次回会合を2027年に開催する。
６．双方は、地域の平和と安定に向けて緊密に連携していく。
泰秘共同声明（仮訳）
７．両首脳は、地域情勢について意見交換を行った。
８．両首脳は、国際社会の諸課題に共に取り組むことを確認した。
９．両首脳は、今回の訪問が両国関係の新たな一歩となったことを歓迎した。
泰秘共同声明（仮訳）
"""


def test_running_footer_without_form_feeds_is_removed_and_cut_words_rejoined() -> None:
    text, repairs = _kinds(_RUNNING_EN)
    assert "CHILE - NEW ZEALAND" not in text
    assert [r for r in repairs if r[0] == "page_furniture"] == [
        ("page_furniture", "CHILE - NEW ZEALAND JOINT COMMUNIQUE    (unofficial)", "")
    ] * 3
    assert "welcomed the progress on the agreement on renewable energy" in text
    assert "expand economic ties" in text  # hyphenated across the footer, "economic" seen elsewhere
    assert ("hyphenation", "eco-\nnomic", "economic") in repairs
    assert text.rstrip().endswith("rule of law.")
    doc = communique.parse(_RUNNING_EN.encode(), stages=PARSE_STAGES)
    assert [p.number for p in doc.paragraphs if p.number] == [1, 2, 3, 4, 5]
    assert not doc.sections  # the footer did not become a heading


def test_running_header_in_japanese_without_form_feeds() -> None:
    text, repairs = _kinds(_RUNNING_JA)
    assert "泰秘共同声明" not in text
    assert sum(1 for r in repairs if r[0] == "page_furniture") == 3
    assert "協力の進展を歓迎した。" in text
    assert ("page_break_join", "ギー分野における協力の進\n\n展を歓迎した", "ギー分野における協力の進展を歓迎した") in repairs
    doc = communique.parse(_RUNNING_JA.encode(), stages=PARSE_STAGES)
    assert len(doc.sentences) == 9


def test_repeated_lines_that_are_not_furniture_stay() -> None:
    signatures = "\n\n".join(
        f"For the Republic of {name}\nPrime Minister\n{name.upper()} Person" for name in ("Aland", "Borland", "Corland")
    )
    close = "Signed in Lima, in three originals.\n(Signed)\nA\n(Signed)\nB\n(Signed)\nC"
    prose = "\n".join(["The leaders agreed to cooperate."] * 4)  # a repeated sentence is text
    items = [f"- cooperate on trade\nThe {n} sector grew.\nIt was noted.\nThe plan was agreed." for n in "abc"]
    lines = "\n".join(items)  # the same list item in three lists
    text, repairs = _kinds(f"Statement\n\n{prose}\n\n{lines}\n\n{close}\n\n{signatures}\n")
    assert not [r for r in repairs if r[0] == "page_furniture"]
    assert text.count("Prime Minister") == 3 and text.count("(Signed)") == 3
    assert text.count("The leaders agreed to cooperate.") == 4
    assert text.count("- cooperate on trade") == 3


def test_lone_page_number_inside_an_english_sentence_is_furniture() -> None:
    raw = (
        "7. Both countries will expand cooperation in semiconductors and critical minerals under the new\n"
        "\n14\n\n"
        "Economic Security Dialogue, which will meet every year.\n"
    )
    text, repairs = _kinds(raw)
    assert "under the new Economic Security Dialogue" in text
    assert ("page_furniture", "14", "") in repairs


def test_a_number_line_after_a_heading_is_not_taken_for_a_page_number() -> None:
    raw = "II. ECONOMY\n\n8\n\nThe two leaders welcomed the new investment framework.\n"
    text, repairs = _kinds(raw)
    assert not [r for r in repairs if r[0] == "page_furniture"]
    assert "8" in text
