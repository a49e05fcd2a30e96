"""Instruments: documents signed, exchanged or planned, by kind, in Japanese and English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.extract.instruments import find_instruments, instruments
from communique.model import Document, DocumentInfo, Sentence, Source


def found(text: str, language: str = "ja") -> list[tuple[str, str]]:
    return [(i.mention, i.kind) for i in find_instruments(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("司法当局による協力覚書の署名を歓迎した。", [("協力覚書", "mou")]),
        ("科学・高等教育における協力に関する覚書の署名", [("覚書", "mou")]),
        ("医療機器の供与に関する交換公文の署名・交換", [("交換公文", "exchange_of_notes")]),
        ("日本国政府とウズベキスタン共和国政府との間の協定の枠組み", [("協定", "agreement")]),
        ("本協定終了後の協力", [("本協定", "agreement")]),
        ("国連憲章及び核兵器不拡散条約", [("国連憲章", "agreement"), ("核兵器不拡散条約", "agreement")]),
        ("二国間航空協定に関する交渉とコードシェア契約", [("二国間航空協定", "agreement"), ("コードシェア契約", "agreement")]),
        ("2025－2026年の外務省間の協力のための行動計画", [("行動計画", "action_plan")]),
        ("エネルギー・トランジションロードマップを歓迎", [("エネルギー・トランジションロードマップ", "action_plan")]),
        ("交流・連携に関する文書の署名", [("文書", "other")]),
        ("東京宣言を採択した", [("東京宣言", "other")]),
        # not instruments: a verb, an organization, a project, a framework, the statement itself
        ("2025年を職業の年に宣言したことを評価する", []),
        ("北大西洋条約機構との協力", []),
        ("洪水制御計画への日本の支援", []),
        ("同枠組みに基づく事業", []),
        ("本共同声明に基づき", []),
        ("国連安保理決議を履行する", []),
    ],
)
def test_japanese(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the signing of a Memorandum of Cooperation in Education", [("Memorandum of Cooperation", "mou")]),
        ("signed a memorandum of understanding on energy", [("memorandum of understanding", "mou")]),
        ("the Exchange of Notes on the grant", [("Exchange of Notes", "exchange_of_notes")]),
        ("the goals of the Paris Agreement", [("Paris Agreement", "agreement")]),
        ("Article V of the Treaty of Mutual Cooperation", [("Treaty", "agreement")]),
        ("the UN Framework Convention on Climate Change", [("UN Framework Convention", "agreement")]),
        ("the 2030 Agenda for Sustainable Development", [("2030 Agenda", "action_plan")]),
        ("the Hiroshima Action Plan", [("Hiroshima Action Plan", "action_plan")]),
        ("a roadmap for cooperation", [("roadmap", "action_plan")]),
        ("the Global Methane Pledge and the Atlantic Declaration", [("Global Methane Pledge", "other"), ("Atlantic Declaration", "other")]),
        ("a loan agreement with the bank", [("agreement", "agreement")]),
        # not instruments
        ("We are in agreement that peace matters.", []),
        ("We welcomed the agreement to launch negotiations.", []),
        ("We pledge to continue our efforts.", []),
        ("implement UN Security Council resolutions", []),
        ("their nationally determined contributions (NDCs)", []),
        ("In this Joint Statement we", []),
        ("the North Atlantic Treaty Organization", []),
    ],
)
def test_english(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "en") == expected


def test_every_occurrence_is_listed_and_stage_fills_sentences() -> None:
    doc = Document(source=Source(data=b""), info=DocumentInfo(language="ja"))
    doc.sentences = [Sentence("s1", "p1", "協力覚書の署名と、交換公文及び協力覚書の締結を歓迎した。")]
    instruments(doc)
    assert [(i.mention, i.kind) for i in doc.sentences[0].instruments] == [
        ("協力覚書", "mou"),
        ("交換公文", "exchange_of_notes"),
        ("協力覚書", "mou"),
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("覚書協定交換公文行動計画宣言し本同の、。Agreement Treaty of the memorandum")), max_size=400),
    st.sampled_from(["ja", "en", ""]),
)
def test_odd_input_never_raises(text: str, language: str) -> None:
    for ins in find_instruments(text, language):
        assert ins.mention in text
        assert ins.kind in {"mou", "exchange_of_notes", "agreement", "action_plan", "other"}


def test_long_mixed_script_sentence() -> None:
    text = ("双方は協力覚書の署名を歓迎し、the Paris Agreement and a roadmap. " * 100)[:5000]
    ja = find_instruments(text, "ja")
    en = find_instruments(text, "en")
    assert {i.kind for i in ja} == {"mou"}  # Japanese cues only in a Japanese statement
    assert {i.kind for i in en} == {"agreement", "action_plan"}
    assert find_instruments("", "ja") == []
