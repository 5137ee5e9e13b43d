"""The ``audit`` command: every input → a row of ``notices``, every finding → a row of
``findings`` (``DIR/notices.<ext>``, ``DIR/findings.<ext>``), written as the inputs are
checked, resumable after a kill (``--resume``), on this machine or a Dask cluster.

Resuming: after every few hundred inputs (and at least every second) both tables are flushed
and a line is appended to ``DIR/.audit-journal.jsonl``: how many inputs are done and where
each table ends. Results are written in input order, so the inputs done are always the first
N; ``--resume`` truncates the tables to the journal's last line and checks the rest. The
journal's first line names the inputs (their count and a digest of their names) and the
settings: a resume with other inputs or settings is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .errors import CliError
from .options import batch_options, rule_options

JOURNAL = ".audit-journal.jsonl"
_CHECKPOINT_EVERY = 500     # inputs
_CHECKPOINT_SECONDS = 1.0


def add_parser(sub) -> None:
    a = sub.add_parser("audit", help="批量检查，输出每篇通报一行的表格和问题表格")
    a.add_argument("paths", nargs="*", metavar="PATH",
                   help="文件、目录（递归）、JSONL 语料（每行 id、url、text 或 html）或 -")
    a.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="输出目录：notices.<格式> 和 findings.<格式>")
    a.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv",
                   help="表格格式（parquet 需安装 rectify-rules[audit]）")
    a.add_argument("--files-from", metavar="FILE", help="从文件读取路径列表，每行一个（- 为标准输入）")
    a.add_argument("--resume", action="store_true", help="从上次中断处继续")
    batch_options(a, "输入", "记为无法读取")
    a.add_argument("--scheduler", metavar="ADDRESS",
                   help="在 Dask 集群上运行，如 tcp://HOST:8786（需安装 rectify-rules[dask]）")
    rule_options(a)
    a.add_argument("--no-progress", action="store_true", help="不显示进度条")
    a.add_argument("--exit-zero", action="store_true", help="有问题时也以 0 退出")




# --- inputs -----------------------------------------------------------------------------

def _listed(files_from: str | None) -> list[str]:
    if not files_from:
        return []
    try:
        raw = (sys.stdin.buffer.read() if files_from == "-"
               else Path(files_from).read_bytes())
    except OSError as e:
        from ..read import os_problem

        raise CliError(f"{files_from}: error: 无法读取路径列表：{os_problem(e)}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def corpus_sources(path: str) -> list:
    """One Source per non-blank line of a JSONL corpus (its offset and length; workers read
    and parse the line themselves, so the corpus is never held in memory)."""
    from ..audit import Source

    out = []
    try:
        with open(path, "rb") as f:
            offset = 0
            for no, line in enumerate(f, 1):
                if line.strip():
                    out.append(Source(path, path, no, offset, len(line)))
                offset += len(line)
    except OSError as e:
        from ..read import os_problem

        raise CliError(f"{path}: error: 无法读取：{os_problem(e)}") from None
    return out


def is_corpus(path: str) -> bool:
    return path.lower().endswith(".jsonl") and Path(path).is_file()


def collect_sources(paths: list[str], listed: list[str], excluded, output: Path) -> list:
    from ..audit import Source
    from .batch import STDIN, STDIN_NAME, collect

    out_dir = output.resolve()
    corpora = sorted({p for p in [*paths, *listed] if is_corpus(p)})
    files = [p for p in paths if p not in corpora]
    named = [p for p in listed if p not in corpora]
    sources = []
    if files or named:
        for f in collect(files, lambda p: excluded(p) or _inside(p, out_dir), named):
            if f == STDIN:
                sources.append(Source(f, STDIN_NAME, data=sys.stdin.buffer.read()))
            else:
                sources.append(Source(f, f))
    for c in corpora:
        sources.extend(corpus_sources(c))
    if not sources:
        raise CliError("rectify-rules audit: error: 没有要检查的输入（给出路径或 --files-from）")
    return sources


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except ValueError:
        return False


# --- the journal ------------------------------------------------------------------------

def _header(fmt: str, sources: list, settings) -> dict:
    import hashlib

    import attrs

    digest = hashlib.sha256("\n".join(s.key for s in sources).encode()).hexdigest()
    conf = json.dumps(attrs.asdict(settings), sort_keys=True, default=str, ensure_ascii=False)
    return {"journal": 1, "format": fmt, "inputs": len(sources), "digest": digest,
            "settings": hashlib.sha256(conf.encode()).hexdigest()}


def _read_journal(path: Path) -> tuple[dict | None, dict | None]:
    header = last = None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None, None
    for line in lines:
        try:
            obj = json.loads(line)
        except ValueError:
            continue  # a line cut by the kill
        if "journal" in obj:
            header = obj
        else:
            last = obj
    return header, last


# --- the command ------------------------------------------------------------------------

def cmd_audit(args: argparse.Namespace) -> int:
    from ..audit.rows import FINDING_COLUMNS, NOTICE_COLUMNS
    from ..audit.tables import ResumeError, open_table
    from .app import _Resolver

    if args.jobs < 1:
        raise CliError("--jobs: 应为正整数")
    if args.format == "parquet":
        _need("pyarrow", "audit")
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise CliError(f"{args.output}: error: 不是目录")
    args.paths = args.paths or []
    for p in args.paths:
        if p != "-" and not Path(p).exists():
            raise CliError(f"{p}: error: 文件不存在")
    resolver = _Resolver(args)
    settings = resolver.settings_for(args.paths[0] if args.paths else str(Path.cwd() / "x"))
    sources = collect_sources(args.paths, _listed(args.files_from), resolver.excluded, out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        from ..read import os_problem

        raise CliError(f"{args.output}: error: 无法创建目录：{os_problem(e, writing=True)}") from None
    ext = args.format
    npath, fpath, jpath = out / f"notices.{ext}", out / f"findings.{ext}", out / JOURNAL
    header = _header(args.format, sources, settings)
    done, resume_at, hit = 0, (None, None), False
    if args.resume:
        old, last = _read_journal(jpath)
        if old is None:
            print(f"rectify-rules: {out} 中没有可续跑的记录，从头开始", file=sys.stderr)
        elif old != header:
            what = ("格式" if old.get("format") != header["format"] else
                    "输入" if old.get("inputs") != header["inputs"]
                    or old.get("digest") != header["digest"] else "规则或设置")
            raise CliError(f"{args.output}: error: 与上次运行的{what}不同，无法续跑"
                           "（去掉 --resume 重新开始）")
        elif last is not None:
            if last.get("complete"):
                print(f"rectify-rules: {out} 中的表格已完成，无需续跑", file=sys.stderr)
                return 0 if args.exit_zero or not last.get("hit") else 1
            done, hit = last["done"], bool(last.get("hit"))
            resume_at = (last["notices"], last["findings"])
    if done == 0:
        resume_at = (None, None)
    try:
        notices = open_table(args.format, npath, NOTICE_COLUMNS, resume_at[0])
        findings = open_table(args.format, fpath, FINDING_COLUMNS, resume_at[1])
    except ResumeError as e:
        raise CliError(str(e)) from None
    journal = open(jpath, "a" if done else "w", encoding="utf-8")
    if not done:
        journal.write(json.dumps(header) + "\n")
        journal.flush()
    fail = {"error": 3, "warning": 2, "info": 1}[settings.fail_on]
    rank = {"error": 3, "warning": 2, "info": 1}
    todo = sources[done:]
    counts = {"rows": done, "findings": 0, "unreadable": 0}

    def checkpoint(n: int) -> None:
        entry = {"done": n, "notices": notices.position(), "findings": findings.position(),
                 "hit": hit}
        journal.write(json.dumps(entry) + "\n")
        journal.flush()

    from .progress import progress

    with progress(len(todo), not args.no_progress) as advance:
        last_cp, n = time.monotonic(), done
        for nrow, frows in _results(todo, settings, args):
            findings.write(frows)
            notices.write((nrow,))
            n += 1
            counts["findings"] += len(frows)
            counts["unreadable"] += nrow[3] == "unreadable"
            hit = hit or any(rank.get(r[4], 0) >= fail for r in frows)
            advance()
            now = time.monotonic()
            if n - done >= _CHECKPOINT_EVERY or now - last_cp >= _CHECKPOINT_SECONDS:
                checkpoint(n)
                done, last_cp = n, now
    checkpoint(len(sources))
    notices.close()
    findings.close()
    journal.write(json.dumps({"done": len(sources), "complete": True, "hit": hit}) + "\n")
    journal.close()
    print(f"rectify-rules: {_summary(len(sources), len(todo), counts)}：{npath}、{fpath}",
          file=sys.stderr)
    if args.exit_zero:
        return 0
    return 1 if hit else 0


def _summary(total: int, checked: int, counts: dict) -> str:
    """What the run did; a resumed run says what it added to the tables, not what they hold."""
    unreadable, found = counts["unreadable"], counts["findings"]
    if checked == total:
        return f"{total} 个输入（{unreadable} 个无法读取），{found} 个问题"
    return (f"{total} 个输入，续跑检查了其余 {checked} 个（其中 {unreadable} 个无法读取），"
            f"新增 {found} 个问题")


def _results(sources: list, settings, args):
    """(notice row, finding rows) per source, in order: here, in a process pool, or on a
    Dask cluster."""
    if args.scheduler:
        _need("distributed", "dask")
        from ..dask import audit_on_cluster

        yield from audit_on_cluster(sources, settings, args.scheduler)
        return
    from .pool import map_ordered

    yield from map_ordered(_audit_item, sources, settings, args.jobs, _audit_crashed)


def _audit_crashed(src):
    from ..audit.rows import error_row

    return error_row(src, "检查进程意外退出（内存耗尽或程序库崩溃），已跳过"), []


def _audit_item(src):
    from ..audit.rows import audit_source
    from .pool import worker_settings

    return audit_source(src, worker_settings())


def _need(module: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise CliError(f"rectify-rules: error: 需要安装 {module}：pip install "
                       f"'rectify-rules[{extra}]'")
