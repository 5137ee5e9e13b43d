"""The near-miss scan of ``terms`` rules (rectify_rules.engine.nearmiss)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from rectify_rules.engine.nearmiss import NearMisses, is_slip

RIGHT = "习近平新时代中国特色社会主义思想"


@pytest.mark.parametrize("seen", [
    "习近平新时代中国特色社会思想",        # 主义 left out: two characters, not a slip
])
def test_two_characters_left_out_is_not_one_slip(seen):
    assert not is_slip(seen, RIGHT)


@pytest.mark.parametrize("seen, right", [
    ("习近平新时代中国特色主义社会思想", RIGHT),      # blocks swapped
    ("习近平新时代国中特色社会主义思想", RIGHT),      # adjacent characters swapped
    ("中国特社会主义", "中国特色社会主义"),           # one left out
    ("社会主义核核心价值观", "社会主义核心价值观"),   # one added
])
def test_slips(seen, right):
    assert is_slip(seen, right)


@pytest.mark.parametrize("seen, right", [
    ("中国特色社会主义", "中国特色社会主义"),         # the right form itself
    ("中国共产党巡察工作条例", "中国共产党巡视工作条例"),  # a replaced character
    ("社会主义核心的价值观", "社会主义核心价值观"),    # a prose word added
    ("国中特色社会主义", "中国特色社会主义"),          # the first two characters differ
    ("中国特色社会主意", "中国特色社会主义"),          # the last character differs
])
def test_not_slips(seen, right):
    assert not is_slip(seen, right)


def test_scan_positions_and_no_overlap():
    scan = NearMisses([RIGHT, "中国特色社会主义", "两个维护"], 7)
    text = "学习习近平新时代中国特色主义社会思想，坚持中国特社会主义道路，做到两个为护。"
    assert list(scan.scan(text)) == [(2, 18, RIGHT), (21, 28, "中国特色社会主义")]
    assert text[2:18] == "习近平新时代中国特色主义社会思想"
    assert "两个维护" not in scan.rights   # shorter than the minimum


def test_scan_does_not_cross_a_line_break():
    scan = NearMisses(["中国特色社会主义"], 7)
    assert list(scan.scan("中国特色社\n会主义")) == []


@given(st.text(alphabet="中国特色社会主义思想习近平的和。\n", max_size=80))
def test_scan_finds_only_slips_inside_the_text(text):
    scan = NearMisses([RIGHT, "中国特色社会主义"], 7)
    last = -1
    for start, end, right in scan.scan(text):
        assert 0 <= start < end <= len(text) and start >= last
        assert is_slip(text[start:end], right)
        last = end


@pytest.mark.parametrize("value", ["3", "true", '"7"'])
def test_near_misses_value_is_checked_when_the_pack_loads(tmp_path, value):
    from rectify_rules.engine import RuleError, load_rules

    (tmp_path / "LOC300.toml").write_text(f'''
code = "LOC300"
name = "misspelled-house-term"
severity = "warning"
kind = "terms"
near_misses = {value}
summary = "本单位固定用语写错"
message = "应为“{{right}}”，此处写作“{{wrong}}”"
[doc]
what = "查找本单位固定用语的错误写法。"
why = "固定用语应统一。"
use_instead = "按规范写法书写。"
reference = "本单位规范（示例）"
[[term]]
right = "党风廉政建设责任制"
wrong = ["党风廉政建设责任治"]
[[example]]
bad = "落实党风廉政建设责任治。"
good = "落实党风廉政建设责任制。"
''', encoding="utf-8")
    with pytest.raises(RuleError, match=r"LOC300\.toml:\d+:\d+: near_misses: must be a whole "
                                        r"number of characters, at least 5"):
        load_rules(tmp_path, builtin=False)
