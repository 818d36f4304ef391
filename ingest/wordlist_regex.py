"""Word lists as regular expressions that Python's engine scans quickly.

`re` tries the alternatives of "raise|raised|raises|..." one by one at every position. The same words as a
prefix tree, "rais(?:e[ds]?|ing)", share their common start and rule out most positions at the first
character. Matches are those of the longest-first alternation: at one position every matching word is a
prefix of the next, and the tree tries the longer continuation before stopping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]
_END = ""


def word_alternation(words: Iterable[str]) -> str:
    """A non-capturing group matching any of `words`, preferring the longest (like a longest-first "a|b|c")."""
    trie: _Trie = {}
    for word in {w for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not trie:
        return "(?!)"  # no words: match nothing
    return f"(?:{_emit(trie)})"


def _emit(node: _Trie) -> str:
    leaves = sorted(ch for ch, child in node.items() if ch != _END and list(child) == [_END])
    inner = sorted(ch for ch, child in node.items() if ch != _END and list(child) != [_END])
    branches = [re.escape(ch) + _emit(node[ch]) for ch in inner]
    if len(leaves) == 1:
        branches.append(re.escape(leaves[0]))
    elif leaves:
        branches.append("[" + "".join(_class_char(ch) for ch in leaves) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return body + "?" if _single_unit(body) else f"(?:{body})?"
    return body


def _class_char(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch


def _single_unit(body: str) -> bool:
    """True when `body` is one character or one class, so "?" applies to all of it."""
    return len(body) == 1 or (body.startswith("[") and body.endswith("]") and body.count("[") == 1) or \
        (len(body) == 2 and body[0] == "\\")
