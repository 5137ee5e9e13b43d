"""Batch checking: collect the files, check each (in a process pool with ``--jobs``), keep order.

A worker parses and checks one file and returns a :class:`FileResult` — findings plus the few
source lines they point at — so the parent never re-reads a file. Results are reported in
sorted path order whatever order the workers finish in. A file that cannot be read becomes a
one-line error in its result; the other files are still checked.

Each file runs under a time and memory budget (``--timeout``, ``--max-memory``; see
:mod:`.budget`): a file over it becomes an error result with its reason (``failure`` =
"timeout" / "memory") and the batch goes on. A pool worker that dies all the same (a crash in
a C library) loses no other file's result: the pool is started again and the file whose
result was lost is checked alone, then reported as "crash" if it kills that worker too.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from ..findings import Finding, Fix, Location, Related
from ..limits import FILE_MEMORY_MB, FILE_TIMEOUT
from ..model import Span
from .errors import CliError
from .pool import (die_with_parent, map_ordered, settle_heap, worker_found_renderer,
                   worker_renderer, worker_settings)

SUFFIXES = (".txt", ".docx", ".html", ".htm")
#: saved web pages: read from a folder when their content is HTML (so are extensionless files)
PAGE_SUFFIXES = (".shtml", ".xhtml", ".jsp", ".jspx", ".asp", ".aspx", ".php", ".do", ".cgi")
STDIN = "-"
STDIN_NAME = "<stdin>"


@frozen
class Settings:
    """Everything that decides how one file is checked (picklable, sent to workers)."""

    rules: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severity: Mapping[str, str] = field(factory=dict, hash=False)
    options: Mapping[str, Mapping[str, Any]] = field(factory=dict, hash=False)
    as_of: _dt.date | None = None
    genre: str | None = None
    fail_on: str = "error"
    whole_text: bool = False    # every line in the result, not only those findings point at
    #: the lines findings point at, in the result (False: a format that never shows them)
    source_lines: bool = True
    #: CPU seconds and extra MB one file may take (None or 0: no budget)
    timeout: float | None = FILE_TIMEOUT
    max_memory: int | None = FILE_MEMORY_MB

    @property
    def pack_key(self) -> tuple:
        return (self.rules, self.select, self.ignore)


@frozen
class Task:
    path: str        # path to read, or "-" for stdin
    name: str        # the name shown in output
    settings: Settings
    data: bytes | None = None   # stdin's bytes (read by the parent)


@frozen
class FileResult:
    name: str
    findings: tuple = ()
    lines: Mapping[int, str] = field(factory=dict, hash=False)
    error: str | None = None
    #: why there is an error: "unreadable", "timeout", "memory", "crash" or "internal"
    failure: str | None = None
    #: one-line notes on rules that could not finish on this file (user patterns over budget)
    notes: tuple[str, ...] = ()
    #: the findings as the output format writes them, rendered by a worker
    #: (``output.Rendered`` tuples; ``findings`` and ``lines`` are then empty), or None
    rendered: tuple | None = None


def collect(paths: Sequence[str], excluded: Callable[[Path], bool],
            listed: Sequence[str] = ()) -> list[str]:
    """Files to check: named files as given, folders recursed (sorted, hidden dirs skipped).
    *listed* (``--files-from``) are taken as they are: one that does not exist is a file
    whose result is an error, not a failed run."""
    out: list[str] = []
    for p in listed:
        path = Path(p)
        out.extend(str(f) for f in _walk(path) if not excluded(f)) if path.is_dir() \
            else out.append(p)
    for p in paths:
        if p == STDIN:
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = [f for f in _walk(path) if not excluded(f)]
            if not found:
                raise CliError(f"{p}: error: 目录中没有可检查的文件（{' '.join(SUFFIXES)}、"
                               "网页）")
            out.extend(str(f) for f in found)
        elif path.exists():
            out.append(str(path))
        else:
            raise CliError(f"{p}: error: 文件不存在")
    # sorted paths, each once (stdin first)
    unique = sorted(set(out), key=lambda s: (s != STDIN, Path(s).as_posix()))
    return unique


def _walk(root: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith((".", "~$")) or name.endswith(("#", "~")):
                continue  # hidden, and the lock / backup files of Word, WPS, LibreOffice
            lower = name.lower()
            if lower.endswith(SUFFIXES):
                yield Path(dirpath) / name
            elif (lower.endswith(PAGE_SUFFIXES) or "." not in name) and _is_page(
                    Path(dirpath) / name):
                yield Path(dirpath) / name


def _is_page(path: Path) -> bool:
    """A saved web page whatever its name: its first bytes are HTML."""
    from ..read import looks_like_html

    try:
        with open(path, "rb") as f:
            return looks_like_html(f.read(4096))
    except OSError:
        return False


def is_excluded(path: Path, patterns: Sequence[str], root: Path) -> bool:
    """True when *path* (relative to the configuration's folder) matches an exclude glob."""
    if not patterns:
        return False
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(path.name, g)
               or any(fnmatch.fnmatch(part, g) for part in Path(rel).parts[:-1])
               for g in patterns)


# --- the worker ------------------------------------------------------------------------

_PACKS: dict[tuple, Any] = {}


def full_pack(rules: tuple[str, ...]):
    """The built-in pack plus the packs in *rules*, loaded once per process."""
    key = ("full", rules)
    pack = _PACKS.get(key)
    if pack is None:
        from ..engine import load_rules

        pack = _PACKS[key] = load_rules(*rules)
    return pack


def get_pack(settings: Settings):
    """The selected rule pack for *settings*, loaded once per process."""
    key = settings.pack_key
    pack = _PACKS.get(key)
    if pack is None:
        from ..engine import select_rules

        pack = select_rules(full_pack(settings.rules), settings.select, settings.ignore)
        _PACKS[key] = pack
    return pack


def check_task(task: Task, render_found: Callable | None = None) -> FileResult:
    """Read, parse and check one file (runs in a worker with ``--jobs``), within the
    settings' time and memory budget. With *render_found* (``output.found_renderer``), the
    result holds the findings rendered (``rendered``) instead of the findings."""
    from .budget import FileTimeout, file_budget

    s = task.settings
    get_pack(s)  # loaded outside the file's budget (once per process)
    try:
        with file_budget(s.timeout, s.max_memory):
            return _check_task(task, render_found)
    except FileTimeout:
        return _failed(task, "timeout", f"处理超时（超过 {s.timeout:g} 秒 CPU 时间），已跳过")
    except MemoryError:
        return _failed(task, "memory", f"内存超出限制（超过 {s.max_memory} MB），已跳过")


def _failed(task: Task, failure: str, problem: str) -> FileResult:
    return FileResult(task.name, error=f"{task.name}: error: {problem}", failure=failure)


def _check_task(task: Task, render_found: Callable | None = None) -> FileResult:
    from ..engine.evaluate import findings_of, found_parsed
    from ..parsing import parse_source
    from ..read import InputError, load

    try:
        text, _ = load(task.data if task.data is not None else Path(task.path))
    except InputError as e:
        problem = getattr(e, "problem", None) or str(e)
        return _failed(task, "unreadable", _one_line(problem))
    except OSError as e:
        from ..read import os_problem

        return _failed(task, "unreadable", f"无法读取：{os_problem(e)}")
    s = task.settings
    notes: list[str] = []
    try:
        notice, src = parse_source(text, genre=s.genre)
        found, redacted = found_parsed(notice, src, get_pack(s), as_of=s.as_of,
                                       severity=dict(s.severity) or None,
                                       options={k: dict(v) for k, v in s.options.items()} or None,
                                       notes=notes)
        if render_found is not None and not redacted:  # text only: no Finding built
            return FileResult(task.name, notes=tuple(f"{task.name}: warning: {n}" for n in notes),
                              rendered=tuple(render_found(found, src, task.name)))
        findings = findings_of(found, src, task.name, redacted)
    except Exception as e:  # a bug must not sink a batch of a thousand files
        if os.environ.get("RECTIFY_RULES_DEBUG"):
            raise
        return _failed(task, "internal", f"内部错误（请报告）：{type(e).__name__}: {_one_line(e)}")
    if not (s.source_lines or s.whole_text):  # json, sarif …: the lines are never shown
        return FileResult(task.name, tuple(findings),
                          notes=tuple(f"{task.name}: warning: {n}" for n in notes))
    if s.whole_text:
        rows = set(range(1, src.index.line_count + 1))
    else:
        rows = {f.location.row for f in findings}
        rows.update(r.location.row for f in findings for r in f.related)
    index, text = src.index, src.original
    lines = index.line_texts(text, rows)
    secret = [sp for f in findings for sp in f.redactions]
    if secret:  # personal data (PRV rules): the lines shown are masked like the findings
        from ..redact import redacted_lines

        lines = redacted_lines(lines, index.line_bounds, text, secret)
    return FileResult(task.name, tuple(findings), lines,
                      notes=tuple(f"{task.name}: warning: {n}" for n in notes))


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split("\n")).strip()
    return text or type(e).__name__


def iter_results(tasks: Sequence[Task], jobs: int,
                 render: tuple | None = None) -> Iterator[FileResult]:
    """Check every task; yield the results in the order of *tasks* as they are ready.

    With ``jobs > 1`` a process pool checks the files: each worker loads the rule pack once (its
    initializer), receives the shared settings once, and gets the files in chunks, so what
    crosses between processes per file is its path (or stdin's bytes) and its FileResult
    (packed as plain tuples, see :func:`_pack`). With *render* = ``(format, rules, options)``
    of a format that renders findings one by one (``output.renderer``), the workers also
    render them, and the parent process is left with writing text. A format that renders the
    engine's findings as found (json, jsonl: ``output.found_renderer``) renders them in
    :func:`check_task` with any number of jobs, and no Finding is built for them.
    """
    if jobs <= 1 or len(tasks) <= 1:
        direct = None
        if render is not None:  # a format that renders the engine's findings as they are
            from ..output import found_renderer

            fmt, rules, options = render
            direct = found_renderer(fmt, rules=rules, **options)
        for t in tasks:
            yield check_task(t, direct)
            settle_heap()
        return
    settings = tasks[0].settings
    if any(t.settings != settings for t in tasks):  # not from the CLI; one by one then
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            yield from pool.map(check_task, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))
        return
    items = [(t.path, t.name, t.data) for t in tasks]
    yield from map(_unpack, map_ordered(_check_item, items, settings, jobs, _crashed_item,
                                        render))


def _crashed_item(item: tuple[str, str, bytes | None]) -> tuple:
    name = item[1]
    return _pack(FileResult(name, error=f"{name}: error: 检查进程意外退出（内存耗尽或程序库崩溃），"
                                        "已跳过", failure="crash"))


def _check_item(item: tuple[str, str, bytes | None]) -> tuple:
    path, name, data = item
    result = check_task(Task(path, name, worker_settings(), data), worker_found_renderer())
    render = worker_renderer()
    if render is not None and result.error is None and result.rendered is None:
        try:
            rendered = tuple((f.code, f.name, f.severity, render(f)) for f in result.findings)
        except Exception:  # noqa: BLE001 - e.g. a rule the format was not told of: as objects
            return _pack(result)
        return result.name, (), {}, None, result.failure, result.notes, rendered
    return _pack(result)


# A result crosses back from a worker as plain tuples, rebuilt by the parent: pickle writes and
# reads tuples of text and numbers in C, while attrs objects (~70 findings a file, each with
# its spans and locations) go field by field through Python: this halves the cost both sides.

def _pack(result: FileResult) -> tuple:
    return (result.name, tuple(map(_pack_finding, result.findings)), result.lines, result.error,
            result.failure, result.notes, result.rendered)


def _pack_finding(f: Finding) -> tuple:
    related = tuple((*_pack_place(r.span, r.location, r.end_location), r.message, r.excerpt)
                    for r in f.related)
    fix = None if f.fix is None else (f.fix.replacement, f.fix.span.start, f.fix.span.end,
                                      f.fix.safe)
    return (f.code, f.name, f.severity, f.message, *_pack_place(f.span, f.location, f.end_location),
            f.excerpt, f.values, related, fix, f.reference, f.filename,
            tuple((r.start, r.end) for r in f.redactions))


def _pack_place(span: Span, start: Location, end: Location) -> tuple[int, ...]:
    return span.start, span.end, start.row, start.column, end.row, end.column


def _unpack(packed: tuple) -> FileResult:
    name, findings, lines, error, failure, notes, rendered = packed
    return FileResult(name, tuple(map(_unpack_finding, findings)), lines, error, failure, notes,
                      rendered)


def _unpack_finding(t: tuple) -> Finding:
    code, name, severity, message, s0, s1, r0, c0, r1, c1, excerpt, values, related, fix, \
        reference, filename, redactions = t
    rel = tuple(Related(Span(a, b), Location(ra, ca), Location(rb, cb), msg, ex)
                for a, b, ra, ca, rb, cb, msg, ex in related)
    fx = None if fix is None else Fix(fix[0], Span(fix[1], fix[2]), fix[3])
    return Finding(code, name, severity, message, Span(s0, s1), Location(r0, c0), Location(r1, c1),
                   excerpt, values, rel, fx, reference, filename,
                   tuple(Span(a, b) for a, b in redactions))
