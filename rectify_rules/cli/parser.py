"""argparse, speaking Chinese: usage errors as one Chinese line, help headings in Chinese.

A drafter or an auditor who mistypes a flag meets argparse's own words ("unrecognized
arguments", "invalid choice"), written in English while every other message of the program
is Chinese. :class:`Parser` says them in Chinese, one line, no usage block (docs/cli.md);
an argparse message it does not know is passed on as it is.
"""

from __future__ import annotations

import argparse
import re

from .errors import CliError, did_you_mean

_TYPES = {"int": "整数", "float": "数字"}


def _invalid_value(m: re.Match) -> str:
    kind = _TYPES.get(m["type"])
    return f"参数 {m['arg']}：{m['value']} 不是有效的{kind or '值'}"


def _invalid_choice(m: re.Match) -> str:
    choices = [c.strip().strip("'") for c in m["choices"].split(",")]
    value = m["value"].strip("'")
    if m["arg"] == "COMMAND":
        return f"未知的命令 {m['value']}" + (did_you_mean(value, choices)
                                         or f"（可用的命令：{'、'.join(choices)}）")
    return f"参数 {m['arg']}：无效的取值 {m['value']}（可选：{'、'.join(choices)}）"


#: argparse's messages (Python 3.11–3.13) → Chinese
_MESSAGES = [
    (re.compile(r"unrecognized arguments: (?P<args>.*)"), lambda m: f"无法识别的参数：{m['args']}"),
    (re.compile(r"the following arguments are required: (?P<args>.*)"),
     lambda m: f"缺少必需的参数：{m['args'].replace(', ', '、')}"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)"),
     _invalid_choice),
    (re.compile(r"argument (?P<arg>\S+): invalid (?P<type>\w+) value: (?P<value>.*)"), _invalid_value),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"),
     lambda m: f"参数 {m['arg']} 后面缺少取值"),
    (re.compile(r"argument (?P<arg>\S+): expected at least one argument"),
     lambda m: f"参数 {m['arg']} 后面至少需要一个取值"),
    (re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"),
     lambda m: f"参数 {m['arg']} 不能与 {m['other']} 同时使用"),
    (re.compile(r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.*)"),
     lambda m: f"选项 {m['opt']} 有歧义，可能是：{m['matches'].replace(', ', '、')}"),
]


def chinese(message: str) -> str:
    """argparse's *message* in Chinese (as it is when unknown)."""
    for pattern, say in _MESSAGES:
        m = pattern.fullmatch(message)
        if m is not None:
            return say(m)
    return message


class _ChineseUsage(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one Chinese line (:class:`CliError`) and whose help
    has Chinese headings."""

    def __init__(self, *args, formatter_class=argparse.HelpFormatter, **kwargs) -> None:
        formatter = type("ChineseFormatter", (_ChineseUsage, formatter_class), {})
        super().__init__(*args, formatter_class=formatter, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str):  # one line, not usage + error
        raise CliError(f"{self.prog}: error: {chinese(message)}")
