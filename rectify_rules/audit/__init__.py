"""Audit tables: one row per input (``notices``) and one per finding (``findings``).

``rectify-rules audit PATH... -o DIR`` writes ``DIR/notices.<ext>`` and ``DIR/findings.<ext>``
(csv, jsonl or parquet); :mod:`rectify_rules.dask` writes the same rows from a cluster. The
columns and their types are :data:`rows.NOTICE_COLUMNS` and :data:`rows.FINDING_COLUMNS`
(docs/audit.md).
"""

from .rows import FINDING_COLUMNS, NOTICE_COLUMNS, Source, audit_source

__all__ = ["FINDING_COLUMNS", "NOTICE_COLUMNS", "Source", "audit_source"]
