"""The round-trip harness of issue 8 §4: render a resolution into a layout real UN texts arrive in,
import it back with the real importer, and say what came back different.

- ``document.py`` — a resolution as the pieces every layout prints (header, formula, paragraphs, …);
- ``spell.py`` — inline markup spelled as raw text (emphasis kept or lost, footnote-mark styles);
- ``layouts.py`` — the layouts themselves (``LAYOUTS``, and ``render_many`` for several texts in a file);
- ``compare.py`` — the first difference between the original and the import;
- ``run.py`` — round-trips a set of texts through a layout and counts what passed.
"""

from roundtrip.compare import difference
from roundtrip.layouts import LAYOUTS, MULTI, Layout, groups, render_many
from roundtrip.run import Outcome, round_trip, round_trip_many

__all__ = [
    "LAYOUTS",
    "MULTI",
    "Layout",
    "Outcome",
    "difference",
    "groups",
    "render_many",
    "round_trip",
    "round_trip_many",
]
