"""The worker processes of a batch (``--jobs``): started once, fed in chunks, results in order.

Each worker loads the rule pack of the run's settings once (its initializer) and keeps it; the
parent sends the files in chunks and gets the results back in the order of the files, with a
bounded number of chunks in flight. A worker that dies loses no other file's result
(:func:`map_ordered`), and a worker never outlives its run: when the process that started it
dies (``kill -9``, the out-of-memory killer), the worker ends too (:func:`die_with_parent`) —
it would otherwise wait forever on a pipe no one reads.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import Settings


def map_ordered(fn: Callable[[Any], Any], items: Sequence[Any], settings: Settings,
                jobs: int, crashed: Callable[[Any], Any] | None = None,
                render: tuple | None = None) -> Iterator[Any]:
    """``fn(item)`` for every item, in order, in *jobs* worker processes that loaded the rule
    pack of *settings* once (``fn`` reads the settings with :func:`worker_settings`).

    Items go out in chunks (few round trips, yet every worker gets several: the last ones
    balance) and at most a few chunks per worker are in flight, so memory does not grow
    with the number of items however slowly the results are consumed.

    A worker that dies (a crash in a C library, the kernel's out-of-memory killer) breaks
    the pool: the first item whose result was lost is then run alone in a pool of its own,
    and if it kills that worker too, ``crashed(item)`` stands for its result (without
    *crashed*, the error is raised); a new pool goes on after it. No other result is lost.
    """
    if jobs <= 1 or len(items) <= 1:
        _init_worker(settings, render)
        yield from map(fn, items)
        return
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    while done < len(items):
        try:
            for result in _pool_map(fn, items[done:], settings, jobs, render):
                done += 1
                yield result
        except BrokenProcessPool:
            yield _alone(fn, items[done], settings, crashed, render)
            done += 1


def _pool_map(fn, items: Sequence[Any], settings: Settings, jobs: int,
              render: tuple | None) -> Iterator[Any]:
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from ..regexcache import installed

    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":  # workers start with all this already done
        _init_worker(settings, render)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                             initargs=(os.getpid(), settings, render, installed())) as pool:
        pending: deque = deque()
        start = 0
        while start < len(items):
            # chunks shrink towards the end, so that no worker is left alone with a long last
            # chunk while the others have nothing more to do
            size = max(1, min(_CHUNK, (len(items) - start) // (jobs * 4)))
            pending.append(pool.submit(_run_chunk, fn, items[start:start + size]))
            start += size
            if len(pending) >= jobs * 4:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _alone(fn, item, settings: Settings, crashed, render: tuple | None):
    """fn(item) in a pool of its own; ``crashed(item)`` if its worker dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ..regexcache import installed

    try:
        with ProcessPoolExecutor(max_workers=1, initializer=_start_worker,
                                 initargs=(os.getpid(), settings, render, installed())) as pool:
            return pool.submit(fn, item).result()
    except BrokenProcessPool:
        if crashed is None:
            raise
        return crashed(item)


#: files per chunk at most: few round trips, yet small enough to balance the workers
_CHUNK = 32


def _run_chunk(fn: Callable[[Any], Any], chunk: Sequence[Any]) -> list:
    out = []
    for item in chunk:
        out.append(fn(item))
        settle_heap()
    return out


_SETTLED: list[bool] = []


def settle_heap() -> None:
    """After the first file of a process: move what is loaded by then (the rule pack, the
    compiled patterns, the word lists, the place table) out of the garbage collector's sight.

    A file's check makes tens of thousands of short-lived objects, so the collector runs
    often, and every run of its oldest generation walked those long-lived tables again:
    about 6 % of a batch's time. They live as long as the process; frozen, they are never
    walked again (``gc.freeze``). Objects freed by their reference count are freed as before.
    """
    if not _SETTLED:
        import gc

        gc.collect()  # nothing of the first file's garbage is kept for good
        gc.freeze()
        _SETTLED.append(True)


def worker_settings() -> Settings:
    """The settings of this worker process (see :func:`map_ordered`)."""
    return _WORKER["settings"]


_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings, render: tuple | None = None,
                 regex_cache: bool = False) -> None:
    """Pool initializer: keep the settings and load the rule pack before the first file; the
    output format's renderer when findings are rendered here (see :func:`iter_results`); the
    compiled patterns of the user cache when the parent uses them (a spawned worker)."""
    if regex_cache:
        from ..regexcache import install

        install()  # no-op in a forked worker: it has the parent's
    _WORKER["settings"] = settings
    _WORKER["render"] = _WORKER["render_found"] = None
    if render is not None:
        from ..output import found_renderer, renderer

        fmt, rules, options = render
        _WORKER["render"] = renderer(fmt, rules=rules, **options)
        _WORKER["render_found"] = found_renderer(fmt, rules=rules, **options)
    from .batch import get_pack

    get_pack(settings)
    from .. import parsing  # noqa: F401  (imported once here, not inside the first file's time)


def worker_renderer():
    """The output format's renderer of this worker process, or None (see :func:`map_ordered`)."""
    return _WORKER["render"]


def worker_found_renderer():
    """The output format's renderer of the engine's findings as found
    (``output.found_renderer``) in this worker process, or None."""
    return _WORKER.get("render_found")


def _start_worker(parent: int, settings: Settings, render: tuple | None,
                  regex_cache: bool) -> None:
    die_with_parent(parent)
    _init_worker(settings, render, regex_cache)


#: PR_SET_PDEATHSIG of prctl(2): the signal a process gets when its parent ends
_PR_SET_PDEATHSIG = 1
_SIGKILL = 9
#: how often a worker looks for its parent where the kernel cannot tell it (seconds)
_PARENT_POLL = 1.0


def die_with_parent(parent: int) -> None:
    """End this worker process when *parent*, the run that started it, ends.

    Linux says so with a signal (``prctl(PR_SET_PDEATHSIG)``); elsewhere on POSIX a daemon
    thread looks for the parent once a second. A worker has nothing to save: what it checked
    and did not hand back is checked again by a resumed run. Windows is left as it is (its
    workers get no inherited pipe ends to wait on)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, _SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
        else:
            if os.getppid() != parent:  # it ended before the signal was asked for
                os._exit(1)
            return
    if os.name != "posix":
        return

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(_PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="rectify-rules-parent-watch", daemon=True).start()
