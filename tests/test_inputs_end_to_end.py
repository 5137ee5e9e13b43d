"""End-to-end input tests (issue #4): the same notice read from a Word draft whose headings
use real automatic numbering, from the same draft with typed markers, from plain text in
GB18030 / UTF-16, from web pages, and from stdin must give the same model and findings.

The .docx files are built here with python-docx from the seeds' text: every heading line
("一、", "（一）", "(一)", "1.", "1、", "（1）" …) loses its typed marker and gets a ``w:numPr``
instead; the numbering part defines one list level per marker style, with a ``w:lvlText``
that reproduces the typed marker exactly ("%1、", "（%2）", "%3."). Where the typed numbers
are not what Word would count (a jump such as "1、 → 3、", numbering continued across a
parent), the paragraph gets a ``w:num`` with a ``w:lvlOverride/w:startOverride``, as Word
stores "set numbering value".
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from rectify_rules.docx import read_docx
from rectify_rules.engine import check, load_rules
from rectify_rules.parsing import parse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_IDS = [p.name[:3] for p in SEEDS]
DATA = HERE / "data"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
AS_OF = dt.date(2023, 1, 1)   # fixed reference date: findings must not depend on today
PACK = load_rules()

# ---------------------------------------------------------------------------------------------
# building Word drafts

_CN = "一二三四五六七八九"
_HEAD = re.compile(r"(?P<indent>[ \t\u3000]*)(?P<pre>[（(]?)"
                   r"(?P<num>[一二三四五六七八九十]{1,3}|[0-9]{1,2})(?P<suf>[、.．)）])")
_CLOSE = {"（": "）", "(": ")"}
_CN_NUM = re.compile(r"(?:(?P<tens>[二三四五六七八九])?(?P<ten>十))?(?P<units>[一二三四五六七八九])?")


def cn_value(s: str) -> int | None:
    """1..99 written as 一 … 九十九 (or in Arabic digits); None for anything else."""
    if s.isdigit():
        return int(s)
    m = _CN_NUM.fullmatch(s)
    if m is None or not s:
        return None
    tens = (_CN.index(m["tens"]) + 1 if m["tens"] else 1) if m["ten"] else 0
    return 10 * tens + (_CN.index(m["units"]) + 1 if m["units"] else 0)


def heading(line: str):
    """(match, style, rank, number) of a typed heading marker at the start of *line*."""
    m = _HEAD.match(line)
    if m is None:
        return None
    pre, num, suf = m["pre"], m["num"], m["suf"]
    chinese = not num.isdigit()
    if pre and _CLOSE[pre] != suf:
        return None
    if chinese and not pre and suf != "、":
        return None
    n = cn_value(num)
    if n is None:
        return None
    # GB/T 9704 order of the styles: 一、 → （一） → 1. → （1）
    rank = (0 if not pre else 1) if chinese else (2 if not pre else 3)
    return m, (pre, chinese, suf), rank, n


def build_docx(lines: list[str], *, auto: bool = True, typed: frozenset[int] = frozenset(),
               suff: str = "nothing") -> tuple[bytes, list[tuple[int, int, int]]]:
    """A .docx with one paragraph per line. With *auto*, heading lines (except the 0-based
    indices in *typed*) are numbered by Word; returns the bytes and the start overrides
    used, as (1-based line, ilvl, value)."""
    heads = {i: h for i, line in enumerate(lines) if (h := heading(line))}
    numbered = [i for i in heads if auto and i not in typed]
    first: dict[tuple, tuple[int, int]] = {}
    for i in numbered:
        first.setdefault(heads[i][1], (heads[i][2], i))
    ilvl = {style: k for k, style in enumerate(sorted(first, key=first.__getitem__))}
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{"chineseCounting" if chinese else "decimal"}"/>'
        f'<w:suff w:val="{suff}"/><w:lvlText w:val="{pre}%{k + 1}{suf}"/></w:lvl>'
        for (pre, chinese, suf), k in ilvl.items())
    document = docx.Document()
    root = document.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    root.append(parse_xml(f'<w:abstractNum {NS} w:abstractNumId="7">{levels}</w:abstractNum>'))
    nums = [f'<w:num {NS} w:numId="1"><w:abstractNumId w:val="7"/></w:num>']
    overrides: list[tuple[int, int, int]] = []
    counters: list[int | None] = [None] * 9      # what Word counts, level by level
    for i, line in enumerate(lines):
        head = heads.get(i)
        if head is None:
            document.add_paragraph(line)
            continue
        m, style, _, n = head
        if i not in numbered:        # indentation of a heading is paragraph formatting
            document.add_paragraph(line[m.end("indent"):])
            continue
        k = ilvl[style]
        num_id = 1
        if n != (1 if counters[k] is None else counters[k] + 1):
            num_id = len(nums) + 1
            nums.append(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="7"/>'
                        f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{n}"/>'
                        f'</w:lvlOverride></w:num>')
            overrides.append((i + 1, k, n))
        counters[k:] = [n] + [None] * (8 - k)
        p = document.add_paragraph(line[m.end():])
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {NS}><w:ilvl w:val="{k}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    for num in nums:
        root.append(parse_xml(num))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), overrides


def unindented(lines: list[str]) -> str:
    """The text Word shows for the drafts: heading lines without leading indentation."""
    return "\n".join(line[h[0].end("indent"):] if (h := heading(line)) else line
                     for line in lines)


# ---------------------------------------------------------------------------------------------
# what is compared

def outline_rows(nodes, depth: int = 0) -> list[tuple]:
    rows = []
    for n in nodes:
        mk = n.marker
        rows.append((depth, mk.text if mk else None, mk.style if mk else None,
                     mk.level if mk else None, n.number, n.title.strip(), n.status,
                     n.deadline.value if n.deadline else None))
        rows.extend(outline_rows(n.children, depth + 1))
    return rows


def tree_counts(notice) -> tuple[int, int, int]:
    return (len(notice.problems), sum(len(g.children) for g in notice.problems),
            len(notice.leaves()))


def counts_and_progress(notice) -> tuple:
    fig = lambda f: None if f is None else f.value  # noqa: E731
    declared = [(c.quantity, c.value, c.text) for c in notice.declared]
    progress = [(fig(p.total), fig(p.completed), fig(p.ongoing), [o.value for o in p.other],
                 fig(p.rate), p.as_of.value if p.as_of else None,
                 [(b.deadline.value, b.count.value) for b in p.breakdown])
                for p in notice.progress]
    return declared, progress


def located(findings, codes: str = "") -> list[tuple]:
    return [(f.code, f.location.row, f.location.column, f.end_location.row,
             f.end_location.column, f.message) for f in findings if f.code.startswith(codes)]


def rows(findings, codes: str = "") -> list[tuple[str, int]]:
    return [(f.code, f.location.row) for f in findings if f.code.startswith(codes)]


def run(source, **kw):
    return check(source, rules=PACK, as_of=AS_OF, **kw)


def seed_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


# ---------------------------------------------------------------------------------------------
# Word automatic numbering

@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_auto_numbered_docx_reads_as_the_typed_text(seed):
    lines = seed_lines(seed)
    auto, _ = build_docx(lines)
    typed, _ = build_docx(lines, auto=False)
    expected = unindented(lines)
    assert read_docx(auto) == expected
    assert read_docx(typed) == expected
    # the auto-numbered draft really has no typed marker: python-docx's paragraph.text
    # leaves Word's numbers out, so no numbered paragraph starts with one
    document = docx.Document(io.BytesIO(auto))
    numbered = [p for p in document.paragraphs if p._p.pPr is not None
                and p._p.pPr.numPr is not None]
    assert len(numbered) == sum(1 for line in lines if heading(line))
    assert not any(heading(p.text) for p in numbered)


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_outline_counts_and_numbering_findings_agree(seed):
    lines = seed_lines(seed)
    text = "\n".join(lines)
    auto, _ = build_docx(lines)
    typed, _ = build_docx(lines, auto=False)
    notices = [parse(auto), parse(typed), parse(text)]
    for n in notices[:2]:
        assert outline_rows(n.outline) == outline_rows(notices[2].outline)
        assert outline_rows(n.problems) == outline_rows(notices[2].problems)
        assert tree_counts(n) == tree_counts(notices[2])
        assert counts_and_progress(n) == counts_and_progress(notices[2])
        assert facts(n) == facts(notices[2])    # title, inspection, feedback, contact …
    found = [run(auto), run(typed), run(text)]
    assert rows(found[0], "NUM") == rows(found[2], "NUM")
    assert located(found[0]) == located(found[1])      # every finding, not only NUM
    if unindented(lines) == text:   # (seed 003 indents its headings: columns differ there)
        assert located(found[0]) == located(found[2])
    assert rows(found[0]) == rows(found[2])


def test_seed_004_jump_by_start_override():
    lines = seed_lines(SEEDS[4])
    auto, overrides = build_docx(lines)
    # only "3、财务账目管理混乱" (line 99, level 1、 = ilvl 1) needs a start override
    assert overrides == [(99, 1, 3)]
    assert lines[98].startswith("3、财务账目管理混乱")
    # 3 一、 + 7 1、 + 19 （1） headings, all numbered by Word
    body = docx.Document(io.BytesIO(auto)).element.body
    assert len(body.findall(".//w:numPr", body.nsmap)) == 29
    notice = parse(auto)
    assert [n.marker.text for n in notice.outline] == ["一、", "二、", "三、"]
    assert [[c.marker.text for c in n.children] for n in notice.outline] == [
        ["1、", "2、", "3、"], ["1、", "2、"], ["1、", "3、"]]
    assert [len(c.children) for n in notice.outline for c in n.children] == [4, 0, 3, 3, 4, 3, 2]
    assert tree_counts(notice) == (3, 7, 20)
    findings = run(auto)
    assert rows(findings, "NUM001") == [("NUM001", 99)]
    num001 = next(f for f in findings if f.code == "NUM001")
    assert num001.excerpt == "3、"
    assert (num001.location.column, num001.end_location.column) == (1, 3)
    # 1、 is the GB/T 9704 third-level style (1.) written with a 顿号
    assert num001.message == "第三层序号跳号：“1、”之后应为“2、”，实际为“3、”"


def test_seed_004_jump_by_typed_marker_among_auto_numbers():
    lines = seed_lines(SEEDS[4])
    # "3、" typed, the rest numbered by Word: the typed marker does not advance Word's
    # counters, so the "（1）" under it must restart its level explicitly
    draft, overrides = build_docx(lines, typed=frozenset({98}))
    assert overrides == [(101, 2, 1)]
    assert read_docx(draft) == "\n".join(lines)
    findings = run(draft)
    assert rows(findings, "NUM001") == [("NUM001", 99)]
    assert located(findings, "NUM") == located(run("\n".join(lines)), "NUM")


@pytest.mark.parametrize("suff", ["tab", "space"])
def test_word_default_tab_after_the_number(suff):
    # Word's default w:suff is a tab: "一、\t关于…"; the outline and NUM findings are the same
    lines = seed_lines(SEEDS[4])
    draft, _ = build_docx(lines, suff=suff)
    text = read_docx(draft).split("\n")
    assert text[8].startswith("一、" + ("\t" if suff == "tab" else " ") + "关于党工委")
    notice, plain = parse(draft), parse("\n".join(lines))
    assert outline_rows(notice.outline) == outline_rows(plain.outline)
    assert tree_counts(notice) == (3, 7, 20)
    assert [(c, r, col) for c, r, col, *_ in located(run(draft), "NUM")] == [
        (c, r, col) for c, r, col, *_ in located(run("\n".join(lines)), "NUM")]


# a draft in the GB/T 9704 scheme 一、 （一） 1. with a jump （一） → （三）
SCHEME = """\
中共某某县某某局党组关于巡察整改进展情况的通报
2021年3月1日至4月15日，县委第一巡察组对某某局党组开展了常规巡察。5月20日，巡察组反馈了巡察意见，共反馈2个方面4个问题。截至目前，已完成整改3个，正在整改1个。
一、关于政治建设方面
（一）理论学习不深入
1.学习不系统。已完成整改。
2.学习不经常。已完成整改。
（三）议事决策不规范
1.议事规则不健全。正在整改中，计划2021年12月底前完成。
二、关于作风建设方面
（一）调查研究不够
1.下基层调研少。已完成整改。
联系电话：0563-2263070
中共某某县某某局党组
2021年7月1日"""


@pytest.mark.parametrize("jump", ["override", "typed"])
def test_standard_scheme_chinese_counting_and_decimal(jump):
    lines = SCHEME.split("\n")
    typed = frozenset({6}) if jump == "typed" else frozenset()
    draft, overrides = build_docx(lines, typed=typed)
    # 一、 → ilvl 0, （一） → ilvl 1, 1. → ilvl 2
    assert overrides == ([(7, 1, 3)] if jump == "override" else [(8, 2, 1)])
    xml = docx.Document(io.BytesIO(draft)).part.numbering_part.element.xml
    assert '<w:numFmt w:val="chineseCounting"/>' in xml and '<w:lvlText w:val="（%2）"/>' in xml
    assert '<w:numFmt w:val="decimal"/>' in xml and '<w:lvlText w:val="%3."/>' in xml
    assert read_docx(draft) == SCHEME
    notice = parse(draft)
    assert [(d, mk, level, number, title) for d, mk, _, level, number, title, *_ in
            outline_rows(notice.outline)] == [
        # a title is the heading's first sentence
        (0, "一、", 1, 1, "关于政治建设方面"),
        (1, "（一）", 2, 1, "理论学习不深入"),
        (2, "1.", 3, 1, "学习不系统"),
        (2, "2.", 3, 2, "学习不经常"),
        (1, "（三）", 2, 3, "议事决策不规范"),
        (2, "1.", 3, 1, "议事规则不健全"),
        (0, "二、", 1, 2, "关于作风建设方面"),
        (1, "（一）", 2, 1, "调查研究不够"),
        (2, "1.", 3, 1, "下基层调研少"),
    ]
    assert tree_counts(notice) == (2, 3, 4)
    assert [(c.quantity, c.value) for c in notice.declared] == [("aspects", 2), ("problems", 4)]
    assert [(p.completed.value, p.ongoing.value) for p in notice.progress] == [(3, 1)]
    findings = run(draft)
    assert located(findings, "NUM") == [
        ("NUM001", 7, 1, 7, 4, "第二层序号跳号：“（一）”之后应为“（二）”，实际为“（三）”")]
    assert located(findings) == located(run(SCHEME))


# ---------------------------------------------------------------------------------------------
# plain-text encodings

ENCODINGS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "gb18030-crlf": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf-16": lambda t: t.encode("utf-16"),              # with BOM
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
}
def encoded_cases():
    for seed in SEEDS:
        for encoding in ENCODINGS:
            yield pytest.param(seed, encoding, id=f"{seed.name[:3]}-{encoding}")


@pytest.mark.parametrize("seed, encoding", list(encoded_cases()))
def test_encoded_file_has_the_findings_of_the_utf8_file(seed, encoding, tmp_path):
    text = seed.read_text(encoding="utf-8")
    path = tmp_path / f"{seed.stem}.txt"
    path.write_bytes(ENCODINGS[encoding](text))
    expected = run(seed)
    found = run(path)
    assert located(found) == located(expected)
    assert [f.excerpt for f in found] == [f.excerpt for f in expected]
    assert {f.filename for f in found} == {str(path)}


# ---------------------------------------------------------------------------------------------
# web pages

JUNK = ("首页", "分享", "打印本页", "关闭窗口", "版权所有", "ICP", "当前位置", "栏目导航",
        "热点排行", "上一篇", "下一篇", "相关文章", "主办：", "网站维护", "扫一扫")


def facts(notice) -> tuple:
    ins = notice.inspection
    return (notice.title.text if notice.title else None, notice.genre,
            notice.issuer.text if notice.issuer else None,
            ins.body.raw if ins.body else None, ins.body.ordinal if ins.body else None,
            ins.kind.text if ins.kind else None,
            ins.start.value if ins.start else None, ins.end.value if ins.end else None,
            notice.feedback.value if notice.feedback else None,
            notice.published.value if notice.published else None,
            counts_and_progress(notice), tree_counts(notice),
            [p.number for p in notice.contact.phones], [e.text for e in notice.contact.emails],
            notice.contact.address.text if notice.contact.address else None,
            notice.contact.postcode.text if notice.contact.postcode else None)


# what a reader sees in each page (the seed it embeds, and tests/seeds/*.facts.toml)
PAGES = {
    "table_layout_gbk.html": dict(
        seed="000", body=("县委第二巡察组", 2), period=("2020-09-08", "2020-10-15"),
        feedback="2021-01-27", declared=[("aspects", 3), ("problems", 11)], tree=(3, 11, 11),
        phones=["08277320666"], emails=["723291001@qq.com"], address="通江县春在镇街道"),
    "div_layout_utf8.html": dict(
        seed="001", body=("县委第四巡察组", 4), period=("2021-08-31", "2021-09-13"),
        feedback="2021-10-28", tree=(3, 10, 19), phones=["05632263070"],
        declared=[("categories", 3), ("aspects", 10), ("problems", 19), ("measures", 24)],
        emails=["jxzshzzx@163.com"], address=None),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_web_page_gives_the_facts_of_the_seed_it_embeds(page):
    want = PAGES[page]
    seed_path = next(p for p in SEEDS if p.name.startswith(want["seed"]))
    notice, plain = parse(DATA / page), parse(seed_path)
    assert facts(notice) == facts(plain)
    # the values themselves, not only their agreement
    ins = notice.inspection
    assert (ins.body.raw, ins.body.ordinal) == want["body"]
    assert (ins.start.value.isoformat(), ins.end.value.isoformat()) == want["period"]
    assert notice.feedback.value.isoformat() == want["feedback"]
    assert sorted({(c.quantity, c.value) for c in notice.declared}) == sorted(want["declared"])
    assert tree_counts(notice) == want["tree"]
    assert [p.number for p in notice.contact.phones] == want["phones"]
    assert [e.text for e in notice.contact.emails] == want["emails"]
    assert (notice.contact.address.text if notice.contact.address else None) == want["address"]
    findings = run(DATA / page)
    for f in findings:
        assert not any(junk in f.excerpt for junk in JUNK), (f.code, f.excerpt)
        assert not any(junk in notice.text[r.span.start:r.span.end]
                       for r in f.related for junk in JUNK)
    # the page and the seed report the same defects, just on other lines (except FMT003,
    # one finding per paragraph: see test_known_bug_paragraph_per_line)
    assert (sorted(f.code for f in findings if f.code != "FMT003")
            == sorted(f.code for f in run(seed_path) if f.code != "FMT003"))


def test_site_furniture_is_not_in_the_notice():
    notice = parse(DATA / "table_layout_gbk.html")
    text = notice.text
    for junk in JUNK + ("0827-7222000", "0827-7222333", "636700"):
        assert junk not in text
    assert notice.title.text == "中共通江县工业园工作委员会 关于巡察整改阶段性进展情况的通报"
    assert text[notice.title.span.start:notice.title.span.end] == notice.title.text
    notice = parse(DATA / "div_layout_utf8.html")
    for junk in JUNK + ("0563-5000000", "泾川镇", "搜索"):
        assert junk not in notice.text


# ---------------------------------------------------------------------------------------------
# stdin

def cli(args: list[str], stdin: bytes | None = None) -> tuple[int, list[dict]]:
    proc = subprocess.run([sys.executable, "-m", "rectify_rules", *args], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=60)
    assert proc.stderr == b"", proc.stderr.decode("utf-8", "replace")
    return proc.returncode, json.loads(proc.stdout)


def without_filename(findings: list[dict]) -> list[dict]:
    return [{k: v for k, v in f.items() if k != "filename"} for f in findings]


AS_OF_ARGS = ["--as-of", AS_OF.isoformat()]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_stdin_equals_the_file(encoding):
    seed = SEEDS[4]
    code_file, from_file = cli(["check", str(seed), "--format", "json", *AS_OF_ARGS])
    data = seed.read_text(encoding="utf-8").encode(encoding)
    code_stdin, from_stdin = cli(["check", "-", "--format", "json", *AS_OF_ARGS], stdin=data)
    assert code_stdin == code_file == 1
    assert {f["filename"] for f in from_stdin} == {"<stdin>"}
    assert {f["filename"] for f in from_file} == {str(seed)}
    assert without_filename(from_stdin) == without_filename(from_file)
    assert [(f["code"], f["location"]["row"]) for f in from_stdin
            if f["code"] == "NUM001"] == [("NUM001", 99)]


def test_stdin_auto_numbered_docx():
    lines = seed_lines(SEEDS[4])
    draft, _ = build_docx(lines)
    _, from_stdin = cli(["check", "-", "--format", "json", "--select", "NUM", *AS_OF_ARGS],
                        stdin=draft)
    _, from_file = cli(["check", str(SEEDS[4]), "--format", "json", "--select", "NUM",
                        *AS_OF_ARGS])
    assert without_filename(from_stdin) == without_filename(from_file)
    assert [f["code"] for f in from_stdin] == ["NUM003", "NUM001"]


# ---------------------------------------------------------------------------------------------
# regressions: bugs once pinned here as expected failures

def test_package_level_parse_stays_the_function():
    # the parser subpackage is rectify_rules.parsing: importing it (as check() does) must not
    # turn rectify_rules.parse into a module
    code = ("import rectify_rules\n"
            "first = rectify_rules.parse\n"
            "rectify_rules.check('通报', select=['REQ001'])\n"
            "second = rectify_rules.parse\n"
            "print(callable(first), callable(second), first is second)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT,
                          timeout=60, text=True)
    assert proc.stdout.split() == ["True", "True", "True"], proc.stderr


def test_fmt003_context_leaves_out_the_cr_of_a_crlf_line_end():
    findings = check("联系方式:\r\n电话：0563-2263070", select=["FMT003"])
    assert [f.message for f in findings] == [
        "本段中文句子里有1处半角标点，首处为“:”（“联系方式:电话”），应使用全角标点"]


@pytest.mark.parametrize("text", ["一是整改。\n" * 4, "一、二、三\n" * 50,
                                  "巡察反馈问题已整改8项。\r\n联系电话：0563-2263070\r\n"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_cjk_heavy_utf16_without_bom_is_read(text, encoding):
    from rectify_rules.read import decode

    assert decode(text.encode(encoding)) == text


def test_random_bytes_with_nuls_are_still_binary():
    import random

    from rectify_rules.read import InputError, decode

    data = random.Random(7).randbytes(4000)
    with pytest.raises(InputError, match="二进制文件"):
        decode(data)


def test_fmt003_one_finding_per_line_paragraph():
    # web pages and .docx put each paragraph on a line of its own, with no blank line between
    one_per_line = "截至目前,已整改8个问题。\n欢迎监督,请及时反映。"
    blank_between = "截至目前,已整改8个问题。\n\n欢迎监督,请及时反映。"
    wrapped = "截至目前,已整改8个问题,\n其余问题正在整改,请监督。"  # one sentence over two lines
    assert [f.location.row for f in check(blank_between, select=["FMT003"])] == [1, 3]
    assert [f.location.row for f in check(one_per_line, select=["FMT003"])] == [1, 2]
    assert [(f.location.row, f.values["count"]) for f in check(wrapped, select=["FMT003"])] == [
        (1, 3)]
