"""A resolution as the lines of a document, before any layout: what every layout prints.

``document(resolution, bodies)`` turns the model into an ordered list of ``Piece``s — header lines,
the title, the opening formula, paragraphs with their printed labels ("12.", "(a)"), annex titles and
headings — each still in the corpus's inline markup, and the footnotes in mark order. A layout only
decides how the pieces are spelled (emphasis kept or lost, which style of footnote mark, wrapped or
flattened, page furniture around them).

The header is the one real UN documents carry for the text's status: a draft's masthead
("Distr.: Limited", the session, the venue, the agenda item, "Italy: draft resolution"), or the
"Resolution 5/1" heading of an adopted text as the seeds print it. The un.org adopted style and the
decision style have headers of their own (``layouts.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from generator.model import Body, Footnote, Paragraph, Resolution
from generator.synth import ordinal_words, un_date

Role = Literal[
    "masthead",  # header lines: body, distribution, date, session, venue, symbol, sponsors
    "agenda",  # the agenda item line and its title (may carry the "*" mark)
    "recommendation",
    "title",
    "formula",
    "preamble",
    "operative",
    "sub",
    "annex",  # "Annex I"
    "annex-title",
    "heading",
    "annex-text",
]

# Roles that are running text of the body: the ones a page break may split, wrapped as prose.
BODY_ROLES = frozenset({"preamble", "operative", "sub", "annex-text"})


@dataclass(frozen=True)
class Piece:
    role: Role
    markup: str
    # The printed label before the text: "12.", "(a)", "(iv)"; empty for none.
    label: str = ""
    # Nesting depth for sub-paragraphs (1 = (a), 2 = (i)), for layouts that indent.
    depth: int = 0


@dataclass(frozen=True)
class Document:
    pieces: tuple[Piece, ...]
    footnotes: tuple[Footnote, ...]


def _paragraph(p: Paragraph, role: Role, depth: int = 0) -> list[Piece]:
    label = ""
    if p.number is not None:
        label = f"{p.number}." if p.number.isdigit() and role == "operative" else f"({p.number})"
    out = [Piece(role, p.text, label, depth)]
    for sub in p.subparagraphs:
        out.extend(_paragraph(sub, "sub", depth + 1))
    return out


def _annex_paragraph(p: Paragraph) -> list[Piece]:
    label = ""
    if p.number is not None:
        label = f"{p.number}." if p.number.isdigit() else f"({p.number})"
    out = [Piece("annex-text", p.text, label)]
    for sub in p.subparagraphs:
        out.extend(_paragraph(sub, "sub", 1))
    return out


def body_pieces(r: Resolution) -> list[Piece]:
    """The formula, the paragraphs and the annexes: the same in every layout."""
    out: list[Piece] = []
    if r.formula:
        out.append(Piece("formula", r.formula))
    for p in r.preamble:
        out.extend(_paragraph(p, "preamble"))
    for p in r.operative:
        out.extend(_paragraph(p, "operative"))
    for annex in r.annexes:
        out.append(Piece("annex", f"Annex {annex.number}".strip()))
        if annex.title:
            out.append(Piece("annex-title", annex.title))
        out.extend(Piece("annex-text", p.text) for p in annex.intro)
        for section in annex.sections:
            if section.heading:
                out.append(Piece("heading", section.heading))
            for p in section.paragraphs:
                out.extend(_annex_paragraph(p))
    return out


def _sponsors(sponsors: tuple[str, ...]) -> str:
    if len(sponsors) <= 1:
        return "".join(sponsors)
    return f"{', '.join(sponsors[:-1])} and {sponsors[-1]}"


def session_line(r: Resolution) -> str | None:
    if r.session is None or r.body == "ecosoc":
        return None
    return f"{ordinal_words(r.session).capitalize()} session"


def _session_dates(day: dt.date) -> str:
    """ "12–16 October 2020": the week the session met, from the text's date."""
    monday = day - dt.timedelta(days=day.weekday())
    friday = monday + dt.timedelta(days=4)
    if monday.month != friday.month:
        return f"{un_date(monday).rsplit(' ', 1)[0]} – {un_date(friday)}"
    return f"{monday.day}–{un_date(friday)}"


def draft_header(r: Resolution, bodies: Mapping[str, Body]) -> list[Piece]:
    """The masthead of a draft, as seed 000 prints it."""
    out = [Piece("masthead", bodies[r.body].name)]
    if r.symbol:
        out.append(Piece("masthead", r.symbol))
    out.append(Piece("masthead", "Distr.: Limited"))
    if r.dates.distributed:
        out.append(Piece("masthead", un_date(r.dates.distributed)))
    out.append(Piece("masthead", "Original: English"))
    if session := session_line(r):
        out.append(Piece("masthead", session))
    if r.venue and r.dates.distributed:
        out.append(Piece("masthead", f"{r.venue}, {_session_dates(r.dates.distributed + dt.timedelta(21))}"))
    if r.agenda_item:
        star = "[^*]" if any(f.mark == "*" and f.anchor == "agenda-item" for f in r.footnotes) else ""
        out.append(Piece("agenda", f"Item {r.agenda_item.number} of the provisional agenda{star}"))
        if r.agenda_item.title:
            out.append(Piece("agenda", r.agenda_item.title))
    revised = "revised draft" if r.status == "revised-draft" else "draft"
    out.append(Piece("masthead", f"{_sponsors(r.sponsors)}: {revised} {r.kind}"))
    if r.recommendation:
        out.append(Piece("recommendation", r.recommendation))
    return out


def adopted_heading(r: Resolution) -> list[Piece]:
    """``Resolution 5/1`` / ``Decision 5/1``, as seed 004 prints an adopted text (after the symbol,
    ``A/RES/66/181``, and the date it was issued, for the bodies that issue their texts as documents)."""
    out = [Piece("masthead", r.symbol)] if r.symbol else []
    if r.dates.distributed:
        out += [Piece("masthead", "Distr.: General"), Piece("masthead", un_date(r.dates.distributed))]
    return [*out, Piece("masthead", f"{r.kind.capitalize()} {r.number}")]


def document(r: Resolution, bodies: Mapping[str, Body]) -> Document:
    """The pieces of ``r`` with the header its status calls for."""
    header = adopted_heading(r) if r.status == "adopted" and r.number else draft_header(r, bodies)
    return Document((*header, Piece("title", r.title), *body_pieces(r)), r.footnotes)
