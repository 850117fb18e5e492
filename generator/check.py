"""``atlas check``: validate the whole corpus and list every problem at once.

Every diagnostic has a stable code (for CI filters and for searching this table), a position
``file:line:column``, a message saying what is wrong and a hint saying how to fix it.

==========================  =======  ===========================================================
code                        level    meaning
==========================  =======  ===========================================================
yaml-syntax                 error    the file is not valid YAML (position from the parser; an unclosed quote
                                     at the line where it opened)
yaml-too-deep               error    nesting past 64 levels (the file is not read further)
yaml-too-many-aliases       error    more than 200 YAML aliases (*name) in one file
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
id-number-mismatch          warning  an id like cop-res-5-2 on a text numbered 5/1 (or on a draft)
duplicate-paragraph-id      error    two paragraphs (or annexes) of a file share an id
misplaced-paragraph-id      error    e.g. an op-N id in the preamble, annex-2-a in annex 1
misplaced-heading           error    a heading on a paragraph other than an operative one
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

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.citations import (
    Finder,
    FinderFailure,
    FinderMemo,
    Resolved,
    Resolver,
    Unresolved,
    find,
    resolve,
)
from generator.diagnostics import Diagnostic, Report
from generator.export.versions import check_versions
from generator.ids import DocumentRef
from generator.markup import to_plain
from generator.model import Corpus, Resolution, passages
from generator.progress import Progress, ignore
from generator.schema.load import LoadAll, diagnostic_at, load_corpus


def check_corpus(root: Path) -> Report:
    """Everything wrong with the corpus under ``root``: schema, rules, bodies and citations."""
    return load_checked_corpus(root)[1]


def load_checked_corpus(
    root: Path, finder: Finder | None = None, *, progress: Progress = ignore, load: LoadAll | None = None
) -> tuple[Corpus, Report]:
    """The corpus and the full report of ``atlas check``: what a build should refuse to start without.

    ``load`` reads one resolution file (see :func:`generator.schema.load.load_corpus`).
    """
    checked = check_and_cite(root, finder=finder, progress=progress, load=load)
    return checked.corpus, checked.report


@dataclass(frozen=True)
class Checked:
    """A loaded corpus, everything wrong with it, and its citations: found once, resolved once."""

    corpus: Corpus
    report: Report
    citations: tuple[Resolved, ...]


def check_and_cite(
    root: Path,
    *,
    finder: Finder | None = None,
    resolver: Resolver | None = None,
    progress: Progress = ignore,
    load: LoadAll | None = None,
) -> Checked:
    """Load and check the corpus, and run the citation stages on it, once: the build takes the
    citations from here, so that no stage finds them again."""
    corpus, report = load_and_check(root, progress=progress, load=load)
    citations, diagnostics = cite(corpus, finder=finder, resolver=resolver, progress=progress)
    report.extend(diagnostics)
    return Checked(corpus, report, citations)


def load_and_check(
    root: Path, *, progress: Progress = ignore, load: LoadAll | None = None
) -> tuple[Corpus, Report]:
    """The corpus and everything wrong with it but its citations (schema, rules, versions)."""
    corpus, report = load_corpus(root, progress=progress, load=load)
    report.extend(check_versions(corpus))
    return corpus, report


def cite(
    corpus: Corpus,
    *,
    finder: Finder | None = None,
    resolver: Resolver | None = None,
    progress: Progress = ignore,
    memo: FinderMemo | None = None,
) -> tuple[tuple[Resolved, ...], list[Diagnostic]]:
    """Find every citation of every passage of the corpus, resolve each, and say what did not
    resolve: the citation stages of a build. ``progress`` hears ``("check", done, resolutions)``;
    ``memo`` holds the finder's answers of the build before (see :class:`FinderMemo`)."""
    texts = [p for r in corpus.resolutions for p in passages(r)]
    findings = find(texts, corpus.bodies, corpus.instruments, finder=finder, progress=progress, memo=memo)
    resolved = resolve(findings.citations, corpus, resolver)
    return resolved, citation_diagnostics(corpus, resolved, findings.failures)


def check_citations(
    corpus: Corpus, finder: Finder | None = None, *, progress: Progress = ignore
) -> list[Diagnostic]:
    """Citations that point nowhere: articles an instrument lacks, bodies not in bodies.yaml, placeholders."""
    return cite(corpus, finder=finder, progress=progress)[1]


def citation_diagnostics(
    corpus: Corpus, resolved: Sequence[Resolved], failures: Sequence[FinderFailure] = ()
) -> list[Diagnostic]:
    """A diagnostic for every citation that did not resolve, and for every passage the finder
    failed on, in reading order (resolution by resolution, passage by passage)."""
    by_id = {r.id: r for r in corpus.resolutions}
    order = {r.id: n for n, r in enumerate(corpus.resolutions)}
    found: list[tuple[tuple[int, int, int], Diagnostic]] = []
    for failure in failures:
        p = failure.passage
        res = by_id[p.resolution_id]
        diagnostic = diagnostic_at(
            res,
            f"{p.key}.text",
            "citation-finder-failed",
            f"the citation finder failed on {p.name}: {failure.error}",
            "this is a bug in generator/citations: report it with this text",
        )
        found.append(((order[p.resolution_id], p.position, -1), diagnostic))
    for r in resolved:
        if not isinstance(r.destination, Unresolved):
            continue
        res = by_id[r.resolution_id]
        if _reported_already(res, r):
            continue
        p, d = r.passage, r.destination
        message = f"{p.name} cites “{to_plain(r.citation.text)}”{d.problem}"
        diagnostic = diagnostic_at(res, f"{p.key}.text", d.code, message, d.hint, d.severity)
        found.append(((order[p.resolution_id], p.position, r.citation.start), diagnostic))
    return [d for _, d in sorted(found, key=lambda x: x[0])]


def _reported_already(res: Resolution, r: Resolved) -> bool:
    """"its resolution …" in a resolution whose own body (or recommended_to) is unknown repeats
    that problem, already reported at ``body:`` or ``recommended_to:``."""
    target = r.citation.target
    unknown_body = isinstance(r.destination, Unresolved) and r.destination.code == "unknown-cited-body"
    return unknown_body and isinstance(target, DocumentRef) and target.body in (res.body, res.recommended_to)
