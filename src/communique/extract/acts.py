"""Stage ``acts``: the speech acts of each sentence's main predicates (see ANNOTATION.md).

Japanese sentences go through SudachiPy morphology (:mod:`.predicates_ja`), English ones
through verb-phrase cues (:mod:`.predicates_en`). Both read their cue words from
``data/cues.<language>.yaml``.
"""

from __future__ import annotations

from communique.model import Document


def sentence_acts(text: str, language: str, party_subject: bool | None = None) -> list[str]:
    """The acts of one sentence, in the order of ``model.ACTS``; never raises on odd text.

    ``party_subject`` (English): False when the sentence has no party actor, which makes ``will``
    a report; None when unknown.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if language == "ja" or (language not in ("en",) and _mostly_japanese(text)):
        from communique.extract.predicates_ja import sentence_acts as ja_acts

        return ja_acts(text)
    from communique.extract.predicates_en import sentence_acts as en_acts

    return en_acts(text, party_subject)


def _mostly_japanese(text: str) -> bool:
    kana_kanji = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
    return kana_kanji * 2 > len(text.strip())


def acts(doc: Document) -> None:
    language = doc.info.language or "ja"
    for sentence in doc.sentences:
        sentence.acts = sentence_acts(sentence.text, language, bool(sentence.actors))
