"""The expression language: syntax, load-time types, evaluation and not-applicable semantics."""

from __future__ import annotations

import datetime as dt

import pytest

from rectify_rules.engine import expr as X
from rectify_rules.engine import paths as P
from rectify_rules.model import (Count, DateFact, Figure, Inspection, Node, Marker, Notice, Progress,
                                 Span, TextFact)

D = dt.date
TEXT = "2020年9月8日至2020年10月15日巡察。共反馈3个方面11个问题，已整改8个，3个纳入持续整改。"


def fig(v, s=0):
    return Figure(v, Span(s, s + 1))


def date(y, m, d, s=0, **kw):
    return DateFact(D(y, m, d), f"{y}年{m}月{d}日", Span(s, s + 5), **kw)


NOTICE = Notice(
    text=TEXT,
    title=TextFact("关于巡察整改进展情况的通报", Span(0, 5)),
    inspection=Inspection(start=date(2020, 9, 8, 0), end=date(2020, 10, 15, 10)),
    feedback=date(2021, 1, 27, 20),
    declared=(Count("aspects", 3, "3个方面", Span(30, 34)), Count("problems", 11, "11个问题", Span(34, 39))),
    progress=(Progress(Span(40, 60), total=fig(11), completed=fig(8), ongoing=fig(3)),
              Progress(Span(60, 70), completed=fig(9))),
)


def ev(text, *, it=None, options=None, notice=NOTICE, as_of=D(2021, 4, 30)):
    node = X.parse(text)
    it_t = P.ObjT(type(it)) if it is not None else None
    X.infer(node, X.Scope(it_t, options or {}))
    v = X.evaluate(node, X.Env(notice, as_of, options or {}, it))
    return [X.value(x) for x in v] if isinstance(v, list) else X.value(v)


def type_error(text, it=None, options=None):
    with pytest.raises(X.ExprError) as e:
        X.infer(X.parse(text), X.Scope(it, options or {}))
    return str(e.value)


@pytest.mark.parametrize("text,expected", [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("10 / 4", 2.5), ("-3 + 5", 2), ("7 - 2 - 1", 4),
    ("1 < 2 and 2 <= 2", True), ("not 1 == 1 or 3 != 3", False), ('"专项" == "专项"', True),
    ("2021-06-30 > 2021-01-01", True), ("true and not false", True),
])
def test_literals_and_operators(text, expected):
    assert ev(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("inspection.start", D(2020, 9, 8)),
    ("inspection.end.latest", D(2020, 10, 15)),
    ("progress[0].total", 11),
    ("progress[*].completed", [8, 9]),
    ("count(progress[*].total)", 1),   # missing values are dropped under [*]
    ("count(progress)", 2),
    ("count(declared)", 2),
    ("sum(declared[*])", 14),
    ("sum(progress[*].completed, 1)", 18),
    ("min(progress[*].completed)", 8),
    ("max(declared[*])", 11),
    ("max(inspection.start, inspection.end)", D(2020, 10, 15)),
    ("len(title)", 13),  # 关于巡察整改进展情况的通报
    ("len(declared)", 2),
    ("abs(3 - 10)", 7),
    ("days(inspection.start, inspection.end)", 37),
    ("months(inspection.end, feedback)", 3),
    ("months(2021-01-31, 2021-02-28)", 0),
    ("exists(feedback)", True),
    ("exists(signature.date)", False),
    ("exists(problems)", False),
    ("as_of", D(2021, 4, 30)),
    ("days(feedback, as_of) > options.days", True),
    ("declared[1].quantity", "problems"),
])
def test_facts_and_functions(text, expected):
    assert ev(text, options={"days": 60}) == expected


def test_it_inside_for_each_and_date_coercion():
    p = NOTICE.progress[0]
    assert ev("it.completed + it.ongoing == it.total", it=p) is True
    assert ev("inspection.start < inspection.end") is True  # two DateFacts compare by value


@pytest.mark.parametrize("text", [
    "signature.date > feedback",          # missing operand of a comparison
    "progress[1].total - 1",              # missing operand of arithmetic
    "3 / (progress[0].total - 11)",       # division by zero
    "not exists(feedback) == true or signature.date < feedback",
    "progress[5].total == 1",             # index out of range
    "days(signature.date, feedback)",
    "min(progress[*].rate)",
])
def test_not_applicable(text):
    assert ev(text) is None


def test_three_valued_logic():
    assert ev("signature.date > feedback and 1 == 2") is False
    assert ev("signature.date > feedback or 1 == 1") is True
    assert ev("not (signature.date > feedback)") is None


@pytest.mark.parametrize("text,message", [
    ("inspection.start + 3", "cannot compute date + number: use days(d1, d2) for the days between dates"),
    ('title == 3', "cannot compare text == number"),
    ("inspection.start < 3", "cannot compare date < number"),
    ('title < "x"', "cannot order text < text: only numbers and dates have an order"),
    ("progress.completed", "'progress' is a list: write progress[*].completed"),
    ("progres[*]", "unknown fact 'progres' in 'progres[*]' (did you mean 'progress'?)"),
    ("inspection.strat", "Inspection has no field 'strat' in 'inspection.strat' (did you mean 'start'?)"),
    ("progress[*].completed > 1", "cannot use a list in list of Figure > number: use count(), sum(), min() or max()"),
    ("feedback == none", "'none' in date == none is never true or false: use exists(…) instead"),
    ("cout(declared)", "unknown function 'cout' (did you mean 'count'?)"),
    ("count(feedback)", "count() needs a list, got DateFact"),
    ("days(feedback)", "days() takes 2 argument(s), got 1"),
    ("sum(inspection.start, 1)", "sum() needs numbers of one kind, got date, number"),
    ("it.total", "'it' is only defined inside for_each"),
    ("options.monhts", "unknown option 'monhts'; declare it in [options] (did you mean 'months'?)"),
    ("inspection.body == 1", "cannot use a InspectionBody in InspectionBody == number: name one of its fields"),
    ("feedback.value.year", "'feedback.value' is a date and has no field 'year'"),
    ("1 and true", "'and' needs true/false on both sides, got number"),
])
def test_type_errors(text, message):
    assert type_error(text, options={"months": 2}) == message


def test_for_each_item_paths_are_checked():
    it = P.ObjT(Progress)
    assert X.infer(X.parse("it.completed + it.ongoing"), X.Scope(it)) == "number"
    assert type_error("it.complete", it=it) == "Progress has no field 'complete' in 'it.complete' (did you mean 'completed'?)"


def test_whitelisted_properties_and_methods():
    leaf = Node(Marker("1.", Span(0, 2), "arabic-dot", 3, 1), "t", Span(0, 5), Span(2, 3), Span(3, 5),
                status="ongoing")
    n = Notice(text="x" * 10, problems=(Node(None, "g", Span(0, 9), Span(0, 1), Span(1, 9), children=(leaf,)),))
    assert ev("count(leaves)", notice=n) == 1
    assert ev('leaves[0].status == "ongoing"', notice=n) is True
    assert ev("problems[*].children[*].number", notice=n) == [1]
    assert X.infer(X.parse("feedback.latest"), X.Scope()) == "date"


@pytest.mark.parametrize("text,message", [
    ("1 +", "syntax error at column 3 of '1 +': unexpected '+'"),
    ("2021-02-30 > as_of", "syntax error at column 1 of '2021-02-30 > as_of': 2021-02-30 is not a calendar date"),
    ("a.b ==", "syntax error at column 5 of 'a.b ==': unexpected '=='"),
    ("  ", "empty expression"),
])
def test_syntax_errors(text, message):
    with pytest.raises(X.ExprError) as e:
        X.parse(text)
    assert str(e.value) == message


def test_strings_with_quotes_and_keywords_not_paths():
    assert ev("'a\\'b' == \"a'b\"") is True
    assert X.parse("notice_count")[0] == "path"   # a name that starts with a keyword is a path
    assert X.paths_in(X.parse("exists(feedback) and days(inspection.end, feedback) > 1")) == [
        ("path", "feedback", (), "feedback"), ("path", "inspection", (("attr", "end"),), "inspection.end"),
        ("path", "feedback", (), "feedback")]
