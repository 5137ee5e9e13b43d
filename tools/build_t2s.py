"""Build rectify_rules/data/t2s.txt: the traditional → simplified CHARACTER table of the fold.

The table is OpenCC's own t2s conversion applied to every CJK ideograph one at a time (each
character on its own line, so no phrase rule applies), keeping the characters it changes into
exactly one other character. Shipping the derived table keeps the core install free of the
OpenCC binary and its dictionaries: the fold is one regular-expression scan per notice.

    .venv/bin/pip install opencc && .venv/bin/python tools/build_t2s.py

Output: one line per pair, "繁简", sorted by code point, after a header comment naming the
OpenCC version it was made with.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import opencc

#: the Basic Multilingual Plane's ideographs only: a character class of them compiles to a fast
#: bitmap (one beyond U+FFFF makes the scan linear in the class size), and the 351 supplementary
#: characters OpenCC maps never occur in notices
RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
OUT = Path(__file__).resolve().parent.parent / "rectify_rules" / "data" / "t2s.txt"


def pairs() -> list[tuple[str, str]]:
    chars = [chr(c) for lo, hi in RANGES for c in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars)
    return [(c, s) for c, s in zip(chars, converted) if s != c and len(s) == 1]


def main() -> None:
    table = pairs()
    lines = [f"# traditional → simplified characters, from OpenCC {version('opencc')} t2s "
             f"applied one character at a time (tools/build_t2s.py); {len(table)} pairs"]
    lines += [t + s for t, s in table]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(table)} pairs")


if __name__ == "__main__":
    main()
