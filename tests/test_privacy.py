"""PRV001–PRV004, the disclosure screen of public notices, and the masking of personal data in
every output format (message, values, excerpt, fix, related excerpt, the source lines shown)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rectify_rules.checks.privacy import id_check_ok, luhn_ok
from rectify_rules.cli import main
from rectify_rules.engine import check, run_examples
from rectify_rules.redact import mask, masked_segment
from rectify_rules.model import Span
from rulehelpers import single_pack
from rulehelpers import found as only

ID = "310101199001011234"        # check character 4 is right (GB 11643-1999)
ID_BAD = "310101199001011235"    # same number, wrong check character
CARD = "6222021234567890128"     # 19 digits, Luhn-valid
MOBILE = "13912345678"

HEAD = "中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n"


@pytest.mark.parametrize("code", ["PRV001", "PRV002", "PRV003", "PRV004"])
def test_examples(code):
    results = run_examples(single_pack(code))
    assert results and [r.detail for r in results if not r.ok] == []


def test_check_characters():
    assert id_check_ok(ID) and not id_check_ok(ID_BAD)
    assert id_check_ok("11010519491231002X") and id_check_ok("11010519491231002x")
    assert luhn_ok(CARD) and not luhn_ok(CARD[:-1] + "7")
    assert luhn_ok("4111111111111111")


def test_mask_keeps_length_and_separators():
    assert mask(ID) == "3101**********1234"
    assert mask(MOBILE) == "139****5678"
    assert mask("6222 0212 3456 7890 128") == "6222 **** **** ***0 128"
    assert mask("E12345678") == "E1*****78"
    assert len(mask(CARD)) == len(CARD) and mask(CARD).startswith("6222") and mask(CARD).endswith("0128")
    text = f"号码{ID}。"
    assert masked_segment(text, 0, len(text), [Span(2, 20)]) == "号码3101**********1234。"
    assert masked_segment(text, 0, 6, [Span(2, 20)]) == "号码3101"   # a line with part of it


@pytest.mark.parametrize("text,kind", [
    (f"涉及人员王某某（{ID}）。", "居民身份证号码"),
    (f"身份证号：{ID_BAD}。", "居民身份证号码"),          # labelled: a typo is still a number
    ("公民身份号码：310101900101123。", "居民身份证号码"),    # the 15-digit form of 1989
    ("护照号码：E12345678。", "护照号码"),
])
def test_prv001_finds_identity_numbers(text, kind):
    (f,) = only(HEAD + text, "PRV001")
    assert f.severity == "error" and f.values["kind"] == kind
    raw = text[f.span.start - len(HEAD):f.span.end - len(HEAD)]
    assert raw not in f.message and mask(raw) in f.message and f.excerpt == mask(raw)
    assert f.fix is not None and not f.fix.safe and f.fix.replacement == mask(raw)


@pytest.mark.parametrize("text", [
    f"项目编号{ID_BAD}。",                          # unlabelled and the check character is wrong
    "身份证号：310101199013011234。",               # month 13: no birth date
    "2021年共办理业务310101199001011234123笔。",     # inside a longer number
    "护照：见附件。",
])
def test_prv001_quiet(text):
    assert only(HEAD + text, "PRV001") == []


def test_variant_e07_report_is_not_screened_but_a_notice_would_be():
    path = Path(__file__).parent / "data" / "variants" / "e07_county_report_not_screened.txt"
    assert [f for f in check(path) if f.code.startswith("PRV")] == []
    as_notice = {f.code for f in check(path, genre="notice") if f.code.startswith("PRV")}
    assert as_notice == {"PRV001", "PRV002"}


def test_prv_rules_skip_a_report_to_the_inspection_group():
    text = f"涉及人员王某某（{ID}），卡号{CARD}，报账员张某某（{MOBILE}）。\n秘密★1年"
    assert check(text, genre="report", select=["PRV"]) == []
    assert {f.code for f in check(text, genre="notice", select=["PRV"])} == {
        "PRV001", "PRV002", "PRV003", "PRV004"}


@pytest.mark.parametrize("text,kind", [
    (f"收款账号：{CARD}。", "银行卡号"),
    ("开户行：中国农业银行青山支行，账号：18-101201040012345。", "银行账号"),
    (f"已退回，卡号{CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}。", "银行卡号"),
    (f"已转入{CARD}。", "银行卡号"),                 # unlabelled: 62…, 19 digits, Luhn
])
def test_prv002_finds_accounts(text, kind):
    (f,) = only(HEAD + text, "PRV002")
    assert f.values["kind"] == kind and "*" in f.values["masked"]
    assert CARD not in f.message


@pytest.mark.parametrize("text", [
    f"已转入{CARD[:-1]}7。",                          # unlabelled and not Luhn-valid
    "违规资金已退回县财政局账户。开户行：中国农业银行青山支行。",
    f"身份证号码{ID}。",                              # an identity number is PRV001's
])
def test_prv002_quiet(text):
    assert only(HEAD + text, "PRV002") == []


def test_prv003_name_and_mobile_outside_the_contact_block():
    (f,) = only(HEAD + f"由村报账员张某某（{MOBILE}）负责建账。", "PRV003")
    assert f.severity == "warning" and f.values == {"masked": "139****5678", "name": "张某某"}
    assert f.message == "公开通报中“张某某”后附有手机号码“139****5678”，个人手机号码不宜公开，发布前应删除或改为单位公开电话"


@pytest.mark.parametrize("text", [
    f"欢迎监督。联系人：张某某，联系电话：{MOBILE}。",
    f"巡察期间设有举报电话：{MOBILE}，受理来电。",
    f"举报电话0553-2595762 {MOBILE}。",
    f"党组书记（{MOBILE}）",                          # a post, not a person's name
    f"联系方式：\n王某某 {MOBILE}\n",                 # the line after a contact cue
])
def test_prv003_quiet_on_contact_lines(text):
    assert only(HEAD + text, "PRV003") == []


@pytest.mark.parametrize("text,match", [
    ("机密★长期\n" + HEAD + "根据县委统一部署，县委第二巡察组对局党组开展了常规巡察。\n", "机密★长期"),
    (HEAD + "绝密\n正文。", "绝密"),
    (HEAD + "内部资料，注意保存\n正文。", "内部资料，注意保存"),
    (HEAD + "内部明电\n正文。", "内部明电"),
])
def test_prv004_markings(text, match):
    (f,) = only(text, "PRV004")
    assert f.values["match"] == match


def test_prv004_ordinary_words_are_quiet():
    text = HEAD + "严守国家秘密，防止商业机密泄露，编印内部资料3期；会议要求不得外传的纪律。"
    assert only(text, "PRV004") == []


# ---- masking end to end ----------------------------------------------------------------------

NOTICE = (HEAD + "2021年3月1日至4月30日，县委第二巡察组开展了常规巡察。2021年6月10日反馈了巡察意见。\n\n"
          f"1.违规发放补贴。整改情况：追回补贴，涉及人员王某某（身份证号码{ID}），已完成整改。\n\n"
          f"2.违规领取加班费。整改情况：已退回，收款账号：{CARD}，已完成整改。\n\n"
          f"3.财务管理不规范。整改情况：由报账员张某某（{MOBILE}）重新建账，已完成整改。\n\n"
          f"欢迎监督。联系电话：{ID}；电子邮箱：qsnync@163.com。\n\n"
          "中共青山县农业农村局党组\n2021年9月30日\n")
SECRETS = (ID, CARD, MOBILE)


def test_other_rules_quoting_a_value_are_masked_too():
    findings = check(NOTICE)
    con = [f for f in findings if f.code == "CON001" and f.span.start == NOTICE.index("联系电话") + 5]
    assert con and mask(ID) in con[0].message and ID not in con[0].message
    for f in findings:
        shown = [f.message, f.excerpt, json.dumps(f.values, ensure_ascii=False),
                 f.fix.replacement if f.fix else "", *(r.excerpt for r in f.related)]
        assert not any(s in x for s in SECRETS for x in shown), (f.code, shown)


@pytest.mark.parametrize("fmt", ["rich", "concise", "json", "jsonl", "sarif", "github"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_no_output_format_shows_the_values(tmp_path, capsys, monkeypatch, fmt, jobs):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NOTICE.replace("青山县", "绿水县"), encoding="utf-8")
    main(["check", "a.txt", "b.txt", "--format", fmt, "--jobs", jobs])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert not any(s in out for s in SECRETS)
    assert "3101**********1234" in out and "139****5678" in out
    if fmt == "rich":  # the source line under the message is masked, carets keep their place
        assert "身份证号码3101**********1234）" in out
    if fmt in ("json", "jsonl"):
        rows = json.loads(out) if fmt == "json" else [json.loads(x) for x in out.splitlines()]
        prv = [r for r in rows if r["code"] == "PRV001"]
        assert prv and prv[0]["values"]["masked"] == "3101**********1234"
        assert prv[0]["fix"]["replacement"] == "3101**********1234" and prv[0]["fix"]["safe"] is False


def test_html_report_masks_the_whole_notice(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    main(["check", "a.txt", "--format", "html"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "<html" in out.lower()
    assert not any(s in out for s in SECRETS)
    assert "3101**********1234" in out and "139****5678" in out


def test_serve_page_and_reviewed_docx_mask_the_values():
    import zipfile
    from io import BytesIO

    from rectify_rules.cli.batch import Settings
    from rectify_rules.review import review_docx
    from rectify_rules.serve import review_upload
    from test_inputs_end_to_end import build_docx

    page = review_upload("a.txt", NOTICE.encode("utf-8"), Settings())
    assert not any(s in page for s in SECRETS) and "3101**********1234" in page
    data, _ = build_docx(NOTICE.splitlines(), auto=False)
    page = review_upload("a.docx", data, Settings())
    # the page embeds the reviewed copy (base64): the draft's own text is in it, the page is not
    shown = re.sub(r"base64,[A-Za-z0-9+/=]+", "", page)
    assert not any(s in shown for s in SECRETS) and "3101**********1234" in shown
    result = review_docx(data)
    comments = zipfile.ZipFile(BytesIO(result.data)).read("word/comments.xml").decode("utf-8")
    assert "PRV001" in comments and "3101**********1234" in comments
    assert not any(s in comments for s in SECRETS)


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_review_of_a_text_draft_writes_a_masked_report(tmp_path, capsys, suffix):
    """``review`` of a .txt/.html draft writes the HTML report: it shows the whole notice, so
    it masks it as ``check --format html`` and ``serve`` do."""
    draft = tmp_path / f"a{suffix}"
    text = NOTICE if suffix == ".txt" else (
        "<html><body>" + "".join(f"<p>{ln}</p>" for ln in NOTICE.splitlines()) + "</body></html>")
    draft.write_text(text, encoding="utf-8")
    main(["review", str(draft)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    page = (tmp_path / "a.审校.html").read_text(encoding="utf-8")
    assert "PRV001" in page and "3101**********1234" in page
    assert not any(s in page for s in SECRETS)
