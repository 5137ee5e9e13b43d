"""Test session set-up: the caches of cold starts (rectify_rules.diskcache) go to a folder of
this session, so the suite neither reads what an earlier run left nor writes to the home folder.
The CLI runs that tests start in subprocesses inherit it through the environment."""

from __future__ import annotations

import os
import shutil
import tempfile

_made: list[str] = []


def pytest_configure(config):
    if "RECTIFY_RULES_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="rectify-rules-cache-")  # mode 0700
        _made.append(folder)
        os.environ["RECTIFY_RULES_CACHE_DIR"] = folder


def pytest_unconfigure(config):
    for folder in _made:
        shutil.rmtree(folder, ignore_errors=True)
