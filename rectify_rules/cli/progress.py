"""A progress bar on stderr for batches — only on a terminal, and rich.progress loaded lazily."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator


def shown(total: int, enabled: bool) -> bool:
    """Whether :func:`progress` draws a bar: *enabled*, stderr a TTY and more than one file."""
    return enabled and total > 1 and sys.stderr.isatty()


@contextlib.contextmanager
def progress(total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    """Yield an ``advance()`` callable; a no-op unless :func:`shown`."""
    if not shown(total, enabled):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("检查中", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("check", total=total)
        yield lambda: bar.advance(task)
