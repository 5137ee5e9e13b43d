"""The five real notices against hand-written expected facts (tests/seeds/*.facts.toml).

The expected files were written by reading each notice, never from the parser's output.
A key absent from a file is not compared; "" means "must be missing".
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from rectify_rules.parsing import parse_text
from rulehelpers import assert_problem_tree

ROOT = Path(__file__).resolve().parent.parent
FACTS = sorted((ROOT / "tests" / "seeds").glob("*.facts.toml"))


def _notice(facts_path: Path):
    stem = facts_path.name.removesuffix(".facts.toml")
    text = (ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    return parse_text(text)


@pytest.fixture(scope="module", params=FACTS, ids=lambda p: p.name[:3])
def case(request):
    expected = tomllib.loads(request.param.read_text(encoding="utf-8"))
    return expected, _notice(request.param)


def _text(fact):
    return fact.text if fact is not None else ""


def _date(fact):
    return fact.value.isoformat() if fact is not None else ""


def test_seed_files_present():
    assert len(FACTS) == 5


def test_header(case):
    exp, n = case
    assert _text(n.title) == exp["title"]
    assert n.genre == exp["genre"]
    assert _text(n.issuer) == exp["issuer"]
    if "addressee" in exp:
        assert _text(n.addressee) == exp["addressee"]
    assert _date(n.published) == exp["published"]


def test_inspection(case):
    exp, n = case
    ins = exp["inspection"]
    body = n.inspection.body
    assert body is not None and body.raw == ins["body"]
    for key in ("ordinal", "ordinal_missing", "joint"):
        if key in ins:
            assert getattr(body, key) == ins[key], key
    if "kind" in ins:
        assert n.inspection.kind is not None and ins["kind"] in n.inspection.kind.text
    assert _date(n.inspection.start) == ins["start"]
    assert _date(n.inspection.end) == ins["end"]
    if "mention_ordinals" in ins:
        ordinals = {m.ordinal for m in n.inspection.mentions if m.ordinal is not None}
        assert ordinals == set(ins["mention_ordinals"])


def test_feedback(case):
    exp, n = case
    fb = exp["feedback"]
    assert n.feedback is not None
    assert n.feedback.value == dt.date.fromisoformat(fb["value"])
    assert n.feedback.year_inferred is fb["year_inferred"]


def test_declared_counts(case):
    exp, n = case
    got: dict[str, set[int]] = {}
    for c in n.declared:
        got.setdefault(c.quantity, set()).add(c.value)
    assert got == {k: set(v) for k, v in exp["declared"].items()}


def test_progress(case):
    exp, n = case
    expected = exp.get("progress", [])
    assert len(n.progress) == exp.get("progress_count", len(expected))
    for want, got in zip(expected, n.progress):
        for key in ("total", "completed", "ongoing"):
            value = getattr(got, key)
            assert (value.value if value else None) == want.get(key), key
        if "breakdown" in want:
            assert [[p.deadline.latest.isoformat(), p.count.value] for p in got.breakdown] \
                == want["breakdown"]


def test_problem_tree(case):
    exp, n = case
    pr = exp["problems"]
    deadlines = assert_problem_tree(n, pr)
    if "deadlines" in pr:
        assert deadlines == [d["value"] for d in pr["deadlines"]]


def test_contact(case):
    exp, n = case
    con = exp["contact"]
    assert [p.text for p in n.contact.phones] == con["phones"]
    assert [e.text for e in n.contact.emails] == con["emails"]
    assert _text(n.contact.address) == con.get("address", "")
    assert _text(n.contact.postcode) == con.get("postcode", "")


def test_signature(case):
    exp, n = case
    sig = exp["signature"]
    assert _text(n.signature.issuer) == sig["issuer"]
    assert _date(n.signature.date) == sig["date"]


def test_breakdowns_and_durations(case):
    exp, n = case
    for want in exp.get("breakdowns", []):
        assert any(b.total.value == want["total"] and [p.value.value for p in b.parts]
                   == want["parts"] for b in n.breakdowns), want
    for want in exp.get("durations", []):
        assert any(d.text == want["text"] and d.months == want.get("months")
                   for d in n.durations), want


def test_every_span_maps_back(case):
    _, n = case
    for d in n.dates:
        assert n.text[d.span.start:d.span.end] == d.text
    for c in n.declared:
        assert n.text[c.span.start:c.span.end] == c.text
    for p in n.contact.phones:
        assert n.text[p.span.start:p.span.end] == p.text
    if n.title is not None:
        assert n.title.span.end <= len(n.text)
