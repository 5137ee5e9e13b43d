"""Configuration files and --as-of parsing (no engine needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rectify_rules.cli.batch import collect, is_excluded
from rectify_rules.cli.config import Config, find_config, load_config, parse_as_of
from rectify_rules.cli.errors import CliError


@pytest.mark.parametrize("text, expected", [
    ("2021-06-30", dt.date(2021, 6, 30)),
    ("2021年6月30日", dt.date(2021, 6, 30)),
    ("2021/6/30", dt.date(2021, 6, 30)),
    ("2021.06.30", dt.date(2021, 6, 30)),
    ("２０２１年６月３０日", dt.date(2021, 6, 30)),
    ("二〇二一年六月三十日", dt.date(2021, 6, 30)),
])
def test_as_of_written_dates(text, expected):
    assert parse_as_of(text) == expected


def test_as_of_relative_dates():
    today = dt.date.today()
    assert parse_as_of("yesterday") == today - dt.timedelta(days=1)
    assert parse_as_of("3 days ago") == today - dt.timedelta(days=3)


@pytest.mark.parametrize("text", ["2021-02-30", "not a date", "", "下个世纪"])
def test_as_of_bad_values_are_one_line_errors(text):
    with pytest.raises(CliError) as e:
        parse_as_of(text)
    assert "\n" not in str(e.value) and str(e.value).startswith("--as-of: ")


def test_rectify_rules_toml_top_level_keys(tmp_path):
    cfg = tmp_path / "rectify-rules.toml"
    cfg.write_text('select = ["CNT", "DAT"]\nignore = "DAT005"\nfail-on = "warning"\n'
                   'rules = ["my_rules"]\nas-of = 2021-06-30\ngenre = "notice"\n'
                   'exclude = ["drafts/*"]\n[severity]\nCNT003 = "warning"\n'
                   '[options.DAT008]\nmonths = 3\n', encoding="utf-8")
    c = load_config(cfg)
    assert c.select == ("CNT", "DAT") and c.ignore == ("DAT005",)
    assert c.fail_on == "warning" and c.genre == "notice"
    assert c.as_of == dt.date(2021, 6, 30)
    assert c.rules == (str((tmp_path / "my_rules").resolve()),)
    assert dict(c.severity) == {"CNT003": "warning"}
    assert dict(c.options) == {"DAT008": {"months": 3}}
    assert c.exclude == ("drafts/*",)


def test_pyproject_table_and_nearest_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.rectify-rules]\nignore = ["FMT003"]\n',
                                             encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "rectify-rules.toml").write_text('genre = "report"\n', encoding="utf-8")
    assert find_config(sub) == tmp_path / "a" / "rectify-rules.toml"
    assert load_config(tmp_path / "pyproject.toml").ignore == ("FMT003",)


def test_pyproject_without_our_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.other]\nx = 1\n', encoding="utf-8")
    (tmp_path / "inner").mkdir()
    found = find_config(tmp_path / "inner")
    assert found != tmp_path / "pyproject.toml"


@pytest.mark.parametrize("body, expected", [
    ('selct = ["CNT"]\n', "selct: 未知的配置项（是否想写 'select'？）"),
    ('fail_on = "error"\n', "fail_on: 未知的配置项（是否想写 'fail-on'？）"),
    ('fail-on = "fatal"\n', "fail-on: 应为 error|warning|info，而不是 'fatal'"),
    ('[severity]\nCNT001 = "eror"\n', "severity.CNT001: 级别应为 error|warning|info|off，"
                                      "而不是 'eror'（是否想写 'error'？）"),
    ('as-of = "someday"\n', "as-of: 无法识别的日期"),
    ('select = 3\n', "select: 应是字符串列表"),
    ('select = [\n', "TOML 语法错误"),
])
def test_bad_configuration_is_one_clear_line(tmp_path, body, expected):
    cfg = tmp_path / "rectify-rules.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(CliError) as e:
        load_config(cfg)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(f"{cfg}: error: ") and expected in msg


def test_pyproject_unknown_key_names_the_table(tmp_path):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.rectify-rules]\nignroe = ["X"]\n', encoding="utf-8")
    with pytest.raises(CliError, match=r"tool\.rectify-rules\.ignroe: 未知的配置项"
                                       r"（是否想写 'ignore'？）"):
        load_config(cfg)


def test_collect_recurses_sorted_skips_hidden_and_excluded(tmp_path):
    for rel in ("b.txt", "a/z.html", "a/c.docx", ".git/x.txt", "a/.h.txt", "n.pdf",
                "drafts/d.txt", "A.HTM"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    got = collect([str(tmp_path)], lambda p: is_excluded(p, ("drafts/*",), tmp_path))
    names = [Path(g).relative_to(tmp_path).as_posix() for g in got]
    assert names == ["A.HTM", "a/c.docx", "a/z.html", "b.txt"]


def test_collect_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CliError, match="目录中没有可检查的文件"):
        collect([str(tmp_path / "empty")], lambda p: False)
    with pytest.raises(CliError, match="文件不存在"):
        collect([str(tmp_path / "missing.txt")], lambda p: False)


def test_config_root_defaults_to_cwd():
    assert Config().root == Path.cwd()
