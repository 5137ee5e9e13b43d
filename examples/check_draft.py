"""Check one draft before publication and print what to fix, using rectify-rules as a library.

    python examples/check_draft.py DRAFT [--as-of 2021-06-30]

Exit status 1 when the draft has an error-level finding, 0 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import rectify_rules
from rectify_rules.read import InputError

LEVELS = {"error": "错误", "warning": "警告", "info": "提示"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="检查一份通报草稿")
    ap.add_argument("draft")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    args = ap.parse_args(argv)
    try:
        # a Path: a draft that is not there is an error (a str that names no file is text)
        findings = rectify_rules.check(Path(args.draft), as_of=args.as_of, filename=args.draft)
    except InputError as e:
        print(f"无法读取：{e}", file=sys.stderr)
        return 2
    if not findings:
        print("未发现问题，可以发布。")
        return 0
    for f in findings:
        level = LEVELS.get(f.severity, f.severity)
        print(f"第{f.location.row}行第{f.location.column}列 [{f.code} {level}] {f.message}")
        if f.excerpt:
            print(f"    原文：{f.excerpt}")
        if f.fix is not None:
            print(f"    建议改为：{f.fix.replacement}")
    errors = sum(f.severity == "error" for f in findings)
    print(f"共 {len(findings)} 个问题，其中错误 {errors} 个。")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
