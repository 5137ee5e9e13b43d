"""The per-user cache folder: what a fresh ``rectify-rules`` process can reuse from the last one.

Two files live there: the compiled regular expressions (:mod:`rectify_rules.regexcache`) and
the built-in rule pack (:mod:`rectify_rules.engine.packcache`). Each names in its own content
what it was made from, and is ignored when that differs, so a cache is never stale; one that
cannot be read, written or trusted is ignored and the run simply does the work itself.

Where: ``$RECTIFY_RULES_CACHE_DIR`` if set, else the platform's user cache folder
(``$XDG_CACHE_HOME`` or ``~/.cache`` + ``/rectify-rules``; ``~/Library/Caches/rectify-rules``;
``%LOCALAPPDATA%\\rectify-rules\\Cache``). ``RECTIFY_RULES_CACHE_DIR=off`` turns caching off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["folder", "read", "write"]


def folder() -> Path | None:
    """The cache folder (it may not exist yet), or None when caching is off."""
    given = os.environ.get("RECTIFY_RULES_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in ("", "off", "0", "no", "false") else Path(given)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "rectify-rules" / "Cache" if base else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder: no cache
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "rectify-rules"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache") / "rectify-rules"


def _trusted(st: os.stat_result) -> bool:
    """Ours, and nobody else may write it (a cache is loaded as code-free data, yet a folder
    others can write to is not where this process keeps what it will load)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: %LOCALAPPDATA% is the user's own
        return True
    return st.st_uid == getuid() and not st.st_mode & 0o022


def read(name: str) -> bytes | None:
    """The bytes of the cache file *name*, or None (no cache, unreadable, not trusted)."""
    where = folder()
    if where is None:
        return None
    try:
        if not _trusted(os.stat(where)):
            return None
        with open(where / name, "rb") as f:
            if not _trusted(os.fstat(f.fileno())):
                return None
            return f.read()
    except (OSError, ValueError):
        return None


def write(name: str, data: bytes) -> bool:
    """Replace the cache file *name* with *data* at once (a reader sees the old file or the new
    one, never half of one). False, and nothing written, when the folder cannot be used."""
    where = folder()
    if where is None:
        return False
    tmp = where / f".{name}.{os.getpid()}.tmp"
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(os.stat(where)):
            return False
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, where / name)
        return True
    except (OSError, ValueError):
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
