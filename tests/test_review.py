"""`rectify-rules review`: the reviewed copy of a Word draft.

Each seed is turned into a .docx twice (typed list markers, and Word automatic numbering; see
tests/test_inputs_end_to_end.py) and reviewed. The copy must open, hold exactly one comment per
finding anchored on the finding's own characters, turn the safe fixes into tracked changes,
and keep the text: rejecting every change gives the input's text back, accepting every change
gives the input's text with the fixes applied.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from test_inputs_end_to_end import AS_OF, PACK, SEED_IDS, SEEDS, build_docx, seed_lines

from rectify_rules.cli import main
from rectify_rules.docx import read_docx
from rectify_rules.review import review_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WHEN = dt.datetime(2023, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
_DRAWN = re.compile(r"Word 显示为“(.+?)”")


def review(data: bytes):
    return review_docx(data, pack=PACK, as_of=AS_OF, when=WHEN)


# --- reading a reviewed copy back, independently of the code under test ----------------------

def rejected(document) -> str:
    """The text with every change of rectify-rules rejected (its insertions dropped, its
    deletions kept)."""
    body = copy.deepcopy(document.element.body)
    for ins in list(body.iter(W + "ins")):
        if ins.get(W + "author") == "rectify-rules":
            ins.getparent().remove(ins)
    for dele in list(body.iter(W + "del")):
        if dele.get(W + "author") == "rectify-rules":
            for t in dele.iter(W + "delText"):
                t.tag = W + "t"
            for child in list(dele):
                dele.addprevious(child)
            dele.getparent().remove(dele)
    return _text_of(document, body)


def _text_of(document, body) -> str:
    """read_docx of *document* with *body* in place of its body."""
    doc = copy.deepcopy(document)
    old = doc.element.body
    old.getparent().replace(old, body)
    buf = io.BytesIO()
    doc.save(buf)
    return read_docx(buf.getvalue())


_CHARS = {W + "t": None, W + "delText": None, W + "tab": "\t", W + "br": "\n"}


def anchored(document) -> dict[str, str]:
    """comment id → the characters between its commentRangeStart and commentRangeEnd, in
    document order, deleted text included, text inserted by rectify-rules left out, paragraphs
    joined by a line break."""
    open_ids: set[str] = set()
    out: dict[str, list[str]] = {}
    for el in document.element.body.iter():
        tag = el.tag
        if tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            out[el.get(W + "id")] = []
        elif tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif tag in _CHARS and not _inserted(el):
            for cid in open_ids:
                out[cid].append(el.text or "" if _CHARS[tag] is None else _CHARS[tag])
        elif tag == W + "p":
            for cid in open_ids:
                if out[cid]:
                    out[cid].append("\n")
    return {k: "".join(v) for k, v in out.items()}


def _inserted(el) -> bool:
    """Inserted by rectify-rules, or in a text box (not part of the text read)."""
    return any(a.tag == W + "ins" and a.get(W + "author") == "rectify-rules"
               or a.tag == W + "txbxContent" for a in el.iterancestors())


def comments(document) -> dict[str, str]:
    return {str(c.comment_id): "\n".join(p.text for p in c.paragraphs) for c in document.comments}


# --- the seeds ---------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=[(s, auto) for s in SEEDS for auto in (False, True)],
                ids=[f"{i}-{'auto' if auto else 'typed'}" for i in SEED_IDS for auto in (0, 1)])
def reviewed(request):
    seed, auto = request.param
    lines = seed_lines(seed)
    data, _ = build_docx(lines, auto=auto)
    return lines, data, review(data), auto


def test_copy_opens_and_has_one_comment_per_finding(reviewed):
    _, _, result, _ = reviewed
    document = docx.Document(io.BytesIO(result.data))
    found = list(document.comments)
    assert len(found) == len(result.findings) == result.comments > 0
    assert {c.author for c in found} == {"rectify-rules"}
    assert {c.timestamp for c in found} == {WHEN}
    # each comment names its finding: the message and the code
    texts = sorted(comments(document).values())
    expected = sorted(f"{f.message}|{f.code}" for f in result.findings)
    assert sorted(f"{t.splitlines()[0].split('】', 1)[1]}|{t.splitlines()[1].split()[0][3:]}"
                  for t in texts) == expected


def test_each_comment_is_anchored_on_its_findings_text(reviewed):
    lines, _, result, auto = reviewed
    document = docx.Document(io.BytesIO(result.data))
    bodies = comments(document)
    spans = anchored(document)
    # comments are numbered in the order of the findings (python-docx gives ids 0, 1, …)
    ids = sorted(bodies, key=int)
    drawn = 0
    for cid, f in zip(ids, result.findings):
        body = bodies[cid]
        assert body.startswith("【") and f.message in body
        m = _DRAWN.search(body)
        if m is None:
            assert spans[cid] == f.excerpt, (f.code, f.message)
            continue
        # a finding on a list number Word draws: anchored on the paragraph, which shows
        # that number in front of its text
        drawn += 1
        line = lines[f.location.row - 1].lstrip(" \t\u3000")
        assert line.startswith(m[1]), (line, m[1])
        assert spans[cid] == line[len(m[1]):]
    assert drawn == 0 or auto   # typed markers are text: anchored on exactly the characters


def test_findings_on_auto_numbers_say_which_number_word_shows():
    lines = seed_lines(SEEDS[4])            # seed 004: "1、 → 3、" (NUM001), "1、" (NUM003)
    result = review(build_docx(lines, auto=True)[0])
    document = docx.Document(io.BytesIO(result.data))
    said = [_DRAWN.search(b)[1] for b in comments(document).values() if _DRAWN.search(b)]
    markers = [f.excerpt for f in result.findings if f.code in ("NUM001", "NUM003")]
    assert sorted(said) == sorted(markers) == ["1、", "3、"]


def test_safe_fixes_become_tracked_changes(reviewed):
    _, data, result, _ = reviewed
    document = docx.Document(io.BytesIO(result.data))
    body = document.element.body
    safe = [f for f in result.findings if f.fix is not None and f.fix.safe]
    inserted = [("".join(t.text for t in ins.iter(W + "t")), ins.get(W + "date"))
                for ins in body.iter(W + "ins")]
    deleted = ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")]
    assert sorted(text for text, _ in inserted) == sorted(f.fix.replacement for f in safe)
    assert {date for _, date in inserted} <= {"2023-01-02T03:04:05Z"}
    assert "".join(deleted) == "".join(f.excerpt for f in sorted(safe, key=lambda f: f.span.start))
    assert result.changes == len(safe)
    # unsafe fixes are only described in their comment
    unsafe = [f for f in result.findings if f.fix is not None and not f.fix.safe]
    bodies = comments(document).values()
    for f in unsafe:
        assert any(f"可能应改为“{f.fix.replacement}”（需人工确认）" in b for b in bodies)


def test_copy_keeps_the_text(reviewed):
    _, data, result, _ = reviewed
    document = docx.Document(io.BytesIO(result.data))
    original = read_docx(data)
    assert rejected(document) == original
    # accepting every change = the input with the safe fixes applied
    accepted = original
    for f in sorted(result.findings, key=lambda f: -f.span.start):
        if f.fix is not None and f.fix.safe:
            accepted = accepted[:f.fix.span.start] + f.fix.replacement + accepted[f.fix.span.end:]
    assert read_docx(result.data) == accepted


def test_other_parts_are_untouched(reviewed):
    _, data, result, _ = reviewed
    before = zipfile.ZipFile(io.BytesIO(data))
    after = zipfile.ZipFile(io.BytesIO(result.data))
    changed = {"word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}
    for name in before.namelist():
        if name not in changed:
            assert after.read(name) == before.read(name), name
    assert set(after.namelist()) - set(before.namelist()) == {"word/comments.xml"}


# --- Word details ------------------------------------------------------------------------------

def save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


DRAFT = ("中共青山县农业农村局党组关于巡察整改进展情况的通报",
         "2021年6月10日，县委第二巡察组向青山县农业农村局党组反馈了巡察意见。",
         "党组认真学习习近平新时代中国特色社会思想，把整改作为政治任务。")


def test_split_runs_keep_their_formatting():
    d = docx.Document()
    d.add_paragraph(DRAFT[0])
    d.add_paragraph(DRAFT[1])
    p = d.add_paragraph()
    head, rest = DRAFT[2][:8], DRAFT[2][8:]
    r1 = p.add_run(head)
    r1.bold = True
    r2 = p.add_run(rest)
    r2.italic = True
    r2.font.size = docx.shared.Pt(16)
    result = review(save(d))
    trm = [f for f in result.findings if f.code == "TRM001"]
    assert trm and trm[0].excerpt == "习近平新时代中国特色社会思想"
    out = docx.Document(io.BytesIO(result.data))
    para = out.paragraphs[2]
    # the span starts inside the bold run and ends inside the italic one: both are cut, every
    # piece keeps its formatting, and the replacement takes the first piece's formatting
    runs = []
    for r in para._p.iter(W + "r"):
        text = "".join(t.text for t in r if t.tag in (W + "t", W + "delText"))
        if text:
            how = {"del": r.getparent().tag == W + "del", "ins": r.getparent().tag == W + "ins",
                   "b": r.find(f"{W}rPr/{W}b") is not None,
                   "i": r.find(f"{W}rPr/{W}i") is not None,
                   "sz": r.find(f"{W}rPr/{W}sz") is not None}
            runs.append((text, "".join(k for k, v in how.items() if v)))
    assert runs == [("党组认真学习", "b"), ("习近", "delb"), ("平新时代中国特色社会思想", "delisz"),
                    ("习近平新时代中国特色社会主义思想", "insb"), ("，把整改作为政治任务。", "isz")]
    assert rejected(out) == "\n".join(DRAFT)


def test_tables_are_reviewed_and_headers_left_alone():
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "习近平新时代中国特色社会思想（页眉不检查）"
    d.add_paragraph(DRAFT[0])
    d.add_paragraph(DRAFT[1])
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "整改措施"
    table.cell(0, 1).text = DRAFT[2]
    result = review(save(d))
    out = docx.Document(io.BytesIO(result.data))
    spans = anchored(out)
    trm = [f for f in result.findings if f.code == "TRM001"]
    assert len(trm) == 1
    assert "习近平新时代中国特色社会思想" in spans.values()
    cell = out.tables[0].cell(0, 1)._tc
    assert cell.find(f".//{W}commentRangeStart") is not None
    assert cell.find(f".//{W}ins") is not None
    assert out.sections[0].header.paragraphs[0].text.startswith("习近平新时代中国特色社会思想")


def test_text_boxes_and_existing_revisions_are_not_touched():
    d = docx.Document()
    d.add_paragraph(DRAFT[0])
    d.add_paragraph(DRAFT[1])
    p = d.add_paragraph()
    # someone else's pending insertion holds the misspelling: commented, not changed
    p._p.append(parse_xml(
        f'<w:ins {NS} w:id="90" w:author="张三" w:date="2021-06-01T00:00:00Z"><w:r><w:t>'
        f'{DRAFT[2]}</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(
        f'<w:r {NS}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>习近平新时代中国特色社会思想</w:t></w:r></w:p>'
        f'</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    data = save(d)
    result = review(data)
    out = docx.Document(io.BytesIO(result.data))
    trm = [f for f in result.findings if f.code == "TRM001"]
    assert len(trm) == 1                       # the text box is not read
    assert result.changes == 0                 # inside another author's revision
    assert [i.get(W + "author") for i in out.element.body.iter(W + "ins")] == ["张三"]
    assert "建议改为“习近平新时代中国特色社会主义思想”。" in "\n".join(comments(out).values())
    assert "习近平新时代中国特色社会思想" in anchored(out).values()
    box = out.element.body.find(f".//{W}txbxContent")
    assert box.find(f".//{W}commentRangeStart") is None
    assert read_docx(result.data) == read_docx(data)


def test_soft_breaks_and_tabs_keep_the_anchors_right():
    d = docx.Document()
    d.add_paragraph(DRAFT[0])
    d.add_paragraph(DRAFT[1])
    p = d.add_paragraph()
    run = p.add_run("党组认真学习习近平新时代")
    run.add_break()                               # a soft line break inside the span
    p.add_run("中国特色社会思想，\t把整改作为政治任务。")
    data = save(d)
    result = review(data)
    out = docx.Document(io.BytesIO(result.data))
    assert rejected(out) == read_docx(data)
    assert len(out.comments) == len(result.findings)
    assert sorted(anchored(out).values()) == sorted(f.excerpt for f in result.findings)


def test_a_comment_on_an_empty_numbered_paragraph():
    lines = ["中共青山县农业农村局党组关于巡察整改进展情况的通报", "一、", "二、加强组织领导",
             "四、强化责任落实"]
    data, _ = build_docx(lines)
    result = review(data)
    out = docx.Document(io.BytesIO(result.data))
    assert len(out.comments) == len(result.findings)
    num = [b for b in comments(out).values() if "NUM001" in b]
    assert num and "Word 显示为“四、”" in num[0]


def test_existing_comments_are_kept():
    d = docx.Document()
    d.add_paragraph(DRAFT[0])
    d.add_paragraph(DRAFT[1])
    p = d.add_paragraph(DRAFT[2])
    d.add_comment(p.runs[0], text="请办公室核对", author="李四", initials="LS")
    result = review(save(d))
    out = docx.Document(io.BytesIO(result.data))
    authors = [c.author for c in out.comments]
    assert authors.count("李四") == 1 and authors.count("rectify-rules") == len(result.findings)
    assert len({c.comment_id for c in out.comments}) == len(authors)   # ids stay unique
    assert "请办公室核对" in comments(out).values()


def test_missing_element_findings_sit_on_the_title():
    lines = seed_lines(SEEDS[1])                # seed 001: no progress summary (REQ007)
    result = review(build_docx(lines)[0])
    out = docx.Document(io.BytesIO(result.data))
    by_code = {f.code: cid for cid, f in zip(sorted(comments(out), key=int), result.findings)}
    assert anchored(out)[by_code["REQ007"]] == lines[0].strip()


# --- the command ------------------------------------------------------------------------------

def test_review_command_writes_the_copy_and_never_overwrites(tmp_path, capsys):
    draft = tmp_path / "通报.docx"
    draft.write_bytes(build_docx(seed_lines(SEEDS[4]))[0])
    code = main(["review", str(draft), "--as-of", "2023-01-01"])
    out = tmp_path / "通报.审校.docx"
    assert code == 1 and out.exists()                 # findings: exit 1, like check
    said = capsys.readouterr()
    assert "批注" in said.out and str(out) in said.out
    assert len(docx.Document(str(out)).comments) == len(review(draft.read_bytes()).findings)
    before = out.read_bytes()
    assert main(["review", str(draft)]) == 2          # exists: not overwritten
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["review", str(draft), "-o", str(draft), "--force"]) == 2   # never the input
    assert "原稿" in capsys.readouterr().err
    assert main(["review", str(draft), "--force", "--as-of", "2023-01-01"]) == 1


def test_review_of_text_writes_the_html_report(tmp_path, capsys):
    draft = tmp_path / "通报.txt"
    shutil.copy(SEEDS[4], draft)
    assert main(["review", str(draft)]) == 1
    report = tmp_path / "通报.审校.html"
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "审校报告" in html


def test_old_word_formats_are_asked_to_be_saved_as_docx(tmp_path, capsys):
    for name in ("旧稿.doc", "旧稿.wps"):
        path = tmp_path / name
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        assert main(["check", str(path)]) == 2
        said = capsys.readouterr()
        assert "另存为 .docx" in said.err and "二进制" not in said.err
        assert "未发现问题" not in said.out
        assert main(["review", str(path)]) == 2
        assert "另存为 .docx" in capsys.readouterr().err


# --- LibreOffice opens the copy -----------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_converts_the_reviewed_copies_to_pdf(tmp_path):
    names = []
    for seed in SEEDS:
        for auto in (False, True):
            name = f"{seed.name[:3]}-{'auto' if auto else 'typed'}.docx"
            (tmp_path / name).write_bytes(review(build_docx(seed_lines(seed), auto=auto)[0]).data)
            names.append(name)
    profile = tmp_path / "profile"
    run = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                          *[str(tmp_path / n) for n in names]],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for name in names:
        pdf = tmp_path / "pdf" / name.replace(".docx", ".pdf")
        assert pdf.exists(), run.stdout + run.stderr
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
