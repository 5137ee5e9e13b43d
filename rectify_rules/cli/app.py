"""Argument parsing and the ``check`` command. Other commands live in :mod:`.commands`.

Start-up is kept cheap: argparse only at import; the engine, the parser, rich and dateparser
are imported by the command that needs them.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from .. import __version__
from ..limits import FILE_MEMORY_MB, FILE_TIMEOUT
from .config import GENRES, LEVELS, Config, find_config, load_config, parse_as_of
from .errors import CliError, check_rule_dirs, did_you_mean
from .outputs import choose_format
from .options import batch_options, codes, rule_options
from .parser import Parser as _Parser

FORMATS = ("rich", "concise", "json", "jsonl", "sarif", "github", "html")
_RANK = {"info": 1, "warning": 2, "error": 3}


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="rectify-rules",
                description="检查巡察/巡视整改进展情况通报和整改报告。")
    p.add_argument("--version", action="version", version=f"rectify-rules {__version__}",
                   help="显示版本号并退出")
    p.add_argument("--debug", action="store_true", help="出错时显示完整的调用栈")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("check", help="检查通报，报告问题")
    c.add_argument("paths", nargs="+", metavar="PATH", help="文件、目录（递归）或 - 表示标准输入")
    c.add_argument("--format", choices=FORMATS, help="输出格式（终端默认 rich，否则 concise；"
                   "html 为可打印的审校报告）")
    c.add_argument("--output", "-o", metavar="FILE",
                   help="写入此文件（UTF-8）；html 检查多个文件时为目录")
    c.add_argument("--verbose", "-v", action="store_true", help="显示规则看到的值")
    rule_options(c)
    batch_options(c, "文件", "跳过并报错")
    c.add_argument("--no-progress", action="store_true", help="不显示进度条")
    c.add_argument("--statistics", action="store_true", help="按规则统计问题数")
    c.add_argument("--exit-zero", action="store_true", help="有问题时也以 0 退出")

    e = sub.add_parser("extract", help="输出解析得到的通报模型（JSON）")
    e.add_argument("path", metavar="PATH")
    e.add_argument("--format", choices=("json",), default="json")
    e.add_argument("--genre", choices=GENRES)

    r = sub.add_parser("rules", help="列出规则目录")
    r.add_argument("--format", choices=("table", "json"), default="table")
    r.add_argument("--rules", action="append", default=[], metavar="DIR")

    x = sub.add_parser("explain", help="解释一条规则")
    x.add_argument("code", metavar="CODE")
    x.add_argument("--rules", action="append", default=[], metavar="DIR")

    t = sub.add_parser("test-rules", help="运行规则包中的示例")
    t.add_argument("directory", metavar="DIR")
    for q in (e, r, x, t):
        q.add_argument("--output", "-o", metavar="FILE", help="写入此文件（UTF-8）")

    from .review_cmd import add_parsers

    add_parsers(sub)  # review, serve

    from .audit import add_parser

    add_parser(sub)
    return p


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        raise CliError("rectify-rules: error: 缺少命令（check、audit、review、serve、extract、rules、"
                       "explain、test-rules）")
    if args.command == "check":
        return cmd_check(args)
    if args.command == "audit":
        from .audit import cmd_audit

        return cmd_audit(args)
    if hasattr(args, "handler"):  # review, serve
        return args.handler(args)
    from . import commands
    from .outputs import redirected

    with redirected(args.output):
        return getattr(commands, "cmd_" + args.command.replace("-", "_"))(args)


# --- check -----------------------------------------------------------------------------

def _flag_severity(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        for part in codes(item):
            code, sep, level = part.partition("=")
            level = level.strip().lower()
            if not sep or not code.strip():
                raise CliError(f"--severity: 应写作 CODE=LEVEL，而不是 {part!r}")
            if level not in LEVELS:
                raise CliError(f"--severity: 级别应为 {'|'.join(LEVELS)}，而不是 {level!r}"
                               + did_you_mean(level, LEVELS))
            code = code.strip()
            out[code.upper() if re.fullmatch(r"[A-Za-z]{1,3}[0-9]{0,3}", code) else code] = level
    return out


def _flat(lists: list[list[str]] | None) -> tuple[str, ...] | None:
    return None if lists is None else tuple(c for group in lists for c in group)


class _Resolver:
    """Finds the configuration of each file and merges it with the flags into Settings."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.forced = load_config(_existing(args.config)) if args.config else None
        self.found: dict[Path, Path | None] = {}
        self.configs: dict[Path | None, Config] = {}
        self.folders: dict[str, Config] = {}
        self.settings: dict[Path | None, Any] = {}
        self.flag_severity = _flag_severity(args.severity)
        check_rule_dirs(args.rules or ())  # named as typed; configured folders in _validate
        self.flag_as_of = parse_as_of(args.as_of) if args.as_of else None

    def config_for(self, path: str) -> Config:
        import os.path

        if self.forced is not None:
            return self.forced
        if path == "-" or os.path.islink(path):  # a link's folder is its target's
            return self._config_in(Path.cwd() if path == "-" else Path(path).resolve().parent)
        # the files of one folder share its configuration: the folder is resolved once, not
        # twice for every file (excluded, then settings_for)
        folder = os.path.dirname(path)
        if folder not in self.folders:
            self.folders[folder] = self._config_in(Path(folder or ".").resolve())
        return self.folders[folder]

    def _config_in(self, start: Path) -> Config:
        cfg_path = find_config(start, self.found)
        if cfg_path not in self.configs:
            self.configs[cfg_path] = load_config(cfg_path) if cfg_path else Config()
        return self.configs[cfg_path]

    def excluded(self, path: Path) -> bool:
        from .batch import is_excluded

        cfg = self.config_for(str(path))
        return is_excluded(path, cfg.exclude, cfg.root)

    def settings_for(self, path: str):
        cfg = self.config_for(path)
        if cfg.path in self.settings:
            return self.settings[cfg.path]
        from .batch import Settings

        a = self.args
        rules = tuple(str(Path(d).resolve()) for d in a.rules) if a.rules else cfg.rules
        genre = cfg.genre if a.genre is None else (None if a.genre == "auto" else a.genre)
        s = Settings(rules=rules,
                     select=_flat(a.select) if a.select else cfg.select,
                     ignore=_flat(a.ignore) if a.ignore else cfg.ignore,
                     severity={**cfg.severity, **self.flag_severity},
                     options=dict(cfg.options),
                     as_of=self.flag_as_of or cfg.as_of,
                     genre=genre,
                     fail_on=a.fail_on or cfg.fail_on or "error",
                     whole_text=getattr(self, "whole_text", False),
                     source_lines=getattr(self, "source_lines", True),
                     timeout=getattr(a, "timeout", FILE_TIMEOUT) or None,
                     max_memory=getattr(a, "max_memory", FILE_MEMORY_MB) or None)
        _validate(s, cfg, a, self.flag_severity)
        self.settings[cfg.path] = s
        return s


def _existing(path: str) -> Path:
    p = Path(path)
    if p.is_dir():
        raise CliError(f"{path}: error: 是目录，不是配置文件")
    if not p.is_file():
        raise CliError(f"{path}: error: 配置文件不存在")
    return p


def _validate(s, cfg: Config, args: argparse.Namespace, flag_severity: dict[str, str]) -> None:
    """Check every code the flags and the configuration name, then load the pack, so that a
    broken pack or an unknown code stops before any file is read. The error names where the
    code was written: the flag, or the configuration file and its key."""
    from ..engine.errors import UnknownCodeError
    from ..engine.pack import validate_tokens
    from .batch import full_pack, get_pack

    check_rule_dirs(s.rules)
    pack = full_pack(s.rules)
    in_cfg = f"{cfg.path}: error: " if cfg.path else "rectify-rules: error: "
    flag = "rectify-rules: error: --"
    places = (
        ("select", s.select or (), flag if args.select else in_cfg),
        ("ignore", s.ignore or (), flag if args.ignore else in_cfg),
        ("severity", tuple(flag_severity), flag),
        ("severity", tuple(k for k in cfg.severity if k not in flag_severity), in_cfg),
        ("options", tuple(s.options), in_cfg),
    )
    for what, tokens, where in places:
        for token in tokens:
            try:
                validate_tokens(pack, [token], what)
            except UnknownCodeError:
                raise CliError(f"{where}{what}: 未知的规则代码或前缀 {token!r}"
                               + _closest_rule(pack, str(token))) from None
    _validate_options(pack, s.options, in_cfg)
    get_pack(s)


_OPTION_TYPES = {"true or false": "true 或 false", "an integer": "整数", "a number": "数字",
                 "a string": "字符串", "a list": "列表", "a table": "表"}


def _validate_options(pack, options, where: str) -> None:
    """Each ``[options.CODE]`` key must be one the rule declares, of the declared type: an
    option the rule does not read, or cannot read, is a configuration error before any file
    is checked (it was an internal error on every file, or silently ignored)."""
    from ..engine.errors import OptionError
    from ..engine.pack import resolve_options

    try:
        resolve_options(pack, {k: dict(v) for k, v in options.items()})
    except OptionError as e:
        key = f"options.{e.code}.{e.key}"
        if e.expected is not None:
            raise CliError(f"{where}{key}: 应为{_OPTION_TYPES.get(e.expected, e.expected)}，"
                           f"而不是 {e.value!r}") from None
        known = "、".join(e.known)
        hint = did_you_mean(e.key, e.known) if e.known else ""
        raise CliError(f"{where}{key}: 规则 {e.code} 没有这个选项"
                       + (hint or (f"（它的选项有：{known}）" if known else "（它没有可设置的选项）"))) from None


def _closest_rule(pack, token: str) -> str:
    """A did-you-mean among the codes first, then the rule names, then the code prefixes."""
    for word, choices in ((token.upper(), pack.codes), (token, [r.name for r in pack.rules]),
                          (token.upper(), sorted({c[:3] for c in pack.codes}))):
        hint = did_you_mean(word, choices)
        if hint:
            return hint
    return ""


def cmd_check(args: argparse.Namespace) -> int:
    from .batch import STDIN, STDIN_NAME, Task, collect, iter_results
    from .progress import progress, shown

    if args.jobs < 1:
        raise CliError("--jobs: 应为正整数")
    if not 0 <= args.timeout < 1e6:
        raise CliError("--timeout: 应为不小于 0 的秒数")
    if args.max_memory < 0:
        raise CliError("--max-memory: 应为不小于 0 的 MB 数")
    resolver = _Resolver(args)
    from ..output import shows_lines

    fmt = choose_format(args)
    resolver.whole_text = fmt == "html"  # the report shows the whole notice
    resolver.source_lines = shows_lines(fmt)  # json, sarif …: no lines to carry
    files = collect(args.paths, resolver.excluded)
    tasks = []
    for f in files:
        s = resolver.settings_for(f)
        if f == STDIN:
            tasks.append(Task(f, STDIN_NAME, s, data=sys.stdin.buffer.read()))
        else:
            tasks.append(Task(f, f, s))
    out = _output(args, tasks)
    render = (out[0], tuple(out[1].values()), out[2])
    results = iter_results(tasks, args.jobs, render)  # rendered as checked: the report writes text
    if shown(len(tasks), not args.no_progress):
        # findings are written as files are checked while the bar is drawn (progress.py);
        # the writer is opened inside, on the sys.stdout the bar may have redirected
        with progress(len(tasks), True) as advance:
            return report(args, tasks, _advancing(results, advance), out)
    return report(args, tasks, results, out)  # written as files are checked


def _advancing(results, advance):
    for r in results:
        yield r
        advance()


def _output(args: argparse.Namespace, tasks) -> tuple[str, dict, dict]:
    """The format, the rules it may describe (code → RuleInfo) and the writer's options."""
    from ..output import rule_info
    from .batch import get_pack
    from .outputs import writer_options

    fmt = choose_format(args)
    rules = {}
    for settings in dict.fromkeys(t.settings for t in tasks):  # each pack once, not per file
        for rule in get_pack(settings).rules:
            if rule.code not in rules:
                rules[rule.code] = rule_info(rule)
    return fmt, rules, writer_options(args, fmt, len(tasks))


def report(args: argparse.Namespace, tasks, results, out: tuple[str, dict, dict]) -> int:
    """Write the findings of *results* (an iterable, consumed once) and return the exit code.

    A file that could not be read prints its one line on stderr; the others are still written.
    A result a worker rendered (``r.rendered``) is written as it is.
    """
    from collections import Counter

    from ..output import open_writer
    from .outputs import output_stream, print_statistics, tell_report_folder

    fmt, rules, options = out
    fail = {t.name: _RANK[t.settings.fail_on] for t in tasks}
    errors = hit = False
    count = failed = 0
    per_rule: Counter = Counter()
    with output_stream(args, options) as stream:
        writer = open_writer(fmt, stream, rules=tuple(rules.values()),
                             statistics=args.statistics, **options)
        for r in results:
            count += 1
            for note in getattr(r, "notes", ()):  # rules that could not finish on the file
                stream.flush()
                print(note, file=sys.stderr)
            if r.error:
                stream.flush()  # keep stdout and stderr in the order things happened
                print(r.error, file=sys.stderr)
                errors = True
                failed += 1
                continue
            if r.rendered is None:
                writer.file(r.findings, r.lines, r.name)
                seen = [(f.code, f.name, f.severity) for f in r.findings]
            else:
                writer.write_rendered(r.rendered, r.name)
                seen = [(code, name, severity) for code, name, severity, _ in r.rendered]
            level = fail.get(r.name, 3)
            hit = hit or any(_RANK.get(severity, 0) >= level for _, _, severity in seen)
            # counted in C, then each (rule, severity) of the file once (~70 findings, ~10 rules)
            for (code, name, severity), n in Counter(seen).items():
                per_rule[code, rules[code].summary if code in rules else name, severity] += n
        writer.close(count - failed)  # files read and checked
        stream.flush()
    if args.statistics:
        print_statistics(fmt, per_rule)
    tell_report_folder(options, count - failed)
    if errors:
        return 2
    if args.exit_zero:
        return 0
    return 1 if hit else 0

