"""Errors the CLI reports as one line on stderr with exit code 2."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class CliError(Exception):
    """A usage, configuration or input problem: ``str(e)`` is the one line to print."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"（是否想写 'x'？）"`` for the closest choice, or ``""``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"（是否想写 '{close[0]}'？）" if close else ""


def check_rule_dirs(dirs) -> None:
    """A rule-pack folder that does not exist or holds no rule file is a usage error, said
    before any rule file is read (the engine would say it in a rule author's terms)."""
    from pathlib import Path

    for d in dirs:
        path = Path(d)
        if not path.is_dir():
            raise CliError(f"{d}: error: 规则目录不存在")
        if next(path.rglob("*.toml"), None) is None:
            raise CliError(f"{d}: error: 目录中没有规则文件（*.toml）")
