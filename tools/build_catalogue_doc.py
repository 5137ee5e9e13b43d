"""Write docs/catalogue.md from the built-in rule pack (tests/test_docs_catalogue.py checks it
is current).

    python tools/build_catalogue_doc.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_LEVELS = {"error": "错误", "warning": "警告", "info": "提示"}
_PREFIXES = {"REQ": "必备要素", "CNT": "数量", "DAT": "日期", "NUM": "序号", "FMT": "格式与错字",
             "TRM": "规范用语", "CON": "联系方式", "PRV": "公开前的保密审查"}


def render() -> str:
    from rectify_rules.engine.pack import load_rules

    rules = sorted(load_rules().rules, key=lambda r: r.code)
    out = ["# Rule catalogue", "",
           "Every built-in rule: its code (what `--select`, `--ignore`, `--severity` and the",
           "configuration name), its name, its default level and what it reports. Codes and names",
           "are a contract: they do not change meaning. `rectify-rules explain CODE` shows a rule's",
           "reasons, reference, examples and fix; `rectify-rules rules --format json` lists the",
           "values each rule reports and their types. Written by `tools/build_catalogue_doc.py`.", ""]
    prefix = None
    for r in rules:
        if r.code[:3] != prefix:
            prefix = r.code[:3]
            out += ["", f"## {prefix} — {_PREFIXES.get(prefix, prefix)}", "",
                    "| code | name | level | reports |", "|---|---|---|---|"]
        out.append(f"| {r.code} | `{r.name}` | {_LEVELS[r.severity]} | {r.summary} |")
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


if __name__ == "__main__":
    (ROOT / "docs" / "catalogue.md").write_text(render(), encoding="utf-8")
