"""The commands other than ``check``: extract, rules, explain, test-rules."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import CliError, did_you_mean


def cmd_extract(args: argparse.Namespace) -> int:
    from ..export import notice_to_dict
    from ..parsing import parse_source
    from ..read import load

    if args.path == "-":
        source, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        if not Path(args.path).exists():
            raise CliError(f"{args.path}: error: 文件不存在")
        if Path(args.path).is_dir():
            raise CliError(f"{args.path}: error: extract 需要一个文件，而不是目录")
        source, name = Path(args.path), args.path
    try:
        text, _ = load(source)
    except Exception as e:
        if type(e).__name__ != "InputError":
            raise
        problem = getattr(e, "problem", None) or str(e)
        raise CliError(f"{name}: error: {' '.join(problem.split())}") from None
    genre = None if args.genre in (None, "auto") else args.genre
    notice, src = parse_source(text, genre=genre)
    data = notice_to_dict(notice, src)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0


def _pack(dirs: list[str]):
    from ..engine import load_rules

    return load_rules(*dirs)


def cmd_rules(args: argparse.Namespace) -> int:
    pack = _pack(args.rules)
    if args.format == "json":
        rows = [{"code": r.code, "name": r.name, "severity": r.severity, "kind": r.kind,
                 "applies_to": sorted(r.applies_to), "summary": r.summary,
                 "reference": (r.doc or {}).get("reference", "")} for r in pack.rules]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    from ..output.rich_fmt import LABELS, STYLES

    table = Table(show_edge=False, header_style="bold")
    for col in ("代码", "名称", "级别", "类型"):
        table.add_column(col, no_wrap=True)
    table.add_column("说明", overflow="fold")
    for r in pack.rules:
        table.add_row(r.code, r.name, f"[{STYLES.get(r.severity, '')}]"
                      f"{LABELS.get(r.severity, r.severity)}[/]", r.kind, r.summary)
    Console(highlight=False).print(table)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    pack = _pack(args.rules)
    code = args.code.strip().upper()
    rule = pack.get(code)
    if rule is None:
        raise CliError(f"rectify-rules: error: 未知的规则代码 {args.code}"
                       + did_you_mean(code, [r.code for r in pack.rules]))
    from rich.console import Console
    from rich.text import Text

    from ..output.rich_fmt import LABELS, STYLES

    con = Console(highlight=False)
    head = Text()
    head.append(f"{rule.code} ", style=STYLES.get(rule.severity, "bold"))
    head.append(rule.name, style="bold")
    head.append(f"  [{LABELS.get(rule.severity, rule.severity)}]")
    con.print(head)
    con.print(Text(rule.summary))
    doc = rule.doc or {}
    for key, label in (("what", "检查什么"), ("why", "为什么"), ("use_instead", "应当怎样写"),
                       ("reference", "依据")):
        if doc.get(key):
            con.print(Text(f"\n{label}", style="bold"))
            con.print(Text(doc[key]))
    if rule.applies_to:
        con.print(Text(f"\n适用文种：{'、'.join(sorted(rule.applies_to))}", style="dim"))
    for i, ex in enumerate(rule.examples, 1):
        con.print(Text(f"\n示例 {i}", style="bold"))
        con.print(Text("✗ " + ex.bad.strip(), style="red"))
        con.print(Text("✓ " + ex.good.strip(), style="green"))
    return 0


def cmd_test_rules(args: argparse.Namespace) -> int:
    from ..engine import load_rules, run_examples

    directory = Path(args.directory)
    if not directory.is_dir():
        raise CliError(f"{args.directory}: error: 不是一个目录")
    pack = load_rules(directory, builtin=False)
    if not pack.rules:
        raise CliError(f"{args.directory}: error: 目录中没有规则文件（*.toml）")
    results = run_examples(pack)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"{r.code} 示例 {r.index} {r.which}: 失败：{r.detail}")
    total = len(results)
    if failed:
        print(f"{len(pack.rules)} 条规则，{total} 个示例检验，{len(failed)} 个失败。")
        return 1
    print(f"{len(pack.rules)} 条规则，{total} 个示例检验，全部通过。")
    return 0
