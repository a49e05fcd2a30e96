"""Document facts: title notes and translation, language, date, place, parties, signatories.

Pure functions over strings the structure stage hands in (the title block, the
datelines, the opening paragraph, the signature block). Dates come from
``communique.extract.dates.find_dates``; countries from ``communique.countries``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from communique import countries
from communique.datafiles import load_yaml
from communique.extract.dates import find_dates
from communique.model import DocumentInfo, Signatory, Translation
from communique.repair import japanese_share


@cache
def _spec() -> dict[str, Any]:
    return load_yaml("structure.yaml")


@cache
def _translation_res() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _spec()["translation_notes"]]


def detect_language(text: str) -> str:
    """``ja`` when kana and kanji make up a good share of the letters, else ``en``."""
    return "ja" if japanese_share(text) > 0.3 else "en"


def strip_translation_note(text: str) -> tuple[str, str | None]:
    """The text without a ``(仮訳)`` / "(Provisional translation)" note, and the note when there was one."""
    for pattern in _translation_res():
        m = pattern.search(text)
        if m:
            return (text[: m.start()] + text[m.end():]).strip(), m.group().strip()
    return text, None


def is_translation_note(text: str) -> bool:
    stripped, note = strip_translation_note(text)
    return note is not None and not stripped


def original_language(texts: Iterable[str]) -> str | None:
    for text in texts:
        for item in _spec()["original_language"]:
            if re.search(item["pattern"], text):
                return str(item["language"])
    return None


def translation(is_translation: bool, closing_texts: Iterable[str], language: str) -> Translation:
    if not is_translation:
        return Translation(False, None)
    original = original_language(closing_texts) or _spec()["default_original_language"].get(language)
    return Translation(True, original if original != language else None)


# ------------------------------------------------------------------ dates and places

def full_dates(text: str, language: str) -> list[str]:
    """Every full calendar date (``YYYY-MM-DD``) written in ``text``, in order."""
    return [d.value for d in find_dates(text, language, None) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.value)]


def dateline_rest(text: str, language: str) -> str:
    """What is left of a line once its dates are removed (little for a pure dateline)."""
    for d in find_dates(text, language, None):
        text = text.replace(d.mention, "")
    return text


def is_dateline(text: str, language: str) -> bool:
    """A line that only says where and when (``Washington, D.C., April 10, 2024``; ``2025年12月18日``)."""
    if len(text) > 80 or "\n" in text or text.rstrip().endswith("。"):
        return False
    if not full_dates(text, language):
        return False
    rest = re.sub(r"[\s,.、，。()（）]+", " ", dateline_rest(text, language)).strip()
    return len(rest.split()) <= 4 if language == "en" else len(rest) <= 12


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_name(name: str) -> str | None:
    """An ISO date written in a source file's name (``…-2024-04-11.en.md``), if it is a real day."""
    import datetime

    base = re.split(r"[\\/]", name or "")[-1]
    found = {m.group() for m in _NAME_DATE.finditer(base)}
    if len(found) != 1:  # none, or two different days: the name does not date the statement
        return None
    try:
        datetime.date.fromisoformat(found.pop())
    except ValueError:
        return None
    return _NAME_DATE.search(base).group()  # type: ignore[union-attr]


def leading_date(text: str, language: str) -> str | None:
    """The full date a paragraph opens with (``2025年12月18日、…``, ``On 18 December 2025, …``).

    Such a paragraph dates the statement as a dateline does: the meeting it reports is the occasion.
    """
    head = re.sub(r"^\W*(?:on|in)\s+", "", text.strip(), flags=re.I)[:40]
    found = find_dates(head, language, None)
    if found and head.startswith(found[0].mention) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found[0].value):
        return found[0].value
    return None


@cache
def _reference_cues() -> dict[str, list[str]]:
    return dict(_spec().get("date_reference_cues") or {})


def opening_date(sentences: list[str], language: str) -> str | None:
    """The day the opening paragraph says the statement's meeting took place, when it says one day.

    Rule: the full dates of the opening paragraph's sentences, leaving out sentences that refer back
    to other texts or events (``Recalling …``, ``…を想起し``; ``date_reference_cues`` in structure.yaml).
    Exactly one distinct day -> that day. A range (``May 19-21, 2023``), a month, or several different
    days -> None: the schema wants a full day, and a guessed day would be a wrong one.
    """
    cues = [c.lower() for c in _reference_cues().get(language, [])]
    days: list[str] = []
    for sentence in sentences:
        if any(c in sentence.lower() for c in cues):
            continue
        days.extend(full_dates(sentence, language))
    distinct = set(days)
    return days[0] if len(distinct) == 1 else None


@cache
def _place_res(language: str) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _spec()["place_patterns"].get(language, [])]


def find_place(texts: Iterable[str], language: str) -> str | None:
    for text in texts:
        for pattern in _place_res(language):
            m = pattern.search(text)
            if m:
                place = m.group(1).strip(" ,")
                if place and not any(ch.isdigit() for ch in place):
                    return place
    return None


# ------------------------------------------------------------------ parties

def country_codes(text: str, language: str | None = None) -> list[str]:
    """ISO alpha-3 codes of the countries named in ``text``, in order of first mention."""
    return list(dict.fromkeys(m.iso3 for m in countries.find(text, language)))


def group_codes(text: str, language: str | None = None) -> list[str]:
    """Members of the first multilateral group (G7, ASEAN…) named in ``text``."""
    groups = countries.find_groups(text, language)
    return list(groups[0].members) if groups else []


def find_parties(title: str, signatories: list[Signatory], opening: list[str], language: str | None = None) -> list[str]:
    """The parties: the countries (or group) of the title; else of the signatures and the opening lines."""
    codes = set(country_codes(title, language)) if title else set()
    if len(codes) < 2 and title:
        codes |= set(group_codes(title, language))
    if len(codes) >= 2:
        return sorted(codes)
    codes |= {s.party for s in signatories if s.party}
    for text in opening:
        if len(codes) >= 2:
            break
        codes |= set(country_codes(text, language))
    if len(codes) < 2:
        for text in opening:
            members = group_codes(text, language)
            if members:
                codes |= set(members)
                break
    return sorted(codes)


# ------------------------------------------------------------------ signatories

def _office_words(language: str) -> list[str]:
    return list(_spec()["office_titles"]["ja" if language == "ja" else "en"])


def _title_and_name(line: str, language: str) -> re.Match[str] | None:
    if language == "ja":  # the name follows the office after a space
        offices = "|".join(map(re.escape, _office_words(language)))
        return re.match(rf"^(.*?(?:{offices}))[\s:：]+(\S.*)$", line)
    return re.match(r"^(.+?)\s*[:：,]\s*(\S.*)$", line)  # "Prime Minister of Japan: NAME"


def is_office(line: str, language: str) -> bool:
    """A line naming an office (``日本国総理大臣``, "Prime Minister of Japan")."""
    return any(w in line for w in _office_words(language))


def signatories(lines: list[str], language: str) -> list[Signatory]:
    """Titles and names of a signature block, paired in order (titles first or alternating)."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    titles: list[str] = []
    names: list[str] = []
    for line in lines:
        if not is_office(line, language):
            names.append(line)
            continue
        # "日本国総理大臣　佐藤太郎" / "Prime Minister of Japan: TANAKA Hiroshi": title and name on one line
        m = _title_and_name(line, language)
        if m and is_office(m.group(1), language) and not is_office(m.group(2), language):
            titles.append(m.group(1))
            names.append(m.group(2))
        else:
            titles.append(line)
    out: list[Signatory] = []
    for i, name in enumerate(names):
        title = titles[i] if i < len(titles) else None
        codes = country_codes(title, language) if title else []
        out.append(Signatory(name=_clean_name(name), title=title, party=codes[0] if len(codes) == 1 else None))
    return out


def _clean_name(name: str) -> str:
    """A name without a "(Signed)" / "（署名）" mark."""
    return re.sub(r"^[(（]?\s*(?:signed|署名)\s*[)）]?\s*", "", name.strip(), flags=re.I).strip()


# ------------------------------------------------------------------ front matter

def with_front_matter(info: DocumentInfo, front: dict[str, Any]) -> DocumentInfo:
    """``info`` with the empty facts filled from Markdown front matter (the text wins where it speaks)."""
    if not front:
        return info
    date = str(front.get("date") or "")[:10]
    if not info.title and isinstance(front.get("title"), str):
        info.title = front["title"].strip()
    if info.date is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        info.date = date
    if info.place is None and isinstance(front.get("place"), str):
        info.place = front["place"].strip() or None
    parties = front.get("parties")
    if not info.parties and isinstance(parties, list):
        info.parties = sorted(p for p in parties if isinstance(p, str) and re.fullmatch(r"[A-Z]{3}", p))
    people = front.get("signatories")
    if not info.signatories and isinstance(people, list):
        info.signatories = [
            Signatory(str(s["name"]), s.get("title"), s.get("party"))
            for s in people
            if isinstance(s, dict) and s.get("name")
        ]
    tr = front.get("translation")
    if not info.translation.is_translation and isinstance(tr, dict) and tr.get("is_translation") is True:
        info.translation = Translation(True, tr.get("original_language"))
    return info
