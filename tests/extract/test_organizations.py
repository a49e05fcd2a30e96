"""Organizations: gazetteer names and names found by their form, in Japanese and English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.extract.gazetteer import gazetteer
from communique.extract.organizations import find_organizations, organizations, paired_acronyms
from communique.model import Document, DocumentInfo, Sentence, Source


def mentions(text: str, language: str = "ja") -> list[str]:
    return [o.mention for o in find_organizations(text, language)]


def named(text: str, language: str = "ja") -> list[tuple[str, str | None]]:
    return [(o.mention, o.name) for o in find_organizations(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # found by form: ministries of countries no list holds, with the country prefix
        ("双方は、ウズベキスタン共和国投資・産業・貿易省との協力を歓迎した。", ["ウズベキスタン共和国投資・産業・貿易省"]),
        ("日本国経済産業省とモンゴル国エネルギー省が署名した。", ["日本国経済産業省", "モンゴル国エネルギー省"]),
        ("タジキスタン国際協力庁（TajAID）と連携し", ["タジキスタン国際協力庁（TajAID）"]),
        ("ベトナム開発銀行間の協力", ["ベトナム開発銀行"]),
        ("フィリピン共和国国立原子力研究所及びモンゴル国立大学", ["フィリピン共和国国立原子力研究所", "モンゴル国立大学"]),
        ("エア・マナス社が運航を計画", ["エア・マナス社"]),
        ("キルギス航空の直行便と航空分野の協力", ["キルギス航空"]),
        ("在ウズベキスタン日本国大使館及びタジキスタン大統領府", ["在ウズベキスタン日本国大使館", "タジキスタン大統領府"]),
        ("第3回日本・ウズベキスタン経済協力合同委員会を開催", ["日本・ウズベキスタン経済協力合同委員会"]),
        ("アクタウ港税関における検査", ["アクタウ港税関"]),
        ("有限責任会社「マイクロファイナンス機関『ABC』」を通じ", ["有限責任会社「マイクロファイナンス機関『ABC』」"]),
        ("国際石油・ガス・持続可能エネルギー協力機関（JCCP）が主催する", ["国際石油・ガス・持続可能エネルギー協力機関（JCCP）"]),
        # a quoted name coordinated with an organization is one; a quoted programme is not
        ("「ウズベクエクスポート」及びウズベキスタン商工会議所と連携し", ["ウズベクエクスポート", "ウズベキスタン商工会議所"]),
        ("「MIRA」プログラムを通じた交流", []),
        # governments count after a country name, not alone
        ("日本国政府とウズベキスタン共和国政府との間の協定", ["日本国政府", "ウズベキスタン共和国政府"]),
        ("トルクメニスタン政府関係者を招待した", ["トルクメニスタン政府"]),
        ("政府間交渉の開始で一致した。日本が政府として", []),
        # gazetteer names, a standing 国連 but not 国連 inside a document's name
        ("国連及びその他の国際機関と連携して", ["国連"]),
        ("国連憲章の原則を堅持する", []),
        ("国際協力機構（JICA）のプログラム", ["国際協力機構（JICA）"]),
        ("JICA研修プログラムと日本-IMFアジア奨学金プログラム", ["JICA", "IMF"]),
        ("ユネスコプロジェクトによる能力構築", ["ユネスコ"]),
        ("日本国会の一方の院の議長", ["日本国会"]),
        # the ministry of each side of a pair
        ("日・ウズベキスタン外務省間の協議", ["日・ウズベキスタン外務省", "ウズベキスタン外務省"]),
        # a pair form names a bilateral body; both governments together are not one organization
        ("日米安全保障協議委員会を開催し、日米両政府は", ["日米安全保障協議委員会"]),
        # short names in brackets after a listed name belong to it; an acronym of an agreement is no body
        ("日本貿易振興機構（ジェトロ）と経団連", ["日本貿易振興機構（ジェトロ）", "経団連"]),
        ("日EU経済連携協定（EPA）の着実な実施", ["EU"]),
        ("トヨタ自動車株式会社及び三菱商事株式会社の投資", ["トヨタ自動車株式会社", "三菱商事株式会社"]),
        # not organizations: generic bodies, groupings, programmes, words that only contain a head
        ("国際機関、研究機関、法執行機関及び関係省庁", []),
        ("G7、クアッド、SATREPS、二国間クレジット制度（JCM）及びSDGs", []),
        ("社会の発展と省エネルギー", []),
        ("同センターとの協力の道筋を探る", []),
        ("メタンの削減とパイナップルの輸出", []),
    ],
)
def test_japanese(text: str, expected: list[str]) -> None:
    assert mentions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Ministry of Foreign Affairs of the Philippines signed it.", ["Ministry of Foreign Affairs of the Philippines"]),
        ("with the Philippine Space Agency (PhilSA) and NASA", ["Philippine Space Agency (PhilSA)", "NASA"]),
        ("the World Customs Organization (WCO) and the Asian Development Bank", ["World Customs Organization (WCO)", "Asian Development Bank"]),
        ("Riken and Argonne National Laboratory will cooperate", ["Riken", "Argonne National Laboratory"]),
        ("between Japan’s Pharmaceuticals and Medical Devices Agency and the FDA",
         ["Pharmaceuticals and Medical Devices Agency", "FDA"]),
        ("the Government of Japan and the Government of the Kyrgyz Republic", ["Government of Japan", "Government of the Kyrgyz Republic"]),
        ("Acme Robotics Inc. will invest", ["Acme Robotics Inc."]),
        ("the Uzbekistan Ministry of Investment, Industry and Trade", ["Uzbekistan Ministry of Investment, Industry and Trade"]),
        ("We reaffirm the UN Charter.", []),
        ("We welcomed the G7, the Quad, SATREPS and the Partnership for Global Infrastructure and Investment.", []),
        ("Japan and Kazakhstan held talks in Astana with President Tokayev.", []),
        ("The Arbitral Tribunal on July 12, 2016 ruled", []),  # set up for one case: not a standing body
        ("Japan and the Philippine Coast Guard in Israel and the West Bank", ["Philippine Coast Guard"]),
        ("the Kyrgyz Government and the Federal Government", ["Kyrgyz Government"]),
        ("Department of Energy Secretary Granholm met JAXA President Yamakawa", ["Department of Energy", "JAXA"]),
        ("use of Coast Guard vessels and a Joint Working Group; the Philippine Coast Guard", ["Philippine Coast Guard"]),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected


def test_canonical_names_from_the_gazetteer() -> None:
    assert named("日本経済産業省と国連") == [("日本経済産業省", "経済産業省"), ("国連", "国際連合")]
    assert named("国連開発計画(UNDP)と協力") == [("国連開発計画(UNDP)", "国連開発計画")]
    assert named("with the IAEA", "en") == [("IAEA", "International Atomic Energy Agency")]
    # a foreign ministry is not Japan's ministry of the same name
    assert named("カザフスタン外務省") == [("カザフスタン外務省", "カザフスタン外務省")]


def test_each_organization_once_per_sentence() -> None:
    assert mentions("エア・アスタナ社が計画し、日本航空とエア・アスタナ社が署名した。") == ["エア・アスタナ社", "日本航空"]


def test_acronym_paired_in_the_statement_names_later_mentions() -> None:
    doc = Document(source=Source(data=b""), info=DocumentInfo(language="ja"))
    doc.sentences = [
        Sentence("s1", "p1", "双方は、キルギス国際協力庁（KyrgyzAID）と連携する。"),
        Sentence("s2", "p1", "日本は、KyrgyzAIDとの協力を継続する。"),
    ]
    organizations(doc)
    assert [(o.mention, o.name) for o in doc.sentences[1].organizations] == [("KyrgyzAID", "キルギス国際協力庁")]
    assert doc.sentences[0].organizations[0].aliases == ["KyrgyzAID"]


def test_paired_acronyms_serve_find_organizations() -> None:
    # listed acronyms (JICA) resolve by themselves and are not collected
    acronyms = paired_acronyms(["双方は、タジキスタン国際協力庁（TajAID）と連携する。", "日本はJICAを通じて支援する。"], "ja")
    assert acronyms == {"TajAID": "タジキスタン国際協力庁"}
    assert named("双方はTajAIDとの協力を歓迎した。", "ja") == []
    found = find_organizations("双方はTajAIDとの協力を歓迎した。", "ja", acronyms)
    assert [(o.mention, o.name) for o in found] == [("TajAID", "タジキスタン国際協力庁")]


def test_gazetteer_is_general() -> None:
    g = gazetteer()
    assert len(g.entries) >= 300
    kinds = {e.kind for e in g.entries}
    assert {"un", "international", "development_bank", "agency", "ministry", "government", "company"} <= kinds
    # groupings and programmes are not organizations
    for name in ("G7", "G20", "Quad", "SATREPS", "JCM", "SDGs", "C5+1"):
        assert name not in g.by_name


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("省庁機構銀行社政府（）()「」『』・日本国カザフスタン共和国ABC and of Ministry Agency、。")), max_size=400),
    st.sampled_from(["ja", "en", ""]),
)
def test_odd_input_never_raises(text: str, language: str) -> None:
    for org in find_organizations(text, language):
        assert org.mention and org.mention in text


def test_long_sentence() -> None:
    text = "双方は、国際協力機構（JICA）及びウズベキスタン共和国エネルギー省と連携し、" * 150
    found = find_organizations(text[:5000], "ja")
    assert [o.mention for o in found] == ["国際協力機構（JICA）", "ウズベキスタン共和国エネルギー省"]
    assert find_organizations("", "ja") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Engineering and Physical Sciences Research Council (EPSRC) funds the project.",
         ["Engineering and Physical Sciences Research Council (EPSRC)"]),
        ("CSIRO and RIKEN will exchange researchers.", ["CSIRO", "RIKEN"]),
        ("the German Research Foundation and the French National Research Agency", ["German Research Foundation",
                                                                                   "French National Research Agency"]),
    ],
)
def test_research_councils_and_national_agencies_are_listed(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("delegations of the National Assembly of Mongolia", ["National Assembly of Mongolia"]),
        ("the Thai National Assembly and the Brazilian Senate", ["Thai National Assembly", "Brazilian Senate"]),
        ("exchanges between the Mexican Congress and the Diet", ["Mexican Congress"]),
    ],
)
def test_parliaments_by_form(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government of Indonesia will provide", ["government of Indonesia"]),
        ("support from the Australian government", ["Australian government"]),
        ("the governments of both countries", []),  # plural: no one body
    ],
)
def test_lowercase_government_of_a_country(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministers will convene the Joint Commission annually.", ["Joint Commission"]),
        ("reports to the Steering Committee", ["Steering Committee"]),
        ("they agreed to set up a joint committee", []),
        ("a Joint Working Group on maritime issues", []),  # a kind of body, not a named one
    ],
)
def test_bodies_the_text_sets_up(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Pacific Security College and the ASEAN Academy", ["Pacific Security College", "ASEAN Academy"]),
        ("the Indonesia Defense Academy", ["Indonesia Defense Academy"]),
    ],
)
def test_academy_is_a_head(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Prime Minister visited the Kremlin on Monday.", []),
        ("She hosted him at the White House.", []),
        ("The Kremlin said it would respond.", ["Kremlin"]),
        ("首相はクレムリンで会談した。", []),
        ("クレムリンは声明を発表した。", ["クレムリン"]),
    ],
)
def test_a_seat_is_a_place_after_a_preposition(text: str, expected: list[str]) -> None:
    lang = "en" if text.isascii() else "ja"
    assert mentions(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("funded by the Inflation Reduction Act’s Clean Energy Fund", []),
        ("through the Framework's Advisory Board", []),
        ("the Asian Development Bank's Trust Fund", ["Asian Development Bank", "Trust Fund"]),
    ],
)
def test_a_fund_owned_by_a_law_is_a_mechanism(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Australian and Japan Coast Guard officers", ["Japan Coast Guard"]),
        ("U.S. and Philippine Coast Guard vessels", ["Philippine Coast Guard"]),
    ],
)
def test_elliptic_coordination_keeps_the_name_written_out(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京大学ハーバード分校を設立した。", ["東京大学ハーバード分校"]),
        ("国際協力機構バンコク事務所が支援する。", ["国際協力機構バンコク事務所"]),
        ("JICAマニラ事務所と協力した。", ["JICAマニラ事務所"]),
        ("カンボジア王立大学シェムリアップキャンパスで", ["カンボジア王立大学シェムリアップキャンパス"]),
    ],
)
def test_a_branch_suffix_extends_the_name(text: str, expected: list[str]) -> None:
    assert mentions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("両国は、国連改革に向けて連携する。", ["国連"]),
        ("国連加盟国の支持を得た。", ["国連"]),
        ("国連憲章に基づき", []),  # a document's name
    ],
)
def test_un_before_a_common_noun(text: str, expected: list[str]) -> None:
    assert mentions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country's name ending like an adjective (Ukraine, Mali) is still a name ...
        ("The two leaders welcomed the Embassy of Ukraine and JICA.", ["Embassy of Ukraine", "JICA"]),
        ("They welcomed the Ministry of Foreign Affairs of Mali.", ["Ministry of Foreign Affairs of Mali"]),
        # ... and an adjective that ends like a name (Kazakh, German) still modifies the noun after the name
        ("The Business Council for U.S. and Kazakh companies met.", ["Business Council"]),
        ("The Japan Business Council for Korean investment met.", ["Japan Business Council"]),
        ("The Japan Business Council for German companies met.", ["Japan Business Council"]),
    ],
)
def test_country_names_and_adjectives_come_from_the_country_list(text: str, expected: list[str]) -> None:
    assert mentions(text, "en") == expected
