"""Check and audit notices on a Dask cluster (optional extra ``rectify-rules[dask]``).

    >>> import dask.bag as db
    >>> from rectify_rules.dask import audit_bag, write_parquet
    >>> paths = db.from_sequence(sorted(glob.glob("pages/**/*.html", recursive=True)), npartitions=64)
    >>> notices, findings = audit_bag(paths)
    >>> write_parquet(notices, findings, "out/")          # out/notices/part-00000.parquet …

A bag holds paths (``str`` / ``os.PathLike``, read on the workers: they must see the same
files) or records (``dict`` with ``id``, ``url`` and ``text`` or ``html``, as scrapers write
them). Each worker process loads the rule pack once (:data:`LOADS` counts it) and reuses it
for every notice it checks. The rows and columns are those of ``rectify-rules audit``
(:mod:`rectify_rules.audit.rows`); ``audit --scheduler tcp://HOST:8786`` runs the command's
inputs through :func:`audit_on_cluster`. docs/scale.md shows how to start a cluster.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .audit.rows import FINDING_COLUMNS, NOTICE_COLUMNS, Source, audit_source
from .cli.batch import Settings, get_pack

__all__ = ["audit_bag", "check_bag", "extract_bag", "write_parquet", "audit_on_cluster",
           "LOADS"]

#: rule packs loaded by this process (a worker loads each pack once, whatever the tasks)
LOADS: dict[tuple, int] = {}
_LOCK = threading.Lock()


def _pack(settings: Settings):
    """The pack of *settings*, loaded once per worker process (threads share it)."""
    from .cli import batch

    key = settings.pack_key
    with _LOCK:
        if key not in batch._PACKS:  # not loaded in this process yet: load and count it
            LOADS[key] = LOADS.get(key, 0) + 1
        return get_pack(settings)


def _source(item: Any, index: int) -> tuple[Source, Mapping[str, Any] | None]:
    if isinstance(item, Mapping):
        name = str(item.get("file") or "<records>")
        return Source(name, name, line=index + 1), item
    path = os.fspath(item)
    return Source(path, path), None


def _audit_partition(items: Sequence[Any], settings: Settings, first: int) -> list[tuple]:
    pack = _pack(settings)
    out = []
    for i, item in enumerate(items):
        src, record = _source(item, first + i)
        out.append(audit_source(src, settings, record=record, pack=pack))
    return out


def audit_bag(bag, settings: Settings | None = None):
    """``(notices, findings)``: two bags of row tuples (columns :data:`NOTICE_COLUMNS` and
    :data:`FINDING_COLUMNS`) for a bag of paths or records."""
    settings = settings or Settings()
    pairs = bag.map_partitions(_audit_items, settings)
    return pairs.map(lambda p: p[0]), pairs.map(lambda p: p[1]).flatten()


def _audit_items(items, settings: Settings) -> list[tuple]:
    return _audit_partition(list(items), settings, 0)


def check_bag(bag, settings: Settings | None = None):
    """A bag of findings as dicts (the ``findings`` table's columns, ``values`` decoded)."""
    import json

    names = [n for n, _ in FINDING_COLUMNS]

    def as_dict(row: tuple) -> dict:
        d = dict(zip(names, row))
        d["values"] = json.loads(d["values"])
        return d

    return audit_bag(bag, settings)[1].map(as_dict)


def extract_bag(bag, genre: str | None = None):
    """A bag of parsed notices as dicts (the JSON of ``rectify-rules extract``); an input that
    cannot be read gives ``{"file": …, "error": "…"}``."""
    return bag.map(_extract_one, genre)


def _extract_one(item: Any, genre: str | None) -> dict:
    from .export import notice_to_dict
    from .parsing import parse_source
    from .read import InputError, load

    src, record = _source(item, 0)
    try:
        if record is not None:
            from .audit.rows import _record_text

            text = _record_text(record, src.name)
        else:
            text, _ = load(Path(src.path))
    except (InputError, OSError) as e:
        return {"file": src.name, "error": getattr(e, "problem", None) or str(e)}
    notice, parsed = parse_source(text, genre=genre)
    out = notice_to_dict(notice, parsed)
    out["file"] = src.name
    if record is not None:
        out["id"], out["url"] = record.get("id"), record.get("url")
    return out


def write_parquet(notices, findings, folder: str | os.PathLike) -> None:
    """Write the two bags of :func:`audit_bag` as partitioned Parquet:
    ``folder/notices/part-00000.parquet …`` and ``folder/findings/part-00000.parquet …`` (one
    file per partition, the types of the ``audit`` tables; read the folder with pandas,
    DuckDB ``read_parquet('folder/notices/*.parquet')`` or pyarrow.dataset)."""
    import dask

    root = Path(folder)
    parts = []
    for name, bag, columns in (("notices", notices, NOTICE_COLUMNS),
                               ("findings", findings, FINDING_COLUMNS)):
        (root / name).mkdir(parents=True, exist_ok=True)
        write = dask.delayed(_write_part, pure=False)
        parts.extend(write(part, str(root / name), columns, i)
                     for i, part in enumerate(bag.to_delayed()))
    dask.compute(*parts)


def _write_part(rows, folder: str, columns, number: int) -> str:
    import pyarrow.parquet as pq

    from .audit.tables import arrow_table

    path = Path(folder) / f"part-{number:05d}.parquet"
    pq.write_table(arrow_table(list(rows), columns), path)
    return str(path)


def audit_on_cluster(sources: Sequence[Source], settings: Settings, address: str,
                     chunk: int = 64) -> Iterator[tuple[tuple, list[tuple]]]:
    """The rows of every source, in order, computed on the cluster at *address* (used by
    ``audit --scheduler``): chunks of sources go out as tasks, a few per worker at a time,
    and come back in order as they finish, so the command streams and resumes as locally."""
    from distributed import Client

    with Client(address) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for start in range(0, len(sources), chunk):
            part = list(sources[start:start + chunk])
            pending.append(client.submit(_audit_sources, part, settings, pure=False))
            if len(pending) >= workers * 4:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _audit_sources(sources: Iterable[Source], settings: Settings) -> list[tuple]:
    pack = _pack(settings)
    return [audit_source(s, settings, pack=pack) for s in sources]
