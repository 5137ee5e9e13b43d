"""Exact-position fixtures for built-in rules.

Format: one file per rule, ``tests/fixtures/rules/<CODE>.toml``::

    [[case]]
    text = "…the text to check…"
    expect = [{line = 2, column = 5, end_line = 2, end_column = 9}]   # [] = no finding
    as_of = "2021-06-30"   # optional reference date
    genre = "notice"       # optional: force the genre

Each case runs ``check(text, select=[CODE], as_of=…, genre=…)`` with the built-in pack and the
positions of its CODE findings (1-based line/column, end exclusive, code points) must equal
``expect`` exactly, in order.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from rectify_rules.engine import check

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
KEYS = {"text", "expect", "as_of", "genre"}


def _cases():
    for path in sorted(FIXTURES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        for i, case in enumerate(data.get("case", [])):
            yield pytest.param(path.stem, case, id=f"{path.stem}-{i}")


def positions(text, code, *, as_of=None, genre=None):
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    found = check(text, select=[code], as_of=as_of, genre=genre)
    return [{"line": f.location.row, "column": f.location.column,
             "end_line": f.end_location.row, "end_column": f.end_location.column}
            for f in found if f.code == code]


@pytest.mark.parametrize("code,case", list(_cases()))
def test_fixture(code, case):
    assert set(case) <= KEYS, f"unknown keys {set(case) - KEYS} in {code} fixture"
    assert positions(case["text"], code, as_of=case.get("as_of"), genre=case.get("genre")) == case["expect"]


def _builtin_codes():
    from rectify_rules.engine import load_rules

    return sorted(r.code for r in load_rules().rules)


@pytest.mark.parametrize("code", _builtin_codes())
def test_every_builtin_rule_has_a_fixture_with_pass_and_fail_cases(code):
    path = FIXTURES / f"{code}.toml"
    assert path.is_file(), f"{code} has no fixture file {path.name}"
    cases = tomllib.loads(path.read_text(encoding="utf-8-sig")).get("case", [])
    assert any(c.get("expect") == [] for c in cases), f"{code}: no passing case (expect = [])"
    assert any(c.get("expect") for c in cases), f"{code}: no failing case with positions"


def test_no_fixture_without_a_rule():
    assert sorted(p.stem for p in FIXTURES.glob("*.toml")) == _builtin_codes()
