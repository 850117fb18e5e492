"""How much generated input a test reads: all of it in the whole suite, a sample in the inner loop.

The property tests (hypothesis) and the round trip over synthetic texts are the suite's heaviest
tests, and their strength grows with the number of inputs they read. The whole suite — what CI and
``python3 tasks.py test`` run — reads every input. The inner loop (``pytest -m "not browser and not
site"``, which ``tests/conftest.py`` recognises) is for the minutes between two edits: it reads a
quarter, so that it answers in seconds; a fault it misses is still caught by the whole suite.

Test modules ask for their counts when they are imported, which pytest does after
``pytest_configure`` has set the share.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Depth:
    # 1: every input; 4: a quarter of them (the inner loop).
    share: int = 1


DEPTH = _Depth()
INNER_LOOP_SHARE = 4


def inputs(count: int) -> int:
    """How many inputs (hypothesis examples, synthetic texts) a test that reads ``count`` of them in
    the whole suite reads in this run."""
    return max(1, count // DEPTH.share)


def sampled() -> bool:
    """Whether this run reads a sample (the inner loop) rather than every input."""
    return DEPTH.share > 1
