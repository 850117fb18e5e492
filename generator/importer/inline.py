"""Inline conversion: one re-flowed raw paragraph (Markdown-ish or PDF text) → the corpus's markup.

What the raw texts carry inline, and what becomes of it:

=============================  =======================================================
``*Urges*``                    kept: emphasis
``**bold**``                   dropped, its text kept
``[55/25](#)``                 link artefact: its text ``55/25``
``¹`` ``<sup>1</sup>``         footnote mark ``[^1]``
``agenda*`` ``agenda\\*``       footnote mark ``[^*]`` (a star glued to the end of a word)
``thereto1`` ``World,3``       footnote mark, if footnote 1 / 3 exists and is due (see ``GluedMarks``)
``[1]`` ``1/`` ``Footnote 1``  footnote mark ``[^1]`` (web pages, older UN documents, screen-reader labels)
``[^1]``                       footnote mark ``[^1]`` (Markdown conversions)
``\\*`` ``\\[`` ``\\_`` …        the literal character
``<br>``, other HTML tags      a space / dropped; any other ``<…>`` is literal text
=============================  =======================================================

Everything literal is escaped with ``markup.escape`` so that the result reads back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.markup import escape

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

_INLINE = re.compile(
    # The lookahead lets the engine skip, in one test, the positions where nothing below can start.
    r"""(?=[\\<⁰¹²³⁴⁵⁶⁷⁸⁹\[\d*Ff])
      (?:\\(?P<esc>[\\`*_{}\[\]()#+\-.!|<>~"'])        # a Markdown escape
      | <sup>\s*(?P<sup>[^<>]{1,8}?)\s*</sup>         # an HTML superscript
      | (?P<uni>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)                        # Unicode superscript digits
      | \[(?P<link>[^\[\]]*)\]\([^()\s]*\)             # a link artefact: [55/25](#)
      | \[\^(?P<caret>\d{1,3}|\*{1,3})\](?!:)            # a Markdown conversion's mark: [^1]
      | \[(?P<bracket>\d{1,3})\]                        # a web page's footnote mark: [1]
      | (?<![\w/\\])(?P<slash>\d{1,3})/(?=[\s,.;:)”’"]|$)   # older UN documents' mark: 1/
      | \[?Footnote\s+(?P<footnote>\d{1,3})\]?(?![\w/])   # a screen reader's label: Footnote 1
      | \*\*(?P<bold>[^*\s](?:[^*]*[^*\s])?)\*\*       # bold, dropped
      | <(?P<tag>br|/?(?:em|i|b|strong|u|span|sub|small))\b[^<>]{0,200}>   # harmless HTML tags
      | (?P<stars>\*{1,3}))                            # emphasis delimiter or footnote mark
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3})$")

# A footnote number glued to the end of a word ("thereto1", "World,3", "capacity”,7") and followed by
# a space, punctuation or the end. Real numbers are never glued to a letter this way ("vol. 2225",
# "Goal 16", "66/181", "22nd", "COVID-19"); a "." is excluded because symbols have "L.4", "Rev.1".
_GLUED = re.compile(
    r"(?=\d)(?:(?<=[^\W\d_])|(?<=[^\W\d_][,;:)”’])|(?<=[”’)][,;:]))(?P<n>\d{1,3})(?=[\s,;:.)”’]|$)"
)

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Characters PDF extraction produces for plain ones: the asterisk operator, non-breaking hyphens,
# typographic ligatures.
_PDF_CHARACTERS = {
    "∗": "*", "＊": "*", "\u2011": "-", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
}
# One translation for both (a hot path: every line): the PDF characters replaced, and control and
# invisible characters dropped (C0 but tab and newline, DEL, C1, zero-width spaces and joiners, word
# joiner, BOM, soft hyphen).
_CHARACTERS = str.maketrans({
    **_PDF_CHARACTERS,
    **dict.fromkeys(
        [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0x200B, 0x200E),
         0x2060, 0xFEFF, 0xAD]
    ),
})


def normalise_chars(text: str) -> str:
    """Drop control and invisible characters (soft hyphens, zero-width spaces); unify spaces."""
    return _SPACES.sub(" ", text.translate(_CHARACTERS))


def superscript_to_digits(text: str) -> str:
    return text.translate(_FROM_SUPERSCRIPT)


@dataclass
class GluedMarks:
    """Which footnote numbers may still be found glued to a word, in document order.

    PDF text loses superscripts, so the mark of footnote 3 reads ``World,3``. A glued number is taken
    for a mark only if a footnote with that number exists, is not marked explicitly elsewhere, and
    comes no earlier than the last mark found: footnotes are numbered in reading order.
    """

    pending: set[int] = field(default_factory=set)
    last: int = 0

    def take(self, number: int) -> bool:
        if number not in self.pending or number < self.last:
            return False
        self.pending = {n for n in self.pending if n > number}
        self.last = number
        return True


@dataclass(frozen=True)
class _Piece:
    kind: str  # "text", "mark", "em", or "star": a single * still to be paired or not
    value: str
    before: str = ""  # for "star": the characters just before and after it in the raw text
    after: str = ""


def to_markup(raw: str, glued: GluedMarks | None = None) -> str:
    """Convert one paragraph of raw text (lines already joined) into inline markup."""
    pieces = _resolve_stars(list(_pieces(raw)))
    if glued is not None:
        pieces = list(_find_glued(pieces, glued))
    out: list[str] = []
    for piece in pieces:
        if piece.kind == "text":
            out.append(escape(piece.value))
        elif piece.kind == "mark":
            out.append(f"[^{piece.value}]")
        else:
            out.append("*")
    return _tidy(out)


# A footnote mark stands against the word it belongs to; "Crime, 1/ and" is the old typewritten layout.
_SPACE_BEFORE_MARK = re.compile(r"(?<=\S) +(?=\[\^(?:\d{1,3}|\*{1,3})\])")


def _tidy(parts: Iterable[str]) -> str:
    text = _SPACES.sub(" ", "".join(parts))
    return (_SPACE_BEFORE_MARK.sub("", text) if "[^" in text else text).strip()


def _pieces(raw: str) -> Iterable[_Piece]:
    pos = 0
    for m in _INLINE.finditer(raw):
        if m.start() > pos:
            yield _Piece("text", raw[pos : m.start()])
        pos = m.end()
        if m["esc"] is not None:
            if m["esc"] == "*" and _glued_to_word(raw, m.start(), m.end()):
                yield _Piece("mark", "*")  # "agenda\*": the header footnote's mark
            else:
                yield _Piece("text", m["esc"])
        elif m["sup"] is not None:
            value = m["sup"].strip()
            yield _Piece("mark", value) if _MARK.match(value) else _Piece("text", value)
        elif m["uni"] is not None:
            yield _Piece("mark", superscript_to_digits(m["uni"]).lstrip("0") or "0")
        elif m["link"] is not None:
            yield from _pieces(m["link"])
        elif m["caret"] is not None:
            yield _Piece("mark", m["caret"] if m["caret"].startswith("*") else str(int(m["caret"])))
        elif value := m["bracket"] or m["slash"] or m["footnote"]:
            yield _Piece("mark", str(int(value)))
        elif m["bold"] is not None:
            yield from _pieces(m["bold"])
        elif m["tag"] is not None:
            if m["tag"].lower() == "br":
                yield _Piece("text", " ")
        else:
            stars = m["stars"]
            if len(stars) == 1:
                yield _Piece("star", "*", raw[max(m.start() - 1, 0) : m.start()], raw[m.end() : m.end() + 1])
            elif _glued_to_word(raw, m.start(), m.end()):
                yield _Piece("mark", stars)
            else:
                yield _Piece("text", stars)
    if pos < len(raw):
        yield _Piece("text", raw[pos:])


def _glued_to_word(raw: str, start: int, end: int) -> bool:
    """A star right after a word (or its closing punctuation) and before a space or the end."""
    before = raw[start - 1] if start > 0 else " "
    after = raw[end] if end < len(raw) else " "
    return not before.isspace() and (after.isspace() or after in ",;:.)")


def _resolve_stars(pieces: list[_Piece]) -> list[_Piece]:
    """Pair lone stars into emphasis; an unpaired star glued to a word is a footnote mark."""
    opens: list[int] = []
    resolved: dict[int, _Piece] = {}
    for i, piece in enumerate(pieces):
        if piece.kind != "star":
            continue
        before, after = piece.before, piece.after
        can_open = bool(after) and not after.isspace()
        can_close = bool(before) and not before.isspace()
        if can_close and opens:
            resolved[opens.pop()] = _Piece("em", "")
            resolved[i] = _Piece("em", "")
        elif can_open:
            opens.append(i)
        else:
            resolved[i] = _lone_star(before, after)
    for i in opens:
        resolved[i] = _lone_star(pieces[i].before, pieces[i].after)
    return [resolved.get(i, p) for i, p in enumerate(pieces)]


def _lone_star(before: str, after: str) -> _Piece:
    glued = bool(before) and not before.isspace() and (not after or after.isspace() or after in ",;:.)")
    return _Piece("mark", "*") if glued else _Piece("text", "*")


def _find_glued(pieces: list[_Piece], glued: GluedMarks) -> Iterable[_Piece]:
    for piece in pieces:
        if piece.kind != "text" or not glued.pending:
            yield piece
            continue
        pos = 0
        text = piece.value
        for m in _GLUED.finditer(text):
            if not glued.take(int(m["n"])):
                continue
            if m.start() > pos:
                yield _Piece("text", text[pos : m.start()])
            yield _Piece("mark", str(int(m["n"])))
            pos = m.end()
        if pos < len(text):
            yield _Piece("text", text[pos:])
