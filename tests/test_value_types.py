"""Every finding's values have the types its rule declares (``rules --format json`` shows them).

A table of findings (``audit``) keeps one type per rule and value name: numbers are numbers,
dates ISO strings. The built-in rules all declare or derive their value types; this runs the
seeds, the variant notices and every rule example's bad text and checks every value of every
finding against the declaration.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rectify_rules
from rectify_rules.cli import main
from rectify_rules.engine import RuleError, load_rules
from rectify_rules.engine.values import conforms

ROOT = Path(__file__).resolve().parents[1]
NOTICES = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "variants").glob("*.txt"))
PACK = load_rules()


def test_every_builtin_rule_types_its_values():
    for rule in PACK.rules:
        assert rule.value_types is not None, f"{rule.code}: no [values] declaration"
        untyped = [k for k, t in rule.value_types.items() if t is None]
        assert not untyped, f"{rule.code}: values without a type: {untyped}"


def _assert_typed(findings, where: str) -> int:
    seen = 0
    for f in findings:
        types = PACK.get(f.code).value_types
        for name, value in f.values.items():
            assert name in types, f"{where}: {f.code} gives undeclared value {name!r}"
            assert conforms(value, types[name]), (
                f"{where}: {f.code}.{name} = {value!r} is not a {types[name]}")
            seen += 1
    return seen


@pytest.mark.parametrize("path", NOTICES, ids=lambda p: p.stem)
def test_findings_of_seeds_and_variants_match_declared_types(path):
    findings = rectify_rules.check(path, rules=PACK, as_of=None)
    _assert_typed(findings, path.name)


def test_findings_of_rule_examples_match_declared_types():
    checked = set()
    for rule in PACK.rules:
        for ex in rule.examples:
            findings = rectify_rules.check(ex.bad, rules=PACK, genre=ex.genre, as_of=ex.as_of)
            if _assert_typed(findings, f"{rule.code} example"):
                checked.update(f.code for f in findings if f.values)
    # the examples reach (nearly) every rule that has values: the check is not vacuous
    with_values = {r.code for r in PACK.rules if r.value_types}
    assert len(checked & with_values) >= len(with_values) - 3


def test_numbers_and_dates_are_typed_not_preformatted():
    # CNT002 used to carry "3" (text); DAT001 "2021年5月10日"
    bad = next(ex.bad for ex in PACK.get("CNT002").examples)
    f = next(f for f in rectify_rules.check(bad, select=["CNT002"]))
    assert f.values["total"] == 3 and f.values["completed"] == 2 and f.values["ongoing"] == 2
    assert "合计4项" in f.message
    text = ("中共青山县农业局党组关于巡察整改进展情况的通报\n\n"
            "县委第二巡察组于2021年5月10日至2021年3月1日对青山县农业局党组开展了巡察。\n")
    f = next(iter(rectify_rules.check(text, select=["DAT001"])))
    assert f.values["start"] == "2021-05-10" and f.values["end"] == "2021-03-01"
    assert "2021年5月10日" in f.message


def test_rules_json_lists_value_types(capsys):
    assert main(["rules", "--format", "json"]) == 0
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["CNT002"]["values"]["total"] == "number"
    assert rows["DAT008"]["values"]["due"] == "date"
    assert rows["FMT004"]["values"] == {"match": "text"}


def _rule(tmp_path, extra: str) -> Path:
    d = tmp_path / "pack"
    d.mkdir(exist_ok=True)
    (d / "XYZ001.toml").write_text(
        'code = "XYZ001"\nname = "phone-bad"\nseverity = "error"\nkind = "check"\n'
        'check = "phone-valid"\nsummary = "s"\nmessage = "{phone} {reason}"\n' + extra +
        '[[example]]\nbad = "a"\ngood = "b"\n', encoding="utf-8")
    return d


def test_values_declaration_is_validated_at_load(tmp_path):
    with pytest.raises(RuleError, match=r"values\.phone: 'str' is not a value type.*text"):
        load_rules(_rule(tmp_path, '[values]\nphone = "str"\nreason = "text"\n'), builtin=False)
    with pytest.raises(RuleError, match="also gives reason"):
        load_rules(_rule(tmp_path, '[values]\nphone = "text"\n'), builtin=False)
    with pytest.raises(RuleError, match="values.region: the check gives no value"):
        load_rules(_rule(tmp_path, '[values]\nphone = "text"\nreason = "text"\n'
                                   'region = "text"\n'), builtin=False)
    pack = load_rules(_rule(tmp_path, '[values]\nphone = "text"\nreason = "text"\n'),
                      builtin=False)
    assert pack.get("XYZ001").value_types == {"phone": "text", "reason": "text"}


def test_conforms():
    assert conforms(3, "integer") and conforms(3, "number") and conforms(2.5, "number")
    assert not conforms("3", "number") and not conforms(True, "integer")
    assert conforms("2021-06-30", "date") and not conforms("2021年6月30日", "date")
    assert conforms(None, "date") and conforms(["a"], "list of text")
    assert not conforms([1], "list of text")
