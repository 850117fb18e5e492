"""scripts/benchmark.py loaded as a module, and a size's result made of placeholder figures, for the
tests of its report (tests/test_benchmark_report.py, tests/test_search_benchmark.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "benchmark.py"


def load_benchmark() -> ModuleType:
    """The script as a module (it is not a package's)."""
    spec = importlib.util.spec_from_file_location("atlas_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def size_result(b: ModuleType, count: int, build: float = 1.0, **figures: Any) -> Any:
    """A ``SizeResult`` of ``count`` texts built in ``build`` seconds (the floor twice that), every
    other figure a placeholder unless given in ``figures`` (``serve=``, ``search=``, …)."""
    return b.SizeResult(
        **{
            "count": count,
            "synth_seconds": 1.0,
            "stages": {},
            "stages_peak_bytes": 0,
            "generator_peak_bytes": 0,
            "build": b.Run(build, 0),
            "floor": b.Run(build * 2, 0),
            "html_pages": 10,
            "resolution_pages": 5,
            "resolution_page_median": 1.0,
            "resolution_page_max": 1,
            "site_bytes": 1,
            "search_index_bytes": 1,
            "search_index_files": 1,
            "search_index_largest": 1,
            "material_index_bytes": 1,
            "docs_bytes": 1,
            **figures,
        }
    )
