"""docs/catalogue.md lists every built-in rule as the pack defines it (code, name, level, summary)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from rectify_rules.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]


def _builder():
    spec = importlib.util.spec_from_file_location("build_catalogue_doc",
                                                  ROOT / "tools" / "build_catalogue_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogue_doc_is_current():
    written = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert written == _builder().render(), "run python tools/build_catalogue_doc.py"


def test_catalogue_doc_names_every_code_with_its_name():
    written = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    for code, (name, _) in CATALOGUE.items():
        assert f"| {code} | `{name}` |" in written
