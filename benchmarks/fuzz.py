"""The long fuzzing run (issue #13): mutated seeds and variants through read, parse and check.

    python benchmarks/fuzz.py [--inputs 100000] [--jobs 2] [--limit 2.0] [--start 0]
                              [--save DIR]

Input *n* is ``tests/fuzzing.mutate(corpus, n)`` (reproducible: rerun one with ``--start n
--inputs 1``). Each input must keep the invariants of ``tests/fuzzing.check_invariants``
(nothing raises, every span inside the text, every quoted text read at its span) within
``--limit`` seconds of CPU time (a timer in the worker stops it there). Failures are written
to ``--save`` (one file per input: its number, mutations, the error, then the text) and
counted per mutation kind. Prints a summary; exit code 1 if anything failed.

The last result is in docs/limits.md ("The fuzzing run").
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import signal
import statistics
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

_STATE: dict = {}


class _Over(BaseException):
    pass


def _alarm(signum, frame):
    raise _Over()


def _init(limit: float) -> None:
    from fuzzing import corpus

    from rectify_rules.engine import load_rules
    from rectify_rules.parsing import parse_source

    _STATE.update(texts=corpus(), pack=load_rules(), limit=limit)
    parse_source(_STATE["texts"][0])  # warm
    signal.signal(signal.SIGPROF, _alarm)


def _one(number: int) -> tuple:
    """(number, mutations, seconds, problem or None, input or None)."""
    from fuzzing import check_invariants, mutate

    source, names = mutate(_STATE["texts"], number)
    signal.setitimer(signal.ITIMER_PROF, _STATE["limit"])
    t0 = time.process_time()
    problem = None
    try:
        check_invariants(source, _STATE["pack"])
    except _Over:
        problem = f"over the {_STATE['limit']:g} s limit"
    except BaseException as e:  # noqa: BLE001 - every failure is recorded
        problem = "".join(traceback.format_exception_only(type(e), e)).strip()[:2000]
        problem += "\n" + "".join(traceback.format_tb(e.__traceback__)[-3:])
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    seconds = time.process_time() - t0
    return number, names, seconds, problem, (source if problem else None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=float, default=2.0, help="CPU seconds per input")
    ap.add_argument("--save", default="fuzz-failures")
    args = ap.parse_args()
    save = Path(args.save)
    numbers = range(args.start, args.start + args.inputs)
    t0 = time.perf_counter()
    times, failures, kinds = [], [], Counter()
    slowest = (0.0, None)
    with mp.Pool(args.jobs, initializer=_init, initargs=(args.limit,)) as pool:
        for i, (number, names, seconds, problem, source) in enumerate(
                pool.imap_unordered(_one, numbers, chunksize=20), 1):
            times.append(seconds)
            if seconds > slowest[0]:
                slowest = (seconds, number)
            if problem:
                failures.append(number)
                kinds.update(set(names))
                save.mkdir(exist_ok=True)
                body = source.decode("latin-1") if isinstance(source, bytes) else source
                (save / f"{number}.txt").write_text(
                    f"# input {number}: {', '.join(names)}\n# {problem}\n{body}", encoding="utf-8")
            if i % 5000 == 0:
                print(f"  {i} inputs, {len(failures)} failures, {time.perf_counter() - t0:.0f} s",
                      flush=True)
    times.sort()
    print(f"inputs: {len(times)} (numbers {numbers.start}–{numbers.stop - 1}), jobs {args.jobs}, "
          f"wall {time.perf_counter() - t0:.0f} s")
    print(f"CPU seconds per input: median {statistics.median(times):.3f}, "
          f"p99 {times[int(len(times) * 0.99) - 1]:.3f}, max {slowest[0]:.3f} (input {slowest[1]})")
    print(f"failures (exception or over {args.limit:g} s): {len(failures)}"
          + (f" — saved in {save}/; by mutation: {dict(kinds)}" if failures else ""))
    if failures:
        print("  first:", failures[:20])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
