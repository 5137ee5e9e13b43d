"""``json`` (an array; the objects of docs/json.md) and ``jsonl`` (one object per line, same objects)."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from typing import Any, TextIO

import attrs

from ..findings import Finding, Location, positions
from ..model import Span
from ..text import SourceText


#: the types :func:`plain` returns unchanged (exact types; subclasses go through it)
_AS_IS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """*value* as JSON data: dates → ISO strings, attrs objects → dicts, spans → offsets."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if type(value) is dict:  # a finding's values: the Mapping case below, without its ABC
        # check, and text and numbers (most values) taken as they are, without a call each
        return {str(k): v if type(v) in _AS_IS else plain(v) for k, v in value.items()}
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if attrs.has(type(value)):
        # a fact: its value is what a reader wants (Figure → 17, DateFact → "2021-10-28")
        inner = getattr(value, "value", None)
        if inner is not None:
            return plain(inner)
        text = getattr(value, "text", None)
        if isinstance(text, str):
            return text
        return {a.name: plain(getattr(value, a.name)) for a in attrs.fields(type(value))}
    return str(value)


def _loc(loc: Location) -> dict[str, int]:
    return {"row": loc.row, "column": loc.column}


def finding_to_dict(f: Finding) -> dict[str, Any]:
    fix = None
    if f.fix is not None:
        fix = {"replacement": f.fix.replacement, "safe": f.fix.safe,
               "span": plain(f.fix.span)}
        if f.fix.span == f.span:
            fix["location"] = _loc(f.location)
            fix["end_location"] = _loc(f.end_location)
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "filename": f.filename,
        "location": _loc(f.location),
        "end_location": _loc(f.end_location),
        "values": plain(f.values),
        "fix": fix,
        "reference": f.reference or None,
        "related": [{"message": r.message, "excerpt": r.excerpt,
                     "location": _loc(r.location), "end_location": _loc(r.end_location)}
                    for r in f.related],
    }


#: json.dumps(…, ensure_ascii=False) builds a new encoder on every call: one, built once
_encode = json.JSONEncoder(ensure_ascii=False).encode
#: a string as JSON, as that encoder writes it (the json module's C function)
_q = json.encoder.encode_basestring


def render(f: Finding) -> str:
    """One finding as the JSON object both formats write: the same text as the json encoder
    makes of :func:`finding_to_dict`, assembled from its fields (~70 findings a notice: the
    dicts built only for the encoder to walk them cost more than the encoding itself). The parts
    a rule's findings in one file share (code, name, severity, filename, reference) are
    encoded once (:func:`_parts`)."""
    key = (f.code, f.name, f.severity, f.reference, f.filename)
    parts = _PARTS.get(key)
    if parts is None:
        parts = _parts(key)
    loc, end = f.location, f.end_location
    return (f'{parts[0]}{_q(f.message)}{parts[1]}{loc.row}, "column": {loc.column}}}, '
            f'"end_location": {{"row": {end.row}, "column": {end.column}}}, '
            f'"values": {_values(f.values)}, '
            f'"fix": {"null" if f.fix is None else _fix(f)}'
            f'{parts[2]}{_related(f.related) if f.related else "[]"}}}')


def render_found(found: list[tuple], src: SourceText,
                 filename: str | None) -> list[tuple[str, str, str, str]]:
    """The findings the engine found (``engine.evaluate.found_parsed``, none holding personal
    data) as :func:`render` writes them once built (``engine.evaluate.findings_of``), without
    building them: ``check --format json`` turns ~70 findings a notice into text and nothing
    else, and the Finding objects, their Locations and Related places were built only to be
    read back here. The text is :func:`render`'s, field for field (tests/test_fast_output.py)."""
    text = src.original
    where = positions(src)
    out = []
    for _, code, name, severity, message, span, values, related, fix, reference, _ in found:
        key = (code, name, severity, reference, filename)
        parts = _PARTS.get(key)
        if parts is None:
            parts = _parts(key)
        r1, c1, r2, c2 = where(span.start, span.end)
        if fix is None:
            fixed = "null"
        else:
            fixed = (f'{{"replacement": {_text_or_null(fix.replacement)}, '
                     f'"safe": {_encode(fix.safe)}, '
                     f'"span": {{"start": {fix.span.start}, "end": {fix.span.end}}}')
            if fix.span == span:
                fixed += (f', "location": {{"row": {r1}, "column": {c1}}}, '
                          f'"end_location": {{"row": {r2}, "column": {c2}}}')
            fixed += "}"
        if related:
            places = []
            for rspan, rmsg in related:
                s1, t1, s2, t2 = where(rspan.start, rspan.end)
                places.append(f'{{"message": {_q(rmsg)}, '
                              f'"excerpt": {_q(text[rspan.start:rspan.end])}, '
                              f'"location": {{"row": {s1}, "column": {t1}}}, '
                              f'"end_location": {{"row": {s2}, "column": {t2}}}}}')
            others = "[" + ", ".join(places) + "]"
        else:
            others = "[]"
        out.append((code, name, severity,
                    f'{parts[0]}{_q(message)}{parts[1]}{r1}, "column": {c1}}}, '
                    f'"end_location": {{"row": {r2}, "column": {c2}}}, '
                    f'"values": {_values(values)}, "fix": {fixed}{parts[2]}{others}}}'))
    return out


#: (code, name, severity, reference, filename) → the JSON text before the message, between
#: the message and the location's row, and between the fix and the related places
_PARTS: dict[tuple, tuple[str, str, str]] = {}


def _parts(key: tuple) -> tuple[str, str, str]:
    code, name, severity, reference, filename = key
    parts = (f'{{"code": {_q(code)}, "name": {_q(name)}, "severity": {_q(severity)}, '
             f'"message": ',
             f', "filename": {_text_or_null(filename)}, "location": {{"row": ',
             f', "reference": {_text_or_null(reference or None)}, "related": ')
    if len(_PARTS) >= 4096:  # a batch of many files: bounded
        _PARTS.clear()
    _PARTS[key] = parts
    return parts


def _text_or_null(text: str | None) -> str:
    return "null" if text is None else _q(text)


def _values(values: dict[str, Any]) -> str:
    """A finding's values as JSON: text and integers (most values) written here, anything
    else (a float, a list, a date) through :func:`plain` and the encoder."""
    if type(values) is not dict:
        return _encode(plain(values))
    parts = []
    for k, v in values.items():
        t = type(v)
        if t is str:
            parts.append(f"{_q(str(k))}: {_q(v)}")
        elif t is int:
            parts.append(f"{_q(str(k))}: {v}")
        else:
            parts.append(f"{_q(str(k))}: {_encode(plain(v))}")
    return "{" + ", ".join(parts) + "}"


def _fix(f: Finding) -> str:
    fix = f.fix
    text = (f'{{"replacement": {_text_or_null(fix.replacement)}, "safe": {_encode(fix.safe)}, '
            f'"span": {{"start": {fix.span.start}, "end": {fix.span.end}}}')
    if fix.span == f.span:
        loc, end = f.location, f.end_location
        text += (f', "location": {{"row": {loc.row}, "column": {loc.column}}}, '
                 f'"end_location": {{"row": {end.row}, "column": {end.column}}}')
    return text + "}"


def _related(related) -> str:
    return "[" + ", ".join(
        f'{{"message": {_q(r.message)}, "excerpt": {_q(r.excerpt)}, '
        f'"location": {{"row": {r.location.row}, "column": {r.location.column}}}, '
        f'"end_location": {{"row": {r.end_location.row}, "column": {r.end_location.column}}}}}'
        for r in related) + "]"


class Writer:
    """A JSON array with one finding per line, written as the files come. Each finding is
    encoded by the json module's C encoder (``indent`` would switch to its pure-Python encoder,
    measured 8x slower on a batch of 20,000 findings)."""

    def __init__(self, stream: TextIO, **_: object) -> None:
        self.stream = stream
        self.written = 0

    @staticmethod
    def renderer(**_: object):
        return render

    @staticmethod
    def found_renderer(**_: object):
        return render_found

    def file(self, findings, lines, name: str | None = None) -> None:
        self.write_rendered([(f.code, f.name, f.severity, render(f)) for f in findings], name)

    def write_rendered(self, items, name: str | None = None) -> None:
        if items:  # a file's findings in one write (one encoding of its text, not two a finding)
            self.stream.write((",\n  " if self.written else "[\n  ")
                              + ",\n  ".join([text for _, _, _, text in items]))
            self.written += len(items)

    def close(self, files: int) -> None:
        self.stream.write("\n]\n" if self.written else "[]\n")


class JsonlWriter(Writer):
    """One finding per line, the same objects as ``json``."""

    def write_rendered(self, items, name: str | None = None) -> None:
        if items:
            self.stream.write("\n".join([text for _, _, _, text in items]) + "\n")

    def close(self, files: int) -> None:
        pass
