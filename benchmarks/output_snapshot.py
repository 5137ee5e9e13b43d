"""The CLI's output in every format, written to a folder: the byte-for-byte check of a speed-up.

    python benchmarks/output_snapshot.py OUT [--notices 150]     # before the change
    python benchmarks/output_snapshot.py OUT2                     # after it
    diff -r -I '已写出' OUT OUT2                                   # must print nothing

Run it in the same checkout before and after (the output names files by their path).
Inputs: the seeds, the variant notices (tests/data/variants) and N notices generated from the
seeds as benchmarks/bench_cli.py makes them (written once into snapshot-inputs beside OUT and
reused when that folder exists, so both runs read the same files). Formats: json, jsonl, concise, github,
sarif, rich (80 columns; with -v and --statistics too) and the html report folder, with a fixed
--as-of; and ``extract`` of the seeds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli import make_corpus  # noqa: E402

FORMATS = ("json", "jsonl", "concise", "github", "sarif", "rich")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--notices", type=int, default=150)
    ap.add_argument("--inputs", type=Path, help="generated notices (default OUT/../inputs)")
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    gen = args.inputs or out.parent / "snapshot-inputs"
    if not gen.exists():
        gen.mkdir(parents=True)
        make_corpus(gen, args.notices)
    sets = {"seeds": sorted(map(str, (ROOT / "seeds").glob("*.txt"))),
            "variants": sorted(map(str, (ROOT / "tests" / "data" / "variants").glob("*.txt"))),
            "generated": [str(gen)]}
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80", "TERM": "dumb"}
    fixed = ["--no-progress", "--as-of", "2024-06-30"]
    jobs = []
    for name, paths in sets.items():
        for fmt in FORMATS:
            jobs.append((["check", *paths, "--format", fmt, *fixed], out / f"{name}.{fmt}"))
        jobs.append((["check", *paths, "--format", "rich", "-v", "--statistics", *fixed],
                     out / f"{name}.rich-verbose"))
        jobs.append((["check", *paths, "--format", "html", "--output", str(out / f"{name}.html"),
                      *fixed], out / f"{name}.html.log"))
    for seed in sets["seeds"]:
        jobs.append((["extract", seed], out / f"extract.{Path(seed).name}.json"))

    def run(job: tuple[list[str], Path]) -> None:
        argv, target = job
        p = subprocess.run([sys.executable, "-m", "rectify_rules", *argv], capture_output=True,
                           env=env, cwd=ROOT)
        target.write_bytes(p.stdout + b"\n-- stderr --\n" + p.stderr
                           + f"\n-- exit {p.returncode}\n".encode())

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(run, jobs))
    print(f"{len(jobs)} outputs in {out}")


if __name__ == "__main__":
    main()
