"""One build's state, in one object: its settings, what it generated, the date it stamps on the site.

A ``BuildSession`` is made for each build by whoever runs it (the MkDocs plugin, on each build and
each rebuild of ``serve``; ``atlas generate``), is given everything it needs as arguments, and is
dropped when the build is done. Nothing of a build is kept in a module or in ``os.environ``: what
outlives one build is only the cache of loaded texts (``generator.cache``), which the owner of a
series of builds (``serve``) hands to each session, and which checks every answer against the bytes
of the file it stands for.

The pure core: no MkDocs here (``generator/mkdocs_adapter.py`` is its only user of that kind).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from generator import incremental, parallel
from generator.cache import TextCache
from generator.citations import FinderMemo
from generator.generate import Generated, generate
from generator.graph import Graph
from generator.progress import Progress, ignore
from generator.schema.load import load_resolution

# The date of a corpus with no dated document (MkDocs' sitemap needs one).
NO_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Settings:
    """What a build is asked to do; read once, from the command line or mkdocs.yml, by the shell."""

    corpus: Path
    pages: Path | None
    directory_urls: bool = True
    # The hosted site's address, when known (the data files' links are absolute then).
    site_url: str | None = None
    # Worker processes (None: one per core; 1: all in this process).
    workers: int | None = None
    # Where loaded texts are cached between builds (None: in this process only).
    cache_dir: Path | None = None
    # The build date, when the caller fixes it (SOURCE_DATE_EPOCH); else the corpus's newest date.
    source_date_epoch: int | None = None
    # Where the repository's files are read online (mkdocs.yml extra.source_url), for the
    # maintainers' links at the bottom of each text; empty: none.
    source_url: str = ""


@dataclass
class BuildSession:
    """One build: ``run`` generates the docs; then ``result`` and ``epoch`` say what came of it."""

    settings: Settings
    texts: TextCache | None = None
    # The build before this one by the same owner (`serve`): its graph tells what an edit changed.
    previous: BuildSession | None = None
    out_dir: Path | None = None
    result: Generated | None = None
    epoch: int | None = None
    # Generated pages (source paths) whose HTML the MkDocs plugin holds while Markdown skips them.
    held: dict[str, str] = field(default_factory=dict)
    # The citation finder's answers, handed from each build to the next of the same owner (None: a
    # build with no next one, which need not keep them).
    memo: FinderMemo | None = None

    @classmethod
    def start(
        cls,
        settings: Settings,
        texts: TextCache | None = None,
        previous: BuildSession | None = None,
        *,
        remember: bool = False,
    ) -> BuildSession:
        """A session; ``texts`` is the cache of an earlier session of the same owner, if any, and
        ``previous`` that session, if its pages are still those on disk (then only the pages an
        edit changes are rendered again). ``remember``: more builds will follow (``serve``), so the
        citation finder's answers are kept for them."""
        if texts is None:
            texts = TextCache(settings.cache_dir, load_resolution)
        memo = previous.memo if previous is not None else None
        if memo is None and remember:
            memo = FinderMemo()
        if previous is None:
            return cls(settings, texts, memo=memo)
        previous.previous = None  # one build back is all a rebuild needs
        return cls(settings, texts, previous, memo=memo)

    def run(self, out_dir: Path, *, progress: Progress = ignore) -> Generated:
        """Check the corpus and write its pages into ``out_dir`` (see ``generator.generate``)."""
        self.out_dir = out_dir
        before = self._previous_graph(out_dir)
        texts = self.texts
        if texts is not None:
            texts.begin()
        with parallel.using(self.settings.workers):
            result = generate(
                self.settings.corpus,
                out_dir,
                pages_dir=self.settings.pages,
                directory_urls=self.settings.directory_urls,
                progress=progress,
                site_url=self.settings.site_url,
                load=texts.load_all if texts is not None else None,
                plan=None if before is None else functools.partial(incremental.plan, before),
                source_url=self.settings.source_url,
                previous=None if before is None or self.previous is None else self.previous.result,
                memo=self.memo,
            )
        if texts is not None:
            texts.end()
        self.result = result
        self.previous = None  # its graph is not needed any more
        self.epoch = self.settings.source_date_epoch
        if self.epoch is None and result.graph is not None:
            self.epoch = corpus_epoch(result.graph)
        return result

    def _previous_graph(self, out_dir: Path) -> Graph | None:
        """The graph the pages in ``out_dir`` were rendered from, when a rebuild may trust them."""
        previous = self.previous
        if previous is None or previous.result is None or previous.result.graph is None:
            return None
        if previous.settings != self.settings or previous.out_dir != out_dir or not previous.result.report.ok:
            return None
        return previous.result.graph


def corpus_epoch(graph: Graph) -> int:
    """The newest document date of the corpus, as seconds since 1970 (UTC midnight).

    It stands for "when the content last changed": the same on every build of the same corpus,
    so two builds are byte-identical, and a new date in the corpus moves it.
    """
    dates = [d.when.date for d in graph.documents if d.in_corpus and d.when.date]
    newest = max(dates, default=NO_DATE)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())
