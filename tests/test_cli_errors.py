"""Bad inputs and bad invocations: one clear line on stderr, exit code 2, never a traceback;
in a batch the good files are still checked and reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import rectify_rules.read as read_mod
from rectify_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]
PACK = str(ROOT / "examples" / "custom_pack")
LOC = ["--rules", PACK, "--select", "LOC"]
GOOD = "关于巡察整改进展情况的通报\n相关问题基本上已经整改到位。\n"
GOOD_LINE = "good.txt:2:5: LOC002 通报中不宜使用含糊的措辞“基本上”，请写明具体情况"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def _one_error(capsys, *args: str) -> tuple[str, str]:
    code, out, err = run(capsys, *args)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0], out


@pytest.mark.parametrize("name, data, expected", [
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bin.txt: error: 二进制文件"),
    ("empty.txt", b"", "empty.txt: error: 文件为空"),
    ("blank.txt", "\u3000 \n\n".encode(), "blank.txt: error: 文件为空"),
    ("mangled.txt", "整改".encode() + b"\xff\xfe\x80" * 40 + "问题".encode(),
     "mangled.txt: error: 无法按"),
])
def test_bad_file_in_a_batch(folder, capsys, name, data, expected):
    (folder / name).write_bytes(data)
    code, out, err = run(capsys, "check", name, "good.txt", *LOC, "--format", "concise")
    assert code == 2
    assert err.splitlines() == [err.splitlines()[0]] and err.startswith(expected)
    assert out.splitlines()[:-1] == [GOOD_LINE]     # the good file is still reported
    assert out.splitlines()[-1].startswith("检查了 1 个文件，发现 1 个问题")  # the readable one


def test_too_big_file_fails_before_reading_it(folder, capsys, monkeypatch):
    big = folder / "big.txt"
    line = ("整改问题" * 30 + "\n").encode()
    with open(big, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size > 50 * 1024 * 1024

    real_open = open

    def no_open(path, *a, **k):
        if Path(path).name == "big.txt":
            raise AssertionError("the big file was opened")
        return real_open(path, *a, **k)

    monkeypatch.setattr(read_mod, "open", no_open, raising=False)
    code, out, err = run(capsys, "check", "big.txt", "good.txt", *LOC, "--format", "concise")
    assert code == 2 and err == "big.txt: error: 文件过大（50.0 MB），上限为 20 MB\n"
    assert len(err.splitlines()) == 1


def test_missing_file(folder, capsys):
    line, out = _one_error(capsys, "check", "nope.txt", "good.txt", *LOC)
    assert line == "nope.txt: error: 文件不存在" and out == ""


def test_directory_without_notices(folder, capsys):
    (folder / "pics").mkdir()
    (folder / "pics" / "a.png").write_bytes(b"\x89PNG")
    line, _ = _one_error(capsys, "check", "pics", *LOC)
    assert line == "pics: error: 目录中没有可检查的文件（.txt .docx .html .htm、网页）"


def test_broken_rule_toml(folder, capsys):
    (folder / "pack").mkdir()
    (folder / "pack" / "LOC009.toml").write_text('code = "LOC009"\nname = \n', encoding="utf-8")
    line, out = _one_error(capsys, "check", "good.txt", "--rules", "pack")
    assert "LOC009.toml:2:" in line and out == ""


def test_unknown_code_in_select(folder, capsys):
    line, _ = _one_error(capsys, "check", "good.txt", "--rules", PACK, "--select", "LOC01X")
    assert line == "rectify-rules: error: --select: 未知的规则代码或前缀 'LOC01X'（是否想写 'LOC001'？）"


def test_unknown_code_in_configuration_names_the_file(folder, capsys):
    (folder / "rectify-rules.toml").write_text('select = ["CNT", "CNT09"]\n', encoding="utf-8")
    line, _ = _one_error(capsys, "check", "good.txt")
    assert line == (f"{folder / 'rectify-rules.toml'}: error: select: 未知的规则代码或前缀 "
                    "'CNT09'（是否想写 'CNT006'？）")


def test_unknown_severity_flag_is_not_blamed_on_the_configuration(folder, capsys):
    (folder / "rectify-rules.toml").write_text('select = ["CNT"]\n', encoding="utf-8")
    line, _ = _one_error(capsys, "check", "good.txt", "--severity", "XXX001=off")
    assert line == "rectify-rules: error: --severity: 未知的规则代码或前缀 'XXX001'"


def test_severity_by_prefix_or_name_of_a_rule_not_selected(folder, capsys):
    from rectify_rules.cli import main

    assert main(["check", "good.txt", "--select", "CNT", "--severity", "cnt=info",
                 "--severity", "doubled-character=off", "--format", "concise"]) == 0
    assert capsys.readouterr().err == ""


def test_empty_rules_folder(folder, capsys):
    (folder / "nothing").mkdir()
    line, out = _one_error(capsys, "check", "good.txt", "--rules", "nothing")
    assert line == "nothing: error: 目录中没有规则文件（*.toml）" and out == ""


def test_unknown_code_in_severity_flag(folder, capsys):
    line, _ = _one_error(capsys, "check", "good.txt", *LOC, "--severity", "LOC003=error")
    assert line == "rectify-rules: error: --severity: 未知的规则代码或前缀 'LOC003'（是否想写 'LOC002'？）"


@pytest.mark.parametrize("value, expected", [
    ("LOC002", "--severity: 应写作 CODE=LEVEL，而不是 'LOC002'"),
    ("LOC002=fatal", "--severity: 级别应为 error|warning|info|off，而不是 'fatal'"),
])
def test_bad_severity_flag(folder, capsys, value, expected):
    line, _ = _one_error(capsys, "check", "good.txt", *LOC, "--severity", value)
    assert line == f"rectify-rules: error: {expected}"


def test_bad_as_of(folder, capsys):
    line, out = _one_error(capsys, "check", "good.txt", *LOC, "--as-of", "2021-02-30")
    assert line == "rectify-rules: error: --as-of: 日期不存在：2021-02-30" and out == ""


def test_unknown_config_key(folder, capsys):
    (folder / "rectify-rules.toml").write_text('ignroe = ["LOC002"]\n', encoding="utf-8")
    line, _ = _one_error(capsys, "check", "good.txt", *LOC)
    assert line == (f"{folder / 'rectify-rules.toml'}: error: ignroe: 未知的配置项"
                    "（是否想写 'ignore'？）")


def test_unknown_code_in_config_options(folder, capsys):
    (folder / "rectify-rules.toml").write_text('[options.LOC011]\nmin_rate = 5\n',
                                               encoding="utf-8")
    line, _ = _one_error(capsys, "check", "good.txt", *LOC)
    assert line == (f"{folder / 'rectify-rules.toml'}: error: options: 未知的规则代码或前缀 "
                    "'LOC011'（是否想写 'LOC001'？）")


@pytest.mark.parametrize("body, expected", [
    # an option the rule does not declare: a typo, and a rule with no options at all
    ('[options.DAT008]\nmonth = 3\n', "options.DAT008.month: 规则 DAT008 没有这个选项（是否想写 'months'？）"),
    ('[options.TRM004]\nfoo = 1\n', "options.TRM004.foo: 规则 TRM004 没有这个选项（它没有可设置的选项）"),
    ('[options.FMT001]\nallow = ["真真"]\n', "options.FMT001.allow: 规则 FMT001 没有这个选项（它没有可设置的选项）"),
    # a value of another type than the declared one
    ('[options.DAT008]\nmonths = "three"\n', "options.DAT008.months: 应为整数，而不是 'three'"),
    ('[options.DAT]\nmonths = true\n', "options.DAT008.months: 应为整数，而不是 True"),
])
def test_bad_config_option_is_a_configuration_error(folder, capsys, body, expected):
    """Said once, naming the file and the key, before any file is checked (it was an
    internal error on every file, or silently ignored)."""
    (folder / "rectify-rules.toml").write_text(body, encoding="utf-8")
    line, _ = _one_error(capsys, "check", "good.txt")
    assert line == f"{folder / 'rectify-rules.toml'}: error: {expected}"


def test_options_of_a_rule_left_out_by_select(folder, capsys):
    (folder / "rectify-rules.toml").write_text('[options.DAT008]\nmonths = 3\n', encoding="utf-8")
    code, out, err = run(capsys, "check", "good.txt", "--select", "CNT", "--format", "json")
    assert (code, out, err) == (0, "[]\n", "")


def test_missing_forced_config(folder, capsys):
    line, _ = _one_error(capsys, "check", "good.txt", "--config", "none.toml")
    assert line == "none.toml: error: 配置文件不存在"


@pytest.mark.parametrize("args, expected", [
    (["check"], "rectify-rules check: error: 缺少必需的参数：PATH"),
    (["check", "good.txt", "--format", "xml"], "rectify-rules check: error: 参数 --format：无效的取值 "
     "'xml'（可选：rich、concise、json、jsonl、sarif、github、html）"),
    (["check", "good.txt", "--jobs", "0"], "rectify-rules: error: --jobs: 应为正整数"),
    (["check", "good.txt", "--jobs", "two"], "rectify-rules check: error: 参数 --jobs/-j：'two' 不是有效的整数"),
    (["check", "good.txt", "--as-of"], "rectify-rules check: error: 参数 --as-of 后面缺少取值"),
    (["check", "good.txt", "--bogus"], "rectify-rules: error: 无法识别的参数：--bogus"),
    (["audit", "good.txt"], "rectify-rules audit: error: 缺少必需的参数：-o/--output"),
    (["chek", "good.txt"], "rectify-rules: error: 未知的命令 'chek'（是否想写 'check'？）"),
    ([], "rectify-rules: error: 缺少命令（check、audit、review、serve、extract、rules、explain、test-rules）"),
])
def test_usage_errors_are_one_chinese_line(folder, capsys, args, expected):
    line, _ = _one_error(capsys, *args)
    assert line == expected


def test_help_is_in_chinese(capsys):
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：rectify-rules check") and "显示本帮助并退出" in out
    assert "usage:" not in out and "show this help" not in out


def test_subprocess_bad_input_no_traceback(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x00\x01\x02\x03binary")
    p = subprocess.run([sys.executable, "-m", "rectify_rules", "check", str(tmp_path / "x.txt")],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 2
    assert p.stderr == f"{tmp_path / 'x.txt'}: error: 二进制文件，不是文本格式的通报\n"


def test_missing_rules_folder(folder, capsys):
    line, out = _one_error(capsys, "check", "good.txt", "--rules", "no_such_pack")
    assert line.endswith("no_such_pack: error: 规则目录不存在") and out == ""


@pytest.mark.parametrize("command", [["test-rules"], ["rules", "--rules"], ["explain", "CNT001", "--rules"]])
def test_empty_rules_folder_in_every_command(folder, capsys, command):
    (folder / "nothing").mkdir()
    line, _ = _one_error(capsys, *command, "nothing")
    assert line == "nothing: error: 目录中没有规则文件（*.toml）"


@pytest.mark.parametrize("args, expected", [
    (["check", "good.txt", "--format", "json", "-o", "no/such/dir/out.json"],
     "no/such/dir/out.json: error: 无法写入：目录不存在"),
    (["check", "good.txt", "--config", "."], ".: error: 是目录，不是配置文件"),
    (["audit", "good.txt", "-o", "out", "--files-from", "."],
     ".: error: 无法读取路径列表：是目录，不是文件"),
    (["audit", "good.txt", "-o", "good.txt/out"], "good.txt/out: error: 无法创建目录：路径中有一段不是目录"),
    (["check", "good.txt", "--format", "html", "-o", "good.txt/reports/"],
     "good.txt/reports/: error: 无法创建目录：路径中有一段不是目录"),
])
def test_system_errors_are_said_in_chinese(folder, capsys, args, expected):
    """What the operating system says (ENOENT, EISDIR …) is said in Chinese too: Python's
    strerror is English ("No such file or directory")."""
    line, _ = _one_error(capsys, *args)
    assert line == expected


def test_an_html_report_folder_named_with_a_slash_is_made(folder, capsys):
    code, out, _ = run(capsys, "check", "good.txt", *LOC, "--format", "html", "-o", "reports/")
    assert code == 0 and (folder / "reports" / "index.html").exists()
    assert (folder / "reports" / "good.txt.html").exists() and "已写出 1 份审校报告" in out
