"""User-pack patterns on RE2 mean what they mean in Python (rectify_rules/engine/userre.py).

The pattern is rebuilt for RE2 from Python's own parse; these tests draw patterns from a small
grammar of what RE2 can take and texts of the characters they use, and compare every match
(span and groups) with Python's ``re``.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rectify_rules.engine import userre
from rectify_rules.engine.userre import UserPattern, can_match_empty, compile_user, to_re2

pytest.importorskip("re2")

ATOMS = ["a", "b", "整", "改", "1", "１", " ", "\u3000", "\n", ".", r"\d", r"\w", r"\s", r"\D",
         r"\S", r"\W", "[ab]", "[^a]", "[一-龥]", r"[\d.]", r"[\s,]", r"[^\s]", "(?:整改)",
         "(a|b)", "(?P<x>改)", "(?i:A)"]
QUANT = ["", "", "*", "+", "?", "{1,3}", "*?", "+?", "{2}"]


@st.composite
def patterns(draw):
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        atom = draw(st.sampled_from(ATOMS))
        parts.append(atom + draw(st.sampled_from(QUANT)))
    body = "".join(parts)
    if draw(st.booleans()):
        body = f"(?:{body})|{draw(st.sampled_from(ATOMS))}"
    if draw(st.booleans()):
        body = "(?m)^" + body
    return body


texts = st.text(alphabet="ab整改1１ \u3000\n.,Aé一", max_size=40)


def _matches(rx, text):
    return [(m.span(), m.group(0), m.groupdict()) for m in rx.finditer(text)]


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(patterns(), texts)
def test_re2_finds_what_python_finds(pattern, text):
    try:
        rx = re.compile(pattern)
    except re.error:  # a group name drawn twice
        return
    if can_match_empty(rx):
        return
    user = UserPattern(rx)
    assert user.engine == "re2", pattern
    assert _matches(user, text) == _matches(rx, text)


@pytest.mark.parametrize("pattern", [r"(?<=整)改", r"(a)\1", r"\bx", r"a$", r"(?>a+)b", "a++b"])
def test_what_re2_cannot_say_runs_on_regex(pattern):
    assert to_re2(pattern) is None
    user = compile_user(pattern)
    assert user.engine == "regex"
    text = "整改 x aab aa\n"
    assert _matches(user, text) == _matches(re.compile(pattern), text)


def test_python_classes_end_in_the_first_four_planes():
    """The classes are read from planes 0–3; nothing above is a digit, letter or space."""
    high = "".join(map(chr, range(userre._PLANES_READ, sys.maxunicode + 1)))
    assert re.search(r"[\d\w\s]", high) is None


def test_expand_reads_python_templates():
    m = next(compile_user(r"(?P<n>\d+)(个|项)").finditer("完成１２个"))
    assert m.expand(r"\g<n>\2") == "１２个" and m.expand(r"[\1]\n\\") == "[１２]\n\\"


@pytest.mark.parametrize("pattern", ["a*", "(?:整改)?", "(?=a)", r"\b", "a|"])
def test_empty_matching_patterns_are_refused(pattern):
    with pytest.raises(ValueError):
        compile_user(pattern)


def test_a_pattern_over_budget_raises_pattern_timeout():
    slow = compile_user(r"(a+)+$", budget=0.05)
    assert slow.engine == "regex"
    with pytest.raises(userre.PatternTimeout) as e:
        list(slow.finditer("a" * 5000 + "b"))
    assert "超出时间预算" in str(e.value)


def test_a_text_re2_cannot_read_goes_to_regex():
    user = compile_user(r"\d+个")
    assert user.engine == "re2"
    assert [m.span() for m in user.finditer("a\ud8001个")] == [(2, 4)]
