"""Named check of FMT001: a character or a two-character word written twice by accident.

Chinese doubles a character across a word boundary all the time (学习习近平, 工作作风, 全部部署,
工会会费, 中心组组织), so a doubled character alone proves nothing. It is reported when:

1. it is a particle, the copula or a preposition written twice (二是是, 的的, 了了, 在在), or an
   office written twice before such a word (党群工作部部将按照 → 工作部将按照; 财政局局长 and
   巡察组组长 stay fine);
2. the words around it say so (认真真贯彻, 健全制制度, 进一步步推进): a word ends at the first
   character and another word starts after the second, while no word starts at the second
   (认真 | 真 | 贯彻: "真贯" is no word) — or the mirror case (健全 | 制 | 制度: "全制" is no
   word). The word list is derived from jieba's dictionary (``data/words.txt.gz``, see
   ``tools/build_words.py``) and read once, on the first doubled character that needs it.
   A character that is a word on its own (对, 任, 把, 将 …) is never judged this way: "针对对
   自身职责理解有偏差的问题" and "主任任组长" are right;
3. a two-character word is written twice (整改整改).

The allowlist ``data/reduplications.txt`` (层层, 认认真真, 家家户户, 一步步 …) keeps legitimate
reduplications quiet; its ``!`` entries are known slips that contain an allowlisted form
("!进一步步" inside which 一步步 is right) and are reported whatever covers them.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..findings import Fix
from ..model import Span
from . import CheckContext, Hit, register
from .counts import provides

_DATA = Path(__file__).resolve().parent.parent / "data"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

#: AA (二是是, 的的) and ABAB (整改整改) in CJK text
_DOUBLE = re.compile(f"([{_CJK}])(?:([{_CJK}])\\1\\2|\\1)")  # ABAB tried before AA
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两廿")
_FUNCTION = frozenset("是的了在和与将也都还又再为被于")
_OFFICE_UNITS = frozenset("局处科股部所站院队组校厂社会室委办")
_AFTER_OFFICE = frozenset("将要已正在于对把按及和与的是也都还又再共向从由并")
#: characters that are words on their own in notices — prepositions, verbs, adverbs, measure
#: words: doubled, they are two words meeting ("针对对…的问题", "主任任组长", "反对对…的侵害")
_FREE = frozenset(
    "对任把将向从由为是有要以按让给比被用于在和与及等跟同往朝经因凭据照靠替叫使令派请作做当"
    "管抓促带定看说讲听学查改建办到去来上下出入进回过起开只也都还又再就才更最很太已不没未无非"
    "可能会应该须需得各每某本此其之所而并且或但则即便乃均共总约近达超逾仅全多少了着的地个次项"
    "名人件条处家户年月日天")
#: administrative levels end place names the word list lacks (龙泉市市场监督管理局, 泾县县委)
_PLACE_UNITS = frozenset("省市县区州盟旗乡镇村街")
_WORD_MIN, _WORD_MAX = 2, 4


@lru_cache(maxsize=1)
def _allowlist() -> tuple[dict[str, tuple[tuple[str, int], ...]], dict[str, tuple[tuple[str, int], ...]]]:
    """(allowed, slips): each indexed by the doubled unit an entry contains: "实实" →
    (("实实在在", 0),). Entries written "!…" are known slips."""
    allowed: dict[str, list[tuple[str, int]]] = {}
    slips: dict[str, list[tuple[str, int]]] = {}
    text = (_DATA / "reduplications.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        for word in line.split("#", 1)[0].split():
            index = slips if word.startswith("!") else allowed
            word = word.lstrip("!")
            for m in _DOUBLE.finditer(word):
                index.setdefault(m.group(0), []).append((word, m.start()))
            for i in range(len(word) - 1):  # overlapping AA inside ABAB-looking words too
                if word[i] == word[i + 1]:
                    key = word[i:i + 2]
                    if (word, i) not in index.get(key, []):
                        index.setdefault(key, []).append((word, i))
    return ({k: tuple(v) for k, v in allowed.items()}, {k: tuple(v) for k, v in slips.items()})


def reduplications() -> dict[str, tuple[tuple[str, int], ...]]:
    """The allowlist, indexed by each doubled unit it contains: "实实" → (("实实在在", 0),)."""
    return _allowlist()[0]


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """The words of two to four characters (``data/words.txt.gz``), read once."""
    data = gzip.decompress((_DATA / "words.txt.gz").read_bytes()).decode("utf-8")
    return frozenset(data.split())


def _covered(index: dict, norm: str, start: int, end: int) -> bool:
    """Whether an entry of *index* covers norm[start:end] in the text."""
    for word, offset in index.get(norm[start:end], ()):
        s = start - offset
        if s >= 0 and norm.startswith(word, s):
            return True
    return False


def _word_ends(norm: str, i: int, lexicon: frozenset[str]) -> bool:
    """Whether a word of the lexicon ends with norm[i] (its last character)."""
    return any(norm[j:i + 1] in lexicon for j in range(max(0, i + 1 - _WORD_MAX), i + 2 - _WORD_MIN))


def _word_starts(norm: str, i: int, lexicon: frozenset[str]) -> bool:
    """Whether a word of the lexicon starts at norm[i]."""
    return any(norm[i:k] in lexicon for k in range(i + _WORD_MIN, min(len(norm), i + _WORD_MAX) + 1))


def _between_words(norm: str, i: int) -> bool:
    """Rule 2 of the module doc for the double norm[i:i+2]."""
    ch = norm[i]
    if ch in _FREE or ch in _OFFICE_UNITS or ch in _PLACE_UNITS:  # 巡察组组长, 龙泉市市场: names
        return False
    lexicon = words()
    if _word_ends(norm, i, lexicon) and not _word_starts(norm, i + 1, lexicon):
        return _word_starts(norm, i + 2, lexicon)  # 认真 | 真 | 贯彻
    if _word_starts(norm, i + 1, lexicon) and not _word_ends(norm, i, lexicon):
        return _word_ends(norm, i - 1, lexicon)  # 健全 | 制 | 制度
    return False


def _suspicious(norm: str, start: int, end: int) -> bool:
    """Whether the double at norm[start:end] looks like a slip rather than a word boundary."""
    allowed, slips = _allowlist()
    if slips and _covered(slips, norm, start, end):
        return True
    pair = norm[start:end]
    unit = pair[: len(pair) // 2]
    if unit[0] in _NUMERALS:  # 二〇二二, 一一, 一个一个
        return False
    if _covered(allowed, norm, start, end):
        return False
    if len(unit) == 2:
        if unit[0] == unit[1]:  # 哈哈哈哈: judge it as the AA it repeats
            return _suspicious(norm, start, start + 2)
        return True
    if unit in _FUNCTION:
        return True
    if unit in _OFFICE_UNITS and end < len(norm) and norm[end] in _AFTER_OFFICE:
        return True
    return _between_words(norm, start)


#: bytes.translate table: a high byte 0 (ASCII, Latin-1: never CJK) → 1, any other → 0
_LOW_PLANE = bytes([1] + [0] * 255)


def _double_places(norm: str) -> list[int]:
    """The offsets where an AA or an ABAB of characters outside ASCII and Latin-1 may start,
    in order (a superset of where :data:`_DOUBLE` matches; each is tried there).

    Why so shaped: the engine would enter _DOUBLE's groups at every CJK character (~30 ns
    each, ~9,000 a notice) for the ~10 doubles of a notice. Here the characters are compared
    with their neighbours all at once, in C: the low and the high byte of every character
    (UTF-32, bytes 0 and 1) become two big integers with a byte a character, and XOR with the
    integer shifted by one character (by two for ABAB) leaves a zero byte where the bytes
    agree. A character whose high byte is 0 is marked (a 1 OR-ed in), so the runs of spaces,
    blank lines and digits are no places. Equal characters always leave a zero, so no double
    is missed; the rare unequal pair that leaves one is rejected by the regex."""
    n = len(norm)
    data = norm.encode("utf-32-le")
    high = data[1::4]
    lo = int.from_bytes(data[0::4], "little")
    hi = int.from_bytes(high, "little")
    marked = int.from_bytes(high.translate(_LOW_PLANE), "little")
    places = []
    aa = (lo ^ (lo >> 8) | hi ^ (hi >> 8) | marked).to_bytes(n, "little")  # byte i: i vs i+1
    i = aa.find(0)
    while i >= 0:
        places.append(i)
        i = aa.find(0, i + 1)
    abab = (lo ^ (lo >> 16) | hi ^ (hi >> 16) | marked).to_bytes(n, "little")  # i vs i+2
    i = abab.find(b"\0\0")
    while i >= 0:
        places.append(i)
        i = abab.find(b"\0\0", i + 1)
    places.sort()
    return places


def doubles(norm: str) -> Iterator[re.Match]:
    """What ``_DOUBLE.finditer(norm)`` gives: _DOUBLE tried at :func:`_double_places` only,
    from the end of the last match on, as the engine's own scan goes on."""
    match = _DOUBLE.match
    done = 0
    for i in _double_places(norm):
        if i >= done:
            m = match(norm, i)
            if m is not None:
                done = m.end()
                yield m


@register("doubled-characters")
@provides("doubled", "unit", "context")
def doubled_characters(ctx: CheckContext) -> Iterator[Hit]:
    """FMT001: a character or two-character word written twice by accident (二是是, 认真真)."""
    norm, orig = ctx.src.norm, ctx.src.original
    for m in doubles(norm):
        s, e = m.span()
        if not _suspicious(norm, s, e):
            continue
        unit = orig[s:s + (e - s) // 2]
        context = orig[max(0, s - 2):e + 2].replace("\n", "")
        yield Hit(Span(s, e), {"doubled": orig[s:e], "unit": unit, "context": context},
                  fix=Fix(unit, Span(s, e), False))
