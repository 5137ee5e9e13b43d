"""Writers of the audit tables (csv, jsonl, parquet) that stream, and can be resumed.

A writer appends rows as they come. ``position()`` flushes what was written and returns a
point to come back to: a byte offset for csv and jsonl, a number of part files for parquet
(a Parquet file is only readable once closed, so its rows are written as part files of a few
thousand rows each and merged into the table at the end). ``open_table(..., resume=point)``
truncates the table to that point and goes on from there.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FORMATS = ("csv", "jsonl", "parquet")


def _csv_cell(v: Any) -> Any:
    if v is None:
        return ""
    if v is True:
        return "true"
    if v is False:
        return "false"
    return v


class CsvTable:
    """UTF-8 with a BOM (Excel then opens it as UTF-8), a header line, RFC 4180 quoting."""

    def __init__(self, path: Path, columns: Sequence[tuple[str, str]], resume: int | None) -> None:
        self.path = path
        if resume is None:
            self.f = open(path, "w", encoding="utf-8-sig", newline="")
            self.w = csv.writer(self.f)
            self.w.writerow([n for n, _ in columns])
        else:
            _truncate(path, resume)
            self.f = open(path, "a", encoding="utf-8", newline="")
            self.w = csv.writer(self.f)

    def write(self, rows: Iterable[tuple]) -> None:
        self.w.writerows([_csv_cell(v) for v in row] for row in rows)

    def position(self) -> int:
        self.f.flush()
        return self.f.tell()

    def close(self) -> None:
        self.f.close()


class JsonlTable:
    """One JSON object per line, keys in column order; dates are ISO strings."""

    def __init__(self, path: Path, columns: Sequence[tuple[str, str]], resume: int | None) -> None:
        self.names = [n for n, _ in columns]
        self.encode = json.JSONEncoder(ensure_ascii=False).encode
        if resume is None:
            self.f = open(path, "w", encoding="utf-8", newline="\n")
        else:
            _truncate(path, resume)
            self.f = open(path, "a", encoding="utf-8", newline="\n")

    def write(self, rows: Iterable[tuple]) -> None:
        names, encode = self.names, self.encode
        self.f.writelines(encode(dict(zip(names, row))) + "\n" for row in rows)

    def position(self) -> int:
        self.f.flush()
        return self.f.tell()

    def close(self) -> None:
        self.f.close()


def _truncate(path: Path, size: int) -> None:
    if not path.exists() or path.stat().st_size < size:
        raise ResumeError(f"{path}: 比上次记录的短，无法续跑（去掉 --resume 重新开始）")
    os.truncate(path, size)


class ResumeError(Exception):
    """The output folder does not hold what the journal says; one line, Chinese."""


def arrow_schema(columns: Sequence[tuple[str, str]]):
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), "date": pa.date32()}
    return pa.schema([(n, types[t]) for n, t in columns])


def arrow_table(rows: Sequence[tuple], columns: Sequence[tuple[str, str]]):
    """The rows as a pyarrow Table of the columns' types (dates from their ISO text)."""
    import pyarrow as pa

    schema = arrow_schema(columns)
    arrays = []
    for i, (name, t) in enumerate(columns):
        values = [r[i] for r in rows]
        if t == "date":
            arrays.append(pa.array(values, pa.string()).cast(pa.date32()))
        else:
            arrays.append(pa.array(values, schema.field(name).type))
    return pa.Table.from_arrays(arrays, schema=schema)


class ParquetTable:
    """Rows buffered and written as part files (``.<table>.parts/00001.parquet``) of at most
    :attr:`PART_ROWS` rows; ``close`` merges the parts into the table, one row group each."""

    PART_ROWS = 5000

    def __init__(self, path: Path, columns: Sequence[tuple[str, str]], resume: int | None) -> None:
        import pyarrow  # noqa: F401  (fail now, with the extra's name, not after the first file)

        self.path, self.columns = path, columns
        self.parts = path.parent / f".{path.name}.parts"
        self.parts.mkdir(exist_ok=True)
        keep = resume or 0
        for p in self.parts.iterdir():  # parts after the resume point, half-written ones
            if not (p.suffix == ".parquet" and p.stem.isdigit() and int(p.stem) <= keep):
                p.unlink()
        if len(list(self.parts.glob("*.parquet"))) != keep:
            raise ResumeError(f"{self.parts}: 缺少上次写入的部分文件，无法续跑（去掉 --resume 重新开始）")
        self.count = keep
        self.buffer: list[tuple] = []

    def write(self, rows: Iterable[tuple]) -> None:
        self.buffer.extend(rows)
        if len(self.buffer) >= self.PART_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self.buffer:
            return
        import pyarrow.parquet as pq

        self.count += 1
        final = self.parts / f"{self.count:05d}.parquet"
        tmp = final.with_suffix(".tmp")
        pq.write_table(arrow_table(self.buffer, self.columns), tmp)
        os.replace(tmp, final)
        self.buffer = []

    def position(self) -> int:
        self._flush()
        return self.count

    def close(self) -> None:
        import pyarrow.parquet as pq

        self._flush()
        tmp = self.path.with_suffix(".parquet.tmp")
        with pq.ParquetWriter(tmp, arrow_schema(self.columns)) as out:
            for i in range(1, self.count + 1):
                out.write_table(pq.read_table(self.parts / f"{i:05d}.parquet"))
        os.replace(tmp, self.path)
        for p in self.parts.iterdir():
            p.unlink()
        self.parts.rmdir()


def open_table(fmt: str, path: Path, columns: Sequence[tuple[str, str]],
               resume: int | None = None):
    cls = {"csv": CsvTable, "jsonl": JsonlTable, "parquet": ParquetTable}[fmt]
    return cls(path, columns, resume)
