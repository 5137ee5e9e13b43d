"""The commands other than ``check``: extract, rules, explain, test-rules."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .errors import CliError, check_rule_dirs, did_you_mean


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

    check_rule_dirs(dirs)
    return load_rules(*dirs)


def cmd_rules(args: argparse.Namespace) -> int:
    pack = _pack(args.rules)
    if args.format == "json":
        rows = [{"code": r.code, "name": r.name, "severity": r.severity, "kind": r.kind,
                 "applies_to": sorted(r.applies_to), "summary": r.summary,
                 "reference": (r.doc or {}).get("reference", ""),
                 "values": r.value_types} for r in pack.rules]
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
            for line in wrap_cjk(doc[key], con.width):
                con.print(Text(line), no_wrap=True, overflow="ignore")
    if rule.applies_to:
        from ..model import GENRE_NAMES

        genres = ("所有文种" if set(GENRE_NAMES) <= rule.applies_to else
                  "、".join(GENRE_NAMES.get(g, g) for g in GENRE_NAMES if g in rule.applies_to))
        con.print(Text(f"\n适用文种：{genres}", style="dim"))
    for i, ex in enumerate(rule.examples, 1):
        con.print(Text(f"\n示例 {i}", style="bold"))
        con.print(Text("✗ " + ex.bad.strip(), style="red"))
        con.print(Text("✓ " + ex.good.strip(), style="green"))
    return 0


#: never at the start of a line (closing marks) / at its end (opening marks): 避头尾
_NO_HEAD = set("，。、；：？！）》」』】〕”’,.;:?!)]}%…—")
_NO_TAIL = set("（《「『【〔“‘([{")


def wrap_cjk(text: str, width: int) -> list[str]:
    """Lines of at most *width* terminal cells, broken between any two characters as Chinese
    is typeset (rich wraps at spaces only, which leaves CJK lines ragged), but not inside a
    run of Latin letters and digits, and never with a closing mark at a line start or an
    opening mark at a line end."""
    from rich.cells import cell_len

    tokens = re.findall(r"[A-Za-z0-9_./@%+-]+|\s+|.", text)
    lines, line = [], ""
    for tok in tokens:
        if cell_len(line + tok) <= width or not line.strip():
            line += tok
            continue
        carry = ""
        if tok[0] in _NO_HEAD and len(line) > 1:  # pull the last character down with it
            line, carry = line[:-1], line[-1]
        while len(line) > 1 and line[-1] in _NO_TAIL:
            line, carry = line[:-1], line[-1] + carry
        lines.append(line.rstrip())
        line = (carry + tok).lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines


def cmd_test_rules(args: argparse.Namespace) -> int:
    from ..engine import load_rules, run_examples

    directory = Path(args.directory)
    if not directory.is_dir():
        raise CliError(f"{args.directory}: error: 不是一个目录")
    check_rule_dirs([args.directory])
    pack = load_rules(directory, builtin=False)
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
