"""rectify_rules.dask on a distributed.LocalCluster of two worker processes: the same tables
as a local ``audit`` run; each worker loads the rule pack once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rectify_rules.cli import main

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as c:
        with distributed.Client(c) as client:
            yield c, client


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("dask-in")
    for i in range(12):
        s = SEEDS[i % len(SEEDS)]
        (d / f"{i:02d}_{s.name}").write_text(s.read_text(encoding="utf-8"), encoding="utf-8")
    (d / "broken.txt").write_bytes(b"\x00\x01binary")
    corpus = d / "records.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i, s in enumerate(SEEDS):
            f.write(json.dumps({"id": f"r{i}", "url": f"https://example.org/{i}",
                                "text": s.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    local = tmp_path_factory.mktemp("dask-local")
    assert main(["audit", str(d), str(corpus), "-o", str(local), "--format", "parquet",
                 "--no-progress", "--exit-zero"]) == 0
    return d, corpus, local


def _frame(path) -> "pd.DataFrame":
    return pd.read_parquet(path).sort_values(["file", "id"], kind="stable").reset_index(drop=True)


def test_audit_with_scheduler_equals_the_local_run(cluster, inputs, tmp_path):
    c, client = cluster
    folder, corpus, local = inputs
    out = tmp_path / "remote"
    assert main(["audit", str(folder), str(corpus), "-o", str(out), "--format", "parquet",
                 "--no-progress", "--exit-zero", "--scheduler", c.scheduler_address]) == 0
    for table in ("notices", "findings"):
        a = pd.read_parquet(out / f"{table}.parquet")
        b = pd.read_parquet(local / f"{table}.parquet")
        pd.testing.assert_frame_equal(a, b)   # same rows, same order
    loads = client.run(lambda: dict(__import__("rectify_rules.dask").dask.LOADS))
    assert len(loads) == 2
    for worker, counts in loads.items():  # each worker loaded the pack once, checked many
        assert set(counts.values()) <= {1}, (worker, counts)


def test_bags_of_paths_and_records_write_partitioned_parquet(cluster, inputs, tmp_path):
    import dask.bag as db

    from rectify_rules.dask import audit_bag, extract_bag, write_parquet

    folder, corpus, local = inputs
    paths = db.from_sequence(sorted(str(p) for p in folder.glob("*.txt")), npartitions=4)
    notices, findings = audit_bag(paths)
    write_parquet(notices, findings, tmp_path / "bag")
    parts = sorted((tmp_path / "bag" / "notices").glob("part-*.parquet"))
    assert len(parts) == 4
    got = _frame(tmp_path / "bag" / "notices")
    want = _frame(local / "notices.parquet")
    want = want[want["file"] != str(corpus)].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)
    got_f = _frame(tmp_path / "bag" / "findings")
    want_f = _frame(local / "findings.parquet")
    want_f = want_f[want_f["file"] != str(corpus)].reset_index(drop=True)
    assert len(got_f) == len(want_f) and got_f["message"].tolist() == want_f["message"].tolist()

    records = db.from_sequence([json.loads(line) for line in corpus.open(encoding="utf-8")],
                               npartitions=2)
    rows = audit_bag(records)[0].compute()
    assert sorted(r[1] for r in rows) == ["r0", "r1", "r2", "r3", "r4"]
    assert all(r[3] == "ok" for r in rows)
    facts = extract_bag(paths).compute()
    assert {f["file"] for f in facts} == {str(p) for p in folder.glob("*.txt")}
    assert any(f.get("error") for f in facts)  # broken.txt: an error, not a lost batch
