"""The same notice as real pages publish it reads the same.

Every seed and variant notice is rewritten into the forms real pages take (see
docs/real-world-forms.md, "Page layout and furniture"): a provincial layout (banner, breadcrumb
with the title, the title split into an issuer line and a "关于…" line, a metadata line, share
buttons), a government information-disclosure page (a metadata block with bullets and values on
their own lines, every line deeply indented), a repost site (banners, spam and widget lines,
the publication date in one of the forms sites print), traditional script (OpenCC s2t), and
punctuation folded to ASCII by a scraper. The rewrite may add no finding (the ASCII one only
FMT003 / NUM003, which are about that punctuation) and change no fact read from the notice.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from rectify_rules.engine import check_parsed, load_rules
from rectify_rules.model import Notice
from rectify_rules.parsing import parse_source
from rectify_rules.text import normalise

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "variants").glob("*.txt"))
PACK = load_rules()
ASCII_ONLY = {"FMT003", "NUM003"}


def _run(text: str) -> tuple[Notice, Counter]:
    notice, src = parse_source(text)
    return notice, Counter(f.code for f in check_parsed(notice, src, PACK))


def _same(text: str | None) -> str | None:
    """A fact text compared across scripts and punctuation: folded, blanks removed."""
    return None if text is None else re.sub(r"\s+", "", normalise(text))


def _date(d):
    return None if d is None else (d.value, d.year_from)


def facts(n: Notice) -> dict:
    """What the notice says, as comparable values (texts folded, spans left out)."""
    ins = n.inspection
    body = ins.body
    return {
        "genre": n.genre, "title": _same(n.title and n.title.text),
        "issuer": _same(n.issuer and n.issuer.text),
        "addressee": _same(n.addressee and n.addressee.text),
        "body": body and (_same(body.raw), body.level, body.kind, body.ordinal, body.joint),
        "kind": _same(ins.kind and ins.kind.text), "start": _date(ins.start),
        "end": _date(ins.end), "feedback": _date(n.feedback),
        "declared": sorted((c.quantity, c.value) for c in n.declared),
        "progress": [(p.total and p.total.value, p.completed and p.completed.value,
                      p.ongoing and p.ongoing.value, p.rate and p.rate.value,
                      _date(p.as_of)) for p in n.progress],
        "problems": [(len(g.children), len(g.leaves())) for g in n.problems],
        "statuses": [leaf.status for leaf in n.leaves()],
        "deadlines": [_date(leaf.deadline) for leaf in n.leaves()],
        "phones": [p.number for p in n.contact.phones],
        "emails": [_same(e.text) for e in n.contact.emails],
        "signature": (_same(n.signature.issuer and n.signature.issuer.text),
                      _date(n.signature.date)),
        "dates": [_date(d) for d in n.dates],
        "durations": [(d.days, d.months, d.subject) for d in n.durations],
        "truncated": n.truncated is not None,
    }


# -- the rewrites --------------------------------------------------------------------------

def _split(n: Notice, text: str) -> tuple[str, str]:
    """(the title as one line, the text without its title lines); ("", text) if untitled."""
    if n.title is None:
        return "", text
    start = text.rfind("\n", 0, n.title.span.start) + 1
    end = text.find("\n", n.title.span.end)
    end = len(text) if end < 0 else end
    return re.sub(r"\s+", "", n.title.text), text[:start] + text[end:]


def _stamp(n: Notice) -> str | None:
    """The publication date a layout may print: the signature date (a page published the
    day it was signed changes no date rule), else none."""
    d = n.signature.date
    if d is None or d.year_inferred or d.precision != "day":
        return None
    return d.value.isoformat()


def provincial(n: Notice, text: str) -> str:
    title, rest = _split(n, text)
    stamp = _stamp(n)
    head = ["欢迎访问清廉青山网", "今天是：2023年5月4日 星期四", ""]
    if title:
        head.append(f"首页 > 巡视巡察 > 整改公开 > {title}")
        at = title.find("关于")
        head += [title[:at], title[at:]] if at > 1 else [title]
    if stamp:
        head.append(f"来源：青山县纪委监委　　发布时间：{stamp} 09:12　　浏览量：1287")
    head += ["【字体：大 中 小】  分享到：微信 微博", ""]
    return "\n".join(head) + "\n" + rest + "\n上一篇：关于开展作风建设专项检查的通知\n扫一扫在手机打开当前页\n"


def disclosure(n: Notice, text: str) -> str:
    title, rest = _split(n, text)
    stamp = _stamp(n)
    fields = [("信息索引号", "113307020501239658/2023-00412")]
    if title:
        fields.append(("文件名称", title))
    if n.issuer is not None:
        fields.append(("发布机构", re.sub(r"\s+", "", n.issuer.text)))
    if stamp:
        fields.append(("成文日期", stamp))
    fields.append(("公开方式", "主动公开"))
    out = []
    for label, value in fields:
        out += [f"  • {label}：", "", f"    {value}", ""]
    if title:
        out += [f"  • {title}", ""]
    if stamp:
        out += [f"    日期：{stamp} 08:46:31 来源：县纪委 浏览量：", "    分享：", "", "    朗读", ""]
    body = "\n".join("    " + line if line.strip() else line for line in rest.split("\n"))
    return "\n".join(out) + "\n" + body


_STAMPS = ("({})", "{d}.{m}.{y}  12:44", "发布时间：{}", "發布時間:{}", "日期:{y}年{m}月{d}日",
           "{} 16:35")


def repost(n: Notice, text: str, form: int) -> str:
    title, rest = _split(n, text)
    stamp = _stamp(n)
    head = ["yl34511线路中心", "设为首页 | 加入收藏 | 手机版"]
    if title:
        head.append(title)
    if stamp:
        y, m, d = stamp.split("-")
        shown = _STAMPS[form].format(stamp, y=y, m=m, d=d)
        if form == 0 and title:
            head[-1] += shown  # "…的通报(2024-07-26)"
        else:
            head.append(shown)
    head += ["分享到：", "【打印本页】【关闭窗口】", ""]
    return "\n".join(head) + "\n" + rest + "\n下一篇：关于公布监督举报方式的公告\n"


def traditional(n: Notice, text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


_ASCII = str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";", "！": "!", "？": "?"})


def ascii_punctuation(n: Notice, text: str) -> str:
    return text.translate(_ASCII)


REWRITES = {
    "provincial": provincial, "disclosure": disclosure,
    **{f"repost{i}": (lambda n, t, i=i: repost(n, t, i)) for i in range(len(_STAMPS))},
    "traditional": traditional, "ascii": ascii_punctuation,
}


@pytest.fixture(scope="module", params=TEXTS, ids=lambda p: p.stem)
def original(request):
    text = request.param.read_text(encoding="utf-8")
    notice, codes = _run(text)
    return text, notice, codes


@pytest.mark.parametrize("form", sorted(REWRITES))
def test_rewrite_changes_no_fact_and_adds_no_finding(original, form):
    text, notice, codes = original
    if notice.genre in ("news", "other"):
        pytest.skip("not a notice: no page layout of a notice applies")
    if form == "traditional":
        pytest.importorskip("opencc")
    rewritten = REWRITES[form](notice, text)
    got, got_codes = _run(rewritten)
    want = facts(notice)
    have = facts(got)
    if form not in ("traditional", "ascii"):
        stamp = _stamp(notice)
        assert (got.published and got.published.value.isoformat()) == (
            stamp or (notice.published and notice.published.value.isoformat())), "published"
    assert have == want
    if form == "ascii":
        got_codes = Counter({c: k for c, k in got_codes.items() if c not in ASCII_ONLY})
        codes = Counter({c: k for c, k in codes.items() if c not in ASCII_ONLY})
    assert got_codes == codes, rewritten[:600]
