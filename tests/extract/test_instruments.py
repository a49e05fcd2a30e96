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
        ("Article V of the Treaty of Mutual Cooperation", [("Treaty of Mutual Cooperation", "agreement")]),
        ("the UN Framework Convention on Climate Change", [("UN Framework Convention on Climate Change", "agreement")]),
        ("the 2030 Agenda for Sustainable Development", [("2030 Agenda for Sustainable Development", "action_plan")]),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Treaty on the Prohibition of Nuclear Weapons entered into force",
         [("Treaty on the Prohibition of Nuclear Weapons", "agreement")]),
        ("the Convention on International Trade in Endangered Species", [("Convention on International Trade in Endangered Species", "agreement")]),
        ("a Memorandum of Cooperation on Health in 2024", [("Memorandum of Cooperation on Health", "mou")]),
    ],
)
def test_a_capitalised_name_runs_over_its_complement(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("consistent with the NPT and the CTBT", [("NPT", "agreement"), ("CTBT", "agreement")]),
        ("the Trans-Pacific Partnership (TPP) and the RCEP", [("Trans-Pacific Partnership (TPP)", "agreement"), ("RCEP", "agreement")]),
        ("the Comprehensive Nuclear-Test-Ban Treaty (CTBT) and the CTBTO", [("Comprehensive Nuclear-Test-Ban Treaty (CTBT)", "agreement")]),
        ("implementation of the Japan-Mongolia EPA", [("Japan-Mongolia EPA", "agreement")]),
        ("the 2026 NPT Review Conference", []),  # a conference, not the treaty
        ("members of the CPTPP Commission and the FMCT Friends", []),  # bodies and groups named after a treaty
        ("日・モンゴルEPAの着実な実施", [("日・モンゴルEPA", "agreement")]),
    ],
)
def test_well_known_treaties_by_acronym(text: str, expected: list[tuple[str, str]]) -> None:
    lang = "en" if text.isascii() else "ja"
    assert found(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Regional Strategy for the Indian Ocean", [("Regional Strategy for the Indian Ocean", "action_plan")]),
        ("the 2040 Strategy", [("2040 Strategy", "action_plan")]),
        ("Japan's National Security Strategy", []),  # a national policy paper, not a joint document
    ],
)
def test_a_named_strategy_is_an_action_plan(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they welcomed the signing of the Green Hydrogen Partnership", [("Green Hydrogen Partnership", "other")]),
        ("the ministers signed the Space Cooperation Arrangement", [("Space Cooperation Arrangement", "other")]),
        ("launch a Japan-UK Clean Energy Partnership", []),  # launched, not signed: an initiative
        ("signed by the two Foreign Ministers", []),
        ("a Code of Conduct for fishing vessels", [("Code of Conduct", "other")]),
        ("issued the Japan-Korea Joint Vision", [("Japan-Korea Joint Vision", "other")]),
    ],
)
def test_a_signed_name_is_a_document(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("両外相は「日豪海洋協力原則」に署名した。", [("日豪海洋協力原則", "other")]),
        ("両首脳は「日タイ共同ビジョン」を採択した。", [("日タイ共同ビジョン", "other")]),
        ("両首脳は、日英共同ビジョンを発出した。", [("日英共同ビジョン", "other")]),
        ("「日比経済イニシアティブ」の立ち上げを発表した。", []),  # launched: an initiative, not a document
        ("「富士山」を訪問した。", []),
    ],
)
def test_japanese_named_documents_without_a_cue(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Convention on Nuclear Safety and the Joint Convention on Spent Fuel",
         [("Convention on Nuclear Safety", "agreement"), ("Joint Convention on Spent Fuel", "agreement")]),
        ("the Sendai Framework for Disaster Risk Reduction and the Paris Agreement",
         [("Sendai Framework for Disaster Risk Reduction", "action_plan"), ("Paris Agreement", "agreement")]),
        ("the ASEAN Outlook’s Action Plan on Connectivity", [("Action Plan on Connectivity", "action_plan")]),
    ],
)
def test_a_name_stops_at_another_document_or_an_owner(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the U.S. Environmental Protection Agency (EPA) and", "en"),
        ("米国環境保護庁（EPA）との協力", "ja"),
        ("welcomed the signing of the Ukraine", "en"),
        ("the conclusion of the Ukraine war", "en"),
    ],
)
def test_acronyms_of_bodies_and_signed_places_are_not_documents(text: str, lang: str) -> None:
    assert found(text, lang) == []


def test_a_signed_acronym_keeps_the_treaty_kind() -> None:
    assert found("the signing of the Japan-UK EPA negotiations", "en") == [("Japan-UK EPA", "agreement")]
