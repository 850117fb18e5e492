"""Stage 4, footnotes: each footnote text attached to the element where its mark stands.

A mark's element is found by reading every text of the resolution in order (header lines, paragraphs,
annex titles and headings): the first element that carries ``[^3]`` is footnote 3's ``anchor``. A mark
without a text (IMP002, a warning: excerpts often lack their footnotes) is left out of the text, since
a mark without a footnote cannot be shown; a text without a mark (IMP003) is an error. Neither is
dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.diagnostics import Diagnostic
from generator.importer.clean import FootnoteText
from generator.importer.segment import Element
from generator.importer.vocabulary import load_vocabulary
from generator.markup import footnote_marks, tokenize
from generator.model import Footnote


def attach(
    elements: Sequence[Element], texts: Sequence[FootnoteText], source: str
) -> tuple[tuple[Footnote, ...], list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    by_mark: dict[str, FootnoteText] = {}
    for text in texts:
        if text.mark in by_mark:
            diagnostics.append(Diagnostic(
                source, text.line, None, "IMP012",
                f"footnote {text.mark} appears twice (first at line {by_mark[text.mark].line}); "
                "the second is not imported",
                "renumber one of them in the raw text", "warning",
            ))
        else:
            by_mark[text.mark] = text

    footnotes: list[Footnote] = []
    seen: set[str] = set()
    for element in elements:
        for mark in footnote_marks(element.text):
            if mark in seen:
                continue  # a second reference to the same footnote
            seen.add(mark)
            found = by_mark.get(mark)
            if found is None:
                diagnostics.append(Diagnostic(
                    source, element.line, None, "IMP002",
                    f"footnote mark {mark} in {element.anchor} has no footnote text: the mark is left out",
                    "an excerpt without its footnotes? add the footnote text (at the foot of the page, after "
                    "a ____ line) and re-import to keep the mark",
                    "warning",
                ))
            else:
                footnotes.append(Footnote(mark, italicise_titles(found.text), element.anchor))
    for mark, text in by_mark.items():
        if mark not in seen:
            diagnostics.append(Diagnostic(
                source, text.line, None, "IMP003",
                f"footnote {mark} has no mark in the text: not imported",
                f"check the raw text for the place of mark {mark} (a number glued to a word in PDF text)",
            ))
    return tuple(footnotes), diagnostics


def italicise_titles(markup: str) -> str:
    """Restore the italics of titles such as *Treaty Series* that PDF text lost (the vocabulary's
    entries are regular expressions: "Official Records of …, Supplement No. 10" varies by year)."""
    for title in load_vocabulary().italic_titles_in_footnotes:
        for m in reversed(list(re.finditer(title, markup))):
            if not _inside_emphasis(markup, m.start()):
                markup = f"{markup[: m.start()]}*{m.group(0)}*{markup[m.end():]}"
    return markup


def _inside_emphasis(markup: str, position: int) -> bool:
    inside = False
    for token in tokenize(markup):
        if token.start >= position:
            break
        if token.kind in ("em", "/em"):
            inside = token.kind == "em"
    return inside


def missing_marks(diagnostics: Sequence[Diagnostic]) -> set[str]:
    """The marks ``attach`` found without a footnote text."""
    return {d.message.split()[2] for d in diagnostics if d.code == "IMP002"}


def drop_marks(markup: str, marks: set[str]) -> str:
    """The text without the marks of footnotes that have no text."""
    for mark in marks:
        markup = markup.replace(f"[^{mark}]", "")
    return markup
