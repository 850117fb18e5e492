"""The layouts real UN texts arrive in (issue 8 §1), written from any resolution of the model.

Each ``Layout`` says which texts it fits (``applies``) and renders one (``render``); the several-texts
layout renders a group (``render_many``). Everything is derived from the resolution itself (a job
number or a meeting number from its id and date), never from a clock or a random source: the same text
always gives the same bytes, so a failure can be reproduced from its test id.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.markup import footnote_marks
from generator.model import Body, Footnote, Resolution
from generator.synth import ordinal_words, un_date
from roundtrip.document import BODY_ROLES, Document, Piece, body_pieces, document, session_line
from roundtrip.spell import MarkStyle, footnote_line, spell

_WIDTH = 86  # characters per line of PDF text
_PAGE_LINES = 42  # lines of text per PDF page, before the page's footnotes


def _stable(r: Resolution, salt: str = "") -> int:
    """A number derived from the text's id: the same on every run and machine."""
    return zlib.crc32(f"{r.id}{salt}".encode())


def _first_marks(pieces: Sequence[Piece]) -> dict[int, list[str]]:
    """For each piece, the footnotes to print after it: those whose mark is first seen in it.

    The header's footnotes (the agenda item's ``*``) stand at the foot of the first page, as in the
    seeds: after the first paragraph of the body, never between two header lines.
    """
    seen: set[str] = set()
    out: dict[int, list[str]] = {}
    held: list[str] = []
    for i, piece in enumerate(pieces):
        for m in footnote_marks(piece.markup):
            if m not in seen:
                seen.add(m)
                (out.setdefault(i, []) if piece.role in BODY_ROLES else held).append(m)
        if held and piece.role in BODY_ROLES:
            out[i] = [*held, *out.get(i, [])]
            held = []
    if held:
        out.setdefault(len(pieces) - 1, []).extend(held)
    return out


def _notes(footnotes: Sequence[Footnote]) -> dict[str, Footnote]:
    return {f.mark: f for f in footnotes}


def _labelled(piece: Piece, text: str, sep: str = " ") -> str:
    return f"{piece.label}{sep}{text}" if piece.label else text


# --------------------------------------------------------------------------------------------------
# Markdown: a conversion of the PDF (seeds 000 and 002)
# --------------------------------------------------------------------------------------------------


def markdown(r: Resolution, bodies: Mapping[str, Body], doc: Document | None = None) -> str:
    """Blank-line separated blocks, ``*emphasis*`` kept, ``#`` headings for the masthead and the title as
    seed 002 has them, footnotes (¹ or ``<sup>1</sup>``) right after the paragraph of their mark."""
    doc = doc or document(r, bodies)
    style: MarkStyle = "sup" if _stable(r) % 2 else "uni"
    notes = _notes(doc.footnotes)
    first = _first_marks(doc.pieces)
    blocks: list[str] = []
    for i, piece in enumerate(doc.pieces):
        text = spell(piece.markup, emphasis=True, style=style, markdown=True)
        if piece.role == "masthead" and i == 0 and r.status != "adopted":
            text = f"# {text}"
        elif piece.role == "title":
            text = f"#### **{text}**"
        elif piece.role == "formula" and _stable(r, "f") % 2:
            text = f"*{text}*"
        elif piece.role == "heading":
            text = f"**{text}**"
        blocks.append(_labelled(piece, text))
        for m in first.get(i, []):
            if m in notes:
                blocks.append(footnote_line(m, notes[m].text, style, markdown=True))
    return "\n\n".join(blocks) + "\n"


# --------------------------------------------------------------------------------------------------
# PDF text: hard-wrapped, no blank lines, page furniture, footnotes at the foot of each page
# --------------------------------------------------------------------------------------------------


@dataclass
class _Line:
    text: str
    piece: int  # index of the piece it belongs to
    continues: bool  # True for the second and later lines of a wrapped piece


def _job_number(r: Resolution) -> str:
    year = (r.date or dt.date(2020, 1, 1)).year % 100
    return f"V.{year:02d}-{_stable(r, 'job') % 90000 + 10000:05d}"


def _running_header(r: Resolution, page: int) -> str:
    if r.symbol:
        return r.symbol
    return f"Page {page}"


# An old-style mark " 1/" stands after a space, but typesetting never starts a line with it: while the
# text is wrapped, the space before it is a non-breaking one (this stand-in, put back after wrapping).
_OLD_MARK_SPACE = re.compile(r" (?=\d{1,3}/(?:[\s,.;:)”’\"]|$))")
_NO_BREAK = "\x1f"


def _wrap(text: str, width: int, **options: object) -> list[str]:
    kept = _OLD_MARK_SPACE.sub(_NO_BREAK, text)
    return [w.replace(_NO_BREAK, " ") for w in textwrap.wrap(kept, width, **options)]  # type: ignore[arg-type]


def _pdf_lines(pieces: Sequence[Piece], style: MarkStyle) -> list[_Line]:
    lines: list[_Line] = []
    for i, piece in enumerate(pieces):
        text = _labelled(piece, spell(piece.markup, emphasis=False, style=style), "  ")
        if piece.role in BODY_ROLES or piece.role in ("title", "recommendation", "formula"):
            indent = "     " if piece.role in BODY_ROLES else "   "
            wrapped = _wrap(
                text, _WIDTH, initial_indent=indent, break_on_hyphens=False, break_long_words=False
            )
            lines.extend(_Line(w, i, k > 0) for k, w in enumerate(wrapped))
        elif piece.role in ("annex", "annex-title"):
            # Centred on the page, as the PDF prints an annex's number and title.
            wrapped = _wrap(text, 64, break_on_hyphens=False, break_long_words=False)
            lines.extend(_Line(" " * ((_WIDTH - len(w)) // 2) + w, i, k > 0) for k, w in enumerate(wrapped))
        elif piece.role == "heading":
            lines.append(_Line(f"  {text}", i, False))
        else:
            lines.append(_Line(f"  {text}", i, False))
    return lines


def _page_end(lines: Sequence[_Line], start: int) -> int:
    """Where the page starting at ``start`` ends: near its nominal length, after a comma inside a
    paragraph when one is close (the case the importer must rejoin), else at the nominal length."""
    nominal = start + _PAGE_LINES
    if nominal >= len(lines):
        return len(lines)
    for end in range(nominal, nominal - 12, -1):
        before, after = lines[end - 1], lines[end]
        if after.continues and before.text.rstrip().endswith(",") and after.text[:1].islower():
            return end
    return nominal


def pdf(r: Resolution, bodies: Mapping[str, Body], *, style: MarkStyle = "glued") -> str:
    """Text extracted from the PDF of the document: lines wrapped at 86 characters, no blank lines,
    the first line of a paragraph indented, a running header (the symbol, or "Page N") at the top of
    every page after the first, the job number and page number at the foot, and the page's footnotes
    after a ``____`` rule. Pages end inside a paragraph, after a comma where one is near."""
    doc = document(r, bodies)
    notes = _notes(doc.footnotes)
    first = _first_marks(doc.pieces)
    lines = _pdf_lines(doc.pieces, style)
    out: list[str] = []
    page, start = 1, 0
    placed: set[str] = set()
    while start < len(lines):
        end = _page_end(lines, start)
        if page > 1:
            out.append("\f" + _running_header(r, page))
        out.extend(line.text for line in lines[start:end])
        pieces_here = sorted({line.piece for line in lines[start:end]})
        due = [m for i in pieces_here for m in first.get(i, []) if m in notes and m not in placed]
        if due:
            out.append("__________________")
            for m in due:
                placed.add(m)
                wrapped = textwrap.wrap(
                    footnote_line(m, notes[m].text, style),
                    _WIDTH,
                    subsequent_indent="      ",
                    break_on_hyphens=False,
                    break_long_words=False,
                    drop_whitespace=False,
                )
                out.extend(w.rstrip() for w in wrapped)
        job = _job_number(r)
        out.append(f"{job}  {page}" if page % 2 else f"{page}  {job}")
        start, page = end, page + 1
    return "\n".join(out) + "\n"


def pdf_old_marks(r: Resolution, bodies: Mapping[str, Body]) -> str:
    """The PDF text of an older document: footnote marks printed ``1/`` and footnotes ``1/ …``."""
    return pdf(r, bodies, style="old")


# --------------------------------------------------------------------------------------------------
# Web copy: one paragraph per line, the page's navigation around it
# --------------------------------------------------------------------------------------------------


def _navigation_above(r: Resolution, bodies: Mapping[str, Body]) -> list[str]:
    body = bodies[r.body]
    return [
        "Skip to main content",
        "United Nations Office on Drugs and Crime",
        "English | Français | Español | Русский | 中文 | العربية",
        f"Home › Documents › {body.short_name} › {r.year or ''}".rstrip(" ›"),
        "Print this page",
    ]


_NAVIGATION_BELOW = (
    "Read more",
    "Download the PDF (312 KB)",
    "Download the Word version (96 KB)",
    "Back to top",
    "© United Nations. All rights reserved.",
)


def web(r: Resolution, bodies: Mapping[str, Body]) -> str:
    """Text copied from a web page: each paragraph on one line, no blank lines, italics lost, marks
    ``[1]`` with the footnotes at the end, and the page's navigation above and below the text."""
    doc = document(r, bodies)
    notes = _notes(doc.footnotes)
    out = _navigation_above(r, bodies)
    for piece in doc.pieces:
        out.append(_labelled(piece, spell(piece.markup, emphasis=False, style="bracket")))
    for f in doc.footnotes:
        if f.mark in notes:
            out.append(footnote_line(f.mark, f.text, "bracket"))
    out.extend(_NAVIGATION_BELOW)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------
# Flattened: the whole text in a handful of very long lines
# --------------------------------------------------------------------------------------------------


def flattened(r: Resolution, bodies: Mapping[str, Body]) -> str:
    """A copy that lost its line breaks: the header on one line, the formula and the preamble on the
    next, the operative part on one, each annex on one; the footnotes after a rule at the end."""
    doc = document(r, bodies)
    groups: list[list[str]] = [[], [], []]
    for piece in doc.pieces:
        text = _labelled(piece, spell(piece.markup, emphasis=False, style="glued"))
        if piece.role in ("masthead", "agenda", "recommendation", "title"):
            groups[0].append(text)
        elif piece.role in ("formula", "preamble"):
            groups[1].append(text)
        elif piece.role == "annex":
            groups.append([text])
        else:
            groups[-1].append(text)
    out = [" ".join(g) for g in groups if g]
    if doc.footnotes:
        out.append("__________________")
        out.extend(footnote_line(f.mark, f.text, "glued") for f in doc.footnotes)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------------
# un.org / ODS style of an adopted resolution (General Assembly, ECOSOC, CCPCJ)
# --------------------------------------------------------------------------------------------------


def _adopted_fits(r: Resolution) -> bool:
    return (
        r.status == "adopted"
        and r.kind == "resolution"
        and r.number is not None
        and r.dates.adopted is not None
        and r.body in ("ga", "ecosoc", "ccpcj")
    )


def _meeting(r: Resolution) -> str:
    n = 30 + _stable(r, "meeting") % 60
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} plenary meeting" if r.body != "ccpcj" else f"{n}{suffix} meeting"


def adopted(r: Resolution, bodies: Mapping[str, Body]) -> str:
    """An adopted text as un.org and ODS print it: the masthead (United Nations, the symbol, the body,
    "Distr.: General", the issue date), "Resolution adopted by the … on <date>" (in capitals for some
    texts), the committee's report in brackets, "NN/NNN. Title", the formula (its comma on the next
    line for some texts), the text, and the closing "NNth plenary meeting" with the adoption date."""
    assert r.number is not None and r.dates.adopted is not None
    body = bodies[r.body]
    adopted_on = r.dates.adopted
    masthead = ["United Nations"]
    if r.symbol:
        masthead.append(r.symbol)
    masthead += [body.name, "Distr.: General"]
    if r.dates.distributed:
        masthead.append(un_date(r.dates.distributed))
    if session := session_line(r):
        masthead.append(session)
    if r.body == "ga":
        masthead.append(f"Agenda item {100 + _stable(r, 'item') % 30}")
        report = f"[on the report of the Third Committee (A/{r.session}/{400 + _stable(r, 'r') % 99})]"
    elif r.body == "ecosoc":
        masthead.append(f"Agenda item {14 + _stable(r, 'item') % 5} (c)")
        report = (
            f"[on the recommendation of the Commission on Crime Prevention and Criminal Justice "
            f"(E/{r.year}/30)]"
        )
    else:
        report = ""
    adopted_line = f"Resolution adopted by the {body.name} on {un_date(adopted_on)}"
    if _stable(r, "caps") % 2:
        adopted_line = f"RESOLUTION ADOPTED BY THE {body.name.upper()}"
    notes = _notes(r.footnotes)
    pieces = body_pieces(r)
    first = _first_marks(pieces)
    blocks = [*masthead, adopted_line]
    if report:
        blocks.append(report)
    blocks.append(f"{r.number}. {spell(r.title, emphasis=False, style='uni')}")
    closing_done = False
    for i, piece in enumerate(pieces):
        if piece.role == "annex" and not closing_done:
            blocks += [_meeting(r), un_date(adopted_on)]
            closing_done = True
        text = _labelled(piece, spell(piece.markup, emphasis=True, style="uni"))
        if piece.role == "formula" and text.endswith(",") and _stable(r, "comma") % 2:
            text = f"{text[:-1]}\n,"
        blocks.append(text)
        for m in first.get(i, []):
            if m in notes:
                blocks.append(footnote_line(m, notes[m].text, "uni"))
    if not closing_done:
        blocks += [_meeting(r), un_date(adopted_on)]
    return "\n\n".join(blocks) + "\n"


# --------------------------------------------------------------------------------------------------
# Decision style: a decision of a session as the session's page or report prints it
# --------------------------------------------------------------------------------------------------


def _decision_fits(r: Resolution) -> bool:
    return r.kind == "decision" and r.status == "adopted" and r.number is not None


def decision(r: Resolution, bodies: Mapping[str, Body]) -> str:
    """ "Decision 5/1" (a full stop after the number for some texts), the title, the formula (ending in a
    colon when lettered paragraphs in the past tense follow), the paragraphs; footnotes at the end."""
    stop = "." if _stable(r, "stop") % 2 else ""
    blocks = [f"Decision {r.number}{stop}", spell(r.title, emphasis=False, style="uni")]
    pieces = body_pieces(r)
    blocks += [_labelled(p, spell(p.markup, emphasis=True, style="uni")) for p in pieces]
    blocks += [footnote_line(f.mark, f.text, "uni") for f in r.footnotes]
    return "\n\n".join(blocks) + "\n"


# --------------------------------------------------------------------------------------------------
# Several texts in one file: a session's page with its list of texts first
# --------------------------------------------------------------------------------------------------


def _multi_fits(r: Resolution) -> bool:
    return r.status == "adopted" and r.number is not None


def session_key(r: Resolution) -> tuple[str, str, str]:
    first = (r.number or "").split("/")[0]
    return (r.body, r.kind, first)


def render_many(rs: Sequence[Resolution], bodies: Mapping[str, Body]) -> str:
    """The texts a body adopted at one session, in one file: a heading, the list "Decision N/1 Title",
    "Decision N/2 Title" …, then each text in turn (in the Markdown layout)."""
    body = bodies[rs[0].body]
    kinds = "decisions" if rs[0].kind == "decision" else "resolutions"
    first = (rs[0].number or "").split("/")[0]
    when = f"in {first}" if body.numbering == "year" else f"at its {ordinal_words(int(first))} session"
    lines = [f"{kinds.capitalize()} adopted by the {body.name} {when}", ""]
    lines += [f"{r.kind.capitalize()} {r.number}\t{spell(r.title, emphasis=False, style='uni')}" for r in rs]
    parts = ["\n".join(lines)] + [markdown(r, bodies).rstrip("\n") for r in rs]
    return "\n\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------------
# The table of layouts
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    name: str
    render: Callable[[Resolution, Mapping[str, Body]], str]
    applies: Callable[[Resolution], bool]
    # Said in the test id when the layout fits only some texts.
    scope: str = "every text"


def _always(r: Resolution) -> bool:
    return True


LAYOUTS: tuple[Layout, ...] = (
    Layout("markdown", markdown, _always),
    Layout("pdf", pdf, _always),
    Layout("pdf-old-marks", pdf_old_marks, _always),
    Layout("web", web, _always),
    Layout("flattened", flattened, _always),
    Layout("adopted-un-org", adopted, _adopted_fits, "adopted GA, ECOSOC and CCPCJ resolutions"),
    Layout("decision", decision, _decision_fits, "adopted decisions"),
)
MULTI = Layout(
    "several-texts", lambda r, b: render_many([r], b), _multi_fits, "adopted texts, grouped by session"
)


_T = TypeVar("_T")


def groups(items: Sequence[_T], of: Callable[[_T], Resolution], size: int = 4) -> list[list[_T]]:
    """Adopted texts grouped as a session page holds them: one body, kind and session, at most
    ``size`` to a file, in number order; a session with one text is a group of one."""
    by_session: dict[tuple[str, str, str], list[_T]] = {}
    for item in items:
        if _multi_fits(of(item)):
            by_session.setdefault(session_key(of(item)), []).append(item)
    out: list[list[_T]] = []
    for key in sorted(by_session):
        members = sorted(by_session[key], key=lambda x: int((of(x).number or "0/0").split("/")[1]))
        out.extend(members[i : i + size] for i in range(0, len(members), size))
    return out
