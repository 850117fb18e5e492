"""scripts/benchmark.py's search report over several rounds (--search-rounds): each query's median
and slowest, and the target judged on the slowest answer of every round."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from benchmark_support import load_benchmark, size_result


def _result(b: ModuleType, timings: list[Any]) -> Any:
    return size_result(b, 10_000, stages={"total": 1.0}, floor=b.Run(1.0, 0), search=timings)


def _timing(b: ModuleType, where: str, query: str, seconds: float, round: int) -> Any:
    return b.SearchTiming(where, query, seconds, seconds, seconds, 50, "x/", 1000, 100, 0.05, 0.3, round)


def test_several_rounds_give_each_querys_median_and_slowest_and_the_target_takes_the_slowest() -> None:
    b = load_benchmark()
    timings = [
        _timing(b, where, query, seconds, n)
        for n, (fast, slow) in enumerate([(0.40, 0.50), (0.45, 1.20), (0.41, 0.55)], 1)
        for where, query, seconds in (("file://", "a", fast), ("file://", "b", slow))
    ]
    result = _result(b, timings)
    lines = b._search_section([result])
    text = "\n".join(lines)
    # The detailed table holds the first round only; the rounds table every round.
    assert text.count("| `a` |") == 2 and text.count("| `b` |") == 2
    assert "| 10,000 | file:// | `b` | 550 ms | 1200 ms | 500, 1200, 550 |" in text
    assert "Over all 3 rounds" in text
    targets = {row[0]: row[1] for row in b._targets([result])}
    assert targets["10,000, search from file://: results < 1 s after the page is loaded"] == (
        "slowest of 2 queries × 3 rounds 1200 ms — **missed**"
    )


def test_one_round_reports_as_before() -> None:
    b = load_benchmark()
    result = _result(b, [_timing(b, "online", "a", 0.4, 1), _timing(b, "online", "b", 0.6, 1)])
    text = "\n".join(b._search_section([result]))
    assert "rounds" not in text
    targets = {row[0]: row[1] for row in b._targets([result])}
    assert targets["10,000, search from online: results < 1 s after the page is loaded"] == (
        "slowest of 2 queries 600 ms — met"
    )
    # Timings written by an earlier run (no round) still load.
    assert b.SearchTiming("online", "a", 0.4, 0.4, 0.4, 50, "x/", 1, 1, 0.0, 0.3).round == 1
