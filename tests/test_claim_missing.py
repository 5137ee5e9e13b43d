"""REQ003 / REQ004 / REQ005 claim that an element is missing only when it is.

Every sentence of every hand-written variant notice and of every seed is checked on its own,
under the notice's title: where the sentence holds the inspecting body, both ends of the
inspection period, or the feedback date that the expect file names (written by reading the
notice), the rule for that element must not report an error — it either reads the element or
says, at info level, what it could not read.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from rectify_rules import check
from rectify_rules.parsing.dates import scan_dates
from rectify_rules.read import load
from rectify_rules.text import SourceText

HERE = Path(__file__).resolve().parent
def _variant(expect: Path) -> Path:
    """The variant's notice: <name>.txt, or the web page <name>.html."""
    name = expect.name.removesuffix(".expect.toml")
    html = expect.with_name(f"{name}.html")
    return html if html.exists() else expect.with_name(f"{name}.txt")


CASES = ([(p, _variant(p)) for p in sorted((HERE / "data" / "variants").glob("*.expect.toml"))]
         + [(p, HERE.parent / "seeds" / f"{p.name.removesuffix('.facts.toml')}.txt")
            for p in sorted((HERE / "seeds").glob("*.facts.toml"))])
_SENTENCE = re.compile(r"[^。；！？\n]+")
#: the sentence tells of the feedback itself, not of later work on it ("研究巡察反馈问题整改工作",
#: "对照反馈意见"): a test of its own, simpler than the parser's
_FEEDBACK_TOLD = re.compile(r"(?<!对照)(?<!根据)(?<!按照)(?<!针对)(?<!研究)(?<!落实)(?<!传达)(?<!学习)"
                            r"(?<!巡察)(?<!巡视)反馈(?!问题|的问题|意见整改|意见的整改)"
                            r"|(?:巡察|巡视)反馈(?:会|意见(?!整改))")


def _month_days(sentence: str) -> set[tuple[int, int]]:
    return {(d.value.month, d.value.day) for d in scan_dates(SourceText(sentence)).dates}


def _md(iso: str) -> tuple[int, int] | None:
    if not iso:
        return None
    _, m, d = iso.split("-")
    return int(m), int(d)


def _sentences(text: str) -> list[str]:
    return [m.group().strip() for m in _SENTENCE.finditer(text) if len(m.group().strip()) > 4]


@pytest.mark.parametrize("expect, path", CASES, ids=[c[1].stem for c in CASES])
def test_no_claim_of_absence_where_the_sentence_holds_the_element(expect, path):
    exp = tomllib.loads(expect.read_text(encoding="utf-8"))
    if "inspection" not in exp:
        pytest.skip("no notice: a news article or an index page states none of the elements")
    ins = exp["inspection"]
    title = exp.get("title") or "关于巡察整改进展情况的通报"
    body = ins.get("body", "")
    start, end = _md(str(ins.get("start", ""))), _md(str(ins.get("end", "")))
    feedback = _md(str(exp.get("feedback", {}).get("value", "")))
    checked = 0
    for sentence in _sentences(load(path)[0]):
        days = _month_days(sentence)
        holds = {
            "REQ003": bool(body) and body in sentence and not ins.get("ordinal_missing"),
            "REQ004": start is not None and end is not None and {start, end} <= days,
            "REQ005": feedback is not None and bool(_FEEDBACK_TOLD.search(sentence))
                       and feedback in days,
        }
        if not any(holds.values()):
            continue
        mini = f"{title}\n\n{sentence}。\n"
        errors = {f.code for f in check(mini, select=["REQ003", "REQ004", "REQ005"])
                  if f.severity == "error"}
        wrong = sorted(code for code, held in holds.items() if held and code in errors)
        assert wrong == [], (sentence, wrong)
        checked += 1
    assert checked > 0, "no sentence of the notice holds any of the elements"
