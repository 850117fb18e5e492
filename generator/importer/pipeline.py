"""The importer's pure core: raw text → ``Resolution`` and diagnostics, one stage per module.

    clean (clean.py) → segment (segment.py) → metadata (metadata.py) → footnotes (footnotes.py)

Diagnostic codes (all carry the raw file's path and line):

=======  ========  ================================================================
IMP000   error     the raw file cannot be read (warning: invalid UTF-8 replaced)
IMP001   error     no title found
IMP002   error     a footnote mark without footnote text
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
=======  ========  ================================================================

``emit.py`` adds the codes of writing and re-importing (IMP100 and up).
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.diagnostics import Diagnostic
from generator.importer.clean import clean
from generator.importer.footnotes import attach
from generator.importer.metadata import read_header
from generator.importer.segment import segment
from generator.importer.vocabulary import load_bodies
from generator.model import Body, Resolution


def import_text(
    text: str, source: str, bodies: Mapping[str, Body] | None = None
) -> tuple[Resolution, list[Diagnostic]]:
    """Read one raw UN text into a resolution; problems are returned as diagnostics, never raised."""
    bodies = load_bodies() if bodies is None else bodies
    cleaned = clean(text)
    parts = segment(cleaned.blocks, source)
    header = read_header(parts.header, parts.formula, source, bodies)
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
    diagnostics = [*parts.diagnostics, *header.diagnostics, *footnote_diagnostics]
    return resolution, sorted(diagnostics, key=lambda d: (d.line or 0, d.code))
