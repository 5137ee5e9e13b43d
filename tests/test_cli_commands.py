"""extract, rules, explain, test-rules, and the example scripts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rectify_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "examples" / "custom_pack"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "001_c76a038a99cc564d.txt"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_extract_prints_the_model(capsys):
    code, out, err = run(capsys, "extract", str(SEED))
    data = json.loads(out)
    assert code == 0 and err == ""
    assert data["schema"] == 1
    assert data["title"] == "中共泾县招商合作服务中心党组关于巡察整改进展情况的通报"
    assert data["genre"] == "notice"
    assert "\\u" not in out


def test_extract_stdin_and_errors(capsys, monkeypatch, tmp_path):
    import io

    text = "中共某县委办公室关于巡察整改进展情况的通报\n现将整改情况通报如下。\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("gbk"))))
    code, out, _ = run(capsys, "extract", "-")
    assert code == 0 and json.loads(out)["title"] == "中共某县委办公室关于巡察整改进展情况的通报"
    (tmp_path / "e.txt").write_bytes(b"")
    code, out, err = run(capsys, "extract", str(tmp_path / "e.txt"))
    assert (code, out, err) == (2, "", f"{tmp_path / 'e.txt'}: error: 文件为空\n")
    code, _, err = run(capsys, "extract", str(tmp_path))
    assert code == 2 and err == f"{tmp_path}: error: extract 需要一个文件，而不是目录\n"


def test_rules_json_lists_the_pack(capsys):
    code, out, _ = run(capsys, "rules", "--format", "json", "--rules", str(PACK))
    rows = {r["code"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["LOC002"] == {"code": "LOC002", "name": "vague-wording", "severity": "info",
                              "kind": "pattern", "applies_to": ["news", "notice", "other", "report", "unknown"],
                              "summary": "通报中使用了含糊的措辞",
                              "reference": "本单位公文写作规范（示例）",
                              "values": {"match": "text", "word": "text"}}
    assert rows["LOC001"]["applies_to"] == ["notice"] and rows["LOC001"]["kind"] == "assert"


def test_rules_table(capsys):
    code, out, _ = run(capsys, "rules", "--rules", str(PACK))
    assert code == 0
    line = next(x for x in out.splitlines() if "LOC001" in x)
    assert "completion-rate-below-policy" in line and "警告" in line and "assert" in line


def test_explain(capsys):
    code, out, _ = run(capsys, "explain", "loc001", "--rules", str(PACK))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "LOC001 completion-rate-below-policy  [警告]"
    for heading in ("检查什么", "为什么", "应当怎样写", "依据"):
        assert heading in lines
    assert "✗ 截至目前，巡察反馈的25项整改任务已按期完成10项，正在整改事项15项。" in lines
    assert "✓ 截至目前，巡察反馈的25项整改任务已按期完成20项，正在整改事项5项。" in lines


@pytest.mark.parametrize("code, genres", [
    ("PRV001", "公开通报"), ("REQ011", "新闻报道、其他网页或文章"), ("CNT001", "所有文种"),
    ("REQ008", "公开通报、整改报告、未能确定文种的文本")])
def test_explain_names_the_genres_in_words(capsys, code, genres):
    _, out, _ = run(capsys, "explain", code)
    assert f"适用文种：{genres}" in out.splitlines()


def test_explain_unknown_code(capsys):
    code, out, err = run(capsys, "explain", "LOC01", "--rules", str(PACK))
    assert code == 2 and out == ""
    assert err == "rectify-rules: error: 未知的规则代码 LOC01（是否想写 'LOC001'？）\n"


def test_test_rules_passes_on_the_example_pack(capsys):
    code, out, _ = run(capsys, "test-rules", str(PACK))
    assert (code, out) == (0, "2 条规则，4 个示例检验，全部通过。\n")


def test_test_rules_fails_on_a_wrong_example(capsys, tmp_path):
    shutil.copy(PACK / "LOC002.toml", tmp_path / "LOC002.toml")
    p = tmp_path / "LOC002.toml"
    p.write_text(p.read_text(encoding="utf-8").replace(
        "相关问题已于2021年6月底前整改到位。", "相关问题差不多整改到位。"), encoding="utf-8")
    code, out, _ = run(capsys, "test-rules", str(tmp_path))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("LOC002 示例 ") and " good: 失败：" in lines[0]
    assert lines[-1] == "1 条规则，2 个示例检验，1 个失败。"


def test_test_rules_subprocess_exit_zero():
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "test-rules",
                        "examples/custom_pack"], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert p.returncode == 0 and p.stderr == ""


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_example_check_draft_on_a_seed():
    p = subprocess.run([sys.executable, "examples/check_draft.py", str(SEED),
                        "--as-of", "2022-02-23"], capture_output=True, text=True, cwd=ROOT,
                       env=_env(), timeout=120)
    assert p.stderr == ""
    lines = p.stdout.splitlines()
    m = re.fullmatch(r"共 (\d+) 个问题，其中错误 (\d+) 个。", lines[-1])
    assert m, lines[-1]
    found = [re.match(r"第(\d+)行第(\d+)列 \[([A-Z]{3}\d{3}) ", x) for x in lines]
    found = [(int(x[1]), int(x[2]), x[3]) for x in found if x]
    # the example reads the draft itself (a path string), so it sees what the CLI sees
    cli = subprocess.run([sys.executable, "-m", "rectify_rules", "check", str(SEED), "--format",
                          "json", "--as-of", "2022-02-23"], capture_output=True, text=True,
                         cwd=ROOT, env=_env(), timeout=120)
    expected = [(f["location"]["row"], f["location"]["column"], f["code"])
                for f in json.loads(cli.stdout)]
    assert found == expected and len(found) == int(m[1])
    assert {"DAT005", "TRM002"} <= {code for _, _, code in found}
    errors = sum(f["severity"] == "error" for f in json.loads(cli.stdout))
    assert int(m[2]) == errors and p.returncode == (1 if errors else 0)
    assert not any(re.search(r"\[[A-Z]{3}\d{3} (error|warning|info)\]", x) for x in lines)


def test_example_check_draft_on_a_missing_file(tmp_path):
    """The draft named is a file: one that is not there is an error, not checked as text."""
    p = subprocess.run([sys.executable, "examples/check_draft.py", str(tmp_path / "无.txt")],
                       capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=120)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr == f"无法读取：{tmp_path / '无.txt'}: 文件不存在\n"


def test_example_audit_folder(tmp_path):
    p = subprocess.run([sys.executable, "examples/audit_folder.py", str(SEEDS), str(tmp_path)],
                       capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=300)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in
            (tmp_path / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(r["file"]).name for r in rows] == sorted(x.name for x in SEEDS.glob("*.txt"))
    assert all(r["notice"]["schema"] == 1 for r in rows)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["notices"] == 5 and summary["unreadable"] == {}
    assert sum(summary["findings_per_code"].values()) == sum(len(r["findings"]) for r in rows)
    assert p.stdout.startswith("5 份通报，")


def test_example_audit_folder_shows_a_progress_bar_on_a_terminal_only(tmp_path):
    runs = {}
    for label, extra in (("terminal", {"FORCE_COLOR": "1"}), ("pipe", {})):
        env = {k: v for k, v in _env().items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
        runs[label] = subprocess.run(
            [sys.executable, "examples/audit_folder.py", str(SEEDS), str(tmp_path / label)],
            capture_output=True, text=True, cwd=ROOT, env={**env, **extra}, timeout=300)
    assert "审查通报" in runs["terminal"].stderr and "5/5" in runs["terminal"].stderr
    assert runs["pipe"].stderr == ""
    assert runs["terminal"].stdout == runs["pipe"].stdout


def test_readme_example_output_is_what_the_cli_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What a run looks like", 1)[1]
    shown = section.split("```", 2)[1].strip("\n").splitlines()
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "check",
                        "seeds/002_270ee20efe64f1c4.txt", "--select", "CNT003,REQ003",
                        "--format", "rich"], capture_output=True, text=True, cwd=ROOT,
                       env={**_env(), "COLUMNS": "100"}, timeout=120)
    printed = p.stdout.splitlines()
    assert p.returncode == 1
    # the README shows the first and the third finding and the summary, verbatim and in order
    it = iter(printed)
    missing = [line for line in shown if line not in it]
    assert missing == []


def test_wrap_cjk_fills_lines_and_keeps_closing_marks_off_line_starts():
    from rich.cells import cell_len

    from rectify_rules.cli.commands import wrap_cjk

    text = "检查“邮编”“邮政编码”之后的值：我国邮政编码恰为6位数字，如362000；标签后没有填写的，在标签处报告。"
    lines = wrap_cjk(text, 20)
    assert "".join(lines) == text
    assert all(cell_len(line) <= 20 for line in lines)
    assert all(line[0] not in "，。；：”）" for line in lines)
    assert all(line[-1] not in "“（" for line in lines)
    assert lines[0] == "检查“邮编”“邮政编码”"  # 20 cells: rich counts “ ” as one cell each
    assert "362000" in "".join(x for x in lines if "362000" in x)   # digits kept together
    assert wrap_cjk("abc def", 80) == ["abc def"]


def test_explain_wraps_chinese_doc_text_to_the_terminal_width():
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "explain", "CON002"],
                       capture_output=True, text=True, cwd=ROOT,
                       env={**_env(), "COLUMNS": "60"}, timeout=120)
    body = p.stdout.split("检查什么\n", 1)[1].split("\n\n", 1)[0].splitlines()
    from rich.cells import cell_len

    assert len(body) > 2 and all(54 <= cell_len(line) <= 60 for line in body[:-1])
