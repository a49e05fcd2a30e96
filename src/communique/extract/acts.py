"""Stage ``acts``: the speech acts of each sentence's main predicates (see ANNOTATION.md).

Japanese sentences go through SudachiPy morphology (:mod:`.predicates_ja`), English ones
through verb-phrase cues (:mod:`.predicates_en`). Both read their cue words from
``data/cues.<language>.yaml``.

List items continue the sentence that introduces them (``The leaders decided to:`` /
``the United States will:`` / ``双方は、以下の分野で協力する。``): an item that is a bare verb
phrase (``- expand the programme;``, ``(b) explore cooperation …``) is read as the introducer's
governing verb followed by the item (``will expand …``, ``decided to explore …``), and an item
with no predicate of its own (``（１）エネルギー分野``) takes the introducer's acts.
"""

from __future__ import annotations

import re
from functools import cache

from communique.datafiles import load_yaml
from communique.model import Document, Sentence

# A list marker left at the start of an item: "- ", "• ", "(a) ", "b) ", "iii. ", "（１）", "・".
_ITEM_MARKER = re.compile(r"^\s*(?:[-–•・*]|\(?[a-zA-Z]{1,3}\)|\(?\d{1,2}\)|[ivx]{1,4}\.|（[^）]{1,3}）)\s*")
_COLON_END = re.compile(r"[:：]\s*$")
# What an item may end with when another item follows: "…;", "…; and", "…,", "…、".
_ITEM_CONTINUES = re.compile(r"(?:[;；,，、]\s*(?:and|or)?|\band|\bor)\s*$")


def sentence_acts(text: str, language: str, party_subject: bool | None = None) -> list[str]:
    """The acts of one sentence, in the order of ``model.ACTS``; never raises on odd text.

    ``party_subject`` (English): False when the sentence has no party actor, which makes ``will``
    a report; None when unknown.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if _is_japanese(text, language):
        from communique.extract.predicates_ja import sentence_acts as ja_acts

        return ja_acts(text)
    from communique.extract.predicates_en import sentence_acts as en_acts

    return en_acts(text, party_subject)


def _is_japanese(text: str, language: str) -> bool:
    return language == "ja" or (language not in ("en",) and _mostly_japanese(text))


def _mostly_japanese(text: str) -> bool:
    kana_kanji = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
    return kana_kanji * 2 > len(text.strip())


def is_introducer(text: str, language: str) -> bool:
    """A sentence that opens a list: ends with a colon, or (Japanese) announces what follows."""
    if _COLON_END.search(text):
        return True
    return _is_japanese(text, language) and any(word in text for word in _list_announcers_ja())


@cache
def _list_announcers_ja() -> tuple[str, ...]:
    """Japanese introducers end with 。 but announce what follows: 以下の分野で / 次のとおり."""
    return tuple(load_yaml("cues.ja.yaml")["list_announcers"])


def item_acts(introducer: str, item: str, language: str, party_subject: bool | None = None) -> list[str]:
    """The acts of a list item read as the continuation of its introducer."""
    body = re.sub(r"^(?:and|or)\s+", "", _ITEM_MARKER.sub("", item, count=1).strip())
    if not body:
        return []
    if _is_japanese(body, language):
        own = sentence_acts(body, language)
        return own or sentence_acts(introducer, language)
    if not body[0].islower():
        return sentence_acts(body, language, party_subject)  # a full sentence of its own
    from communique.extract.predicates_en import governing_phrase

    governing = governing_phrase(_COLON_END.sub("", introducer))
    if governing is None:
        return sentence_acts(body, language, party_subject)
    # "We" stands for the introducer's subject; whether it is a party comes from the actors stage
    return sentence_acts(f"We {governing} {body}", language, party_subject)


def acts(doc: Document) -> None:
    language = doc.info.language or "ja"
    introducer: Sentence | None = None
    previous: Sentence | None = None
    for sentence in doc.sentences:
        same_paragraph = previous is not None and previous.paragraph == sentence.paragraph
        if not same_paragraph:
            introducer = None
        elif introducer is not None and previous is not introducer and not _continues(previous, language):
            introducer = None  # the list ended with the previous item
        if introducer is not None:
            sentence.acts = item_acts(introducer.text, sentence.text, language, bool(sentence.actors))
        else:
            sentence.acts = sentence_acts(sentence.text, language, bool(sentence.actors))
            if is_introducer(sentence.text, language):
                introducer = sentence
        previous = sentence


def _continues(item: Sentence, language: str) -> bool:
    """An item that another item follows: English items end with ``;`` / ``; and`` (the last with a
    full stop); Japanese items have no predicate-ending 。 rule, so every item continues the list."""
    return _is_japanese(item.text, language) or bool(_ITEM_CONTINUES.search(item.text))
