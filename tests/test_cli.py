"""The command line, end to end: formats, exit codes, configuration, stdin, --jobs.

Findings come from the real engine with the example pack (examples/custom_pack), whose rules
are fixed, so the expected lines below do not move when the built-in pack grows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from rectify_rules import __version__
from rectify_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]
PACK = str(ROOT / "examples" / "custom_pack")
SEEDS = ROOT / "seeds"
SEED = SEEDS / "001_c76a038a99cc564d.txt"
SCHEMA = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
LOC = ["--rules", PACK, "--select", "LOC"]

VAGUE = "关于巡察整改进展情况的通报\n相关问题基本上已经整改到位，其余问题差不多完成。\n"
LOW = "中共某县委办公室关于巡察整改进展情况的通报\n截至目前，巡察反馈的25项整改任务已按期完成10项，正在整改事项15项。\n"


@pytest.fixture
def notices(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(VAGUE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LOW, encoding="utf-8")
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def findings_of(out: str) -> list[str]:
    """The finding lines of concise output, without its closing summary line."""
    lines = out.splitlines()
    assert lines and lines[-1].startswith("检查了 ")
    return lines[:-1]


def test_concise_lines_and_exit_code_by_fail_level(notices, capsys):
    code, out, err = run(capsys, "check", "a.txt", "b.txt", *LOC, "--format", "concise")
    assert out.splitlines() == [
        "a.txt:2:5: LOC002 通报中不宜使用含糊的措辞“基本上”，请写明具体情况",
        "a.txt:2:19: LOC002 通报中不宜使用含糊的措辞“差不多”，请写明具体情况",
        "b.txt:2:1: LOC001 通报称25项中已完成10项，完成率40%，低于本单位要求的60%",
        "检查了 2 个文件，发现 3 个问题（错误 0，警告 1，提示 2）。",   # also when piped
    ]
    assert code == 0 and err == ""      # warning + info, fail level is error
    assert run(capsys, "check", "a.txt", "b.txt", *LOC, "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", "a.txt", *LOC, "--fail-on", "warning")[0] == 0
    assert run(capsys, "check", "a.txt", *LOC, "--fail-on", "info")[0] == 1
    assert run(capsys, "check", "a.txt", *LOC, "--fail-on", "info", "--exit-zero")[0] == 0


def test_severity_override_and_off(notices, capsys):
    code, out, _ = run(capsys, "check", "a.txt", "b.txt", *LOC, "--format", "json",
                       "--severity", "LOC002=error", "--severity", "LOC001=off")
    rows = json.loads(out)
    assert [(r["code"], r["severity"]) for r in rows] == [("LOC002", "error")] * 2
    assert code == 1


def test_ignore_and_select_prefix(notices, capsys):
    _, out, _ = run(capsys, "check", "a.txt", "b.txt", "--rules", PACK, "--select", "LOC",
                    "--ignore", "LOC002", "--format", "concise")
    assert [line.split()[1] for line in findings_of(out)] == ["LOC001"]


def test_rich_seed_finding_with_many_related_places(capsys):
    # CNT005 on seed 002 points at 18 problems marked 已完成整改: 3 are shown, 15 counted
    seed = next(SEEDS.glob("002_*.txt"))
    _, out, _ = run(capsys, "check", str(seed), "--select", "CNT005", "--format", "rich")
    assert "进展称已完成整改17项，正文逐项标注为已完成整改的问题有18个" in out
    assert out.count(" 标注为已完成整改") == 3
    assert "…另有15处" in out
    # seven problems marked 正在整改: 3 shown, 4 counted
    assert out.count(" 标注为正在整改") == 3 and "…另有4处" in out


def test_json_jsonl_sarif_github_agree(notices, capsys):
    base = ["check", "a.txt", "b.txt", *LOC]
    rows = json.loads(run(capsys, *base, "--format", "json")[1])
    assert rows[0]["location"] == {"row": 2, "column": 5}
    assert rows[0]["end_location"] == {"row": 2, "column": 8}
    assert rows[0]["values"]["word"] == "基本上"
    assert rows[2]["values"] == {"total": 25, "completed": 10, "rate": 40.0, "min_rate": 60}
    lines = run(capsys, *base, "--format", "jsonl")[1].splitlines()
    assert [json.loads(line) for line in lines] == rows
    log = json.loads(run(capsys, *base, "--format", "sarif")[1])
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("LOC002", "note"), ("LOC002", "note"), ("LOC001", "warning")]
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["LOC001", "LOC002"]
    assert results[2]["ruleIndex"] == 0
    assert driver["rules"][0]["fullDescription"]["text"].startswith("检查每一处整改进展说明")
    gh = run(capsys, *base, "--format", "github")[1].splitlines()
    assert gh[0] == ("::notice file=a.txt,line=2,col=5,endLine=2,endColumn=8,"
                     "title=LOC002 vague-wording::通报中不宜使用含糊的措辞“基本上”，请写明具体情况")
    assert gh[2].startswith("::warning file=b.txt,line=2,col=1,")


def test_rich_output_with_statistics(notices, capsys):
    code, out, _ = run(capsys, "check", "a.txt", *LOC, "--format", "rich", "--statistics")
    assert "a.txt:2:5: LOC002 [提示] 通报中使用了含糊的措辞" in out
    # 相关问题 = 8 cells → the carets start after "2 │ " + 8 cells; 基本上 = 6 cells
    assert "  │ " + " " * 8 + "^" * 6 + " LOC002" in out.splitlines()
    assert "按规则统计" in out
    assert "检查了 1 个文件，发现 2 个问题（错误 0，警告 0，提示 2）。" in out


def test_folder_recursion_and_default_format_is_concise_off_a_tty(notices, capsys):
    (notices / "sub").mkdir()
    (notices / "sub" / "c.txt").write_text(VAGUE, encoding="utf-8")
    (notices / ".hidden").mkdir()
    (notices / ".hidden" / "d.txt").write_text(VAGUE, encoding="utf-8")
    _, out, _ = run(capsys, "check", ".", *LOC)
    names = sorted({line.split(":")[0] for line in findings_of(out)})
    assert names == ["a.txt", "b.txt", os.path.join("sub", "c.txt")]


def test_nearest_configuration_applies_and_flags_win(notices, capsys):
    (notices / "strict").mkdir()
    (notices / "strict" / "c.txt").write_text(VAGUE, encoding="utf-8")
    (notices / "strict" / "rectify-rules.toml").write_text(
        f'rules = ["{Path(PACK).as_posix()}"]\nselect = ["LOC"]\nfail-on = "info"\n'
        '[severity]\nLOC002 = "warning"\n', encoding="utf-8")
    (notices / "rectify-rules.toml").write_text(
        f'rules = ["{Path(PACK).as_posix()}"]\nselect = ["LOC002"]\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", ".", "--format", "json")
    rows = json.loads(out)
    sev = {(r["filename"], r["code"], r["severity"]) for r in rows}
    assert sev == {("a.txt", "LOC002", "info"),
                   (os.path.join("strict", "c.txt"), "LOC002", "warning")}
    assert code == 1  # strict/ fails on info
    code, out, _ = run(capsys, "check", "strict/c.txt", "--fail-on", "error",
                       "--format", "concise")
    assert code == 0


def test_config_options_reach_the_rule(notices, capsys):
    (notices / "rectify-rules.toml").write_text(
        f'rules = ["{Path(PACK).as_posix()}"]\nselect = ["LOC001"]\n'
        '[options.LOC001]\nmin_rate = 30\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "b.txt", "--format", "concise")
    assert out == "检查了 1 个文件，未发现问题。\n" and code == 0


def test_forced_config_and_exclude(notices, capsys, tmp_path_factory):
    other = tmp_path_factory.mktemp("cfg") / "rr.toml"
    other.write_text(f'rules = ["{Path(PACK).as_posix()}"]\nselect = ["LOC"]\n'
                     'exclude = ["b.txt"]\n', encoding="utf-8")
    (notices / "rectify-rules.toml").write_text('select = ["NOPE"]\n', encoding="utf-8")
    _, out, _ = run(capsys, "check", ".", "--config", str(other), "--format", "concise")
    assert {line.split(":")[0] for line in findings_of(out)} == {"a.txt"}


def test_jobs_2_output_identical_to_jobs_1(tmp_path, capsys):
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        text = seed.read_text(encoding="utf-8")
        (tmp_path / f"n{i}.txt").write_text(text + "\n" + VAGUE, encoding="utf-8")
    args = ["check", str(tmp_path), "--rules", PACK, "--format", "json", "--no-progress"]
    one = run(capsys, *args, "--jobs", "1")
    two = run(capsys, *args, "--jobs", "2")
    assert one == two
    assert len({r["filename"] for r in json.loads(one[1])}) == 5


def test_stdin_subprocess():
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "check", "-", *LOC,
                        "--format", "concise"], input=VAGUE.encode("gb18030"),
                       capture_output=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout.decode().splitlines()[0] == (
        "<stdin>:2:5: LOC002 通报中不宜使用含糊的措辞“基本上”，请写明具体情况")


def test_version_subprocess():
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "--version"],
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (p.returncode, p.stdout.strip()) == (0, f"rectify-rules {__version__}")


def test_seed_check_subprocess_sarif_is_valid():
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "check", str(SEED),
                        "--format", "sarif", "--exit-zero"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0 and p.stderr == ""
    log = json.loads(p.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    for r in log["runs"][0]["results"]:
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
            "001_c76a038a99cc564d.txt")


@pytest.mark.parametrize("fmt", ["concise", "jsonl", "json", "github", "rich"])
def test_batch_output_is_written_as_files_are_checked(notices, capsys, monkeypatch, fmt):
    """Off a terminal the findings of a file are written before the next file is checked, so
    memory does not grow with the batch: here the second file's check sees the first file's
    findings already in the output."""
    from rectify_rules.cli import batch

    real = batch.check_task
    seen_before_second: list[str] = []

    def spy(task, *rest):
        if task.name == "b.txt":
            seen_before_second.append(capsys.readouterr().out)
        return real(task, *rest)

    monkeypatch.setattr(batch, "check_task", spy)
    code = main(["check", "a.txt", "b.txt", *LOC, "--format", fmt])
    rest = capsys.readouterr().out
    assert code == 0
    assert "a.txt" in seen_before_second[0] and "b.txt" not in seen_before_second[0]
    assert "b.txt" in rest
    if fmt == "json":
        rows = json.loads(seen_before_second[0] + rest)
        assert [r["filename"] for r in rows] == ["a.txt", "a.txt", "b.txt"]
