"""The five real notices end to end against hand-written expected findings.

tests/seeds/*.findings.toml were written by reading each notice: the real defects it contains
must be reported (code, line, excerpt), the things it gets right must raise no finding
(``absent``), and for ``exact`` codes nothing beyond the listed findings may appear.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import rectify_rules

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = sorted((ROOT / "tests" / "seeds").glob("*.findings.toml"))


@pytest.fixture(scope="module", params=EXPECTED, ids=lambda p: p.name[:3])
def case(request):
    expected = tomllib.loads(request.param.read_text(encoding="utf-8"))
    stem = request.param.name.removesuffix(".findings.toml")
    path = ROOT / "seeds" / f"{stem}.txt"
    text = path.read_text(encoding="utf-8")
    return expected, text, rectify_rules.check(text)


def _matches(f, want, text):
    if f.code != want["code"]:
        return False
    if "line" in want and f.location.row != want["line"]:
        return False
    if "excerpt" in want and want["excerpt"] not in f.excerpt:
        return False
    return True


def test_expected_findings_present(case):
    expected, text, findings = case
    for want in expected.get("finding", []):
        assert any(_matches(f, want, text) for f in findings), (
            f"missing {want}; got {[(f.code, f.location.row, f.excerpt) for f in findings]}")


def test_no_false_alarm(case):
    expected, _, findings = case
    wrong = [(f.code, f.location.row, f.message) for f in findings
             if f.code in set(expected.get("absent", []))]
    assert wrong == []


def test_exact_codes(case):
    expected, text, findings = case
    for code in expected.get("exact", []):
        wants = [w for w in expected.get("finding", []) if w["code"] == code]
        got = [f for f in findings if f.code == code]
        assert len(got) == len(wants), (code, [(f.location.row, f.message) for f in got])


def test_findings_are_sorted_and_located(case):
    _, text, findings = case
    assert findings == sorted(findings, key=lambda f: f.sort_key)
    for f in findings:
        assert 0 <= f.span.start <= f.span.end <= len(text)
        assert f.excerpt == text[f.span.start:f.span.end]
        assert f.message and f.code and f.name
