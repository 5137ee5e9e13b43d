"""Instructions a notice (callgrind): the steady measure of a speed-up on a shared machine.

    python benchmarks/bench_instructions.py [--small 10] [--large 40] [--format json]

Wall and CPU time swing by ±20 % on a shared machine; the number of instructions does not.
Runs ``check --jobs 1`` under ``valgrind --tool=callgrind`` on N and M notices generated as
benchmarks/bench_cli.py makes them and prints (instructions(M) − instructions(N)) / (M − N):
the cost of one notice, start-up excluded. The pack cache is warmed first (a folder of its
own); PYTHONHASHSEED is fixed. Needs valgrind (Debian package ``valgrind``). Issue 12's
rounds: 76.4 M → 62.4 M instructions a notice (json).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli import ROOT, make_corpus  # noqa: E402


def instructions(folder: Path, fmt: str, env: dict) -> int:
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
           "-m", "rectify_rules", "check", str(folder), "--format", fmt, "--no-progress",
           "--exit-zero", "--jobs", "1", "--timeout", "0", "--max-memory", "0"]  # valgrind: ~50x slower
    done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit("bench_instructions: " + done.stderr.strip().splitlines()[-1])
    return int(re.search(r"Collected : (\d+)", done.stderr)[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=10)
    ap.add_argument("--large", type=int, default=40)
    ap.add_argument("--format", default="json")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("bench_instructions: valgrind is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT),
               "RECTIFY_RULES_CACHE_DIR": str(Path(tmp) / "cache")}
        big = Path(tmp) / "large"
        big.mkdir()
        make_corpus(big, a.large)
        small = Path(tmp) / "small"
        small.mkdir()
        for f in sorted(big.iterdir())[:a.small]:
            shutil.copy(f, small / f.name)
        instructions(small, a.format, env)  # warm the cache
        n, m = instructions(small, a.format, env), instructions(big, a.format, env)
        print(f"check --jobs 1 --format {a.format}: {(m - n) / (a.large - a.small) / 1e6:.1f} M "
              f"instructions a notice ({a.small} and {a.large} notices)")


if __name__ == "__main__":
    main()
