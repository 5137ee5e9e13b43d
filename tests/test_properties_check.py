"""Property tests of the checker (issue #3).

A complete synthetic notice (``synth.notices(complete=True)``) draws no error and no warning;
each defect injector of ``tests/synth_defects.py`` makes the checker report its code, at the
edited line where the defect has one. A code whose rule is not in the built-in pack yet is
skipped with the reason, computed when the test runs.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings

from rectify_rules.engine import check, load_rules
from rectify_rules.text import LineIndex
from synth import notices
from synth_defects import INJECTORS

CLEAN = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEFECT = settings(max_examples=25, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

#: defects the checker misses today because of a parser/rule bug (reported to the lead)
KNOWN_MISSES: dict[str, str] = {}


def _require_rule(code: str) -> None:
    if load_rules().get(code) is None:
        pytest.skip(f"rule {code} has not landed in rules/ yet (load_rules().get('{code}') is None)")


def _brief(findings) -> list[tuple[str, str, int, str]]:
    return [(f.code, f.severity, f.location.row, f.message) for f in findings]


@CLEAN
@given(notices(complete=True))
def test_complete_notice_has_no_error_or_warning(case):
    text, exp = case
    findings = check(text)
    infos = [f for f in findings if f.severity == "info"]
    if infos:
        print("info on a complete notice:", sorted({f.code for f in infos}))
    serious = [f for f in findings if f.severity in ("error", "warning")]
    assert _brief(serious) == [], text


def _explained(exp: dict) -> set[str]:
    """The error / warning codes a drawn notice must get: exactly what it leaves out."""
    codes = set()
    if exp["contact"] is None:
        codes.add("REQ009")
    sig = exp["signature"]
    if sig["issuer"] is None or sig["date"] is None:
        codes.add("REQ010")
    if not exp["feedback_year_written"]:
        codes.add("DAT005")
    # deadlines are judged on the signature date, else the publication date, else the latest
    # date the text writes with its year that is no deadline (never today when the text has
    # one, never a deadline: it says when work is due, not when the text was written)
    written = [d["value"] for d in exp["dates"] if not d["year_inferred"] and not d["before"]]
    ref = sig["date"] or (exp["published"] or {}).get("value") or (max(written) if written
                                                                   else dt.date.today())
    for d in exp["dates"]:
        last = d["value"]
        if d["precision"] == "month":
            last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
        if d["before"] and last < ref:
            codes.add("DAT004")
    return codes


@CLEAN
@given(notices())
def test_omissions_are_reported_and_nothing_else(case):
    text, exp = case
    got = {f.code for f in check(text) if f.severity in ("error", "warning")}
    assert got == _explained(exp), text


@pytest.mark.parametrize("code", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c]))
    if c in KNOWN_MISSES else c for c in sorted(INJECTORS)])
def test_injected_defect_is_reported(code):
    _require_rule(code)
    inject = INJECTORS[code]

    @DEFECT
    @given(notices(complete=True))
    def run(case):
        text, exp = case
        got = inject(text, exp)
        assume(got is not None)
        assert got.code == code
        if got.text != text:  # the notice was fine in that respect before the edit
            assert code not in {f.code for f in check(text, as_of=got.as_of)}, text
        findings = check(got.text, as_of=got.as_of)
        hits = [f for f in findings if f.code == code]
        assert hits, (f"{code} not reported after the edit", got.text, _brief(findings))
        if got.at is not None:
            line = LineIndex(got.text).line_col(got.at)[0]
            assert line in {f.location.row for f in hits}, (line, _brief(hits), got.text)

    run()


def test_every_catalogue_defect_named_in_the_brief_has_an_injector():
    assert sorted(INJECTORS) == sorted([
        "CNT001", "CNT002", "CNT003", "CNT004", "CNT006", "DAT001", "DAT002", "DAT003", "DAT004",
        "DAT006", "REQ009", "REQ005", "REQ003", "NUM001", "CON001", "CON003", "TRM001", "FMT001",
        "FMT002"])


# --------------------------------------------------------------------------------------------
# the minimal examples behind the known misses and false alarms

_HEAD = ("中共青山县农业农村局党组关于巡察整改进展情况的通报\n\n"
         "根据县委统一部署，县委第二巡察组于2021年3月1日至4月30日对青山县农业农村局党组开展了巡察。"
         "2021年6月10日，县委第二巡察组反馈了巡察意见，共反馈2个问题。")
_ITEMS = ("\n\n一、贯彻落实党的路线方针政策方面\n\n1.理论学习不够深入。整改情况：修订学习制度，已完成整改。"
          "\n\n2.财务管理不规范。整改情况：建立财务审批台账，已完成整改。\n")


def test_nothing_open_needs_no_deadline():
    text = _HEAD + "截至2021年9月1日，2个问题已完成整改2个，正在整改0个。" + _ITEMS
    assert check(text, select=["REQ008"]) == []


def test_progress_rate_is_checked():
    _require_rule("CNT006")
    text = _HEAD + "截至2021年9月1日，2个问题已完成整改1个，正在整改1个，整改完成率为80%。" + _ITEMS
    found = check(text, select=["CNT006"])
    assert [(f.code, f.location.row) for f in found] == [("CNT006", 3)]
    assert found[0].values["value"] == 80


def test_progress_rate_right_after_completed_is_checked():
    """The same wrong rate is caught when it follows the completed figure directly."""
    _require_rule("CNT006")
    text = _HEAD + "截至2021年9月1日，反馈的2个问题已完成整改1个，整改完成率为80%。" + _ITEMS
    found = check(text, select=["CNT006"])
    assert [(f.code, f.location.row) for f in found] == [("CNT006", 3)]
    assert found[0].values["value"] == 80 and found[0].values["actual"] == 50
