"""Word's automatic list numbering, rendered as Word displays it (see :mod:`rectify_rules.docx`).

:class:`Numberer` counts the numbered paragraphs of a document in order (``w:numPr`` of the
paragraph or its style, ``w:num`` → ``w:abstractNum``, overrides, restarts) and renders each
marker from its level's ``w:lvlText`` with every %n in its level's format
(:func:`format_number`: decimal, Chinese counting, legal, zodiac, Roman, enclosed …).
Counters and patterns are bounded (docs/limits.md).
"""

from __future__ import annotations

from . import limits as L

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"


def _int(el, default: int | None = None) -> int | None:
    if el is None:
        return default
    raw = el.get(_VAL)
    if raw is None or len(raw) > 12:  # no list number or level has more digits
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        return default


class Level:
    """One list level: start, format, text pattern, suffix, restart rule."""

    __slots__ = ("start", "fmt", "text", "suff", "restart", "legal", "style")

    def __init__(self, lvl) -> None:
        self.start = _int(lvl.find(W + "start"), 1)
        fmt = lvl.find(W + "numFmt")
        self.fmt = fmt.get(_VAL, "decimal") if fmt is not None else "decimal"
        text = lvl.find(W + "lvlText")
        self.text = text.get(_VAL, "")[:L.DOCX_MAX_LEVEL_TEXT] if text is not None else ""
        suff = lvl.find(W + "suff")
        self.suff = {"space": " ", "nothing": ""}.get(
            suff.get(_VAL) if suff is not None else "tab", "\t")
        self.restart = _int(lvl.find(W + "lvlRestart"))
        legal = lvl.find(W + "isLgl")
        self.legal = legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off")
        style = lvl.find(W + "pStyle")
        self.style = style.get(_VAL) if style is not None else None


class Numberer:
    """Counts numbered paragraphs in document order and renders their markers."""

    def __init__(self, numbering, styles) -> None:
        self._abstract: dict[str, object] = {}
        self._nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self._styles: dict[str, object] = {}
        self._default_style: str | None = None
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        self._style_nums: dict[str | None, tuple[str | None, int | None]] = {}
        if styles is not None:
            for st in styles.iter(W + "style"):
                if st.get(W + "type", "paragraph") == "paragraph":
                    self._styles[st.get(W + "styleId", "")] = st
                    if st.get(W + "default") in ("1", "true", "on"):
                        self._default_style = st.get(W + "styleId")
        if numbering is not None:
            for ab in numbering.iter(W + "abstractNum"):
                self._abstract[ab.get(W + "abstractNumId", "")] = ab
            elements = {num.get(W + "numId", ""): num for num in numbering.iter(W + "num")}
            for num in elements.values():
                self._add_num(num, elements)

    def _add_num(self, num, elements: dict) -> None:
        ab_id = num.find(W + "abstractNumId")
        ab_id = ab_id.get(_VAL) if ab_id is not None else None
        ab = self._abstract.get(ab_id)
        link = ab.find(W + "numStyleLink") if ab is not None else None
        if link is not None:  # the list is defined by the num of a numbering style
            target = elements.get(self._style_num(link.get(_VAL))[0])
            target_ab = _val(target.find(W + "abstractNumId")) if target is not None else None
            if target_ab in self._abstract:
                ab_id, ab = target_ab, self._abstract[target_ab]
        levels: dict[int, Level] = {}
        if ab is not None:
            for lvl in ab.iter(W + "lvl"):
                levels[_int_attr(lvl, W + "ilvl")] = Level(lvl)
        overrides: dict[int, int] = {}
        for ov in num.iter(W + "lvlOverride"):
            ilvl = _int_attr(ov, W + "ilvl")
            lvl = ov.find(W + "lvl")
            if lvl is not None:  # a redefined level starts afresh, like a startOverride
                levels[ilvl] = Level(lvl)
                overrides[ilvl] = levels[ilvl].start
            start = _int(ov.find(W + "startOverride"))
            if start is not None:
                overrides[ilvl] = start
                if ilvl in levels:
                    levels[ilvl] = _with_start(levels[ilvl], start)
        self._nums[num.get(W + "numId", "")] = (ab_id or "", levels, overrides)

    def _style_num(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following ``basedOn`` (once per style: a
        chain of thousands of styles must not be walked again for every paragraph)."""
        if style_id not in self._style_nums:
            self._style_nums[style_id] = self._style_chain(style_id)
        return self._style_nums[style_id]

    def _style_chain(self, style_id: str | None) -> tuple[str | None, int | None]:
        num_id = ilvl = None
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            st = self._styles[style_id]
            numpr = st.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                if num_id is None:
                    num_id = _val(numpr.find(W + "numId"))
                if ilvl is None:
                    ilvl = _int(numpr.find(W + "ilvl"))
            based = st.find(W + "basedOn")
            style_id = based.get(_VAL) if based is not None else None
        return num_id, ilvl

    def marker(self, p) -> str:
        """The rendered number of paragraph *p* ("一、", "（二）", "1.\t"), or ""."""
        try:
            return self._marker(p)
        except (KeyError, IndexError, ValueError, TypeError):  # inconsistent numbering.xml
            return ""

    def _marker(self, p) -> str:
        if not self._nums:
            return ""
        ppr = p.find(W + "pPr")
        style_id = self._default_style
        num_id = ilvl = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            if ps is not None:
                style_id = ps.get(_VAL)
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num_id = _val(numpr.find(W + "numId"))
                ilvl = _int(numpr.find(W + "ilvl"))
        if num_id is None or ilvl is None:
            s_num, s_ilvl = self._style_num(style_id)
            num_id = s_num if num_id is None else num_id
            if ilvl is None:
                ilvl = s_ilvl
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return ""
        ab_id, levels, overrides = self._nums[num_id]
        if ilvl is None:
            ilvl = next((k for k, lv in levels.items() if lv.style == style_id), 0)
        ilvl = max(0, min(ilvl, 8))
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(ab_id, [None] * 9)
        if num_id not in self._used:
            self._used.add(num_id)
            for k in overrides:
                if 0 <= k < 9:
                    counters[k] = None
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for k in range(ilvl + 1, 9):
            deeper = levels.get(k)
            restart = deeper.restart if deeper is not None and deeper.restart is not None else k
            if ilvl < restart:
                counters[k] = None
        if level.fmt == "bullet":
            return ""
        return self._render(level, levels, counters) + level.suff

    @staticmethod
    def _render(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
        out: list[str] = []
        text = level.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                k = int(text[i + 1]) - 1
                lv = levels.get(k)
                value = counters[k]
                if value is None:
                    value = lv.start if lv is not None else 1
                fmt = "decimal" if level.legal or lv is None else lv.fmt
                out.append(format_number(value, fmt))
                i += 2
            else:
                out.append(ch)
                i += 1
        return "".join(out)


def _with_start(level: Level, start: int) -> Level:
    copy = Level.__new__(Level)
    for slot in Level.__slots__:
        setattr(copy, slot, getattr(level, slot))
    copy.start = start
    return copy


def _val(el) -> str | None:
    return el.get(_VAL) if el is not None else None


def _int_attr(el, attr: str) -> int:
    raw = el.get(attr, "0")
    try:
        return int(raw) if len(raw) <= 12 else 0
    except ValueError:
        return 0


# ---------------------------------------------------------------------------------------------
# number formats (w:numFmt)

_CN_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _enclosed(n: int) -> str | None:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)      # ① … ⑳
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)     # ㉑ … ㉟
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)     # ㊱ … ㊿
    return None


def _positional(n: int, digits: str, units: str, ten_alone: bool, one_before_unit: bool) -> str:
    """n < 10000 with units 十百千 (or 拾佰仟): 一百零一, 十一 / 壹拾壹."""
    parts: list[str] = []
    zero = False
    for power in (3, 2, 1, 0):
        d = n // 10 ** power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero and one_before_unit:        # a gap: 一百零一, 壹佰零壹 (Japanese: 百一)
            parts.append("零" if digits[0] == "〇" else digits[0])
        zero = False
        unit = units[power - 1] if power else ""
        if power and d == 1 and (not one_before_unit or (ten_alone and power == 1 and not parts)):
            parts.append(unit)
        else:
            parts.append(digits[d] + unit)
    return "".join(parts) or digits[0]


def _thousand(n: int, digits: str, units: str, ten_alone: bool, one_before_unit: bool) -> str:
    if n < 10000:
        return _positional(n, digits, units, ten_alone, one_before_unit)
    high, low = divmod(n, 10000)
    head = _thousand(high, digits, units, ten_alone, one_before_unit) + "万"
    if low == 0:
        return head
    zero = ("零" if digits[0] == "〇" else digits[0]) if low < 1000 and one_before_unit else ""
    return head + zero + _positional(low, digits, units, False, one_before_unit)


def format_number(n: int, fmt: str) -> str:
    """*n* in Word number format *fmt* (unknown formats and out-of-range values → decimal)."""
    if n < 0 or n > L.DOCX_MAX_LIST_VALUE:  # no list counts that far: digits, never AAAA…
        return str(n)
    if fmt == "chineseCounting":
        if n < 100:
            return _positional(n, _CN_DIGITS, "十百千", True, True)
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseCountingThousand":
        return _thousand(n, _CN_DIGITS, "十百千", True, True)
    if fmt == "chineseLegalSimplified":
        return _thousand(n, _LEGAL_DIGITS, "拾佰仟", False, True)
    if fmt == "japaneseCounting":
        return _thousand(n, _CN_DIGITS, "十百千", True, False)
    if fmt == "ideographDigital":
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac"):
        names = _TIANGAN if fmt == "ideographTraditional" else _DIZHI
        return names[n - 1] if 1 <= n <= len(names) else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        if n < 1:
            return str(n)
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        if not 1 <= n < 4000:
            return str(n)
        out, rest = [], n
        for value, sym in _ROMAN:
            while rest >= value:
                out.append(sym)
                rest -= value
        roman = "".join(out)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n) or str(n)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)          # ⒈ … ⒛
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)          # ⑴ … ⒇
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)
