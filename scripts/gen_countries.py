#!/usr/bin/env python3
"""Generate ``src/communique/data/countries.yaml``: the country gazetteer.

English short and formal names come from Debian's ``iso-codes`` package
(``/usr/share/iso-codes/json/iso_3166-1.json``), Japanese base names from its
Japanese translation catalogue (``/usr/share/locale/ja/LC_MESSAGES/iso_3166-1.mo``).
Both are offline on a Debian machine (``apt-get install iso-codes``). The tables
below correct and extend them: the names Japanese diplomatic texts actually use
(外務省 style: ジョージア, キルギス, 豪州, 米国), common English variants, adjectives
and demonyms, one-character Japanese abbreviations used in pair forms (日米, 日英),
groups (G7, G20, Quad, ASEAN, C5+1, 中央アジア+日本) and blockers (region names
containing a country name, such as インド太平洋 or Latin America, that must not
count as the country).

The runtime reads only the generated YAML; it does not need iso-codes.

    python scripts/gen_countries.py            # writes the YAML
    python scripts/gen_countries.py --check    # exits 1 when the YAML is stale
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
from pathlib import Path

ISO_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
LOCALE_DIR = Path("/usr/share/locale")
OUT = Path(__file__).resolve().parent.parent / "src" / "communique" / "data" / "countries.yaml"

# UN member states' adjectives/demonyms (and a few observers and territories).
ADJECTIVES: dict[str, list[str]] = {
    "AFG": ["Afghan"], "ALB": ["Albanian"], "DZA": ["Algerian"], "AND": ["Andorran"], "AGO": ["Angolan"],
    "ATG": ["Antiguan"], "ARG": ["Argentine", "Argentinian"], "ARM": ["Armenian"], "AUS": ["Australian"],
    "AUT": ["Austrian"], "AZE": ["Azerbaijani"], "BHS": ["Bahamian"], "BHR": ["Bahraini"],
    "BGD": ["Bangladeshi"], "BRB": ["Barbadian"], "BLR": ["Belarusian"], "BEL": ["Belgian"],
    "BLZ": ["Belizean"], "BEN": ["Beninese"], "BTN": ["Bhutanese"], "BOL": ["Bolivian"],
    "BIH": ["Bosnian"], "BWA": ["Botswanan", "Motswana"], "BRA": ["Brazilian"], "BRN": ["Bruneian"],
    "BGR": ["Bulgarian"], "BFA": ["Burkinabe", "Burkinabè"], "BDI": ["Burundian"], "CPV": ["Cabo Verdean", "Cape Verdean"],
    "KHM": ["Cambodian"], "CMR": ["Cameroonian"], "CAN": ["Canadian"], "CAF": ["Central African"],
    "TCD": ["Chadian"], "CHL": ["Chilean"], "CHN": ["Chinese"], "COL": ["Colombian"], "COM": ["Comorian"],
    "COG": ["Congolese"], "CRI": ["Costa Rican"], "CIV": ["Ivorian"], "HRV": ["Croatian"], "CUB": ["Cuban"],
    "CYP": ["Cypriot"], "CZE": ["Czech"], "PRK": ["North Korean"], "COD": [], "DNK": ["Danish"],
    "DJI": ["Djiboutian"], "DMA": [], "DOM": ["Dominican"], "ECU": ["Ecuadorian"], "EGY": ["Egyptian"],
    "SLV": ["Salvadoran", "Salvadorean"], "GNQ": ["Equatorial Guinean"], "ERI": ["Eritrean"], "EST": ["Estonian"],
    "SWZ": ["Swazi", "Eswatini"], "ETH": ["Ethiopian"], "FJI": ["Fijian"], "FIN": ["Finnish"], "FRA": ["French"],
    "GAB": ["Gabonese"], "GMB": ["Gambian"], "GEO": ["Georgian"], "DEU": ["German"], "GHA": ["Ghanaian"],
    "GRC": ["Greek"], "GRD": ["Grenadian"], "GTM": ["Guatemalan"], "GIN": ["Guinean"], "GNB": ["Bissau-Guinean"],
    "GUY": ["Guyanese"], "HTI": ["Haitian"], "HND": ["Honduran"], "HUN": ["Hungarian"], "ISL": ["Icelandic"],
    "IND": ["Indian"], "IDN": ["Indonesian"], "IRN": ["Iranian"], "IRQ": ["Iraqi"], "IRL": ["Irish"],
    "ISR": ["Israeli"], "ITA": ["Italian"], "JAM": ["Jamaican"], "JPN": ["Japanese"], "JOR": ["Jordanian"],
    "KAZ": ["Kazakh", "Kazakhstani"], "KEN": ["Kenyan"], "KIR": ["I-Kiribati"], "KWT": ["Kuwaiti"],
    "KGZ": ["Kyrgyz", "Kyrgyzstani"], "LAO": ["Lao", "Laotian"], "LVA": ["Latvian"], "LBN": ["Lebanese"],
    "LSO": ["Basotho", "Mosotho"], "LBR": ["Liberian"], "LBY": ["Libyan"], "LIE": ["Liechtensteiner"],
    "LTU": ["Lithuanian"], "LUX": ["Luxembourgish", "Luxembourger"], "MDG": ["Malagasy"], "MWI": ["Malawian"],
    "MYS": ["Malaysian"], "MDV": ["Maldivian"], "MLI": ["Malian"], "MLT": ["Maltese"], "MHL": ["Marshallese"],
    "MRT": ["Mauritanian"], "MUS": ["Mauritian"], "MEX": ["Mexican"], "FSM": ["Micronesian"],
    "MDA": ["Moldovan"], "MCO": ["Monegasque", "Monacan"], "MNG": ["Mongolian"], "MNE": ["Montenegrin"],
    "MAR": ["Moroccan"], "MOZ": ["Mozambican"], "MMR": ["Burmese"], "NAM": ["Namibian"], "NRU": ["Nauruan"],
    "NPL": ["Nepali", "Nepalese"], "NLD": ["Dutch"], "NZL": ["New Zealander"], "NIC": ["Nicaraguan"],
    "NER": ["Nigerien"], "NGA": ["Nigerian"], "MKD": ["Macedonian", "North Macedonian"], "NOR": ["Norwegian"],
    "OMN": ["Omani"], "PAK": ["Pakistani"], "PLW": ["Palauan"], "PAN": ["Panamanian"],
    "PNG": ["Papua New Guinean"], "PRY": ["Paraguayan"], "PER": ["Peruvian"], "PHL": ["Philippine", "Filipino"],
    "POL": ["Polish"], "PRT": ["Portuguese"], "QAT": ["Qatari"], "KOR": ["Korean", "South Korean"],
    "ROU": ["Romanian"], "RUS": ["Russian"], "RWA": ["Rwandan"], "KNA": ["Kittitian"], "LCA": ["Saint Lucian"],
    "VCT": ["Vincentian"], "WSM": ["Samoan"], "SMR": ["Sammarinese"], "STP": ["Santomean"],
    "SAU": ["Saudi", "Saudi Arabian"], "SEN": ["Senegalese"], "SRB": ["Serbian"], "SYC": ["Seychellois"],
    "SLE": ["Sierra Leonean"], "SGP": ["Singaporean"], "SVK": ["Slovak"], "SVN": ["Slovenian", "Slovene"],
    "SLB": ["Solomon Islander"], "SOM": ["Somali"], "ZAF": ["South African"], "SSD": ["South Sudanese"],
    "ESP": ["Spanish"], "LKA": ["Sri Lankan"], "SDN": ["Sudanese"], "SUR": ["Surinamese"], "SWE": ["Swedish"],
    "CHE": ["Swiss"], "SYR": ["Syrian"], "TJK": ["Tajik", "Tajikistani"], "THA": ["Thai"],
    "TLS": ["Timorese"], "TGO": ["Togolese"], "TON": ["Tongan"], "TTO": ["Trinidadian"], "TUN": ["Tunisian"],
    "TUR": ["Turkish"], "TKM": ["Turkmen", "Turkmenistani"], "TUV": ["Tuvaluan"], "UGA": ["Ugandan"],
    "UKR": ["Ukrainian"], "ARE": ["Emirati"], "GBR": ["British"], "TZA": ["Tanzanian"], "USA": ["American"],
    "URY": ["Uruguayan"], "UZB": ["Uzbek", "Uzbekistani"], "VUT": ["Ni-Vanuatu"], "VEN": ["Venezuelan"],
    "VNM": ["Vietnamese"], "YEM": ["Yemeni"], "ZMB": ["Zambian"], "ZWE": ["Zimbabwean"],
    "PSE": ["Palestinian"], "TWN": ["Taiwanese"], "HKG": [], "VAT": [],
}

# Extra English names (besides iso-codes' name, official name and common name).
EN_NAMES: dict[str, list[str]] = {
    "USA": ["the United States", "the United States of America", "U.S.", "US", "USA", "U.S.A.", "America"],
    "GBR": ["the United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "KOR": ["the Republic of Korea", "ROK", "South Korea", "Korea"],
    "PRK": ["North Korea", "DPRK", "the Democratic People's Republic of Korea"],
    "CHN": ["the People's Republic of China", "PRC"],
    "RUS": ["Russia", "the Russian Federation"],
    "TWN": ["Taiwan", "Chinese Taipei"],
    "VNM": ["Vietnam", "Viet Nam"],
    "LAO": ["Laos", "Lao PDR"],
    "IRN": ["Iran"], "SYR": ["Syria"], "BOL": ["Bolivia"], "VEN": ["Venezuela"], "TZA": ["Tanzania"],
    "MDA": ["Moldova"], "FSM": ["Micronesia"], "BRN": ["Brunei"],
    "CZE": ["the Czech Republic", "Czechia"],
    "TUR": ["Turkey", "Türkiye", "Turkiye"],
    "CIV": ["Cote d'Ivoire", "Côte d’Ivoire", "Ivory Coast"],
    "COD": ["the Democratic Republic of the Congo", "DRC", "DR Congo"],
    "COG": ["the Republic of the Congo", "Congo-Brazzaville"],
    "MMR": ["Burma"],
    "SWZ": ["Swaziland"],
    "MKD": ["North Macedonia"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
    "VAT": ["the Holy See", "Vatican", "Vatican City"],
    "PSE": ["Palestine", "the State of Palestine"],
    "ARE": ["the United Arab Emirates", "UAE", "U.A.E."],
    "NLD": ["the Netherlands"], "PHL": ["the Philippines", "the Republic of the Philippines"],
    "BHS": ["the Bahamas"], "GMB": ["the Gambia"], "MDV": ["the Maldives"],
    "KAZ": ["the Republic of Kazakhstan"], "KGZ": ["the Kyrgyz Republic"],
    "MHL": ["the Marshall Islands"], "SLB": ["the Solomon Islands"],
    "CAF": ["the Central African Republic"], "DOM": ["the Dominican Republic"],
    "HKG": ["Hong Kong"], "MAC": ["Macao", "Macau"],
}

# Japanese names: the first is the short name used in statements, then formal and other forms.
JA_NAMES: dict[str, list[str]] = {
    "JPN": ["日本", "日本国"],
    "USA": ["米国", "アメリカ合衆国", "アメリカ", "合衆国"],
    "GBR": ["英国", "グレートブリテン及び北アイルランド連合王国", "イギリス", "連合王国"],
    "KOR": ["韓国", "大韓民国"],
    "PRK": ["北朝鮮", "朝鮮民主主義人民共和国"],
    "CHN": ["中国", "中華人民共和国"],
    "TWN": ["台湾"],
    "RUS": ["ロシア", "ロシア連邦"],
    "AUS": ["豪州", "オーストラリア", "オーストラリア連邦"],
    "KGZ": ["キルギス", "キルギス共和国", "キルギスタン"],
    "GEO": ["ジョージア", "グルジア"],
    "MNG": ["モンゴル", "モンゴル国"],
    "BRN": ["ブルネイ", "ブルネイ・ダルサラーム国"],
    "LAO": ["ラオス", "ラオス人民民主共和国"],
    "IRN": ["イラン", "イラン・イスラム共和国"],
    "SYR": ["シリア", "シリア・アラブ共和国"],
    "BOL": ["ボリビア", "ボリビア多民族国"],
    "VEN": ["ベネズエラ", "ベネズエラ・ボリバル共和国"],
    "TZA": ["タンザニア", "タンザニア連合共和国"],
    "MDA": ["モルドバ", "モルドバ共和国"],
    "ERI": ["エリトリア", "エリトリア国"],
    "CZE": ["チェコ", "チェコ共和国"],
    "MKD": ["北マケドニア", "北マケドニア共和国"],
    "SWZ": ["エスワティニ", "エスワティニ王国"],
    "TUR": ["トルコ", "トルコ共和国", "トルキエ"],
    "GMB": ["ガンビア", "ガンビア共和国"],
    "CPV": ["カーボベルデ", "カーボベルデ共和国", "カーボヴェルデ"],
    "GRC": ["ギリシャ", "ギリシャ共和国", "ギリシア"],
    "BIH": ["ボスニア・ヘルツェゴビナ"],
    "VAT": ["バチカン", "ローマ教皇庁", "バチカン市国"],
    "PSE": ["パレスチナ"],
    "TLS": ["東ティモール", "東ティモール民主共和国"],
    "CIV": ["コートジボワール", "コートジボワール共和国"],
    "COD": ["コンゴ民主共和国"],
    "COG": ["コンゴ共和国", "コンゴ"],
    "CAF": ["中央アフリカ", "中央アフリカ共和国"],
    "KAZ": ["カザフスタン", "カザフスタン共和国"],
    "UZB": ["ウズベキスタン", "ウズベキスタン共和国"],
    "TJK": ["タジキスタン", "タジキスタン共和国"],
    "TKM": ["トルクメニスタン"],
    "AZE": ["アゼルバイジャン", "アゼルバイジャン共和国"],
    "PHL": ["フィリピン", "フィリピン共和国"],
    "VNM": ["ベトナム", "ベトナム社会主義共和国", "ヴィエトナム"],
    "SGP": ["シンガポール", "シンガポール共和国"],
    "MMR": ["ミャンマー", "ミャンマー連邦共和国"],
    "KHM": ["カンボジア", "カンボジア王国"],
    "THA": ["タイ", "タイ王国"],
    "IND": ["インド", "インド共和国"],
    "NZL": ["ニュージーランド"],
    "CAN": ["カナダ"],
    "DEU": ["ドイツ", "ドイツ連邦共和国"],
    "FRA": ["フランス", "フランス共和国"],
    "ITA": ["イタリア", "イタリア共和国"],
    "UKR": ["ウクライナ"],
    "ARE": ["アラブ首長国連邦", "UAE"],
    "SAU": ["サウジアラビア", "サウジアラビア王国"],
    "ZAF": ["南アフリカ", "南アフリカ共和国"],
    "ATG": ["アンティグア・バーブーダ"],
    "KNA": ["セントクリストファー・ネービス"],
    "VCT": ["セントビンセント及びグレナディーン諸島"],
    "ABW": ["アルバ"],
    "HKG": ["香港"], "MAC": ["マカオ"],
}

# One-character abbreviations, matched only in pair forms (日米, 日米豪印, 日・カザフスタン).
JA_ABBREVS: dict[str, str] = {
    "JPN": "日", "USA": "米", "GBR": "英", "FRA": "仏", "DEU": "独", "CHN": "中", "KOR": "韓", "RUS": "露",
    "CAN": "加", "ITA": "伊", "AUS": "豪", "IND": "印", "PRK": "朝", "PHL": "比", "VNM": "越", "MEX": "墨",
    "BRA": "伯", "NLD": "蘭", "MNG": "蒙",
}

GROUPS: list[dict] = [
    {"id": "G7", "members": ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"],
     "en": ["G7", "G-7", "Group of Seven", "the Group of Seven"], "ja": ["G7", "主要7か国", "主要7カ国", "主要国首脳会議"]},
    {"id": "G20", "members": ["ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN",
                              "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF"],
     "en": ["G20", "G-20", "Group of Twenty", "the Group of Twenty"], "ja": ["G20", "主要20か国・地域", "主要20カ国・地域"]},
    {"id": "QUAD", "members": ["AUS", "IND", "JPN", "USA"],
     "en": ["Quad", "the Quad", "QUAD"], "ja": ["クアッド", "日米豪印"]},
    {"id": "ASEAN", "members": ["BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"],
     "en": ["ASEAN", "Association of Southeast Asian Nations", "the Association of Southeast Asian Nations"],
     "ja": ["ASEAN", "東南アジア諸国連合", "アセアン"]},
    {"id": "CENTRAL_ASIA", "members": ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
     "en": ["Central Asia", "the Central Asian countries", "Central Asian countries", "the five Central Asian countries"],
     "ja": ["中央アジア", "中央アジア5か国", "中央アジア5カ国", "中央アジア諸国"]},
    {"id": "CA_JAPAN", "members": ["JPN", "KAZ", "KGZ", "TJK", "TKM", "UZB"],
     "en": ["Central Asia plus Japan", "Central Asia + Japan", "CA+JAPAN"],
     "ja": ["中央アジア＋日本", "中央アジア+日本", "日本・中央アジア", "中央アジア・プラス・ジャパン"]},
    {"id": "C5_1", "members": ["KAZ", "KGZ", "TJK", "TKM", "UZB", "USA"],
     "en": ["C5+1"], "ja": ["C5+1"]},
    {"id": "EU", "members": ["AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC",
                             "HRV", "HUN", "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU",
                             "SVK", "SVN", "SWE"],
     "en": ["EU", "European Union", "the European Union"], "ja": ["EU", "欧州連合", "ＥＵ"]},
    {"id": "JCK", "members": ["CHN", "JPN", "KOR"], "en": ["Japan-China-ROK"], "ja": ["日中韓"]},
    {"id": "JUSPHL", "members": ["JPN", "PHL", "USA"], "en": ["Japan-Philippines-U.S."], "ja": ["日米比"]},
    {"id": "JUSKOR", "members": ["JPN", "KOR", "USA"], "en": ["Japan-U.S.-ROK"], "ja": ["日米韓"]},
]

# Region names that contain a country name but are not the country.
BLOCKERS: dict[str, list[str]] = {
    "en": ["Latin America", "Latin American", "South America", "South American", "North America",
           "North American", "Central America", "Central American", "Americas", "Indian Ocean",
           "Korean Peninsula", "South China Sea", "East China Sea", "Taiwan Strait", "New Mexico",
           "New Jersey", "New Guinea", "Gulf of Guinea", "Sea of Japan", "Persian Gulf", "Arabian Sea",
           "Indian Ocean Rim", "Pacific Islands", "Central African Region", "Jordan River",
           "West Africa", "East Africa", "North Africa", "Southern Africa"],
    "ja": ["インド太平洋", "インド洋", "中国地方", "アメリカ大陸", "南アメリカ", "北アメリカ", "中央アメリカ",
           "ラテンアメリカ", "ギニア湾", "朝鮮半島", "ニューギニア島", "米ドル", "インドシナ"],
}


def _strip_parens(name: str) -> list[str]:
    """'大韓民国 (韓国)' -> ['大韓民国', '韓国']; 'サンマルタン (仏領)' -> ['サンマルタン'] (a note, not a name)."""
    m = re.match(r"^(.*?)\s*[（(](.*)[)）]\s*$", name)
    if not m:
        return [name.strip()]
    inner = m.group(2).strip()
    if re.search(r"(領|part|State)$", inner) or inner.endswith("part)"):
        return [m.group(1).strip()]
    return [m.group(1).strip(), inner]


def _english_forms(entry: dict) -> list[str]:
    out: list[str] = []
    for key in ("common_name", "name", "official_name"):
        value = entry.get(key)
        if not value:
            continue
        if re.search(r",.*\b(of|of the|Province of China)$", value) or re.search(r",\s*[\w.]+$", value):
            continue  # "Korea, Republic of" and "Virgin Islands, British" are sort forms, not running text
        if value.startswith("the "):
            value = value[4:]
        if "(" in value and "Keeling" not in value:
            out.extend(_strip_parens(value))  # "Holy See (Vatican City State)", "Saint Martin (French part)"
            continue
        out.append(value)
    return out


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if x and not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


def build() -> dict:
    entries = json.loads(ISO_JSON.read_text("utf-8"))["3166-1"]
    ja = gettext.translation("iso_3166-1", localedir=str(LOCALE_DIR), languages=["ja"], fallback=True)
    countries = []
    for e in entries:
        code = e["alpha_3"]
        en_names = _unique(EN_NAMES.get(code, []) + _english_forms(e))
        # Short name first: iso-codes' common or short name when it reads as running text.
        forms = _english_forms(e)
        short = e.get("common_name") or (forms[0] if forms else en_names[0])
        en_names = _unique([short] + en_names)
        ja_names: list[str] = list(JA_NAMES.get(code, []))
        for key in ("name", "official_name"):
            value = e.get(key)
            if not value:
                continue
            translated = ja.gettext(value)
            if translated == value or re.search(r"[A-Za-z]", translated):
                continue  # untranslated in the catalogue
            if code in JA_NAMES:
                continue  # hand-written names win (グルジア, キルギスタン, タニザニア are outdated or typos)
            ja_names.extend(_strip_parens(translated))
        item: dict = {"iso3": code, "iso2": e["alpha_2"],
                      "en": {"names": en_names}, "ja": {"names": _unique(ja_names)}}
        adjectives = ADJECTIVES.get(code, [])
        if adjectives:
            item["en"]["adjectives"] = adjectives
        if code in JA_ABBREVS:
            item["ja"]["abbrev"] = JA_ABBREVS[code]
        if not item["ja"]["names"]:
            del item["ja"]["names"]
        countries.append(item)
    return {"countries": countries, "groups": GROUPS, "blockers": BLOCKERS}


def render(data: dict) -> str:
    import yaml

    header = (
        "# GENERATED by scripts/gen_countries.py from Debian iso-codes (English names, base Japanese\n"
        "# names) plus the script's hand-written tables. Edit the script, not this file.\n"
        "# countries: iso3, iso2, en.names (short first), en.adjectives, ja.names (short first),\n"
        "#   ja.abbrev (one character, matched only in pair forms such as 日米 or 日・カザフスタン).\n"
        "# groups: multilateral formats with their member countries.\n"
        "# blockers: region names containing a country name that must not count as the country.\n"
    )
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the YAML is out of date")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        return 0 if OUT.exists() and OUT.read_text("utf-8") == text else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
