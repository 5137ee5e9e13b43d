"""The declarative rule engine: TOML rule packs → Rule objects; a parsed Notice → Findings.

    >>> from rectify_rules.engine import check, load_rules
    >>> findings = check(text, select=["CNT"], as_of=datetime.date(2021, 6, 30))

See docs/rules.md for the rule file format and the expression language.
"""

from __future__ import annotations

from .errors import RuleError, UnknownCodeError
from .evaluate import check, check_parsed, reference_date
from .examples import run_examples
from .pack import builtin_rules_dir, load_rules, select_rules
from .rule import Example, ExampleResult, Rule, RulePack

__all__ = ["RuleError", "UnknownCodeError", "Example", "ExampleResult", "Rule", "RulePack",
           "builtin_rules_dir", "load_rules", "select_rules", "check", "check_parsed",
           "run_examples", "reference_date"]
