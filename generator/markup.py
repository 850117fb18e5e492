"""The corpus's inline markup: the only formatting a resolution's text may carry.

=============  ==========================================================
``*Urges*``    emphasis: the UN's italic leading verb (and italic titles)
``[^1]``       the mark of footnote ``1`` (or ``*``) where it stands
``\\*``         a literal asterisk; likewise ``\\[`` and ``\\\\``
=============  ==========================================================

Everything else is literal text and is escaped when rendered: ``<script>`` stays text.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

TokenKind = Literal["text", "em", "/em", "footnote"]

_TOKEN = re.compile(
    r"""\\(?P<escaped>[\\*\[])          # an escaped special character
      | \[\^(?P<mark>[0-9]{1,3}|\*{1,3})\]   # a footnote mark: digits, or one to three asterisks
      | (?P<star>\*)                    # an emphasis delimiter
    """,
    re.VERBOSE,
)


class Token(NamedTuple):
    """A piece of markup; ``start``/``end`` are offsets into the markup string.

    A named tuple, not a frozen dataclass: a large corpus makes millions of them, and a frozen
    dataclass takes several times as long to build."""

    kind: TokenKind
    value: str
    start: int
    end: int


def tokenize(markup: str) -> list[Token]:
    """Split markup into text, emphasis and footnote tokens; unbalanced ``*`` stays literal."""
    # Most texts hold none of the special characters: one text token, no regex (a hot path).
    if "*" not in markup and "[" not in markup and "\\" not in markup:
        return [Token("text", markup, 0, len(markup))] if markup else []
    tokens: list[Token] = []
    pos = 0
    open_em = False
    matches = list(_TOKEN.finditer(markup))
    stars = _balanced_star_positions(matches)
    for m in matches:
        if m.start() > pos:
            tokens.append(Token("text", markup[pos : m.start()], pos, m.start()))
        if m["escaped"]:
            tokens.append(Token("text", m["escaped"], m.start(), m.end()))
        elif m["mark"]:
            tokens.append(Token("footnote", m["mark"], m.start(), m.end()))
        elif m.start() in stars:
            tokens.append(Token("/em" if open_em else "em", "", m.start(), m.end()))
            open_em = not open_em
        else:
            tokens.append(Token("text", "*", m.start(), m.end()))
        pos = m.end()
    if pos < len(markup):
        tokens.append(Token("text", markup[pos:], pos, len(markup)))
    return tokens


def _balanced_star_positions(matches: list[re.Match[str]]) -> set[int]:
    """Positions of unescaped ``*`` that pair up; a trailing odd one is literal text."""
    positions = [m.start() for m in matches if m["star"]]
    if len(positions) % 2:
        positions = positions[:-1]
    return set(positions)


def to_plain(markup: str) -> str:
    """The text a reader sees, without emphasis or footnote marks."""
    if "[" not in markup and "\\" not in markup:
        # Only emphasis can be there (most paragraphs: "*Urges* …"), and every ``*`` pairs up but
        # an odd last one, which stays: the same text as the tokens', without making them.
        stars = markup.count("*")
        if stars % 2 == 0:
            return markup.replace("*", "") if stars else markup
        last = markup.rindex("*")
        return markup[:last].replace("*", "") + markup[last:]
    return "".join(t.value for t in tokenize(markup) if t.kind == "text")


def escape(text: str) -> str:
    """Quote plain text so that it reads back unchanged as markup."""
    return re.sub(r"([\\*\[])", r"\\\1", text)


def footnote_marks(markup: str) -> list[str]:
    """The footnote marks a text carries, in order."""
    if "[^" not in markup:  # no mark can start anywhere (a hot path: most texts have none)
        return []
    return [t.value for t in tokenize(markup) if t.kind == "footnote"]
