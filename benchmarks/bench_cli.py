"""CLI benchmark (not a test): cold start, batch throughput with --jobs 1 / 2, peak memory.

    python benchmarks/bench_cli.py [--notices 1000] [--runs 9] [--rounds 5]

Cold start is the median wall time (and CPU time, user + system, steadier on a shared machine)
of fresh processes, the cases taken in turn so that a change of load hits them alike, also as
multiples of a bare ``python -c pass``. ``check`` is measured with the user cache folder warm
(what every run after the first sees), empty (the first run after an install or an upgrade:
it compiles and writes the cache) and turned off (``RECTIFY_RULES_CACHE_DIR=off``); the
benchmark uses a cache folder of its own. The package's bytecode is compiled first, as an
install does (this environment may set PYTHONDONTWRITEBYTECODE).

Throughput checks N notices generated from the seeds by varying their numbers, dates and
names (so no two are equal), with ``check`` and with ``audit`` (csv, parquet). The speed-up of
``--jobs 2`` is set against two references, each measured in every round right after it: the
machine's own, a plain CPU loop run twice in one process and once in each of two processes at
once (shared machines often give far less than 2x), and this work's own, two ``--jobs 1``
processes each checking half of the corpus at once (what two processes can do with no pool at
all: it includes what two busy processes cost each other in caches, which the loop does not
show). The figure is the median over the rounds of the per-round ratio. Peak memory is
ru_maxrss of the largest process (the CLI or one of its workers), from wait4, at N/4 and at N
notices: flat means the same at both sizes.

Figures of issue 12 (before = main without the cache and the --jobs changes, after = with
them; the shared 2-core machine; ratios are medians, see CHANGELOG.md):

    cold start, check seeds/001   16.6x python -c pass -> 8.8x (cache warm; 17.4x first run,
                                  16.0x cache off), load 2.5-2.8
    cold start, extract seeds/001  7.6x -> 4.5x
    --jobs 2 CPU beyond --jobs 1  +15 % -> +3 %            (1,000 notices, 5 rounds, load 4-6)
    --jobs 2 speed-up             97 % -> 96 % of two processes on half the corpus each,
                                  84 % -> 94 % of the plain CPU loop (70 % in a busier run)
    check --jobs 1 (json)         96 -> 101-128 notices/s (the machine swings; 3 rounds),
                                  76.4 M -> 62.4 M instructions a notice (callgrind, steady)
                                  round 5: 64.1 M -> 43.7 M instructions, CPU 8.7 -> 5.2-5.8 s
                                  for the 1,000 notices (175-190 notices/s; load 5-8)
"""

from __future__ import annotations

import argparse
import compileall
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
CACHE = tempfile.mkdtemp(prefix="bench-cli-cache-")
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "RECTIFY_RULES_CACHE_DIR": CACHE}

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


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS in MB, exit code, CPU seconds) of one fresh process (its CPU
    time counts its worker processes)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                         env=env or ENV)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024, p.returncode, usage.ru_utime + usage.ru_stime


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def compile_bytecode() -> None:
    """Compile the package as pip does on install: a cold start reads bytecode."""
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note        PYTHONDONTWRITEBYTECODE is set here: compiling the package's bytecode "
              "first, as an install does")
    compileall.compile_dir(str(ROOT / "rectify_rules"), quiet=1)


def cold_start(runs: int) -> None:
    cli = [sys.executable, "-m", "rectify_rules"]
    check = [*cli, "check", str(SEED), "--format", "concise"]
    bare = "python -c pass (interpreter alone)"
    cases = {
        bare: ([sys.executable, "-c", "pass"], None),
        "rectify-rules --version": ([*cli, "--version"], None),
        "check seeds/001… (cache warm)": (check, None),
        "check seeds/001… (cache empty: first run)": (check, "empty"),
        "check seeds/001… (cache off)": (check, "off"),
        "extract seeds/001… (cache warm)": ([*cli, "extract", str(SEED)], None),
    }

    def env_for(cache: str | None) -> dict:
        if cache == "off":
            return {**ENV, "RECTIFY_RULES_CACHE_DIR": "off"}
        if cache == "empty":
            return {**ENV, "RECTIFY_RULES_CACHE_DIR": tempfile.mkdtemp(prefix="empty-", dir=CACHE)}
        return ENV

    print(f"cold start  {load()}")
    for cmd, cache in cases.values():
        timed(cmd, env_for(cache))  # warm the page cache and the user cache folder
    walls: dict[str, list[float]] = {label: [] for label in cases}
    cpus: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(runs):  # in turn: a change of load hits every case alike
        for label, (cmd, cache) in cases.items():
            wall, _, _, cpu = timed(cmd, env_for(cache))
            walls[label].append(wall)
            cpus[label].append(cpu)
    base_wall, base_cpu = statistics.median(walls[bare]), statistics.median(cpus[bare])
    for label in cases:
        wall, cpu = statistics.median(walls[label]), statistics.median(cpus[label])
        print(f"cold start  {label:42s} median {wall * 1000:5.0f} ms wall "
              f"({wall / base_wall:4.1f}x), {cpu * 1000:5.0f} ms CPU ({cpu / base_cpu:4.1f}x)"
              f"  min {min(walls[label]) * 1000:.0f} ms, {runs} runs")
    print(f"cold start  {load()}")


_LOOP = "s = 0\nfor i in range(12_000_000):\n    s += i * i % 7\n"


def machine_speedup() -> float:
    """How much faster two processes finish two plain CPU loops than one process does."""
    one = timed([sys.executable, "-c", _LOOP + _LOOP])[0]
    return one / _together([[sys.executable, "-c", _LOOP]] * 2)


def _together(cmds: list[list[str]]) -> float:
    """Wall seconds of *cmds* run at once."""
    t0 = time.perf_counter()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, cwd=ROOT, env=ENV) for c in cmds]
    for p in procs:
        p.wait()
    return time.perf_counter() - t0


def throughput(n: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        size = make_corpus(folder, n)
        halves = [Path(tmp) / "half0", Path(tmp) / "half1"]
        for i, f in enumerate(sorted(folder.iterdir())):
            halves[i % 2].mkdir(exist_ok=True)
            (halves[i % 2] / f.name).symlink_to(f)
        print(f"corpus      {n} notices, {size / 1e6:.1f} MB; {load()}")
        check = [sys.executable, "-m", "rectify_rules", "check", "--format", "json",
                 "--no-progress"]
        of_loop, of_halves, rates = [], [], {1: [], 2: []}
        for r in range(rounds):
            walls = {}
            for jobs in (1, 2):
                wall, rss, _, cpu = timed([*check, str(folder), "--jobs", str(jobs)])
                walls[jobs] = wall
                rates[jobs].append(n / wall)
                print(f"batch       round {r + 1} --jobs {jobs}: {wall:6.1f} s  "
                      f"{n / wall:6.1f} notices/s  CPU {cpu:5.1f} s  peak RSS {rss:.0f} MB")
            got = walls[1] / walls[2]
            two_halves = walls[1] / _together([[*check, str(h)] for h in halves])
            loop = machine_speedup()
            of_loop.append(got / loop)
            of_halves.append(got / two_halves)
            print(f"speed-up    round {r + 1} --jobs 2: {got:.2f}x; two processes on half the "
                  f"corpus each: {two_halves:.2f}x; the plain CPU loop in two processes: "
                  f"{loop:.2f}x; {load()}")
        print(f"batch       median --jobs 1: {statistics.median(rates[1]):.1f} notices/s, "
              f"--jobs 2: {statistics.median(rates[2]):.1f} notices/s ({rounds} rounds)")
        print(f"speed-up    --jobs 2 gives (median of {rounds} rounds) "
              f"{statistics.median(of_halves) * 100:.0f} % of the speed-up of two processes on "
              f"half the corpus each, {statistics.median(of_loop) * 100:.0f} % of the plain "
              "CPU loop's")
        for fmt in ("csv", "parquet"):
            out = Path(tmp) / f"out-{fmt}"
            cmd = [sys.executable, "-m", "rectify_rules", "audit", str(folder), "-o", str(out),
                   "--format", fmt, "--no-progress", "--jobs", "2"]
            wall, rss, _, _ = timed(cmd)
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
                _, rss, _, _ = timed(cmd)
                print(f"memory      {label:12s} {size:6d} notices: peak RSS {rss:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notices", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--rounds", type=int, default=5, help="--jobs 1 / 2 rounds")
    ap.add_argument("--only", choices=("cold", "throughput", "memory"))
    args = ap.parse_args()
    compile_bytecode()
    try:
        if args.only in (None, "cold"):
            cold_start(args.runs)
        if args.only in (None, "throughput"):
            throughput(args.notices, args.rounds)
        if args.only in (None, "memory"):
            memory(args.notices)
    finally:
        shutil.rmtree(CACHE, ignore_errors=True)


if __name__ == "__main__":
    main()
