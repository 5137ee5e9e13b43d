"""The wheel ships the built-in rule pack (top-level rules/) and the data tables."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_rule_pack_and_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=600)
    wheel = next(tmp_path.glob("rectify_rules-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = sorted(p.relative_to(ROOT / "rules").as_posix()
                        for p in (ROOT / "rules").rglob("*.toml"))
    assert rule_files, "the source tree has no rule files"
    missing = [f for f in rule_files if f"rectify_rules/builtin_rules/{f}" not in names]
    assert missing == []
    for data in (ROOT / "rectify_rules" / "data").iterdir():
        assert f"rectify_rules/data/{data.name}" in names
