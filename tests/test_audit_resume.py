"""``audit --resume``: a run killed midway and resumed gives the tables of a run never killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rectify_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# more than one checkpoint's worth of inputs (a checkpoint every 500 inputs or every second),
# so that a run is caught mid-way however fast the machine checks
COPIES = 1100


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The seeds many times over, each copy with its own unit number (so rows differ)."""
    d = tmp_path_factory.mktemp("resume-in")
    for i in range(COPIES):
        text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8")
        (d / f"n{i:04d}.txt").write_text(text.replace("第", f"第{i % 9 + 1}", 1), encoding="utf-8")
    (d / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    return d


def _run(folder: Path, out: Path, fmt: str, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "rectify_rules", "audit", str(folder), "-o", str(out),
           "--format", fmt, "--no-progress", "--exit-zero", *extra]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            start_new_session=True)


def _checkpoints(out: Path) -> list[dict]:
    try:
        lines = (out / ".audit-journal.jsonl").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [json.loads(x) for x in lines[1:] if x.endswith("}")]


def _tables(out: Path, fmt: str) -> dict:
    if fmt == "parquet":
        import pyarrow.parquet as pq
        return {t: pq.read_table(out / f"{t}.parquet").to_pylist() for t in ("notices", "findings")}
    return {t: (out / f"{t}.{fmt}").read_bytes() for t in ("notices", "findings")}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_killed_run_resumes_to_the_same_tables(folder, tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    whole = tmp_path / "whole"
    assert main(["audit", str(folder), "-o", str(whole), "--format", fmt, "--no-progress",
                 "--exit-zero", "--jobs", "2"]) == 0
    out = tmp_path / "killed"
    p = _run(folder, out, fmt, "--jobs", "2")
    deadline = time.monotonic() + 120
    while not _checkpoints(out) and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(p.pid, signal.SIGKILL)   # the run and its workers, mid-way
    p.wait()
    p.stderr.close()
    done = _checkpoints(out)
    assert done and not done[-1].get("complete"), "the run ended before it could be killed"
    assert 0 < done[-1]["done"] < COPIES + 1
    resumed = _run(folder, out, fmt, "--resume", "--jobs", "2")
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode()
    # it says what it added, not as if the whole corpus had no unreadable input
    rest = COPIES + 1 - done[-1]["done"]
    assert f"{COPIES + 1} 个输入，续跑检查了其余 {rest} 个" in err.decode()
    assert _checkpoints(out)[-1].get("complete")
    assert _tables(out, fmt) == _tables(whole, fmt)


def test_resume_refuses_other_inputs_and_a_finished_run_is_left_alone(folder, tmp_path, capsys):
    out = tmp_path / "o"
    args = ["audit", str(SEEDS[0]), "-o", str(out), "--no-progress", "--exit-zero"]
    assert main(args) == 0
    before = (out / "notices.csv").read_bytes()
    assert main([*args, "--resume"]) == 0
    assert "已完成" in capsys.readouterr().err and (out / "notices.csv").read_bytes() == before
    assert main(["audit", str(SEEDS[1]), "-o", str(out), "--no-progress", "--resume"]) == 2
    assert "输入不同，无法续跑" in capsys.readouterr().err
    assert main([*args, "--resume", "--format", "jsonl"]) == 2
    assert "格式不同" in capsys.readouterr().err


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("command", ["audit", "check"])
def test_workers_end_when_their_run_is_killed(folder, tmp_path, command):
    """A run killed alone (``kill -9`` of its process, the out-of-memory killer) leaves no
    worker behind: they stopped, blocked on a pipe no one reads, and were never reaped."""
    cmd = [sys.executable, "-m", "rectify_rules", command, str(folder), "--no-progress",
           "--exit-zero", "--jobs", "2"]
    cmd += ["-o", str(tmp_path / "out")] if command == "audit" else ["--format", "json"]
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(workers := _children(p.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(workers) >= 2, "no workers started"
        time.sleep(0.5)   # let them take their first chunks
        p.kill()          # the run only, not its process group
        p.wait()
        deadline = time.monotonic() + 60
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "workers outlived their run"
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
