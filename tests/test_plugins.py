"""Check plugins from the entry-point group ``rectify_rules.checks``, end to end.

Each test installs a throw-away distribution (a ``*.dist-info`` folder with entry_points.txt and
its module) on PYTHONPATH of a fresh interpreter, so importlib.metadata finds it as it finds an
installed plugin package.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLUGIN = '''
from rectify_rules.checks import Hit

def title_too_long(ctx):
    title = ctx.notice.title
    limit = ctx.options.get("limit", 30)
    if title is not None and len(title.text) > limit:
        yield Hit(title.span, {"length": len(title.text), "limit": limit})
'''

RULE = '''
code = "LOC100"
name = "title-too-long"
severity = "warning"
kind = "check"
check = "title-too-long"
summary = "标题过长"
message = "标题有{length}个字，超过本单位规定的{limit}个字"

[options]
limit = 30

[doc]
what = "标题字数超过 options.limit。"
why = "本单位规定标题不超过30个字。"
use_instead = "精简标题。"
reference = "本单位公文写作规范（示例）"

[[example]]
bad = "中共某某县某某局党组关于县委第二巡察组巡察反馈意见整改落实阶段性进展情况和下一步工作安排的通报\\n\\n正文。"
good = "中共某某县某某局党组关于巡察整改进展情况的通报\\n\\n正文。"
'''


def _install(tmp: Path, entry: str, module: str | None = PLUGIN) -> dict[str, str]:
    site = tmp / "site"
    dist = site / "demo_plugin-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[rectify_rules.checks]\n{entry}\n")
    if module is not None:
        (site / "demo_plugin.py").write_text(textwrap.dedent(module), encoding="utf-8")
    pack = tmp / "pack"
    pack.mkdir()
    (pack / "LOC100.toml").write_text(RULE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "RECTIFY_RULES_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    return env


def _cli(env, *args):
    return subprocess.run([sys.executable, "-m", "rectify_rules", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def test_a_plugin_check_runs_from_a_rule_pack(tmp_path):
    env = _install(tmp_path, "title-too-long = demo_plugin:title_too_long")
    p = _cli(env, "test-rules", str(tmp_path / "pack"))
    assert p.returncode == 0, p.stderr
    draft = tmp_path / "draft.txt"
    draft.write_text("中共某某县某某局党组关于县委第二巡察组巡察反馈意见整改落实阶段性进展情况和"
                     "下一步工作安排的通报\n\n正文。\n", encoding="utf-8")
    p = _cli(env, "check", str(draft), "--rules", str(tmp_path / "pack"), "--select", "LOC100",
             "--format", "concise", "--fail-on", "warning")
    assert p.returncode == 1, p.stderr
    assert p.stdout.splitlines() == [
        f"{draft}:1:1: LOC100 标题有47个字，超过本单位规定的30个字",
        "检查了 1 个文件，发现 1 个问题（错误 0，警告 1，提示 0）。"]


def test_a_plugin_that_cannot_be_imported_is_one_line_and_exit_2(tmp_path):
    env = _install(tmp_path, "title-too-long = no_such_module:fn", module=None)
    draft = tmp_path / "draft.txt"
    draft.write_text("关于巡察整改进展情况的通报\n", encoding="utf-8")
    p = _cli(env, "check", str(draft), "--rules", str(tmp_path / "pack"))
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert p.stderr.splitlines() == [
        "rectify-rules: error: check plugin title-too-long = no_such_module:fn (distribution "
        "demo-plugin): cannot be loaded: ModuleNotFoundError: No module named 'no_such_module'"]


def test_a_plugin_may_not_take_a_built_in_name(tmp_path):
    env = _install(tmp_path, "phone-valid = demo_plugin:title_too_long")
    p = _cli(env, "check", str(ROOT / "seeds" / "001_c76a038a99cc564d.txt"))
    assert p.returncode == 2
    assert p.stderr.splitlines() == [
        "rectify-rules: error: check plugin phone-valid = demo_plugin:title_too_long "
        "(distribution demo-plugin): the name 'phone-valid' is already a registered check"]
