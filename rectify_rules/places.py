"""Places: the prefecture an issuer belongs to, and the prefecture a landline area code serves.

Both come from one compact table shipped in ``rectify_rules/data/places.json`` (derived by
``tools/build_places.py``; sources, versions and licences in ``rectify_rules/data/README.md``),
loaded once on first use. Prefectures are keys ``"省/地市"`` (``"四川省/巴中市"``); a key
``"海南省/*"`` stands for a whole province (an area code used province-wide).

Names are matched WITH their unit suffix (通江县, 鲤城区, 抚州市, 凉山州): "鲤城高新区" names no
place, and a name shared by several prefectures (鼓楼区) stays ambiguous unless another name in
the same texts (福州市) settles it. Precision first: when the place is not determined
unambiguously, :func:`issuer_prefecture` returns None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

#: a CJK character: a two-character name ("泾县") needs a boundary before it
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: characters that may stand right before a two-character name: 中共泾县, 宣城市泾县
_BOUNDARY_BEFORE = frozenset("共省市州盟区")
_NON_DIGIT = re.compile(r"\D")


@lru_cache(maxsize=1)
def _table() -> dict:
    # beside this module, as text.py's table (importlib.resources costs ~5 ms to import)
    with open(Path(__file__).resolve().parent / "data" / "places.json", encoding="utf-8") as fh:
        data = json.load(fh)
    names = {n: tuple(keys) for n, keys in data["names"].items()}
    codes = {c: tuple(keys) for c, keys in data["area_codes"].items()}
    longest = max((len(n) for n in names), default=0)
    return {"names": names, "codes": codes, "longest": longest, "source": data["source"]}


def source() -> dict[str, str]:
    """Where the shipped table comes from (package, version, licence, build date)."""
    return dict(_table()["source"])


def display(key: str) -> str:
    """``"四川省/巴中市"`` → ``"四川省巴中市"``; ``"海南省/*"`` → ``"海南省"``."""
    prov, _, city = key.partition("/")
    if city in ("*", prov):
        return prov
    return prov + city


def prefectures_of(name: str) -> tuple[str, ...]:
    """The prefecture keys a place name (with its suffix) belongs to; () when unknown."""
    return _table()["names"].get(name, ())


def find_places(text: str) -> list[tuple[str, int, int, tuple[str, ...]]]:
    """Place names in *text*, leftmost-longest, not overlapping: (name, start, end, keys)."""
    t = _table()
    names, longest = t["names"], t["longest"]
    out = []
    i, n = 0, len(text)
    while i < n:
        for length in range(min(longest, n - i), 1, -1):
            cand = text[i:i + length]
            keys = names.get(cand)
            if keys is None:
                continue
            if length == 2 and i > 0 and _CJK.match(text[i - 1]) and \
                    text[i - 1] not in _BOUNDARY_BEFORE:
                continue
            out.append((cand, i, i + length, keys))
            i += length - 1
            break
        i += 1
    return out


def issuer_prefecture(texts: Iterable[str]) -> str | None:
    """The one prefecture every place named in *texts* agrees on, else None.

    "中共泉州市鲤城区委" → 泉州市 and 鲤城区 → 福建省/泉州市; "中共泾县招商合作服务中心党组" →
    安徽省/宣城市. Names that point at different prefectures, or a name shared by several
    prefectures with nothing to choose between them, give None.
    """
    common: set[str] | None = None
    for text in texts:
        for _, _, _, keys in find_places(text or ""):
            common = set(keys) if common is None else common & set(keys)
            if not common:
                return None
    if common is None or len(common) != 1:
        return None
    return next(iter(common))


def area_code(digits: str) -> str | None:
    """The area code (without its 0) of a national landline number, else None.

    ``"08277320666"`` → ``"827"``; ``"01012345678"`` → ``"10"``; a leading 86 / 0086 country
    code is dropped; mobiles (1…) and numbers without a leading 0 give None.
    """
    d = _NON_DIGIT.sub("", digits)
    for cc in ("0086", "86"):
        if d.startswith(cc) and len(d) - len(cc) >= 9:
            rest = d[len(cc):]
            d = rest if rest.startswith("0") else "0" + rest
            break
    if not d.startswith("0") or len(d) < 10 or len(d) > 12:
        return None
    if d[1] in "12":
        code = d[1:3]
    else:
        code = d[1:4]
    return code if code in _table()["codes"] else None


def area_code_regions(code: str) -> tuple[str, ...]:
    """The prefecture keys an area code serves (several for a shared code); () when unknown."""
    return _table()["codes"].get(code, ())


def serves(regions: Iterable[str], prefecture: str) -> bool:
    """Whether an area code serving *regions* covers *prefecture* (a province-wide key counts)."""
    prov = prefecture.partition("/")[0]
    return any(r == prefecture or r == f"{prov}/*" for r in regions)
