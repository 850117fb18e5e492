"""scripts/benchmark.py's report joins runs of one size: the first run's figures, the last serve timings."""

from __future__ import annotations

from benchmark_support import load_benchmark, size_result


def test_a_size_met_again_keeps_its_first_run_and_takes_the_last_serve_timings() -> None:
    b = load_benchmark()

    def result(count: int, build: float, serve: float | None) -> object:
        timings = b.ServeResult(seconds=serve, written=1, unchanged=1, first_build=1) if serve else None
        return size_result(b, count, build, serve=timings)

    joined = b._joined(
        [result(10_000, 300.0, 9.0), result(1_000, 40.0, None), result(10_000, 200.0, 2.0)]
    )
    assert [r.count for r in joined] == [1_000, 10_000]
    big = joined[1]
    assert big.build.seconds == 300.0 and big.ratio == 0.5  # one run's build and floor
    assert big.serve.seconds == 2.0
    # A later run without serve timings changes nothing.
    assert b._joined([result(5, 1.0, 3.0), result(5, 9.0, None)])[0].serve.seconds == 3.0
