"""Output for people (issue #11): the HTML report's text and highlights, --output in UTF-8,
--statistics with every format, values in words, folder walks past Word lock files."""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rectify_rules.cli import main
from rectify_rules.engine import check, load_rules
from rectify_rules.findings import make_finding
from rectify_rules.model import Span
from rectify_rules.output.html_fmt import highlighted, render
from rectify_rules.output.words import HIDDEN_VALUES, VALUE_LABELS, readable_values
from rectify_rules.text import SourceText

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PACK = load_rules()
TEXT = "根据部署，县委第四巡察组反馈了3大类19个具体问题。\n截至目前，20个问题已完成整改。"


def finding(start: int, end: int, severity: str = "warning", code: str = "REQ003"):
    return make_finding(SourceText(TEXT), code=code, name="n", severity=severity,
                        message=f"问题{start}-{end}", span=Span(start, end))


def strip_tags(page: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("spans", [
    [(5, 12)],                              # one
    [(5, 12), (7, 9)],                      # nested
    [(5, 12), (9, 20)],                     # crossing
    [(5, 12), (5, 12), (0, 40)],            # equal, and one across the line break
    [(3, 3), (3, 8)],                       # an empty span at another's start
])
def test_highlights_keep_the_text_and_mark_every_finding_once(spans):
    findings = [finding(s, e) for s, e in spans]
    out = highlighted(TEXT, findings)
    assert strip_tags(out) == TEXT
    assert out.count("<mark") - out.count(" cont") == len(findings)   # one first piece each
    assert sorted(set(re.findall(r'data-f="(\d+)"', out)), key=int) == \
        [str(i) for i in range(1, len(findings) + 1)]
    assert out.count("<mark") == out.count("</mark>")
    assert covered(out) == {str(i): TEXT[s:e] for i, (s, e) in enumerate(spans, 1)}


def covered(out: str) -> dict[str, str]:
    """finding number → the characters inside its marks (nested marks included)."""
    stack: list[str] = []
    text: dict[str, list[str]] = {}
    for tag, number, chars in re.findall(r'(<mark[^>]*?data-f="(\d+)"[^>]*>|</mark>)|([^<]+)',
                                         out):
        if tag.startswith("<mark"):
            stack.append(number)
            text.setdefault(number, [])
        elif tag:
            stack.pop()
        for n in stack:
            text[n].append(htmllib.unescape(chars))
    return {n: "".join(t) for n, t in text.items()}


def test_report_page_escapes_the_text_and_is_self_contained():
    text = TEXT + "\n<script>alert(1)</script>&amp;"
    page = render("x<y>.txt", text, [finding(5, 12, "error")])
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "Content-Security-Policy" in page and "'unsafe-inline'" not in page
    assert 'lang="zh-CN"' in page and "@media print" in page and "size: A4" in page


def test_values_are_shown_in_words():
    seen = readable_values({"label": "已完成整改数", "first": 17, "other": 18, "quantity": "items",
                            "end": "2021年3月1日", "end_note": "（推定年份）", "basis": ""})
    assert seen == [("数量", "已完成整改数"), ("前文", "17"), ("此处", "18"),
                    ("结束日期", "2021年3月1日（推定年份）")]


def test_a_value_name_that_means_something_else_in_a_rule_has_its_own_label():
    # CNT002's "other" counts the other unfinished states, not "the figure here" of CNT003
    text = ("关于巡察整改进展情况的通报\n2021年6月10日，县委第二巡察组反馈了巡察意见。截至目前，"
            "巡察反馈的12项整改任务已完成8项，正在整改2项，基本完成1项。\n")
    [f] = check(text, select=["CNT002"])
    assert ("其他未完成状态", "1") in readable_values(f.values, f.code)
    assert ("此处", "1") not in readable_values(f.values, f.code)
    [f] = check("关于巡察整改进展情况的通报\n2021年6月10日，县委第二巡察组反馈了巡察意见。\n"
                "中共某县某局党组\n2021年5月20日\n", select=["DAT003"])
    assert ("对照", "反馈日期") in readable_values(f.values, f.code)


def test_every_value_the_built_in_rules_report_has_a_label():
    sources = [ex.bad for r in PACK.rules for ex in r.examples] + SEEDS
    keys = {k for src in sources for f in check(src, rules=PACK) for k in f.values}
    unlabelled = sorted(k for k in keys - set(VALUE_LABELS) - HIDDEN_VALUES
                        if not k.endswith("_note"))
    assert unlabelled == [], "add these to rectify_rules/output/words.py VALUE_LABELS"


def test_html_batch_writes_a_page_per_file_and_an_index(tmp_path, capsys):
    out = tmp_path / "报告"
    code = main(["check", str(SEEDS[0]), str(SEEDS[4]), "--format", "html", "--output", str(out),
                 "--statistics"])
    assert code == 1
    pages = sorted(p.name for p in out.iterdir())
    assert len(pages) == 3 and "index.html" in pages
    index = (out / "index.html").read_text(encoding="utf-8")
    for p in pages:
        if p != "index.html":
            assert f'href="{p}"' in index
    assert "<th>规则</th>" in index and "TRM001" in index   # --statistics: per-rule table
    assert "已写出 2 份审校报告" in capsys.readouterr().out
    assert main(["check", str(SEEDS[0]), str(SEEDS[4]), "--format", "html"]) == 2
    assert "--output" in capsys.readouterr().err


def test_statistics_of_machine_formats_go_to_stderr(capsys):
    for fmt in ("json", "jsonl", "sarif", "github"):
        main(["check", str(SEEDS[4]), "--format", fmt, "--statistics"])
        out, err = capsys.readouterr()
        if fmt in ("json", "sarif"):
            json.loads(out)                       # still one valid document
        assert err.startswith("按规则统计：") and "TRM001" in err
    main(["check", str(SEEDS[4]), "--format", "concise", "--statistics"])
    out = capsys.readouterr().out
    assert "按规则统计：" in out and out.rstrip().endswith("）。")


def test_output_file_is_utf8_for_every_command(tmp_path):
    env = {"PYTHONIOENCODING": "gbk", "PATH": "/usr/bin:/bin",   # the session's cache folder:
           "RECTIFY_RULES_CACHE_DIR": os.environ.get("RECTIFY_RULES_CACHE_DIR", "off")}
    for args in (["explain", "TRM001"], ["rules"], ["check", str(SEEDS[4]), "--format", "rich"],
                 ["extract", str(SEEDS[4])]):
        target = tmp_path / f"{args[0]}.out"
        p = subprocess.run([sys.executable, "-m", "rectify_rules", *args, "-o", str(target)],
                           capture_output=True, cwd=ROOT, env=env, timeout=120)
        assert p.returncode in (0, 1), p.stderr.decode("utf-8", "replace")
        assert p.stdout == b""
        text = target.read_bytes().decode("utf-8")     # UTF-8, whatever the console is
        assert text.strip()
    assert "✗" in (tmp_path / "explain.out").read_text(encoding="utf-8")
    # a redirected stdout is UTF-8 too (GBK has no ✓/✗: `explain > file` used to crash)
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "explain", "TRM001"],
                       capture_output=True, cwd=ROOT, env=env, timeout=120)
    assert p.returncode == 0 and "✓" in p.stdout.decode("utf-8")


def test_folder_check_skips_word_lock_files(tmp_path, capsys):
    (tmp_path / "通报.txt").write_text(SEEDS[4].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "~$通报.docx").write_bytes(b"\x0bWord lock\x00" * 10)
    code = main(["check", str(tmp_path), "--format", "concise"])
    out, err = capsys.readouterr()
    assert code == 1 and err == "" and "~$" not in out
