"""The importer's pure core: raw text → ``Resolution`` and diagnostics, one stage per module.

    clean (clean.py) → segment (segment.py) → metadata (metadata.py) → footnotes (footnotes.py)

Diagnostic codes (all carry the raw file's path and line):

=======  ========  ================================================================
IMP000   error     the raw file cannot be read (warning: invalid UTF-8 replaced)
IMP001   error     no title found
IMP002   warning   a footnote mark without footnote text (the mark is left out)
IMP003   error     a footnote text without a mark
IMP004   error     an unknown body, or no body named at all
IMP005   warning   a leading verb phrase not in vocabulary.yaml: not emphasised
IMP006   warning   no opening formula, or no paragraphs
IMP007   warning   paragraph numbers or letters out of sequence
IMP008   warning   a header line not understood
IMP009   warning   a heading outside an annex
IMP010   warning   a lettered paragraph without a parent, or unnumbered operative text
IMP011   warning   an impossible date
IMP012   warning   a footnote number used twice
IMP013   warning   web-page navigation left out (layout.py)
IMP014   warning   a lower-case paragraph joined to one ending in ,;: with no page break between
IMP016   warning   a page's list gives a text another title than the text's own (texts.py)
IMP017   warning   a page's list names a text the file does not hold
IMP020   error     nothing read: no paragraph found (says what went to the header)
=======  ========  ================================================================

``emit.py`` adds the codes of writing and re-importing (IMP100 and up).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from generator.diagnostics import Diagnostic
from generator.importer.clean import Block, Cleaned, FootnoteText, clean
from generator.importer.footnotes import attach, drop_marks, italicise_titles, missing_marks
from generator.importer.layout import Normalised, normalise
from generator.importer.metadata import read_header
from generator.importer.quoted import unquote_recommended_draft
from generator.importer.segment import Segmented, segment
from generator.importer.texts import Split, heading_for, match_entries, split_texts, with_heading
from generator.importer.vocabulary import load_bodies
from generator.model import Annex, AnnexSection, Body, Paragraph, Resolution


def import_text(
    text: str, source: str, bodies: Mapping[str, Body] | None = None
) -> tuple[Resolution, list[Diagnostic]]:
    """Read one raw UN text into a resolution; problems are returned as diagnostics, never raised.

    A file holding several texts gives its first here; ``import_texts`` gives them all.
    """
    return import_texts(text, source, bodies)[0]


def import_texts(
    text: str, source: str, bodies: Mapping[str, Body] | None = None
) -> list[tuple[Resolution, list[Diagnostic]]]:
    """Read every text of a raw file (a session page holds several), in file order."""
    bodies = load_bodies() if bodies is None else bodies
    names = tuple(n for b in bodies.values() for n in (b.name, *b.names))
    normalised = normalise(text, source, names)
    cleaned = clean(normalised)
    split = split_texts(cleaned.blocks)
    file_diagnostics = [*normalised.diagnostics, *_joined(cleaned, source)]
    if len(split.texts) == 1:
        resolution, diagnostics = _read(cleaned.blocks, cleaned.footnotes, source, bodies, normalised)
        return [(resolution, _sorted([*file_diagnostics, *diagnostics]))]
    return _read_many(split, cleaned, normalised, file_diagnostics, source, bodies)


def _read_many(
    split: Split,
    cleaned: Cleaned,
    normalised: Normalised,
    file_diagnostics: list[Diagnostic],
    source: str,
    bodies: Mapping[str, Body],
) -> list[tuple[Resolution, list[Diagnostic]]]:
    """Each text with the shared header before it; the page's list matched to the texts."""
    starts = [t[0].line for t in split.texts]
    ranges = list(zip(starts, [*starts[1:], 1 << 30], strict=True))
    results = [
        _read((*split.shared, *blocks), _footnotes_of(cleaned.footnotes, lo, hi), source, bodies, normalised)
        for blocks, (lo, hi) in zip(split.texts, ranges, strict=True)
    ]
    found, list_diagnostics = match_entries(
        split, [r.number for r, _ in results], [r.title for r, _ in results], source
    )
    for i, entry in found.items():
        if results[i][0].number is None:  # the text's number is the list's: read it again with its heading
            blocks = with_heading(split.texts[i], heading_for(entry, split.texts[i][0].line))
            lo, hi = ranges[i]
            results[i] = _read((*split.shared, *blocks), _footnotes_of(cleaned.footnotes, lo, hi), source,
                               bodies, normalised)
    used = {(f.mark, f.text) for r, _ in results for f in r.footnotes}
    unused = {f.line for f in cleaned.footnotes if (f.mark, italicise_titles(f.text)) not in used}
    out = []
    for i, (resolution, diagnostics) in enumerate(results):
        lo, hi = ranges[i]
        # A footnote read from outside the text's lines was reported where it stands, and one that
        # another text used is no orphan; the shared header's lines are reported with the first text.
        own = [d for d in diagnostics if _belongs(d, lo, hi, first=i == 0)
               and (d.code != "IMP003" or d.line in unused)]
        extra = [*file_diagnostics, *list_diagnostics] if i == 0 else []
        out.append((resolution, _sorted([*extra, *own])))
    return out


def _belongs(d: Diagnostic, lo: int, hi: int, first: bool) -> bool:
    line = d.line or 0
    if d.code in ("IMP003", "IMP012"):
        return lo <= line < hi or (first and line < lo)
    return first or line >= lo


def _footnotes_of(footnotes: tuple[FootnoteText, ...], lo: int, hi: int) -> list[FootnoteText]:
    """The footnote texts within a text's lines, then the first of every other mark (a page's notes at
    its end serve all its texts)."""
    local = [f for f in footnotes if lo <= f.line < hi]
    marks = {f.mark for f in local}
    others: dict[str, FootnoteText] = {}
    for f in footnotes:
        if f.mark not in marks and not lo <= f.line < hi:
            others.setdefault(f.mark, f)
    return [*local, *others.values()]


def _read(
    blocks: tuple[Block, ...],
    footnote_texts: Sequence[FootnoteText],
    source: str,
    bodies: Mapping[str, Body],
    normalised: Normalised,
) -> tuple[Resolution, list[Diagnostic]]:
    """One text's blocks → its resolution (segment, header, footnotes)."""
    blocks = unquote_recommended_draft(blocks)
    parts = segment(blocks, source)
    header = read_header(parts.header, parts.formula, source, bodies, parts.closing)
    footnotes, footnote_diagnostics = attach((*header.elements, *parts.elements), footnote_texts, source)
    resolution = Resolution(
        id=header.id,
        body=header.body,
        kind=header.kind,
        status=header.status,
        title=header.title,
        number=header.number,
        session=header.session,
        year=header.year,
        symbol=header.symbol,
        dates=header.dates,
        venue=header.venue,
        meeting=header.meeting,
        agenda_item=header.agenda_item,
        sponsors=header.sponsors,
        recommended_to=header.recommended_to,
        recommendation=header.recommendation,
        formula=header.formula,
        preamble=parts.preamble,
        operative=parts.operative,
        annexes=parts.annexes,
        footnotes=footnotes,
        source=source,
    )
    if missing := missing_marks(footnote_diagnostics):
        resolution = without_marks(resolution, missing)
    diagnostics = [*parts.diagnostics, *header.diagnostics, *footnote_diagnostics]
    if not resolution.preamble and not resolution.operative and not resolution.annexes:
        diagnostics.append(_unreadable(normalised, blocks, parts, source))
    return resolution, diagnostics


def _joined(cleaned: Cleaned, source: str) -> list[Diagnostic]:
    return [
        Diagnostic(source, line, None, "IMP014", "a paragraph starting in lower case was joined to the "
                   "one before, which ends with a comma, semicolon or colon",
                   "check the raw text: a blank line (or a lost page header) cut a sentence in two",
                   "warning")
        for line in cleaned.joined_without_break
    ]


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.line or 0, d.code))


def _unreadable(
    normalised: Normalised, blocks: tuple[Block, ...], parts: Segmented, source: str
) -> Diagnostic:
    """Why no paragraph was found: what went to the header and where the formula was looked for."""
    lines = [block.line for block in parts.header]
    where = f"lines {lines[0]}–{lines[-1]}" if lines else "no line"
    if parts.formula is not None:
        found = f"the opening formula at line {parts.formula.line} is followed by no paragraph"
    else:
        found = (f"no opening formula (a line \"The <body> …,\" or \"… :\") in lines "
                 f"{blocks[0].line if blocks else 1}–{blocks[-1].line if blocks else 1}, "
                 "and no numbered paragraph or leading verb")
    return Diagnostic(
        source, parts.formula.line if parts.formula else (lines[0] if lines else 1), None, "IMP020",
        f"cannot read this text as a resolution or decision: read as {normalised.layout} text, "
        f"{len(parts.header)} of {len(blocks)} block(s) went to the header ({where}); {found}",
        "check that the file holds the text of a resolution or decision; nothing is written "
        "(--keep-partial writes what was read)",
    )


def without_marks(r: Resolution, marks: set[str]) -> Resolution:
    """The resolution with the marks of footnotes that have no text taken out of every text field."""

    def para(p: Paragraph) -> Paragraph:
        return replace(p, text=drop_marks(p.text, marks), subparagraphs=tuple(map(para, p.subparagraphs)))

    def annex(a: Annex) -> Annex:
        return replace(
            a,
            title=drop_marks(a.title, marks) if a.title else a.title,
            intro=tuple(map(para, a.intro)),
            sections=tuple(
                AnnexSection(drop_marks(s.heading, marks) if s.heading else s.heading,
                             tuple(map(para, s.paragraphs)))
                for s in a.sections
            ),
        )

    agenda = r.agenda_item
    if agenda is not None and agenda.title:
        agenda = replace(agenda, title=drop_marks(agenda.title, marks))
    return replace(
        r,
        title=drop_marks(r.title, marks),
        formula=drop_marks(r.formula, marks) if r.formula else r.formula,
        recommendation=drop_marks(r.recommendation, marks) if r.recommendation else r.recommendation,
        agenda_item=agenda,
        preamble=tuple(map(para, r.preamble)),
        operative=tuple(map(para, r.operative)),
        annexes=tuple(map(annex, r.annexes)),
    )
