"""Which pages an edit can change: a rebuild renders those, and keeps the others as they are on disk.

A page of the site is a function of the graph. Some read the whole corpus (the home page, the
tables, the timeline, the bodies): they are few, and always rendered again. The many are the page of
each resolution, of each document cited but not in the corpus, of each article and of each
instrument; this module works out which of those an edit reaches, from the graph before the edit and
the graph after it:

- When the edit is to the *text* of resolutions (paragraphs, sub-paragraphs, annexes, footnotes)
  and to nothing a page of another text shows of them (id, body, number, title, dates, symbol,
  session…): the pages of the edited resolutions; of every resolution or cited document they
  cite, before or after the edit (its "cited by" list shows the citing passages); of every
  resolution that cites them (a pinpoint can show a passage); and, for each cited document
  they cite whose harvested title or dates the edit changes, of every text that cites it too; and of
  each article of an instrument they cite, before or after, and of each instrument they cite or
  whose articles they cite (an article's or an instrument's page shows only the passages that cite
  it).
- A resolution added or removed (a file renamed with its id is both) is an edit of its whole text:
  the same pages, seen from the graph that holds it, and the pages of the texts that name it as a
  version or that it names (a text's page lists its versions, and links those in the corpus).
  The page of a cited document that the added text now is, or that the removed one becomes, goes
  or comes with the graph.
- Anything else — a change of what others show of a text that stays, of the bodies or the
  instruments, of the date of the data (the newest text's, in every text's data files), another URL
  style — renders every page.

The rule errs on the side of rendering; ``tests/test_incremental.py`` holds a build that follows
it byte for byte to a clean build, over random sequences of edits, additions, renames and deletions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

from generator.export import as_of
from generator.graph import Graph, ToArticle, ToCited, ToInstrument, ToResolution
from generator.ids import DocumentRef
from generator.model import Resolution
from generator.render import urls

# A page to render (True), or one whose bytes on disk are already right (False).
Plan = Callable[[str], bool]


def plan(before: Graph | None, after: Graph) -> Plan | None:
    """Which pages of ``after`` to render, knowing that the docs on disk were rendered from
    ``before``; None: render every page."""
    if before is None:
        return None
    if before.corpus.bodies != after.corpus.bodies or before.corpus.instruments != after.corpus.instruments:
        return None
    if as_of(before) != as_of(after):
        return None  # the date of the data, which every text's data files carry (a newest text came or went)
    old = {r.id: r for r in before.resolutions}
    new = {r.id: r for r in after.resolutions}
    kept = old.keys() & new.keys()
    edited = [i for i in sorted(kept) if new[i] is not old[i] and new[i] != old[i]]
    if any(_shown_elsewhere(old[i]) != _shown_elsewhere(new[i]) for i in edited):
        return None
    come_or_gone = sorted(old.keys() ^ new.keys())
    edited += come_or_gone

    resolutions: set[str] = set(edited) | _versions_naming(come_or_gone, old, new)
    cited: set[DocumentRef] = set()
    articles: set[str] = set()
    # An instrument's page (its articles' counts, the matrix by year, the texts naming it as a whole)
    # shows only the passages that cite it or its articles.
    instruments: set[str] = set()
    for graph in (before, after):
        for i in edited:
            resolutions.update(c.resolution_id for c in graph.cited_by.get(ToResolution(i), ()))
            for target in graph.cites.get(i, ()):
                destination = target.destination
                if isinstance(destination, ToResolution):
                    resolutions.add(destination.resolution_id)
                elif isinstance(destination, ToCited):
                    cited.add(destination.ref)
                elif isinstance(destination, ToArticle):
                    articles.add(urls.article_page(destination.instrument, destination.article))
                    instruments.add(destination.instrument)
                elif isinstance(destination, ToInstrument):
                    instruments.add(destination.instrument)
    for ref in cited:
        # Its title and dates are harvested from every citation of it: when they change, so do the
        # pages of all the texts that cite it.
        if _summary(before, ref) != _summary(after, ref):
            for graph in (before, after):
                resolutions.update(c.resolution_id for c in graph.cited_by.get(ToCited(ref), ()))

    every_article = frozenset(
        urls.article_page(i.instrument.key, a.article.number) for i in after.instruments for a in i.articles
    )
    every_instrument = frozenset(urls.instrument_page(i.instrument.key) for i in after.instruments)
    skippable = _pages(new, (c.ref for c in after.cited_documents)) | every_article | every_instrument
    wanted = _pages(resolutions, cited) | articles | {urls.instrument_page(key) for key in instruments}
    return lambda path: path not in skippable or path in wanted


def _summary(graph: Graph, ref: DocumentRef) -> tuple[object, object]:
    """What the pages citing a document outside the corpus show of it (None: it is not cited)."""
    try:
        return graph.document(ToCited(ref)), graph.cited_document(ref)
    except KeyError:
        return None, None


def _pages(resolution_ids: Iterable[str], cited: Iterable[DocumentRef]) -> frozenset[str]:
    return frozenset(urls.resolution_page(i) for i in resolution_ids) | frozenset(
        urls.cited_page(ref) for ref in cited
    )


def _versions_naming(ids: Iterable[str], *corpora: Mapping[str, Resolution]) -> set[str]:
    """The texts that name one of ``ids`` as a version, or that one of them names."""
    wanted = set(ids)
    if not wanted:
        return set()
    found: set[str] = set()
    for corpus in corpora:
        for r in corpus.values():
            named = {v.id for v in r.versions if v.id}
            if r.id in wanted:
                found |= named
            elif named & wanted:
                found.add(r.id)
    return found


def _shown_elsewhere(resolution: Resolution) -> Resolution:
    """A resolution without its text: what the pages of other texts, the tables and the indexes
    can show of it (its place in the files, ``origin``, shows nowhere)."""
    return dataclasses.replace(resolution, preamble=(), operative=(), annexes=(), footnotes=(), origin=None)
