"""Named checks of the PRV rules: personal data that must not be published in a public notice.

One scan of the normalised text (:func:`_scan`, shared by the three checks and kept for the
last text only) finds the candidates: 18-character numbers shaped like a resident identity
number, mobile numbers, and the labels after which a number is personal (身份证 / 护照 / 卡号 /
账号 / 开户 …). Each check then judges its own:

- PRV001 ``identity-number``: an identity number whose GB 11643-1999 check character is right
  (ISO 7064 MOD 11-2) and whose birth date exists; after a 身份证 label also a 15-digit number of
  the 1989 form or one whose check character is wrong (a typo is still someone's number); after
  a 护照 label a passport-like number (one or two letters and seven or eight digits);
- PRV002 ``bank-account``: the number after 卡号 / 银行卡 / 账号 / 账户 / 开户 (10 to 30 digits), and
  a 16–19 digit number starting with 62 (UnionPay) that passes the Luhn check, unlabelled;
- PRV003 ``private-mobile``: a mobile number right after a person's name ("张某某（139…）"),
  outside the contact lines: a line with a contact cue (联系人 / 联系电话 / 联系方式 / 举报 …),
  or one of the two lines after such a line ("联系方式：" then "王某某 139…"), is the public
  contact block, meant to be published. (``Contact.span`` is not used: it runs from the first
  phone of the text to the last, so a phone in the body would stretch it over the body.)

Every hit carries only the masked number (:func:`rectify_rules.redact.mask`) and puts the
number's place in ``Hit.redact``: the engine masks it in every output (see :mod:`..redact`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from attrs import frozen

from ..findings import Fix
from ..model import Span
from ..redact import mask
from ..text import SourceText
from . import CheckContext, Hit, register
from .counts import provides

_ID18 = (r"[1-8][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
         r"[0-9]{3}[0-9Xx]")
_MOBILE = r"1[3-9][0-9](?:[ -]?[0-9]{4}){2}"
_LABEL = ("公民身份号码|身份证号码|身份证号|身份证|身份号码|护照号码|护照号|护照|银行卡号码|银行卡号|银行卡"
          "|卡号|银行账号|银行账户|银行帐号|银行帐户|账号|账户|帐号|帐户|开户")
#: the one scan: runs of digits long enough to hold a mobile, an identity or a card number,
#: and the labels. Every branch starts with its own character (a digit 1–8 or a label's first
#: character), so the engine jumps from one candidate to the next.
_SCAN = re.compile("|".join([*(f"{d}[0-9Xx \\-]{{10,}}" for d in "12345678"),
                             *_LABEL.split("|")]))
_ID_RE = re.compile(rf"(?<![0-9A-Za-z]){_ID18}(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(rf"(?<![0-9]){_MOBILE}(?![0-9])")
_CARD_RE = re.compile(r"(?<![0-9])62[0-9]{14,17}(?![0-9])")
#: what follows a label before its value: a colon, 为 / 是, a bank's name ("开户行：某某银行某某支行，
#: 账号：…" is read at 账号), blanks
_VALUE = re.compile(r"[^\n0-9A-Za-z。；;]{0,6}?[:：为是]?[ \t]*"
                    r"(?P<v>[0-9A-Za-z](?:[0-9A-Za-z]|[ -](?=[0-9]))*)")
_PASSPORT = re.compile(r"[A-Z]{1,2}[0-9]{7,8}")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


@frozen
class _Candidates:
    ids: tuple[tuple[int, int], ...]
    mobiles: tuple[tuple[int, int], ...]
    cards: tuple[tuple[int, int], ...]
    labels: tuple[tuple[int, int, str], ...]


_LAST: list = [None, None]  # [the norm string, its _Candidates]: one notice at a time


def _scan(src: SourceText) -> _Candidates:
    if _LAST[0] is not src.norm:
        norm = src.norm
        found: dict[str, list] = {"id": [], "mobile": [], "card": [], "label": []}
        for m in _SCAN.finditer(norm):
            s, e = m.span()
            if not norm[s].isdigit():
                found["label"].append((s, e, m.group()))
                continue
            for kind, rx in (("id", _ID_RE), ("mobile", _MOBILE_RE), ("card", _CARD_RE)):
                found[kind] += [x.span() for x in rx.finditer(norm, s, e)]
        _LAST[:] = [norm, _Candidates(*(tuple(found[k]) for k in ("id", "mobile", "card", "label")))]
    return _LAST[1]


def id_check_ok(number: str) -> bool:
    """GB 11643-1999: the 18th character is the ISO 7064 MOD 11-2 check of the first 17."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def _birth_ok(text: str, as_of: _dt.date) -> bool:
    try:
        born = _dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return _dt.date(1890, 1, 1) <= born <= as_of


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _labelled(src: SourceText, kinds: tuple[str, ...]) -> Iterator[tuple[str, int, int, str]]:
    """(label, start, end, value) of the values right after labels starting with *kinds*."""
    norm = src.norm
    for _, e, label in _scan(src).labels:
        if not label.startswith(kinds):
            continue
        m = _VALUE.match(norm, e)
        if m is not None:
            yield label, m.start("v"), m.end("v"), m.group("v")


def _hit(src: SourceText, start: int, end: int, values: dict) -> Hit:
    raw = src.original[start:end]
    masked = mask(raw)
    span = Span(start, end)
    return Hit(span, {"masked": masked, **values}, fix=Fix(masked, span, False), redact=(span,))


@register("identity-number")
@provides("masked", "kind", "how")
def identity_number(ctx: CheckContext) -> Iterator[Hit]:
    """PRV001: a resident identity number or a passport-like number in a public notice."""
    src, as_of = ctx.src, ctx.as_of
    norm = src.norm
    seen: set[int] = set()
    for s, e in _scan(src).ids:
        number = norm[s:e]
        if id_check_ok(number) and _birth_ok(number[6:14], as_of):
            seen.add(s)
            yield _hit(src, s, e, {"kind": "居民身份证号码", "how": "出生日期和校验码均符合 GB 11643-1999"})
    for label, s, e, value in _labelled(src, ("身份", "公民身份", "护照")):
        if s in seen:
            continue
        if label.startswith("护照"):
            if _PASSPORT.fullmatch(value):
                yield _hit(src, s, e, {"kind": "护照号码", "how": f"写在“{label}”之后"})
            continue
        v = value.upper()
        if (len(v) == 18 and v[:17].isdigit() and v[17] in "0123456789X" and _birth_ok(v[6:14], as_of)) \
                or (len(v) == 15 and v.isdigit() and _birth_ok("19" + v[6:12], as_of)):
            seen.add(s)
            yield _hit(src, s, e, {"kind": "居民身份证号码", "how": f"写在“{label}”之后"})


@register("bank-account")
@provides("masked", "kind", "how")
def bank_account(ctx: CheckContext) -> Iterator[Hit]:
    """PRV002: a bank card or account number in a public notice."""
    src = ctx.src
    cands = _scan(src)
    ids = {s for s, _ in cands.ids}
    seen: set[int] = set()
    for label, s, e, value in _labelled(src, ("银行卡", "卡号", "账", "帐", "银行", "开户")):
        digits = value.replace(" ", "").replace("-", "")
        if not digits.isdigit() or not 10 <= len(digits) <= 30 or s in ids:
            continue
        card = 16 <= len(digits) <= 19 and luhn_ok(digits)
        kind = "银行卡号" if card or "卡" in label else "银行账号"
        seen.add(s)
        yield _hit(src, s, e, {"kind": kind, "how": f"写在“{label}”之后"
                               + ("，且通过 Luhn 校验" if card else "")})
    for s, e in cands.cards:
        if s in seen or s in ids or not luhn_ok(src.norm[s:e]):
            continue
        yield _hit(src, s, e, {"kind": "银行卡号", "how": "62开头的银联卡号，且通过 Luhn 校验"})


# ---- PRV003 ---------------------------------------------------------------------------------

#: common surnames (and 某, as in 张某某): a name is a surname and one or two characters
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
             "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
             "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
             "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
             "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
             "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
_NAME_BEFORE = re.compile(
    rf"(?P<name>(?:欧阳|司马|诸葛|上官|东方|[{_SURNAMES}])[\u4e00-\u9fff某]{{1,2}}?)"
    r"(?:同志|书记|主任|局长|部长|组长|科长|所长|站长|镇长|乡长|村长|经理|会计|出纳|委员|先生|女士)?"
    r"[ \t]*+[（(：:，,、]?[ \t]*+(?:联系)?(?:电话|手机|手机号码?|电话号码)?[ \t]*+[:：]?[ \t]*+$")
#: characters that end the name of a body, not of a person (党组 + 书记 is no 党某某)
_NOT_IN_NAME = frozenset("组委局办部会室处科院所站队厅省市县区镇乡村司厂校社们的了和与及等")
#: a contact cue in the line or the two lines before: the public contact block
_CONTACT_CUE = re.compile(r"联系人|联系电话|联系方式|举报|监督|咨询|值班|热线|投诉|受理|信访|座机")
_LOOK_BACK = 14
_CUE_LINES = 2


def _contact_lines(norm: str, line_start: int, at: int) -> bool:
    """Whether a contact cue stands before *at* in its line or in the two lines before."""
    start = line_start
    for _ in range(_CUE_LINES):
        if start == 0:
            break
        start = norm.rfind("\n", 0, start - 1) + 1
    return _CONTACT_CUE.search(norm, start, at) is not None


@register("private-mobile")
@provides("masked", "name")
def private_mobile(ctx: CheckContext) -> Iterator[Hit]:
    """PRV003: a mobile number next to a person's name outside the contact block."""
    src = ctx.src
    norm = src.norm
    for s, e in _scan(src).mobiles:
        line_start = norm.rfind("\n", 0, s) + 1
        m = _NAME_BEFORE.search(norm, max(line_start, s - _LOOK_BACK), s)
        if m is None or any(ch in _NOT_IN_NAME for ch in m.group("name")[1:]) \
                or _contact_lines(norm, line_start, s):
            continue
        yield _hit(src, s, e, {"name": src.original[m.start("name"):m.end("name")]})
