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

    # findings stream to stdout while the bar is drawn: on a terminal the bar shares stdout and
    # rich prints what is written to sys.stdout above it; into a pipe or a file they go as they
    # are, the bar on stderr (where error lines are printed above it)
    on_stdout = sys.stdout.isatty()
    bar = Progress("检查中", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(file=sys.stdout) if on_stdout else Console(stderr=True),
                   transient=True, redirect_stdout=on_stdout, redirect_stderr=True)
    with bar:
        task = bar.add_task("check", total=total)
        yield lambda: bar.advance(task)
