"""Hypothesis strategies for synthetic rectification notices whose facts are known.

``notices()`` draws ``(text, expected)``; ``notices(complete=True)`` only notices with every
required element (contact block, full signature, the feedback's year). The text is a whole 巡察整改进展情况通报: optional web
stamp, title (sometimes split over two lines), opening paragraph (inspection body, period,
feedback date, declared counts), a progress summary, an outline of the problems, optional
contact block, optional signature. Filler sentences are fixed phrases WITHOUT numerals, so every
date, count and number in the text is one the generator put there and lists in ``expected``.
Punctuation is drawn full- or half-width per notice (，/, ：/: （）/() ；/;).

``expected`` keys (``datetime.date`` values; absent facts are None):

- ``title`` str — as one line (a split title is joined without the line break);
  ``title_split`` bool; ``title_split_at`` None | "about" (the first line ends with 关于) |
  "subject" (the first line ends with the inspecting level and kind, "…关于县委巡察");
  ``issuer`` str; ``genre`` "notice"
- ``published`` dict | None — {"text", "value"} of the web stamp line at the very top
  (boilerplate: NOT part of ``dates``)
- ``inspection`` dict — ``body`` (the raw name as written, e.g. "县委第二巡察组"), ``level``
  ("县委" …), ``kind`` ("巡察" / "巡视"), ``ordinal`` (int or None when the text names none),
  ``start``, ``end`` (dates)
- ``feedback`` date; ``feedback_year_written`` bool
- ``declared`` dict — {"aspects": int, "problems": int} ("三个方面12个问题", numerals Chinese or
  Arabic as drawn)
- ``progress`` dict — {"total", "completed", "ongoing", "as_of"}
- ``outline`` dict — {"section_style": "一、", "group_style": "（一）" | "(一)",
  "item_style": "1." | "1、" | "（1）" | "(1)", "shape": [problems per group]}
- ``problems`` list, one per leaf problem in text order — {"title", "status"
  ("completed" | "ongoing"), "deadline" (date or None; a month end for "…底前", the first
  day of the month for a whole month "2022年6月前")}
- ``contact`` dict | None — {"phones": [national-form strings as written], "emails": [...],
  "postcode": str | None}
- ``signature`` dict — {"issuer": str | None, "date": date | None}
- ``dates`` list — every date of the body in text order: {"text" (as written), "value",
  "precision", "year_inferred", "before"}
- ``ranges`` list — [(start value, end value)] in text order
"""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import strategies as st

#: place → (its landline area code, digits of a local number): a notice publishes its own
#: office's phone, so the area code belongs to the place
PLACE_AREAS = {"通江县": ("0827", 7), "泾县": ("0563", 7), "青羊区": ("028", 8),
               "云溪区": ("0730", 7), "白沙县": ("0898", 8), "龙泉市": ("0578", 7),
               "清河县": ("0319", 7), "石门县": ("0736", 7), "东临新区": ("0794", 7),
               "鲤城区": ("0595", 8), "临川区": ("0794", 7), "安源区": ("0799", 7)}
PLACES = list(PLACE_AREAS)
UNITS = ["招商合作服务中心党组", "农业农村局党组", "市场监督管理局党组", "住房和城乡建设局党组",
         "教育体育局党委", "文化旅游局党组", "工业园区党工委", "人民医院党委"]
ASPECTS = ["贯彻落实党的路线方针政策方面", "落实全面从严治党主体责任方面", "落实组织路线方面",
           "巡察整改和成果运用方面", "落实意识形态工作责任制方面", "作风建设方面"]
PROBLEMS = ["理论学习不够深入", "落实主体责任有差距", "财务管理不规范", "意识形态工作重视不够",
            "选人用人把关不严", "作风建设不扎实", "项目推进不够有力", "制度执行不到位",
            "党内政治生活不严肃", "监督检查不够有力", "资产管理存在漏洞", "基层组织建设薄弱"]
FILLER = ["组织专题学习，制定整改方案。", "建立工作台账，明确责任领导和完成时限。",
          "修订完善相关制度，加强日常监督。", "召开专题会议研究部署，逐项推进落实。",
          "开展警示教育，推动形成长效机制。"]
#: allocated mobile network prefixes (154, 140 … are not: a number there is invalid)
MOBILE_PREFIXES = ["133", "135", "136", "138", "139", "150", "151", "152", "155", "158", "159",
                   "177", "180", "181", "186", "187", "189", "199"]
MAIL_HOSTS = ["163.com", "126.com", "qq.com", "sina.com"]
_CN = "〇一二三四五六七八九"
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def cn_number(n: int) -> str:
    """0 < n < 100 in Chinese numerals (十一, 二十, 三十一)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")
    return head + (_CN[ones] if ones else "")


def render(d: dt.date, form: str, year: bool = True, end: str = "day") -> str:
    """*d* as a notice writes it; *end* is "day", "month-end" (…月底) or "month" (…月)."""
    if form == "chinese":
        y = "".join(_CN[int(c)] for c in str(d.year)) + "年" if year else ""
        m = cn_number(d.month) + "月"
        return y + m + {"month-end": "底", "month": ""}.get(end, cn_number(d.day) + "日")
    pad = "02" if form == "padded" else ""
    y = f"{d.year}年" if year else ""
    s = y + f"{d.month:{pad}}月" + {"month-end": "底", "month": ""}.get(end, f"{d.day:{pad}}日")
    return s.translate(_FULL) if form == "fullwidth" else s


def _month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


class _Doc:
    """The text under construction and the dates put into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.dates: list[dict] = []
        self.ranges: list[tuple[dt.date, dt.date]] = []

    def add(self, s: str) -> None:
        self.parts.append(s)

    def date(self, text: str, value: dt.date, precision: str = "day", inferred: bool = False,
             before: bool = False) -> None:
        self.parts.append(text)
        self.dates.append({"text": text, "value": value, "precision": precision,
                           "year_inferred": inferred, "before": before})

    @property
    def text(self) -> str:
        return "".join(self.parts)


@st.composite
def notices(draw, complete: bool = False):  # noqa: C901 - one linear recipe reads better
    """*complete*: every element a notice must have is written (contact block, signature issuer
    and date, the feedback's year) — a notice no rule should object to."""
    pick = lambda xs: draw(st.sampled_from(xs))  # noqa: E731
    comma, colon, semi = pick(["，", ","]), pick(["：", ":"]), pick(["；", ";"])
    lpar, rpar = pick([("（", "）"), ("(", ")")])
    place = pick(PLACES)
    issuer = place + pick(UNITS)
    level = pick(["县委", "市委", "区委", "省委"])
    kind = "巡视" if level == "省委" else "巡察"
    ordinal = draw(st.none() | st.integers(1, 12))
    ord_text = "" if ordinal is None else "第" + pick([str(ordinal), cn_number(ordinal)])
    body = f"{level}{ord_text}{kind}组"
    form = pick(["arabic", "fullwidth", "chinese", "padded"])

    start = draw(st.dates(dt.date(2016, 1, 1), dt.date(2023, 6, 30)))
    end = start + dt.timedelta(days=draw(st.integers(10, 60)))
    feedback = end + dt.timedelta(days=draw(st.integers(5, 90)))
    as_of = feedback + dt.timedelta(days=draw(st.integers(60, 200)))
    signed = as_of + dt.timedelta(days=draw(st.integers(0, 10)))
    published = signed + dt.timedelta(days=draw(st.integers(0, 10)))

    doc = _Doc()
    stamp = None
    if draw(st.booleans()):
        stamp = {"text": f"{published.year}-{published.month:02}-{published.day:02}",
                 "value": published}
        doc.add(f"发布时间{colon}{stamp['text']} {draw(st.integers(8, 22))}:30\n")
    # a long title wraps: after "关于" (the usual break) or after the inspecting body
    split = draw(st.booleans())
    split_at = pick(["about", "subject"]) if split else None
    cut = f"{issuer}关于" if split_at == "about" else f"{issuer}关于{level}{kind}"
    title_head, title_tail = cut, f"{issuer}关于{level}{kind}整改进展情况的通报"[len(cut):]
    doc.add(title_head + ("\n" if split else "") + title_tail + "\n\n")

    # opening: inspection period (a range, the end's year often written once), feedback
    doc.add(f"根据{level}{kind}工作统一部署{comma}{body}于")
    # the end's year may be left out only where it is the start's (+1 when the month wraps)
    end_year_written = (start.year + (end.month < start.month) != end.year
                        or draw(st.booleans()))
    doc.date(render(start, form), start)
    doc.add(pick(["至", "—", "——", "-", "到"]))
    doc.date(render(end, form, end_year_written), end, inferred=not end_year_written)
    doc.ranges.append((start, end))
    doc.add(f"{comma}对{issuer}开展了{kind}。")
    anchor_year = end.year if end_year_written else start.year
    fb_year_written = feedback.year != anchor_year or complete or draw(st.booleans())
    doc.date(render(feedback, form, fb_year_written), feedback, inferred=not fb_year_written)
    doc.add(f"{comma}{body}向{issuer}反馈了{kind}意见。")

    groups = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    total = sum(groups)
    numeral = draw(st.booleans())
    num = cn_number if numeral else str
    doc.add(f"{kind}反馈了{num(len(groups))}个方面{num(total)}个问题。\n\n")

    statuses = draw(st.lists(st.booleans(), min_size=total, max_size=total))
    completed = sum(statuses)
    doc.add("一、整改工作总体情况\n\n" + pick(["截至", "截止到"]))  # "截止" + a date is TRM004
    doc.date(render(as_of, "arabic"), as_of)
    doc.add(f"{comma}{num(total)}个问题已完成整改{completed}个{comma}"
            f"正在整改{total - completed}个。\n\n二、问题整改情况\n\n")

    group_style = pick(["（一）", "(一)"])
    item_style = pick(["1.", "1、", "（1）", "(1)"])
    problems, n = [], 0
    for g, size in enumerate(groups, 1):
        gl, gr = ("（", "）") if group_style == "（一）" else ("(", ")")
        doc.add(f"{gl}{cn_number(g)}{gr}{pick(ASPECTS)}\n\n")
        for _ in range(size):
            n += 1
            marker = {"1.": f"{n}.", "1、": f"{n}、", "（1）": f"（{n}）", "(1)": f"({n})"}[item_style]
            title = pick(PROBLEMS)
            doc.add(f"{marker}{title}。\n\n整改情况{colon}{pick(FILLER)}")
            done = statuses[n - 1]
            deadline = None
            if done:
                doc.add("已完成整改。\n\n")
            else:
                # "前" after a day, a month end ("6月底前") or a whole month ("2022年6月前",
                # whose value is the month's first day, well after the notice's date)
                precision = pick(["day", "month-end", "month"])
                day = as_of + dt.timedelta(days=draw(st.integers(
                    45 if precision == "month" else 10, 400)))
                deadline = {"day": day, "month-end": _month_end(day),
                            "month": day.replace(day=1)}[precision]
                doc.add(f"正在整改中{comma}按计划")
                doc.date(render(deadline, "arabic", end=precision), deadline, precision,
                         before=True)
                doc.add("前完成。\n\n")
            problems.append({"title": title, "status": "completed" if done else "ongoing",
                             "deadline": deadline})

    doc.add(f"三、下一步工作打算\n\n{pick(FILLER)}\n\n")
    contact = None
    if complete or draw(st.booleans()):
        area, width = PLACE_AREAS[place]
        landline = f"{area}-{draw(st.integers(2, 8))}{draw(st.integers(0, 10 ** (width - 1) - 1)):0{width - 1}}"
        mobile = f"{pick(MOBILE_PREFIXES)}{draw(st.integers(0, 10 ** 8 - 1)):08}"
        phones = draw(st.lists(st.sampled_from([landline, mobile]), min_size=1, max_size=2,
                               unique=True))
        local = draw(st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8))
        email = f"{local}{draw(st.integers(0, 999))}@{pick(MAIL_HOSTS)}"
        postcode = f"{draw(st.integers(100000, 859999))}" if draw(st.booleans()) else None
        doc.add(f"欢迎广大干部群众对{kind}整改落实情况进行监督。联系电话{colon}"
                + "、".join(phones) + f"{semi}电子邮箱{colon}{email}")
        if postcode:
            doc.add(f"{semi}邮政编码{colon}{postcode}")
        doc.add("。\n\n")
        contact = {"phones": phones, "emails": [email], "postcode": postcode}
    sig_issuer = issuer if complete or draw(st.booleans()) else None
    sig_date = signed if complete or draw(st.booleans()) else None
    if sig_issuer:
        doc.add(f"{sig_issuer}\n")
    if sig_date:
        doc.add("    ")
        doc.date(render(sig_date, pick(["arabic", "chinese"])), sig_date)
        doc.add("\n")
    if draw(st.booleans()):  # web page furniture after the text (boilerplate, no dates)
        doc.add(f"【责任编辑{colon}{pick(['王某某', '李某', '张某某'])}】\n扫一扫在手机打开当前页\n")

    expected = {
        "title": title_head + title_tail, "title_split": split, "title_split_at": split_at,
        "issuer": issuer,
        "genre": "notice", "published": stamp,
        "inspection": {"body": body, "level": level, "kind": kind, "ordinal": ordinal,
                       "start": start, "end": end},
        "feedback": feedback, "feedback_year_written": fb_year_written,
        "declared": {"aspects": len(groups), "problems": total},
        "progress": {"total": total, "completed": completed, "ongoing": total - completed,
                     "as_of": as_of},
        "outline": {"section_style": "一、", "group_style": group_style,
                    "item_style": item_style, "shape": groups},
        "problems": problems, "contact": contact,
        "signature": {"issuer": sig_issuer, "date": sig_date},
        "dates": doc.dates, "ranges": doc.ranges,
    }
    return doc.text, expected
