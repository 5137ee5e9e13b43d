"""Options that several commands share, defined once: the rule choice (check, review, serve,
audit) and the per-file budget and workers (check, audit)."""

from __future__ import annotations

import argparse

from ..limits import FILE_MEMORY_MB, FILE_TIMEOUT
from .config import FAIL_LEVELS, GENRES


def codes(text: str) -> list[str]:
    """``--select E,W`` → ``["E", "W"]``."""
    return [c.strip() for c in text.split(",") if c.strip()]


def rule_options(p: argparse.ArgumentParser) -> None:
    """The options that choose and tune the rules (read by app._Resolver)."""
    p.add_argument("--select", action="append", type=codes, help="只运行这些规则（代码或前缀）")
    p.add_argument("--ignore", action="append", type=codes, help="不运行这些规则")
    p.add_argument("--severity", action="append", default=[], metavar="CODE=LEVEL",
                   help="改变规则级别：error|warning|info|off（可重复）")
    p.add_argument("--fail-on", choices=FAIL_LEVELS, help="达到此级别的问题使退出码为 1")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="附加规则包目录")
    p.add_argument("--as-of", metavar="DATE", help="参照日期，如 2021-06-30、yesterday")
    p.add_argument("--genre", choices=GENRES, help="文种：auto|notice|report")
    p.add_argument("--config", metavar="FILE", help="使用此配置文件")


def batch_options(p: argparse.ArgumentParser, unit: str, over: str) -> None:
    """``--jobs`` and the per-file budget; *unit* names what is budgeted (文件, 输入) and *over*
    what becomes of one over budget."""
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="并行进程数")
    p.add_argument("--timeout", type=float, default=FILE_TIMEOUT, metavar="SECONDS",
                   help=f"每个{unit}最多用的 CPU 秒数，超过即{over}（默认 {FILE_TIMEOUT:g}，0 为不限）")
    p.add_argument("--max-memory", type=int, default=FILE_MEMORY_MB, metavar="MB",
                   help=f"每个{unit}最多另用的内存 MB，超过即{over}（默认 {FILE_MEMORY_MB}，0 为不限）")
