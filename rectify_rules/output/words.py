"""The words people read: level names, rule titles, the values a rule saw, quoted places.

Shared by the terminal format, the HTML report and the comments of a reviewed .docx, so that
an editor meets the same wording everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LEVELS = {"error": "错误", "warning": "警告", "info": "提示"}
LEVEL_ORDER = ("error", "warning", "info")

#: what each value a rule reports means, in a reader's words (keys of Hit.values)
VALUE_LABELS = {
    "actual": "按分子分母算得", "as_of": "截至日期", "basis": "计算依据", "canonical": "多数写法",
    "canonical_count": "多数写法出现次数", "char": "字符", "claimed": "概述所称", "code": "区号",
    "code_region": "区号所属地区", "completed": "已完成", "context": "上下文", "count": "次数",
    "date": "日期", "dates": "日期", "deadline": "完成时限", "declared": "所称数量",
    "denominator": "分母", "detail": "具体情况", "document": "文种", "doubled": "重复的字",
    "due": "应报送日期", "email": "电子邮箱", "end": "结束日期", "equation": "算式",
    "expected": "应为", "feedback": "反馈日期", "first": "前文", "found": "实际为",
    "inferred": "推定为", "inner": "下级序号", "inner_level": "下级层次", "kind": "情况",
    "label": "数量", "late": "晚报天数", "level": "层次", "listed": "正文列出", "marked": "逐项标注",
    "marker": "序号", "match": "占位符", "missing": "缺少", "months": "规定月数",
    "note": "说明", "numerator": "分子", "ongoing": "正在整改", "other": "此处",
    "other_date": "另一日期", "others": "其他", "outer": "上级序号", "outer_level": "上级层次",
    "partner": "应配对的符号", "parts": "各部分", "phone": "电话号码", "place": "发文单位所在地",
    "postcode": "邮政编码", "previous": "前一个序号", "read": "读到的内容", "reason": "原因",
    "region": "所在地区",
    "relation": "关系", "right": "正确写法", "seen": "已写明", "source": "总数来源",
    "standard": "规范写法", "start": "开始日期", "state": "状态", "subject": "主体",
    "sum": "各部分之和", "tail": "全文末尾", "text": "原文", "total": "总数",
    "unfinished": "未完成事项",
    "unit": "单位", "value": "数值", "variant": "此处写法", "variant_count": "此处写法出现次数",
    "what": "所指", "wrong": "错误写法",
    # issue 10 (TRM004/TRM005, DAT009/DAT010, PRV001–PRV003)
    "object": "所接时间", "body": "巡察组", "ref": "对照日期", "written": "文中所写",
    "masked": "号码（已遮蔽）", "how": "判断依据", "name": "姓名", "weekday": "实际星期",
}
#: where a rule's value means something else than the common label says ("other" is the
#: figure here in CNT003, the other unfinished states in CNT002, the other event in DAT003)
RULE_VALUE_LABELS = {("CNT002", "other"): "其他未完成状态", ("DAT003", "other"): "对照"}
#: bookkeeping a reader does not need (which model field, which quantity kind in English)
HIDDEN_VALUES = frozenset({"quantity", "path", "total_from", "verb"})
#: ``x_note`` completes the value of ``x`` ("（“3月1日”未写年份，推定为2021年）")
_NOTE = "_note"


def level_name(severity: str) -> str:
    return LEVELS.get(severity, severity)


def readable_values(values: Mapping[str, Any], code: str = "") -> list[tuple[str, str]]:
    """(label, text) for each value worth showing, in the rule's order: empty values, notes
    (joined to their value) and bookkeeping left out. *code* is the rule's (its own labels)."""
    from ..engine.evaluate import human

    out = []
    for key, value in values.items():
        if key in HIDDEN_VALUES or key.endswith(_NOTE):
            continue
        text = human(value).strip()
        note = values.get(key + _NOTE)
        if note:
            text += human(note)
        if text:
            out.append((RULE_VALUE_LABELS.get((code, key)) or VALUE_LABELS.get(key, key), text))
    return out


def quote(text: str, start: int, end: int, around: int = 12) -> str:
    """The characters [start, end) of *text* with a little context on their line, quoted."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    a, b = max(line_start, start - around), min(line_end, end + around)
    head = "…" if a > line_start else ""
    tail = "…" if b < line_end else ""
    return f"“{head}{text[a:b].strip()}{tail}”"


def summary_line(by_level: Mapping[str, int], files: int) -> str:
    """The closing line: "检查了 2 个文件，发现 3 个问题（错误 1，警告 1，提示 1）。"."""
    total = sum(by_level.values())
    checked = f"检查了 {files} 个文件，" if files else ""
    if not total:
        return f"{checked}未发现问题。"
    parts = "，".join(f"{LEVELS[s]} {by_level.get(s, 0)}" for s in LEVEL_ORDER)
    return f"{checked}发现 {total} 个问题（{parts}）。"


def statistics_rows(counts: Mapping[tuple[str, str, str], int]) -> list[tuple[str, str, str, str]]:
    """(count, code, rule title, level) per rule, most frequent first; *counts* maps
    (code, title, severity) to a number of findings."""
    return [(str(n), code, title, level_name(sev))
            for (code, title, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_text(counts: Mapping[tuple[str, str, str], int]) -> str:
    """The per-rule table as plain text (for the concise format and for stderr)."""
    rows = statistics_rows(counts)
    if not rows:
        return ""
    width = max(len(r[0]) for r in rows)
    lines = ["按规则统计："]
    lines += [f"{n:>{width}}  {code}  {level}  {title}" for n, code, title, level in rows]
    return "\n".join(lines) + "\n"
