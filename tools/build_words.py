"""Derive rectify_rules/data/words.txt.gz: the word list FMT001 uses to tell a doubled character
typed by mistake ("认真真贯彻") from two words that meet at the same character ("学习习近平").

Source (recorded in rectify_rules/data/README.md): ``jieba/dict.txt`` of the PyPI package jieba
0.42.1 (MIT, see rectify_rules/data/words.LICENSE), one ``word frequency tag`` a line. Get it with
``pip download --no-deps jieba==0.42.1 -d /tmp/jieba && tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C
/tmp/jieba`` and pass the path of ``dict.txt``.

Kept: words of two to four Chinese characters (U+4E00–U+9FFF only) seen at least ``MIN_FREQ``
times in jieba's corpus, plus the few genre words of ``EXTRA`` (习近平, 巡察组, 中心组 …), sorted, one a line, gzip-compressed with a fixed timestamp (the same
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
#: words of the genre the dictionary lacks or holds below MIN_FREQ (added by hand)
EXTRA = ("习近平 巡察组 巡视组 巡察办 巡视办 中心组 党工委 纪工委 管委会 三会一课 主题教育 立行立改 "
         "整改台账 问题清单 责任清单 任务清单").split()
_WORD = re.compile("[\u4e00-\u9fff]{2,4}")


def build(dict_path: Path) -> bytes:
    words = set()
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and _WORD.fullmatch(parts[0]) and int(parts[1]) >= MIN_FREQ:
            words.add(parts[0])
    words.update(w for w in EXTRA if _WORD.fullmatch(w))
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
