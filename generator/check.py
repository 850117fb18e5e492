"""``atlas check``: validate the whole corpus and list every problem at once.

Every diagnostic has a stable code (for CI filters and for searching this table), a position
``file:line:column``, a message saying what is wrong and a hint saying how to fix it.

==========================  =======  ===========================================================
code                        level    meaning
==========================  =======  ===========================================================
yaml-syntax                 error    the file is not valid YAML (position from the parser; an unclosed quote
                                     at the line where it opened)
yaml-too-deep               error    nesting past 64 levels (the file is not read further)
yaml-too-many-aliases       error    aliases (*name) copying anchored values more than 200 times
yaml-too-large              error    aliases that would expand the file past 10 million nodes and characters
yaml-alias-cycle            error    an alias inside the node it names (&a [*a])
yaml-tag                    error    a tag other than YAML's plain types (!!python/…, !!binary, !!set, !x)
yaml-number                 error    a number too long to read (over 4,300 digits)
file-too-large              error    a file over 16 MiB, refused unread
empty-file                  error    the file holds no YAML document
not-a-mapping               error    the top level is a list or a single value, not keys
duplicate-key               error    the same key twice in one mapping (YAML would keep one)
read-error                  error    the file cannot be read, or is not UTF-8
missing-key                 error    a required key is absent
unknown-key                 error    a key the format does not have (did you mean …?)
wrong-type                  error    e.g. text where a number is expected, or an unquoted 12
bad-enum                    error    kind/status/numbering outside its listed values
bad-paragraph-id            error    a paragraph id not of the form pp-N, op-N, op-N-x, annex-K-…
bad-date                    error    not a real YYYY-MM-DD date (2020-13-40)
bad-value                   error    any other value of the wrong form (symbol, mark, empty text)
duplicate-item              error    a list (sponsors, names) repeats an entry
duplicate-id                error    two files with the same resolution id
id-mismatch                 error    the id differs from the file name <id>.yaml
duplicate-paragraph-id      error    two paragraphs (or annexes) of a file share an id
misplaced-paragraph-id      error    e.g. an op-N id in the preamble, annex-2-a in annex 1
subparagraph-id-prefix      error    a sub-paragraph id not starting with its paragraph's id
paragraph-number-mismatch   warning  op-12 printed as number 13
unknown-body                error    body is not a key of bodies.yaml
unknown-recommended-to      error    recommended_to is not a key of bodies.yaml
footnote-missing            error    a mark [^3] in a text, with no footnote 3
footnote-unused             error    a footnote whose mark stands in no text
footnote-bad-anchor         error    a footnote anchor naming no element of the resolution
footnote-anchor-mismatch    error    the mark stands elsewhere than the footnote's anchor
duplicate-footnote          error    two footnotes with the same mark
unknown-article             error    a cited article the instrument does not have (article 99)
unknown-instrument          error    a cited instrument with no file in instruments/
unknown-cited-body          error    a cited resolution or decision of a body not in bodies.yaml
unresolvable-citation       warning  a placeholder citation (resolution 2012/[...]), kept as such
citation-finder-failed      error    the citation finder crashed on a text (a bug: report it)
duplicate-body              error    bodies.yaml lists a key twice
ambiguous-body-name         error    two bodies share a name or short reference
duplicate-instrument        error    two instrument files with the same key
instrument-key-mismatch     error    an instrument's key differs from its file name
duplicate-article           error    an instrument lists an article number twice
article-gap                 error    an instrument skips article numbers
article-order               warning  an instrument's articles are out of order
missing-schema-reference    warning  no "# yaml-language-server: $schema=…" comment for editors
wrong-schema-reference      warning  that comment points at the wrong schema
missing-corpus              error    the corpus directory does not exist
missing-file                error    bodies.yaml is missing
missing-directory           err/warn instruments/ (error) or resolutions/ (warning) is missing
no-resolutions              warning  resolutions/ holds no file yet
ignored-file                error    a file in resolutions/ or instruments/ not named .yaml (x.yml: rename it)
hidden-file                 error    a file there whose name starts with a dot (.x.yaml, ...yaml)
not-a-file                  error    a directory (x.yaml/), a named pipe, socket or device there
broken-link                 error    a symbolic link there to nothing
link-outside-corpus         error    a symbolic link leading out of the corpus: refused, its target unread
==========================  =======  ===========================================================
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import parallel
from generator.citations import find_citations, speaking_body
from generator.diagnostics import Diagnostic, Report, did_you_mean
from generator.export.versions import check_versions
from generator.ids import ArticleRef, DocumentRef
from generator.markup import to_plain
from generator.model import Body, Citation, Corpus, Instrument, Resolution
from generator.progress import Progress, ignore
from generator.schema.load import Loaded, diagnostic_at, load_corpus
from generator.schema.rules import located_paragraphs

# The citation finder's signature; a parameter so tests (and other finders) can be passed in.
Finder = Callable[..., list[Citation]]
# Reads one resolution file (load_resolution, or a build's cache around it).
Loader = Callable[[Path], Loaded]


def check_corpus(root: Path) -> Report:
    """Everything wrong with the corpus under ``root``: schema, rules, bodies and citations."""
    return load_checked_corpus(root)[1]


def load_checked_corpus(
    root: Path, finder: Finder = find_citations, *, progress: Progress = ignore, load: Loader | None = None
) -> tuple[Corpus, Report]:
    """The corpus and the full report of ``atlas check``: what a build should refuse to start without.

    ``load`` reads one resolution file (see :func:`generator.schema.load.load_corpus`).
    """
    corpus, report = load_corpus(root, progress=progress, load=load)
    global _last_reading
    if isinstance(finder, MemoFinder) and _last_reading is not None:
        bodies, instruments, cache = _last_reading
        # What the finder read last time still holds if the bodies and instruments are the same
        # (a rebuild under `serve` after an edit of one resolution).
        if bodies == corpus.bodies and instruments == corpus.instruments:
            finder.previous = cache
    report.extend(check_citations(corpus, finder, progress=progress))
    report.extend(check_versions(corpus))
    if isinstance(finder, MemoFinder):
        _last_reading = (corpus.bodies, corpus.instruments, finder.cache)
    return corpus, report


# The last MemoFinder's answers, with the bodies and instruments they were found with.
_last_reading: (
    tuple[Mapping[str, Body], Mapping[str, Instrument], dict[tuple[str, str], list[Citation]]] | None
) = None


class MemoFinder:
    """``find_citations`` with a memory: the same text, in the same voice, is read once.

    The check reads every text of the corpus; the citation graph reads them again through the
    same MemoFinder and finds its answers remembered.
    """

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], list[Citation]] = {}
        # Answers of an earlier run with the same bodies and instruments, taken over when asked.
        self.previous: Mapping[tuple[str, str], list[Citation]] = {}

    def __call__(
        self,
        text: str,
        *,
        issuing_body: str,
        bodies: Mapping[str, Body],
        instruments: Mapping[str, Instrument],
    ) -> list[Citation]:
        key = (text, issuing_body)
        if key not in self.cache:
            found = self.previous.get(key)
            if found is None:
                found = find_citations(
                    text, issuing_body=issuing_body, bodies=bodies, instruments=instruments
                )
            self.cache[key] = found
        return self.cache[key]


def check_citations(
    corpus: Corpus, finder: Finder = find_citations, *, progress: Progress = ignore
) -> list[Diagnostic]:
    """Citations that point nowhere: articles an instrument lacks, bodies not in bodies.yaml, placeholders.

    ``progress`` hears ``("check", resolutions checked, resolutions)``.
    """
    out: list[Diagnostic] = []
    total = len(corpus.resolutions)

    def checked(done: int) -> None:
        progress("check", done, total)

    forkable = finder is find_citations or isinstance(finder, MemoFinder)
    if forkable and parallel.workers(len(corpus.resolutions)) > 1:
        # The finder is most of the check's time: its resolutions are read on every core.
        read = functools.partial(_check_resolution, bodies=corpus.bodies, instruments=corpus.instruments)
        for resolution, (diagnostics, found) in zip(
            corpus.resolutions, parallel.map_in_order(read, corpus.resolutions, progress=checked), strict=True
        ):
            out.extend(diagnostics)
            if isinstance(finder, MemoFinder):
                speaking = speaking_body(resolution)
                for place, citations in zip(_places(resolution), found, strict=True):
                    if citations is not None:
                        finder.cache.setdefault((place.text, speaking), citations)
        return out
    for done, resolution in enumerate(corpus.resolutions, start=1):
        for place in _places(resolution):
            out.extend(_check_place(resolution, place, corpus.bodies, corpus.instruments, finder))
        checked(done)
    return out


def _check_resolution(
    resolution: Resolution, *, bodies: Mapping[str, Body], instruments: Mapping[str, Instrument]
) -> tuple[list[Diagnostic], list[list[Citation] | None]]:
    """One resolution's citation diagnostics, and what the finder found in each of its places
    (None where it failed), for the parent's MemoFinder."""
    found: list[list[Citation] | None] = []

    def recording(text: str, **kwargs: Any) -> list[Citation]:
        found.append(None)
        citations = find_citations(text, **kwargs)
        found[-1] = citations
        return citations

    diagnostics: list[Diagnostic] = []
    for place in _places(resolution):
        diagnostics.extend(_check_place(resolution, place, bodies, instruments, recording))
    return diagnostics, found


@dataclass(frozen=True)
class _Place:
    """A text the citation graph reads: a paragraph, or a footnote (as ``citations_in`` reads them)."""

    name: str
    key: str
    text: str


def _places(res: Resolution) -> Iterator[_Place]:
    for lp in located_paragraphs(res):
        yield _Place(lp.paragraph.id, f"{lp.key}.text", lp.paragraph.text)
    for i, footnote in enumerate(res.footnotes):
        yield _Place(f"footnote {footnote.mark}", f"footnotes.{i}.text", footnote.text)


def _check_place(
    res: Resolution,
    place: _Place,
    bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
    finder: Finder,
) -> list[Diagnostic]:
    try:
        # The same voice the citation graph uses: a draft recommended to ECOSOC speaks as ECOSOC.
        citations = finder(
            place.text, issuing_body=speaking_body(res), bodies=bodies, instruments=instruments
        )
    except Exception as error:  # a crash on one paragraph must not hide the rest of the report
        return [
            diagnostic_at(
                res,
                place.key,
                "citation-finder-failed",
                f"the citation finder failed on {place.name}: {type(error).__name__}: {error}",
                "this is a bug in generator/citations: report it with this text",
            )
        ]
    out: list[Diagnostic] = []
    for citation in citations:
        target = citation.target
        if isinstance(target, ArticleRef):
            out.extend(_check_article(res, place, citation, target, instruments))
        elif isinstance(target, DocumentRef):
            out.extend(_check_document(res, place, citation, target, bodies))
    return out


def _check_article(
    res: Resolution,
    place: _Place,
    citation: Citation,
    target: ArticleRef,
    instruments: Mapping[str, Instrument],
) -> list[Diagnostic]:
    cited = to_plain(citation.text)
    instrument = instruments.get(target.instrument)
    if instrument is None:
        close = did_you_mean(target.instrument, instruments)
        listing = "the instruments are: " + ", ".join(instruments)
        return [
            diagnostic_at(
                res,
                place.key,
                "unknown-instrument",
                f"{place.name} cites “{cited}” of an instrument '{target.instrument}' "
                "that has no file in instruments/",
                f"{close} ({listing})" if close else listing,
            )
        ]
    if instrument.article(target.article) is not None:
        return []
    numbers = [a.number for a in instrument.articles]
    span = f"articles {min(numbers)}–{max(numbers)}" if numbers else "no articles"
    return [
        diagnostic_at(
            res,
            place.key,
            "unknown-article",
            f"{place.name} cites “{cited}”, but the {instrument.short_name} has no article {target.article}",
            f"the {instrument.short_name} has {span}: correct the article number in the text",
        )
    ]


def _check_document(
    res: Resolution,
    place: _Place,
    citation: Citation,
    target: DocumentRef,
    bodies: Mapping[str, Body],
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    cited = to_plain(citation.text)
    # "its resolution …" in a resolution whose own body (or recommended_to) is unknown repeats
    # that problem, already reported at `body:` or `recommended_to:`.
    if target.body not in bodies and target.body not in (res.body, res.recommended_to):
        close = did_you_mean(target.body, bodies)
        listing = "add the body to corpus/bodies.yaml with the names texts use for it"
        out.append(
            diagnostic_at(
                res,
                place.key,
                "unknown-cited-body",
                f"{place.name} cites “{cited}” of a body '{target.body}' not in bodies.yaml",
                f"{close} ({listing})" if close else listing,
            )
        )
    if not target.resolvable:
        out.append(
            diagnostic_at(
                res,
                place.key,
                "unresolvable-citation",
                f"{place.name} cites “{cited}”, which names no document yet",
                "it is kept and shown as an unresolvable citation; "
                "once the number is known, write it in the text",
                "warning",
            )
        )
    return out
