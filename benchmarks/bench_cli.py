"""CLI benchmark (not a test): cold start, batch throughput with --jobs 1 / 2, peak memory.

    python benchmarks/bench_cli.py [--notices 1000] [--runs 7]

Cold start is the median wall time of several fresh processes, also as a multiple of a bare
``python -c pass``. Throughput checks N notices generated from the seeds by varying their
numbers, dates and names (so no two are equal), with ``check`` and with ``audit`` (csv,
parquet). The speed-up of ``--jobs 2`` is set against the machine's own: the same plain CPU
loop run in one process and in two at once (shared machines often give far less than 2x).
Peak memory is ru_maxrss of the largest process (the CLI or one of its workers), from wait4,
at N/4 and at N notices: flat means the same at both sizes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED = SEEDS[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

_DIGITS = re.compile(r"(?<![0-9])[1-9][0-9]?(?![0-9])")
_YEAR = re.compile(r"20(1[5-9]|2[0-4])年")
_PLACES = ["泾县", "通江县", "鲤城区", "崇仁县", "宣州区", "南丰县", "广德市", "巴州区"]
_PLACE = re.compile("|".join(_PLACES))


def vary(text: str, rng: random.Random) -> str:
    """A plausible new notice: other small numbers, years shifted, another place name."""
    shift = rng.randint(-2, 2)
    text = _YEAR.sub(lambda m: f"20{int(m[1]) + shift}年", text)
    text = _DIGITS.sub(lambda m: str(max(1, int(m[0]) + rng.randint(-3, 3))), text)
    place = rng.choice(_PLACES)
    return _PLACE.sub(place, text)


def make_corpus(folder: Path, n: int) -> int:
    rng = random.Random(20211028)
    texts = [s.read_text(encoding="utf-8") for s in SEEDS]
    size = 0
    for i in range(n):
        data = vary(texts[i % len(texts)], rng)
        (folder / f"notice_{i:05d}.txt").write_text(data, encoding="utf-8")
        size += len(data.encode())
    return size


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one fresh process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                         env=ENV)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024, p.returncode


def cold_start(runs: int) -> None:
    version = ([shutil.which("rectify-rules"), "--version"] if shutil.which("rectify-rules")
               else [sys.executable, "-c",
                     "import sys; from rectify_rules.cli import main; sys.exit(main())",
                     "--version"])
    cases = {
        "rectify-rules --version": version,
        "python -m rectify_rules check seeds/001…": [sys.executable, "-m", "rectify_rules",
                                                    "check", str(SEED), "--format", "concise"],
        "python -m rectify_rules extract seeds/001…": [sys.executable, "-m", "rectify_rules",
                                                      "extract", str(SEED)],
        "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
    }
    medians = {}
    for label, cmd in cases.items():
        timed(cmd)  # warm the page cache
        walls = [timed(cmd)[0] for _ in range(runs)]
        medians[label] = statistics.median(walls)
        print(f"cold start  {label:45s} median {medians[label] * 1000:6.0f} ms"
              f"  (min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f}, {runs} runs)")
    bare = medians["python -c pass (interpreter alone)"]
    for label, wall in medians.items():
        if "interpreter" not in label:
            print(f"cold start  {label:45s} {wall / bare:5.1f}x python -c pass")


_LOOP = "s = 0\nfor i in range(12_000_000):\n    s += i * i % 7\n"


def machine_speedup() -> float:
    """How much faster two processes finish two plain CPU loops than one process does."""
    cmd = [sys.executable, "-c", _LOOP + _LOOP]
    one = timed(cmd)[0]
    t0 = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", _LOOP]) for _ in range(2)]
    for p in procs:
        p.wait()
    two = time.perf_counter() - t0
    return one / two


def throughput(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        size = make_corpus(folder, n)
        print(f"corpus      {n} notices, {size / 1e6:.1f} MB")
        walls = {}
        for jobs in (1, 2):
            cmd = [sys.executable, "-m", "rectify_rules", "check", str(folder), "--format",
                   "json", "--no-progress", "--jobs", str(jobs)]
            wall, rss, _ = timed(cmd)
            walls[jobs] = wall
            print(f"batch       --jobs {jobs}: {wall:6.1f} s  {n / wall:7.1f} notices/s  "
                  f"peak RSS {rss:.0f} MB")
        ref = machine_speedup()
        got = walls[1] / walls[2]
        print(f"speed-up    --jobs 2: {got:.2f}x; this machine gives two processes {ref:.2f}x "
              f"(plain CPU loop): {got / ref * 100:.0f} % of it")
        for fmt in ("csv", "parquet"):
            out = Path(tmp) / f"out-{fmt}"
            cmd = [sys.executable, "-m", "rectify_rules", "audit", str(folder), "-o", str(out),
                   "--format", fmt, "--no-progress", "--jobs", "2"]
            wall, rss, _ = timed(cmd)
            print(f"audit       --format {fmt:7s} --jobs 2: {wall:6.1f} s  {n / wall:7.1f} "
                  f"notices/s  peak RSS {rss:.0f} MB")


def memory(n: int) -> None:
    """Peak RSS of check (json, sarif) and audit at n/4 and n notices."""
    with tempfile.TemporaryDirectory() as tmp:
        for size in (n // 4, n):
            folder = Path(tmp) / f"in{size}"
            folder.mkdir()
            make_corpus(folder, size)
            for label, extra in (("check json", ["check", "--format", "json"]),
                                 ("check sarif", ["check", "--format", "sarif"]),
                                 ("audit csv", ["audit", "-o", str(Path(tmp) / f"o{size}")])):
                cmd = [sys.executable, "-m", "rectify_rules", extra[0], str(folder),
                       *extra[1:], "--no-progress"]
                _, rss, _ = timed(cmd)
                print(f"memory      {label:12s} {size:6d} notices: peak RSS {rss:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notices", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    cold_start(args.runs)
    throughput(args.notices)
    memory(args.notices)


if __name__ == "__main__":
    main()
