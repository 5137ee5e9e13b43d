"""Header steps rewritten to run faster give exactly what the plain forms gave (the plain form
kept here as the reference; both run on the seeds, the variant notices and generated text made
of the characters the step reacts to)."""

from __future__ import annotations

import pytest
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


# ---- whole-text scans tried only where a match can start (parsing/starts.py) --------------------

from rectify_rules.parsing import contact, header  # noqa: E402
from rectify_rules.parsing.starts import matches_at, word_starts  # noqa: E402

#: (pattern, the words every match holds, how far after its start) as the parser scans them
SCANS = {
    "duration": (inspection._DURATION_RE, inspection._DURATION_VERBS, (0,)),
    "phone label": (contact._PHONE_LABEL, contact._PHONE_CORE, (0, 2)),
    "e-mail label": (contact._EMAIL_LABEL, contact._EMAIL_FIRST, (0,)),
    "published for supervision": (header._PUBLIC, header._PUBLIC_FIRST, (0,)),
}


def _scan_fast(name: str, text: str, pos: int = 0, endpos: int | None = None,
               per_place: int = 64) -> list:
    rx, words, shifts = SCANS[name]
    starts = word_starts(text, words, shifts, pos, endpos)
    return [(m.span(), m.groups())
            for m in matches_at(rx, text, starts, pos, endpos, per_place=per_place)]


def _scan_plain(name: str, text: str, pos: int = 0, endpos: int | None = None) -> list:
    rx = SCANS[name][0]
    return [(m.span(), m.groups()) for m in rx.finditer(text, pos, len(text) if endpos is None
                                                         else endpos)]


def test_scans_from_their_words_as_everywhere_on_notices():
    for name in SCANS:
        found = 0
        for text in TEXTS:
            assert _scan_fast(name, text) == _scan_plain(name, text), name
            found += len(_scan_plain(name, text))
        assert found, name


#: for each scan: its words, what comes before and after them, what its look-behinds read
_SCAN_PIECES = {
    "duration": ["为期", "历时", "用时", "经过", "经", "已", "曾", "3个月", "两天", "一年", "多", "的",
                 "整改", " "],
    "phone label": ["联系", "举报", "电", "话", "电话", "热线", "手机", "座机", "号码", ":", "：",
                    "为", "是", " ", "\n", "x"],
    "e-mail label": ["电子", "邮箱", "邮件", "信箱", "E", "e", "x", "-mail", "MAIL", "mail", "地址",
                     ":", " "],
    "published for supervision": ["欢迎", "广大", "接受", "监督", "予以", "公布", "公开", "现将",
                                  "通报", "。", "x"],
}


@pytest.mark.parametrize("name", sorted(SCANS))
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_scans_from_their_words_as_everywhere_on_generated_text(name, data):
    text = data.draw(st.lists(st.sampled_from(_SCAN_PIECES[name]), max_size=40).map("".join))
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text) + 2))
    per_place = data.draw(st.sampled_from([64, 64, 64, 1]))  # 1: more than a few places: scanned
    assert _scan_fast(name, text, pos, endpos, per_place) == _scan_plain(name, text, pos, endpos)


def test_a_text_full_of_the_words_is_scanned_with_the_same_matches():
    text = "电" * 3000 + "联系电话：0563-1234567，" + "经" * 3000 + "为期3个月"
    for name in ("phone label", "duration"):
        rx, words, shifts = SCANS[name]
        assert len(word_starts(text, words, shifts)) > 3000  # past the budget: the engine scans
        assert _scan_fast(name, text) == _scan_plain(name, text) != []
