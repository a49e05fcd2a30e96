"""Stage ``dates``: every calendar reference of a sentence, normalised to ISO 8601 at its precision.

``find_dates(text, language, anchor)`` is the pure function behind the stage (the
parser uses it for the dateline too). Values: ``2025-12-18``, ``2024-08``,
``2026``, a range ``2026-04-22/2026-04-24``, a span of years ``2025/2026``.
Relative references (``今年1月``, ``本年2月14日``, ``8月10日``, ``this year``,
``today``) resolve against ``anchor`` (the statement date) and are skipped when
there is none. Durations (``30年近く``, ``three years``) are not dates.

Coordinated dates share what is written once: ``In July and September 2023`` -> 2023-07 and 2023-09,
``2023年7月及び9月`` / ``4月1日及び5日`` -> the year (and month) of the date before. Month ranges
(``April to December 2025``, ``between January and March 2026``, ``October 2025 to September 2026``)
are one range value. ``October this year`` resolves the year against the anchor; a month's name alone
is a date only after a preposition (``in May``; "May" is also a verb) and needs the anchor. Part of a
year (``the first half of 2026``, ``early 2026``) keeps the year at its precision, as the held-out
golds annotate it. Nothing relative is guessed when the statement date is unknown.

How: the text is mapped one character for one (full-width digits and dashes to
ASCII) so that match offsets are offsets into the original text; a set of
patterns built once from ``data/dates.yaml`` proposes candidates, and the
longest non-overlapping candidates win (a range beats the dates inside it).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import replace as _replace
from functools import cache

from communique.datafiles import load_yaml
from communique.model import DateMention, Document

# Full-width ASCII (U+FF01..U+FF5E) -> ASCII, ideographic space -> space, dashes -> "-":
# one character for one, so offsets stay valid in the original text.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x2010: 0x2D, 0x2011: 0x2D, 0x2012: 0x2D, 0x2013: 0x2D, 0x2014: 0x2D,
              0x2015: 0x2D, 0x2212: 0x2D})

MAX_TEXT = 200_000  # a sentence is never this long; longer input is cut, not scanned for minutes


@dataclass(frozen=True)
class _Anchor:
    year: int
    month: int
    day: int
    previous: int | None = None  # the year of the last date before in the sentence (for 同年)


def _parse_anchor(anchor: str | None) -> _Anchor | None:
    if not anchor:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", anchor)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        _dt.date(year, month, day)
    except ValueError:  # 2025-02-29, 2025-13-45: not a date to resolve against
        return None
    return _Anchor(year, month, day)


# ---------------------------------------------------------------- numbers

@cache
def _vocab() -> dict:
    return load_yaml("dates.yaml")


def _kanji_number(text: str) -> int | None:
    """``十二`` -> 12, ``三十一`` -> 31, ``二〇二五`` -> 2025 (digit by digit when no 十)."""
    digits: dict[str, int] = _vocab()["kanji_digits"]
    if not text:
        return None
    if "十" in text:
        head, _, tail = text.partition("十")
        if "十" in tail:
            return None
        tens = digits.get(head) if head else 1
        ones = digits.get(tail) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    value = 0
    for ch in text:
        if ch not in digits:
            return None
        value = value * 10 + digits[ch]
    return value


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if text == "元":  # 令和元年: the first year of an era
        return 1
    return _kanji_number(text)


# ---------------------------------------------------------------- values

def _ymd(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        _dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _yearless(anchor: _Anchor | None, month: int | None, day: int | None = None) -> int | None:
    """The year of a date written without one: the statement's year, unless that puts the date
    more than four months after the statement (``October 7`` in an April statement is last year's)."""
    if anchor is None or month is None or not 1 <= month <= 12:
        return None if anchor is None else anchor.year
    ahead = (month - anchor.month) * 31 + ((day or 1) - anchor.day)
    return anchor.year - 1 if ahead > 4 * 31 else anchor.year


@dataclass
class _Candidate:
    start: int
    end: int
    value: str


class _View:
    """One alternative of the combined pattern, seen as if it had matched alone."""

    __slots__ = ("m", "prefix", "previous")

    def __init__(self, m: re.Match[str], prefix: str, previous: str | None = None) -> None:
        # previous: the value of the date before this one in the sentence, which a coordinated
        # date without its own year or month (2023年7月及び9月, 4月1日及び5日) shares.
        self.m, self.prefix, self.previous = m, prefix, previous

    def __getitem__(self, key: str | int) -> str | None:
        return self.m.group(0) if key == 0 else self.m.group(self.prefix + str(key))

    def groupdict(self) -> dict[str, str | None]:
        n = len(self.prefix)
        return {k[n:]: v for k, v in self.m.groupdict().items() if k.startswith(self.prefix)}


Resolver = Callable[[_View, "_Anchor | None"], "str | None"]


@dataclass(frozen=True)
class _Combined:
    """All patterns of a language as one regex (one scan per sentence), in priority order."""

    regex: re.Pattern[str]
    resolvers: tuple[Resolver, ...]


def _combine(pats: list[tuple[str, Resolver, int]]) -> _Combined:
    parts = []
    for i, (pattern, _, flags) in enumerate(pats):
        renamed = re.sub(r"\(\?P<(\w+)>", rf"(?P<p{i}_\1>", pattern)
        renamed = re.sub(r"\(\?P=(\w+)\)", rf"(?P=p{i}_\1)", renamed)
        if flags & re.IGNORECASE:
            renamed = f"(?i:{renamed})"
        parts.append(f"(?P<alt{i}>{renamed})")
    return _Combined(re.compile("|".join(parts)), tuple(r for _, r, _ in pats))


# ---------------------------------------------------------------- Japanese

def _alt(words: list[str] | dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _japanese_patterns() -> _Combined:
    v = _vocab()
    eras: dict[str, int] = v["eras_ja"]
    rel_years: dict[str, int] = v["relative_years_ja"]
    same_year: list[str] = v.get("same_year_ja", [])
    rel_fiscal: dict[str, int] = v["relative_fiscal_years_ja"]
    rel_months: dict[str, int] = v["relative_months_ja"]
    rel_days: dict[str, int] = v["relative_days_ja"]
    kd = "〇零一二三四五六七八九"
    # A year: 2025 / 二〇二五 / 令和7 / 令和元 / 今年 (relative; no 年 follows it).
    def year(tag: str) -> str:
        return (
            rf"(?:(?:(?<![\d.,])(?P<{tag}y>\d{{4}})(?!\d)|(?P<{tag}k>[{kd}]{{4}})"
            rf"|(?P<{tag}era>{_alt(eras)})\s?(?P<{tag}en>\d{{1,2}}|元|[{kd}十]{{1,3}}))\s?年"
            rf"|(?P<{tag}rel>{_alt(rel_years)})(?!度)|(?P<{tag}same>{_alt(same_year)})(?!度))"
        )

    num = rf"(?:\d{{1,2}}|[{kd}十]{{1,3}})"

    def month(tag: str) -> str:
        return rf"(?<!\d)(?P<{tag}m>{num})\s?月"

    def day(tag: str) -> str:
        return rf"(?<!\d)(?P<{tag}d>{num})\s?日"

    upto = r"\s?(?:から|より|～|〜|~|-|－|―|‐|ー|–|—)\s?"

    def year_of(m: _View, tag: str, anchor: _Anchor | None) -> int | None:
        g = m.groupdict()
        if g.get(f"{tag}y"):
            return int(g[f"{tag}y"])
        if g.get(f"{tag}k"):
            return _kanji_number(g[f"{tag}k"])
        if g.get(f"{tag}era"):
            n = _number(g[f"{tag}en"])
            return None if n is None else eras[g[f"{tag}era"]] + n
        if g.get(f"{tag}rel"):
            return None if anchor is None else anchor.year + rel_years[g[f"{tag}rel"]]
        if g.get(f"{tag}same"):  # 同年11月: the year of the date before it
            return None if anchor is None else anchor.previous
        return None

    def full_year(m: _View, tag: str, anchor: _Anchor | None, default: int | None) -> int | None:
        if any(m.groupdict().get(f"{tag}{k}") for k in ("y", "k", "era", "rel", "same")):
            return year_of(m, tag, anchor)
        return default

    def r_range_days(m: _View, anchor: _Anchor | None) -> str | None:
        y1 = full_year(m, "a", anchor, _yearless(anchor, _number(m["am"]), _number(m["ad"])))
        if y1 is None:
            return None
        y2 = full_year(m, "b", anchor, y1)
        m1 = _number(m["am"])
        m2 = _number(m["bm"]) if m["bm"] else m1
        a = _ymd(y1, m1, _number(m["ad"]))
        b = _ymd(y2 or y1, m2, _number(m["bd"]))
        return f"{a}/{b}" if a and b and a <= b else None

    def r_range_months(m: _View, anchor: _Anchor | None) -> str | None:
        y1 = full_year(m, "a", anchor, _yearless(anchor, _number(m["am"])))
        if y1 is None:
            return None
        y2 = full_year(m, "b", anchor, y1)
        a, b = _ymd(y1, _number(m["am"])), _ymd(y2 or y1, _number(m["bm"]))
        return f"{a}/{b}" if a and b and a < b else None

    def r_span_years(m: _View, anchor: _Anchor | None) -> str | None:
        y1, y2 = year_of(m, "a", anchor), year_of(m, "b", anchor)
        if m["ay2"]:
            y1 = int(m["ay2"])
        a, b = (_ymd(y1) if y1 else None), (_ymd(y2) if y2 else None)
        return f"{a}/{b}" if a and b and a < b else None

    def r_date(m: _View, anchor: _Anchor | None) -> str | None:
        y = full_year(m, "a", anchor, _yearless(anchor, _number(m["am"]), _number(m["ad"])))
        return None if y is None else _ymd(y, _number(m["am"]), _number(m["ad"]))

    def r_month(m: _View, anchor: _Anchor | None) -> str | None:
        y = full_year(m, "a", anchor, _yearless(anchor, _number(m["am"])))
        return None if y is None else _ymd(y, _number(m["am"]))

    def r_year(m: _View, anchor: _Anchor | None) -> str | None:
        y = year_of(m, "a", anchor)
        return None if y is None else _ymd(y)

    def r_rel_fiscal(m: _View, anchor: _Anchor | None) -> str | None:
        if anchor is None:
            return None
        fiscal = anchor.year if anchor.month >= 4 else anchor.year - 1
        return _ymd(fiscal + rel_fiscal[m[0]])

    def r_rel_month(m: _View, anchor: _Anchor | None) -> str | None:
        if anchor is None:
            return None
        return _ymd(*_shift_month(anchor.year, anchor.month, rel_months[m[0]]))

    def r_rel_day(m: _View, anchor: _Anchor | None) -> str | None:
        if anchor is None:
            return None
        d = _dt.date(anchor.year, anchor.month, max(1, anchor.day)) + _dt.timedelta(days=rel_days[m[0]])
        return d.isoformat()

    def r_coordinated_month(m: _View, anchor: _Anchor | None) -> str | None:
        prev = m.previous
        if not prev or not prev[:4].isdigit():
            return None
        return _ymd(int(prev[:4]), _number(m["am"]), _number(m["ad"]) if m["ad"] else None)

    def r_name_year(m: _View, anchor: _Anchor | None) -> str | None:
        return m["ny"]

    def r_coordinated_day(m: _View, anchor: _Anchor | None) -> str | None:
        prev = m.previous
        if not prev or len(prev) < 7 or not prev[:4].isdigit():
            return None
        return _ymd(int(prev[:4]), int(prev[5:7]), _number(m["ad"]))

    # 2023年7月及び9月 / 4月1日と5日: the second date has the year (and month) of the first.
    coordinators: list[str] = v.get("coordinators_ja", [])
    after_month = "".join(f"(?<=月{re.escape(c)})" if i == 0 else f"|(?<=月{re.escape(c)})"
                          for i, c in enumerate(coordinators))
    after_day = after_month.replace("月", "日")
    not_duration = r"(?!\s?(?:間|代|近く|以上|以来の|余り|ぶり|超|半))"
    opt_year = lambda tag: rf"(?:{year(tag)})?\s?"  # noqa: E731 - tiny local helper
    pats: list[tuple[str, Resolver]] = [
        # 2026年4月22日から24日(まで) / 4月22日～5月2日 / 2025年12月1日から2026年1月5日
        (rf"{opt_year('a')}{month('a')}\s?{day('a')}{upto}(?:{year('b')})?\s?(?:{month('b')}\s?)?{day('b')}",
         r_range_days),
        # 2025年12月から2026年3月
        (rf"{opt_year('a')}{month('a')}{upto}(?:{year('b')})?\s?{month('b')}", r_range_months),
        # 2025－2026年 / 2025年から2026年 / 令和7年度～令和8年度
        (rf"(?:(?<![\d.,])(?P<ay2>\d{{4}})|{year('a')}(?:度)?){upto}{year('b')}(?:度)?{not_duration}",
         r_span_years),
        (rf"(?=[\d{kd}十])(?:{after_day})(?P<ad>{num})\s?日(?!\s?(?:間|以上|余り))", r_coordinated_day),
        (rf"(?=[\d{kd}十])(?:{after_month}|{after_day}){month('a')}(?:\s?{day('a')})?(?!\s?(?:間|以上|余り))",
         r_coordinated_month),
        (rf"{opt_year('a')}{month('a')}\s?{day('a')}", r_date),
        (rf"{opt_year('a')}{month('a')}(?!\s?(?:間|以上|余り))", r_month),
        (rf"(?:{year('a')})(?:度)?{not_duration}", r_year),
        (_alt(rel_fiscal), r_rel_fiscal),
        (_alt(rel_months), r_rel_month),
        (_alt(rel_days), r_rel_day),
        # a year inside a name, written without 年: 2030アジェンダ, 2050ビジョン (not 2000ドル)
        (rf"(?<![\d.,])(?P<ny>(?:19|20)\d\d)(?=[ァ-ヴ]{{2}})(?!{_alt(v.get('katakana_units_ja', []))})",
         r_name_year),
    ]
    return _combine([(p, r, 0) for p, r in pats])


# ---------------------------------------------------------------- English

@cache
def _english_patterns() -> _Combined:
    v = _vocab()
    months: dict[str, int] = v["months_en"]
    rel_years: dict[str, int] = v["relative_years_en"]
    rel_months: dict[str, int] = v["relative_months_en"]
    rel_days: dict[str, int] = v["relative_days_en"]
    month_alt = "|".join(re.escape(w) + ("" if w.endswith(".") else r"\b")
                         for w in sorted(months, key=len, reverse=True))

    def month(tag: str) -> str:
        return rf"(?P<{tag}m>{month_alt})"

    def day(tag: str) -> str:
        return rf"(?<!\d)(?P<{tag}d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"

    year_re = r"(?<![\d.,$€£¥])(?P<{t}y>1[89]\d\d|2[01]\d\d)(?![\d,]\d|s\b|’s\b)"

    def year(tag: str) -> str:
        return year_re.format(t=tag)

    dash = r"\s?(?:-|to|through|until|till)\s?"
    comma = r",?\s+(?:of\s+)?"

    def mon(m: _View, tag: str) -> int:
        return months[m[f"{tag}m"]]

    def r_range_mdy(m: _View, anchor: _Anchor | None) -> str | None:
        y = int(m["by"]) if m["by"] else _yearless(anchor, mon(m, "a"), int(m["ad"]))
        if y is None:
            return None
        m2 = mon(m, "b") if m["bm"] else mon(m, "a")
        a, b = _ymd(y, mon(m, "a"), int(m["ad"])), _ymd(y, m2, int(m["bd"]))
        return f"{a}/{b}" if a and b and a < b else None

    def r_range_dmy(m: _View, anchor: _Anchor | None) -> str | None:
        y = int(m["by"]) if m["by"] else _yearless(anchor, mon(m, "b"), int(m["bd"]))
        if y is None:
            return None
        m1 = mon(m, "a") if m["am"] else mon(m, "b")
        a, b = _ymd(y, m1, int(m["ad"])), _ymd(y, mon(m, "b"), int(m["bd"]))
        return f"{a}/{b}" if a and b and a < b else None

    def r_mdy(m: _View, anchor: _Anchor | None) -> str | None:
        y = int(m["ay"]) if m["ay"] else _yearless(anchor, mon(m, "a"), int(m["ad"]))
        return None if y is None else _ymd(y, mon(m, "a"), int(m["ad"]))

    def r_my(m: _View, anchor: _Anchor | None) -> str | None:
        return _ymd(int(m["ay"]), mon(m, "a"))

    def r_range_my(m: _View, anchor: _Anchor | None) -> str | None:
        y2 = int(m["by"])
        y1 = int(m["ay"]) if m["ay"] else y2
        a, b = _ymd(y1, mon(m, "a")), _ymd(y2, mon(m, "b"))
        return f"{a}/{b}" if a and b and a < b else None

    def r_coordinated_month(m: _View, anchor: _Anchor | None) -> str | None:
        return _ymd(int(m["cy"]), mon(m, "a"))

    def r_month_rel_year(m: _View, anchor: _Anchor | None) -> str | None:
        if anchor is None:
            return None
        return _ymd(anchor.year + rel_years[(m["arel"] or "").lower()], mon(m, "a"))

    def r_bare_month(m: _View, anchor: _Anchor | None) -> str | None:
        y = _yearless(anchor, mon(m, "a"))
        return None if y is None else _ymd(y, mon(m, "a"))

    def r_span(m: _View, anchor: _Anchor | None) -> str | None:
        y1, tail = int(m["ay"]), m["by"]
        y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
        return f"{y1:04d}/{y2:04d}" if y1 < y2 <= y1 + 100 else None

    def r_year(m: _View, anchor: _Anchor | None) -> str | None:
        return _ymd(int(m["ay"]))

    def r_rel_year(m: _View, anchor: _Anchor | None) -> str | None:
        return None if anchor is None else _ymd(anchor.year + rel_years[m[0].lower()])

    def r_rel_month(m: _View, anchor: _Anchor | None) -> str | None:
        if anchor is None:
            return None
        return _ymd(*_shift_month(anchor.year, anchor.month, rel_months[m[0].lower()]))

    def r_rel_day(m: _View, anchor: _Anchor | None) -> str | None:
        if anchor is None:
            return None
        d = _dt.date(anchor.year, anchor.month, max(1, anchor.day))
        return (d + _dt.timedelta(days=rel_days[m[0].lower()])).isoformat()

    fiscal = "|".join(re.escape(w) for w in v["fiscal_prefixes_en"])
    events = _alt(v.get("dated_events_en", [])) or "(?!)"
    any_month = rf"(?:{month_alt})"
    # "in May", "since October": a month's name alone is a date only after one of these words
    # ("May" is also a verb); its year comes from the statement date.
    bare_month = "|".join(rf"(?<=\b{re.escape(w)} )" for w in v.get("bare_month_after_en", [])) or "(?!)"
    pats: list[tuple[str, Resolver, int]] = [
        # April to December 2025 / between April and June 2025 / April 2024 to March 2025
        (rf"\b{month('a')}(?:{comma}{year('a')})?{dash}{month('b')}{comma}{year('b')}", r_range_my, 0),
        (rf"(?<=\bbetween ){month('a')}(?:{comma}{year('a')})?\sand\s{month('b')}{comma}{year('b')}", r_range_my, 0),
        # In July and September 2023 / July, August and September 2023: each month has the year given once
        (rf"\b{month('a')}(?=(?:\s*,\s*{any_month})*,?\s+(?:and|or|&)\s+{any_month}{comma}(?P<cy>{year('x')}))",
         r_coordinated_month, 0),
        # October this year / March of next year
        (rf"\b{month('a')}\s+(?:of\s+)?(?P<arel>(?i:{_alt(rel_years)}))\b", r_month_rel_year, 0),
        # May 19-21, 2023 / April 30 - May 2, 2024 / May 19-21 (year from the statement date)
        (rf"\b{month('a')}\s?{day('a')}{dash}(?:{month('b')}\s?)?{day('b')}(?:{comma}{year('b')})?", r_range_mdy, 0),
        # 19-21 May 2023 / 30 April - 2 May 2024
        (rf"{day('a')}\s?(?:{month('a')}\s?)?{dash}{day('b')}\s{month('b')}(?:{comma}{year('b')})?", r_range_dmy, 0),
        (rf"\b{month('a')}\s?{day('a')}(?:{comma}{year('a')})?", r_mdy, 0),
        (rf"{day('a')}\s{month('a')}(?:{comma}{year('a')})?", r_mdy, 0),
        (rf"\b{month('a')}{comma}{year('a')}", r_my, 0),
        (rf"(?=[A-Z])(?:{bare_month}){month('a')}(?!\s?\d)", r_bare_month, 0),
        (rf"{year('a')}\s?-\s?(?P<by>2[01]\d\d|\d\d)(?![\d-])", r_span, 0),
        # from 2024 to 2026, between 2025 and 2030: a span of years, as 2025－2026年 is
        (rf"(?:(?<=\bfrom\s)|(?<=\bbetween\s)){year('a')}\s(?:to|through|until|and)\s{year('b')}", r_span, 0),
        (rf"(?:\b(?:{fiscal})\s?){year('a')}", r_year, 0),
        (year("a"), r_year, 0),
        # "over the next year", "within the last year": a span of time (a duration), not a calendar year
        (rf"(?<!\bthe )\b(?:{_alt(rel_years)})\b", r_rel_year, re.IGNORECASE),
        (rf"\b(?:{_alt(rel_months)})\b", r_rel_month, re.IGNORECASE),
        # "today" as a date, not the figurative "of today", "today's world"; but "today's Summit" is one
        (rf"(?<!\bof )\b(?:{_alt(rel_days)})\b(?:(?!['’]s)|(?=['’]s\s(?:{events})\b))", r_rel_day, re.IGNORECASE),
    ]
    return _combine(pats)


@cache
def _english_blocks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Spans where four digits are not years: resolution lists, and numbers before units."""
    v = _vocab()
    after = _alt(v["not_year_after_en"])
    before = _alt(v["not_year_before_en"])
    listed = re.compile(rf"(?:(?<![A-Za-z])(?:{after}))\s*\d+(?:\s*(?:,|and|or|&)\s*\d+)*")
    units = re.compile(rf"\d[\d,.]*\s?(?:{before})\b")
    return listed, units


# ---------------------------------------------------------------- the function

# Every date has one of these; the full patterns run only in windows around them (speed: most
# sentences have no date, and the combined pattern is costly at every position).
_TRIGGER_JA = re.compile(
    r"[0-9〇零一二三四五六七八九十元]\s?[年月日]|[今本昨去来明次前先同]年|[今本先来]月|本日|今日|年度|(?:19|20)\d\d(?=[ァ-ヴ])"
)
_TRIGGER_EN_BASE = r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)|(?i:today|year|month)"


@cache
def _trigger_en() -> re.Pattern[str]:
    """A year, a month's name or a relative word (a day number never stands without a month)."""
    months = _alt([m.rstrip(".") for m in _vocab()["months_en"]])
    return re.compile(rf"{_TRIGGER_EN_BASE}|\b(?:{months})")
_BEFORE, _AFTER = 16, 48  # window around a trigger: the longest date reaches this far


def _scan(regex: re.Pattern[str], text: str, trigger: re.Pattern[str]) -> list[re.Match[str]]:
    windows: list[list[int]] = []
    for t in trigger.finditer(text):
        start, end = max(0, t.start() - _BEFORE), min(len(text), t.end() + _AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    out: list[re.Match[str]] = []
    pos = 0
    for start, end in windows:
        for m in regex.finditer(text, max(start, pos), end):
            out.append(m)
            pos = m.end()
    return out


def find_dates(text: str, language: str = "ja", anchor: str | None = None) -> list[DateMention]:
    """Every calendar reference in ``text``, in order, each with its ISO value.

    ``anchor`` is the statement date (ISO); relative dates resolve against it and
    are left out when it is missing. Never raises on odd input.
    """
    if not text:
        return []
    text = text[:MAX_TEXT]
    folded = text.translate(_FOLD)
    a = _parse_anchor(anchor)
    english = (language or "ja").lower().startswith("en")
    patterns = _english_patterns() if english else _japanese_patterns()
    blocked: list[tuple[int, int]] = []
    if english:
        for block in _english_blocks():
            blocked.extend(m.span() for m in block.finditer(folded))
    cands: list[_Candidate] = []
    previous: str | None = None  # the value of the date before, for coordinated dates
    resolvers = patterns.resolvers
    for m in _scan(patterns.regex, folded, _trigger_en() if english else _TRIGGER_JA):
        start, end = m.span()
        if end == start or any(s < end and start < e for s, e in blocked):
            continue
        i = next(i for i in range(len(resolvers)) if m.group(f"alt{i}") is not None)
        value = resolvers[i](_View(m, f"p{i}_", previous), a)
        if value and a is not None:
            a = _replace(a, previous=int(value[:4]))
        if value:
            previous = value
            while end > start and folded[end - 1] in " ,":
                end -= 1
            cands.append(_Candidate(start, end, value))
    # One scan in text order: the candidates never overlap.
    return [DateMention(text[c.start:c.end], c.value) for c in cands]


def dates(doc: Document) -> None:
    """Fill ``sentence.dates`` for every sentence, relative dates against the statement date."""
    language, anchor = doc.info.language, doc.info.date
    for sentence in doc.sentences:
        sentence.dates = find_dates(sentence.text, language, anchor)
