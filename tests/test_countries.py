"""The country gazetteer: matching in English and Japanese, lookups, groups."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique import countries


def codes(text: str, language: str | None = None) -> list[str]:
    return [m.iso3 for m in countries.find(text, language)]


def test_english_names_adjectives_and_offsets() -> None:
    text = "The United States and Japan welcomed Kazakhstan's and the Philippines' Japanese partners."
    found = countries.find(text, "en")
    assert [(m.iso3, m.form) for m in found] == [
        ("USA", "name"), ("JPN", "name"), ("KAZ", "name"), ("PHL", "name"), ("JPN", "adjective"),
    ]
    for m in found:
        assert text[m.start : m.end] == m.mention


def test_english_pronoun_us_is_no_country_but_caps_us_is() -> None:
    assert codes("Let us work together with them.", "en") == []
    assert codes("US and U.S. and USA forces", "en") == ["USA", "USA", "USA"]


def test_english_word_boundaries_and_longest_match() -> None:
    assert codes("Chadwick met Chad.", "en") == ["TCD"]
    assert codes("Papua New Guinea, Guinea-Bissau, Equatorial Guinea and Guinea", "en") == ["PNG", "GNB", "GNQ", "GIN"]
    assert codes("Niger and Nigeria; Dominica and the Dominican Republic", "en") == ["NER", "NGA", "DMA", "DOM"]


def test_english_regions_are_not_countries() -> None:
    assert codes("Latin American states, the Indian Ocean and the South China Sea", "en") == []


def test_english_name_across_a_line_break_and_in_capitals() -> None:
    assert codes("the United\nStates and the REPUBLIC OF KOREA", "en") == ["USA", "KOR"]


def test_japanese_longest_match_and_formal_names() -> None:
    found = countries.find("日本国及びカザフスタン共和国の間の共同声明、キルギス共和国、大韓民国", "ja")
    assert [(m.iso3, m.mention) for m in found] == [
        ("JPN", "日本国"), ("KAZ", "カザフスタン共和国"), ("KGZ", "キルギス共和国"), ("KOR", "大韓民国"),
    ]


def test_japanese_katakana_names_not_inside_words() -> None:
    assert codes("タイプとタイミング、ネクタイ", "ja") == []
    assert codes("タイ、インドネシア、インド", "ja") == ["THA", "IDN", "IND"]


def test_japanese_regions_are_not_countries() -> None:
    assert codes("自由で開かれたインド太平洋とインド洋", "ja") == []


def test_japanese_pair_forms_only() -> None:
    assert codes("日米豪印の協力", "ja") == ["JPN", "USA", "AUS", "IND"]
    assert codes("日・カザフスタン首脳会談", "ja") == ["JPN", "KAZ"]
    assert codes("日・米首脳", "ja") == ["JPN", "USA"]
    # single characters outside pair forms, and 日中 inside 本日中 (by the end of today), are not countries
    assert codes("本日中に加盟する独立の米", "ja") == []
    # 日中 wins over 中国 in 日中国交 (leftmost first)
    assert codes("日中国交正常化", "ja") == ["JPN", "CHN"]


def test_mixed_language_default() -> None:
    assert codes("日本とthe United States") == ["JPN", "USA"]


def test_iso3_lookup() -> None:
    assert countries.iso3("the United States") == "USA"
    assert countries.iso3("Kazakh") == "KAZ"
    assert countries.iso3("kazakhstan") == "KAZ"
    assert countries.iso3("カザフスタン共和国") == "KAZ"
    assert countries.iso3("米国") == "USA"
    assert countries.iso3("日") == "JPN"
    assert countries.iso3("us") is None
    assert countries.iso3("Atlantis") is None


def test_names() -> None:
    assert countries.names("KGZ", "ja")[0] == "キルギス"
    assert "the Republic of Kazakhstan" in countries.names("KAZ", "en")
    assert countries.names("XXX", "en") == []


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("G7", ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]),
        ("the Group of Seven", ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]),
        ("クアッド", ["AUS", "IND", "JPN", "USA"]),
        ("中央アジア＋日本", ["JPN", "KAZ", "KGZ", "TJK", "TKM", "UZB"]),
        ("C5+1", ["KAZ", "KGZ", "TJK", "TKM", "USA", "UZB"]),
    ],
)
def test_group_members(name: str, members: list[str]) -> None:
    assert countries.group_members(name) == members


def test_group_members_unknown() -> None:
    assert countries.group_members("G99") is None


def test_find_groups_and_countries_together() -> None:
    text = "日本・中央アジア首脳会合、日米豪印"
    assert [g.group for g in countries.find_groups(text, "ja")] == ["CA_JAPAN", "QUAD"]
    assert codes(text, "ja") == ["JPN", "JPN", "USA", "AUS", "IND"]


def test_every_un_member_sized_gazetteer() -> None:
    # all ISO 3166-1 entries, each with an English name; the UN members also with Japanese names
    for code in ("JPN", "KAZ", "UZB", "KGZ", "TJK", "TKM", "USA", "PHL", "GBR", "FRA", "ZWE", "TUV"):
        assert countries.names(code, "en"), code
        assert countries.names(code, "ja"), code
        assert countries.iso3(countries.names(code, "ja")[0]) == code
        assert countries.iso3(countries.names(code, "en")[0]) == code


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("日米中韓・カザフスタンタイプ国 USJapnChd.-'s")), max_size=60))
def test_mentions_are_ordered_non_overlapping_slices(text: str) -> None:
    found = countries.find(text)
    for m in found:
        assert text[m.start : m.end] == m.mention
        assert m.form in ("name", "adjective", "abbrev")
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")
GENERATOR = Path(__file__).resolve().parent.parent / "scripts" / "gen_countries.py"


@pytest.mark.skipif(not ISO_CODES.exists(), reason="Debian iso-codes is not installed")
def test_generated_yaml_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, timeout=60)
    assert result.returncode == 0, "countries.yaml is stale: run scripts/gen_countries.py"


def test_territory_notes_are_not_names() -> None:
    assert countries.iso3("仏領") is None
    assert countries.iso3("Dominican") == "DOM"
