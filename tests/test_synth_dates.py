"""The date scan recovers exactly the dates a synthetic notice was built with."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from rectify_rules.parsing.dates import scan_dates
from rectify_rules.text import SourceText
from synth import cn_number, notices, render

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fact(d) -> dict:
    return {"text": d.text, "value": d.value, "precision": d.precision,
            "year_inferred": d.year_inferred, "before": d.before}


@SETTINGS
@given(notices())
def test_scan_recovers_generated_dates(case):
    text, exp = case
    src = SourceText(text)
    ds = scan_dates(src)
    want = list(exp["dates"])
    if exp["published"] is not None:  # the web stamp is a date too when nothing is blanked
        want.insert(0, {"text": exp["published"]["text"], "value": exp["published"]["value"],
                        "precision": "day", "year_inferred": False, "before": False})
    assert [_fact(d) for d in ds.dates] == want
    assert [(r.start.value, r.end.value) for r in ds.ranges] == exp["ranges"]
    assert ds.invalid == ()
    for d in ds.dates:
        assert text[d.span.start:d.span.end] == d.text


@SETTINGS
@given(notices())
def test_generator_is_self_consistent(case):
    text, exp = case
    assert exp["declared"]["problems"] == sum(exp["outline"]["shape"]) == len(exp["problems"])
    prog = exp["progress"]
    assert prog["completed"] + prog["ongoing"] == prog["total"] == len(exp["problems"])
    assert prog["ongoing"] == sum(p["deadline"] is not None for p in exp["problems"])
    ins = exp["inspection"]
    assert ins["start"] < ins["end"] < exp["feedback"] < prog["as_of"]
    assert ins["body"] in text
    lines = text.split("\n")
    joined = {a + b for a, b in zip(lines, lines[1:])} if exp["title_split"] else set(lines)
    assert exp["title"] in joined
    pos = 0
    for d in exp["dates"]:  # every listed date is in the text, in order
        pos = text.index(d["text"], pos) + len(d["text"])
    for phone in (exp["contact"] or {}).get("phones", []):
        assert phone in text


def test_renderers():
    import datetime as dt

    d = dt.date(2021, 8, 31)
    assert render(d, "chinese") == "二〇二一年八月三十一日"
    assert render(d, "chinese", year=False) == "八月三十一日"
    assert render(d, "padded") == "2021年08月31日"
    assert render(d, "fullwidth") == "２０２１年８月３１日"
    assert render(d, "arabic", end="month-end") == "2021年8月底"
    assert [cn_number(n) for n in (1, 10, 12, 20, 31)] == ["一", "十", "十二", "二十", "三十一"]
