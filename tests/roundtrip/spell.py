"""Spelling the corpus's inline markup as a raw document would: emphasis kept or lost, footnote marks
in one of the styles UN documents use, and the footnote texts with the matching mark.

=========  ===================================  ======================================
style      a mark in the text                   a footnote text
=========  ===================================  ======================================
``uni``    ``Crime,¹ and``                       ``¹ United Nations, …``
``sup``    ``Crime,<sup>1</sup> and``            ``<sup>1</sup> United Nations, …``
``glued``  ``Crime,1 and`` (PDF: lost raise)     `` 1  United Nations, …`` after ``____``
``old``    ``Crime, 1/ and`` (older documents)   ``1/ United Nations, …``
``bracket````Crime,[1] and`` (web pages)         ``[1] United Nations, …``
=========  ===================================  ======================================

The ``*`` mark (the agenda item's) is a star glued to the word in every style: ``agenda*``.
"""

from __future__ import annotations

from typing import Literal

from generator import markup

MarkStyle = Literal["uni", "sup", "glued", "old", "bracket"]
MARK_STYLES: tuple[MarkStyle, ...] = ("uni", "sup", "glued", "old", "bracket")

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def mark(value: str, style: MarkStyle, *, markdown: bool = False) -> str:
    """How the mark of footnote ``value`` reads where it stands in the text."""
    if value.startswith("*"):
        return value.replace("*", "\\*") if markdown else value
    if style == "uni":
        return value.translate(_SUPERSCRIPTS)
    if style == "sup":
        return f"<sup>{value}</sup>"
    if style == "glued":
        return value
    if style == "old":
        return f" {value}/"
    return f"[{value}]"


def footnote_line(value: str, text: str, style: MarkStyle, *, markdown: bool = False) -> str:
    """The first line of a footnote text, with its mark as the style prints it at the foot."""
    body = spell(text, emphasis=markdown, style=style, markdown=markdown)
    if value.startswith("*"):
        star = value.replace("*", "\\*") if markdown else value
        return f"{star} {body}"
    if style == "glued":
        return f" {value}  {body}"
    if style == "old":
        return f"{value}/ {body}"
    if style == "bracket":
        return f"[{value}] {body}"
    return f"{mark(value, style)} {body}"


def spell(text: str, *, emphasis: bool, style: MarkStyle, markdown: bool = False) -> str:
    """``text`` (inline markup) as the raw document prints it.

    ``emphasis``: keep ``*…*`` (Markdown conversions) or drop it (PDF and web text lose italics).
    ``markdown``: literal ``*``, ``[`` and ``\\`` are escaped as Markdown escapes them.
    """
    out: list[str] = []
    for token in markup.tokenize(text):
        if token.kind == "text":
            value = token.value
            if markdown:
                value = value.replace("\\", "\\\\").replace("*", "\\*").replace("[", "\\[")
            out.append(value)
        elif token.kind in ("em", "/em"):
            out.append("*" if emphasis else "")
        else:
            out.append(mark(token.value, style, markdown=markdown))
    return "".join(out)
