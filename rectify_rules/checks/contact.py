"""Named checks of the CON rules: phone, area code, e-mail and postcode of the contact block.

The candidates come from :func:`rectify_rules.parsing.contact.parse_contact` (taken after their
labels); these checks only judge them. phonenumbers' core and email_validator are imported
lazily; the phonenumbers geocoder never is (CON002 uses the shipped table of
:mod:`rectify_rules.places`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from .. import places
from ..engine.fastre import by_start
from ..model import Span
from . import CheckContext, Hit, Shown, register
from .counts import provides

#: national short service numbers (valid without an area code, also dialled after one):
#: 12388 纪检监察举报, 12380 组织部门举报, 12345 政务服务便民热线, 12315 市场监管, 12333 人社,
#: 12366 纳税服务, 12348 法律服务, 12309 检察服务, 12368 法院诉讼服务, 12369 环保举报,
#: 12350 安全生产举报, 12320 卫生健康, 12328 交通运输, 12319 城建, 12358 价格举报,
#: 12365 质量监督, 12331 食品药品投诉, 12339 国家安全举报, 12377 网信举报, 12321 不良信息举报,
#: 12317 乡村振兴(扶贫), 12338 妇女维权, 12355 青少年服务, 12351 职工维权, 12336 自然资源,
#: 12314 水利, 12316 农业农村, 12345 … and the emergency numbers 110 119 120 122
SERVICE_NUMBERS = frozenset(
    "12388 12380 12345 12315 12333 12366 12348 12309 12368 12369 12350 12320 12328 12319 12358 "
    "12365 12331 12339 12377 12321 12317 12338 12355 12351 12336 12314 12316 110 119 120 122"
    .split())
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
_POSTCODE_OK = re.compile(r"\d{6}")
_POSTCODE_LABEL = re.compile(r"(?P<label>(?:邮编|邮政编码)\s*(?:[:：]|为)?)\s*$")


def _is_service(digits: str) -> bool:
    if digits in SERVICE_NUMBERS:
        return True
    # a service number dialled after an area code: 0827-12388
    code = digits[1:3] if digits[1:2] in ("1", "2") else digits[1:4]
    return digits.startswith("0") and digits[1 + len(code):] in SERVICE_NUMBERS


def phone_problem(digits: str) -> str | None:
    """Why a phone (digits, national form) is not a valid Chinese number; None when valid."""
    if _is_service(digits):
        return None
    import phonenumbers

    try:
        num = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return f"共{len(digits)}位数字，不是电话号码的格式"
    if phonenumbers.is_valid_number(num):
        return None
    if digits[0] not in "01" and len(digits) in (7, 8):
        return f"{len(digits)}位本地号码缺少区号"
    if digits.startswith("1"):
        return f"手机号码应为11位，这里是{len(digits)}位" if len(digits) != 11 else "不是已分配的手机号段"
    if digits.startswith("0"):
        return f"区号加号码共{len(digits)}位，位数或号段不符合该区号的固定电话号码"
    return f"共{len(digits)}位数字，不符合中国固定电话或手机号码的号段和位数"


#: a phone label with its colon: what follows it is the number ("联系电话："). The pattern starts
#: with the label's last word, so the engine jumps to 话 / 线 / 机 / 码; the words before it
#: (联系 / 举报 …) are read backwards by :func:`_label_start`
_LABEL_COLON = by_start(re.compile(r"(?:电[ ]{0,3}话|热线|手机|座机)(?:号码)?[ \t]*[:：][ \t]*"))
_LABEL_WORDS = ("联系", "举报", "监督", "咨询", "值班", "投诉", "服务", "受理")


def _label_start(norm: str, at: int) -> int:
    """Where a phone label whose last word starts at *at* begins (联系电话 begins at 联)."""
    return at - 2 if norm[max(0, at - 2):at] in _LABEL_WORDS else at


#: what a cut number is made of: a few digits and separators ("0827-")
_STUB = re.compile(r"[0-9()\-—– ]*")
#: where a value after a label ends: the end of the text or line, a clause mark, the next label
_VALUE_END = re.compile(r"$|\n|[;；,，。、]|(?:电子)?(?:邮箱|信箱)|邮编|邮政编码|地址|传真|(?i:e-?mail)")


def _unfilled(ctx: CheckContext) -> Iterator[Hit]:
    """Phone labels followed by nothing ("联系电话：") or by a cut number ("电话：0827-")."""
    norm, orig = ctx.src.norm, ctx.src.original
    starts = sorted(p.span.start for p in ctx.notice.contact.phones)
    for m in _LABEL_COLON.finditer(norm):
        pos = m.end()
        blank = len(norm[pos:pos + 40]) - len(norm[pos:pos + 40].lstrip())
        i = bisect_left(starts, pos)
        if i < len(starts) and starts[i] <= pos + blank:
            continue  # a number follows (on this line or the next)
        stub = _STUB.match(norm, pos)
        value_end = pos + len(stub.group().rstrip())
        if not _VALUE_END.match(norm, stub.end()):
            continue  # text follows ("电话：见附件"): not a number at all
        digits = sum(ch.isdigit() for ch in norm[pos:value_end])
        if digits == 0:
            start = _label_start(norm, m.start())
            label = orig[start:m.end()].rstrip(" \t:：")
            yield Hit(Span(start, m.end()), {"phone": Shown("", ""), "reason": f"“{label}”后没有填写号码"})
        elif digits < 5:
            text = orig[pos:value_end]
            yield Hit(Span(pos, value_end), {"phone": Shown(text, f"“{text}”"),
                                             "reason": f"只有{digits}位数字，号码不完整"})


@register("phone-valid")
@provides("phone", "reason")
def phone_valid(ctx: CheckContext) -> Iterator[Hit]:
    """CON001: a published phone number that cannot be dialled in China, or a phone label left
    empty or with a cut number."""
    for p in ctx.notice.contact.phones:
        reason = phone_problem(p.number)
        if reason is not None:
            yield Hit(p.span, {"phone": Shown(p.text, f"“{p.text}”"), "reason": reason})
    yield from _unfilled(ctx)


@register("area-code-region")
@provides("phone", "code", "code_region", "place", "region")
def area_code_region(ctx: CheckContext) -> Iterator[Hit]:
    """CON002: a landline whose area code serves another prefecture than the issuer's place."""
    n = ctx.notice
    # the landlines whose area code has a region, first: a notice with none of them (or with
    # no phone) needs no place names looked up at all
    coded = []
    for p in n.contact.phones:
        code = places.area_code(p.number)
        if code is None or _is_service(p.number):
            continue
        regions = places.area_code_regions(code)
        if regions:
            coded.append((p, code, regions))
    if not coded:
        return
    texts = [f.text for f in (n.issuer, n.title, n.signature.issuer) if f is not None]
    prefecture = places.issuer_prefecture(texts)
    if prefecture is None:
        return
    named = None  # the issuer's place as written: looked up for a finding only
    for p, code, regions in coded:
        if places.serves(regions, prefecture):
            continue
        if named is None:
            named = next((name for t in texts for name, _, _, keys in places.find_places(t)
                          if prefecture in keys), places.display(prefecture))
        yield Hit(p.span, {"phone": p.text, "code": "0" + code,
                           "code_region": "、".join(places.display(r) for r in regions),
                           "place": named, "region": places.display(prefecture)})


def email_problem(text: str) -> str | None:
    """Why an address (its ORIGINAL text) is not a valid e-mail address; None when valid.

    The reasons a reader can act on are in Chinese; for the rest email_validator's own
    (English) reason is quoted in brackets."""
    if m := _FULL_WIDTH.search(text):
        return f"含全角字符“{m.group()}”"
    if "。" in text:
        # email_validator reads "。" as a dot (IDNA) and would accept "abc@163。com"
        return "含中文句号“。”，应为半角“.”"
    if "@" not in text:
        return "缺少“@”"
    if any(ch.isspace() for ch in text.strip()):
        return "地址中有空格"
    if (ats := text.count("@")) > 1:
        return f"含有{ats}个“@”，只能有一个"
    local, _, domain = text.partition("@")
    if not local:
        return "“@”前缺少用户名"
    if not domain:
        return "“@”后缺少域名"
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        if "." not in domain:
            return f"域名“{domain}”不完整，缺少“.com”“.cn”等后缀"
        return f"格式不符合电子邮箱地址规则（{exc}）"
    return None


@register("email-valid")
@provides("email", "reason")
def email_valid(ctx: CheckContext) -> Iterator[Hit]:
    """CON003: a published e-mail address that is not a valid address."""
    for e in ctx.notice.contact.emails:
        reason = email_problem(e.text)
        if reason is not None:
            yield Hit(e.span, {"email": e.text, "reason": reason})


@register("postcode-valid")
@provides("postcode", "reason")
def postcode_valid(ctx: CheckContext) -> Iterator[Hit]:
    """CON004: a postcode that is not six digits, or a 邮编 label with nothing after it."""
    pc = ctx.notice.contact.postcode
    if pc is None:
        return
    value = ctx.src.norm[pc.span.start:pc.span.end]
    if _POSTCODE_OK.fullmatch(value):
        return
    if not value:
        # point at the label itself: the value has no place of its own
        lab = _POSTCODE_LABEL.search(ctx.src.norm, max(0, pc.span.start - 12), pc.span.start)
        span = pc.span if lab is None else Span(*lab.span("label"))
        yield Hit(span, {"postcode": "", "reason": "“邮编”后没有填写号码"})
        return
    digits = sum(ch.isdigit() for ch in value)
    reason = (f"应为6位数字，这里是{len(value)}位" if digits == len(value)
              else "应为6位数字，含有非数字字符")
    yield Hit(pc.span, {"postcode": pc.text, "reason": reason})
