"""The site's URL scheme, and links between its pages as relative URLs.

Generated pages are raw HTML blocks, which MkDocs does not rewrite, so links are computed here:
relative (the site works under any sub-path and from ``file://``) and shaped like MkDocs' own
URLs — ``resolutions/cop-res-5-1/`` with directory URLs, ``resolutions/cop-res-5-1.html``
without (the offline bundle turns them off so that every link names a file).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from generator.graph import (
    CONVENTION_KEY,
    Destination,
    ToArticle,
    ToCited,
    ToInstrument,
    ToResolution,
    ToSymbol,
    Unresolved,
)
from generator.ids import DocumentRef

HOME = "index.md"
RESOLUTIONS = "resolutions/index.md"
CITED = "cited/index.md"
CONVENTION = "convention/index.md"
PROTOCOLS = "protocols/index.md"
TIMELINE = "timeline.md"
BODIES = "bodies/index.md"
UNRESOLVED = "reports/unresolved.md"
ABOUT = "about.md"
SEARCH = "search.md"


def resolution_page(resolution_id: str) -> str:
    return f"resolutions/{resolution_id}.md"


def cited_page(ref: DocumentRef) -> str:
    return f"cited/{ref.slug}.md"


def instrument_page(key: str) -> str:
    return CONVENTION if key == CONVENTION_KEY else f"protocols/{key}/index.md"


def article_page(instrument: str, article: int) -> str:
    if instrument == CONVENTION_KEY:
        return f"convention/article-{article}.md"
    return f"protocols/{instrument}/article-{article}.md"


def body_page(key: str) -> str:
    return f"bodies/{key}.md"


def unresolved_anchor(resolution_id: str, passage_anchor: str, start: int) -> str:
    return f"u-{resolution_id}-{passage_anchor}-{start}"


def destination_page(destination: Destination) -> str | None:
    """The page a citation's destination lives on; None for an external document."""
    match destination:
        case ToResolution(resolution_id):
            return resolution_page(resolution_id)
        case ToCited(ref):
            return cited_page(ref)
        case ToArticle(instrument, article):
            return article_page(instrument, article)
        case ToInstrument(instrument):
            return instrument_page(instrument)
        case ToSymbol():
            return None
        case Unresolved():
            return UNRESOLVED
    raise AssertionError(destination)  # pragma: no cover - the match is exhaustive


@dataclass(frozen=True)
class Urls:
    """Turns a page's source path (``convention/article-30.md``) into URLs, as MkDocs would."""

    directory_urls: bool = True

    def output(self, page: str) -> str:
        """The HTML file MkDocs writes for ``page``."""
        stem = page.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return f"{stem}.html"
        return f"{stem}/index.html" if self.directory_urls else f"{stem}.html"

    def href(self, source: str, target: str, anchor: str = "") -> str:
        """A relative link from page ``source`` to page ``target`` (both source paths)."""
        fragment = f"#{anchor}" if anchor else ""
        if source == target and anchor:
            return fragment
        return _relative(self, posixpath.dirname(self.output(source)) or ".", target) + fragment


# Pages link to the same few hundred targets from the same few directories: computing each
# relative path once keeps link building out of the profile at 10,000 pages.
@lru_cache(maxsize=65536)
def _relative(links: Urls, here: str, target: str) -> str:
    rel = posixpath.relpath(links.output(target), here)
    if links.directory_urls and posixpath.basename(rel) == "index.html":
        rel = rel[: -len("index.html")] or "./"
    return rel
