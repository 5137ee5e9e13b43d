"""Output formats, fed with findings built on real notice text (no engine needed here)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from rectify_rules.findings import Fix, make_finding
from rectify_rules.model import Span
from rectify_rules.output import Report, RuleInfo, write
from rectify_rules.output.github import escape_data, escape_property, format_finding
from rectify_rules.output.json_fmt import finding_to_dict
from rectify_rules.output.rich_fmt import snippet
from rectify_rules.output.sarif import artifact_uri, to_sarif
from rectify_rules.text import SourceText

SCHEMA = Path(__file__).with_name("sarif-schema-2.1.0.json")

# two lines from the genre: a count claim and the progress summary that contradicts it
TEXT = ("中共泾县某中心党组关于巡察整改进展情况的通报\n"
        "根据部署，县委第四巡察组反馈了3大类19个具体问题。\n"
        "截至目前，20个问题已完成整改。\n")
SRC = SourceText(TEXT)


def _span(text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Span(start, start + len(text))


def _findings():
    f1 = make_finding(
        SRC, code="CNT003", name="conflicting-figures", severity="error",
        message="通报称共反馈19个问题，进展部分称20个问题已完成整改",
        span=_span("20"), values={"first": 19, "other": 20},
        related=[(_span("19"), "首次说明")], reference="", filename="seeds/a.txt")
    f2 = make_finding(
        SRC, code="REQ003", name="incomplete-inspection-body", severity="warning",
        message="巡察组名称不完整：县委第四巡察组", span=_span("第四巡察组"),
        fix=Fix("第四巡察组", _span("第四巡察组"), safe=False),
        reference="巡视工作条例 第27条", filename="seeds/a.txt")
    f3 = make_finding(
        SRC, code="FMT003", name="half-width-punctuation", severity="info",
        message="中文句子中使用了半角标点“,”", span=_span("，"), filename="seeds/b,c:d.txt")
    return [f2, f1, f3]


def _report(**kw):
    rules = (RuleInfo("CNT003", "conflicting-figures", "error", summary="同一数量前后不一致",
                      why="数字矛盾损害通报的可信度"),
             RuleInfo("REQ003", "incomplete-inspection-body", "error", summary="巡察组名称不完整",
                       reference="巡视工作条例"))
    return Report(findings=tuple(_findings()), rules=rules,
                  lines={"seeds/a.txt": {2: TEXT.split("\n")[1], 3: TEXT.split("\n")[2]}},
                  files=2, **kw)


def _out(fmt: str, report=None) -> str:
    buf = io.StringIO()
    write(fmt, report or _report(), buf)
    return buf.getvalue()


def test_locations_of_the_fixture_are_what_a_reader_counts():
    f = _findings()[1]
    # line 3 "截至目前，20个问题…": "20" starts at code point 6 of the line;
    # line 2: 15 characters, "3", "大类", then "19" at column 19
    assert (f.location.row, f.location.column) == (3, 6)
    assert (f.end_location.row, f.end_location.column) == (3, 8)
    assert (f.related[0].location.row, f.related[0].location.column) == (2, 19)


def test_concise_one_line_per_finding():
    assert _out("concise").splitlines() == [
        "seeds/a.txt:2:8: REQ003 巡察组名称不完整：县委第四巡察组",
        "seeds/a.txt:3:6: CNT003 通报称共反馈19个问题，进展部分称20个问题已完成整改",
        "seeds/b,c:d.txt:2:5: FMT003 中文句子中使用了半角标点“,”",
        # the summary line closes the output also when piped (issue #11)
        "检查了 2 个文件，发现 3 个问题（错误 1，警告 1，提示 1）。",
    ]


def test_json_matches_the_contract():
    rows = json.loads(_out("json"))
    assert [r["code"] for r in rows] == ["REQ003", "CNT003", "FMT003"]
    cnt = rows[1]
    assert {k: cnt[k] for k in ("code", "name", "severity", "filename", "location",
                                "end_location", "values", "fix", "reference")} == {
        "code": "CNT003", "name": "conflicting-figures", "severity": "error",
        "filename": "seeds/a.txt", "location": {"row": 3, "column": 6},
        "end_location": {"row": 3, "column": 8}, "values": {"first": 19, "other": 20},
        "fix": None, "reference": None}
    assert cnt["message"] == "通报称共反馈19个问题，进展部分称20个问题已完成整改"
    assert cnt["related"] == [{"message": "首次说明", "excerpt": "19",
                               "location": {"row": 2, "column": 19},
                               "end_location": {"row": 2, "column": 21}}]
    assert rows[0]["fix"]["replacement"] == "第四巡察组" and rows[0]["fix"]["safe"] is False
    assert rows[0]["fix"]["location"] == {"row": 2, "column": 8}
    assert "\\u" not in _out("json")  # ensure_ascii=False: Chinese stays readable


def test_jsonl_rows_equal_json_elements():
    rows = json.loads(_out("json"))
    lines = _out("jsonl").splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert len(lines) == 3


def test_json_values_with_dates_and_facts_are_plain():
    import datetime as dt

    from rectify_rules.model import Figure

    f = make_finding(SRC, code="DAT004", name="deadline-passed-while-unfinished",
                     severity="warning", message="m", span=Span(0, 2),
                     values={"deadline": dt.date(2021, 7, 31), "count": Figure(17, Span(0, 2)),
                             "codes": frozenset({"b", "a"})})
    assert finding_to_dict(f)["values"] == {"deadline": "2021-07-31", "count": 17,
                                            "codes": ["a", "b"]}


def test_sarif_validates_against_the_official_schema():
    log = json.loads(_out("sarif"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["CNT003", "FMT003", "REQ003"]
    res = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in res] == [
        ("REQ003", 2, "warning"), ("CNT003", 0, "error"), ("FMT003", 1, "note")]
    assert res[1]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "seeds/a.txt"},
        "region": {"startLine": 3, "startColumn": 6, "endLine": 3, "endColumn": 8}}
    assert res[1]["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 19
    assert rules[0]["defaultConfiguration"] == {"level": "error"}
    assert rules[0]["shortDescription"] == {"text": "同一数量前后不一致"}


def test_sarif_empty_run_is_valid():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = to_sarif(Report(findings=()))
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_uri_is_an_escaped_relative_reference():
    assert artifact_uri("通报/一 号.txt") == "%E9%80%9A%E6%8A%A5/%E4%B8%80%20%E5%8F%B7.txt"
    assert artifact_uri("./a/../b.txt") == "b.txt"
    assert artifact_uri("/tmp/x.txt") == "file:///tmp/x.txt"
    assert artifact_uri(None) == "stdin"


def test_github_annotations_and_escaping():
    lines = _out("github").splitlines()
    assert lines[0] == ("::warning file=seeds/a.txt,line=2,col=8,endLine=2,endColumn=13,"
                        "title=REQ003 incomplete-inspection-body::巡察组名称不完整：县委第四巡察组")
    assert lines[1].startswith("::error file=seeds/a.txt,line=3,col=6,")
    # info → notice; "," and ":" in a property are escaped
    assert lines[2].startswith("::notice file=seeds/b%2Cc%3Ad.txt,line=2,col=5,")
    assert escape_data("50%\r\n完成") == "50%25%0D%0A完成"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    f = _findings()[0]
    assert format_finding(f).count("::") == 2


def test_snippet_measures_cells_not_characters():
    # 10 CJK chars = 20 cells in a 10-cell window around 五六 (columns 5–6)
    assert snippet("一二三四五六七八九十", 5, 7, 10) == ("…四五六七…", 3, 4)
    # a tab expands to the next 4-cell stop; "b第" is 3 cells
    assert snippet("a\tb第", 3, 5, 80) == ("a   b第", 4, 3)
    # an empty span at the end of the line still gets one caret
    assert snippet("问题", 3, 3, 80) == ("问题", 4, 1)


def test_rich_underline_sits_under_the_cjk_span():
    console = Console(record=True, width=100, color_system=None)
    write("rich", _report(), io.StringIO(), console=console)
    text = console.export_text()
    lines = text.splitlines()
    i = lines.index("2 │ 根据部署，县委第四巡察组反馈了3大类19个具体问题。")
    # "2 │ " is 4 cells; 根据部署 8 + ， 2 + 县委 4 → 第 starts at cell 18; 第四巡察组 = 10 cells
    assert lines[i + 1] == "  │ " + " " * 14 + "^" * 10 + " REQ003"
    # level in Chinese, the rule by its Chinese summary (its code name when it has none)
    assert lines[0] == "seeds/a.txt:2:8: REQ003 [警告] 巡察组名称不完整"
    assert "seeds/b,c:d.txt:2:5: FMT003 [提示] half-width-punctuation" in lines
    # CNT003 on line 3: 截至目前 8 + ， 2 → "20" at cell 4+10, 2 cells; related "19" on line 2
    j = lines.index("3 │ 截至目前，20个问题已完成整改。")
    assert lines[j + 1] == "  │ " + " " * 10 + "^^" + " CNT003"
    k = lines.index("2 │ 根据部署，县委第四巡察组反馈了3大类19个具体问题。", i + 1)
    # 根据部署，县委第四巡察组反馈了 = 15 CJK = 30 cells, "3" 1, 大类 4 → "19" at 35
    assert lines[k + 1] == "  │ " + " " * 35 + "--" + " 首次说明"
    assert not any("规则看到的值" in line for line in lines)   # only with --verbose
    assert lines[-1] == "检查了 2 个文件，发现 3 个问题（错误 1，警告 1，提示 1）。"
    console = Console(record=True, width=100, color_system=None)
    write("rich", _report(), io.StringIO(), console=console, verbose=True)
    assert "  = 规则看到的值：前文：19；此处：20" in console.export_text().splitlines()


def test_rich_long_line_is_windowed_and_carets_still_align():
    para = "整改" * 150 + "第四巡察组" + "落实" * 150
    src = SourceText(para)
    start = para.index("第四")
    f = make_finding(src, code="REQ003", name="incomplete-inspection-body", severity="error",
                     message="m", span=Span(start, start + 5), filename="x.txt")
    console = Console(record=True, width=60, color_system=None)
    write("rich", Report(findings=(f,), lines={"x.txt": {1: para}}), io.StringIO(),
          console=console)
    lines = console.export_text().splitlines()
    src_line = next(line for line in lines if line.startswith("1 │ "))
    carets = lines[lines.index(src_line) + 1]
    # window = 60 - 1 - 3 = 56 cells; a third (18 cells = 9 CJK) is kept before the span
    assert src_line == "1 │ …" + "改" + "整改" * 4 + "第四巡察组" + "落实" * 6 + "落" + "…"
    assert carets == "  │ " + " " * 19 + "^" * 10 + " REQ003"


def test_rich_shows_three_related_places_and_counts_the_rest():
    text = ("截至目前，已完成整改4项。\n"
            "1.学习不深入。已完成整改。\n2.制度不健全。已完成整改。\n3.台账不规范。已完成整改。\n"
            "4.会议不规范。已完成整改。\n5.档案不齐全。已完成整改。\n")
    src = SourceText(text)
    marks = [Span(i, i + 5) for i in range(len(text)) if text.startswith("已完成整改。", i)]
    assert len(marks) == 5
    f = make_finding(src, code="CNT005", name="status-markers-disagree", severity="warning",
                     message="进展称已完成整改4项，正文逐项标注为已完成整改的问题有5个",
                     span=Span(5, 11), related=[(m, "标注为已完成整改") for m in marks],
                     filename="x.txt")
    lines = {"x.txt": dict(enumerate(text.splitlines(), start=1))}
    console = Console(record=True, width=100, color_system=None)
    write("rich", Report(findings=(f,), lines=lines), io.StringIO(), console=console)
    out = console.export_text().splitlines()
    # the finding's line, then lines 2-4 with their dashes; lines 5 and 6 only counted
    assert [line[:1] for line in out if line[1:4] == " │ " and line[:1].isdigit()] == ["1", "2", "3", "4"]
    assert sum(line.endswith(" 标注为已完成整改") for line in out) == 3
    assert "  │ …另有2处" in out
    # JSON keeps every related place
    stream = io.StringIO()
    write("json", Report(findings=(f,), lines=lines), stream)
    assert len(json.loads(stream.getvalue())[0]["related"]) == 5


def test_rich_statistics_and_clean_summary():
    console = Console(record=True, width=100, color_system=None)
    write("rich", _report(statistics=True), io.StringIO(), console=console)
    text = console.export_text()
    assert "按规则统计" in text and "同一数量前后不一致" in text
    console = Console(record=True, width=100, color_system=None)
    write("rich", Report(findings=(), files=5), io.StringIO(), console=console)
    assert console.export_text().strip() == "检查了 5 个文件，未发现问题。"


def test_unknown_format_is_rejected():
    with pytest.raises(ValueError):
        write("xml", _report(), io.StringIO())
