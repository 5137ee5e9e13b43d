"""整改台账 tables: rows read as problems with their status and deadline cells, in both layouts
a table becomes text in (a .docx cell per line, a web row per line)."""

from __future__ import annotations

import io

import docx

from rectify_rules import check, parse
from rectify_rules.parsing.dates import scan_dates
from rectify_rules.parsing.ledger import find_rows
from rectify_rules.read import load
from rectify_rules.text import SourceText

HEAD = ("中共泾县文化旅游体育局党组关于县委第三巡察组巡察反馈意见整改情况的报告\n\n"
        "县委第三巡察组：\n\n"
        "2022年4月11日至5月27日，县委第三巡察组对县文化旅游体育局党组开展了常规巡察。2022年7月6日，"
        "县委第三巡察组向局党组反馈了巡察意见，共反馈3个问题。截至2022年9月5日，已完成整改2个，"
        "正在整改1个。整改台账如下：\n\n")
TAIL = "\n特此报告。\n\n中共泾县文化旅游体育局党组\n2022年9月8日\n"
COLUMNS = ["序号", "问题", "整改措施", "责任人", "完成时限", "整改状态"]
ROWS = [
    ["1", "文物安全巡查不到位", "建立文物安全巡查日志", "汪文华", "2022年8月底前", "已完成"],
    ["2", "体育场馆运营管理不规范", "引入第三方专业机构运营管理", "程立新", "2022年12月底前", "正在整改"],
    ["3", "旅游专项资金使用不规范", "开展旅游专项资金使用检查", "章玉琴", "2022年8月底前", "已完成"],
]
WANT = [("文物安全巡查不到位", "completed", "2022-08-31"),
        ("体育场馆运营管理不规范", "ongoing", "2022-12-31"),
        ("旅游专项资金使用不规范", "completed", "2022-08-31")]


def leaves(text: str):
    return [(x.title, x.status, x.deadline and x.deadline.latest.isoformat())
            for x in parse(text).leaves()]


def test_a_row_per_line():
    text = HEAD + "\n".join(" ".join(r) for r in [COLUMNS, *ROWS]) + "\n" + TAIL
    assert leaves(text) == WANT


def test_a_cell_per_line_with_a_cell_of_two_paragraphs():
    rows = [list(r) for r in ROWS]
    rows[1][2] = "1.引入第三方专业机构运营管理\n2.修订场馆开放管理制度"
    text = HEAD + "\n".join(c for r in [COLUMNS, *rows] for c in r) + "\n" + TAIL
    assert leaves(text) == WANT


def test_row_spans_map_back_and_cells_are_exact():
    text = HEAD + "\n".join(" ".join(r) for r in [COLUMNS, *ROWS]) + "\n" + TAIL
    src = SourceText(text)
    rows = find_rows(src, scan_dates(src))
    assert [text[r.problem.start:r.problem.end] for r in rows] == [w[0] for w in WANT]
    assert [text[r.status_span.start:r.status_span.end] for r in rows] == ["已完成", "正在整改", "已完成"]
    assert [r.deadline.text for r in rows] == ["2022年8月底", "2022年12月底", "2022年8月底"]


def test_no_table_no_rows():
    text = HEAD + "1.文物安全巡查不到位。整改情况：建立巡查日志，已完成整改。\n" + TAIL
    assert find_rows(SourceText(text)) == ()
    # a header of too few columns is no ledger
    text = HEAD + "问题 整改情况\n1 文物安全巡查不到位 已完成\n" + TAIL
    assert find_rows(SourceText(text)) == ()


def _docx(rows) -> bytes:
    d = docx.Document()
    for para in HEAD.strip().split("\n\n"):
        d.add_paragraph(para)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            first, *more = value.split("\n")
            cell.paragraphs[0].text = first
            for p in more:
                cell.add_paragraph(p)
    for para in TAIL.strip().split("\n\n"):
        for line in para.split("\n"):
            d.add_paragraph(line)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_docx_table_read_as_the_problem_list(tmp_path):
    rows = [COLUMNS, *ROWS]
    rows[2] = list(rows[2])
    rows[2][2] = "1.引入第三方专业机构运营管理\n2.修订场馆开放管理制度"
    path = tmp_path / "report.docx"
    path.write_bytes(_docx(rows))
    text, _ = load(path)
    assert leaves(text) == WANT
    # the summary (2 done, 1 ongoing) agrees with the status column, and the unfinished row has
    # its deadline: no CNT005, no REQ008
    codes = {f.code for f in check(path)}
    assert not codes & {"CNT005", "REQ008", "CNT001", "CNT002"}


def test_status_column_disagreeing_with_the_summary_is_reported():
    rows = [list(r) for r in ROWS]
    rows[0][5] = "正在整改"  # two rows now say 正在整改, the summary says 1
    text = HEAD + "\n".join(" ".join(r) for r in [COLUMNS, *rows]) + "\n" + TAIL
    found = [f for f in check(text) if f.code == "CNT005"]
    assert [f.message for f in found] == ["进展称已完成整改2项，正文逐项标注为已完成整改的问题有1个",
                                          "进展称正在整改1项，正文逐项标注为正在整改的问题有2个"]


def test_a_deadline_column_without_dates_is_no_deadline():
    rows = [r[:4] + ["长期坚持"] + r[5:] for r in ROWS]
    text = HEAD + "\n".join(" ".join(r) for r in [COLUMNS, *rows]) + "\n" + TAIL
    assert [x[2] for x in leaves(text)] == [None, None, None]
    assert [f.code for f in check(text) if f.code == "REQ008"] == ["REQ008"]
    # with the dates, the unfinished row has its deadline: nothing to report
    text = HEAD + "\n".join(" ".join(r) for r in [COLUMNS, *ROWS]) + "\n" + TAIL
    assert [f.code for f in check(text) if f.code == "REQ008"] == []
