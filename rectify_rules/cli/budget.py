"""The time and memory budget of one file in a batch (``--timeout``, ``--max-memory``).

Enforced inside the process that checks the file — the CLI itself with ``--jobs 1``, each
pool worker otherwise — so it works the same on both paths (docs/limits.md):

- time: a CPU-time interval timer (``ITIMER_PROF``); when it fires, :class:`FileTimeout` is
  raised in the middle of whatever Python (or ``re``, which checks for signals) was doing.
  It derives from BaseException so that no ``except Exception`` of a parser swallows it.
  CPU time, not wall time: on a shared, loaded machine a file is not failed for waiting.
- memory: the address-space limit (``RLIMIT_AS``) is lowered to what the process uses now
  plus the budget, so an allocation past it raises MemoryError instead of taking the machine
  down; the previous limit is restored after the file.

Both need POSIX and are set only from the main thread (a Dask worker's threads run without
them); the memory limit is the whole process's while the file runs. Where they cannot be set,
the file simply runs without that budget. The limits on input sizes (docs/limits.md) keep every known hostile
input far below both budgets: the budget is the safety net for what nobody has thought of.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class FileTimeout(BaseException):
    """The file ran past its time budget."""


_ARMED = {"on": False}


def _on_timer(signum, frame) -> None:
    if _ARMED["on"]:
        _ARMED["on"] = False
        raise FileTimeout()


#: (process id, descriptor) of this process's /proc/self/statm, kept open: read again for each
#: file with one pread (an open, a read and a close took ~5x as long); a forked child, whose
#: /proc/self the inherited descriptor does not name, opens its own
_STATM: list[tuple[int, int]] = []


def _address_space() -> int | None:
    """Bytes of address space the process uses now (Linux), else None."""
    try:
        pid = os.getpid()
        if not _STATM or _STATM[0][0] != pid:
            _STATM[:] = [(pid, os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC))]
        pages = int(os.pread(_STATM[0][1], 256, 0).split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


@contextmanager
def file_budget(seconds: float | None, memory_mb: int | None) -> Iterator[None]:
    """Run the body under the budget: :class:`FileTimeout` past *seconds* of CPU time,
    MemoryError past *memory_mb* more megabytes of address space (None or 0: no budget)."""
    main = threading.current_thread() is threading.main_thread()
    timer = bool(seconds) and hasattr(signal, "setitimer") and main
    old_handler = None
    if timer:
        old_handler = signal.signal(signal.SIGPROF, _on_timer)
        _ARMED["on"] = True
        signal.setitimer(signal.ITIMER_PROF, seconds)
    old_limit = None
    if memory_mb and main:
        old_limit = _lower_memory_limit(memory_mb)
    try:
        yield
    finally:
        if timer:
            _ARMED["on"] = False
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, old_handler)
        if old_limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, old_limit)


def _lower_memory_limit(memory_mb: int) -> tuple[int, int] | None:
    try:
        import resource
    except ImportError:  # not POSIX
        return None
    used = _address_space()
    if used is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = used + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft != resource.RLIM_INFINITY and soft <= want:
        return None  # already tighter: leave it
    try:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError):
        return None
    return soft, hard
