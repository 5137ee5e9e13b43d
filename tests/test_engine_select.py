"""Selecting rules, unknown codes, the reference date, check() on text, the example harness."""

from __future__ import annotations

import datetime as dt

import pytest

from rectify_rules.engine import (UnknownCodeError, check, load_rules, reference_date, run_examples,
                                  select_rules)
from rectify_rules.model import DateFact, Notice, Signature, Span

HEAD = 'code = "{code}"\nname = "{name}"\nseverity = "info"\nkind = "pattern"\nsummary = "测试"\nmessage = "见到{{match}}"\n'


def make_pack(tmp_path, rules):
    for code, name, pattern, bad, good in rules:
        (tmp_path / f"{code}.toml").write_text(
            HEAD.format(code=code, name=name) + f"pattern = '{pattern}'\n"
            f'\n[[example]]\nbad = "{bad}"\ngood = "{good}"\n', encoding="utf-8")
    return load_rules(tmp_path, builtin=False)


RULES = [("FMT004", "leftover-placeholder", "XX|××", "联系人XX", "联系人王某某"),
         ("FMT001", "doubled-character", "是是", "二是是修订", "二是修订"),
         ("DAT006", "impossible-date", "2月30日", "2月30日", "2月28日")]


def test_select_and_ignore_by_code_prefix_name_and_all(tmp_path):
    p = make_pack(tmp_path, RULES)
    assert select_rules(p).codes == ("DAT006", "FMT001", "FMT004")
    assert select_rules(p, select=["FMT"]).codes == ("FMT001", "FMT004")
    assert select_rules(p, select=["fmt00"], ignore=["FMT004"]).codes == ("FMT001",)
    assert select_rules(p, select="ALL", ignore=["doubled-character"]).codes == ("DAT006", "FMT004")
    assert select_rules(p, ignore=["DAT"]).codes == ("FMT001", "FMT004")
    assert select_rules(p, select=["CNT002"]).codes == ()  # a catalogue code the pack lacks is not an error


@pytest.mark.parametrize("kw,message", [
    ({"select": ["fmt01"]}, "select: unknown rule code or prefix 'fmt01' (did you mean 'FMT001'?)"),
    ({"ignore": ["XYZ"]}, "ignore: unknown rule code or prefix 'XYZ'"),
    ({"select": ["doubled-charakter"]},
     "select: unknown rule code or prefix 'doubled-charakter' (did you mean 'doubled-character'?)"),
])
def test_unknown_codes(tmp_path, kw, message):
    p = make_pack(tmp_path, RULES)
    with pytest.raises(UnknownCodeError) as e:
        select_rules(p, **kw)
    assert str(e.value) == message


def test_unknown_code_in_severity_and_options(tmp_path):
    p = make_pack(tmp_path, RULES)
    with pytest.raises(UnknownCodeError, match=r"^severity: unknown rule code or prefix 'FMT01' \(did you mean 'FMT001'\?\)$"):
        check("正文", rules=p, severity={"FMT01": "off"})
    with pytest.raises(UnknownCodeError, match=r"^options: unknown rule code or prefix 'QQQ'$"):
        check("正文", rules=p, options={"QQQ": {}})


def test_check_on_text_positions_and_dedupe(tmp_path):
    p = make_pack(tmp_path, RULES)
    text = "标题\n二是是修订，联系人XX，2月30日。\n"
    got = check(text, rules=p, select=["FMT", "DAT"], filename="n.txt")
    assert [(f.code, f.location.row, f.location.column, f.end_location.column, f.message) for f in got] == [
        ("FMT001", 2, 2, 4, "见到是是"), ("FMT004", 2, 10, 12, "见到XX"), ("DAT006", 2, 13, 18, "见到2月30日")]
    assert {f.filename for f in got} == {"n.txt"}
    assert check(text.encode("utf-8"), rules=p, ignore=["FMT", "DAT"]) == []


def test_check_reads_a_path(tmp_path):
    (tmp_path / "pack").mkdir()
    p = make_pack(tmp_path / "pack", RULES[:1])
    doc = tmp_path / "draft.txt"
    doc.write_text("联系人：××", encoding="utf-8")
    [f] = check(doc, rules=p)
    assert (f.code, f.filename, f.excerpt) == ("FMT004", str(doc), "××")


def test_reference_date_order():
    sig = DateFact(dt.date(2021, 4, 30), "2021年4月30日", Span(0, 1))
    pub = DateFact(dt.date(2021, 5, 6), "2021-05-06", Span(0, 1))
    assert reference_date(Notice(text="", signature=Signature(date=sig), published=pub)) == dt.date(2021, 4, 30)
    assert reference_date(Notice(text="", published=pub)) == dt.date(2021, 5, 6)
    assert reference_date(Notice(text="", published=pub), dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    assert reference_date(Notice(text="")) == dt.date.today()


def test_run_examples_reports_each_side(tmp_path):
    rules = RULES[:2] + [("FMT003", "half-width-punctuation", "是是", "二是修订", "二是是修订")]  # examples swapped
    results = run_examples(make_pack(tmp_path, rules))
    assert [(r.code, r.index, r.which, r.ok) for r in results] == [
        ("FMT001", 0, "bad", True), ("FMT001", 0, "good", True),
        ("FMT003", 0, "bad", False), ("FMT003", 0, "good", False),
        ("FMT004", 0, "bad", True), ("FMT004", 0, "good", True)]
    assert results[2].detail == "the bad example of FMT003 produced no FMT003 finding"
    assert results[3].detail == "the good example of FMT003 produced 1:2 见到是是"


def test_check_reads_a_path_given_as_a_string_like_parse():
    from pathlib import Path

    import rectify_rules

    seed = Path(__file__).resolve().parents[1] / "seeds" / "002_270ee20efe64f1c4.txt"
    by_str = rectify_rules.check(str(seed), select=["CNT003"])
    by_path = rectify_rules.check(seed, select=["CNT003"])
    by_text = rectify_rules.check(seed.read_text(encoding="utf-8"), select=["CNT003"])
    assert [f.message for f in by_str] == ["同一通报中已完成整改数前后不一致：前文为17，此处为18",
                                          "同一通报中正在整改数前后不一致：前文为8，此处为7"]
    assert {f.filename for f in by_str} == {str(seed)}
    assert [f.span for f in by_str] == [f.span for f in by_path] == [f.span for f in by_text]
    assert {f.filename for f in by_text} == {None}
