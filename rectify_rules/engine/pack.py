"""Finding rule files, loading packs (the built-in one cached per process and on disk), selecting rules."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from ..catalogue import CATALOGUE
from ..limits import RULE_PACK_MAX_FILES
from .errors import OptionError, RuleError, UnknownCodeError, suggest
from .loader import SEVERITIES, compile_rule
from .rule import Rule, RulePack


_CODE_LIKE = re.compile(r"[A-Za-z]{1,3}[0-9]{0,3}")


def builtin_rules_dir() -> Path:
    """``rectify_rules/builtin_rules`` in an installed wheel, ``<repo>/rules`` in a checkout."""
    pkg = Path(__file__).resolve().parent.parent
    inside = pkg / "builtin_rules"
    return inside if inside.is_dir() else pkg.parent / "rules"


def _load_dir(folder: Path, trusted: bool = False) -> dict[str, Rule]:
    if not folder.is_dir():
        raise RuleError(str(folder), 1, 1, "pack", "not a folder of rule files")
    rules: dict[str, Rule] = {}
    paths = []
    for path in folder.rglob("*.toml"):
        paths.append(path)
        if len(paths) > RULE_PACK_MAX_FILES:
            raise RuleError(str(folder), 1, 1, "pack",
                            f"more than {RULE_PACK_MAX_FILES} rule files in this folder")
    for path in sorted(paths):
        rule = compile_rule(path, trusted)
        if rule.code in rules:
            raise RuleError(str(path), 1, 1, "code",
                            f"{rule.code} is defined twice in one pack (also in {rules[rule.code].path})")
        rules[rule.code] = rule
    if not rules:  # a mistyped --rules folder must not pass as a pack that checks nothing
        raise RuleError(str(folder), 1, 1, "pack", "no rule files (*.toml) in this folder")
    return rules


@functools.cache
def _builtin(folder: str) -> dict[str, Rule]:
    from . import packcache  # the pack as an earlier run compiled it (user cache folder)

    rules = packcache.load(folder)
    if rules is None:
        rules = _load_dir(Path(folder), trusted=True)
        packcache.save(folder, rules)
    return rules


def load_rules(*dirs: str | os.PathLike, builtin: bool = True) -> RulePack:
    """The built-in pack (unless ``builtin=False``) plus *dirs*; later folders override a code."""
    rules: dict[str, Rule] = {}
    if builtin:
        rules.update(_builtin(str(builtin_rules_dir())))
    for d in dirs:
        rules.update(_load_dir(Path(d)))
    return RulePack(tuple(sorted(rules.values(), key=lambda r: r.code)))


def _matches(token: str, rule: Rule) -> bool:
    return token == "ALL" or rule.code.startswith(token) or token == rule.name


def validate_tokens(pack: RulePack, tokens, what: str) -> list[str]:
    """The tokens (codes, prefixes, rule names, ``ALL``) normalised; an unknown one raises
    :class:`UnknownCodeError` naming *what* they were given for, with a did-you-mean."""
    if isinstance(tokens, str):
        tokens = [tokens]
    # the catalogue's codes and names are always known: a severity or option for a built-in
    # rule that --select left out is no typo
    names = {r.name for r in pack.rules} | {name for name, _ in CATALOGUE.values()}
    codes = {*pack.codes, *CATALOGUE}
    out = []
    for raw in tokens:
        tok = str(raw).strip()
        t = tok.upper() if _CODE_LIKE.fullmatch(tok) and tok not in names else tok
        if not (t == "ALL" or t in names or (t and any(c.startswith(t) for c in codes))):
            raise UnknownCodeError(f"{what}: unknown rule code or prefix {tok!r}"
                                   + suggest(t, [*codes, *names, *{c[:3] for c in codes}]))
        out.append(t)
    return out


def select_rules(pack: RulePack, select=None, ignore=None) -> RulePack:
    """Rules whose code starts with a selected prefix (or all) and with no ignored prefix.

    A token is a code (``CNT002``), a prefix (``CNT``, ``DAT00``), a rule name or ``ALL``.
    """
    sel = validate_tokens(pack, select, "select") if select else None
    ign = validate_tokens(pack, ignore, "ignore") if ignore else []
    keep = [r for r in pack.rules
            if (sel is None or any(_matches(t, r) for t in sel)) and not any(_matches(t, r) for t in ign)]
    return RulePack(tuple(keep))


def resolve_severity(pack: RulePack, severity: dict[str, str] | None) -> dict[str, str]:
    """Code → effective level ("off" disables); the longest matching override wins."""
    out = {r.code: r.severity for r in pack.rules}
    if not severity:
        return out
    items = []
    for tok, level in severity.items():
        t = validate_tokens(pack, [tok], "severity")[0]
        lv = str(level).strip().lower()
        if lv not in (*SEVERITIES, "off"):
            raise ValueError(f"severity {tok}={level}: level must be error, warning, info or off"
                             + suggest(lv, (*SEVERITIES, "off")))
        items.append((0 if t == "ALL" else len(t), t, lv))
    for r in pack.rules:
        best = max((i for i in items if _matches(i[1], r)), default=None, key=lambda i: i[0])
        if best is not None:
            out[r.code] = best[2]
    return out


def resolve_options(pack: RulePack, options: dict[str, dict] | None) -> dict[str, dict]:
    """Code → the rule's [options] merged with the overrides for that code (or prefix)."""
    out = {r.code: dict(r.options) for r in pack.rules}
    for tok, over in (options or {}).items():
        t = validate_tokens(pack, [tok], "options")[0]
        if not isinstance(over, dict):
            raise ValueError(f"options for {tok}: expected a table of option = value")
        matched = [r for r in pack.rules if _matches(t, r)]
        if not matched:
            continue  # a rule --select left out: nothing to set, and no typo either
        for k, v in over.items():
            # a prefix or ALL sets the option of the rules that have it; none having it is a typo
            having = [r for r in matched if k in r.options]
            if not having:
                one = matched[0] if len(matched) == 1 else None
                known = tuple(one.options) if one else tuple(sorted({o for r in matched for o in r.options}))
                raise OptionError(one.code if one else t, k, v, known)
            for r in having:
                expected = _option_type(r.options[k], v)
                if expected is not None:
                    raise OptionError(r.code, k, v, tuple(r.options), expected)
                out[r.code][k] = v
    return out


_TYPE_NAMES = {bool: "true or false", int: "an integer", float: "a number", str: "a string",
               list: "a list", dict: "a table"}


def _option_type(declared: object, value: object) -> str | None:
    """None when *value* may replace the *declared* value, else what it must be. An integer
    is a number; true/false is not."""
    want = type(declared)
    if want is float and type(value) is int:
        return None
    if type(value) is want or want not in _TYPE_NAMES:
        return None
    return _TYPE_NAMES[want]
