"""Japanese morphology with SudachiPy: one tokenizer per process, loaded on first use.

The dictionary (SudachiDict-core) ships inside its PyPI package, so nothing is
downloaded at run time. Mode C keeps compounds such as 国際協力機構 whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Morpheme:
    surface: str
    lemma: str  # dictionary form
    pos: tuple[str, ...]  # part of speech, e.g. ("動詞", "一般", "*", "*", "下一段-カ行", "連用形-一般")
    begin: int  # character offsets in the text
    end: int

    @property
    def conjugation(self) -> str:
        return self.pos[5] if len(self.pos) > 5 else "*"


@cache
def _tokenizer() -> Any:
    from sudachipy import dictionary

    return dictionary.Dictionary(dict="core").create()


def tokenize(text: str, mode: str = "C") -> list[Morpheme]:
    """Split Japanese ``text`` into morphemes (mode ``A`` short, ``B`` middle, ``C`` long units).

    Several stages (actors, acts) read the same sentence; the result is cached per text.
    """
    return list(_tokenize_cached(text, mode))


@lru_cache(maxsize=2048)
def _tokenize_cached(text: str, mode: str) -> tuple[Morpheme, ...]:
    from sudachipy import tokenizer

    split = {"A": tokenizer.Tokenizer.SplitMode.A, "B": tokenizer.Tokenizer.SplitMode.B}.get(
        mode, tokenizer.Tokenizer.SplitMode.C
    )
    # Sudachi refuses inputs over ~49,000 bytes; statements' sentences are far shorter, but
    # hostile input is not, so long text is tokenized in slices at safe points.
    out: list[Morpheme] = []
    offset = 0
    for chunk in _chunks(text, 4000):
        for m in _tokenizer().tokenize(chunk, split):
            out.append(
                Morpheme(m.surface(), m.dictionary_form(), tuple(m.part_of_speech()), offset + m.begin(), offset + m.end())
            )
        offset += len(chunk)
    return tuple(out)


def _chunks(text: str, size: int) -> list[str]:
    if len(text) <= size:
        return [text]
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind(c, start, end) for c in "。、 \n")
            if cut > start:
                end = cut + 1
        chunks.append(text[start:end])
        start = end
    return chunks
