"""Stage ``commitments``: the due date of each commit/consider sentence.

Strength (firm for commit, soft for consider) and actors come from the model
(:attr:`communique.model.Sentence.commitment`); this stage only sets ``sentence.due``:
the latest date in the sentence that lies after the statement date and is attached to
the commitment (``2026年に次回会合を開催する``, ``by 2030``), not a past event or a name.
How a date attaches is data: ``due`` in ``data/cues.<language>.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from communique.datafiles import load_yaml
from communique.model import COMMITMENT_ACTS, DateMention, Document, Sentence

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a date value covers: ``2026`` -> 2026-01-01..2026-12-31; ranges too."""
    parts = value.split("/")
    first, last = _bounds(parts[0]), _bounds(parts[-1])
    if first is None or last is None:
        return None
    return first[0], last[1]


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    m = _ISO.match(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return dt.date(year, month, 1), nxt - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


@cache
def _after_ja() -> tuple[str, ...]:
    return tuple(sorted(load_yaml("cues.ja.yaml")["due"]["after_date"], key=len, reverse=True))


@cache
def _before_en() -> re.Pattern[str]:
    words = sorted(load_yaml("cues.en.yaml")["due"]["before_date"], key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s*(?:the\s+)?(?:FY\s*)?$", re.IGNORECASE
    )


def _past_predicate_follows(text: str) -> bool:
    """Whether the first predicate after this point is past (…が行われたことを踏まえ)."""
    from communique.morph import tokenize

    tokens = tokenize(text[:200])
    for i, t in enumerate(tokens):
        if t.surface in ("、", "。"):
            return False
        if t.pos[0] == "動詞":
            j = i + 1
            while (
                j < len(tokens)
                and tokens[j].pos[0] in ("助動詞", "動詞")
                and tokens[j].pos[1] in ("*", "非自立可能")
            ):
                if tokens[j].lemma == "た":
                    return True
                j += 1
            return False
    return False


def _attached(text: str, start: int, end: int, language: str) -> bool:
    if language == "en":
        return bool(_before_en().search(text[max(0, start - 40) : start]))
    rest = text[end:]
    if not rest.startswith(_after_ja()):
        return False
    return not _past_predicate_follows(rest)


def due_date(sentence: Sentence, language: str, statement_date: str | None) -> str | None:
    """The due date of a commitment sentence, or None."""
    anchor = _bounds(statement_date) if statement_date else None
    best: tuple[dt.date, str] | None = None
    cursor = 0
    for mention in sentence.dates:
        start = sentence.text.find(mention.mention, cursor)
        if start < 0:
            continue
        end = start + len(mention.mention)
        cursor = end
        bounds = date_bounds(mention.value)
        if bounds is None:
            continue
        if anchor is not None and bounds[0] <= anchor[1]:
            continue  # the statement's own day or before it: done, not due
        if not _attached(sentence.text, start, end, language):
            continue
        due = _due_value(mention)
        if best is None or bounds[1] > best[0]:
            best = (bounds[1], due)
    return best[1] if best else None


def _due_value(mention: DateMention) -> str:
    """A range is due by its end (``2026-04-22/2026-04-24`` -> ``2026-04-24``)."""
    return mention.value.split("/")[-1]


def commitments(doc: Document) -> None:
    language = "en" if (doc.info.language or "ja").startswith("en") else "ja"
    for sentence in doc.sentences:
        if any(act in COMMITMENT_ACTS for act in sentence.acts):
            sentence.due = due_date(sentence, language, doc.info.date)
        else:
            sentence.due = None
