"""Corpus text to HTML: the one place where text from the corpus becomes markup.

Every string a resolution carries (titles, paragraphs, footnotes, sponsors, harvested titles)
reaches the page through :func:`render_text`. It tokenizes the inline markup
(:mod:`generator.markup`), escapes every character of text, and adds only what the site itself
decides: ``<em>`` for emphasis, footnote references, links over citation spans and ``<mark>``
over highlighted spans. Nothing from the corpus is ever interpreted as HTML, Markdown or Jinja.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup, escape

from generator.markup import tokenize

T = TypeVar("T")


# Characters that make a string more than plain text in the inline markup.
_SPECIAL = re.compile(r"[*\[\\]")


@dataclass(frozen=True)
class Span:
    """A link over ``[start, end)`` of the markup string (offsets as the citation finder gives them)."""

    start: int
    end: int
    href: str
    title: str = ""
    css: str = "atlas-cite"


@dataclass(frozen=True)
class FootnoteRef:
    """How a footnote mark is shown: a link to the footnote, with its own id for the way back."""

    href: str
    id: str
    label: str


# Given a footnote mark, where it links to; None drops the mark (excerpts shown away from the footnotes).
FootnoteLinker = Callable[[str], FootnoteRef | None]


@dataclass
class _Piece:
    kind: str  # "text" or "footnote"
    value: str
    start: int
    end: int
    em: bool
    link: int | None = None  # index into the spans
    mark: bool = False


def render_text(
    markup: str,
    *,
    spans: Sequence[Span] = (),
    footnotes: FootnoteLinker | None = None,
    highlights: Sequence[tuple[int, int]] = (),
    window: tuple[int, int] | None = None,
    ellipsis: bool = True,
) -> Markup:
    """Escaped HTML for ``markup``.

    ``spans`` become links; ``highlights`` become ``<mark>``; ``footnotes`` turns each footnote
    mark into a reference (marks are dropped without it); ``window`` keeps only that part of the
    text (an excerpt), with an ellipsis where it cuts unless ``ellipsis`` is false.
    """
    if not spans and not highlights and window is None:
        if not _SPECIAL.search(markup):
            # Plain words (most titles and names): nothing to tokenize.
            return Markup(str(escape(markup)).replace("\n", " "))
        return _emphasis_only(markup, footnotes)
    links = _non_overlapping(spans)
    pieces = _pieces(markup, links, highlights)
    if window is not None:
        pieces = _clip(pieces, *window)
    html: list[str] = []
    if ellipsis and window is not None and window[0] > 0:
        html.append("… ")
    # Links outermost, then <mark>, then <em>: each level groups runs of equal value, so tags nest.
    for link, link_run in _runs(pieces, lambda p: p.link):
        span = None if link is None else links[link]
        if span is not None:
            title = f' title="{escape(span.title)}"' if span.title else ""
            html.append(f'<a class="{escape(span.css)}" href="{escape(span.href)}"{title}>')
        for marked, mark_run in _runs(link_run, lambda p: p.mark):
            if marked:
                html.append("<mark>")
            for em, em_run in _runs(mark_run, lambda p: p.em):
                if em:
                    html.append("<em>")
                for piece in em_run:
                    html.append(_piece_html(piece, footnotes))
                if em:
                    html.append("</em>")
            if marked:
                html.append("</mark>")
        if span is not None:
            html.append("</a>")
    if ellipsis and window is not None and window[1] < len(markup):
        html.append(" …")
    # A line break inside a paragraph is only wrapping; as a space it keeps the HTML block whole.
    return Markup("".join(html).replace("\n", " "))


def _emphasis_only(markup: str, footnotes: FootnoteLinker | None) -> Markup:
    """``render_text`` for a text with no links, marks or window: most paragraphs, read straight.

    The same HTML as the general path: one ``<em>`` per run of emphasised pieces, so that
    ``*a**b*`` and an empty ``**`` come out as there.
    """
    html: list[str] = []
    em = opened = False
    for token in tokenize(markup):
        kind = token.kind
        if kind == "em" or kind == "/em":
            em = kind == "em"
            continue
        if em != opened:
            html.append("<em>" if em else "</em>")
            opened = em
        if kind == "text":
            html.append(str(escape(token.value)))
        else:
            html.append(_piece_html(_Piece(kind, token.value, token.start, token.end, em), footnotes))
    if opened:
        html.append("</em>")
    return Markup("".join(html).replace("\n", " "))


def _piece_html(piece: _Piece, footnotes: FootnoteLinker | None) -> str:
    if piece.kind == "text":
        return str(escape(piece.value))
    ref = footnotes(piece.value) if footnotes else None
    if ref is None:
        return ""
    return (
        f'<sup class="atlas-fnref" id="{escape(ref.id)}">'
        f'<a href="{escape(ref.href)}" aria-label="{escape(ref.label)}">{escape(piece.value)}</a></sup>'
    )


def _non_overlapping(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Spans in order, each cut to start after the previous one ends; empty ones are left out.

    Two citations can share words ("articles 24 and 25"): a link cannot nest in a link, so the
    first keeps the words and the second keeps what is left. Both still appear in the panels.
    """
    out: list[Span] = []
    end = 0
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        start = max(s.start, end)
        if start < s.end:
            out.append(Span(start, s.end, s.href, s.title, s.css))
            end = s.end
    return tuple(out)


def _pieces(markup: str, spans: Sequence[Span], highlights: Sequence[tuple[int, int]]) -> list[_Piece]:
    """Tokens cut at every span and highlight boundary, each knowing its emphasis, link and mark."""
    cuts = sorted({x for s in spans for x in (s.start, s.end)} | {x for h in highlights for x in h})
    pieces: list[_Piece] = []
    em = False
    for token in tokenize(markup):
        if token.kind == "em":
            em = True
        elif token.kind == "/em":
            em = False
        elif token.kind == "footnote":
            pieces.append(_Piece("footnote", token.value, token.start, token.end, em))
        elif token.end - token.start != len(token.value):
            # An escape (\* → *): one character of text that must not be cut.
            pieces.append(_Piece("text", token.value, token.start, token.end, em))
        else:
            bounds = [token.start, *(c for c in cuts if token.start < c < token.end), token.end]
            for a, b in itertools.pairwise(bounds):
                pieces.append(_Piece("text", markup[a:b], a, b, em))
    for piece in pieces:
        if piece.kind == "text":
            piece.link = next((i for i, s in enumerate(spans) if s.start <= piece.start < s.end), None)
        piece.mark = any(a <= piece.start and piece.end <= b for a, b in highlights)
    return pieces


def _clip(pieces: list[_Piece], start: int, end: int) -> list[_Piece]:
    out = []
    for p in pieces:
        if p.end <= start or p.start >= end:
            continue
        if p.kind == "text" and p.end - p.start == len(p.value) and (p.start < start or p.end > end):
            a, b = max(p.start, start), min(p.end, end)
            p = _Piece("text", p.value[a - p.start : b - p.start], a, b, p.em, p.link, p.mark)
        out.append(p)
    return out


def _runs(pieces: Sequence[_Piece], key: Callable[[_Piece], T]) -> list[tuple[T, list[_Piece]]]:
    runs: list[tuple[T, list[_Piece]]] = []
    for p in pieces:
        k = key(p)
        if runs and runs[-1][0] == k:
            runs[-1][1].append(p)
        else:
            runs.append((k, [p]))
    return runs


# --- excerpts ----------------------------------------------------------------------------------------

# Where a clause ends inside a paragraph: after ";" or ":", or after "." before a capital letter
# (so that "vol. 2225" and "No. 39574" do not end anything).
_CLAUSE_END = re.compile(r"[;:](?=\s)|\.(?=\s+[A-Z“\"(])")
_WORD = re.compile(r"\S+")


def excerpt_window(markup: str, start: int, end: int, *, words: int) -> tuple[int, int]:
    """The clause around ``[start, end)``, cut to at most ``words`` words on each side."""
    left = 0
    for m in _CLAUSE_END.finditer(markup, 0, start):
        left = m.end()
    right = len(markup)
    if m2 := _CLAUSE_END.search(markup, end):
        right = m2.end()
    before = [m.start() for m in _WORD.finditer(markup, left, start)]
    if len(before) > words:
        left = before[-words]
    after = [m.end() for m in _WORD.finditer(markup, end, right)]
    if len(after) > words:
        right = after[words - 1]
    while left < start and markup[left].isspace():
        left += 1
    return left, right
