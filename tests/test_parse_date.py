"""The statement date when the text has no dateline: file name, then the opening paragraph's one day."""

from __future__ import annotations

from pathlib import Path

import pytest

import communique
from communique import facts
from communique.pipeline import PARSE_STAGES

BODY_EN = """Joint Statement of the Leaders of Chile and New Zealand

1. The leaders of Chile and New Zealand met today in Wellington and reviewed their partnership.

2. The two leaders will hold the next dialogue in 2027.
"""


def _date(text: str) -> str | None:
    return communique.parse(text.encode("utf-8"), stages=PARSE_STAGES).info.date


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("chile-nz-2027-02-14.en.md", "2027-02-14"),
        ("/archive/2019-11-30_joint-statement.txt", "2019-11-30"),
        ("statement-2027-02-30.en.md", None),  # not a real day
        ("from-2027-02-14-to-2027-02-16.md", None),  # two days: the name does not say which
        ("release-20270214.md", None),  # not ISO
        ("statement.en.md", None),
    ],
)
def test_date_from_name(name: str, expected: str | None) -> None:
    assert facts.date_from_name(name) == expected


def test_file_name_dates_a_statement_without_a_dateline(tmp_path: Path) -> None:
    path = tmp_path / "chile-nz-2027-02-14.en.md"
    path.write_text(BODY_EN, encoding="utf-8")
    doc = communique.parse(path, stages=PARSE_STAGES)
    assert doc.info.date == "2027-02-14"
    undated = tmp_path / "chile-nz.en.md"
    undated.write_text(BODY_EN, encoding="utf-8")
    assert communique.parse(undated, stages=PARSE_STAGES).info.date is None


def test_a_dateline_in_the_text_wins_over_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "chile-nz-2027-02-20.en.md"  # e.g. the day it was archived
    path.write_text(BODY_EN.replace("\n\n1.", "\n\nWellington, 14 February 2027\n\n1.", 1), encoding="utf-8")
    assert communique.parse(path, stages=PARSE_STAGES).info.date == "2027-02-14"


@pytest.mark.parametrize(
    ("sentences", "language", "expected"),
    [
        (["The leaders of Chile and New Zealand met in Wellington on 14 February 2027."], "en", "2027-02-14"),
        (["We, the leaders of the group, met in Lima on March 3-5, 2027, united in purpose."], "en", None),
        (["The ministers met in Lima in March 2027."], "en", None),  # a month is not a day
        (
            ["Recalling the Joint Declaration of 4 June 2015, the leaders met in Lima on 2 March 2027."],
            "en",
            None,  # the only sentence with a day refers back to another text
        ),
        (
            ["Recalling the Joint Declaration of 4 June 2015,", "the leaders met in Lima on 2 March 2027."],
            "en",
            "2027-03-02",
        ),
        (["The talks took place on 2 March 2027 and 4 March 2027."], "en", None),  # two days: which one?
        (["２０２７年５月１０日、両首脳はリマで会談した。"], "ja", "2027-05-10"),
        (["両首脳は、2015年6月4日の共同宣言を想起し、協力を確認した。"], "ja", None),
    ],
)
def test_opening_date_only_when_one_day_is_named(sentences: list[str], language: str, expected: str | None) -> None:
    assert facts.opening_date(sentences, language) == expected


def test_opening_paragraph_dates_an_undated_text() -> None:
    text = BODY_EN.replace("met today in Wellington", "met in Wellington on 14 February 2027")
    assert _date(text) == "2027-02-14"
    # A range leaves the date unknown rather than picking a wrong day.
    assert _date(BODY_EN.replace("met today in Wellington", "met in Wellington on 14-16 February 2027")) is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("On 14 February 2027, the leaders of Chile and New Zealand met.", "en", "2027-02-14"),
        ("2027年5月10日、両首脳は会談した。", "ja", "2027-05-10"),
        ("The leaders, who met on 14 February 2027, agreed.", "en", None),  # not at the start
    ],
)
def test_leading_date(text: str, language: str, expected: str | None) -> None:
    assert facts.leading_date(text, language) == expected
