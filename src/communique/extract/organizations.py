"""Stage ``organizations``: the organizations each sentence names, with a canonical name when known.

Two sources of candidates, both compiled once from ``data/organizations.yaml``:

* the gazetteer (UN system, international bodies, development banks and agencies,
  ministries and agencies of Japan and other governments, well-known companies);
* the form of a name, for the organizations no list holds (the normal case in an
  unseen statement): a Japanese head noun (``…省``, ``…機構``, ``…銀行``, ``…センター``,
  ``…社``, ``…政府`` after a country name...) with its name running left up to a
  particle or punctuation; an English capitalised phrase ending in (``… Agency``,
  ``… Bank``) or starting with (``Ministry of …``, ``Government of …``) a head noun;
  a name followed by its acronym in brackets, the bracket being part of the mention
  (``国際協力機構（JICA）``, ``World Customs Organization (WCO)``).

Japanese rules are in :mod:`.orgs_ja`, English ones in :mod:`.orgs_en`, what they share in
:mod:`.orgforms`, the gazetteer in :mod:`.gazetteer`. Overlapping candidates resolve to the longest. An acronym paired with a full name
anywhere in the statement names that organization wherever it appears alone.
Groupings (G7, Quad), programmes (SATREPS, JCM), events, countries and people are
never candidates: they are not in the gazetteer and have no organization head.

Standing-body decisions (ANNOTATION.md "standing bodies only"), all data-driven in
``organizations.yaml``: a body the text sets up or refers to with the definite article
(``the Joint Committee``, ``the Steering Committee``) is one, ``a Joint Working Group`` is not;
an arbitral tribunal (set up for one case) is not; a fund or board owned by a law or programme
(``the CHIPS and Science Act's … Fund``) is a mechanism, not a body; a seat that names its
institution (``White House``, ``Kremlin``) is a place after ``to/at/in the`` (``ホワイトハウスで``) and an
organization as an actor; a campus or office suffix extends a name (``インド工科大学ハイデラバード校``,
``JICAマニラ事務所``); ``Philippine and Japan Coast Guard`` names only the body written in full
(``Japan Coast Guard``); ``government of Japan`` / ``the Australian government`` in lower case count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from communique.extract.gazetteer import Entry, countries, gazetteer, split_country_prefix
from communique.extract.orgforms import BRACKET, Candidate, alt, forms
from communique.extract.orgs_en import english_candidates
from communique.extract.orgs_ja import japanese_candidates, with_quoted_partners
from communique.model import Document, OrganizationMention

MAX_TEXT = 20_000  # longer "sentences" are cut: no statement sentence is this long


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest candidates first (a listed name wins a tie), none overlapping another."""
    if not cands:
        return []
    taken = bytearray(max(c.end for c in cands) + 1)
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if not any(taken[c.start:c.end]):
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _resolve(text: str, c: Candidate, language: str, acronyms: dict[str, str]) -> list[OrganizationMention]:
    g = gazetteer()
    mention = text[c.start:c.end]
    core = mention
    if c.acronym:
        core = BRACKET.sub("", mention).strip()
    name, aliases, kind = c.name, list(c.aliases), c.kind
    if name is None:
        entry: Entry | None = g.by_name.get(core)
        for legal in ("株式会社", "社"):  # ボーイング社, トヨタ自動車株式会社
            if entry is None and language != "en" and core.endswith(legal):
                entry = g.by_name.get(core[: -len(legal)])
        if entry is None and language != "en":  # 国立研究開発法人科学技術振興機構
            legal_form = forms().legal_prefix.match(core)
            if legal_form:
                entry = g.by_name.get(core[legal_form.end():])
        found, rest = split_country_prefix(core) if language != "en" else ([], core)
        if entry is None and found and all(x in countries().ja_japan for x in found):
            entry = g.by_name.get(rest)
        if entry is not None:
            name, kind = entry.name(language), kind or entry.kind
            aliases = entry.other_names(language)
        elif c.acronym and c.acronym in acronyms:
            name = acronyms[c.acronym]
        else:
            name = core
    if c.acronym and c.acronym not in aliases:
        aliases.append(c.acronym)
    out = [OrganizationMention(mention=mention, name=name, aliases=aliases, kind=kind)]
    # 日本・カザフスタン外務省: a ministry of each country; the second stands as a mention of its own.
    if len(c.countries) >= 2 and kind in ("ministry", "government", "agency"):
        second = mention[mention.index(c.countries[1]):]
        out.append(OrganizationMention(mention=second, name=BRACKET.sub("", second), kind=kind))
    return out


def _language(language: str | None) -> str:
    return "en" if (language or "").lower().startswith("en") else "ja"


def _candidates(text: str, language: str) -> list[Candidate]:
    return english_candidates(text) if language == "en" else japanese_candidates(text)


def _pairs(text: str, cands: list[Candidate]) -> Iterable[tuple[str, str]]:
    for c in cands:
        if c.acronym:
            yield c.acronym, c.name or BRACKET.sub("", text[c.start:c.end]).strip()


def paired_acronyms(texts: Iterable[str], language: str) -> dict[str, str]:
    """Acronyms written in brackets after an organization's name anywhere in the statement,
    except listed ones (they resolve by themselves): acronym -> full name."""
    lang = _language(language)
    cut = [text[:MAX_TEXT] for text in texts]
    return _unlisted_pairs(cut, [_candidates(text, lang) for text in cut])


def _unlisted_pairs(texts: list[str], cands: list[list[Candidate]]) -> dict[str, str]:
    """The first full name each unlisted acronym is paired with, over the sentences' candidates."""
    listed = gazetteer().by_name
    found: dict[str, str] = {}
    for text, candidates in zip(texts, cands, strict=True):
        for acronym, name in _pairs(text, candidates):
            if acronym not in listed:
                found.setdefault(acronym, name)
    return found


@cache
def _acronym_regex(acronyms: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z0-9])(?:" + alt(acronyms) + r")(?![A-Za-z0-9])")


def _finish(text: str, cands: list[Candidate], lang: str, acronyms: dict[str, str]) -> list[OrganizationMention]:
    if acronyms:
        for m in _acronym_regex(frozenset(acronyms)).finditer(text):
            cands.append(Candidate(m.start(), m.end(), acronyms[m.group(0)], None, [m.group(0)], 1))
    chosen = _select(cands)
    if lang == "ja":
        chosen = with_quoted_partners(text, chosen)
    out: list[OrganizationMention] = []
    seen: set[str] = set()
    for c in chosen:
        for org in _resolve(text, c, lang, acronyms):
            if org.mention not in seen:  # each organization once per sentence
                seen.add(org.mention)
                out.append(org)
    return out


def find_organizations(
    text: str, language: str = "ja", acronyms: dict[str, str] | None = None
) -> list[OrganizationMention]:
    """The organizations ``text`` names, in order, each once; never raises on odd input.

    ``acronyms`` (from :func:`paired_acronyms`) names acronyms that the statement pairs
    with a full name elsewhere."""
    if not text:
        return []
    text = text[:MAX_TEXT]
    lang = _language(language)
    return _finish(text, _candidates(text, lang), lang, acronyms or {})


def organizations(doc: Document) -> None:
    """Fill ``sentence.organizations`` for every sentence of the document."""
    lang = _language(doc.info.language)
    texts = [s.text[:MAX_TEXT] for s in doc.sentences]
    cands = [_candidates(t, lang) if t else [] for t in texts]
    acronyms = _unlisted_pairs(texts, cands)
    for sentence, text, found in zip(doc.sentences, texts, cands, strict=True):
        sentence.organizations = _finish(text, found, lang, acronyms) if text else []
