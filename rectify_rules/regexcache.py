"""Compiled regular expressions kept between runs: the largest part of a cold start otherwise.

The parser, the rules and the libraries the checks use (phonenumbers, email-validator) compile
some 300 patterns, many of them classes of Chinese characters, and Python's ``re`` compiles
each in Python code: ~40 % of a ``check`` of one file. What ``re`` compiles a pattern into
(its opcodes, group count and names) depends only on the pattern, its flags and the Python
build, so :func:`install` puts a hook where ``re`` compiles a pattern it has not seen in this
process: the compiled form is taken from the cache file when it is there, and otherwise
compiled as usual and written to the cache when the process ends.

Safe by construction:

- the file is marshal data (numbers, strings, bytes; loading it runs no code) in the user's
  cache folder (:mod:`rectify_rules.diskcache`), named for the Python build, and holds the
  exact ``sys.version`` it was made by: any other build ignores it;
- an entry is what ``re._compiler.compile`` computes (the same internal steps); the first
  pattern a process compiles so is also compiled by ``re`` itself and the two compared
  (``Pattern.__eq__`` compares the opcodes): a difference turns the hook off for the process;
- ``_sre.compile`` validates the opcodes it is given, so a damaged entry raises instead of
  matching wrongly, and the pattern is then compiled as usual;
- patterns for which ``re`` may warn (possible set operations, ``(?(``) are never cached, so
  the warning shows as it would.

Only the program installs the hook (``rectify-rules``, ``python -m rectify_rules``: ``cli.main``
called without arguments); a library user's process, or one calling ``main([...])``, is left
as it is. Other Pythons than CPython 3.11+ (no ``re._compiler``) run without it.
"""

from __future__ import annotations

import array
import atexit
import marshal
import sys

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython 3.11+
    _compiler = None

__all__ = ["install", "installed"]

#: at most this many patterns in the file; past it only those this run used are kept
MAX_ENTRIES = 3000
_UNSAFE = ("[[", "--", "&&", "~~", "||", "(?(")   # re warns about these (FutureWarning …)

_state: dict = {}


def _file_name() -> str:
    return f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal"


def _header() -> tuple:
    return (sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)


def install() -> None:
    """Route this process's compiles of new patterns through the cache (once; no-op when the
    cache folder is off or this Python has no ``re._compiler``)."""
    if _state or _compiler is None or array.array("I").itemsize != _sre.CODESIZE:
        return
    from . import diskcache

    if diskcache.folder() is None:
        return
    known: dict = {}
    data = diskcache.read(_file_name())
    if data is not None:
        try:
            header, entries = marshal.loads(data)
            if header == _header() and isinstance(entries, dict):
                known = entries
        except (EOFError, ValueError, TypeError):
            pass
    _state.update(known=known, new={}, used=set(), checked=False, original=_compiler.compile)
    _compiler.compile = _compile
    atexit.register(_save)


def installed() -> bool:
    """Whether this process compiles through the cache (worker processes started afresh,
    not forked, install it too when their parent has it)."""
    return bool(_state)


def _compile(p, flags=0):
    """``re._compiler.compile`` through the cache: *p* is a str or bytes pattern (else the
    parsed form of re.Scanner, passed on), *flags* an int."""
    original = _state["original"]
    if type(p) not in (str, bytes) or flags & _compiler.SRE_FLAG_DEBUG:
        return original(p, flags)
    key = (p, flags)
    entry = _state["known"].get(key)
    if entry is not None:
        try:
            final, code, groups, groupindex, indexgroup = entry
            words = array.array("I")
            words.frombytes(code)
            compiled = _sre.compile(p, final, words.tolist(), groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - a damaged entry: compile as usual
            _state["known"].pop(key, None)
        else:
            _state["used"].add(key)
            return compiled
    if len(_state["new"]) >= MAX_ENTRIES or not _cacheable(p):
        return original(p, flags)
    entry = _entry(p, flags)  # compiled once, as re would, and kept
    compiled = None if entry is None else _rebuild(p, entry)
    if compiled is None:  # a bad pattern: re raises its own error
        return original(p, flags)
    if not _state["checked"]:  # once a process: what the entry makes is what re makes
        plain = original(p, flags)
        if not (compiled == plain and compiled.groups == plain.groups
                and compiled.groupindex == plain.groupindex):
            _compiler.compile = original  # this Python compiles otherwise: no cache here
            _state["new"].clear()
            return plain
        _state["checked"] = True
    _state["new"][key] = entry
    return compiled


def _cacheable(p) -> bool:
    if type(p) is bytes:
        return p.isascii() and not any(u.encode() in p for u in _UNSAFE)
    return not any(u in p for u in _UNSAFE)


def _entry(p, flags: int) -> tuple | None:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, as marshal-able data."""
    try:
        parsed = _parser.parse(p, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return (int(flags | parsed.state.flags), array.array("I", code).tobytes(),
                parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - internals of another Python: do not cache
        return None


def _rebuild(p, entry: tuple):
    final, code, groups, groupindex, indexgroup = entry
    words = array.array("I")
    words.frombytes(code)
    try:
        return _sre.compile(p, final, words.tolist(), groups, groupindex, indexgroup)
    except Exception:  # noqa: BLE001
        return None


def _save() -> None:
    """At exit: write the cache when this run compiled patterns it did not hold."""
    new = _state.get("new")
    if not new:
        return
    known = _state["known"]
    if len(known) + len(new) > MAX_ENTRIES:  # keep what this run used
        known = {k: known[k] for k in _state["used"] if k in known}
    known.update(new)
    from . import diskcache

    try:
        data = marshal.dumps((_header(), known))
    except ValueError:
        return
    diskcache.write(_file_name(), data)
