"""Regex helpers shared by the gazetteers (countries, organizations)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def trie_pattern(words: Iterable[str], *, flexible_space: bool = False) -> str:
    """One regex alternation for many literal words, shaped as a trie.

    Python's ``re`` tries the branches of a flat alternation one by one at every position; a
    trie tries one character. Greedy, so the longest word wins at a position. With
    ``flexible_space`` a space in a word matches any run of white space (wrapped names).
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if flexible_space and ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        if "" in node:  # a word may stop here; the greedy ? prefers the longer one
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)
