"""Reading .docx drafts: paragraph order, tables, and Word's automatic list numbering."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml

from rectify_rules.docx import read_docx
from rectify_rules.read import InputError, load, read_path
from rectify_rules.wordnum import format_number

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lvl(ilvl, fmt, text, suff="nothing", start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>')


# the heading scheme of GB/T 9704 drafts: 一、 （一） 1.
HEADINGS = (lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
            + lvl(2, "decimal", "%3."))


def set_numbering(document, abstracts: dict[int, str], nums: dict[int, tuple[int, str]]):
    """Replace the numbering part: abstractNum id → levels XML, numId → (abstract, overrides)."""
    root = document.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    for aid, levels in abstracts.items():
        root.append(parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{aid}">{levels}'
                              f'</w:abstractNum>'))
    for nid, (aid, overrides) in nums.items():
        root.append(parse_xml(f'<w:num {NS} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
                              f'{overrides}</w:num>'))


def numbered(container, text, num_id, ilvl):
    p = container.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_auto_numbered_headings_render_as_typed_markers(tmp_path):
    d = docx.Document()
    set_numbering(d, {0: HEADINGS}, {1: (0, "")})
    d.add_paragraph("根据县委巡察工作统一部署，现将巡察整改进展情况予以公布。")
    numbered(d, "提高政治站位，全面组织落实巡察整改工作", 1, 0)
    numbered(d, "加强组织领导", 1, 1)
    numbered(d, "成立了巡察整改工作领导小组。", 1, 2)
    numbered(d, "细化整改任务。", 1, 2)
    numbered(d, "强化责任落实", 1, 1)
    numbered(d, "巡察反馈问题整改落实情况", 1, 0)
    numbered(d, "关于党的政治建设方面", 1, 1)
    numbered(d, "学习贯彻不够深入。", 1, 2)
    path = tmp_path / "draft.docx"
    path.write_bytes(save(d))
    assert read_path(path).split("\n") == [
        "根据县委巡察工作统一部署，现将巡察整改进展情况予以公布。",
        "一、提高政治站位，全面组织落实巡察整改工作",
        "（一）加强组织领导",
        "1.成立了巡察整改工作领导小组。",
        "2.细化整改任务。",
        "（二）强化责任落实",
        "二、巡察反馈问题整改落实情况",
        "（一）关于党的政治建设方面",
        "1.学习贯彻不够深入。",
    ]


def test_counting_past_ten_and_suffixes():
    d = docx.Document()
    set_numbering(d, {0: lvl(0, "chineseCounting", "%1、", suff="tab")
                      + lvl(1, "decimal", "%1.%2.", suff="space")
                      + lvl(2, "decimal", "%1.%2.%3", suff="space", extra="<w:isLgl/>")},
                   {3: (0, "")})
    for i in range(21):
        numbered(d, f"第{i + 1}项", 3, 0)
    numbered(d, "子项", 3, 1)
    numbered(d, "法律式编号", 3, 2)
    lines = read_docx(save(d)).split("\n")
    assert lines[9] == "十、\t第10项"
    assert lines[10] == "十一、\t第11项"
    assert lines[19] == "二十、\t第20项"
    assert lines[20] == "二十一、\t第21项"
    assert lines[21] == "二十一.1. 子项"    # each %n in the format of its own level
    assert lines[22] == "21.1.1 法律式编号"   # w:isLgl: all decimal


def test_numbering_from_paragraph_style_and_based_on():
    d = docx.Document()
    # level 2 is linked to style Level3 (w:pStyle), whose numPr has no ilvl
    levels = HEADINGS.replace('<w:numFmt w:val="decimal"/>',
                              '<w:numFmt w:val="decimal"/><w:pStyle w:val="Level3"/>')
    set_numbering(d, {0: levels}, {5: (0, "")})
    styles = d.part.styles.element
    styles.append(parse_xml(
        f'<w:style {NS} w:type="paragraph" w:styleId="Level1"><w:name w:val="Level1"/>'
        f'<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'))
    # inherits numId 5 from Level1, sets its own level
    styles.append(parse_xml(
        f'<w:style {NS} w:type="paragraph" w:styleId="Level2"><w:name w:val="Level2"/>'
        f'<w:basedOn w:val="Level1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr>'
        f'</w:style>'))
    styles.append(parse_xml(
        f'<w:style {NS} w:type="paragraph" w:styleId="Level3"><w:name w:val="Level3"/>'
        f'<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'))
    for text, style in [("总体情况", "Level1"), ("组织领导", "Level2"), ("成立小组", "Level3"),
                        ("压实责任", "Level2"), ("问题整改", "Level1"), ("政治建设", "Level2")]:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {NS} w:val="{style}"/>'))
    off = d.add_paragraph("不编号的段落")
    off._p.get_or_add_pPr().append(parse_xml(
        f'<w:pStyle {NS} w:val="Level1"/>'))
    off._p.pPr.append(parse_xml(f'<w:numPr {NS}><w:numId w:val="0"/></w:numPr>'))
    assert read_docx(save(d)).split("\n") == [
        "一、总体情况", "（一）组织领导", "1.成立小组", "（二）压实责任", "二、问题整改", "（一）政治建设",
        "不编号的段落"]


def test_restart_override_continue_and_bullets():
    d = docx.Document()
    set_numbering(
        d,
        {0: lvl(0, "decimal", "%1、"),
         1: lvl(0, "bullet", "\uf0b7"),
         2: lvl(0, "chineseCounting", "%1、") + lvl(1, "decimal", "%2.",
                                                   extra='<w:lvlRestart w:val="0"/>')},
        {1: (0, ""), 2: (0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
                            '</w:lvlOverride>'),
         3: (0, ""), 4: (1, ""), 5: (2, ""),
         6: (0, '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="5"/>'
                '<w:numFmt w:val="decimal"/><w:suff w:val="nothing"/>'
                '<w:lvlText w:val="(%1)"/></w:lvl></w:lvlOverride>')})
    numbered(d, "甲", 1, 0)
    numbered(d, "乙", 1, 0)
    numbered(d, "重新编号", 2, 0)   # startOverride: restarts the shared abstract list
    numbered(d, "继续", 2, 0)
    numbered(d, "另一个num，同一个列表", 3, 0)
    numbered(d, "要点", 4, 0)
    numbered(d, "大项", 5, 0)
    numbered(d, "小项", 5, 1)
    numbered(d, "大项二", 5, 0)
    numbered(d, "小项不重新开始", 5, 1)
    numbered(d, "改写的级别", 6, 0)
    assert read_docx(save(d)).split("\n") == [
        "1、甲", "2、乙", "1、重新编号", "2、继续", "3、另一个num，同一个列表", "要点",
        "一、大项", "1.小项", "二、大项二", "2.小项不重新开始", "(5)改写的级别"]


def test_typed_markers_tables_and_runs_in_document_order():
    d = docx.Document()
    d.add_paragraph("中共泾县招商合作服务中心党组关于巡察整改进展情况的通报")
    p = d.add_paragraph("\u3000\u3000一、提高政治站位")
    p.add_run("，全面组织落实").bold = True
    d.add_paragraph("（一）加强组织领导。\t联系电话：0563-2263070")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "问题"
    table.cell(0, 1).text = "整改情况"
    table.cell(1, 0).text = "1.理论学习不深入"
    table.cell(1, 1).paragraphs[0].text = "已完成整改"
    table.cell(1, 1).add_paragraph("完成时限：2021年12月底")
    br = d.add_paragraph("第一行")
    br.add_run().add_break()
    br.add_run("第二行")
    d.add_paragraph("2022年2月23日")
    assert read_docx(save(d)).split("\n") == [
        "中共泾县招商合作服务中心党组关于巡察整改进展情况的通报",
        "\u3000\u3000一、提高政治站位，全面组织落实",
        "（一）加强组织领导。\t联系电话：0563-2263070",
        "问题", "整改情况", "1.理论学习不深入", "已完成整改", "完成时限：2021年12月底",
        "第一行", "第二行",
        "2022年2月23日"]


def test_numbered_paragraph_inside_table_cell():
    d = docx.Document()
    set_numbering(d, {0: HEADINGS}, {1: (0, "")})
    numbered(d, "整改落实情况", 1, 0)
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    numbered(cell, "政治建设方面", 1, 1)
    numbered(d, "下一步工作", 1, 0)
    text = read_docx(save(d))
    assert text.split("\n") == ["一、整改落实情况", "", "（一）政治建设方面", "二、下一步工作"]


def test_deleted_revision_text_is_left_out():
    d = docx.Document()
    p = d.add_paragraph("已完成")
    p._p.append(parse_xml(f'<w:del {NS} w:id="1" w:author="a"><w:r><w:delText>部分</w:delText>'
                          f'</w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {NS} w:id="2" w:author="a"><w:r><w:t>整改</w:t></w:r>'
                          f'</w:ins>'))
    assert read_docx(save(d)) == "已完成整改"


def test_broken_docx_is_an_input_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value).startswith(f"{path}: 不是可读取的 Word .docx 文件（")
    assert "\n" not in str(e.value)


def test_docx_bytes_and_wrong_extension_are_recognised(tmp_path):
    d = docx.Document()
    d.add_paragraph("整改报告")
    data = save(d)
    assert load(data) == ("整改报告", None)
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    assert read_path(path) == "整改报告"


def test_empty_docx_is_an_input_error(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(save(docx.Document()))
    with pytest.raises(InputError, match="文件为空"):
        read_path(path)


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (21, "chineseCounting", "二十一"),
    (101, "chineseCountingThousand", "一百零一"), (110, "chineseCountingThousand", "一百一十"),
    (12, "chineseLegalSimplified", "壹拾贰"), (10, "ideographDigital", "一〇"),
    (100, "japaneseCounting", "百"), (28, "upperLetter", "BB"), (3, "lowerLetter", "c"),
    (14, "upperRoman", "XIV"), (9, "lowerRoman", "ix"), (3, "decimalEnclosedCircle", "③"),
    (12, "decimalFullWidth", "１２"), (7, "decimalZero", "07"), (3, "ideographTraditional", "丙"),
    (4, "bogusFormat", "4"),
])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected
