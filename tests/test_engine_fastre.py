"""engine.fastre: the trie alternation and the prefiltered pattern match what the plain ones do."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.engine import load_rules
from rectify_rules.engine.fastre import (ByStart, ByText, by_start, by_text, start_chars, trie_pattern,
                                         with_prefilter)
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
    fmt004 = load_rules().get("FMT004").spec.regex.rx  # all alternatives (fastre.ByText)
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


# ---- alternatives by text (fastre.ByText) ------------------------------------------------------

def _matches(rx, text):
    return [(m.span(), m.groupdict(), m.lastindex) for m in rx.finditer(text)]


def test_by_text_finds_what_the_pattern_finds_in_the_pack():
    pack = load_rules()
    guarded = {r.code: r.spec.regex for r in pack.rules
               if r.kind == "pattern" and isinstance(r.spec.regex, ByText)}
    assert {"FMT004", "FMT005"} <= set(guarded)
    texts = list(SEEDS.values()) + [
        "2021年  月  日", "2021年3月  日", "第X条，XX镇，××，**，王某某某，TODO：待补充【 】( )",
        "绝密★1年 内部资料，注意保存", "同志们，第届，截止目前己完成"]
    for code, rx in guarded.items():
        for text in texts:
            assert _matches(rx, text) == _matches(rx.source, text), code
            assert _matches(rx, text) == _matches(rx.rx, text), code


def test_by_text_needs_of_alternatives():
    rx = ByText(re.compile(r"(?:20[0-9]{2})?年[ ]+月|[Xx]{2,}|×{3}y|(?:TODO|TBD)|(?P<g>z)|a(?=b)c"))
    # an alternative starting with a literal is always tried
    assert [needs for _, needs, _ in rx.alternatives] == [
        [{"年 "}, {" "}, {"月"}], [{"X", "x"}], [{"×××y"}], [], [{"z"}], []]
    assert [groups for _, _, groups in rx.alternatives] == [False] * 4 + [True, False]
    assert rx.active("2024年 月 XX") == (0, 1, 3, 5)  # literal first: always
    assert list(rx.finditer("nothing here")) == []
    # ignoring case, global inline flags, no needs: left whole
    for pattern in (r"(?i)todo|x", r"(?s)a|.", r"[^a]|."):
        assert isinstance(by_text(re.compile(pattern)), re.Pattern)
    # an alternative with a group is kept, so a back-reference to it stays right
    rx = re.compile(r"(a)?c|\1b|b")
    assert _matches(ByText(rx), "bcb") == _matches(rx, "bcb")


_ALTERNATIVES = [r"(?:19|20)?年[ ]+月", r"[Xx]{2,}", r"×{2,}", r"(?<![A-Za-z])(?:TODO|TBD)",
                 r"待补充", r"【[ \t]*】", r"\([ \t]*\)", r"(?P<n>第)?[一二]项", r"a(?=b)", r"b[a-c]"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALTERNATIVES), min_size=1, max_size=5, unique=True),
       st.text(alphabet="Xx×年月第12TODOBD待补充【】() \t一二项ab", max_size=40),
       st.integers(0, 5), st.integers(30, 45))
def test_by_text_finds_the_same_matches(alternatives, text, pos, endpos):
    rx = re.compile("|".join(alternatives))
    fast = ByText(rx)
    assert _matches(fast, text) == _matches(rx, text)
    assert [m.span() for m in fast.finditer(text, pos, endpos)] == \
        [m.span() for m in rx.finditer(text, pos, endpos)]


def test_by_text_pickles_without_its_compiled_subsets():
    import pickle

    rx = ByText(re.compile(r"年[ ]+月|[Xx]{2,}|待补充"))
    list(rx.finditer("待补充"))  # no X: a pattern without that alternative
    assert rx._compiled
    back = pickle.loads(pickle.dumps(rx))
    assert back.pattern == rx.pattern and back._compiled == {}
    assert _matches(back, "XX 待补充") == _matches(rx.source, "XX 待补充")


# ---- tried where a match can start (fastre.ByStart) ---------------------------------------------

def test_start_chars():
    assert start_chars(re.compile(r"(?:电[ ]{0,3}话|热线|手机)(?:号码)?[:：]")) == "手热电"
    assert start_chars(re.compile(r"(?<=[，,])同志|[1-3]号")) == "123同"
    assert start_chars(re.compile(r"(?:第)?[一二]项")) == "一二第"
    # a match that may be empty, any character, a category, a wide range, case folded: none
    for pattern in (r"x?", r".x", r"\dx", r"[a-z]x", r"(?i)ax", r"[^a]x"):
        assert start_chars(re.compile(pattern)) is None, pattern
    assert isinstance(by_start(re.compile(r"(?:热线|手机)号")), ByStart)
    # a literal first: the engine's own fast path, left alone
    assert isinstance(by_start(re.compile(r"截止(?=目前)")), re.Pattern)


_STARTING = [r"(?:电[ ]{0,3}话|热线|手机|座机)(?:号码)?[ \t]*[:：][ \t]*", r"(?<=[，,])同志(?!们)",
             r"[一二](?:是|要)+", r"(?:a|b)(?=c)a?", r"(?P<n>第)?[一二]项|项(?<=一项)", r"[ab]{2,}"]


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(_STARTING), st.text(alphabet="电 话热线手机座号码:：\t，,同志们一二是要第项abc",
                                           max_size=50), st.integers(0, 6), st.integers(20, 60))
def test_by_start_finds_the_same_matches(pattern, text, pos, endpos):
    rx = re.compile(pattern)
    fast = ByStart(rx, start_chars(rx))
    assert _matches(fast, text) == _matches(rx, text)
    assert [m.span() for m in fast.finditer(text, pos, endpos)] == \
        [m.span() for m in rx.finditer(text, pos, endpos)]


def test_by_start_falls_back_to_the_scan_on_many_places():
    rx = re.compile(r"[一二](?:是|要)")
    fast = ByStart(rx, start_chars(rx))
    text = "一是" * 300  # a start at every other character: the engine's scan is cheaper
    assert not hasattr(fast.finditer(text), "gi_frame")
    assert _matches(fast, text) == _matches(rx, text)


def test_by_start_finds_what_the_pattern_finds_in_the_pack():
    import pickle

    pack = load_rules()
    started = {r.code: r.spec.regex for r in pack.rules
               if r.kind == "pattern" and isinstance(r.spec.regex, ByStart)}
    assert {"FMT006", "PRV004"} <= set(started)
    texts = list(SEEDS.values()) + ["绝密★1年 内部资料，注意保存", "同志们，第届，王某同志，届时"]
    for code, rx in started.items():
        back = pickle.loads(pickle.dumps(rx))
        for text in texts:
            assert _matches(rx, text) == _matches(rx.rx, text) == _matches(back, text), code
