"""Run the independent pieces of a stage (one file, one page) on every core, results in order.

The generator's stages are CPU-bound Python: threads would share one core. Forked worker
processes inherit the parent's memory, so the function and its inputs (a loaded corpus, a
citation graph) are never pickled; only the results travel back. Results come back in the order
of the inputs, so the output is the same, byte for byte, with any number of workers.

Forking is used only where it is safe and pays off: on a platform with ``fork``, from a process
with a single thread (``mkdocs serve`` runs a server thread: there the work stays in-process), and
for enough items to be worth a process start. A build sets the number of processes with
:func:`using` (``1`` turns forking off; tests use ``2`` to run the forked path on a small corpus);
the command line reads it from ``ATLAS_WORKERS``.
"""

from __future__ import annotations

import contextvars
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a process start costs more than it saves.
MIN_ITEMS = 200
# Chunks per worker: small enough to balance uneven items, large enough to keep the overhead low.
CHUNKS_PER_WORKER = 4

# The function and the items of the current map, inherited by forked workers (never pickled).
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def workers(items: int, *, min_items: int = MIN_ITEMS) -> int:
    """How many processes to use for ``items`` pieces of work (1: stay in this process).

    ``min_items`` is the least number of items worth a process start (fewer, larger items
    lower it). The count is the one the current build set (:func:`using`), else one per core.
    """
    wanted = _configured.get()
    if wanted is not None:
        count, forced = wanted, True
    else:
        count, forced = os.cpu_count() or 1, False
    if count <= 1 or items < 2 or (not forced and items < min_items):
        return 1
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return min(count, items)


# The number of processes the running build asked for (None: one per core). A context variable set
# for the length of one build by `using`, never a setting that outlives it.
_configured: contextvars.ContextVar[int | None] = contextvars.ContextVar("atlas_workers", default=None)


@contextmanager
def using(count: int | None) -> Iterator[None]:
    """Run a block with ``count`` worker processes (``1``: all in this process; None: one per core)."""
    token = _configured.set(count if count is None else max(1, count))
    try:
        yield
    finally:
        _configured.reset(token)


def workers_setting(value: str | None) -> int | None:
    """``ATLAS_WORKERS`` as the command line reads it: a positive count, or None (one per core)."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        return max(1, int(text))
    except ValueError:
        return 1


def map_in_order(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int = MIN_ITEMS,
    processes: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[R]:
    """``[fn(item) for item in items]``, spread over forked processes when that pays off.

    ``progress`` is called with the number of items done so far, as they are done.
    """
    count = workers(len(items), min_items=min_items) if processes is None else processes
    if count <= 1:
        if progress is None:
            return [fn(item) for item in items]
        out = []
        for item in items:
            out.append(fn(item))
            progress(len(out))
        return out
    global _job
    _job = (fn, items)
    try:
        chunk = max(1, -(-len(items) // (count * CHUNKS_PER_WORKER)))
        bounds = [(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
        context = multiprocessing.get_context("fork")
        results: list[R] = []
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            for part in pool.map(_run, bounds):
                results.extend(part)
                if progress is not None:
                    progress(len(results))
    finally:
        _job = None
    return results


def _run(bounds: tuple[int, int]) -> list[Any]:
    """One chunk, in a worker: the job was inherited from the parent when the worker was forked."""
    assert _job is not None, "a worker of map_in_order runs only in a forked process"
    fn, items = _job
    return [fn(items[i]) for i in range(*bounds)]


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Run a block without Python's cycle collector (reference counting still frees memory).

    The generator's data is acyclic (frozen dataclasses, tuples, strings), so the collector finds
    nothing in it, yet a full collection walks every object: with the millions of objects of a
    large corpus that made later stages slower the larger the corpus (the graph took 17 times as
    long for 10 times the resolutions), and in forked workers it wrote to every object, copying
    the parent's memory page by page. Collection resumes, as it was, after the block.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
