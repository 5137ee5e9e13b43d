"""Every regex on untrusted text is linear in its input (issue #13).

Three layers:

1. the forms that backtrack, caught statically in every module-level pattern of the package:
   two greedy runs that can both take blanks, with only optional items between them (a long
   run of blanks is tried in every split: quadratic, cubic with three) and a repeat inside a
   repeat (exponential). The remedy is a possessive run (``\\s*+``) or an atomic group;
2. growth of each risky pattern on its worst input, 10 KB → 100 KB → 1 MB, used as the
   parser uses it (scan, match at a position, full match of a line): the cost per character
   must stay flat (a ratio, not a wall-clock limit; CPU time, best of a few runs);
3. growth of the whole parser and rule pack on a notice with one huge line of each unit that
   made a pattern or a loop super-linear before.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from re import _constants as C
from re import _parser as P

import pytest

import rectify_rules
from rectify_rules.checks import hygiene, required
from rectify_rules.engine import check_parsed, load_rules
from rectify_rules.parsing import boilerplate, breakdowns, contact, counts, progress, signature
from rectify_rules.parsing import parse_source

# --- 1. the static check -------------------------------------------------------------------

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)


def module_patterns() -> list[tuple[str, re.Pattern]]:
    """Every compiled pattern held at module level in rectify_rules (the CLI's excepted)."""
    out, seen = [], set()
    for info in pkgutil.walk_packages(rectify_rules.__path__, "rectify_rules."):
        if ".cli" in info.name or info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for key, value in vars(module).items():
            values = value if isinstance(value, (tuple, list)) else (
                value.values() if isinstance(value, dict) else (value,))
            for v in values:
                if isinstance(v, re.Pattern) and isinstance(v.pattern, str) and id(v) not in seen:
                    seen.add(id(v))
                    out.append((f"{info.name}.{key}", v))
    return out


def _takes_blank(item) -> bool:
    """Whether the one-character item (LITERAL, IN, ANY, NOT_LITERAL) can match a blank."""
    op, av = item
    if op is C.ANY:
        return True
    if op is C.LITERAL:
        return chr(av).isspace()
    if op is C.NOT_LITERAL:
        return True
    if op is C.IN:
        negate = any(k is C.NEGATE for k, _ in av)
        hit = False
        for k, v in av:
            if k is C.LITERAL and chr(v).isspace():
                hit = True
            elif k is C.RANGE and any(chr(c).isspace() for c in range(v[0], min(v[1], 0x3000) + 1)):
                hit = True
            elif k is C.CATEGORY and v in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD,
                                           C.CATEGORY_NOT_DIGIT):
                hit = True
        return not hit if negate else hit
    return False


def _blank_run(op, av) -> bool:
    """A greedy or lazy repeat without an upper bound whose item can take a blank."""
    if op not in _REPEATS:
        return False
    low, high, item = av
    return high is C.MAXREPEAT and len(item) == 1 and _takes_blank(item[0])


def _optional(op, av) -> bool:
    try:
        return P.SubPattern(P.State(), [(op, av)]).getwidth()[0] == 0
    except Exception:  # pragma: no cover
        return False


def backtracking_forms(seq, found: list[str], inside_repeat: bool = False) -> None:
    """Append what makes *seq* backtrack super-linearly (see the module docstring)."""
    pending = False  # a blank run stands before, with only optional items since
    for op, av in seq:
        if _blank_run(op, av):
            if pending:
                found.append("two blank runs side by side")
            pending = True
            if inside_repeat:
                found.append("an unbounded repeat inside a repeat")
            continue
        if op in _REPEATS and len(av[2]) == 1 and _takes_blank(av[2][0]):
            continue  # a bounded run of blank-taking characters: it shares blanks with the runs
        if op in _REPEATS:
            low, high, item = av
            if (high is C.MAXREPEAT or high > 1) and not _anchored(item) and any(
                    o in _REPEATS and a[1] is C.MAXREPEAT for o, a in _walk(item)):
                found.append("an unbounded repeat inside a repeat")
            repeated = (high is C.MAXREPEAT or high > 1) and not _anchored(item)
            backtracking_forms(item, found, inside_repeat or repeated)
        elif op is C.SUBPATTERN:
            backtracking_forms(av[3], found, inside_repeat)
        elif op is C.BRANCH:
            for alt in av[1]:
                backtracking_forms(alt, found, inside_repeat)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            backtracking_forms(av[1], found, inside_repeat)
        if not _optional(op, av):
            pending = False


def _anchored(seq) -> bool:
    r"""Whether every pass through *seq* takes a character outside a repeat ("-" in
    ``(?:-[a-z]+)*``, "|" in ``(?:\w{2,8}\s*\|\s*)+``): then the passes of an outer repeat
    cannot be split another way."""
    for op, av in seq:
        if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
            return True
        if (op is C.POSSESSIVE_REPEAT and av[0] >= 1 and len(av[2]) == 1
                and not _takes_blank(av[2][0])):  # \d{1,3}+: at least one, never given back
            return True
        if op is C.SUBPATTERN and _anchored(av[3]):
            return True
        if op is C.BRANCH and all(_anchored(alt) for alt in av[1]):
            return True
    return False


def _walk(seq):
    for op, av in seq:
        yield op, av
        if op in _REPEATS or op is C.POSSESSIVE_REPEAT:
            yield from _walk(av[2])
        elif op is C.SUBPATTERN:
            yield from _walk(av[3])
        elif op is C.BRANCH:
            for alt in av[1]:
                yield from _walk(alt)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _walk(av[1])


def forms_of(rx: re.Pattern) -> list[str]:
    found: list[str] = []
    backtracking_forms(P.parse(rx.pattern, rx.flags), found)
    return sorted(set(found))


#: patterns with such a form that cannot be made to backtrack: the reason is given
BOUNDED = {
    # a 12-character window before a postcode is all it is ever searched in
    "rectify_rules.checks.contact._POSTCODE_LABEL",
    # a metadata line is at most 160 characters when these run (boilerplate._META_MAX)
    "rectify_rules.parsing.boilerplate._TIME_RE",
    # matched once at a clause start and it always succeeds (every part after the trigger is
    # optional): the greedy first try is the answer, nothing is given back
    "rectify_rules.parsing.breakdowns._TRIGGER",
    "rectify_rules.parsing.contact._PHONE_LABEL",
    # a rule file's line, from the built-in pack or a user pack of at most 256 KB
    "rectify_rules.engine.loader._HEADER",
    # always succeeds once its label is found (the value may be empty): nothing given back
    "rectify_rules.parsing.contact._POSTCODE",
    # the value between the blank runs is at most 120 characters: O(120 n)
    "rectify_rules.parsing.contact._ADDRESS",
}


def test_static_forms_that_backtrack_are_gone():
    flagged = {name: forms_of(rx) for name, rx in module_patterns() if forms_of(rx)}
    unexplained = {k: v for k, v in flagged.items() if k not in BOUNDED}
    assert unexplained == {}


def scanned_patterns() -> list[tuple[str, re.Pattern]]:
    """The module-level patterns their module runs over a text (search, finditer, findall,
    sub, split): those must also be linear when tried from every position."""
    import inspect

    out = []
    for name, rx in module_patterns():
        module_name, attr = name.rsplit(".", 1)
        source = inspect.getsource(importlib.import_module(module_name))
        # (parsing.starts.matches_at tries a pattern at places of the text: a scan all the same)
        if re.search(rf"\b{re.escape(attr)}\.(?:search|finditer|findall|sub|split)\("
                     rf"|\bmatches_at\(\s*{re.escape(attr)}\b", source):
            out.append((name, rx))
    return out


#: what a long run is made of in hostile text: blanks, digits, numerals, CJK, brackets
_RUNS = (" ", "1", "一", "中", "\n", "(", "、", "X")


def test_scanned_patterns_grow_linearly_on_long_runs():
    """Tried from every position of a long run (what search and finditer do), no pattern may
    scan the rest of the run each time: 2 000 → 16 000 characters, 8 times the work at most
    (with slack: 20; a pattern that rescans does 64)."""
    def once(rx, text: str) -> float:
        t0 = time.process_time()
        rx.search(text)
        return time.process_time() - t0

    slow = {}
    for name, rx in scanned_patterns():
        for unit in _RUNS:
            small, large = unit * 2000 + "\x01\x01", unit * 16000 + "\x01\x01"
            if once(rx, large) < 0.002:  # linear for sure (a rescan of 16 000 takes ~0.3 s)
                continue
            ratio = _per_call(rx.search, large, rounds=2) / _per_call(rx.search, small, rounds=2)
            if ratio > 20:
                slow[name] = (unit, round(ratio))
    assert slow == {}


def test_built_in_pack_patterns_do_not_backtrack():
    """The built-in pack's patterns are trusted, but they run on untrusted text too."""
    flagged = {}
    for rule in load_rules():
        if rule.kind == "pattern":
            for rx in (rule.spec.regex, *rule.spec.exceptions):
                if forms_of(rx):
                    flagged[rule.code] = forms_of(rx)
    assert flagged == {}


def test_the_static_check_sees_the_old_forms():
    old = ["\\s*前?\\s*(?:需|应)?\\s*完成", "(?:[>›»]\\s*[^>›»]{1,20}\\s*){1,6}", "(a+)+$",
           "[ \\t\\u3000]*[(（]?[ \\t]*[0-9]"]
    assert all(forms_of(re.compile(p)) for p in old)
    new = ["\\s*+前?\\s*+(?:需|应)?\\s*+完成", "(?>[>›»]\\s*+[^>›»]{0,20}+)", "a+$", "\\s*[:：]\\s*"]
    assert not any(forms_of(re.compile(p)) for p in new)


# --- 2. growth of each risky pattern on its worst input --------------------------------------

def _per_call(fn, arg, rounds: int = 3) -> float:
    """CPU seconds per call of fn(arg): calls repeated to at least 5 ms, best of *rounds*."""
    best = float("inf")
    for _ in range(rounds):
        n = 1
        while True:
            t0 = time.process_time()
            for _ in range(n):
                fn(arg)
            spent = time.process_time() - t0
            if spent >= 0.005:
                break
            n *= 4
        best = min(best, spent / n)
    return best


def assert_linear(fn, make, sizes=(10_000, 100_000, 1_000_000), rounds: int = 3,
                  limit: float = 6) -> None:
    """Cost per character of fn(make(size)) stays flat from the first size to the last."""
    base = _per_call(fn, make(sizes[0]), rounds) / sizes[0]
    for size in sizes[1:]:
        per_char = _per_call(fn, make(size), rounds) / size
        # linear: ~1 (caches, allocation: up to ~3); quadratic: the ratio of the sizes
        assert per_char / base < limit, (size, per_char / base)


def _blanks(head: str, tail: str = "x"):
    return lambda size: head + " " * size + tail


def _scan(rx):
    return lambda text: sum(1 for _ in rx.finditer(text))


CASES = {
    "breadcrumb line": (boilerplate.is_junk_line,
                        lambda n: "首页" + (">" + " " * 14 + "要") * (n // 16) + " x>"),
    "print widgets": (boilerplate.is_junk_line, lambda n: "打印 " * (n // 3) + "x"),
    "navigation bar": (boilerplate.is_junk_line, lambda n: "栏目 | " * (n // 5) + "x"),
    "view counter": (boilerplate.is_junk_line, _blanks("阅读量")),
    "font size widget": (boilerplate.is_junk_line, _blanks("字号")),
    "font size token": (_scan(boilerplate._JUNK_TOKEN_RE), _blanks("【字号")),
    "deadline tail": (progress._DEADLINE_TAIL.match, _blanks("")),
    "progress before figure": (_scan(progress._PRE), _blanks("已完成整改")),
    "progress after figure": (_scan(progress._POST), _blanks("3个问题已完成")),
    "rate": (_scan(progress._RATE), _blanks("完成率")),
    "total after noun": (_scan(progress._TOTAL), _blanks("问题")),
    "figures": (_scan(progress._ITEM_FIG), lambda n: "1" * n),
    "breakdown item": (breakdowns._ITEM.match, _blanks("整改")),
    "line head": (_scan(hygiene._LINE_HEAD), _blanks("\n")),
    "deadline verb": (required._DEADLINE_VERB.match, _blanks("")),
    "deadline label": (required._DEADLINE_LABEL.search, _blanks("完成时限")),
    "sentence opening": (counts._SENTENCE_OPENING.match, _blanks("")),
    "declared counts": (_scan(counts._DECLARED), lambda n: "共反馈" + "1" * n),
    "attachment line": (signature._ATTACHMENT.match, _blanks("附件")),
    "address value": (contact._ADDRESS.search, _blanks("通讯地址：")),
    "digits before percent": (_scan(breakdowns._PCT), lambda n: "9" * n),
    "placeholder Xs (FMT004)": (_scan(load_rules().get("FMT004").spec.regex),
                                lambda n: "X" * n + "a"),
    "placeholder blanks (FMT004)": (_scan(load_rules().get("FMT004").spec.regex),
                                    lambda n: "【" + " " * n + "x"),
    "classification marking (PRV004)": (_scan(load_rules().get("PRV004").spec.regex),
                                        _blanks("绝密")),
    "internal marking (PRV004)": (_scan(load_rules().get("PRV004").spec.regex),
                                  _blanks("内部资料")),
    "placeholder signing date": (signature._PLACEHOLDER.search, _blanks("")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_risky_pattern_grows_linearly(case):
    fn, make = CASES[case]
    assert_linear(fn, make)


# --- 3. the whole pipeline on a huge line ---------------------------------------------------

#: a unit per super-linear path found (by the fuzzing run or an audit) and fixed
UNITS = [" ", "\t", "打印 ", "1", "一", "(", "【", "整改", "共反馈", "其中3个,", "2021年5月底",
         "> ", "\n附件 ", "完成率 ", "已完成整改 ", "关于\n", "二〇二一年六月九日 ", "X", "绝密 "]


@pytest.fixture(scope="module")
def pack():
    return load_rules()


@pytest.mark.parametrize("unit", UNITS)
def test_pipeline_grows_linearly_on_a_huge_line(unit, pack):
    head = "中共某县某局党组关于巡察整改进展情况的通报\n截至目前，已完成整改3项。\n"

    def make(size: int) -> str:
        return head + (unit * (size // len(unit) + 1))[:size] + "\n"

    def run(text: str) -> None:
        notice, src = parse_source(text)
        check_parsed(notice, src, pack, notes=[])

    assert_linear(run, make, sizes=(4_000, 48_000), rounds=2, limit=8)
