"""Loading rule packs: every validation error is one precise line with file, line, column, key."""

from __future__ import annotations

import pytest

from rectify_rules.engine import RuleError, load_rules

HEAD = '''code = "{code}"
name = "test-rule"
severity = "error"
kind = "{kind}"
summary = "测试规则"
message = "{message}"
'''
EXAMPLE = '''
[[example]]
bad = "甲"
good = "乙"
'''


def write(tmp_path, body, code="TST001", kind="assert", message="发现问题", example=EXAMPLE, raw=None):
    path = tmp_path / f"{code}.toml"
    text = raw if raw is not None else HEAD.format(code=code, kind=kind, message=message) + body + example
    path.write_text(text, encoding="utf-8")
    return path


def error(tmp_path, *args, **kw):
    path = write(tmp_path, *args, **kw)
    with pytest.raises(RuleError) as e:
        load_rules(tmp_path, builtin=False)
    assert str(e.value).startswith(f"{path}:")
    return str(e.value)[len(str(path)) + 1:]


def test_a_valid_rule_loads_with_its_fields(tmp_path):
    write(tmp_path, 'assert = "exists(feedback)"\napplies_to = ["notice"]\n[doc]\nwhy = "因为"\n'
                    'reference = "GB/T 9704-2012"\n[options]\nmonths = 2\n')
    pack = load_rules(tmp_path, builtin=False)
    rule = pack.get("TST001")
    assert (rule.code, rule.name, rule.severity, rule.kind) == ("TST001", "test-rule", "error", "assert")
    assert rule.applies_to == frozenset({"notice"})
    assert rule.doc == {"why": "因为", "reference": "GB/T 9704-2012"}
    assert rule.reference == "GB/T 9704-2012"
    assert rule.options == {"months": 2}
    assert [(e.bad, e.good) for e in rule.examples] == [("甲", "乙")]
    assert rule.path == str(tmp_path / "TST001.toml")


def test_bom_is_tolerated_and_default_applies_to_is_every_genre(tmp_path):
    (tmp_path / "TST001.toml").write_text("\ufeff" + HEAD.format(code="TST001", kind="assert", message="m")
                                          + 'assert = "exists(feedback)"\n' + EXAMPLE, encoding="utf-8")
    assert load_rules(tmp_path, builtin=False).get("TST001").applies_to == {"notice", "report", "news", "other", "unknown"}


def test_toml_syntax_error_has_line_and_column(tmp_path):
    assert error(tmp_path, 'assert = "exists(feedback)\n') == "7:27: toml: Illegal character '\\n'"


def test_ime_quotes_get_a_hint(tmp_path):
    msg = error(tmp_path, "assert = “exists(feedback)”\n")
    assert msg == ("7:10: toml: Invalid value (the line uses “ ”: TOML needs ASCII quotes \" ' and =)")


def test_fullwidth_equals_gets_a_hint(tmp_path):
    msg = error(tmp_path, 'assert ＝ "exists(feedback)"\n')
    assert msg == "7:8: toml: Expected '=' after a key in a key/value pair (the line uses ＝: TOML needs ASCII quotes \" ' and =)"


def test_not_utf8(tmp_path):
    (tmp_path / "TST001.toml").write_bytes(HEAD.format(code="TST001", kind="assert", message="规则").encode("gbk"))
    with pytest.raises(RuleError, match=r"TST001.toml:5:1: file: not UTF-8 text \(save the rule file as UTF-8\)"):
        load_rules(tmp_path, builtin=False)


@pytest.mark.parametrize("body,kw,expected", [
    ('asert = "exists(feedback)"\n', {}, "7:1: asert: unknown key (did you mean 'assert'?)"),
    ('', {}, "1:1: assert: missing: the condition that must hold"),
    ('assert = "exists(feedback)"\n', {"example": ""}, "1:1: example: missing"),
    ('assert = "exists(feedback)"\n', {"example": '\n[[example]]\nbad = "甲"\n'},
     "9:3: example[0]: missing 'good': every example needs bad AND good"),
    ('assert = "exists(feedback)"\n', {"example": '\n[[example]]\nbad = "甲"\ngood = "乙"\n[[example]]\nbda = "甲"\n'},
     "13:1: example[1].bda: unknown key (did you mean 'bad'?)"),
    ('assert = "exists(feedback)"\n', {"kind": "asert"}, "4:1: kind: 'asert' is not one of require, assert, "
     "pattern, terms, sequence, consistent, check (did you mean 'assert'?)"),
    ('assert = "exists(feedback)"\n', {"message": "共{total}项"},
     "6:1: message: placeholder {total} is not provided by this rule; available: none"),
    ('assert = "exists(feedback)"\n[values]\ntotl = "count(progress)"\n', {"message": "共{total}项"},
     "6:1: message: placeholder {total} is not provided by this rule; available: totl (did you mean 'totl'?)"),
    ('assert = "exists(feedback)"\n[values]\nrate = "1"\n', {"message": "{rate:.1f}"},
     "6:1: message: placeholder {rate}: format specs are not supported (values are already formatted for readers)"),
    ('assert = "inspection.strat < inspection.end"\n', {},
     "7:1: assert: Inspection has no field 'strat' in 'inspection.strat' (did you mean 'start'?)"),
    ('assert = "inspection.start + 3 > inspection.end"\n', {},
     "7:1: assert: cannot compute date + number: use days(d1, d2) for the days between dates"),
    ('assert = "count(progress)"\n', {}, "7:1: assert: must be a condition (true/false), got a number"),
    ('for_each = "feedback"\nassert = "true"\n', {}, "7:1: for_each: 'feedback' is a DateFact, not a list"),
    ('assert = "exists(feedback)"\napplies_to = ["notic"]\n', {},
     "8:1: applies_to: unknown genre 'notic'; genres are notice, report, news, other, unknown (did you mean 'notice'?)"),
    ('assert = "exists(feedback)"\n[doc]\nwhyy = "x"\n', {}, "9:1: doc.whyy: unknown key (did you mean 'why'?)"),
    ('assert = "exists(feedback)"\nseverity = "x"\n', {}, None),
])
def test_load_errors(tmp_path, body, kw, expected):
    if expected is None:  # a duplicate key is a TOML error
        assert error(tmp_path, body, **kw) == "8:15: toml: Cannot overwrite a value"
        return
    assert error(tmp_path, body, **kw) == expected


@pytest.mark.parametrize("field,value,expected", [
    ("code", "CNT02", "1:1: code: 'CNT02' is not a rule code (three capitals and three digits, e.g. CNT002)"),
    ("code", "TST002", "1:1: code: 'TST002' differs from the file name 'TST001.toml': name the file TST002.toml"),
    ("name", "Test_Rule", "2:1: name: 'Test_Rule' is not kebab-case (e.g. progress-does-not-add-up)"),
    ("severity", "warn", "3:1: severity: 'warn' is not one of error, warning, info (did you mean 'warning'?)"),
])
def test_common_key_errors(tmp_path, field, value, expected):
    text = HEAD.format(code="TST001", kind="assert", message="m") + 'assert = "true"\n' + EXAMPLE
    lines = [f'{field} = "{value}"' if ln.startswith(f"{field} =") else ln for ln in text.split("\n")]
    assert error(tmp_path, "", raw="\n".join(lines)) == expected


@pytest.mark.parametrize("kind,body,expected", [
    ("pattern", 'pattern = "(?P<w>[一-龥]"\n', "7:1: pattern: bad regular expression '(?P<w>[一-龥]': "
                                                "missing ), unterminated subpattern at position 0"),
    ("pattern", 'pattern = "a"\nreplacement = "\\\\g<word>"\n',
     "8:1: replacement: refers to group 'word', which the pattern does not have"),
    ("pattern", 'pattern = "a"\nmode = "forbidden"\n',
     "8:1: mode: 'forbidden' is not one of forbid, require (did you mean 'forbid'?)"),
    ("pattern", 'pattern = "a"\ntext = "titel"\n', "8:1: text: unknown fact 'titel' in 'titel' (did you mean 'title'?)"),
    ("terms", '[[term]]\nright = "腾笼换鸟"\nwrong = ["腾笼换鸟"]\n', "9:1: term[0].wrong: '腾笼换鸟' is the right form itself"),
    ("terms", '[[term]]\nright = "腾笼换鸟"\n', "7:3: term[0]: needs both 'right' and 'wrong'"),
    ("sequence", 'tree = "outlines"\n', "7:1: tree: 'outlines' is not one of outline, problems (did you mean 'outline'?)"),
    ("consistent", '[[group]]\nlabel = "完成数"\npath = "progress[0].completed"\n',
     "9:1: group[0].path: 'progress[0].completed' is one value, not a list of claims: use [*]"),
    ("consistent", '[[group]]\nlabel = "完成数"\npath = "progress[*].complete"\n',
     "9:1: group[0].path: Progress has no field 'complete' in 'progress[*].complete' (did you mean 'completed'?)"),
    ("require", 'require = "inspection.start + 1"\n',
     "7:1: require: cannot compute date + number: use days(d1, d2) for the days between dates"),
    ("require", 'require = "1 == 1"\n', "7:1: require: must be a fact path such as 'progress[*]', got '1 == 1'"),
    ("check", 'check = "no-such-check-anywhere"\n', None),
])
def test_kind_errors(tmp_path, kind, body, expected):
    msg = error(tmp_path, body, kind=kind)
    if expected is None:
        assert msg.startswith("7:1: check: no check named 'no-such-check-anywhere' is registered")
    else:
        assert msg == expected


def test_later_folders_override_and_duplicates_in_one_pack_fail(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "sub").mkdir(parents=True)
    b.mkdir()
    write(a, 'assert = "true"\n')
    write(b, 'assert = "false"\n', message="覆盖")
    pack = load_rules(a, b, builtin=False)
    assert [r.message for r in pack.rules] == ["覆盖"]
    write(a / "sub", 'assert = "true"\n')
    with pytest.raises(RuleError, match=r"code: TST001 is defined twice in one pack"):
        load_rules(a, builtin=False)


def test_rules_are_sorted_by_code(tmp_path):
    for code in ("TST003", "ABC001", "TST001"):
        write(tmp_path, 'assert = "true"\n', code=code)
    assert load_rules(tmp_path, builtin=False).codes == ("ABC001", "TST001", "TST003")
