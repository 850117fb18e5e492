"""Progress of long work (import, generation) as a bar on a terminal, and silence anywhere else.

The core reports progress through a plain callable, ``Progress``: ``progress(stage, done, total)``
(``done`` of ``total`` items of the named stage). It never prints; the shell (the ``atlas``
command, the MkDocs hook) turns the calls into a bar with :func:`bar`, which stays quiet when
stderr is not a terminal or under ``CI=true``, so logs and pipes get none of it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Progress = Callable[[str, int, int], None]


def quiet() -> bool:
    """No bar: stderr is not a terminal (a pipe, a log file), or this is CI."""
    return not sys.stderr.isatty() or os.environ.get("CI", "").lower() == "true"


def ignore(stage: str, done: int, total: int) -> None:
    """A Progress that shows nothing."""


@contextmanager
def bar(description: str, *, unit: str = "item") -> Iterator[Progress]:
    """A Progress drawing one bar, restarted for each stage; cleared when the work is done."""
    if quiet():
        yield ignore
        return
    from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs

    with tqdm(desc=description, unit=unit, leave=False, file=sys.stderr, dynamic_ncols=True) as shown:
        current: list[Any] = [None]

        def update(stage: str, done: int, total: int) -> None:
            if current[0] != stage:
                current[0] = stage
                shown.reset(total=total)
                shown.set_description(f"{description}: {stage}")
            shown.update(done - shown.n)  # tqdm redraws at most ten times a second

        yield update
