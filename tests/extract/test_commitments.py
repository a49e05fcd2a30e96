"""Stage ``commitments``: due dates of commit/consider sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.extract.commitments import commitments, date_bounds, due_date
from communique.extract.dates import find_dates
from communique.interchange import document_from_dict
from communique.model import DateMention, Sentence

STATEMENT_DATE = "2025-12-18"


def sentence(text: str, language: str = "ja", acts: list[str] | None = None) -> Sentence:
    s = Sentence(id="p1.s1", paragraph="p1", text=text, acts=acts or ["commit"])
    s.dates = find_dates(text, language, STATEMENT_DATE)
    return s


def test_future_year_with_ni_is_due_by_that_year() -> None:
    s = sentence(
        "双方は、2023年11月に東京で開催された委員会を歓迎し、2026年に次回会合を開催する意向を表明した。"
    )
    assert due_date(s, "ja", STATEMENT_DATE) == "2026"


def test_made_deadline_with_madeni() -> None:
    assert (
        due_date(sentence("日本は、2030年までに研修員1000人を受け入れる。"), "ja", STATEMENT_DATE) == "2030"
    )


def test_past_date_is_not_due() -> None:
    s = sentence(
        "双方は、2025年に外務大臣の訪問が成功裏に行われたことを踏まえ、政治対話を通じて関係を発展させる。"
    )
    assert due_date(s, "ja", STATEMENT_DATE) is None


def test_future_date_of_a_past_event_clause_is_not_due() -> None:
    # The date is future to the anchor, but it goes with a verb in the past tense.
    s = sentence("双方は、2026年に開催された会合の成果を踏まえ、協力を推進する。")
    assert due_date(s, "ja", "2025-01-01") is None


def test_year_inside_a_name_is_not_due() -> None:
    s = sentence("日本は、2027年国際園芸博覧会への参加を働きかける。")
    assert due_date(s, "ja", STATEMENT_DATE) is None


def test_range_is_due_by_its_end() -> None:
    s = Sentence(
        id="s", paragraph="p", text="双方は、2026年4月22日から24日までに協議を行う。", acts=["commit"]
    )
    s.dates = [DateMention("2026年4月22日から24日", "2026-04-22/2026-04-24")]
    assert due_date(s, "ja", STATEMENT_DATE) == "2026-04-24"


def test_latest_attached_date_wins() -> None:
    s = sentence("双方は、2026年に交渉を開始し、2028年までに協定を締結する。")
    assert due_date(s, "ja", STATEMENT_DATE) == "2028"


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("We will achieve net zero by 2050.", "2050"),
        ("The two sides will hold the next meeting in 2026.", "2026"),
        ("Japan intends to complete the project by the end of FY2027.", "2027"),
    ],
)
def test_english_prepositions_attach_a_due_date(text: str, due: str) -> None:
    assert due_date(sentence(text, "en"), "en", STATEMENT_DATE) == due


def test_english_year_in_a_name_is_not_due() -> None:
    assert (
        due_date(
            sentence("We will implement the 2030 Agenda for Sustainable Development.", "en"),
            "en",
            STATEMENT_DATE,
        )
        is None
    )


def test_english_relative_future_is_not_a_date() -> None:
    assert (
        due_date(sentence("We will meet again before the next summit.", "en"), "en", STATEMENT_DATE) is None
    )


def test_without_statement_date_attached_dates_still_count() -> None:
    s = sentence("The two sides will hold the next meeting in 2026.", "en")
    assert due_date(s, "en", None) == "2026"


def test_date_bounds() -> None:
    assert date_bounds("2026") == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert date_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_bounds("2025/2026") == (dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    assert date_bounds("soon") is None
    assert date_bounds("2025-13") is None


def _doc(sentences: list[dict]) -> object:
    return document_from_dict(
        {
            "document": {"title": "t", "language": "ja", "date": STATEMENT_DATE, "parties": ["JPN", "KGZ"]},
            "sections": [],
            "paragraphs": [{"id": "p1", "text": "x", "number": 1, "section": None}],
            "sentences": sentences,
        }
    )


def test_stage_sets_due_only_on_commitments() -> None:
    text = "双方は、2026年に次回会合を開催する。"
    dates = [{"mention": "2026年", "value": "2026"}]
    doc = _doc(
        [
            {
                "id": "p1.s1",
                "paragraph": "p1",
                "text": text,
                "acts": ["commit"],
                "actors": ["JPN", "KGZ"],
                "dates": dates,
            },
            {
                "id": "p1.s2",
                "paragraph": "p1",
                "text": text,
                "acts": ["welcome"],
                "actors": ["JPN", "KGZ"],
                "dates": dates,
            },
        ]
    )
    commitments(doc)
    firm, other = doc.sentences
    assert firm.due == "2026" and other.due is None
    (c,) = doc.commitments
    assert (c.sentence, c.strength, c.actors, c.due) == ("p1.s1", "firm", ["JPN", "KGZ"], "2026")


def test_sample_due_dates(gold: dict) -> None:
    doc = document_from_dict(gold)
    commitments(doc)
    due = {s.id: s.due for s in doc.sentences if s.due}
    assert due.get("p31.s1") == "2026"
    # Dates of past events (2025 visits, 2024-08 signature, 2025-01 meeting) are not due dates.
    assert all(value.startswith("2026") or value > "2026" for value in due.values()), due
