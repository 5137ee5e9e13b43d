"""TOML rule files → :class:`Rule`, with every key validated.

Errors are :class:`RuleError` lines ``path:line:col: key: problem``. tomllib reports positions
only for syntax errors; for a key's line we scan the file text for the key inside its table
(``[doc]``, the N-th ``[[example]]`` …). That is good enough for a one-rule file; when the key
cannot be found the table's header line (or line 1) is given.
"""

from __future__ import annotations

import datetime as _dt
import re
import string
import tomllib
from pathlib import Path

from . import expr as X
from .errors import RuleError, suggest
from .rule import Example, Rule

GENRES = ("notice", "report", "news", "other", "unknown")
SEVERITIES = ("error", "warning", "info")
KINDS = ("require", "assert", "pattern", "terms", "sequence", "consistent", "check")
COMMON_REQUIRED = ("code", "name", "severity", "kind", "summary", "message", "example")
COMMON_OPTIONAL = ("applies_to", "doc", "options", "variants")
VARIANT_KEYS = ("message", "severity")
DOC_KEYS = ("what", "why", "use_instead", "reference")
EXAMPLE_KEYS = ("bad", "good", "genre", "as_of")

_CODE = re.compile(r"[A-Z]{3}[0-9]{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
_IME = {"“": "“ ”", "”": "“ ”", "‘": "‘ ’", "’": "‘ ’", "＝": "＝"}


class KeyFinder:
    """Line and column of a key in a TOML file's text, found by scanning."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def find(self, table: str | None, index: int, key: str | None) -> tuple[int, int]:
        current, seen, header_at = None, {}, None
        for no, line in enumerate(self.lines, 1):
            m = _HEADER.match(line)
            if m:
                name = m.group(2)
                seen[name] = seen.get(name, -1) + 1
                current = (name, seen[name])
                if table is not None and current == (table, index):
                    header_at = (no, m.start(2) + 1)
                    if key is None:
                        return header_at
                continue
            want = (table, index) if table is not None else None
            if key and (current == want or (table is None and current is None)):
                km = re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line)
                if km:
                    return no, line.index(key[0], km.start()) + 1
            if key and table is not None and current is None:
                km = re.match(rf"\s*{re.escape(table)}\s*[.=]", line)
                if km:
                    header_at = header_at or (no, km.start() + 1 + line[km.start():].index(table[0]))
        return header_at or (1, 1)


class Compiler:
    """Error reporting and expression compilation for one rule file."""

    def __init__(self, path: str, text: str, options: dict) -> None:
        self.file, self.text, self.options = path, text, options
        self.finder = KeyFinder(text)

    def error(self, key: str, problem: str) -> RuleError:
        table, index, leaf = _split_key(key)
        line, col = self.finder.find(table, index, leaf)
        return RuleError(self.file, line, col, key, problem)

    def expression(self, key: str, text: object, *, it: object = None, boolean: bool = False) -> tuple:
        if not isinstance(text, str):
            raise self.error(key, f"must be an expression string, got {_tname(text)}")
        try:
            node = X.parse(text)
            scope = X.Scope(it, self.options)
            if boolean:
                X.check_bool(node, scope)
            else:
                X.infer(node, scope)
        except X.ExprError as e:
            raise self.error(key, str(e)) from None
        return node

    def path(self, key: str, text: object, *, it: object = None) -> tuple[tuple, object]:
        node = self.expression(key, text, it=it)
        if node[0] != "path":
            raise self.error(key, f"must be a fact path such as 'progress[*]', got {text!r}")
        return node, X.path_type(node, X.Scope(it, self.options))

    def string(self, data: dict, key: str, *, required: bool = True, default: str | None = None,
               choices: tuple[str, ...] = ()) -> str | None:
        if key not in data:
            if required:
                raise self.error(key, "missing")
            return default
        v = data[key]
        if not isinstance(v, str):
            raise self.error(key, f"must be a string, got {_tname(v)}")
        if choices and v not in choices:
            raise self.error(key, f"{v!r} is not one of {', '.join(choices)}" + suggest(v, choices))
        return v

    def unknown_keys(self, data: dict, allowed: tuple[str, ...], prefix: str = "") -> None:
        for k in data:
            if k not in allowed:
                raise self.error(prefix + k, "unknown key" + suggest(k, allowed))

    def regex(self, key: str, pattern: object) -> re.Pattern:
        if not isinstance(pattern, str) or not pattern:
            raise self.error(key, "must be a non-empty regular expression string")
        try:
            return re.compile(pattern)
        except re.error as e:
            raise self.error(key, f"bad regular expression {pattern!r}: {e}") from None


def _split_key(key: str) -> tuple[str | None, int, str | None]:
    """"example[2].bad" → ("example", 2, "bad"); "doc.why" → ("doc", 0, "why"); "code" → (None, 0, "code")."""
    m = re.fullmatch(r"([A-Za-z_]+)\[(\d+)\](?:\.(\w+))?", key)
    if m:
        return m.group(1), int(m.group(2)), m.group(3)
    if "." in key:
        table, leaf = key.rsplit(".", 1)  # "variants.unread.message": [variants.unread] message
        return table, 0, leaf
    return None, 0, key


def _tname(v: object) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "true/false",
            list: "a list", dict: "a table"}.get(type(v), type(v).__name__)


def read_toml(path: Path) -> tuple[str, dict]:
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise RuleError(shown, 1, 1, "file", f"cannot read: {e.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise RuleError(shown, line, 1, "file", "not UTF-8 text (save the rule file as UTF-8)") from None
    text = text.removeprefix("\ufeff")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = _TOML_POS.search(msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        problem = _TOML_POS.sub("", msg).strip()
        bad_line = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
        ime = sorted({v for k, v in _IME.items() if k in bad_line}) or sorted(
            {v for k, v in _IME.items() if k in text and not _in_strings(text, k)})
        if ime:
            problem += f" (the line uses {' and '.join(ime)}: TOML needs ASCII quotes \" ' and =)"
        raise RuleError(shown, line, col, "toml", problem) from None


def _in_strings(text: str, ch: str) -> bool:
    """Whether every *ch* sits inside a quoted string on its line (a crude but safe test)."""
    for line in text.split("\n"):
        i = line.find(ch)
        if i >= 0 and line[:i].count('"') % 2 == 0 and line[:i].count("'") % 2 == 0:
            return False
    return True


def compile_rule(path: Path) -> Rule:
    """Load and validate one rule file."""
    from . import kinds

    text, data = read_toml(path)
    options = data.get("options", {})
    c = Compiler(str(path), text, options if isinstance(options, dict) else {})
    code = c.string(data, "code")
    if not _CODE.fullmatch(code):
        raise c.error("code", f"{code!r} is not a rule code (three capitals and three digits, e.g. CNT002)")
    if code != path.stem:
        raise c.error("code", f"{code!r} differs from the file name {path.name!r}: name the file {code}.toml")
    name = c.string(data, "name")
    if not _NAME.fullmatch(name):
        raise c.error("name", f"{name!r} is not kebab-case (e.g. progress-does-not-add-up)")
    severity = c.string(data, "severity", choices=SEVERITIES)
    kind = c.string(data, "kind", choices=KINDS)
    c.unknown_keys(data, COMMON_REQUIRED + COMMON_OPTIONAL + kinds.KEYS[kind])
    for key in COMMON_REQUIRED:
        if key not in data:
            raise c.error(key, "missing")
    applies = data.get("applies_to", list(GENRES))
    if isinstance(applies, str):
        applies = [applies]
    if not isinstance(applies, list) or not applies:
        raise c.error("applies_to", "must be a non-empty list of genres: notice, report, news, other, unknown")
    for g in applies:
        if g not in GENRES:
            raise c.error("applies_to", f"unknown genre {g!r}; genres are notice, report, news, other, unknown"
                          + suggest(str(g), GENRES))
    if not isinstance(data.get("options", {}), dict):
        raise c.error("options", "must be a table")
    summary = c.string(data, "summary")
    message = c.string(data, "message")
    doc = data.get("doc", {})
    if not isinstance(doc, dict):
        raise c.error("doc", "must be a table with what / why / use_instead / reference")
    c.unknown_keys(doc, DOC_KEYS, "doc.")
    for k, v in doc.items():
        if not isinstance(v, str):
            raise c.error(f"doc.{k}", f"must be a string, got {_tname(v)}")
    spec, provided = kinds.compile_kind(kind, data, c)
    _check_message(c, message, provided)
    variants = _variants(c, data, kind, provided, kinds.declared_variants(kind, spec))
    return Rule(code=code, name=name, severity=severity, kind=kind, applies_to=frozenset(applies),
                message=message, summary=summary, doc=dict(doc), options=dict(options),
                examples=_examples(c, data["example"]), path=str(path), spec=spec,
                variants=variants, value_types=provided)


def _variants(c: Compiler, data: dict, kind: str, provided: dict[str, str | None] | None,
              declared: frozenset[str]) -> dict[str, tuple[str, str]]:
    """The ``[variants.NAME]`` tables: each a message and an optional lower severity. Only a
    check rule has them, and it must give one for every variant its check declares."""
    raw = data.get("variants", {})
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise c.error("variants", "must be tables [variants.NAME] with message (and severity)")
    if raw and kind != "check":
        raise c.error("variants", f"only check rules have variants (this rule is kind {kind!r})")
    out: dict[str, tuple[str, str]] = {}
    for name, v in raw.items():
        if name not in declared:
            raise c.error(f"variants.{name}", "the check makes no such finding; it makes: "
                          + (", ".join(sorted(declared)) or "none") + suggest(name, declared))
        c.unknown_keys(v, VARIANT_KEYS, f"variants.{name}.")
        if not isinstance(v.get("message"), str) or not v["message"].strip():
            raise c.error(f"variants.{name}.message", "missing: the message of this finding")
        sev = v.get("severity", data.get("severity"))
        if sev not in SEVERITIES:
            raise c.error(f"variants.{name}.severity", f"unknown severity {sev!r}; "
                          f"severities are {', '.join(SEVERITIES)}")
        _check_message(c, v["message"], provided, f"variants.{name}.message")
        out[name] = (v["message"], sev)
    missing = sorted(declared - set(out))
    if missing:
        raise c.error("variants", f"the check also makes the finding(s) {', '.join(missing)}: "
                      f"add [variants.{missing[0]}] with its message")
    return out


def _check_message(c: Compiler, message: str, provided: dict[str, str | None] | None,
                   key: str = "message") -> None:
    try:
        parts = list(string.Formatter().parse(message))
    except ValueError as e:
        raise c.error(key, f"bad placeholder syntax: {e} (write {{{{ }}}} for a literal brace)") from None
    for _, field_name, spec, conv in parts:
        if field_name is None:
            continue
        if not field_name or not re.fullmatch(r"\w+", field_name):
            raise c.error(key, f"placeholder {{{field_name}}} must be a plain name such as {{total}}")
        if spec or conv:
            raise c.error(key, f"placeholder {{{field_name}}}: format specs are not supported "
                          "(values are already formatted for readers)")
        if provided is not None and field_name not in provided:
            raise c.error(key, f"placeholder {{{field_name}}} is not provided by this rule; "
                          f"available: {', '.join(sorted(provided)) or 'none'}" + suggest(field_name, provided))


def _examples(c: Compiler, raw: object) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(e, dict) for e in raw):
        raise c.error("example", "needs at least one [[example]] table with bad and good")
    out = []
    for i, e in enumerate(raw):
        c.unknown_keys(e, EXAMPLE_KEYS, f"example[{i}].")
        for k in ("bad", "good"):
            if k not in e:
                raise c.error(f"example[{i}]", f"missing {k!r}: every example needs bad AND good")
            if not isinstance(e[k], str) or not e[k].strip():
                raise c.error(f"example[{i}].{k}", "must be a non-empty string")
        genre = e.get("genre")
        if genre is not None and genre not in GENRES:
            raise c.error(f"example[{i}].genre", f"unknown genre {genre!r}" + suggest(str(genre), GENRES))
        as_of = e.get("as_of")
        if isinstance(as_of, str):
            try:
                as_of = _dt.date.fromisoformat(as_of)
            except ValueError:
                raise c.error(f"example[{i}].as_of", f"{as_of!r} is not an ISO date (2021-06-30)") from None
        if isinstance(as_of, _dt.datetime):
            as_of = as_of.date()
        if as_of is not None and not isinstance(as_of, _dt.date):
            raise c.error(f"example[{i}].as_of", "must be a date such as 2021-06-30")
        out.append(Example(e["bad"], e["good"], genre, as_of))
    return tuple(out)
