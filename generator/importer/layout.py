"""Stage 0b, layout: recognise how a raw text is laid out and normalise it for the cleaner.

Real UN texts arrive in a few layouts, and the cleaner (clean.py) only needs to know where a paragraph
may end. This module works that out once per file, from the text itself:

``blank-separated``  Markdown conversions and PDF text with blank lines between paragraphs (the seeds):
                     a blank line ends a paragraph, nothing else does.
``web``              text copied from a web page: one paragraph per line, no blank lines.
``wrapped``          PDF text without blank lines: hard-wrapped lines; a paragraph ends where the next
                     line opens one (a number, a leading verb, an indentation, a line of its own).
``flattened``        the whole text in a handful of very long lines (document-sharing copies): cut into
                     paragraphs at numbers, letters, leading verbs and masthead lines, in sequence.

Before that, in every layout, two kinds of line are left out: the furniture of web pages (navigation,
language links, "read more", file sizes; reported once, with line numbers) and the running headers and
footers of PDF pages (job numbers, the document symbol, page numbers), which mark a page break.
The patterns are data (``web_noise``, ``running_headers``, ``own_lines`` in vocabulary.yaml).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from generator.diagnostics import Diagnostic
from generator.importer.emphasis import leading_phrase
from generator.importer.vocabulary import full_match, load_vocabulary

Layout = Literal["blank-separated", "web", "wrapped", "flattened"]

# A document symbol on a line of its own, maybe with the page number: "CTOC/COP/2010/17 3", "2 A/RES/65/1".
_SYMBOL_LINE = re.compile(
    r"^(?:(?:Page\s+)?\d{1,3}\s+)?(?P<symbol>[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9.\-]+){2,})"
    r"(?:\s+(?:Page\s+)?(?P<page>\d{1,3}))?$"
)
# "a. The court …": the third level in the UN's editorial style, 1. → (a) → (i) → a.
_DOTTED_LETTER = r"[a-z]\.(?=\s+[A-Z“\"])"
_PARAGRAPH_START = re.compile(
    rf"^(?:\d{{1,3}}\.|\((?:[a-z]{{1,2}}|[ivxl]{{1,6}}|[A-Z])\)|{_DOTTED_LETTER})\s"
)
# A line ending a sentence or clause, maybe followed by a footnote mark and closing quotes. Older
# documents print the mark after a space: "… thereto, 1/".
_MARK_AFTER = r"(?:\d{1,3}/?|\s\d{1,3}/|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]|\*{1,3})?"
_TERMINAL_END = re.compile(rf"[,;:.]{_MARK_AFTER}[\"”’)\]]*$")
_STRONG_END = re.compile(rf"[;:.]{_MARK_AFTER}[\"”’)\]]*$")
_EXPLICIT_FOOTNOTE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹]+|<sup>|\[\d{1,3}\]\s|\d{1,3}/\s|Footnote\s+\d)")
_SENTENCE_START = re.compile(r"^The\s+[A-Z]")
_FLAT_LENGTH = 1500  # a line this long is a page or a whole text, not a paragraph
_MAX_FLAT_LINES = 20


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line of the raw file
    text: str  # as in the raw file, indentation included
    page_break: bool = False  # a page ended just before this line (a running header was removed)


@dataclass(frozen=True)
class Normalised:
    layout: Layout
    lines: tuple[Line, ...]
    width: int  # the usual length of a full line (wrapped layout)
    diagnostics: tuple[Diagnostic, ...] = ()
    margin: int = 0  # the indentation of a wrapped text's continuation lines (wrapped layout)

    def runs_on(self, raw: str) -> bool:
        """Wrapped PDF text: a line that goes on with the paragraph before a page break, whatever that
        paragraph's last line ended with. Every paragraph's first line is indented or numbered, so a
        full line at the margin after a page break is the paragraph's next line, even after a full stop."""
        line = raw.strip()
        return (
            self.layout == "wrapped"
            and _indent(raw) <= self.margin
            and len(line) >= 0.85 * self.width
            and not opens_paragraph(line)
            and not own_line(line)
        )

    def centred(self, raw: str) -> bool:
        """Wrapped PDF text: a line set in the middle of the page (a title, never running text)."""
        return self.layout == "wrapped" and centred(raw, self.width)

    def breaks(self) -> Callable[[str, str], bool] | None:
        """Whether a paragraph ends between two raw lines (besides a blank line)."""
        if self.layout == "web":
            return _web_break
        if self.layout == "wrapped":
            own: dict[str, bool] = {}  # each line is asked about twice, as the line and as the one before

            def own_once(text: str) -> bool:
                if text not in own:
                    own[text] = own_line(text)
                return own[text]

            return lambda prev, line: _wrapped_break(prev, line, self.width, own_once)
        if self.layout == "blank-separated":
            return _masthead_break
        return None


def normalise(raw: str, source: str, formula_names: Sequence[str] = ()) -> Normalised:
    """The text's lines without web furniture and page headers, and its layout.

    ``formula_names``: the bodies' names, by which a flattened copy's opening formula is found.
    """
    lines, noise = _drop_noise(list(split_lines(raw)))
    lines = _drop_running_headers(lines)
    diagnostics = [_noise_diagnostic(noise, source)] if noise else []
    from generator.importer.flatten import is_flattened, unflatten  # flatten.py builds on Line

    if is_flattened(lines):
        return Normalised("flattened", tuple(unflatten(lines, formula_names)), 80, tuple(diagnostics))
    layout = detect(lines)
    margin = min((_indent(line.text) for line in lines if line.text.strip()), default=0)
    return Normalised(layout, tuple(lines), _width(lines), tuple(diagnostics), margin)


def split_lines(raw: str) -> tuple[Line, ...]:
    """Numbered lines; a form feed (a PDF page break) marks the line after it."""
    out: list[Line] = []
    page_break = False
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        text = line.rstrip("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029")
        out.append(Line(number, text, page_break))
        page_break = line.endswith("\f")
    return tuple(out)


def _drop_noise(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    patterns = load_vocabulary().web_noise
    kept: list[Line] = []
    noise: list[Line] = []
    for line in lines:
        (noise if line.text.strip() and full_match(patterns, line.text) else kept).append(line)
    return kept, noise


def _noise_diagnostic(noise: list[Line], source: str) -> Diagnostic:
    sample = "; ".join(repr(line.text.strip()[:40]) for line in noise[:3])
    more = f" and {len(noise) - 3} more" if len(noise) > 3 else ""
    return Diagnostic(
        source, noise[0].number, None, "IMP013",
        f"left out {len(noise)} line(s) of web-page navigation and links, not part of the text "
        f"(lines {line_ranges(n.number for n in noise)}): {sample}{more}",
        "nothing to do if they are site furniture; if one belongs to the text, narrow the pattern in "
        "web_noise in generator/importer/vocabulary.yaml",
        "warning",
    )


def line_ranges(numbers: Iterable[int]) -> str:
    """``1, 2, 3, 7, 9, 10`` → ``1–3, 7, 9–10``."""
    ranges: list[list[int]] = []
    for n in sorted(numbers):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


def _drop_running_headers(lines: list[Line]) -> list[Line]:
    """Leave out page headers and footers; the line after one is marked as following a page break.

    The document's own symbol is kept the first time it stands on a line of its own (the masthead) and
    is a running header after that; with a page number beside it, it is one everywhere.
    """
    patterns = load_vocabulary().running_headers
    kept: list[Line] = []
    seen_symbols: set[str] = set()
    pending_break = False
    for line in lines:
        text = line.text.strip()
        header = bool(text) and full_match(patterns, text)
        # "7  E/CN.15/2012/15." ends with a full stop: a footnote citing a symbol, not a header.
        if text and not header and not text.endswith(".") and (m := _SYMBOL_LINE.match(text)):
            header = m["symbol"] in seen_symbols or m["page"] is not None or text != m["symbol"]
            seen_symbols.add(m["symbol"])
        if header:
            pending_break = True
            continue
        if pending_break and text:
            line = replace(line, page_break=True)
            pending_break = False
        kept.append(line)
    return kept


def detect(lines: list[Line]) -> Layout:
    """The layout of a text, from the shape of its lines."""
    texts = [line.text.strip() for line in lines]
    filled = [t for t in texts if t]
    if not filled:
        return "blank-separated"
    # Paragraph gaps: a blank line (or several) between two lines of text.
    gaps = sum(1 for i in range(1, len(texts) - 1) if not texts[i] and texts[i - 1])
    if gaps * 8 >= len(filled):
        return "blank-separated"
    width = _width(lines)
    full = sum(1 for t in filled if 0.55 * width <= len(t) <= 1.05 * width)
    if width > 140:
        return "web"
    # A short text is mostly masthead lines, so few of its lines are full; but a web copy has no line
    # that a lower-case one continues, and wrapped text has them in every paragraph of a few lines.
    wraps = sum(
        1 for a, b in itertools.pairwise(filled)
        if (b[:1].islower() and not _STRONG_END.search(a)) or _cut_by_wrapping(a)
    )
    return "wrapped" if full * 2 >= len(filled) or (full >= 3 and wraps >= 2) else "web"


def _cut_by_wrapping(line: str) -> bool:
    """The line ends in a word no sentence or title ends in ("… Convention against")."""
    words = line.split()
    return len(words) > 1 and words[-1].lower() in load_vocabulary().open_endings


def _width(lines: Iterable[Line]) -> int:
    lengths = sorted(len(line.text.strip()) for line in lines if len(line.text.strip()) > 20)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


# --- where a paragraph ends in text without blank lines ------------------------------------------------


def own_line(text: str) -> bool:
    """A masthead, heading or closing line: a block of its own."""
    return full_match(load_vocabulary().own_lines, text)


def opens_paragraph(text: str) -> bool:
    """The line starts as a paragraph does: a number or letter, or a leading phrase of the UN's."""
    return bool(
        _PARAGRAPH_START.match(text)
        or leading_phrase(text, "preamble")
        or leading_phrase(text, "operative")
        or leading_phrase(text, "reported")
    )


def continues(text: str) -> bool:
    """A line that can only continue the one before: lower case, or punctuation ("," of a formula)."""
    if re.match(_DOTTED_LETTER, text):
        return False  # "a. The court …" opens a sub-paragraph, though it starts in lower case
    return text[:1].islower() or (bool(text) and not text.strip(",;:."))


def _masthead_break(prev_raw: str, raw: str) -> bool:
    """Blank-separated text: masthead lines printed one under the other are still apart."""
    line, prev = raw.strip(), prev_raw.strip()
    # "ORIGINAL:" / "ENGLISH": a label ending in a colon has its value on the next line.
    return not continues(line) and not prev.endswith(":") and (own_line(prev) or own_line(line))


def _web_break(prev_raw: str, raw: str) -> bool:
    return not continues(raw.strip())


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def centred(raw: str, width: int) -> bool:
    """A line set in the middle of the page (an annex's title, wrapped or not): as much space before
    it as after it, and clearly more than a paragraph's first-line indent."""
    indent = _indent(raw)
    after = width - indent - len(raw.strip())
    return indent >= 6 and abs(indent - after) <= 3 + width // 20


def _wrapped_break(
    prev_raw: str, raw: str, width: int, own: Callable[[str], bool] = lambda text: own_line(text)
) -> bool:
    prev, line = prev_raw.strip(), raw.strip()
    if continues(line):
        return False
    ended = bool(_TERMINAL_END.search(prev))
    indented = _indent(raw) > _indent(prev_raw)
    if _PARAGRAPH_START.match(line):
        # "article 5, paragraphs 1" / "(a) and 2, of the Convention": wrapping can put "(a)" first on a
        # line; a paragraph's number follows a finished line or stands indented, or a centred title.
        return ended or indented or (centred(prev_raw, width) and not centred(raw, width))
    if _EXPLICIT_FOOTNOTE.match(line) or own(line) or own(prev):
        return True
    if ended and (indented or opens_paragraph(line)):
        return True
    if centred(prev_raw, width):
        # A centred title goes on while its lines stay centred (a last line holding only "2024"), and
        # ends where a line less indented and not centred (a heading at the margin) follows.
        if centred(raw, width):
            return bool(_STRONG_END.search(prev))
        if _indent(raw) < _indent(prev_raw):
            return True
    short = len(prev) < 0.85 * width
    if short and (ended or indented):
        return True  # a paragraph's last line is shorter than a full one; a title ends before an indent
    if not ended and _SENTENCE_START.match(line):
        return True  # "… and the Protocols thereto" / "The Conference of the Parties …": no sentence
        # starts again without punctuation before it, so the title ended there
    # A short unfinished line (a heading or title) followed by a capital.
    return len(prev) < 0.6 * width and not _STRONG_END.search(prev)
