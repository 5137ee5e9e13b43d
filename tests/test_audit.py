"""``rectify-rules audit``: the notices and findings tables of a corpus of the seeds, 1,000
generated notices and broken files, read back with pandas and DuckDB; inputs; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rectify_rules.audit.rows import FINDING_COLUMNS, NOTICE_COLUMNS
from rectify_rules.cli import main
from rectify_rules.engine import load_rules
from rectify_rules.engine.values import conforms

import auditcorpus

pd = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

GENERATED = 1000
DUCK = {"string": "VARCHAR", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN",
        "date": "DATE"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return auditcorpus.build(tmp_path_factory.mktemp("audit"), GENERATED)


@pytest.fixture(scope="module")
def tables(corpus, tmp_path_factory):
    """Each format's output folder, the audit run once per format (two processes)."""
    out = {}
    for fmt in ("csv", "parquet", "jsonl"):
        folder = tmp_path_factory.mktemp(f"out-{fmt}")
        code = main(["audit", str(corpus["in"]), str(corpus["corpus"]), "-o", str(folder),
                     "--format", fmt, "--jobs", "2", "--no-progress", "--as-of", "2023-01-01"])
        assert code == 1  # the seeds have errors: exit 1, as check; broken files are rows
        out[fmt] = folder
    return out


def read(folder: Path, table: str, fmt: str):
    path = folder / f"{table}.{fmt}"
    if fmt == "csv":
        return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=True)
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    return pd.read_parquet(path)


def _assert_typed(df, where: str) -> None:
    """Every column has one type: a numeric/bool/string dtype, or objects of one kind."""
    for col in df.columns:
        s = df[col]
        if s.dtype == object:
            kinds = {type(v).__name__ for v in s.dropna()}
            assert len(kinds) <= 1, f"{where}.{col}: mixed types {kinds}"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_tables_read_back_with_pandas_typed(tables, corpus, fmt):
    notices = read(tables[fmt], "notices", fmt)
    findings = read(tables[fmt], "findings", fmt)
    assert list(notices.columns) == [n for n, _ in NOTICE_COLUMNS]
    assert list(findings.columns) == [n for n, _ in FINDING_COLUMNS]
    assert len(notices) == corpus["inputs"]  # one row per input, the broken ones included
    _assert_typed(notices, f"{fmt} notices")
    _assert_typed(findings, f"{fmt} findings")
    for col in ("errors", "warnings", "infos", "line", "column", "start", "end"):
        frame = notices if col in notices.columns else findings
        assert str(frame[col].dtype) == "int64", f"{fmt}: {col} is {frame[col].dtype}"
    assert notices["declared_problems"].dtype.kind in "if"


def test_parquet_has_the_declared_arrow_types(tables):
    import pyarrow.parquet as pq

    for table, columns in (("notices", NOTICE_COLUMNS), ("findings", FINDING_COLUMNS)):
        schema = pq.read_schema(tables["parquet"] / f"{table}.parquet")
        got = {f.name: str(f.type) for f in schema}
        want = {"string": "string", "int64": "int64", "float64": "double", "bool": "bool",
                "date": "date32[day]"}
        assert got == {n: want[t] for n, t in columns}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_duckdb_reads_every_column_typed(tables, fmt):
    path = tables[fmt] / f"notices.{fmt}"
    cols = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()}
    for name, t in NOTICE_COLUMNS:
        if fmt == "parquet" or name not in ("url", "rate", "reason"):  # sparse in this corpus
            assert cols[name] == DUCK[t], f"{fmt}: {name} read as {cols[name]}"
    n = duckdb.sql(f"SELECT count(*) FROM '{path}' WHERE status = 'ok' "
                   "AND feedback >= DATE '2000-01-01'").fetchall()[0][0]
    assert n > 900  # dates compare as dates


def test_formats_hold_the_same_rows(tables):
    frames = {fmt: read(tables[fmt], "findings", fmt) for fmt in tables}
    base = frames["parquet"]
    for fmt in ("csv", "jsonl"):
        other = frames[fmt]
        assert len(other) == len(base)
        for col in ("file", "code", "message", "values", "text"):
            assert other[col].fillna("").astype(str).tolist() == \
                base[col].fillna("").astype(str).tolist(), (fmt, col)
    n = {fmt: read(tables[fmt], "notices", fmt) for fmt in tables}
    for col in ("status", "errors", "warnings", "infos", "title"):
        assert n["csv"][col].fillna("").astype(str).tolist() == \
            n["parquet"][col].fillna("").astype(str).tolist(), col


def test_statuses_of_broken_inputs_and_pages(tables, corpus):
    notices = read(tables["parquet"], "notices", "parquet")
    by_key = {(r.file, r.id): r for r in notices.itertuples()}
    for key, status in corpus["expected"].items():
        row = by_key[key] if isinstance(key, tuple) else by_key[(key, key)]
        assert row.status == status, key
        assert isinstance(row.reason, str) and row.reason, key  # the reason is said
        if status == "unreadable":
            assert row.errors == row.warnings == row.infos == 0
    assert by_key[(str(corpus["corpus"]), "no-text")].reason.endswith("没有 text 或 html 字段")
    for page in corpus["pages"]:  # pages named index / show.jsp were recognised and read
        row = by_key[(str(page), str(page))]
        assert row.status == "ok" and row.title.endswith("巡察整改进展情况的通报")
    files = set(notices["file"])
    assert not any("~$" in f or f.endswith("logo") for f in files)
    assert (notices["status"] == "ok").sum() == corpus["inputs"] - len(corpus["expected"])
    news = by_key[(str(corpus["in"] / "broken" / "news.txt"),) * 2]
    assert news.errors == news.warnings == news.infos == 0  # no claims about a non-notice


def test_a_seed_row_holds_its_facts(tables, corpus):
    notices = read(tables["parquet"], "notices", "parquet")
    seed = str(corpus["in"] / "001_c76a038a99cc564d.txt")
    row = notices[notices["file"] == seed].iloc[0]
    # read from the notice: 县委第四巡察组于2021年8月31日至9月13日 … 10月28日 … 反馈 …
    # 3大类10个方面19个具体问题; 时间:2022-02-23; 电话 and 电子邮箱 at the end; not signed
    assert row["title"] == "中共泾县招商合作服务中心党组关于巡察整改进展情况的通报"
    assert row["issuer"] == "中共泾县招商合作服务中心党组"
    assert row["inspection_body"] == "县委第四巡察组"
    assert str(row["inspection_start"]) == "2021-08-31"
    assert str(row["inspection_end"]) == "2021-09-13"
    assert str(row["feedback"]) == "2021-10-28"
    assert row["declared_problems"] == 19
    assert str(row["published"]) == "2022-02-23"
    assert row["contact_present"] is True or row["contact_present"] == True  # noqa: E712
    assert pd.isna(row["signature_date"])


def test_findings_join_their_notice_and_counts_agree(tables):
    notices = read(tables["parquet"], "notices", "parquet")
    findings = read(tables["parquet"], "findings", "parquet")
    counts = findings.groupby(["file", "id", "level"]).size().unstack(fill_value=0)
    for r in notices.itertuples():
        got = counts.loc[(r.file, r.id)] if (r.file, r.id) in counts.index else None
        for level, col in (("error", r.errors), ("warning", r.warnings), ("info", r.infos)):
            assert (0 if got is None or level not in got else got[level]) == col
    keys = set(zip(notices["file"], notices["id"]))
    assert set(zip(findings["file"], findings["id"])) <= keys


def test_values_column_is_json_typed_per_rule(tables):
    pack = load_rules()
    findings = read(tables["parquet"], "findings", "parquet")
    assert len(findings) > 1000
    for code, values in zip(findings["code"], findings["values"]):
        types = pack.get(code).value_types
        for k, v in json.loads(values).items():
            assert conforms(v, types[k]), (code, k, v)


def test_csv_starts_with_a_bom_for_excel(tables):
    raw = (tables["csv"] / "notices.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbffile,id,url,status,")


# --- inputs and exit codes on small runs ----------------------------------------------------

def test_files_from_and_a_missing_file_is_a_row(tmp_path, capsys):
    seed = auditcorpus.SEEDS[0]
    listing = tmp_path / "list.txt"
    listing.write_text(f"# pages to audit\n{seed}\n\n{tmp_path / 'gone.txt'}\n", encoding="utf-8")
    code = main(["audit", "--files-from", str(listing), "-o", str(tmp_path / "o"),
                 "--format", "jsonl", "--no-progress", "--exit-zero"])
    rows = [json.loads(line) for line in (tmp_path / "o" / "notices.jsonl").open(encoding="utf-8")]
    assert code == 0
    assert sorted((r["file"], r["status"], r["reason"]) for r in rows) == sorted([
        (str(seed), "ok", None), (str(tmp_path / "gone.txt"), "unreadable", "文件不存在")])
    assert "Traceback" not in capsys.readouterr().err


def test_a_news_article_is_not_a_notice_in_words(tmp_path, capsys):
    article = Path(__file__).parent / "data" / "variants" / "w05_news_article.txt"
    out = tmp_path / "o"
    assert main(["audit", str(article), "-o", str(out), "--format", "jsonl", "--no-progress"]) == 0
    [row] = [json.loads(x) for x in (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (row["status"], row["genre"]) == ("not-a-notice", "news")
    assert row["reason"] == "是新闻报道，不是整改通报或整改报告"


def test_exit_codes(tmp_path, capsys):
    news = tmp_path / "news.txt"
    news.write_text(auditcorpus.NEWS, encoding="utf-8")
    out = str(tmp_path / "o")
    assert main(["audit", str(news), "-o", out, "--no-progress"]) == 0   # no finding
    assert main(["audit", str(auditcorpus.SEEDS[2]), "-o", out, "--no-progress"]) == 1
    assert main(["audit", str(auditcorpus.SEEDS[2]), "-o", out, "--no-progress",
                 "--exit-zero"]) == 0
    assert main(["audit", str(tmp_path / "nothing"), "-o", out]) == 2    # the run failed
    err = capsys.readouterr().err
    assert "nothing: error: 文件不存在" in err and "Traceback" not in err


def test_stdin_html_is_read_as_a_page(monkeypatch, capsys):
    import io
    import sys

    page = auditcorpus.PAGE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    code = main(["check", "-", "--format", "jsonl", "--select", "REQ"])
    from_stdin = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    main(["check", str(auditcorpus.PAGE), "--format", "jsonl", "--select", "REQ"])
    from_file = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    strip = [{k: v for k, v in f.items() if k != "filename"} for f in from_file]
    assert [{k: v for k, v in f.items() if k != "filename"} for f in from_stdin] == strip
    assert code in (0, 1)


def test_check_reads_pages_in_a_folder_by_content(tmp_path, capsys):
    (tmp_path / "show.aspx").write_bytes(auditcorpus.PAGE.read_bytes())
    (tmp_path / "~$show.docx").write_bytes(b"lock")
    (tmp_path / "notes").write_text("plain notes, no page", encoding="utf-8")
    main(["check", str(tmp_path), "--format", "jsonl", "--no-progress"])
    names = {json.loads(line)["filename"] for line in capsys.readouterr().out.splitlines()}
    assert names == {str(tmp_path / "show.aspx")}
