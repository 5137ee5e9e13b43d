"""The built-in pack against the catalogue (the public contract), and every example it carries.

Parametrised per catalogue code, so a failure names the rule. While the rule writers are still
landing their files, tests for missing codes fail: that is the point of this meta-test.
"""

from __future__ import annotations

import pytest

from rectify_rules.catalogue import CATALOGUE
from rectify_rules.engine import RulePack, load_rules, run_examples

CODES = sorted(CATALOGUE)


@pytest.fixture(scope="module")
def pack():
    return load_rules()  # raises RuleError (file:line:col) if any built-in rule file is broken


def _rule(pack, code):
    rule = pack.get(code)
    assert rule is not None, f"{code} ({CATALOGUE[code][0]}) has no rule file in the built-in pack"
    return rule


def test_builtin_pack_has_only_catalogue_codes(pack):
    assert [c for c in pack.codes if c not in CATALOGUE] == []


@pytest.mark.parametrize("code", CODES)
def test_rule_matches_catalogue(pack, code):
    rule = _rule(pack, code)
    name, severity = CATALOGUE[code]
    assert (rule.name, rule.severity) == (name, severity)


@pytest.mark.parametrize("code", CODES)
def test_rule_has_complete_example(pack, code):
    rule = _rule(pack, code)
    assert any(ex.bad.strip() and ex.good.strip() for ex in rule.examples), f"{code} needs bad AND good"


@pytest.mark.parametrize("code", CODES)
def test_rule_examples_run(pack, code):
    rule = _rule(pack, code)
    results = run_examples(RulePack((rule,)))
    assert results, f"{code} has no example"
    failed = [f"{r.which} #{r.index}: {r.detail}" for r in results if not r.ok]
    assert failed == []
