"""Speech acts of an English sentence's main verb phrases, from the cues in ``data/cues.en.yaml``.

No parser: the main predicates are the first cue of each clause that no subordinator
(``that``, ``which``…) precedes, plus each cue right after a coordination (``, and``, ``;``,
``, `` before a bare verb). That keeps ``We welcome X, which will facilitate Y`` a welcome
and makes ``We affirm X, recognize Y, and call for Z`` affirm three times (once as a set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from communique.datafiles import load_yaml

_WORD = re.compile(r"[A-Za-z][A-Za-z.'-]*")
# ", and we …" / ", but Japan will …" open a new clause; ", and Australia, and …" (a list of names
# followed by punctuation) does not.
_NEW_SUBJECT = re.compile(
    r",\s+(?:and|but)\s+(?=(?:we|they|the leaders|both)\b|[A-Z](?![\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s*[,.;:)]))"
)


@dataclass(frozen=True, slots=True)
class Cue:
    pattern: re.Pattern[str]
    act: str
    rank: int  # lower wins at equal length
    party_only: bool
    agenda: bool = False  # commitment language: affirm when its object is a principle
    modal: bool = False  # governs the bare verbs coordinated after it


@dataclass(frozen=True)
class EnglishCues:
    cues: tuple[Cue, ...]
    non_party_subjects: frozenset[str]
    party_subjects: frozenset[str]
    subordinators: frozenset[str]
    openers: frozenset[str]
    adverbs: frozenset[str]
    noun_markers: frozenset[str]
    principle_objects: re.Pattern[str] | None = None
    agenda_stops: frozenset[str] = frozenset()
    phrase_markers: re.Pattern[str] = re.compile(r"(?!)")


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    act: str
    party_only: bool
    agenda: bool = False
    modal: bool = False


@cache
def cues() -> EnglishCues:
    data: dict[str, Any] = load_yaml("cues.en.yaml")
    party_only = {p.lower() for p in data.get("party_only", [])}
    agenda = {p.lower() for p in data.get("agenda", [])}
    modal = {p.lower() for p in data.get("under_modal", [])}
    out: list[Cue] = []
    rank = 0
    for act, patterns in data["acts"].items():
        for p in patterns:
            key = p.lower()
            regex = re.compile(rf"\b(?:{p})\b", re.IGNORECASE)
            out.append(Cue(regex, act, rank, key in party_only, key in agenda, key in modal))
            rank += 1
    for p in data.get("generic", []):
        out.append(Cue(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), "report", rank, False))
        rank += 1
    return EnglishCues(
        cues=tuple(out),
        non_party_subjects=frozenset(w.lower() for w in data["non_party_subjects"]),
        party_subjects=frozenset(w.lower() for w in data["party_subjects"]),
        subordinators=frozenset(w.lower() for w in data["subordinators"]),
        openers=frozenset(w.lower() for w in data["openers"]),
        adverbs=frozenset(w.lower() for w in data["adverbs"]),
        noun_markers=frozenset(w.lower() for w in data["noun_markers"]),
        principle_objects=_word_regex(data.get("principle_objects", [])),
        agenda_stops=frozenset(w.lower() for w in data.get("agenda_stops", [])),
        phrase_markers=_word_regex(data.get("phrase_markers", [])) or re.compile(r"(?!)"),
    )


def _word_regex(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"<[^>]{1,20}>", "", text)  # stray inline markup such as <sup>
    return re.sub(r"\s+", " ", text).strip()


def _first_word_part(pattern: str) -> str:
    """The part of a cue pattern before its first top-level space: what its first (required)
    word must look like (``(?:are|is) pleased`` -> ``(?:are|is)``)."""
    depth = 0
    escaped = False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == " " and depth == 0:
            return pattern[:i]
    return pattern


@cache
def _word_filters() -> tuple[tuple[re.Pattern[str] | None, Cue], ...]:
    """Per cue, a regex one word of the sentence must fully match for the cue to be worth trying
    (None: always try). A prefilter only: it never changes what matches."""
    out: list[tuple[re.Pattern[str] | None, Cue]] = []
    for cue in cues().cues:
        inner = cue.pattern.pattern[len(r"\b(?:") : -len(r")\b")]
        try:
            first = re.compile(_first_word_part(inner), re.IGNORECASE)
        except re.error:
            first = None
        out.append((first, cue))
    return tuple(out)


_FILTER_CACHE: dict[str, frozenset[int]] = {}


def _cues_for_word(word: str) -> frozenset[int]:
    """Ranks of the cues whose first word ``word`` can be (cached across sentences)."""
    hit = _FILTER_CACHE.get(word)
    if hit is None:
        hit = frozenset(cue.rank for first, cue in _word_filters() if first is not None and first.fullmatch(word))
        if len(_FILTER_CACHE) < 50_000:
            _FILTER_CACHE[word] = hit
    return hit


def _candidate_cues(text: str) -> list[Cue]:
    # cues match on word boundaries, so inside "re-emphasize" and "Japan's" too: try the parts as well
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)}
    words |= {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    ranks: set[int] = set()
    for w in words:
        ranks |= _cues_for_word(w)
    return [cue for first, cue in _word_filters() if first is None or cue.rank in ranks]


def _matches(text: str) -> list[Match]:
    """Every cue match, overlaps resolved: leftmost, then longest, then earliest in the file."""
    found: list[tuple[int, int, int, Cue]] = []
    for cue in _candidate_cues(text):
        for m in cue.pattern.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), cue.rank, cue))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    out: list[Match] = []
    taken_until = -1
    for start, neg_len, _, cue in found:
        if start < taken_until:
            continue
        out.append(Match(start, start - neg_len, cue.act, cue.party_only, cue.agenda, cue.modal))
        taken_until = start - neg_len
    return out


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _strip_opener(text: str, start: int, end: int) -> int:
    """Skip a leading adverbial phrase up to its first comma ("Following the summit, we …").

    A one-word adverb opens a phrase only when a comma follows it ("Today, we …"); in
    "Today we are launching X, which …" the comma ends the main clause, not an opener.
    """
    words = _words(text[start:end])
    if not words or words[0].lower() not in cues().openers:
        return start
    if words[0].lower() in cues().adverbs and not re.match(r"\s*[A-Za-z]+\s*,", text[start:end]):
        return start
    comma = text.find(",", start, end)
    return comma + 1 if comma != -1 and text[comma + 1 : end].strip() else start


def _is_free(preceding: str) -> bool:
    """No subordinator between the clause start and the cue: the cue is in the main clause."""
    subordinators = cues().subordinators
    return not any(w.lower() in subordinators for w in _words(preceding))


def _is_coordinated(preceding: str, main_form: str | None = None, cue_form: str | None = None) -> bool:
    """The text between the last main predicate and this cue ends with a coordination.

    A bare comma ("We affirm X, recognize Y") coordinates only when no subordinate clause
    intervenes ("We welcome the summit, where participants …, recognized" does not).
    """
    c = cues()
    rest = preceding.rstrip()
    stripped = 0
    # Drop a subject and adverbs (", and we also welcome"; "; Japan will").
    while stripped <= 4:
        stripped += 1
        m = re.search(r"([A-Za-z][A-Za-z.'-]*)$", rest)
        if not m:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in ("and", "but"):
            # "including X's provision of vessels and plans to …": an "and" inside an inclusion
            # phrase may join nouns; there it coordinates only a verb of the main verb's form
            # ("We emphasize X, including Y and endorse Z") or after ", and".
            before_and = rest[: m.start()].rstrip()
            if before_and.endswith(",") or not c.phrase_markers.search(preceding):
                return True
            return main_form is not None and main_form == cue_form
        if (
            lower in c.adverbs
            or lower in ("we", "they", "the", "leaders", "both", "two", "three", "sides", "our")
            or word[0].isupper()
        ):
            rest = rest[: m.start()].rstrip()
            continue
        break
    if rest.endswith((";", ":")):
        return True
    return rest.endswith(",") and _is_free(rest)


def _has_subject(between: str) -> bool:
    """A new subject before a coordinated verb (", and we support"): not under the same modal."""
    words = [w.lower() for w in _words(between)]
    return bool(words) and any(w in cues().party_subjects for w in words[-3:])


def _is_verb_position(text: str, start: int) -> bool:
    """False when the cue follows a determiner or preposition ("our support for", "to support")."""
    words = _words(text[max(0, start - 40) : start])
    return not words or words[-1].lower() not in cues().noun_markers


def _clause_bounds(text: str) -> list[int]:
    """Clause starts: after each ";" and before ", and we" / ", but the leaders" (a new subject)."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == ";"]
    starts += [m.end() for m in _NEW_SUBJECT.finditer(text)]
    return sorted(set(starts)) + [len(text) + 1]


def _is_party_subject(preceding: str) -> bool:
    """Whether the subject before a modal is a party (we, Japan) or not (the Agreement)."""
    c = cues()
    words = [w for w in _words(preceding) if w.lower() not in c.adverbs]
    if not words:
        return True  # "…, and will continue": the subject of the previous verb
    last = words[-1]
    if last.lower() in c.non_party_subjects:
        return False
    return last.lower() in c.party_subjects or last[0].isupper()


def _object_is_principle(text: str, end: int) -> bool:
    """Whether the object right after a commitment cue is a principle or broad agenda
    (``committed to safeguarding human rights``) rather than a concrete action."""
    c = cues()
    if c.principle_objects is None:
        return False
    window: list[str] = []
    for token in re.findall(r"[A-Za-z][A-Za-z'-]*|[,;:.()]", text[end : end + 200]):
        if not token[0].isalpha() or token.lower() in c.agenda_stops or len(window) >= 8:
            break
        window.append(token)
    return c.principle_objects.search(" ".join(window)) is not None


def _verb_form(word: str) -> str:
    """``ed`` (supported), ``s`` (supports), ``ing`` (supporting) or ``bare`` (support)."""
    w = word.lower()
    if w.endswith("ed"):
        return "ed"
    if w.endswith("ing"):
        return "ing"
    if w.endswith("s") and not w.endswith("ss"):
        return "s"
    return "bare"


def _form_of(text: str, m: Match) -> str | None:
    """The verb form of a cue's first word (``will``, ``are`` count as bare: finite present)."""
    words = _words(text[m.start : m.end])
    return _verb_form(words[0]) if words else None


def _governs_bare_verbs(text: str, m: Match) -> bool:
    """A modal cue followed by a bare verb (``will strengthen``, ``intend to expand``) governs the
    bare verbs coordinated after it; one followed by a gerund (``committed to ensuring``) does not."""
    if not m.modal:
        return False
    nxt = _words(text[m.end : m.end + 40])
    while nxt and nxt[0].lower() in cues().adverbs:
        nxt = nxt[1:]
    return bool(nxt) and _verb_form(nxt[0]) != "ing"


def sentence_acts(text: str, party_subject: bool | None = None) -> list[str]:
    """The set of acts of the sentence's main verb phrases, in the order of ``model.ACTS``.

    ``party_subject=False`` says the sentence has no party as actor (stage ``actors`` found none):
    its ``will`` is then a prediction about a thing, a report (``The Agreement will facilitate …``).
    """
    from communique.model import ACTS

    text = _normalise(text)
    if not text:
        return []
    found: set[str] = set()
    matches = _matches(text)
    clause_bounds = _clause_bounds(text)
    for start, stop in zip(clause_bounds, clause_bounds[1:], strict=False):
        end = min(stop - 1, len(text))
        start = _strip_opener(text, start, end)
        last_main: Match | None = None
        for m in matches:
            if m.start < start or m.end > end or not _is_verb_position(text, m.start):
                continue
            if last_main is None:
                if not _is_free(text[start : m.start]):
                    continue
            elif not _is_coordinated(text[last_main.end : m.start], _form_of(text, last_main), _form_of(text, m)):
                continue
            elif (
                _governs_bare_verbs(text, last_main)
                and _form_of(text, m) == "bare"
                and not _has_subject(text[last_main.end : m.start])
            ):
                continue  # "will strengthen X and support Y": the same promise
            act = m.act
            if m.party_only and (
                party_subject is False or (last_main is None and not _is_party_subject(text[start : m.start]))
            ):
                act = "report"
            if m.agenda and act == "commit" and _object_is_principle(text, m.end):
                act = "affirm"
            found.add(act)
            last_main = m
    if not found and len(_words(text)) >= 3:
        found.add("report")
    return [a for a in ACTS if a in found]


def governing_phrase(introducer: str) -> str | None:
    """The verb phrase that governs a list after ``introducer`` (``the United States will`` -> ``will``,
    ``The leaders decided to`` -> ``decided to``): the text from its last main-verb cue on."""
    text = _normalise(introducer)
    matches = [m for m in _matches(text) if _is_verb_position(text, m.start) and m.act != "report"]
    if not matches:
        return None
    return text[matches[-1].start :].strip() or None
