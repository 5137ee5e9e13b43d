"""``html``: one self-contained HTML report per checked file, for people.

The notice's text with each finding's characters highlighted by level (click or hover: the
message, the values the rule saw, advice, reference and fix), the findings grouped by level
and rule with counts, a filter by level and a print stylesheet (A4). CSS and script are inline
(``rectify_rules/data/report.css``/``report.js``) and a Content-Security-Policy that allows
only them (by hash) forbids every other request: the file works offline, from a USB stick.

A batch writes one report per file into a folder plus ``index.html`` (``--output DIR``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..findings import Finding
from .words import LEVEL_ORDER, LEVELS, readable_values, statistics_rows, summary_line

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


@cache
def assets() -> tuple[str, str, str]:
    """(css, js, the Content-Security-Policy that allows exactly them)."""
    data = resources.files("rectify_rules") / "data"
    css = (data / "report.css").read_text(encoding="utf-8")
    js = (data / "report.js").read_text(encoding="utf-8")
    csp = ("default-src 'none'; " f"style-src '{_hash(css)}'; script-src '{_hash(js)}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return css, js, csp


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


# --- the text with its highlights ------------------------------------------------------------

def highlighted(text: str, findings: Sequence[Finding]) -> str:
    """*text* as HTML with one ``<mark class="f LEVEL" data-f=i>`` per finding (numbered from
    1 in the order given). Nested spans nest; a span that crosses another is continued in a
    second element with the same ``data-f`` (class ``cont``). An empty span is a ▲."""
    opens: dict[int, list[int]] = {}
    points: dict[int, list[int]] = {}
    ends: dict[int, int] = {}
    for i, f in enumerate(findings, 1):
        s, e = max(0, min(f.span.start, len(text))), max(0, min(f.span.end, len(text)))
        if e <= s:
            points.setdefault(s, []).append(i)
        else:
            opens.setdefault(s, []).append(i)
            ends[i] = e
    cuts = sorted({0, len(text), *opens, *points, *ends.values()})
    out: list[str] = []
    stack: list[int] = []
    started: set[int] = set()

    def open_mark(i: int) -> None:
        f = findings[i - 1]
        cont = i in started
        started.add(i)
        number = "" if cont else f' data-n="{i}"'
        out.append(f'<mark class="f {f.severity}{" cont" if cont else ""}" data-f="{i}"{number}'
                   f' tabindex="0" title="{_esc(f"[{LEVELS.get(f.severity, f.severity)}] {f.message}")}">')

    for k, x in enumerate(cuts):
        closing = [i for i in stack if ends[i] == x]
        if closing:
            depth = min(stack.index(i) for i in closing)
            reopen = [i for i in stack[depth:] if ends[i] != x]
            out.append("</mark>" * (len(stack) - depth))
            del stack[depth:]
            for i in reopen:
                open_mark(i)
                stack.append(i)
        for i in points.get(x, ()):
            open_mark(i)
            out[-1] = out[-1].replace('class="f ', 'class="f pt ', 1)
            out.append("</mark>")
        for i in sorted(opens.get(x, ()), key=lambda i: -ends[i]):
            open_mark(i)
            stack.append(i)
        if k + 1 < len(cuts):
            out.append(html.escape(text[x:cuts[k + 1]], quote=False))
    out.append("</mark>" * len(stack))
    return "".join(out)


# --- the list of findings ----------------------------------------------------------------------

def _item(i: int, f: Finding, rule, text: str) -> str:
    level = LEVELS.get(f.severity, f.severity)
    parts = [f'<li class="item {f.severity}" id="f{i}" data-f="{i}">',
             f'<span class="num">#{i}</span><span class="where">第{f.location.row}行第'
             f'{f.location.column}列 · {_esc(f.code)} · {level}</span>',
             f'<p class="message">{_esc(f.message)}</p><div class="more">']
    if f.excerpt:
        parts.append(f"<p>原文：“{_esc(f.excerpt)}”</p>")
    values = readable_values(f.values, f.code)
    if values:
        parts.append("<dl>" + "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in values)
                     + "</dl>")
    for r in f.related:
        label = f"：{_esc(r.message)}" if r.message else ""
        parts.append(f"<p>另见第{r.location.row}行“{_esc(r.excerpt)}”{label}</p>")
    if f.fix is not None:
        how = "" if f.fix.safe else "（需人工确认）"
        parts.append(f"<p>建议改为：“{_esc(f.fix.replacement)}”{how}</p>")
    if rule is not None and rule.use_instead:
        parts.append(f"<p>应当怎样写：{_esc(rule.use_instead)}</p>")
    if f.reference:
        parts.append(f"<p>依据：{_esc(f.reference)}</p>")
    parts.append("</div></li>")
    return "".join(parts)


def _groups(findings: Sequence[Finding], rules: Mapping[str, object], text: str) -> str:
    out = []
    numbered = list(enumerate(findings, 1))
    for level in LEVEL_ORDER:
        mine = [(i, f) for i, f in numbered if f.severity == level]
        if not mine:
            continue
        out.append(f'<section class="group {level}"><h2>{LEVELS[level]}（{len(mine)}）</h2>')
        for code in sorted({f.code for _, f in mine}):
            items = [(i, f) for i, f in mine if f.code == code]
            rule = rules.get(code)
            title = getattr(rule, "summary", "") or items[0][1].name
            out.append(f"<h3>{_esc(code)} {_esc(title)}（{len(items)}）</h3><ol class=\"items\">")
            out.extend(_item(i, f, rule, text) for i, f in items)
            out.append("</ol>")
        out.append("</section>")
    return "".join(out)


def _counts(findings: Sequence[Finding]) -> Counter:
    return Counter(f.severity for f in findings)


def page(title: str, body: str, csp: str | None = None) -> str:
    """A whole page: *body* with the report's style and script, under *csp* (by default
    one that allows exactly those two)."""
    css, js, own = assets()
    csp = csp or own
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="referrer" content="no-referrer">'
            f"<title>{_esc(title)}</title><style>{css}</style></head><body>{body}"
            f"<footer>rectify-rules {__version__} 生成；所有检查在本机完成。</footer>"
            f"<script>{js}</script></body></html>\n")


def render(name: str, text: str, findings: Sequence[Finding], rules: Mapping[str, object] = {},
           *, download: tuple[str, bytes] | None = None, links: str = "") -> str:
    """The report page of one file. *download* = (file name, .docx bytes) adds a download
    button for the reviewed copy (embedded in the page: nothing is kept on a server). The
    personal data the findings found is masked in the text shown (docs/cli.md), whoever calls."""
    from ..redact import masked_text

    text = masked_text(text, findings)
    findings = sorted(findings, key=lambda f: f.sort_key)
    counts = _counts(findings)
    boxes = "".join(f'<label><input type="checkbox" data-level="{lv}" checked> {LEVELS[lv]}'
                    f'（{counts.get(lv, 0)}）</label>' for lv in LEVEL_ORDER)
    button = ""
    if download is not None:
        fname, data = download
        button = (f'<a class="button" download="{_esc(fname)}" href="data:{DOCX_TYPE};base64,'
                  f'{base64.b64encode(data).decode()}">下载审校稿（带批注和修订的 Word 文件）</a>')
    head = (f'<header><h1>审校报告</h1><div class="file">{_esc(name)}</div>'
            f'<div class="counts" data-findings="{len(findings)}">'
            + "".join(f'<span class="{lv}">{LEVELS[lv]} {counts.get(lv, 0)}</span>'
                      for lv in LEVEL_ORDER)
            + f'</div><div class="toolbar">显示：{boxes}{button}{links}</div></header>')
    if findings:
        side = ('<aside><div id="detail" hidden><button class="close" title="关闭">×</button>'
                '<div id="detail-body"></div></div>'
                f'<p class="no-print">{_esc(summary_line(counts, 0))}点击正文中的标记查看详情。</p>'
                f"{_groups(findings, rules, text)}</aside>")
    else:
        side = ('<aside><div id="detail" hidden><div id="detail-body"></div></div>'
                '<p class="none">未发现问题。</p></aside>')
    body = f'{head}<main><div class="doc">{highlighted(text, findings)}</div>{side}</main>'
    return page(f"审校报告 - {name}", body)


def index(entries: Sequence[tuple[str, str, Counter]], statistics: Counter | None = None) -> str:
    """The index page of a batch: (shown name, report file, counts by level) per file."""
    rows = "".join(
        f'<tr><td><a href="{_esc(href)}">{_esc(name)}</a></td>'
        + "".join(f'<td class="n">{c.get(lv, 0)}</td>' for lv in LEVEL_ORDER) + "</tr>"
        for name, href, c in entries)
    total: Counter = Counter()
    for _, _, c in entries:
        total.update(c)
    table = ('<table class="files"><thead><tr><th>文件</th>'
             + "".join(f"<th>{LEVELS[lv]}</th>" for lv in LEVEL_ORDER)
             + f"</tr></thead><tbody>{rows}</tbody></table>")
    stats = ""
    if statistics:
        stats = ('<table class="files"><thead><tr><th>数量</th><th>代码</th><th>规则</th>'
                 "<th>级别</th></tr></thead><tbody>"
                 + "".join(f'<tr><td class="n">{n}</td><td>{_esc(c)}</td><td>{_esc(t)}</td>'
                           f"<td>{lv}</td></tr>" for n, c, t, lv in statistics_rows(statistics))
                 + "</tbody></table>")
    head = (f'<header><h1>审校报告</h1><div class="counts">'
            f"{_esc(summary_line(total, len(entries)))}</div></header>")
    return page("审校报告", head + table + stats)


def report_name(name: str, taken: set[str]) -> str:
    """A file name for the report of *name*, unique among *taken*."""
    base = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name.strip("./\\")) or "stdin"
    candidate, n = base + ".html", 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base}.{n}.html"
    taken.add(candidate.lower())
    return candidate


class Writer:
    """One file: its report on the stream. With *directory*: a report per file and
    ``index.html`` in that folder."""

    def __init__(self, stream: TextIO, *, rules=(), statistics: bool = False,
                 directory: str | os.PathLike | None = None, **_: object) -> None:
        self.stream = stream
        self.rules = {r.code: r for r in rules}
        self.statistics = statistics
        self.directory = Path(directory) if directory is not None else None
        self.entries: list[tuple[str, str, Counter]] = []
        self.taken: set[str] = {"index.html"}
        self.per_rule: Counter = Counter()

    def file(self, findings, lines, name: str | None = None) -> None:
        rows = len(lines)
        if any(r not in lines for r in range(1, rows + 1)):
            raise ValueError("the html format needs every line of the file")
        text = "\n".join(lines[r] for r in range(1, rows + 1))
        name = name or (findings[0].filename if findings else None) or "<stdin>"
        doc = render(name, text, findings, self.rules)
        for f in findings:
            rule = self.rules.get(f.code)
            self.per_rule[(f.code, getattr(rule, "summary", "") or f.name, f.severity)] += 1
        if self.directory is None:
            if self.entries:
                raise ValueError("several files need a folder for their reports (--output DIR)")
            self.stream.write(doc)
        else:
            self.directory.mkdir(parents=True, exist_ok=True)
            href = report_name(name, self.taken)
            (self.directory / href).write_text(doc, encoding="utf-8")
        self.entries.append((name, "" if self.directory is None else href, _counts(findings)))

    def close(self, files: int) -> None:
        if self.directory is not None:
            page_ = index(self.entries, self.per_rule if self.statistics else None)
            (self.directory / "index.html").write_text(page_, encoding="utf-8")
