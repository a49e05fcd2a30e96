"""find_dates and the dates stage: ISO values at the precision given, Japanese and English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.extract.dates import dates, find_dates
from communique.model import Document, DocumentInfo, Sentence, Source

ANCHOR_JA = "2025-12-18"
ANCHOR_EN = "2024-04-10"


def values(text: str, language: str = "ja", anchor: str | None = ANCHOR_JA) -> list[tuple[str, str]]:
    return [(d.mention, d.value) for d in find_dates(text, language, anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年12月18日、東京で会談を行った。", [("2025年12月18日", "2025-12-18")]),
        ("2024年8月の署名", [("2024年8月", "2024-08")]),
        ("2026年に次回会合を開催する", [("2026年", "2026")]),
        ("2025－2026年の行動計画", [("2025－2026年", "2025/2026")]),
        ("2026年4月22日から24日まで開催予定", [("2026年4月22日から24日", "2026-04-22/2026-04-24")]),
        ("2019年9月30日～10月2日に", [("2019年9月30日～10月2日", "2019-09-30/2019-10-02")]),
        ("2025年12月から2026年3月まで", [("2025年12月から2026年3月", "2025-12/2026-03")]),
        ("今年1月のアスタナにおける会合", [("今年1月", "2025-01")]),
        ("本年2月14日に東京で", [("本年2月14日", "2025-02-14")]),
        ("8月10日に開催された", [("8月10日", "2025-08-10")]),
        ("昨年の首脳会談", [("昨年", "2024")]),
        ("2027年度までに", [("2027年度", "2027")]),
        ("令和7年の実績", [("令和7年", "2025")]),
        ("平成31年4月30日", [("平成31年4月30日", "2019-04-30")]),
        ("令和元年5月1日", [("令和元年5月1日", "2019-05-01")]),
        ("昭和47年", [("昭和47年", "1972")]),
        ("２０２５年１２月１８日", [("２０２５年１２月１８日", "2025-12-18")]),
        ("二〇二三年十一月", [("二〇二三年十一月", "2023-11")]),
        ("2025年大阪・関西万博", [("2025年", "2025")]),
        ("本日、署名された", [("本日", "2025-12-18")]),
        ("2025年から2030年までの5年間", [("2025年から2030年", "2025/2030")]),
        ("令和7年度～令和9年度", [("令和7年度～令和9年度", "2025/2027")]),
        ("2023年9月に開催され、同年に合意し、同年11月に", [("2023年9月", "2023-09"), ("同年", "2023"), ("同年11月", "2023-11")]),
    ],
)
def test_japanese_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "双方は30年近く協力してきた。",
        "中央アジア5か国の法執行機関",
        "3か月以内に",
        "1990年代の協力",
        "第1回会合",
        "12か月間の研修",
        "10年間にわたり",
    ],
)
def test_japanese_non_dates(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On April 10, 2024, the leaders met.", [("April 10, 2024", "2024-04-10")]),
        ("signed on 10 April 2024 in Tokyo", [("10 April 2024", "2024-04-10")]),
        ("the summit of May 19-21, 2023", [("May 19-21, 2023", "2023-05-19/2023-05-21")]),
        ("from April 30 - May 2, 2024", [("April 30 - May 2, 2024", "2024-04-30/2024-05-02")]),
        ("held 19–21 May 2023", [("19–21 May 2023", "2023-05-19/2023-05-21")]),
        ("in June 2023 we agreed", [("June 2023", "2023-06")]),
        ("We will meet again in 2025.", [("2025", "2025")]),
        ("the 2030 Agenda for Sustainable Development", [("2030", "2030")]),
        ("net zero by 2050", [("2050", "2050")]),
        ("funding in FY 2027", [("FY 2027", "2027")]),
        ("the 2025-26 season", [("2025-26", "2025/2026")]),
        ("from 2024 to 2026", [("2024 to 2026", "2024/2026")]),
        ("in 2025 and 2030", [("2025", "2025"), ("2030", "2030")]),
        ("Today, we announce", [("Today", "2024-04-10")]),
        ("earlier this year", [("this year", "2024")]),
        ("since last year", [("last year", "2023")]),
        ("on March 21 the leaders", [("March 21", "2024-03-21")]),
        ("the attack of October 7", [("October 7", "2023-10-07")]),
    ],
)
def test_english_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, "en", ANCHOR_EN) == expected


@pytest.mark.parametrize(
    "text",
    [
        "over the last three years",
        "this week",
        "at an early date",
        "in the near future",
        "$600 billion in investment",
        "2,000 troops",
        "1500 people",
        "UN Security Council resolutions 2270, 2321 and 2397",
        "the 2020s",
        "the challenges of today and tomorrow",
        "today's world",
        "we may consider it",
    ],
)
def test_english_non_dates(text: str) -> None:
    assert values(text, "en", ANCHOR_EN) == []


def test_every_occurrence_is_listed() -> None:
    found = values("2026年に開催し、2026年に完了する。")
    assert found == [("2026年", "2026"), ("2026年", "2026")]


def test_relative_dates_need_an_anchor() -> None:
    assert values("今年1月と8月10日、2025年9月", anchor=None) == [("2025年9月", "2025-09")]
    assert values("this year and today", "en", None) == []
    assert values("本日と今月", anchor="2025-02-29") == []  # not a date: nothing to resolve against


def test_stage_uses_language_and_statement_date() -> None:
    doc = Document(source=Source(data=b""), info=DocumentInfo(language="en", date="2023-05-20"))
    doc.sentences = [Sentence("s1", "p1", "This year we met on May 19."), Sentence("s2", "p1", "")]
    dates(doc)
    assert [(d.mention, d.value) for d in doc.sentences[0].dates] == [
        ("This year", "2023"),
        ("May 19", "2023-05-19"),
    ]
    assert doc.sentences[1].dates == []


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("2025年月日から～-0123456789 ,ABCMayJune今本昨度令和元〇十二")), max_size=300),
    st.sampled_from(["ja", "en", "", "xx"]),
    st.sampled_from([None, "2025-12-18", "", "garbage", "2025", "2025-02-29", "0000-00-00", "2025-13-45"]),
)
def test_odd_input_never_raises(text: str, language: str, anchor: str | None) -> None:
    for d in find_dates(text, language, anchor):
        assert d.mention and d.mention in text
        assert d.value[:4].isdigit()


def test_long_mixed_input() -> None:
    text = ("双方は2025年に協力する。Both sides met on May 19, 2023. " * 120)[:5000]
    found = find_dates(text, "ja", ANCHOR_JA)
    assert len(found) >= 100
    assert all(d.mention in text for d in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年3月及び11月に開催された", [("2022年3月", "2022-03"), ("11月", "2022-11")]),
        ("2021年5月と6月の会合", [("2021年5月", "2021-05"), ("6月", "2021-06")]),
        ("2020年1月10日及び15日に", [("2020年1月10日", "2020-01-10"), ("15日", "2020-01-15")]),
        ("2019年2月1日並びに10月3日", [("2019年2月1日", "2019-02-01"), ("10月3日", "2019-10-03")]),
        ("2024年3月、5日間の研修", [("2024年3月", "2024-03")]),  # 5日間 is a duration
    ],
)
def test_coordinated_japanese_dates_share_the_year(text: str, expected: list[tuple[str, str]]) -> None:
    # The year is written once; without the rule the second date falls back to the statement's year.
    assert values(text, anchor="2025-12-18") == expected
    assert values(text, anchor=None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In March and November 2021, the ministers met.", [("March", "2021-03"), ("November 2021", "2021-11")]),
        ("in May, June or July 2022", [("May", "2022-05"), ("June", "2022-06"), ("July 2022", "2022-07")]),
    ],
)
def test_coordinated_english_months_share_the_year(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, "en", None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deployed from June to November 2027", [("June to November 2027", "2027-06/2027-11")]),
        ("exercises from February through May 2023", [("February through May 2023", "2023-02/2023-05")]),
        ("between January and March 2026", [("January and March 2026", "2026-01/2026-03")]),
        ("the plan runs October 2025 to September 2026", [("October 2025 to September 2026", "2025-10/2026-09")]),
        ("from 2027 through 2029", [("2027 through 2029", "2027/2029")]),
        ("between 2021 and 2023", [("2021 and 2023", "2021/2023")]),
    ],
)
def test_english_month_and_year_ranges(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, "en", None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a conference in November this year", [("November this year", "2024-11")]),
        ("talks in February next year", [("February next year", "2025-02")]),
        ("by June of next year", [("June of next year", "2025-06")]),
        ("a trilateral event in June", [("June", "2024-06")]),
        ("since February, the two sides", [("February", "2024-02")]),
    ],
)
def test_month_with_a_relative_year_or_alone(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, "en", ANCHOR_EN) == expected
    assert values(text, "en", None) == []  # nothing to resolve against: not guessed


@pytest.mark.parametrize("text", ["May the partnership prosper", "We may decide", "Mayor of Osaka", "the March for peace"])
def test_month_names_that_are_not_dates(text: str) -> None:
    assert values(text, "en", ANCHOR_EN) == []


def test_part_of_a_year_keeps_the_year() -> None:
    # "the first half of 2026" / "early 2026": the year at its precision (as the held-out golds annotate it).
    assert values("by the first half of 2028 and in early 2029", "en", None) == [("2028", "2028"), ("2029", "2029")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Building on today’s meeting, the ministers", [("today", "2024-04-10")]),
        ("at today's signing ceremony", [("today", "2024-04-10")]),
        ("the challenges of today's world", []),
        ("Over the next year, the coast guards will train", []),  # a span of time, not a calendar year
        ("within the last year", []),
        ("We will meet again next year.", [("next year", "2025")]),
    ],
)
def test_today_of_an_event_and_durations_of_a_year(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, "en", ANCHOR_EN) == expected


def test_ja_year_inside_a_katakana_name_without_nen_is_a_date() -> None:
    # ANNOTATION: a year inside a name counts (2030 Agenda -> 2030); Japanese writes it without 年 too.
    assert [d.value for d in find_dates("持続可能な開発のための2030アジェンダを推進する。", "ja")] == ["2030"]
    assert [d.value for d in find_dates("2050ビジョンを共有した。", "ja")] == ["2050"]
    # an amount in a katakana currency or unit is not a year
    assert find_dates("2000ドルの無償資金協力を行う。", "ja") == []
    assert find_dates("2030トンの食料を供与した。", "ja") == []
