"""Citation extraction, in one pass: passages → citations → targets (the eyecite shape).

- :func:`find` reads every passage of the corpus once (``generator.model.passages``) and returns
  citations that carry their passage and span; ``find_citations`` reads one bare text.
- :func:`resolve` says where each citation points, with the resolver a parameter
  (:func:`corpus_resolver` by default): the one place those rules live. ``atlas check``'s
  citation diagnostics are the citations that did not resolve (``Unresolved``).

Patterns live in ``patterns.py``, the finder in ``finder.py``, the rules that decide a body, an
instrument and a destination in ``resolver.py``.
"""

from generator.citations.finder import (
    Finder,
    FinderFailure,
    FinderMemo,
    Findings,
    Grammar,
    citations_in,
    find,
    find_citations,
    footnote_anchor,
)
from generator.citations.resolver import (
    Destination,
    Resolved,
    Resolver,
    ToArticle,
    ToCited,
    ToInstrument,
    ToResolution,
    ToSymbol,
    Unresolved,
    corpus_resolver,
    resolve,
    speaking_body,
)

__all__ = [
    "Destination",
    "Finder",
    "FinderFailure",
    "FinderMemo",
    "Findings",
    "Grammar",
    "Resolved",
    "Resolver",
    "ToArticle",
    "ToCited",
    "ToInstrument",
    "ToResolution",
    "ToSymbol",
    "Unresolved",
    "citations_in",
    "corpus_resolver",
    "find",
    "find_citations",
    "footnote_anchor",
    "resolve",
    "speaking_body",
]
