"""One input → its row of the notices table and its rows of the findings table.

A row is a tuple in column order of plain values (text, int, float, bool, ISO date text,
None): cheap to send back from a worker process or a Dask worker, and written by every
format the same way. The columns and their types never depend on the input: a file that
cannot be read is a row with status ``unreadable`` and the reason, a text that is no notice
a row with status ``not-a-notice``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from attrs import frozen

from ..findings import Finding
from ..model import GENRE_NAMES, DateFact, Notice, TextFact

#: status of an input: read, parsed and checked / read but no rectification notice (PRS001, or
#: a genre that is not a notice or report) / not readable (``reason`` says why)
OK, NOT_A_NOTICE, UNREADABLE = "ok", "not-a-notice", "unreadable"
#: genres that are rectification documents; any other genre means status not-a-notice
NOTICE_GENRES = frozenset({"notice", "report", "unknown"})

#: (name, type); types: string, int64, float64, bool, date (an ISO "2021-06-30" in CSV/JSONL)
NOTICE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "string"),             # the file (a corpus file for a record)
    ("id", "string"),               # the record's id in a JSONL corpus; the file otherwise
    ("url", "string"),              # the record's url, if it has one
    ("status", "string"),           # ok | not-a-notice | unreadable
    ("reason", "string"),           # why not ok (one line, Chinese)
    ("genre", "string"),            # notice | report | unknown (i.e. what the parser saw)
    ("title", "string"),
    ("issuer", "string"),
    ("inspection_body", "string"),  # 县委第二巡察组
    ("inspection_start", "date"),
    ("inspection_end", "date"),
    ("feedback", "date"),
    ("declared_problems", "int64"),  # "共反馈…12个问题"
    ("listed_problems", "int64"),   # the leaf problems of the outline
    ("completed", "int64"),         # of the notice's first progress summary
    ("ongoing", "int64"),
    ("rate", "float64"),            # percent
    ("published", "date"),
    ("signature_date", "date"),
    ("contact_present", "bool"),    # a phone or an e-mail address for the public
    ("errors", "int64"),
    ("warnings", "int64"),
    ("infos", "int64"),
    ("chars", "int64"),             # length of the text read (code points)
)

FINDING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "string"),
    ("id", "string"),
    ("code", "string"),
    ("name", "string"),
    ("level", "string"),            # error | warning | info
    ("line", "int64"),              # 1-based, code points
    ("column", "int64"),
    ("end_line", "int64"),
    ("end_column", "int64"),        # exclusive
    ("start", "int64"),             # offsets into the text read, half-open
    ("end", "int64"),
    ("text", "string"),             # the quoted text
    ("message", "string"),
    ("values", "string"),           # a JSON object, one type per rule and name (rules --format json)
    ("fix", "string"),              # the suggested replacement, if any
)

NOTICE_NAMES = tuple(n for n, _ in NOTICE_COLUMNS)


@frozen
class Source:
    """One input: a file, or a record of a JSONL corpus (line *line*, at byte *offset*)."""

    path: str                      # the file to read ("-" for stdin)
    name: str                      # the file as shown
    line: int | None = None        # 1-based line of a record in a corpus
    offset: int = 0
    length: int = 0
    data: bytes | None = None      # stdin's bytes

    @property
    def key(self) -> str:
        return self.name if self.line is None else f"{self.name}:{self.line}"


def _text(t: TextFact | None) -> str | None:
    return t.text if t is not None else None


def _date(d: DateFact | None) -> str | None:
    return d.value.isoformat() if d is not None else None


def _int(v: int | float | None) -> int | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, float):
        return int(v) if v.is_integer() else None
    return v


def _figure(f) -> int | float | None:
    return f.value if f is not None else None


def status_of(notice: Notice) -> tuple[str, str | None]:
    """``ok`` unless the parser says this text is no rectification notice (PRS001) or its
    genre is one that is not (a news article, a list page …)."""
    for d in notice.diagnostics:
        if d.code == "PRS001":
            return NOT_A_NOTICE, d.message
    if notice.genre not in NOTICE_GENRES:
        return NOT_A_NOTICE, f"是{GENRE_NAMES.get(notice.genre, notice.genre)}，不是整改通报或整改报告"
    return OK, None


def notice_row(src: Source, notice: Notice, findings: list[Finding], *, record_id: str | None,
               url: str | None) -> tuple:
    status, reason = status_of(notice)
    if status != OK:
        findings = []  # what a notice must hold says nothing of a text that is none
    levels = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        levels[f.severity] = levels.get(f.severity, 0) + 1
    insp = notice.inspection
    declared = next((c.value for c in notice.declared if c.quantity == "problems"), None)
    summary = next((p for p in notice.progress
                    if p.completed is not None or p.ongoing is not None or p.rate is not None),
                   None)
    con = notice.contact
    return (src.name, record_id if record_id is not None else src.name, url, status, reason,
            notice.genre, _text(notice.title), _text(notice.issuer),
            insp.body.raw if insp.body else None, _date(insp.start), _date(insp.end),
            _date(notice.feedback), declared, len(notice.leaves()),
            _int(_figure(summary.completed)) if summary else None,
            _int(_figure(summary.ongoing)) if summary else None,
            float(summary.rate.value) if summary and summary.rate else None,
            _date(notice.published), _date(notice.signature.date),
            bool(con.phones or con.emails),
            levels["error"], levels["warning"], levels["info"], len(notice.text))


def error_row(src: Source, reason: str, *, record_id: str | None = None,
              url: str | None = None) -> tuple:
    row = dict.fromkeys(NOTICE_NAMES)
    row.update(file=src.name, id=record_id if record_id is not None else src.name, url=url,
               status=UNREADABLE, reason=reason, errors=0, warnings=0, infos=0)
    return tuple(row.values())


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def finding_rows(src: Source, record_id: str | None, findings: list[Finding]) -> list[tuple]:
    rid = record_id if record_id is not None else src.name
    return [(src.name, rid, f.code, f.name, f.severity, f.location.row, f.location.column,
             f.end_location.row, f.end_location.column, f.span.start, f.span.end, f.excerpt,
             f.message, _encode(f.values), f.fix.replacement if f.fix is not None else None)
            for f in findings]


# --- reading one input --------------------------------------------------------------------

def _record(src: Source) -> tuple[Mapping[str, Any] | None, str | None]:
    """The JSON object of a corpus record, or None and the reason it cannot be used."""
    try:
        with open(src.path, "rb") as f:
            f.seek(src.offset)
            raw = f.read(src.length)
        obj = json.loads(raw)
    except OSError as e:
        from ..read import os_problem

        return None, f"无法读取：{os_problem(e)}"
    except ValueError as e:
        return None, f"第{src.line}行不是有效的 JSON：{str(e).splitlines()[0]}"
    if not isinstance(obj, dict):
        return None, f"第{src.line}行不是 JSON 对象"
    return obj, None


def _record_text(obj: Mapping[str, Any], name: str) -> str:
    from ..read import InputError, check_chars

    text, html = obj.get("text"), obj.get("html")
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        from ..html import read_html

        return read_html(html.encode("utf-8"), name)
    if isinstance(text, str):
        if not text.strip():
            raise InputError(name, "文本为空")
        return check_chars(text, name)
    raise InputError(name, "记录中没有 text 或 html 字段")


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split("\n")).strip()
    return text or type(e).__name__


def audit_source(src: Source, settings, record: Mapping[str, Any] | None = None,
                 pack=None) -> tuple[tuple, list[tuple]]:
    """Read, parse and check one input: its notice row and its finding rows. Never raises
    for a bad input: the row says what went wrong. *record* is a corpus record already
    parsed (Dask bags of records); *pack* the rule pack if the caller holds it. The input
    runs under the settings' time and memory budget (an ``unreadable`` row saying which)."""
    from ..cli.budget import FileTimeout, file_budget
    from ..cli.batch import get_pack

    pack = pack or get_pack(settings)  # loaded outside the budget
    try:
        with file_budget(getattr(settings, "timeout", None), getattr(settings, "max_memory", None)):
            return _audit_source(src, settings, record, pack)
    except FileTimeout:
        return error_row(src, f"处理超时（超过 {settings.timeout:g} 秒 CPU 时间），已跳过"), []
    except MemoryError:
        return error_row(src, f"内存超出限制（超过 {settings.max_memory} MB），已跳过"), []


def _audit_source(src: Source, settings, record: Mapping[str, Any] | None, pack) -> tuple:
    from ..cli.batch import get_pack
    from ..engine import check_parsed
    from ..parsing import parse_source
    from ..read import InputError, load

    record_id = url = None
    try:
        if src.line is not None:
            obj, problem = (record, None) if record is not None else _record(src)
            if obj is None:
                return error_row(src, problem, record_id=f"#{src.line}"), []
            rid = obj.get("id")
            record_id = str(rid) if rid is not None and rid != "" else f"#{src.line}"
            url = obj.get("url") if isinstance(obj.get("url"), str) else None
            text = _record_text(obj, f"{src.name}#{record_id}")
        else:
            text, _ = load(src.data if src.data is not None else Path(src.path))
    except InputError as e:
        return error_row(src, _one_line_problem(e), record_id=record_id, url=url), []
    except OSError as e:
        from ..read import os_problem

        return error_row(src, f"无法读取：{os_problem(e)}", record_id=record_id, url=url), []
    try:
        notice, parsed = parse_source(text, genre=settings.genre)
        shown = src.name if record_id is None else f"{src.name}#{record_id}"
        notes: list[str] = []
        findings = check_parsed(notice, parsed, pack or get_pack(settings), as_of=settings.as_of,
                                severity=dict(settings.severity) or None,
                                options={k: dict(v) for k, v in settings.options.items()}
                                or None, filename=shown, notes=notes)
        for note in notes:  # a rule that could not finish (docs/limits.md): one line each
            print(f"{shown}: warning: {note}", file=sys.stderr)
    except Exception as e:  # a bug must not sink a corpus of a hundred thousand notices
        if os.environ.get("RECTIFY_RULES_DEBUG"):
            raise
        return error_row(src, f"内部错误（请报告）：{type(e).__name__}: {_one_line(e)}",
                         record_id=record_id, url=url), []
    row = notice_row(src, notice, findings, record_id=record_id, url=url)
    return row, finding_rows(src, record_id, findings) if row[3] == OK else []


def _one_line_problem(e: BaseException) -> str:
    problem = getattr(e, "problem", None) or str(e)
    return _one_line(Exception(problem))
