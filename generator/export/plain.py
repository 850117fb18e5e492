"""A text as plain UTF-8 text: what a reader sees, laid out as the printed document.

Emphasis is dropped, footnote marks stay where they stand as ``[1]`` and the notes follow the text;
operative paragraphs carry their numbers, sub-paragraphs their letters, annexes their headings.
Lines are not wrapped: one paragraph is one line, which is what text tools and diff expect.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.markup import tokenize
from generator.model import Body, Paragraph, Resolution
from generator.render.naming import format_date, resolution_kicker


def plain(markup: str | None) -> str:
    """Markup as plain text: emphasis dropped, footnote marks as ``[1]``."""
    out = []
    for t in tokenize(markup or ""):
        if t.kind == "text":
            out.append(t.value)
        elif t.kind == "footnote":
            out.append(f"[{t.value}]")
    return " ".join("".join(out).split())


def _paragraph(p: Paragraph, depth: int, lines: list[str]) -> None:
    indent = "    " * depth
    label = ""
    if p.number:
        # As printed: "7." for a numbered paragraph, "(a)" for a lettered one.
        label = f"{p.number}. " if p.number.isdigit() else f"({p.number}) "
    lines.append(f"{indent}{label}{plain(p.text)}")
    for s in p.subparagraphs:
        _paragraph(s, depth + 1, lines)


def resolution_text(r: Resolution, bodies: Mapping[str, Body]) -> str:
    lines: list[str] = [resolution_kicker(bodies, r), ""]
    if r.symbol:
        lines.append(f"Symbol: {r.symbol}")
    if r.dates.distributed:
        lines.append(f"Distributed: {format_date(r.dates.distributed)}")
    if r.dates.adopted:
        lines.append(f"Adopted: {format_date(r.dates.adopted)}")
    if r.venue:
        lines.append(f"Venue: {r.venue}")
    if r.agenda_item:
        title = f" {plain(r.agenda_item.title)}" if r.agenda_item.title else ""
        lines.append(f"Agenda item {r.agenda_item.number}.{title}")
    if r.sponsors:
        lines.append(f"Sponsors: {'; '.join(r.sponsors)}")
    if lines[-1]:
        lines.append("")
    if r.recommendation:
        lines += [plain(r.recommendation), ""]
    lines += [plain(r.title), ""]
    if r.formula:
        lines += [plain(r.formula), ""]
    for p in r.preamble:
        _paragraph(p, 0, lines)
        lines.append("")
    for p in r.operative:
        if p.heading:
            lines += [plain(p.heading), ""]
        _paragraph(p, 0, lines)
        lines.append("")
    for annex in r.annexes:
        heading = f"Annex {annex.number}".strip()
        lines += [heading, ""]
        if annex.title:
            lines += [plain(annex.title), ""]
        for p in annex.intro:
            _paragraph(p, 0, lines)
            lines.append("")
        for section in annex.sections:
            if section.heading:
                lines += [plain(section.heading), ""]
            for p in section.paragraphs:
                _paragraph(p, 0, lines)
                lines.append("")
    if r.footnotes:
        lines += ["Notes", ""]
        lines += [f"[{f.mark}] {plain(f.text)}" for f in r.footnotes]
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
