"""REQ012's reading (parsing/ending.py): which texts stop mid-sentence, which end properly.

A notice may end without sentence-final punctuation and without a signature and still be
whole: an attachment line ("附件：…", GB/T 9704 7.3.4), a copy line ("抄送：…"), a print line
("…2021年6月1日印发"). Read as cut, such a text got a false REQ012 and lost its true REQ010
(a cut text is not told its signature is missing)."""

from __future__ import annotations

import pytest

from rectify_rules import check, parse

HEAD = ("中共白河县水利局党组关于县委巡察整改进展情况的通报\n\n"
        "　　2023年3月6日至4月28日，县委第一巡察组对县水利局党组开展了常规巡察。2023年6月12日，"
        "县委第一巡察组向县水利局党组反馈了巡察意见，共反馈2个问题。截至2023年9月10日，"
        "2个问题已完成整改2个。\n\n"
        "　　一、河长制落实不到位。整改情况：建立河长巡河台账。已完成整改。\n\n"
        "　　二、水毁工程修复滞后。整改情况：完成修复23处。已完成整改。\n\n"
        "　　欢迎广大干部群众监督。联系电话：0915-2512345。\n")


@pytest.mark.parametrize("tail", [
    "\n附件：巡察整改问题清单\n",
    "\n附件：1.巡察反馈问题整改台账\n　　　2.整改工作责任分工\n",
    "\n附件1：整改台账\n附件2：制度清单\n",
    "\n抄送：县委巡察办，县纪委监委\n",
    "\n中共白河县水利局办公室　　2023年9月12日印发\n",
    "\n附：联系人 王磊 0915-2512345\n",
    "\n附件：巡察整改问题清单\n\n相关链接\n",
])
def test_attachment_copy_and_print_lines_end_a_text(tail):
    text = HEAD + tail
    assert parse(text).truncated is None
    codes = {f.code for f in check(text)}
    assert "REQ012" not in codes and "REQ010" in codes   # no signature: said, not excused


@pytest.mark.parametrize("tail, last", [
    ("\n　　三、干部作风不实。整改情况：开展作风纪律专项整治，对照问题清单逐项", "对照问题清单逐项"),
    ("\n　　三、干部作风不实。……省略330字……", "省略330字"),
    ("\n　　三、干部作风不实。整改情况：开展作风纪律专项整治，对照问题清单逐项\n相关链接\n", "对照问题清单逐项"),
])
def test_a_text_that_stops_mid_sentence_is_cut(tail, last):
    text = HEAD.replace("　　欢迎广大干部群众监督。联系电话：0915-2512345。\n", "") + tail
    cut = parse(text).truncated
    assert cut is not None and cut.text.endswith(last)
    assert [f.code for f in check(text) if f.code in ("REQ010", "REQ012")] == ["REQ012"]
