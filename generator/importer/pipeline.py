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
IMP020   error     nothing read: no paragraph found (says what went to the header)
=======  ========  ================================================================

``emit.py`` adds the codes of writing and re-importing (IMP100 and up).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from generator.diagnostics import Diagnostic
from generator.importer.clean import Block, clean
from generator.importer.footnotes import attach, drop_marks, missing_marks
from generator.importer.layout import Normalised, normalise
from generator.importer.metadata import read_header
from generator.importer.segment import Segmented, segment
from generator.importer.vocabulary import load_bodies
from generator.model import Annex, AnnexSection, Body, Paragraph, Resolution


def import_text(
    text: str, source: str, bodies: Mapping[str, Body] | None = None
) -> tuple[Resolution, list[Diagnostic]]:
    """Read one raw UN text into a resolution; problems are returned as diagnostics, never raised."""
    bodies = load_bodies() if bodies is None else bodies
    normalised = normalise(text, source)
    cleaned = clean(normalised)
    parts = segment(cleaned.blocks, source)
    header = read_header(parts.header, parts.formula, source, bodies, parts.closing)
    footnotes, footnote_diagnostics = attach((*header.elements, *parts.elements), cleaned.footnotes, source)
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
    diagnostics = [*normalised.diagnostics, *parts.diagnostics, *header.diagnostics, *footnote_diagnostics]
    diagnostics.extend(
        Diagnostic(source, line, None, "IMP014", "a paragraph starting in lower case was joined to the "
                   "one before, which ends with a comma, semicolon or colon",
                   "check the raw text: a blank line (or a lost page header) cut a sentence in two",
                   "warning")
        for line in cleaned.joined_without_break
    )
    if not resolution.preamble and not resolution.operative and not resolution.annexes:
        diagnostics.append(_unreadable(normalised, cleaned.blocks, parts, source))
    return resolution, sorted(diagnostics, key=lambda d: (d.line or 0, d.code))


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
