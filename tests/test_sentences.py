"""Sentence splitting, Japanese and English."""

from __future__ import annotations

from communique.sentences import split, split_english, split_japanese


def test_japanese_splits_at_maru_outside_brackets() -> None:
    text = "日本は「協力する。継続する。」と述べた。双方は歓迎した（注。）。最後"
    assert split_japanese(text) == ["日本は「協力する。継続する。」と述べた。", "双方は歓迎した（注。）。", "最後"]


def test_english_abbreviations_do_not_end_sentences() -> None:
    text = (
        "The U.S. and Japan met in Washington, D.C. on Monday. Leaders discussed e.g. trade, i.e. "
        "tariffs, under No. 5 of the plan. President Joseph R. Biden, Jr. and Dr. Smith agreed. We will act."
    )
    assert split_english(text) == [
        "The U.S. and Japan met in Washington, D.C. on Monday.",
        "Leaders discussed e.g. trade, i.e. tariffs, under No. 5 of the plan.",
        "President Joseph R. Biden, Jr. and Dr. Smith agreed.",
        "We will act.",
    ]


def test_english_sentence_after_abbreviation_at_the_end() -> None:
    assert split_english("They will visit the U.S. We welcome this.") == ["They will visit the U.S.", "We welcome this."]


def test_full_stop_glued_to_the_next_sentence() -> None:
    assert split_english("It applies under the Treaty.President Biden agreed.") == [
        "It applies under the Treaty.", "President Biden agreed."
    ]


def test_numbers_and_quotes() -> None:
    assert split_english('Growth was 1.5 percent. "We agree," they said. (See annex.) Then 2030 came.') == [
        "Growth was 1.5 percent.", '"We agree," they said.', "(See annex.)", "Then 2030 came."
    ]


def test_each_list_item_is_a_sentence() -> None:
    text = "We will:\n- support Ukraine; and\n- deliver our goal of $600 billion.\nas outlined."
    assert split(text, "en") == ["We will:", "support Ukraine; and", "deliver our goal of $600 billion.", "as outlined."]


def test_sentence_ids_follow_paragraph_ids(sample_path) -> None:
    import communique
    from communique.pipeline import PARSE_STAGES

    doc = communique.parse(sample_path, stages=PARSE_STAGES)
    p9 = [s for s in doc.sentences if s.paragraph == "p9"]
    assert [s.id for s in p9] == ["p9.s1", "p9.s2"]
    assert all(s.text.endswith("。") for s in doc.sentences)


def test_lettered_and_roman_list_items_are_sentences() -> None:
    text = "The Prime Ministers decided to:\n(a) launch a partnership;\n(b) hold a dialogue; and\n(iv) explore fusion."
    assert split(text, "en") == ["The Prime Ministers decided to:", "launch a partnership;", "hold a dialogue; and",
                                 "explore fusion."]
    assert split("双方は以下で一致した。\n（ア）日本は支援する。\n（イ）双方は協力する。", "ja") == [
        "双方は以下で一致した。", "日本は支援する。", "双方は協力する。"
    ]
