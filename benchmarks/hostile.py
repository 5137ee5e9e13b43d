"""Time and peak memory of every hostile input of issue #13, run through the CLI.

    python benchmarks/hostile.py [--only NAME]

Each input (tests/hostile.py) is written to a temporary folder and checked by
``rectify-rules check`` in a child process under a 2 GB address-space limit (so a regression
cannot take the machine down); the table gives the first line the CLI printed, the wall time,
the CPU time (user + system; what a loaded machine does not inflate) and the child's peak
resident memory (VmHWM, read by the child at exit). The issue's bar: under 2 s and under
300 MB each. The last result is in docs/limits.md.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

import hostile as H  # noqa: E402

LIMIT_AS = 2 * 1024 ** 3


def _files(tmp: Path) -> list[tuple[str, list[str]]]:
    """(row name, CLI arguments) of every row, with its input written under *tmp*."""
    rows = []

    def put(name: str, data: bytes | str) -> str:
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return str(path)

    rows.append(("docx bomb 1 GiB", [put("bomb1g.docx", H.docx_bomb(1024))]))
    rows.append(("docx bomb 200 MiB", [put("bomb200m.docx", H.docx_bomb(200))]))
    rows.append(("docx lying directory", [put("lying.docx", H.docx_lying_bomb(200))]))
    rows.append(("docx numbering bomb", [put("numbering.docx", H.docx_numbering_bomb(200))]))
    rows.append(("HTML 100 000 nested div", [put("nested.html", H.nested_html(100_000))]))
    pack = tmp / "pack"
    pack.mkdir()
    for code, (pattern, bad, good) in H.CATASTROPHIC.items():
        (pack / f"{code}.toml").write_text(H.pattern_rule(code, pattern, bad, good),
                                           encoding="utf-8")
    rows.append(("catastrophic user patterns, 100 KB",
                 ["--rules", str(pack), put("aaaa.txt", H.catastrophic_text())]))
    big = tmp / "bigpack"
    big.mkdir()
    (big / "USR003.toml").write_bytes(H.huge_rule_toml(10))
    rows.append(("10 MB rule TOML", ["--rules", str(big), put("small.txt", H.HEAD)]))
    for make in (H.numeral_text, H.percentage_text, H.far_future_text, H.breadcrumb_line,
                 H.split_title_text, H.deadline_parts_text):
        rows.append((make.__name__, [put(make.__name__ + ".txt", make())]))
    return rows


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))


#: runs the CLI and, at exit, writes the process's peak resident memory (VmHWM: of its own
#: memory since exec, not the forked parent's) as the last line of stderr
_LAUNCH = ("import atexit, sys\n"
           "def peak():\n"
           "    for line in open('/proc/self/status'):\n"
           "        if line.startswith('VmHWM:'):\n"
           "            sys.stderr.write('\\npeak-kb ' + line.split()[1] + '\\n')\n"
           "atexit.register(peak)\n"
           "from rectify_rules.cli import main\n"
           "sys.argv = ['rectify-rules'] + sys.argv[1:]\n"
           "main()\n")


def run(args: list[str]) -> tuple[str, float, float, float]:
    """(first line printed, wall s, CPU s, peak MB) of one ``check`` run."""
    cmd = [sys.executable, "-c", _LAUNCH, "check", "--no-progress", "--format", "concise", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, cwd=ROOT, preexec_fn=_limit, timeout=600)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    err = proc.stderr.decode("utf-8", "replace").splitlines()
    peak = next((int(x.split()[1]) / 1024 for x in reversed(err) if x.startswith("peak-kb ")), 0)
    lines = [x for x in err if not x.startswith("peak-kb ")]
    lines += proc.stdout.decode("utf-8", "replace").splitlines()
    first = next((ln for ln in lines if ln.strip()), f"(no output, exit {proc.returncode})")
    return first, wall, cpu, peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = _files(Path(folder))
        print(f"{'input':38s} {'wall s':>7s} {'CPU s':>6s} {'peak MB':>8s}  result")
        worst = (0.0, 0.0, 0.0)
        for name, cli_args in rows:
            if args.only not in name:
                continue
            first, wall, cpu, peak = run(cli_args)
            shown = first.replace(folder, "").lstrip("/")
            print(f"{name:38s} {wall:7.2f} {cpu:6.2f} {peak:8.0f}  {shown[:100]}", flush=True)
            worst = (max(worst[0], wall), max(worst[1], cpu), max(worst[2], peak))
        print(f"worst: {worst[0]:.2f} s wall, {worst[1]:.2f} s CPU, {worst[2]:.0f} MB "
              "(bar: 2 s, 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
