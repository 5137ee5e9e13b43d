"""Hand-written notices of the genre's variants against hand-written expectations.

tests/data/variants/<name>.txt are notices written for the test suite (not copied from the
web): 中央 / 省委巡视, 市委 / 县委 / 区委巡察, 联动, 专项, "回头看", a 整改报告 to the group, a
notice with only an opening and a progress paragraph; Chinese numerals, full-width digits,
half-width punctuation, em-dash ranges, web boilerplate, outlines of two to four levels.
Each is correct except for at most one planted defect, named in its expect file.

A variant may be a web page (<name>.html instead of <name>.txt): it is read as the command line
reads a page. A text that is no notice (genre news / other) lists no inspection, feedback,
problems, contact or signature: those sections are left out and the facts must then be missing.

<name>.expect.toml was written by reading the notice, never from the parser's output:

- the facts listed are compared exactly (a key left out is not compared; "" means "must be
  missing"); every progress statement is listed, and each one's total / completed / ongoing /
  other / rate / as_of are compared, a figure left out meaning "not stated";
- [[findings.expect]] are the planted defects: each must be reported (code, line, excerpt),
  and no other error- or warning-level finding may appear (per code exactly as many as
  listed); info-level findings (FMT003, NUM003, DAT008, and those listed as expected) are
  allowed except those named in ``findings.info_absent``; [[findings.info_expect]] are
  info-level findings that must be reported (what the notice may hold but the parser cannot
  read: REQ003/REQ004/REQ005);
- optional keys: ``inspection.count`` / ``modifier`` / ``bodies`` ([raw, ordinal, count] of
  every body the opening names, 0 for none) / ``duration``, ``quantity`` of a progress
  statement, a duration's ``days`` and ``range``, ``signature.date_placeholder``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from pathlib import Path

import pytest

import rectify_rules
from rectify_rules.catalogue import CATALOGUE
from rectify_rules.redact import masked_segment

from rulehelpers import assert_problem_tree

DATA = Path(__file__).resolve().parent / "data" / "variants"
EXPECT = sorted(DATA.glob("*.expect.toml"))
INFO_ALLOWED = {"FMT003", "NUM003", "DAT008"}


def _case_id(p: Path) -> str:
    return p.name.removesuffix(".expect.toml")


def _source(p: Path) -> Path:
    """The variant's text: <name>.txt, or the web page <name>.html."""
    html = DATA / f"{_case_id(p)}.html"
    return html if html.exists() else DATA / f"{_case_id(p)}.txt"


@pytest.fixture(scope="module", params=EXPECT, ids=_case_id)
def case(request):
    expected = tomllib.loads(request.param.read_text(encoding="utf-8"))
    path = _source(request.param)
    return expected, rectify_rules.parse(path), rectify_rules.check(path)


def _no_notice(exp: dict, n, section: str) -> bool:
    """True (the section is not compared) when a text that is no notice leaves it out; such
    a text must then carry none of it."""
    if section in exp:
        return False
    assert exp["genre"] in ("news", "other"), f"[{section}] missing"
    return True


def _text(fact) -> str:
    return fact.text if fact is not None else ""


def _date(fact) -> str:
    return fact.value.isoformat() if fact is not None else ""


def _num(fig):
    return fig.value if fig is not None else None


def test_variant_files_present():
    assert len(EXPECT) >= 8
    for p in EXPECT:
        assert _source(p).exists(), p


def test_header(case):
    exp, n, _ = case
    assert _text(n.title) == exp["title"]
    assert n.genre == exp["genre"]
    assert _text(n.issuer) == exp["issuer"]
    assert _text(n.addressee) == exp["addressee"]
    assert _date(n.published) == exp["published"]


def test_inspection(case):
    exp, n, _ = case
    if _no_notice(exp, n, "inspection"):
        assert (n.inspection.start, n.inspection.end) == (None, None)
        return
    ins = exp["inspection"]
    body = n.inspection.body
    assert body is not None, "no inspecting body"
    assert body.raw == ins["body"]
    assert body.level == ins["level"]
    assert body.kind == ins["body_kind"]
    assert (body.ordinal or 0) == ins["ordinal"]  # 0: no ordinal (a group by number)
    assert body.joint is ins["joint"]
    assert not body.ordinal_missing
    assert _text(n.inspection.kind) == ins["kind"]
    assert _date(n.inspection.start) == ins["start"]
    assert _date(n.inspection.end) == ins["end"]
    # optional: groups by number, modifiers, every body the opening names, the duration
    if "count" in ins:
        assert body.count == ins["count"]
    if "modifier" in ins:
        assert (body.modifier or "") == ins["modifier"]
    if "bodies" in ins:
        assert [[b.raw, b.ordinal or 0, b.count or 0] for b in n.inspection.bodies] == ins["bodies"]
    if "duration" in ins:
        assert _text(n.inspection.duration) == ins["duration"]


def test_feedback(case):
    exp, n, _ = case
    if _no_notice(exp, n, "feedback"):
        return
    fb = exp["feedback"]
    if fb["value"] == "":  # the notice states none
        assert n.feedback is None, n.feedback
        return
    assert n.feedback is not None, "no feedback date"
    assert n.feedback.value == dt.date.fromisoformat(fb["value"])
    assert n.feedback.year_inferred is fb["year_inferred"]


def test_declared_counts(case):
    exp, n, _ = case
    got: dict[str, list[int]] = {}
    for c in n.declared:
        got.setdefault(c.quantity, []).append(c.value)
    assert {k: sorted(set(v)) for k, v in got.items()} == exp.get("declared", {})


def test_progress(case):
    exp, n, _ = case
    want = exp.get("progress", [])
    got = [{"total": _num(p.total), "completed": _num(p.completed), "ongoing": _num(p.ongoing),
            "other": [f.value for f in p.other], "rate": _num(p.rate),
            "as_of": _date(p.as_of) or None} for p in n.progress]
    full = [{"total": w.get("total"), "completed": w.get("completed"),
             "ongoing": w.get("ongoing"), "other": w.get("other", []), "rate": w.get("rate"),
             "as_of": w.get("as_of")} for w in want]
    assert got == full
    # what each statement counts, where the expect file says ("" = not said)
    for p, w in zip(n.progress, want, strict=True):
        if "quantity" in w:
            assert (p.quantity or "") == w["quantity"], w


def test_problem_tree(case):
    exp, n, _ = case
    if _no_notice(exp, n, "problems"):
        assert n.problems == ()
        return
    pr = exp["problems"]
    deadlines = assert_problem_tree(n, pr)
    if "deadlines" in pr:
        assert deadlines == pr["deadlines"]


def test_contact(case):
    exp, n, _ = case
    if _no_notice(exp, n, "contact"):
        return
    con = exp["contact"]
    assert [p.text for p in n.contact.phones] == con["phones"]
    assert [e.text for e in n.contact.emails] == con["emails"]
    if "address" in con:
        assert _text(n.contact.address) == con["address"]
    if "postcode" in con:
        assert _text(n.contact.postcode) == con["postcode"]


def test_signature(case):
    exp, n, _ = case
    if _no_notice(exp, n, "signature"):
        return
    sig = exp["signature"]
    assert _text(n.signature.issuer) == sig["issuer"]
    assert _date(n.signature.date) == sig["date"]
    if "date_placeholder" in sig:
        assert _text(n.signature.date_placeholder) == sig["date_placeholder"]


def test_breakdowns_and_durations(case):
    exp, n, _ = case
    for want in exp.get("breakdowns", []):
        assert any(b.total.value == want["total"]
                   and [p.value.value for p in b.parts] == want["parts"]
                   for b in n.breakdowns), want
    for want in exp.get("durations", []):
        assert any(d.text == want["text"] and d.months == want.get("months")
                   and ("days" not in want or d.days == want["days"])
                   and ("range" not in want or [_date(d.range.start) if d.range else "",
                                                _date(d.range.end) if d.range else ""]
                        == want["range"])
                   for d in n.durations), want


def _expected(exp) -> list[dict]:
    """The planted defects."""
    return exp["findings"].get("expect", [])


def test_planted_defects_found(case):
    exp, _, findings = case
    for want in _expected(exp):
        assert any(f.code == want["code"]
                   and ("line" not in want or f.location.row == want["line"])
                   and ("excerpt" not in want or want["excerpt"] in f.excerpt)
                   for f in findings), (
            f"missing {want}; got {[(f.code, f.location.row, f.excerpt) for f in findings]}")


def test_no_other_error_or_warning(case):
    exp, _, findings = case
    planted = Counter(w["code"] for w in _expected(exp)
                      if CATALOGUE[w["code"]][1] in ("error", "warning"))
    got = Counter(f.code for f in findings if f.severity in ("error", "warning"))
    extra = [(f.code, f.location.row, f.message) for f in findings
             if f.severity in ("error", "warning") and got[f.code] != planted[f.code]]
    assert got == planted, extra


def test_info_findings_allowed(case):
    exp, _, findings = case
    expected = exp["findings"].get("info_expect", [])
    planted = {w["code"] for w in _expected(exp)}
    allowed = ((INFO_ALLOWED | planted) - set(exp["findings"].get("info_absent", []))) | {
        w["code"] for w in expected}
    wrong = [(f.code, f.location.row, f.message) for f in findings
             if f.severity == "info" and f.code not in allowed]
    assert wrong == []
    # what the notice may hold but the parser could not read is reported, at info level
    for want in expected:
        assert any(f.code == want["code"] and f.severity == "info"
                   and ("line" not in want or f.location.row == want["line"])
                   and ("excerpt" not in want or want["excerpt"] in f.excerpt)
                   for f in findings), (want, [(f.code, f.severity, f.location.row)
                                                for f in findings])


def test_spans_map_back(case):
    _, n, findings = case
    for d in n.dates:
        assert n.text[d.span.start:d.span.end] == d.text
    for c in n.declared:
        assert n.text[c.span.start:c.span.end] == c.text
    for p in n.contact.phones:
        assert n.text[p.span.start:p.span.end] == p.text
    secret = [sp for f in findings for sp in f.redactions]   # personal data: shown masked
    for f in findings:
        assert 0 <= f.span.start <= f.span.end <= len(n.text)
        assert f.excerpt == masked_segment(n.text, f.span.start, f.span.end, secret)
        if not secret:
            assert f.excerpt == n.text[f.span.start:f.span.end]
