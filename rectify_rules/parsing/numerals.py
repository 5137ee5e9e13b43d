"""Chinese and Arabic numerals → int.

Handles 〇一二三四五六七八九十百千万 with 两/兩/廿/卅/零, digit-by-digit years (二〇二一),
full-width digits, and mixed forms ("1万"). Returns None for what is not a number, and for a
numeral longer than any count, year or amount a notice states (:data:`MAX_LEN` characters):
an absurd run of digits is a missing fact, never a huge int (or Python's ValueError past
4 300 digits).
"""

from __future__ import annotations

import re
from functools import lru_cache

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3,
          "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_SPECIAL = {"廿": 20, "卅": 30}
BIG = {"万": 10_000, "亿": 100_000_000}

#: a character class matching any numeral character (for building regexes)
CN_NUM_CHARS = "〇零○一二两兩三四五六七八九十拾百佰千仟万亿廿卅"
NUM_RE = rf"(?:\d+|[{CN_NUM_CHARS}]+)"
_ARABIC = re.compile(r"\d+")
#: 15 digits: every value is exact as a float too; 九千九百九十九万九千九百九十九 is 15 characters
MAX_LEN = 15
_FULL_DIGITS = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}


def _small(s: str) -> int | None:
    """Value of a numeral below 10 000 (no 万/亿)."""
    if not s:
        return 0
    total, digit, seen_unit = 0, None, False
    for ch in s:
        if ch in "零〇○" and seen_unit:
            continue  # 一百零八: the zero only marks a gap
        if ch in DIGITS:
            if digit is not None and not seen_unit:
                return None  # "二三" is not a number here (digit strings go elsewhere)
            digit = DIGITS[ch]
            seen_unit = False
        elif ch in UNITS:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit, seen_unit = None, True
        elif ch in _SPECIAL:
            total += _SPECIAL[ch]
            digit, seen_unit = None, True
        else:
            return None
    if digit is not None:
        total += digit
    return total


def cn_to_int(s: str) -> int | None:
    """Convert a Chinese (or Arabic, or mixed) numeral; None if *s* is not one."""
    if len(s) > _CACHED_LEN:
        return _convert(s)
    return _cached(s)


#: numerals up to this length are remembered (a notice repeats the same few dozen)
_CACHED_LEN = 24


def _convert(s: str) -> int | None:
    s = s.strip()
    if not s or len(s) > MAX_LEN:
        return None
    s = s.translate(_FULL_DIGITS)
    if _ARABIC.fullmatch(s):
        return int(s)
    # digit-by-digit (years, "二〇二一"): only digits, two or more, contains 〇/零 or len ≥ 3
    if len(s) >= 2 and all(ch in DIGITS for ch in s) and "两" not in s:
        return int("".join(str(DIGITS[ch]) for ch in s))
    total, rest = 0, s
    for big_ch in ("亿", "万"):
        if big_ch in rest:
            head, rest = rest.split(big_ch, 1)
            head_val = int(head) if _ARABIC.fullmatch(head) else _small(head)
            if head_val is None:
                return None
            total += (head_val or 1) * BIG[big_ch]
    if rest:
        if _ARABIC.fullmatch(rest):
            total += int(rest)
        else:
            v = _small(rest.lstrip("零〇"))
            if v is None:
                return None
            total += v
    return total


_cached = lru_cache(maxsize=4096)(_convert)
