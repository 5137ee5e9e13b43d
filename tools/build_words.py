"""Derive rectify_rules/data/words.txt.gz: the word list FMT001 uses to tell a doubled character
typed by mistake ("认真真贯彻") from two words that meet at the same character ("学习习近平").

Source (recorded in rectify_rules/data/README.md): ``jieba/dict.txt`` of the PyPI package jieba
0.42.1 (MIT, see rectify_rules/data/words.LICENSE), one ``word frequency tag`` a line. Get it with
``pip download --no-deps jieba==0.42.1 -d /tmp/jieba && tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C
/tmp/jieba`` and pass the path of ``dict.txt``.

Kept: words of two to four Chinese characters (U+4E00–U+9FFF only) seen at least ``MIN_FREQ``
times in jieba's corpus, sorted, one a line, gzip-compressed with a fixed timestamp (the same
input gives the same bytes). Frequencies are not kept: the check asks only "is this a word".

Usage: ``python tools/build_words.py /tmp/jieba/jieba-0.42.1/jieba/dict.txt [out.txt.gz]``
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "rectify_rules" / "data" / "words.txt.gz"
MIN_FREQ = 10
_WORD = re.compile("[\u4e00-\u9fff]{2,4}")


def build(dict_path: Path) -> bytes:
    words = set()
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and _WORD.fullmatch(parts[0]) and int(parts[1]) >= MIN_FREQ:
            words.add(parts[0])
    text = "".join(w + "\n" for w in sorted(words)).encode("utf-8")
    return gzip.compress(text, compresslevel=9, mtime=0)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    out = Path(argv[1]) if len(argv) > 1 else OUT
    data = build(Path(argv[0]))
    out.write_bytes(data)
    print(f"{out}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
