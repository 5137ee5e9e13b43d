"""Audit a folder of published notices: structured data plus findings, one JSON line per notice.

    python examples/audit_folder.py NOTICES_DIR OUT_DIR

Writes OUT_DIR/notices.jsonl (the extracted model of each notice, with its findings) and
OUT_DIR/summary.json (how many notices, findings per code, files that could not be read).
A rich progress bar runs on stderr while a terminal is attached (none when piped or in CI).
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from rectify_rules.engine import check_parsed, load_rules
from rectify_rules.export import notice_to_dict
from rectify_rules.parsing import parse_source
from rectify_rules.read import InputError, load

SUFFIXES = (".txt", ".html", ".htm", ".docx")


def audit(folder: Path, out: Path) -> dict:
    pack = load_rules()          # load the rule pack once, not once per notice
    out.mkdir(parents=True, exist_ok=True)
    per_code: collections.Counter[str] = collections.Counter()
    unreadable: dict[str, str] = {}
    count = 0
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    console = Console(stderr=True)
    progress = Progress(TextColumn("审查通报"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=console, transient=True,
                        disable=not console.is_terminal)
    with progress, open(out / "notices.jsonl", "w", encoding="utf-8") as fh:
        for path in progress.track(paths):
            try:
                text, _ = load(path)
            except InputError as e:
                unreadable[str(path)] = str(e)
                continue
            notice, src = parse_source(text)
            findings = check_parsed(notice, src, pack, filename=str(path))
            per_code.update(f.code for f in findings)
            row = {"file": str(path), "notice": notice_to_dict(notice, src),
                   "findings": [{"code": f.code, "severity": f.severity, "message": f.message,
                                 "row": f.location.row, "column": f.location.column}
                                for f in findings]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    summary = {"notices": count, "findings_per_code": dict(sorted(per_code.items())),
               "unreadable": unreadable}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2),
                                      encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    summary = audit(Path(args[0]), Path(args[1]))
    print(f"{summary['notices']} 份通报，{sum(summary['findings_per_code'].values())} 个问题，"
          f"{len(summary['unreadable'])} 个文件无法读取。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
