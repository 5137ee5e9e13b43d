"""Defect injectors for the synthetic notices of ``tests/synth.py``.

Each injector takes ``(text, expected)`` — a notice drawn by ``synth.notices(complete=True)`` —
and returns an :class:`Injected`: the edited text, the rule code the edit must produce, the
offset in the edited text where the finding belongs (its line is what tests compare; None when
the finding has no single natural place), and the reference date to check with (None: the
notice's own). An injector returns None when the notice has nothing to break that way (no
problem is still open, say).

Edits are written the way a drafter gets them wrong: a figure changed in one place only, a
second progress summary with other figures, a date typed in the wrong order, a phone number
missing a digit, a formulation with a word dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Callable, NamedTuple

from synth import cn_number, render

__all__ = ["Injected", "INJECTORS"]


class Injected(NamedTuple):
    text: str
    code: str
    at: int | None
    as_of: dt.date | None = None


#: the declared counts of the opening paragraph: "反馈了三个方面12个问题"
_DECLARED = re.compile(r"反馈了(?P<aspects>[0-9〇一二三四五六七八九十]+)个方面"
                       r"(?P<problems>[0-9〇一二三四五六七八九十]+)个问题")
#: the progress summary: "截至2021年6月30日，12个问题已完成整改9个，正在整改3个。"
_PROGRESS = re.compile(r"截(?:至|止到?)[^\n]*?已完成整改(?P<completed>\d+)个(?P<sep>[,，])"
                       r"正在整改(?P<ongoing>\d+)个")
_NEXT_STEPS = "三、下一步工作打算\n\n"
_CONTACT_LINE = re.compile(r"^欢迎广大干部群众[^\n]*\n\n", re.M)
_PHONES = re.compile(r"联系电话[:：](?P<phone>[0-9-]+)")
_EMAIL = re.compile(r"电子邮箱[:：](?P<local>[a-z0-9]+)@(?P<host>[a-z0-9.]+\.com)")


def _like(old: str, value: int) -> str:
    """*value* written in the numeral style of *old* (Chinese or Arabic)."""
    return str(value) if old.isdigit() else cn_number(value)


def _insert_sentence(text: str, sentence: str) -> tuple[str, int]:
    """Put *sentence* at the start of the 下一步 paragraph; return the text and its offset."""
    at = text.index(_NEXT_STEPS) + len(_NEXT_STEPS)
    return text[:at] + sentence + text[at:], at


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def declared_count_differs(text: str, exp: dict) -> Injected:
    m = _DECLARED.search(text)
    old = m.group("problems")
    new = _like(old, exp["declared"]["problems"] + 1)
    return Injected(_replace(text, m.start("problems"), m.end("problems"), new), "CNT001",
                    m.start("problems"))


def progress_does_not_add_up(text: str, exp: dict) -> Injected:
    m = _PROGRESS.search(text)
    new = str(exp["progress"]["completed"] + 1)
    return Injected(_replace(text, m.start("completed"), m.end("completed"), new), "CNT002",
                    m.start())


def conflicting_progress(text: str, exp: dict) -> Injected:
    """A second summary whose figures add up but say another number was completed."""
    p = exp["progress"]
    c, o = (p["completed"] + 1, p["ongoing"] - 1) if p["ongoing"] else (
        p["completed"] - 1, p["ongoing"] + 1)
    as_of = render(p["as_of"], "arabic")
    edited, at = _insert_sentence(
        text, f"截至{as_of}，{p['total']}个问题已完成整改{c}个，正在整改{o}个。")
    return Injected(edited, "CNT003", at)


def breakdown_does_not_add_up(text: str, exp: dict) -> Injected:
    total = exp["declared"]["problems"] + 2
    edited, at = _insert_sentence(
        text, f"针对巡察反馈问题，共对{total}名相关责任人作出处理，其中诫勉谈话1人，提醒谈话{total}人。")
    return Injected(edited, "CNT004", at)


def percentage_mismatch(text: str, exp: dict) -> Injected:
    """A completion rate that its own numbers contradict (off by 10 points)."""
    p = exp["progress"]
    actual = round(100 * p["completed"] / p["total"])
    wrong = actual - 10 if actual >= 10 else actual + 10
    m = _PROGRESS.search(text)
    edited = _replace(text, m.end(), m.end(), f"{m.group('sep')}整改完成率为{wrong}%")
    return Injected(edited, "CNT006", m.start())


def _range_span(text: str, exp: dict) -> tuple[int, int]:
    first, second = exp["dates"][0]["text"], exp["dates"][1]["text"]
    start = text.index(first)
    return start, text.index(second, start + len(first)) + len(second)


def inspection_start_after_end(text: str, exp: dict) -> Injected:
    ins = exp["inspection"]
    a, b = _range_span(text, exp)
    swapped = render(ins["end"], "arabic") + "至" + render(ins["start"], "arabic")
    return Injected(_replace(text, a, b, swapped), "DAT001", a)


def _feedback_span(text: str, exp: dict) -> tuple[int, int]:
    _, after_range = _range_span(text, exp)
    fb = exp["dates"][2]["text"]
    start = text.index(fb, after_range)
    return start, start + len(fb)


def feedback_before_inspection_end(text: str, exp: dict) -> Injected:
    a, b = _feedback_span(text, exp)
    early = render(exp["inspection"]["end"] - dt.timedelta(days=3), "arabic")
    return Injected(_replace(text, a, b, early), "DAT002", a)


def signed_before_feedback(text: str, exp: dict) -> Injected:
    sig = exp["dates"][-1]
    a = text.rindex(sig["text"])
    early = render(exp["feedback"] - dt.timedelta(days=1), "arabic")
    return Injected(_replace(text, a, a + len(sig["text"]), early), "DAT003", a)


def open_problem_past_deadline(text: str, exp: dict) -> Injected | None:
    """No edit: checked on a day after the first open problem's deadline."""
    open_ = [d for d in exp["dates"] if d["before"]]
    if not open_:
        return None
    first = open_[0]
    at = text.index(first["text"] + "前完成")
    last = first["value"]  # the last day the deadline allows: "2022年6月前" runs to June 30
    if first["precision"] == "month":
        last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    return Injected(text, "DAT004", at, last + dt.timedelta(days=1))


def impossible_date(text: str, exp: dict) -> Injected:
    year = exp["progress"]["as_of"].year
    edited, at = _insert_sentence(text, f"{year}年2月30日召开巡察整改专题会议，逐项推进落实。")
    return Injected(edited, "DAT006", at)


def contact_dropped(text: str, exp: dict) -> Injected:
    m = _CONTACT_LINE.search(text)
    return Injected(_replace(text, m.start(), m.end(), ""), "REQ009", None)


def feedback_date_dropped(text: str, exp: dict) -> Injected:
    a, b = _feedback_span(text, exp)
    b += 1  # the comma after the date
    return Injected(_replace(text, a, b, "随后"), "REQ005", None)


def ordinal_dropped(text: str, exp: dict) -> Injected:
    ins = exp["inspection"]
    broken = f"{ins['level']}第{ins['kind']}组"
    at = text.index(ins["body"])
    return Injected(text.replace(ins["body"], broken), "REQ003", at)


def numbering_skips(text: str, exp: dict) -> Injected:
    at = text.index(_NEXT_STEPS)
    return Injected(_replace(text, at, at + 1, "四"), "NUM001", at)


def phone_truncated(text: str, exp: dict) -> Injected:
    m = _PHONES.search(text)
    return Injected(_replace(text, m.end("phone") - 1, m.end("phone"), ""), "CON001",
                    m.start("phone"))


def email_corrupted(text: str, exp: dict) -> Injected:
    """The host loses its top-level domain: "wang12@163"."""
    m = _EMAIL.search(text)
    host = m.group("host").split(".")[0]
    return Injected(_replace(text, m.start("host"), m.end("host"), host), "CON003",
                    m.start("local"))


def formulation_misspelled(text: str, exp: dict) -> Injected:
    edited, at = _insert_sentence(text, "深入学习习近平新时代中国特色社会思想，")
    return Injected(edited, "TRM001", at)


def character_doubled(text: str, exp: dict) -> Injected:
    edited, at = _insert_sentence(text, "一是加强理论学习。二是是健全制度机制。")
    return Injected(edited, "FMT001", at)


def quote_unbalanced(text: str, exp: dict) -> Injected:
    edited, at = _insert_sentence(text, "巩固深化“不忘初心、牢记使命主题教育成果。")
    return Injected(edited, "FMT002", at)


#: code → injector; the tests run every one on every drawn notice
INJECTORS: dict[str, Callable[[str, dict], Injected | None]] = {
    "CNT001": declared_count_differs,
    "CNT002": progress_does_not_add_up,
    "CNT003": conflicting_progress,
    "CNT004": breakdown_does_not_add_up,
    "CNT006": percentage_mismatch,
    "DAT001": inspection_start_after_end,
    "DAT002": feedback_before_inspection_end,
    "DAT003": signed_before_feedback,
    "DAT004": open_problem_past_deadline,
    "DAT006": impossible_date,
    "REQ003": ordinal_dropped,
    "REQ005": feedback_date_dropped,
    "REQ009": contact_dropped,
    "NUM001": numbering_skips,
    "CON001": phone_truncated,
    "CON003": email_corrupted,
    "TRM001": formulation_misspelled,
    "FMT001": character_doubled,
    "FMT002": quote_unbalanced,
}
