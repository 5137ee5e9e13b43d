"""Where the findings of ``check`` go: the format, ``--output FILE`` (always UTF-8), a folder of
HTML reports for a batch, and ``--statistics`` for the formats read by programs (on stderr,
so that their documents stay valid)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .errors import CliError

#: formats whose output a program reads: their statistics go to stderr
MACHINE = ("json", "jsonl", "sarif", "github")
_BY_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl",
              ".sarif": "sarif"}


def choose_format(args) -> str:
    """--format; else by the --output file's suffix; else rich on a terminal, concise not."""
    if args.format:
        return args.format
    output = getattr(args, "output", None)
    if output:
        return _BY_SUFFIX.get(Path(output).suffix.lower(), "concise")
    return "rich" if sys.stdout.isatty() else "concise"


def writer_options(args, fmt: str, files: int) -> dict:
    """Extra arguments of the writer: the report folder of an HTML batch, --verbose."""
    options: dict = {"verbose": bool(getattr(args, "verbose", False))}
    output = getattr(args, "output", None)
    folder = bool(output) and (Path(output).is_dir() or output.endswith(("/", os.sep)))
    if fmt == "html" and (files > 1 or folder):
        if not output:
            raise CliError("rectify-rules: error: --format html 检查多个文件时，请用 --output 指定"
                           "存放报告的目录（每个文件一份报告，另有 index.html）")
        try:  # made here, so that a folder that cannot be is said before anything is checked
            Path(output).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            from ..read import os_problem

            raise CliError(f"{output}: error: 无法创建目录：{os_problem(e, writing=True)}") from None
        options["directory"] = Path(output)
    return options


@contextlib.contextmanager
def output_stream(args, options: dict) -> Iterator[TextIO]:
    """stdout, or the --output file opened as UTF-8 (a folder for an HTML batch: stdout
    then carries only the closing line)."""
    output = getattr(args, "output", None)
    if not output or "directory" in options:
        yield sys.stdout
        return
    try:
        stream = open(output, "w", encoding="utf-8", newline="")
    except OSError as e:
        from ..read import os_problem

        raise CliError(f"{output}: error: 无法写入：{os_problem(e, writing=True)}") from None
    with stream:
        yield stream


@contextlib.contextmanager
def redirected(output: str | None) -> Iterator[None]:
    """Everything the command prints goes to the --output file (UTF-8) instead of stdout."""
    if not output:
        yield
        return
    try:
        stream = open(output, "w", encoding="utf-8", newline="")
    except OSError as e:
        from ..read import os_problem

        raise CliError(f"{output}: error: 无法写入：{os_problem(e, writing=True)}") from None
    with stream, contextlib.redirect_stdout(stream):
        yield


def print_statistics(fmt: str, counts: Counter) -> None:
    """--statistics of a machine format: the per-rule table on stderr."""
    from ..output.words import statistics_text

    if fmt in MACHINE:
        sys.stderr.write(statistics_text(counts) or "按规则统计：无\n")


def tell_report_folder(options: dict, files: int) -> None:
    if "directory" in options:
        print(f"已写出 {files} 份审校报告：{options['directory'] / 'index.html'}")


def utf8_stdio() -> None:
    """Write UTF-8 when stdout/stderr are redirected (a Chinese Windows would use GBK and
    fail on ✓/✗), and never fail on a console that cannot show a character."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            utf8 = (stream.encoding or "").lower().replace("-", "") == "utf8"
            if not stream.isatty():
                if not utf8:
                    stream.flush()
                    reconfigure(encoding="utf-8")
            elif not utf8:
                reconfigure(errors="replace")
        except (ValueError, OSError):  # closed or detached: leave it
            pass
