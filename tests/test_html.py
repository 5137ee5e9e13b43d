"""Reading notices published as web pages: decoding and main-text extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from rectify_rules.html import decode_html, html_to_text, read_html
from rectify_rules.read import InputError, load, read_path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
NBSP4 = "\xa0" * 4


def seed_lines(name: str, first: int, stop: str | None = None) -> list[str]:
    lines = [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").split("\n")]
    lines = lines[first:]
    if stop:
        lines = lines[:next(i for i, line in enumerate(lines) if stop in line)]
    return [line for line in lines if line]


def test_old_table_layout_page_gbk():
    # nested layout tables, a nav table, a sidebar with a phone number, <br> paragraphs,
    # print/close links and a footer table with another phone number
    path = HERE / "data" / "table_layout_gbk.html"
    body = seed_lines("000_dc5af87add2ce3ac.txt", 5, "扫一扫在手机打开当前页")
    assert read_path(path).split("\n") == [
        "中共通江县工业园工作委员会 关于巡察整改阶段性进展情况的通报",
        "来源:廉洁·通江\xa0\xa0日期:2021-04-30 16:35\xa0\xa0阅读量:9817",
        *[NBSP4 + line for line in body],
    ]


def test_modern_div_layout_page():
    path = HERE / "data" / "div_layout_utf8.html"
    text, name = load(path)
    assert name == str(path)
    assert text.split("\n") == [
        "中共泾县招商合作服务中心党组关于巡察整改进展情况的通报",
        "来源:泾县纪委 时间:2022-02-23 点击量:24479 次",
        *seed_lines("001_c76a038a99cc564d.txt", 4),
    ]


def test_page_text_excludes_site_furniture():
    text = read_path(HERE / "data" / "div_layout_utf8.html")
    for junk in ("0563-5000000", "上一篇", "分享到", "相关文章", "搜索", "工作动态", "扫一扫"):
        assert junk not in text
    text = read_path(HERE / "data" / "table_layout_gbk.html")
    for junk in ("0827-7222000", "0827-7222333", "栏目导航", "当前位置", "打印本页", "dateStr"):
        assert junk not in text


@pytest.mark.parametrize("meta", ['<meta charset="gb2312">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
                                  "<meta charset=gb18030>"])
def test_meta_charset(meta):
    page = f"<html><head>{meta}<title>整改通报</title></head><body><p>已完成整改。</p></body></html>"
    assert decode_html(page.encode("gb18030")) == page


def test_meta_charset_wrong_falls_back_to_detection():
    page = '<html><head><meta charset="utf-8"></head><body><p>截至目前，已整改8个问题。</p></body></html>'
    assert decode_html(page.encode("gbk")) == page


def test_bom_beats_meta():
    page = '<meta charset="gbk"><p>县委第二巡察组</p>'
    assert decode_html(b"\xef\xbb\xbf" + page.encode("utf-8")) == page


def test_br_paragraphs_cells_and_whitespace():
    page = ("<html><body><table><tr><td>发布日期：</td><td>2021-06-28</td></tr></table>"
            "<div>一、整改\n  工作<br>（一）加强   领导<br><br>\u3000\u30001.成立领导小组。</div>"
            "</body></html>")
    assert html_to_text(page) == "发布日期： 2021-06-28\n一、整改 工作\n（一）加强 领导\n\u3000\u30001.成立领导小组。"


def test_title_taken_from_title_element_when_body_lacks_it():
    page = ("<html><head><title>关于巡察整改进展情况的通报_某某区人民政府网</title></head><body>"
            "<div class=nav><a href=/>首页</a> <a href=/x>政务公开</a></div>"
            "<div id=zoom><p>根据区委统一部署，区委第二巡察组开展了常规巡察。</p>"
            "<p>共反馈3个方面11个问题，已整改8个。</p></div></body></html>")
    assert html_to_text(page).split("\n") == [
        "关于巡察整改进展情况的通报", "根据区委统一部署，区委第二巡察组开展了常规巡察。",
        "共反馈3个方面11个问题，已整改8个。"]


def test_big_br_paragraph_keeps_its_sibling_paragraphs():
    # one <div> holds most of the text; stepping into it would lose the intro and contact
    big = "<br>".join(f"{i}.问题整改情况说明，已完成整改并建立长效机制。" for i in range(1, 30))
    page = (f"<body><div class=content><div>按照党务公开原则，现将巡察整改进展情况予以公布。</div>"
            f"<div>{big}</div><div>联系电话：0827-7320666</div></div>"
            f"<div class=footer>版权所有 某某县人民政府</div></body>")
    lines = html_to_text(page).split("\n")
    assert lines[0] == "按照党务公开原则，现将巡察整改进展情况予以公布。"
    assert lines[-1] == "联系电话：0827-7320666"
    assert len(lines) == 31


def test_hidden_and_script_content_dropped():
    page = ("<body><div><p>正文第一段，巡察整改。</p><script>var a='巡察'</script>"
            "<p style='display: none'>隐藏文字</p><p hidden>也隐藏</p><style>p{}</style>"
            "<p>正文第二段。</p></div></body>")
    assert html_to_text(page) == "正文第一段，巡察整改。\n正文第二段。"


def test_deeply_nested_page_does_not_overflow():
    page = "<body>" + "<div>" * 5000 + "巡察整改通报正文" + "</div>" * 5000 + "</body>"
    assert html_to_text(page) == "巡察整改通报正文"


def test_empty_page_is_an_input_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x=1</script></head><body> </body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value) == f"{path}: 文件为空"


def test_read_html_accepts_bytes_directly():
    page = "<html><body><h1>整改报告</h1><p>区委第二巡察组：</p></body></html>"
    assert read_html(page.encode("utf-16")) == "整改报告\n区委第二巡察组："


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<br>", "<table><tr><td>", "</td>",
                         "<a href=x>", "</a>", "<h1>", "</h1>", "<script>", "</script>",
                         "<title>", "</title>", "巡察整改", "通报", " ", "\n", "&nbsp;", "<"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_TAGS | st.text(max_size=5), max_size=40))
def test_arbitrary_markup_never_raises(parts):
    text = html_to_text("".join(parts))
    assert isinstance(text, str)
    assert "\n\n" not in text and not text.startswith("\n")
