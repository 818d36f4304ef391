"""Length-preserving normalisation: traditional -> simplified, full-width -> half-width.

Every normalisation here maps one character to one character, so a character offset in the
normalised text is the same offset in the original text: evidence spans need no re-mapping.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import opencc

_DICT_DIR = Path(opencc.__file__).resolve().parent / "dictionary"
# Traditional characters, then Taiwan/Hong Kong variant forms, folded to the simplified standard.
_CHAR_TABLES = ("TSCharacters.txt", "TWVariantsRev.txt", "HKVariantsRev.txt")


def _read_char_pairs(path: Path) -> dict[int, str]:
    pairs: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        source, targets = parts
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            pairs[ord(source)] = target
    return pairs


@lru_cache(maxsize=1)
def translation_table() -> dict[int, str]:
    """Build the one-to-one character table used by `normalize`."""
    table: dict[int, str] = {}
    for name in reversed(_CHAR_TABLES):
        table.update(_read_char_pairs(_DICT_DIR / name))
    # Variants first map to a traditional standard form; chase that to the simplified form.
    for code, target in list(table.items()):
        chased = table.get(ord(target))
        if chased is not None:
            table[code] = chased
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "  # no-break space
    table[0x2019] = "'"  # right single quote, so "Nvidia’s" reads like "Nvidia's"
    table[0x2018] = "'"
    table[0x2013] = "-"  # en dash
    table[0x2014] = "-"  # em dash
    table[0x2212] = "-"  # minus sign
    return table


def normalize(text: str) -> str:
    """Return `text` folded for matching; same length as the input."""
    if text.isascii():  # the table maps no ASCII character: nothing to fold (most English articles)
        return text
    return text.translate(translation_table())


def to_simplified(text: str) -> str:
    """Fold traditional characters to simplified ones (alias of `normalize` for names)."""
    return normalize(text)
