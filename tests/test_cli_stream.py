"""``check`` writes findings as files are checked, also while the progress bar is drawn."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_findings_stream_while_the_bar_is_shown(tmp_path):
    for i in range(150):
        s = SEEDS[i % len(SEEDS)]
        (tmp_path / f"{i:03d}.txt").write_bytes(s.read_bytes())
    master, slave = pty.openpty()   # stderr is a terminal: the bar is drawn there
    p = subprocess.Popen([sys.executable, "-m", "rectify_rules", "check", str(tmp_path),
                          "--format", "jsonl", "--exit-zero"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=slave,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    os.close(slave)
    start = time.monotonic()
    try:
        first = p.stdout.readline()
        t_first = time.monotonic() - start
        rest = p.stdout.read()
        p.wait(timeout=300)
        t_all = time.monotonic() - start
    finally:
        if p.poll() is None:
            p.kill()
        os.close(master)
    assert first.startswith(b'{"code"')
    # the first finding comes with the first file, not after the last: a share of the run,
    # not a time limit (held back, it came at ~95% of the run)
    assert t_first < 0.5 * t_all, "findings were held back until the end of the run"
    assert len(rest.splitlines()) > 150 * 10
