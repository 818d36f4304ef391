"""Word lists as regular expressions that Python's engine scans quickly.

`re` tries the alternatives of "raise|raised|raises|..." one by one at every position. The same words as a
prefix tree, "rais(?:e[ds]?|ing)", share their common start and rule out most positions at the first
character. Matches are those of the longest-first alternation: at one position every matching word is a
prefix of the next, and the tree tries the longer continuation before stopping.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_END = ""  # key of a word's end in a tree node; its value is the guard regex after that word


def word_alternation(words: Iterable[str], guard: Callable[[str], str] | None = None) -> str:
    """A non-capturing group matching any of `words`, preferring the longest (like a longest-first "a|b|c").

    `guard(word)`: a zero-width regex that must hold after that word (e.g. "(?![A-Za-z])"), or "".
    """
    trie: dict[str, dict] = {}
    for word in sorted({w for w in words if w}):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = guard(word) if guard else ""  # type: ignore[assignment]
    if not trie:
        return "(?!)"  # no words: match nothing
    return f"(?:{_emit(trie)})"


def _emit(node: dict) -> str:
    plain_leaves = sorted(ch for ch, child in node.items() if ch != _END and list(child) == [_END] and child[_END] == "")
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items())
                if ch != _END and ch not in plain_leaves]
    if len(plain_leaves) == 1:
        branches.append(re.escape(plain_leaves[0]))
    elif plain_leaves:
        branches.append("[" + "".join(_class_char(ch) for ch in plain_leaves) + "]")
    end = node.get(_END)
    if not branches:
        return end or ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end is None:
        return body
    if end:
        return f"(?:{body}|{end})"  # a longer word first, else this one where its guard holds
    return body + "?" if _single_unit(body) else f"(?:{body})?"


def _class_char(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch


def _single_unit(body: str) -> bool:
    """True when `body` is one character or one class, so "?" applies to all of it."""
    return len(body) == 1 or (body.startswith("[") and body.endswith("]") and body.count("[") == 1) or \
        (len(body) == 2 and body[0] == "\\")
