"""Citation extraction: a paragraph's text → citations → targets.

``find_citations`` finds the resolutions, decisions, articles and document symbols one paragraph
cites; ``citations_in`` does it for every paragraph and footnote of a resolution. Patterns live in
``patterns.py``, the rules that decide a target in ``resolve.py``.
"""

from generator.citations.find import citations_in, find_citations, footnote_anchor
from generator.citations.resolve import speaking_body

__all__ = ["citations_in", "find_citations", "footnote_anchor", "speaking_body"]
