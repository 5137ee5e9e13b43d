"""The built-in rule pack, compiled once and kept in the user cache folder between runs.

Compiling the pack reads ~40 TOML files and parses every expression with pyparsing (which is
then not even imported by a run that loads the pack from here). The cached pack is the pickled
``{code: Rule}`` with a key made of everything the compiled pack follows from: the package
version, the Python build, the pack folder, and the name, size and modification time of every
rule file and of every module of the package (the compiler, the checks, the model). A pack
whose key differs is compiled again and replaces the file, so the cache is never stale.

The file is loaded only from a folder that only this user can write to
(:mod:`rectify_rules.diskcache`); a file that cannot be read or unpickled is ignored. User
packs (``--rules``) are always compiled from their files.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

from .. import __version__, diskcache

__all__ = ["load", "save"]

_FILE = "builtin-pack.pickle"
_PACKAGE = Path(__file__).resolve().parent.parent


def _stats(root: str, suffix: str, out: list[str]) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(suffix):
                path = os.path.join(dirpath, name)
                st = os.stat(path)
                out.append(f"{os.path.relpath(path, root)}\t{st.st_size}\t{st.st_mtime_ns}")


def key(folder: str) -> bytes:
    """What a pack compiled from *folder* by this code and this Python follows from (as text:
    compared whole, no digest to compute)."""
    lines = [__version__, sys.version, folder]
    _stats(folder, ".toml", lines)
    _stats(str(_PACKAGE), ".py", lines)
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _framed(k: bytes) -> bytes:
    return len(k).to_bytes(4, "big") + k


def load(folder: str) -> dict | None:
    """The rules of *folder* as compiled by an earlier run, or None."""
    if diskcache.folder() is None:
        return None
    data = diskcache.read(_FILE)
    if data is None:
        return None
    try:
        want = _framed(key(folder))
        if not data.startswith(want):
            return None
        rules = pickle.loads(data[len(want):])
    except Exception:  # noqa: BLE001 - a damaged or foreign file: compile the pack instead
        return None
    if not isinstance(rules, dict):
        return None
    # what compiling the pack would have done besides: register the checks (and the plugins,
    # whose errors must stop the run here as they would when the pack is compiled)
    from .. import checks

    checks.names()
    return rules


def save(folder: str, rules: dict) -> None:
    """Keep *rules*, compiled from *folder*, for the next run (silently skipped when the cache
    folder cannot be written or the pack cannot be pickled)."""
    if diskcache.folder() is None:
        return
    try:
        data = _framed(key(folder)) + pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - e.g. a spec object that cannot be pickled
        return
    diskcache.write(_FILE, data)
