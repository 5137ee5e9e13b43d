"""The Notice model as JSON (the contract of docs/json.md, ``"schema": 1``).

Keys listed in the contract never change meaning; more may be added. DATE and SPAN objects::

    DATE = {"value": "2021-10-28", "text": "10月28日", "year_inferred": true,
            "year_from": "context", "span": SPAN}   # value null when year_from is "none"
    SPAN = {"start": 123, "end": 129, "line": 8, "column": 40}
"""

from __future__ import annotations

from typing import Any

from .model import (Breakdown, Count, DateFact, Figure, InspectionBody, Node, Notice,
                    Percentage, Progress, Span, TextFact)
from .text import LineIndex, SourceText

SCHEMA = 1


class _Exporter:
    def __init__(self, notice: Notice, index: LineIndex) -> None:
        self.n = notice
        self.index = index

    def span(self, s: Span | None) -> dict[str, int] | None:
        if s is None:
            return None
        line, col = self.index.line_col(s.start)
        return {"start": s.start, "end": s.end, "line": line, "column": col}

    def date(self, d: DateFact | None) -> dict[str, Any] | None:
        if d is None:
            return None
        # a date whose year nothing in the text tells has no value to export (its model value
        # carries a placeholder year): the text, precision and span still say what was read
        value = None if d.year_from == "none" else d.value.isoformat()
        return {"value": value, "text": d.text, "year_inferred": d.year_inferred,
                "year_from": d.year_from, "precision": d.precision, "span": self.span(d.span)}

    @staticmethod
    def text(t: TextFact | None) -> str | None:
        return t.text if t is not None else None

    @staticmethod
    def num(f: Figure | None) -> int | float | None:
        return f.value if f is not None else None

    def body(self, b: InspectionBody) -> dict[str, Any]:
        return {"raw": b.raw, "level": b.level, "kind": b.kind, "ordinal": b.ordinal,
                "ordinal_missing": b.ordinal_missing, "joint": b.joint, "count": b.count,
                "modifier": b.modifier, "span": self.span(b.span)}

    def count(self, c: Count) -> dict[str, Any]:
        return {"quantity": c.quantity, "value": c.value, "text": c.text, "span": self.span(c.span)}

    def progress(self, p: Progress) -> dict[str, Any]:
        return {"total": self.num(p.total), "completed": self.num(p.completed),
                "ongoing": self.num(p.ongoing), "other": [f.value for f in p.other],
                "quantity": p.quantity,
                "rate": self.num(p.rate), "as_of": self.date(p.as_of),
                "breakdown": [{"deadline": self.date(b.deadline), "count": b.count.value}
                              for b in p.breakdown],
                "span": self.span(p.span)}

    def node(self, n: Node) -> dict[str, Any]:
        return {"marker": n.marker.text if n.marker else None, "number": n.number,
                "level": n.marker.level if n.marker else None, "title": n.title,
                "status": n.status, "deadline": self.date(n.deadline),
                "span": self.span(n.span), "children": [self.node(c) for c in n.children]}

    def breakdown(self, b: Breakdown) -> dict[str, Any]:
        return {"total": b.total.value, "unit": b.unit,
                "parts": [{"label": p.label, "value": p.value.value} for p in b.parts],
                "span": self.span(b.span)}

    def percentage(self, p: Percentage) -> dict[str, Any]:
        return {"value": p.value, "text": p.text, "numerator": self.num(p.numerator),
                "denominator": self.num(p.denominator), "floor": p.floor,
                "span": self.span(p.span)}

    def run(self) -> dict[str, Any]:
        n = self.n
        insp = n.inspection
        con = n.contact
        leaves = n.leaves()
        return {
            "schema": SCHEMA,
            "title": self.text(n.title),
            "genre": n.genre,
            "genre_signal": self.text(n.genre_signal),
            "issuer": self.text(n.issuer),
            "addressee": self.text(n.addressee),
            "published": self.date(n.published),
            "source": self.text(n.source),
            "inspection": {
                "body": insp.body.raw if insp.body else None,
                "level": insp.body.level if insp.body else None,
                "ordinal": insp.body.ordinal if insp.body else None,
                "joint": insp.body.joint if insp.body else False,
                "kind": self.text(insp.kind),
                "start": self.date(insp.start),
                "end": self.date(insp.end),
                "duration": insp.duration.text if insp.duration else None,
                "mentions": [self.body(b) for b in insp.mentions],
                "bodies": [self.body(b) for b in insp.bodies],
            },
            "feedback": self.date(n.feedback),
            "declared": [self.count(c) for c in n.declared],
            "progress": [self.progress(p) for p in n.progress],
            "problems": [self.node(x) for x in n.problems],
            "problem_counts": {
                "groups": len(n.problems),
                "leaves": len(leaves),
                "completed": sum(1 for x in leaves if x.status == "completed"),
                "ongoing": sum(1 for x in leaves if x.status == "ongoing"),
            },
            "contact": {
                "phones": [p.text for p in con.phones],
                "emails": [e.text for e in con.emails],
                "address": self.text(con.address),
                "postcode": self.text(con.postcode),
            },
            "signature": {"issuer": self.text(n.signature.issuer),
                          "date": self.date(n.signature.date),
                          "date_placeholder": self.text(n.signature.date_placeholder)},
            "breakdowns": [self.breakdown(b) for b in n.breakdowns],
            "percentages": [self.percentage(p) for p in n.percentages],
            "durations": [{"text": d.text, "days": d.days, "months": d.months,
                           "subject": d.subject, "span": self.span(d.span),
                           "range": ({"start": self.date(d.range.start),
                                      "end": self.date(d.range.end)} if d.range else None)}
                          for d in n.durations],
            "dates": [self.date(d) for d in n.dates],
            "truncated": self.text(n.truncated),
            "diagnostics": [{"code": d.code, "message": d.message, "span": self.span(d.span)}
                            for d in n.diagnostics],
        }


def notice_to_dict(notice: Notice, src: SourceText | None = None) -> dict[str, Any]:
    """The JSON-ready dict of *notice* (docs/json.md)."""
    index = src.index if src is not None else LineIndex(notice.text)
    return _Exporter(notice, index).run()
