"""Stage ``actors``: who speaks or acts in each sentence, as sorted ISO3 codes.

The actor is the party behind the grammatical subject of the sentence's main clauses
(``双方は``, ``日本側は``, ``トカエフ大統領は``, ``The two leaders``, ``We``, ``President Biden``):

- Japanese: the topics marked by ``は`` / ``も`` (SudachiPy morphology; ``には`` and ``では``
  are not topics), also after a fronted adverbial clause; a ``が`` subject only when it opens
  the sentence. Subjects inside embedded clauses (``日本が…ことを歓迎した``) are not actors.
- English: a party expression followed by a finite verb (optionally after an apposition
  ``We, the Leaders of …, met``), at the start of a clause (sentence start, after a comma,
  ``and`` or ``which``), never after ``that``/``to``/a preposition, and never a possessive
  (``Japan's decision``).

A subject resolves to parties through data (``data/actors.yaml``): words meaning every party
(``双方``, ``the two leaders``), country names and groups (``communique.countries``), and the
leaders of the document, learnt from its signatories and from phrases such as
``高市早苗日本内閣総理大臣とカスム・ジョマルト・トカエフ・カザフスタン共和国大統領``. A sentence
with no party subject inherits the actors of the previous sentence of its paragraph; the
signature line (``…署名された。``) has every party. ``They`` / ``She`` (and a demonstrative
``This …``) refer to the previous sentence's actors; an English subject that is no party gives the
parties it names (``The UK Department for …``) or none (``The Agreement will …``); the partner of a
meeting or of joint work and the inviting host act too. See docs/cues.md (Actors).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from communique import countries
from communique.datafiles import load_yaml
from communique.model import Document, Sentence

_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}")
_JA_CONJUNCTION = re.compile(r"と|及び|並びに|、|，")
_SIGNATURE_JA = re.compile(r"署名(された|した|する)。?\s*$")
_SIGNATURE_EN = re.compile(r"^(?:done|signed)\b.*\b(?:in|at)\b.*\b(?:duplicate|two|copies|originals|languages?)\b", re.I)


@cache
def _vocab() -> dict[str, Any]:
    return load_yaml("actors.yaml")


@cache
def _title_regex(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every title, longest first (内閣総理大臣 before 総理), and title -> family."""
    families: dict[str, str] = {}
    for family, langs in _vocab()["titles"].items():
        for title in langs.get(language, []):
            families.setdefault(title, family)
    alternation = "|".join(re.escape(t) for t in sorted(families, key=len, reverse=True))
    if language == "ja":
        return re.compile(alternation), families
    return re.compile(r"(?<![A-Za-z])(?:" + alternation + r")(?![A-Za-z])"), families


def _titles_in(text: str, language: str) -> list[tuple[str, str, int, int]]:
    """(title, family, start, end) of each title in ``text``, in order."""
    regex, families = _title_regex(language)
    return [(m.group(), families[m.group()], m.start(), m.end()) for m in regex.finditer(text)]


@dataclass
class Leaders:
    """The document's leaders: name keys and title families -> party."""

    parties: list[str]
    names: dict[str, str] = field(default_factory=dict)  # key (ja as is, en casefolded) -> ISO3
    titles: dict[str, set[str]] = field(default_factory=dict)  # title family -> parties holding it
    named: dict[str, set[str]] = field(default_factory=dict)  # title family -> parties whose holder is named
    _cache: dict[tuple[str, str, int], Any] = field(default_factory=dict, repr=False)

    def learn(self, name: str, party: str | None, language: str, title_families: Iterable[str] = ()) -> None:
        if not party:
            return
        keys = _name_keys(name, language)
        for key in keys:
            self.names.setdefault(key, party)
        for family in title_families:
            self.titles.setdefault(family, set()).add(party)
            if keys:
                self.named.setdefault(family, set()).add(party)

    def unnamed_holder(self, family: str) -> str | None:
        """The one party that holds an office of ``family`` and whose holder has no name yet."""
        heads = _vocab().get("head_titles", {})
        holders = self.titles.get(family, set()) | {p for p in self.parties if heads.get(p) == family}
        left = holders - self.named.get(family, set())
        # only when the office is shared: a lone holder's title already names it, and an unknown
        # name next to it may be a third country's leader (President Zelenskyy)
        return next(iter(left)) if len(left) == 1 and len(holders) >= 2 else None

    @cached_property
    def fallback(self) -> dict[str, str]:
        """Recent leaders' names from the data file, for the parties of this document (read once)."""
        table = _vocab().get("leaders", {})
        return {n if not n.isascii() else n.casefold(): p for p in self.parties for n in table.get(p, [])}

    def name_regex(self, language: str) -> _NoMatch | re.Pattern[str]:
        key = ("names", language, len(self.names))
        if key not in self._cache:
            self._cache[key] = _names_regex(self.names, language) or _NoMatch()
        return self._cache[key]

    def fallback_regex(self, language: str) -> re.Pattern[str] | None:
        key = ("fallback", language, 0)
        if key not in self._cache:
            self._cache[key] = _names_regex(self.fallback, language)
        return self._cache[key]

    def party_of_title(self, family: str) -> str | None:
        holders = self.titles.get(family)
        if holders is None:  # the document does not say: the usual title of each party's leader
            heads = _vocab().get("head_titles", {})
            holders = {p for p in self.parties if heads.get(p) == family}
        return next(iter(holders)) if len(holders) == 1 else None


class _NoMatch:
    def finditer(self, text: str) -> list[re.Match[str]]:
        return []


def _name_keys(name: str, language: str) -> list[str]:
    """Keys that find a leader in running text: the family name, katakana runs, the whole name."""
    vocab = _vocab()
    for honorific in vocab.get("honorifics", {}).get(language, []):
        name = name.replace(honorific, " ")
    name = name.strip(" 　・,")
    if not name:
        return []
    keys: list[str] = []
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", name):
        compact = re.sub(r"[・=＝\s　]", "", name)
        if len(compact) >= 2:
            keys.append(compact)
        parts = [p for p in re.split(r"[・=＝\s　]+", name) if p]
        if len(parts) > 1:
            keys.append(parts[-1])  # katakana names end with the family name
        keys.extend(_KATAKANA_RUN.findall(parts[-1]) if parts else [])
        if re.fullmatch(r"[\u4e00-\u9fff々]{2,}", compact):
            keys.extend(_kanji_family_name(compact))
    else:
        suffixes = {s.casefold() for s in vocab.get("name_suffixes", [])}
        words = [w for w in re.split(r"[\s,]+", name) if w and w.casefold() not in suffixes]
        words = [w for w in words if not re.fullmatch(r"[A-Z]\.?", w)]  # initials
        caps = [w for w in words if len(w) >= 2 and w.isupper()]  # KISHIDA Fumio: family name in capitals
        if caps:
            keys.append(caps[0].casefold())
        elif words:
            # "Joseph Biden" ends with the family name, "Ishiba Shigeru" (Japanese order) starts with it
            keys.append(words[-1].casefold())
            if len(words) > 1:
                keys.append(words[0].casefold())
    return [k for k in dict.fromkeys(keys) if len(k) >= 2]


def _kanji_family_name(name: str) -> list[str]:
    from communique.morph import tokenize

    return [m.surface for m in tokenize(name) if len(m.pos) > 3 and m.pos[2] == "人名" and m.pos[3] == "姓"]


def _language(doc: Document) -> str:
    return "ja" if (doc.language or "ja").startswith("ja") else "en"


def learn_leaders(doc: Document) -> Leaders:
    """Leaders from the signatories and from name–country–title phrases in the text."""
    language = _language(doc)
    leaders = Leaders(document_parties(doc))
    for signatory in doc.info.signatories:
        title = signatory.title or ""
        families = [fam for _, fam, _, _ in _titles_in(title, language)]
        leaders.learn(signatory.name, signatory.party, language, families)
    # Leaders are introduced at the opening (会談を行った / met): learning from later sentences
    # would pick up offices like 議長 that belong to no leader.
    opening = doc.sentences[0].paragraph if doc.sentences else None
    opening_sentences = [s for s in doc.sentences if s.paragraph == opening][:5] or doc.sentences[:3]
    if language == "en":
        # "Prime Minister TAKAICHI Sanae of Japan", "the President of the Republic of Indonesia, H.E.
        # Mr. Budi Santoso": a title next to both a country and a name, anywhere in the text.
        for sentence in doc.sentences:
            _learn_titled_names_en(sentence.text, leaders)
    for sentence in opening_sentences:
        for conjunct in _conjuncts(sentence.text, language):
            _learn_from_conjunct(conjunct, language, leaders)
    if language == "en":
        for sentence in doc.sentences:
            _learn_by_elimination_en(sentence.text, leaders)
    return leaders


_EN_HONORIFICS = r"(?:(?:H\.\s?E\.|His Excellency|Her Excellency|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Madam)\s+)*"
_NAME_PARTICLES = ("von", "van", "der", "den", "de", "da", "di", "dos", "bin", "binti", "al", "el", "la", "le")
_EN_NAME = re.compile(r"[A-Z][\w'’-]*\.?(?:\s+(?:[A-Z][\w'’-]*\.?|" + "|".join(_NAME_PARTICLES) + r"))*")
_EN_HONORIFICS_AT = re.compile(_EN_HONORIFICS)
_EN_ONE_HONORIFIC = re.compile(_EN_HONORIFICS.replace("*", "+"))
_COMMA_THE = re.compile(r"\s*,\s*(?:the\s+)?")
_OPTIONAL_THE = re.compile(r"(?:the\s+)?", re.I)
_OF = re.compile(r"\s+of\s+")
_OPTIONAL_COMMA = re.compile(r"\s*,?\s*")
_NAME_TOKEN = re.compile(r"[A-Z][\w'’-]*\.?|[A-Z]\.|Jr\.?|Sr\.?")
_EN_NAME_STOP = frozenset(["The", "A", "An", "Of", "And", "In", "On", "At", "To", "For", "With", "This", "That", "Jr.", "Sr."])


def _en_name_at(text: str, pos: int) -> tuple[str, int] | None:
    """A personal name starting at ``pos`` (after honorifics), trimmed of trailing particles."""
    m = _EN_HONORIFICS_AT.match(text, pos)
    start = m.end() if m else pos
    n = _EN_NAME.match(text, start)
    if not n:
        return None
    words = n.group().split()
    while words and words[-1] in _NAME_PARTICLES:
        words.pop()
    if words and words[-1].endswith(".") and len(words[-1]) > 2 and words[-1] not in ("Jr.", "Sr."):
        words[-1] = words[-1][:-1]  # the full stop of the sentence, not an initial
    if not words or len(words) > 5 or words[0] in _EN_NAME_STOP or words[0].rstrip(".") in _EN_NAME_STOP:
        return None
    name = " ".join(words)
    if countries.find(name, "en") or _titles_in(name, "en"):
        return None
    end = start
    for w in words:
        end = text.index(w, end) + len(w)
    return name, end


def _title_follows(text: str, pos: int) -> bool:
    m = _COMMA_THE.match(text, pos)
    if not m:
        return False
    return any(start == m.end() for _, _, start, _ in _titles_in(text[: m.end() + 40], "en"))


def _en_name_before(text: str, title_start: int) -> str | None:
    """``His Excellency Mr. KISHIDA Fumio, Prime Minister of Japan``: the name in apposition before."""
    before = re.search(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}),\s*(?:the\s+)?$", text[max(0, title_start - 80) : title_start])
    if not before:
        return None
    words = before.group(1).split()
    while words and (_EN_ONE_HONORIFIC.fullmatch(words[0] + " ") or words[0] in ("His", "Her", "Excellency")):
        words = words[1:]
    named = _en_name_at(" ".join(words), 0) if words else None
    return named[0] if named else None


def _country_at(text: str, pos: int) -> tuple[str, int] | None:
    """The country named right at ``pos`` (after an optional "the"), with its end."""
    m = _OPTIONAL_THE.match(text, pos)
    start = m.end() if m else pos
    for mention in countries.find(text[start : start + 80], "en"):
        if mention.start == 0 and mention.form != "adjective":
            return mention.iso3, start + mention.end
        break
    return None


def _learn_titled_names_en(text: str, leaders: Leaders) -> None:
    """Learn ``TITLE of COUNTRY, NAME`` / ``TITLE NAME of COUNTRY`` / ``COUNTRY's TITLE NAME``."""
    for _, family, start, end in _titles_in(text, "en"):
        party: str | None = None
        name: str | None = None
        of = _OF.match(text, end)
        if of:
            found = _country_at(text, of.end())
            if found:
                party = found[0]
                after = _OPTIONAL_COMMA.match(text, found[1])
                named = _en_name_at(text, after.end() if after else found[1])
                if named and _title_follows(text, named[1]):
                    named = None  # "…, NAME, Prime Minister of Y": that name belongs to the next title
                name = named[0] if named else _en_name_before(text, start)
        else:
            named = _en_name_at(text, end + 1) if text[end : end + 1] == " " else None
            if named:
                name = named[0]
                of = _OF.match(text, named[1])
                found = _country_at(text, of.end()) if of else None
                party = found[0] if found else None
            if party is None:
                before = re.search(r"([\w.]+(?:\s+[\w.]+){0,3}?)(?:['’]s?)?\s+$", text[max(0, start - 40) : start])
                if before:
                    mentions = [m for m in countries.find(before.group(1), "en")]
                    if mentions and before.group(1).endswith(mentions[-1].mention):
                        party = mentions[-1].iso3
        if party is None or (leaders.parties and party not in leaders.parties):
            continue
        if name:
            leaders.learn(name, party, "en", [family])
        else:
            leaders.titles.setdefault(family, set()).add(party)


def _learn_by_elimination_en(text: str, leaders: Leaders) -> None:
    """``Prime Minister Pham Minh Chinh`` with no country: the one party whose holder of that
    office the document has not named yet (the other Prime Minister was introduced with Japan)."""
    for _, family, _, end in _titles_in(text, "en"):
        if text[end : end + 1] != " ":
            continue
        named = _en_name_at(text, end + 1)
        if not named or any(k in leaders.names or k in leaders.fallback for k in _name_keys(named[0], "en")):
            continue
        party = leaders.unnamed_holder(family)
        if party is not None:
            leaders.learn(named[0], party, "en", [family])


def document_parties(doc: Document) -> list[str]:
    """The statement's parties: as the structure stage found them, else from the signatories, the
    title or the opening sentence (a stage run on a bare document still knows who "双方" are)."""
    if doc.info.parties:
        return sorted(doc.info.parties)
    found = {s.party for s in doc.info.signatories if s.party}
    if not found:
        language = _language(doc)
        for text in [doc.info.title] + [s.text for s in doc.sentences[:1]]:
            found |= {m.iso3 for m in countries.find(text or "", language)}
            for g in countries.find_groups(text or "", language):
                found |= set(g.members)
            if len(found) >= 2:
                break
    return sorted(found)


def _conjuncts(text: str, language: str) -> list[str]:
    if language == "ja":
        return [c for c in _JA_CONJUNCTION.split(text) if c]
    return [c for c in re.split(r",\s*(?:and\s+)?(?=[A-Z])|\band\b|;", text) if c.strip()]


def _learn_from_conjunct(conjunct: str, language: str, leaders: Leaders) -> None:
    """``高市早苗日本内閣総理大臣`` / ``Prime Minister of Japan Kishida Fumio``: one country, a title, a name."""
    titles = _titles_in(conjunct, language)
    if not titles or (language == "en" and len(titles) > 1):
        return  # two titled people ("Chancellor X welcomed Prime Minister Y of Japan"): whose is the country?
    mentions = [m for m in countries.find(conjunct, language) if m.form != "abbrev" or language == "en"]
    codes = {m.iso3 for m in mentions}
    if len(codes) != 1:
        return
    party = codes.pop()
    if leaders.parties and party not in leaders.parties:
        return
    rest = conjunct
    spans = sorted([(m.start, m.end) for m in mentions] + [(t[2], t[3]) for t in titles], reverse=True)
    for start, end in spans:
        rest = rest[:start] + (" " if language == "ja" else " § ") + rest[end:]
    if language == "ja":
        # the name sits next to the country or the title: keep the katakana/kanji run nearest them
        rest = re.split(r"[はがをにでの。「」（）()]", rest.strip())[0] if rest.strip() else ""
        rest = re.sub(r"^\d+年\d+月\d+日", "", rest.strip())
        if not re.fullmatch(r"[\u30a0-\u30ff\u4e00-\u9fff々・=＝\s]{2,40}", rest.strip()):
            leaders.learn("", party, language, [t[1] for t in titles])
            return
    else:
        words = _english_name_next_to(rest)
        if not 1 <= len(words) <= 5:
            leaders.learn("", party, language, [t[1] for t in titles])
            return
        rest = " ".join(words)
    leaders.learn(rest.strip(), party, language, [t[1] for t in titles])


def _english_name_next_to(rest: str) -> list[str]:
    """The capitalised words right after the last title/country marker (``§``), else right before
    the first: ``President of § Shavkat Mirziyoyev met in Tokyo`` -> Shavkat Mirziyoyev."""
    tokens = [t for t in re.split(r"\s+|(?<=[,;:()])|(?=[,;:()])", rest) if t]
    skip = {"of", "the", "The", ",", "H.E.", "Mr.", "Ms.", "Mrs.", "Dr."}
    marks = [i for i, t in enumerate(tokens) if t == "§"]
    if not marks:
        return []
    after: list[str] = []
    for t in tokens[marks[-1] + 1 :]:
        if _NAME_TOKEN.fullmatch(t) and t not in skip:
            after.append(t)
        elif t in skip and not after or t == "," and after and after[-1] != ",":
            continue
        else:
            break
    if after:
        return after
    before: list[str] = []
    for t in reversed(tokens[: marks[0]]):
        if _NAME_TOKEN.fullmatch(t) and t not in skip and t not in ("We", "The"):
            before.insert(0, t)
        elif t == "," and not before:
            continue
        else:
            break
    return before


# ----------------------------------------------------------------------------------------------
# Resolving a subject phrase to parties


def _all_party_terms(language: str) -> list[str]:
    vocab = _vocab()
    terms = set(vocab["all_parties"].get(language, []))
    if language == "en":  # "The Prime Ministers", "Both Governments", "the two Presidents"
        heads = vocab.get("all_party_heads", [])
        terms |= {f"{d} {h}" for d in vocab.get("all_party_determiners", []) for h in heads}
    return sorted(terms, key=len, reverse=True)


@cache
def _all_party_regexes(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anywhere, at the start) regexes of the words meaning every party."""
    terms = _all_party_terms(language)
    if language == "ja":
        anywhere = "|".join(map(re.escape, terms))
        opening = "|".join(re.escape(t) for t in terms if t[0] in "双両我各")
        return re.compile(anywhere), re.compile(opening)
    words = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms)
    return (
        re.compile(r"(?<![a-z])(?:" + words + r")(?![a-z])", re.I),
        re.compile(r"\s*(?:" + words + r")(?![a-z])(?!\s+of\b)", re.I),
    )


def resolve(phrase: str, language: str, leaders: Leaders) -> set[str]:
    """The parties a subject phrase stands for (empty when it names none)."""
    parties = set(leaders.parties)
    found: set[str] = set()
    for m in countries.find(phrase, language):
        found.add(m.iso3)
    for g in countries.find_groups(phrase, language):
        members = set(g.members)
        found |= (members & parties) if parties and not parties <= members else (parties or members)
    found |= _leaders_in(phrase, language, leaders)
    if parties:
        found &= parties
    if _opens_with_all_party_term(phrase, language) or not found and _has_all_party_term(phrase, language):
        found = set(parties)
    return found


def _opens_with_all_party_term(phrase: str, language: str) -> bool:
    """``We, President Biden and Prime Minister Kishida`` is every party; ``the leaders of X`` is X."""
    return _all_party_regexes(language)[1].match(phrase) is not None


def _has_all_party_term(phrase: str, language: str) -> bool:
    return _all_party_regexes(language)[0].search(phrase) is not None


def _leaders_in(phrase: str, language: str, leaders: Leaders) -> set[str]:
    out = {leaders.names[_key(m.group(), language)] for m in leaders.name_regex(language).finditer(phrase)}
    if not out:
        fallback = leaders.fallback_regex(language)
        out = {leaders.fallback[_key(m.group(), language)] for m in fallback.finditer(phrase)} if fallback else set()
    if not out:
        for _, family, _, _ in _titles_in(phrase, language):
            party = leaders.party_of_title(family)
            if party:
                out.add(party)
    return out


def _key(surface: str, language: str) -> str:
    return surface if language == "ja" else surface.casefold()


def _names_regex(keys: Iterable[str], language: str) -> re.Pattern[str] | None:
    keys = sorted(set(keys), key=len, reverse=True)
    if not keys:
        return None
    alternation = "|".join(map(re.escape, keys))
    if language == "ja":
        return re.compile(alternation)
    return re.compile(r"(?<![A-Za-z])(?:" + alternation + r")(?![A-Za-z])", re.I)


# ----------------------------------------------------------------------------------------------
# Japanese subjects

_NOUNISH = {"名詞", "接尾辞", "接頭辞", "代名詞"}
_LINKS = {"・", "と", "及び", "並びに", "の", "＋", "+", "「", "」", "（", "）", "(", ")"}


def japanese_subjects(text: str) -> list[str]:
    """Subject phrases of the main clauses: nouns before a topic は/も, else a clause-initial が."""
    topics, ga = _japanese_subject_tiers(text)
    return topics or ga


def _japanese_subject_tiers(text: str) -> tuple[list[str], list[str]]:
    """(topic phrases, [the last clause-initial が phrase])."""
    from communique.morph import tokenize

    tokens = tokenize(text)
    topics: list[str] = []
    initial_ga: list[str] = []
    for i, tok in enumerate(tokens):
        is_topic = tok.surface in ("は", "も") and tok.pos[:2] == ("助詞", "係助詞")
        is_ga = tok.surface == "が" and tok.pos[:2] == ("助詞", "格助詞")
        if not (is_topic or is_ga) or i == 0:
            continue
        last = i - 1
        if is_topic and tokens[last].surface == "から" and last > 0:
            last -= 1  # 日本側からは、…を説明した: the speaker
        if tokens[last].pos[0] not in _NOUNISH:
            continue
        j = last
        while j > 0:
            prev = tokens[j - 1]
            if prev.pos[0] in _NOUNISH or prev.surface in _LINKS:
                j -= 1
            elif prev.surface in ("、", "，") and j >= 2 and tokens[j - 2].pos[0] in _NOUNISH and tokens[j].pos[0] in _NOUNISH:
                j -= 1  # an enumeration of parties: 日本、カザフスタン及びキルギスは
            else:
                break
        phrase = text[tokens[j].begin : tokens[last].end]
        if is_topic:
            topics.append(phrase)
        elif j == 0 or tokens[j - 1].surface in ("、", "，") or tokens[j - 1].pos[0] in ("接続詞", "副詞"):
            initial_ga.append(phrase)
    # with no topic, the subject of the main predicate is the last が opening a clause
    # (なお、日本が提供する支援については、カザフスタン側が評価した -> カザフスタン側)
    return topics, initial_ga[-1:]


# ----------------------------------------------------------------------------------------------
# English subjects

_ADVERBS = (
    "also|further|furthermore|jointly|strongly|today|together|each|both|all|again|fully|hereby|firmly|"
    "collectively|warmly|continue to|once again|therefore|thus|likewise|similarly|equally|too|still|"
    "now|already|deeply|highly|sincerely|unequivocally|resolutely|steadfastly|individually|respectively"
)
_VERB_WORDS = (
    "will|shall|can|must|should|may|would|could|are|is|was|were|have|has|had|do|does|did|remain|remains|"
    "intend|intends|commit|commits|welcome|welcomes|reaffirm|reaffirms|affirm|affirms|recognize|recognizes|"
    "recognise|recognises|condemn|condemns|underscore|underscores|underline|underlines|emphasize|emphasizes|"
    "share|shares|support|supports|note|notes|stress|stresses|call|calls|urge|urges|look|looks|plan|plans|"
    "seek|seeks|aim|aims|reiterate|reiterates|express|expresses|acknowledge|acknowledges|announce|announces|"
    "celebrate|celebrates|pledge|pledges|decide|decides|agree|agrees|applaud|applauds|appreciate|appreciates|"
    "encourage|encourages|oppose|opposes|continue|continues|endorse|endorses|launch|launches|believe|believes|"
    "strive|strives|recall|recalls|highlight|highlights|stand|stands|gather|gathers|met|meet|meets|"
    "confirm|confirms|promote|promotes|strengthen|strengthens|deepen|deepens|seek|work|works|value|values|"
    "thank|thanks|congratulate|congratulates|invite|invites|accept|accepts|request|requests|take|takes|"
    "spoke|discuss|discusses|held|hold|holds|exchange|exchanges|reviewed|review|reviews|expect|expects|"
    "hope|hopes|wish|wishes|recommit|recommits|resolve|resolves|undertake|undertakes|uphold|upholds|"
    "stand|reject|rejects|deplore|deplores|demand|demands|insist|insists|regret|regrets|propose|proposes|"
    "establish|establishes|set|sets|make|makes|need|needs|want|wants|see|sees|aspire|aspires|envision|"
    "envisions|envisage|envisages|share|lend|lends|offer|offers|provide|provides|host|hosts|seeks|"
    "paid|pay|pays|made|took|gave|give|gives|said|say|says|led|lead|leads|sent|send|sends|saw|found|began|"
    "begin|begins|became|become|becomes|brought|bring|brings|built|build|builds|chose|spoke|speak|speaks|"
    "visited|visit|visits|sought|met|felt|kept|keep|keeps|left|told|understood|understand|understands|"
    "renew|renews|reaffirmed|join|joins|sign|signs|adopt|adopts|issue|issues|release|releases"
)
_VERB_START = re.compile(
    r"^(?:\s*(?:,\s*)?(?:" + _ADVERBS + r")\b)*\s*(?:(?:" + _VERB_WORDS + r")\b|[a-z]+ed\b)"
)
_BLOCKING_BEFORE = re.compile(
    r"(?:\b(?:that|whether|if|to|of|for|with|by|on|in|into|from|between|among|as|than|about|against|"
    r"under|toward|towards|including|like|per|via|at|and\s+the\s+people\s+of)|['’]s|-)\s*$",
    re.I,
)
_CLAUSE_START_BEFORE = re.compile(r"(?:^|[,;:—–(]|\b(?:and|which|while|but|whereas|where|so)\b)\s*$", re.I)


def _english_subject_spans(text: str, leaders: Leaders) -> list[tuple[int, int]]:
    """Spans of party expressions in ``text`` (countries, groups, leaders, all-party words)."""
    spans: list[tuple[int, int]] = []
    for m in countries.find(text, "en"):
        if m.form != "adjective":
            spans.append((m.start, m.end))
    for g in countries.find_groups(text, "en"):
        spans.append((g.start, g.end))
    spans.extend(m.span() for m in _all_party_regexes("en")[0].finditer(text))
    spans.extend(m.span() for m in leaders.name_regex("en").finditer(text))
    fallback = leaders.fallback_regex("en")
    if fallback is not None:
        spans.extend(m.span() for m in fallback.finditer(text))
    for _, _, start, end in _titles_in(text, "en"):
        spans.append((start, end))
    for m in re.finditer(r"\b[Oo]ur(?:\s+[a-z-]+){1,3}", text):  # our two countries, our Alliance
        spans.append(m.span())
    pronouns = _pronoun_regex_en()
    if pronouns is not None:  # They / She: resolved to the previous sentence's actors by the caller
        spans.extend(m.span() for m in pronouns.finditer(text))
    return _merge(spans, text)


@cache
def _pronouns_en() -> frozenset[str]:
    return frozenset(_vocab().get("pronouns", {}).get("en", []))


@cache
def _pronoun_regex_en() -> re.Pattern[str] | None:
    pronouns = sorted(_pronouns_en(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, pronouns)) + r")\b", re.I) if pronouns else None


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join overlapping spans and spans linked by a title's name, ``the``, ``,`` or ``and``."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out:
            gap = text[out[-1][1] : start]
            if start <= out[-1][1] or gap in ("-", "–", "/") or re.fullmatch(
                r"\s*(?:,\s*(?:and\s+)?|and\s+|of\s+)?(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}", gap
            ):
                out[-1] = (out[-1][0], max(end, out[-1][1]))
                continue
        out.append((start, end))
    return out


def _followed_by_verb(text: str, end: int) -> bool:
    rest = text[end:]
    rest = re.sub(r"^\s*,?\s*(?:Jr\.|Sr\.|II|III)\s*", " ", rest)  # Biden, Jr.
    rest = re.sub(r"^\s*[–—]\s*", " ", rest)  # partners – A, B and C – are
    rest = re.sub(r"^(?:\s+[A-Z][\w'’-]*)+(?=\s*,)", "", rest)  # the rest of a name: TANAKA Hiroshi, paid
    if rest[:2] in ("'s", "’s") or rest[:1] == "-":
        return False
    if _VERB_START.match(rest):
        return True
    # a head noun after a party used as a modifier: the U.S.-Japan Alliance has, Japanese companies are
    head = re.match(r"(?:\s+(?:[A-Z][\w-]*|[a-z-]+)){1,3}?(?=\s)", rest)
    if (
        head
        and not any(_VERB_START.match(" " + w) or w.endswith("ed") for w in head.group().split())
        and _VERB_START.match(rest[head.end() :])
    ):
        return True
    # an apposition: We, the Leaders of the Group of Seven (G7), met ...
    if rest.lstrip().startswith(","):
        for m in re.finditer(r",", rest[:240]):
            if _VERB_START.match(rest[m.end() :]) and not re.match(r"\s*(?:and|or)\b", rest[m.end() :]):
                return True
    return False


def english_subjects(text: str, leaders: Leaders) -> list[str]:
    """Party expressions that are the subject of a clause in ``text``."""
    out: list[str] = []
    for start, end in _english_subject_spans(text, leaders):
        before = re.sub(r"\b[Tt]he\s+$", "", text[:start])
        if _BLOCKING_BEFORE.search(before) or not _CLAUSE_START_BEFORE.search(before):
            continue
        if _followed_by_verb(text, end):
            out.append(text[start:end])
    main = _main_clause_subject(text)
    if main:
        out.append(main)
    return out


_FRONTED = re.compile(
    r"^(?:(?:In|As|To|Through|Following|Building|Recognizing|Recognising|Given|With|Under|Since|Because|While|"
    r"Although|After|Before|For|By|On|At|Over|Based|Noting|Guided|Consistent|Together|Today|Additionally|"
    r"Furthermore|Moreover|Similarly|Likewise|Finally|Also|Further|Accordingly|Thus|Therefore|Meanwhile|"
    r"Continuing|Reaffirming|Acknowledging|Welcoming|Emphasizing|Underscoring|Recalling|Looking|"
    r"Taking|Toward|Towards|Against|Beyond|Within|Among|Amid|Despite|Where|When|If|Once|Since)\b[^,]*,\s*)+"
)
_FINITE = re.compile(r"\b(?:" + _VERB_WORDS + r"|[a-z]+ed)\b")


def _before_main_verb(text: str) -> str | None:
    """The text between any fronted adverbial and the first finite verb; None without a verb."""
    fronted = _FRONTED.match(text)
    rest = text[fronted.end() :] if fronted else text
    m = _FINITE.search(rest)
    return rest[: m.start()] if m else None


def _subject_noun_phrase(text: str) -> str | None:
    """The capitalised noun phrase before the first finite verb of the main clause, prepositions
    allowed (``The UK Department for Business and Trade is …``); None when there is no clear one."""
    phrase = _before_main_verb(text)
    if phrase is None:
        return None
    phrase = phrase.strip()
    if (
        not phrase
        or not phrase[0].isupper()
        or len(phrase.split()) > 12
        or re.search(r"[,;:]|\b(?:that|which|who|whom|whose|we|We)\b", phrase)
    ):
        return None
    return phrase


def _main_clause_subject(text: str) -> str | None:
    """The words before the first finite verb of the main clause, after any fronted adverbial."""
    phrase = _before_main_verb(text)
    if phrase is None:
        return None
    # a subject is a short noun phrase; a longer run has passed a verb the word list lacks (This builds on …)
    if len(phrase.split()) > 16 or re.search(r"\b(?:that|which|who|in|on|for|to|with|by|from|at)\b", phrase):
        return None
    return phrase.strip() or None


# ----------------------------------------------------------------------------------------------
# The stage


def sentence_actors(
    text: str, language: str, leaders: Leaders, previous: Iterable[str] = ()
) -> set[str] | None:
    """The parties acting in one sentence, or None when it names no party as its subject.

    ``previous`` is the actors of the sentence before, which a pronoun subject (``They``) refers to.
    """
    if language == "ja":
        topics, ga = _japanese_subject_tiers(text)
        if _SIGNATURE_JA.search(text) and not topics and not ga:
            return set(leaders.parties)
        found = {code for phrase in topics for code in resolve(phrase, language, leaders)}
        # a topic that is no party (今後は、日本が…) leaves the が subject to speak
        found = found or {code for phrase in ga for code in resolve(phrase, language, leaders)}
        if found:
            found |= _co_actors_ja(text, leaders)
        return found or None
    if _SIGNATURE_EN.search(text):
        return set(leaders.parties)
    pronouns = _pronouns_en()
    found = set()
    for phrase in english_subjects(text, leaders):
        found |= set(previous) if phrase.strip().lower() in pronouns else resolve(phrase, language, leaders)
    if found:
        return found | _co_actors_en(text, leaders)
    if re.search(r"\b(?:[Ww]e|[Oo]ur|us)\b", text):  # a sentence about "us" with no party subject
        return set(leaders.parties)
    subject = _subject_noun_phrase(text)
    # "This builds on …", "These efforts will …": a subject that points back takes the actors before
    if subject is not None and subject.split()[0].lower() not in ("this", "these", "that", "those", "it", "such"):
        # a subject that is no party: the parties it is about (the UK Department for Business and
        # Trade, Industries of both countries), else none (The Agreement will facilitate …)
        about = _parties_mentioned_en(subject, leaders)
        return about | _co_actors_en(text, leaders) if about else about
    return None


def _parties_mentioned_en(phrase: str, leaders: Leaders) -> set[str]:
    """Every party a phrase names in any form: name, adjective, possessive, leader, all-party word."""
    parties = set(leaders.parties)
    found = {m.iso3 for m in countries.find(phrase, "en")} | _leaders_in(phrase, "en", leaders)
    for g in countries.find_groups(phrase, "en"):
        found |= set(g.members)
    if _has_all_party_term(phrase, "en") or re.match(r"\s*(?:both|the (?:two|three|four)|all (?:three|four))\b", phrase, re.I):
        found |= parties  # "The two Coast Guards will …": bodies of every party
    return found & parties if parties else found


@cache
def _co_actor_regex_en() -> re.Pattern[str] | None:
    markers = _vocab().get("co_actors", {}).get("en", [])
    if not markers:
        return None
    return re.compile(r"\b(?:" + "|".join(markers) + r")\s+(?:the\s+)?", re.I)


def _co_actors_en(text: str, leaders: Leaders) -> set[str]:
    """Parties named right after ``met with`` / ``working with`` / ``at the invitation of``."""
    regex = _co_actor_regex_en()
    out: set[str] = set()
    if regex is None:
        return out
    for m in regex.finditer(text):
        # the partner phrase runs to the next clause or purpose boundary
        phrase = re.split(r"[,;:(]|\s(?:to|on|in|at|for|from|and\s+(?:the\s+)?[a-z]+ed)\s", text[m.end() : m.end() + 120])[0]
        out |= _parties_mentioned_en(phrase, leaders) - {""}
    return out


def _co_actors_ja(text: str, leaders: Leaders) -> set[str]:
    """Parties in the noun phrase before ``と会談`` or before ``の招待により``."""
    out: set[str] = set()
    starts: list[int] = []
    for cue in _co_actor_cues_ja():
        start = text.find(cue)
        while start > 0:
            starts.append(start)
            start = text.find(cue, start + 1)
    # the meeting may be placed or dated between the partner and the cue (Yと東京で首脳会談を行った)
    starts += [m.start() for m in _co_actor_regex_ja().finditer(text) if m.start() > 0]
    for start in starts:
        # the noun phrase before the cue: back to the last punctuation, particle or verb ending
        head = re.split(r"[、。，は がをにでへ]|した|する|された", text[:start])[-1]
        out |= resolve(head, "ja", leaders) if head else set()
    return out


@cache
def _co_actor_cues_ja() -> tuple[str, ...]:
    vocab = _vocab().get("co_actors", {})
    return tuple(vocab.get("ja_before", [])) + tuple("の" + c for c in vocab.get("ja_after_of", []))


@cache
def _co_actor_regex_ja() -> re.Pattern[str]:
    meetings = _vocab().get("co_actors", {}).get("ja_meeting_words", ["会談"])
    return re.compile(r"と(?:[^、。はがをと]{1,15}?[でに])(?:" + "|".join(map(re.escape, meetings)) + ")")


def actors(doc: Document) -> None:
    language = _language(doc)
    leaders = learn_leaders(doc)
    previous: dict[str, list[str]] = {}
    last: list[str] = []
    for sentence in doc.sentences:
        sentence.actors = _actors_of(sentence, language, leaders, previous, last)
        previous[sentence.paragraph] = sentence.actors
        last = sentence.actors


def _actors_of(
    sentence: Sentence, language: str, leaders: Leaders, previous: dict[str, list[str]], last: list[str]
) -> list[str]:
    try:
        found = sentence_actors(sentence.text, language, leaders, last)
    except RecursionError:  # pathological input: better no actors than a crash
        found = None
    if found is None:
        return list(previous.get(sentence.paragraph, []))
    return sorted(found)
