"""engine.fastre: the trie alternation and the prefiltered pattern match what the plain ones do."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.engine import load_rules
from rectify_rules.engine.fastre import trie_pattern, with_prefilter
from rulehelpers import SEEDS

WORDS = ["中国特色社会主意", "中国特设社会主义", "中国特色", "社会主意", "三重一大大", "三重一大", "X月低"]
ALPHABET = "中国特色设社会主意义三重一大X月低底 ,"


def _spans(rx, text):
    return [m.span() for m in rx.finditer(text)]


def _longest_first(words):
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def test_trie_shape():
    assert trie_pattern(["ab", "abc", "abd", "x"]) == "(?:ab(?:c|d)?|x)"
    assert trie_pattern(["三重一大大", "三重一大"]) == "三重一大(?:大)?"


def test_trie_takes_the_longest_word_at_each_place():
    rx = re.compile(trie_pattern(WORDS))
    text = "坚持走中国特色社会主意道路，研究三重一大大事项，中国特色。"
    assert [m.group() for m in rx.finditer(text)] == ["中国特色社会主意", "三重一大大", "中国特色"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_trie_matches_like_the_longest_first_alternation(text):
    assert _spans(re.compile(trie_pattern(WORDS)), text) == _spans(_longest_first(WORDS), text)


def test_term_tables_find_the_same_places_in_the_seeds():
    for rule in load_rules().rules:
        if rule.kind != "terms":
            continue
        plain = _longest_first(rule.spec.right_of)
        for text in SEEDS.values():
            assert _spans(rule.spec.wrong_re, text) == _spans(plain, text), rule.code


def test_prefilter_added_only_where_it_is_safe():
    fmt004 = load_rules().get("FMT004").spec.regex
    assert fmt004.pattern.startswith("(?=[")
    # already fast (a literal or a class first), can match empty, ignores case, any character
    for pattern in ("abc", "[0-9]项", "a|b", "z*", "(?<=x)y|z*", "(?i)todo", ".x", "[^a]b"):
        assert with_prefilter(re.compile(pattern)).pattern == pattern
    assert with_prefilter(re.compile(r"(?<=\d)[年月]")).pattern == r"(?=[年月])(?:(?<=\d)[年月])"
    assert with_prefilter(re.compile(r"(?P<n>x)?y")).pattern == r"(?=[xy])(?:(?P<n>x)?y)"
    assert with_prefilter(re.compile(r"[0-9]+项")).pattern == r"(?=[0-9])(?:[0-9]+项)"


PATTERNS = [
    r"(?<=[0-9年月第])[Xx](?=[年月日号项个名条])|(?<![A-Za-z0-9@._/-])[Xx]{2,}(?![A-Za-z0-9@])|×{2,}",
    r"(?<![A-Za-z])(?:TODO|TBD)(?![A-Za-z])|待补充|【[ \t]*】|\([ \t]*\)",
    r"(?P<n>第)?[一二三]\s*项",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet="Xx×年月第12TODOBD待补充【】() \t一二三项@.a", max_size=40))
def test_prefiltered_pattern_finds_the_same_matches(pattern, text):
    rx = re.compile(pattern)
    fast = with_prefilter(rx)
    assert fast.pattern != pattern
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
        [(m.span(), m.groupdict()) for m in rx.finditer(text)]
