"""scripts/benchmark.py's report joins runs of one size: the first run's figures, the last serve timings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "benchmark.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("atlas_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_a_size_met_again_keeps_its_first_run_and_takes_the_last_serve_timings() -> None:
    b = _benchmark()

    def result(count: int, build: float, serve: float | None) -> object:
        timings = b.ServeResult(seconds=serve, written=1, unchanged=1, first_build=1) if serve else None
        return b.SizeResult(
            count=count,
            synth_seconds=1.0,
            stages={},
            stages_peak_bytes=0,
            generator_peak_bytes=0,
            build=b.Run(build, 0),
            floor=b.Run(build * 2, 0),
            html_pages=10,
            resolution_pages=5,
            resolution_page_median=1.0,
            resolution_page_max=1,
            site_bytes=1,
            search_index_bytes=1,
            search_index_files=1,
            search_index_largest=1,
            material_index_bytes=1,
            docs_bytes=1,
            serve=timings,
        )

    joined = b._joined(
        [result(10_000, 300.0, 9.0), result(1_000, 40.0, None), result(10_000, 200.0, 2.0)]
    )
    assert [r.count for r in joined] == [1_000, 10_000]
    big = joined[1]
    assert big.build.seconds == 300.0 and big.ratio == 0.5  # one run's build and floor
    assert big.serve.seconds == 2.0
    # A later run without serve timings changes nothing.
    assert b._joined([result(5, 1.0, 3.0), result(5, 9.0, None)])[0].serve.seconds == 3.0
