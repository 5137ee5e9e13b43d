"""Header steps rewritten to run faster give exactly what the plain forms gave (the plain form
kept here as the reference; both run on the seeds, the variant notices and generated text made
of the characters the step reacts to)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules.parsing import inspection

from test_fast_patterns import TEXTS

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]


def _consumed(seq, out: set[str]) -> None:
    """Every character a parsed pattern can consume, into *out* (look-arounds hold none)."""
    for op, av in seq:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.IN:
            for iop, iav in av:
                if iop is C.LITERAL:
                    out.add(chr(iav))
                elif iop is C.RANGE:
                    out.update(map(chr, range(iav[0], iav[1] + 1)))
                else:
                    raise AssertionError(f"a class item the test does not know: {iop}")
        elif op is C.BRANCH:
            for alt in av[1]:
                _consumed(alt, out)
        elif op is C.SUBPATTERN:
            _consumed(av[3], out)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            _consumed(av[2], out)
        elif op in (C.ASSERT, C.ASSERT_NOT, C.GROUPREF, C.AT):
            pass  # reads, holds nothing (a back reference holds what its group held)
        else:
            raise AssertionError(f"an item the test does not know: {op}")


def test_name_characters_hold_every_character_a_body_match_holds():
    held: set[str] = set()
    _consumed(P.parse(inspection._BODY_RE.pattern), held)
    assert held and held <= inspection._IN_NAME, held - inspection._IN_NAME


def _bodies_plain(text: str) -> list:
    return [(m.span(), m.groups()) for m in inspection._BODY_RE.finditer(text)]


def _bodies_fast(text: str) -> list:
    return [(m.span(), m.groups()) for m in inspection._matches(text, 0, len(text))]


def test_body_matches_as_the_full_scan_on_notices():
    found = 0
    for text in TEXTS:
        assert _bodies_fast(text) == _bodies_plain(text)
        found += len(_bodies_plain(text))
    assert found > 30


#: a group's name made of the parts the pattern reads (each may be missing), and words around it
_NAME = st.tuples(*(st.sampled_from(["", *parts]) for parts in (
    ["县委", "市委", "党组", "市"], ["巡察办"], ["第十一轮", "第3轮政治"], ["共", "组建"],
    ["第", "第二", "二", "3个", "第一、第二", "第一至第五", "四、五"], ["联动", "（提级）", "专项"],
    ["巡察", "巡视", "巡"], ["组", "二组", "组第二组", ""]))).map("".join)
_AROUND = st.sampled_from(["按照", "统一部署", "，", "、", "和", " ", "对", "开展了", "第", "个", "县委"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(_NAME, _AROUND), max_size=8).map("".join))
def test_body_matches_as_the_full_scan_on_generated_text(text):
    assert _bodies_fast(text) == _bodies_plain(text)
