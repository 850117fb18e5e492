"""Stage 1, clean: raw text (Markdown-ish or PDF-extracted) → blocks of markup and footnote texts.

Both formats go through the same steps, because real files mix them:

1. Lines are grouped into *blocks* (paragraphs separated by blank lines); wrapped lines and Markdown hard
   breaks are re-flowed into one line. ``#`` headings and whole-line ``**bold**`` lines are headings.
2. Footnote texts are taken out: the lines after a ``____`` or ``---`` separator that start with a
   number (PDF: ``" 1  United Nations, …"``), and blocks that start with an explicit mark (``¹ …``,
   ``<sup>1</sup> …``, ``* …``, ``\\* …``) wherever they stand.
3. Each block's text becomes inline markup (``inline.to_markup``); footnote numbers glued to a word in
   PDF text become marks when such a footnote exists.
4. A paragraph cut by a page break — often with that page's footnotes between the halves — is rejoined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.importer.inline import GluedMarks, normalise_chars, superscript_to_digits, to_markup
from generator.importer.layout import Normalised, own_line, split_lines
from generator.importer.vocabulary import full_match, load_vocabulary
from generator.markup import to_plain

_SEPARATOR = re.compile(r"^(?:_{5,}|-{3,}|\*{3,}|—{2,})$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?$")
_BOLD_LINE = re.compile(r"^\*\*(?P<text>[^*](?:.*[^*])?)\*\*$")
# A footnote with an explicit mark: "¹ United Nations", "<sup>2</sup> CTOC/…", "* CTOC/…", "\* CTOC/…".
_EXPLICIT_FOOTNOTE = re.compile(
    r"""^(?:<sup>\s*(?P<sup>\d{1,3}|\*{1,3})\s*</sup>
          | (?P<uni>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})
          | (?P<star>\*{1,3}|\\\*)(?=\s)
          | \[\^(?P<caret>\d{1,3}|\*{1,3})\]:        # "[^1]: United Nations, …" (Markdown conversions)
          | \[(?P<bracket>\d{1,3})\](?!\()          # "[1] United Nations, …" (web pages)
          | (?P<slash>\d{1,3})/(?=\s)                 # "1/ United Nations, …" (older UN documents)
          | \[?Footnote\s+(?P<footnote>\d{1,3})\]?[.:]?(?=\s)
        )\s*(?P<text>\S.*)$""",
    re.VERBOSE,
)
# Footnote marks the text shows explicitly, whatever their style: no glued number is taken for them.
_EXPLICIT_MARKS = re.compile(
    r"(?=[<\[\dF])(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^?(\d{1,3})\]|(?<![\w/])(\d{1,3})/(?=[\s,.;:)”’\"]|$)"
    r"|Footnote\s+(\d{1,3}))"
)
# A footnote in PDF text: its number, spaces, its text. "6. Also invites" (a paragraph) has a period.
_NUMBERED_FOOTNOTE = re.compile(r"^(?P<num>\d{1,3})(?P<space>\s+)(?P<text>\S.*)$")
MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_START = re.compile(rf"^(?:{MONTH_NAMES})\b")
# The start of a numbered or lettered paragraph: "12. ", "(a) ", "(iv) ", "(A) ", "a. The …".
PARAGRAPH_MARKER = re.compile(r"^(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivxl]{1,6}|[A-Z])\)|[a-z]\.(?=\s+[A-Z“\"]))\s")
_TERMINAL = ",;:.!?"
_MAX_HEADING_LINES = 3
_PUNCTUATION_ONLY = re.compile(r"^[,;:.]+$")


@dataclass(frozen=True)
class Block:
    """One paragraph-level piece of the text, in inline markup."""

    text: str
    line: int  # 1-based line of the raw file where it starts
    # Markdown heading level 1–6, 7 for a whole-line bold heading; None for running text.
    heading: int | None = None
    # True when footnote texts (a page's foot) stood between this block and the one before.
    after_footnotes: bool = False
    # True when the block opens a page with a line that goes on with the paragraph before it
    # (``Normalised.runs_on``): it is rejoined even when that paragraph's last line ended a sentence.
    runs_on: bool = False
    # True when the block's first line is centred (a title): it is never rejoined to running text
    # before or after it, only to the centred rest of the title after a page break.
    centred: bool = False

    @property
    def plain(self) -> str:
        return to_plain(self.text)


@dataclass(frozen=True)
class FootnoteText:
    mark: str
    text: str
    line: int


@dataclass(frozen=True)
class Cleaned:
    blocks: tuple[Block, ...]
    footnotes: tuple[FootnoteText, ...]
    # Lines of blocks joined to the one before after a ",;:" with no page break between (IMP014).
    joined_without_break: tuple[int, ...] = ()


@dataclass
class _RawBlock:
    line: int
    lines: list[str]
    heading: int | None = None
    after_footnotes: bool = False
    runs_on: bool = False
    centred: bool = False


@dataclass
class _RawFootnote:
    mark: str
    line: int
    lines: list[str]


class _Splitter:
    """Walks the lines once, sorting them into blocks and footnotes (steps 1 and 2)."""

    def __init__(
        self,
        breaks: Callable[[str, str], bool] | None = None,
        runs_on: Callable[[str], bool] | None = None,
        centred: Callable[[str], bool] | None = None,
    ) -> None:
        # Text without blank lines (layout.py): whether a paragraph ends between two raw lines, and
        # whether a line after a page break goes on with the paragraph before it.
        self.breaks = breaks
        self.runs_on = runs_on
        self.centred = centred
        self.last_raw = ""
        self.heading_open = False  # a "#### **…" heading whose closing ** is on a later line
        self.blocks: list[_RawBlock] = []
        self.footnotes: list[_RawFootnote] = []
        self.block: _RawBlock | None = None
        self.footnote: _RawFootnote | None = None
        self.in_foot = False  # after a separator: numbered lines are footnotes
        self.footnotes_seen = False  # footnotes since the last block ended

    def end_block(self) -> None:
        if self.block is not None:
            self.blocks.append(self.block)
            self.block = None
        self.heading_open = False

    def end_footnote(self) -> None:
        self.footnote = None

    def feed(self, number: int, raw_line: str, page_break: bool = False) -> None:
        line = normalise_chars(raw_line).strip()
        if page_break:
            self.footnotes_seen = True  # a page ended here: evidence for rejoining (step 4)
        if not line:
            self.end_block()
            self.end_footnote()
            return
        if self.heading_open and self.block is not None:
            # "#### **Draft resolution submitted by …" wrapped: the heading goes on to its closing **.
            self.block.lines.append(line)
            stars = sum(part.count("**") for part in self.block.lines)
            self.heading_open = stars % 2 == 1 and len(self.block.lines) < _MAX_HEADING_LINES
            if not self.heading_open:
                self.end_block()
            return
        if _SEPARATOR.match(line) or full_match(load_vocabulary().footnote_headings, line):
            self.end_block()
            self.end_footnote()
            self.in_foot = True
            return
        paragraph_ends = self.block is not None and self.breaks is not None and self.breaks(
            self.last_raw, raw_line
        )
        self.last_raw = raw_line
        starts = self.block is None or self.in_foot or paragraph_ends
        if starts and self._footnote_start(number, line):
            return
        if self.footnote is not None and _footnote_continues(self.footnote, line):
            self.footnote.lines.append(line)
            return
        self.end_footnote()
        self.in_foot = False
        if heading := _HEADING.match(line):
            self.end_block()
            self.blocks.append(self._new(number, [heading["text"]], len(heading["hashes"])))
            self.heading_open = heading["text"].count("**") % 2 == 1
            if self.heading_open:
                self.block = self.blocks.pop()
            return
        if paragraph_ends:
            self.end_block()
        if self.block is None:
            self.block = self._new(number, [line], None)
            self.block.runs_on = bool(
                self.block.after_footnotes and self.runs_on is not None and self.runs_on(raw_line)
            )
            self.block.centred = self.centred is not None and self.centred(raw_line)
        else:
            self.block.lines.append(line)

    def _new(self, number: int, lines: list[str], heading: int | None) -> _RawBlock:
        block = _RawBlock(number, lines, heading, self.footnotes_seen)
        self.footnotes_seen = False
        return block

    def _footnote_start(self, number: int, line: str) -> bool:
        mark: str | None = None
        text = ""
        if m := _EXPLICIT_FOOTNOTE.match(line):
            mark = (m["sup"] or (superscript_to_digits(m["uni"]) if m["uni"] else None)
                    or m["bracket"] or m["caret"] or m["slash"] or m["footnote"] or "*")
            if m["star"] and m["star"] != "\\*":
                mark = m["star"]
            text = m["text"]
        elif self.in_foot and (m := _NUMBERED_FOOTNOTE.match(line)) and self._plausible(m):
            mark, text = m["num"], m["text"]
        if mark is None:
            return False
        self.end_block()
        self.footnote = _RawFootnote(str(int(mark)) if mark.isdigit() else mark, number, [text])
        self.footnotes.append(self.footnote)
        self.footnotes_seen = True
        self.in_foot = True
        return True

    def _plausible(self, m: re.Match[str]) -> bool:
        """``1  United Nations`` is a footnote; ``16 October 2020, …`` after a page break is not."""
        if len(m["space"]) >= 2 or "\t" in m["space"]:
            return True
        numbers = [int(f.mark) for f in self.footnotes if f.mark.isdigit()]
        expected = (max(numbers) + 1) if numbers else 1
        return int(m["num"]) == expected and not _MONTH_START.match(m["text"])


def _footnote_continues(footnote: _RawFootnote, line: str) -> bool:
    """A footnote wraps onto the next line until its text ends with a period."""
    last = footnote.lines[-1].rstrip("”’\"') ")
    return not last.endswith(".") and not PARAGRAPH_MARKER.match(line)


def _join_lines(lines: list[str]) -> str:
    """Re-flow wrapped lines; a hyphen at a line's end is a real one (UN texts do not hyphenate)."""
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].isalpha():
            text += line
        elif text and _PUNCTUATION_ONLY.match(line):
            text += line  # "The General Assembly" / ",": the formula's comma on the next line
        else:
            text = f"{text} {line}" if text else line
    return text


def clean(raw: str | Normalised) -> Cleaned:
    """Clean a raw text (read as blank-separated) or the lines the layout stage normalised."""
    normalised = raw if isinstance(raw, Normalised) else Normalised("blank-separated", split_lines(raw), 80)
    splitter = _Splitter(normalised.breaks(), normalised.runs_on, normalised.centred)
    for line in normalised.lines:
        splitter.feed(line.number, line.text, line.page_break)
    splitter.end_block()
    raw = "\n".join(line.text for line in normalised.lines)

    footnotes = tuple(
        FootnoteText(f.mark, to_markup(_join_lines(f.lines)), f.line) for f in splitter.footnotes
    )
    glued = GluedMarks(pending=_unmarked_numbers(raw, footnotes))
    blocks = [_to_block(b, glued) for b in splitter.blocks]
    joined: list[int] = []
    return Cleaned(tuple(rejoin([b for b in blocks if b.text], joined)), footnotes, tuple(joined))


def _unmarked_numbers(raw: str, footnotes: tuple[FootnoteText, ...]) -> set[int]:
    """Footnote numbers whose mark the text does not show explicitly (¹, <sup>1</sup>)."""
    explicit = {int(superscript_to_digits(m)) for m in re.findall(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}", raw)}
    explicit |= {int(next(g for g in m if g)) for m in _EXPLICIT_MARKS.findall(raw)}
    return {int(f.mark) for f in footnotes if f.mark.isdigit()} - explicit


def _to_block(raw: _RawBlock, glued: GluedMarks) -> Block:
    text = _join_lines(raw.lines)
    heading = raw.heading
    if heading is None and (bold := _BOLD_LINE.match(text)) and "**" not in bold["text"]:
        heading = 7
    return Block(to_markup(text, glued), raw.line, heading, raw.after_footnotes, raw.runs_on, raw.centred)


def rejoin(blocks: list[Block], joined: list[int] | None = None) -> list[Block]:
    """Rejoin paragraphs split by a page break (step 4).

    A block continues the one before when that one is running text left unfinished (no closing
    punctuation) and there is evidence of a break rather than a new paragraph: this block starts in
    lower case, or the page's footnotes stood between the two, or the first half ends on a word no
    paragraph ends with ("… apprise the" / "Conference, at its sixth session …"). Headings, titles
    and the header lines never end on such a word, so they stay apart.

    A block that ends a clause (``,;:``) is continued by one that starts in lower case with no
    number ("… smuggled migrants," | page break | "including the measures …"): no paragraph of a UN
    text starts in lower case. Without a page break between them the join is listed in ``joined``.
    """
    out: list[Block] = []
    plains: list[str] = []  # the plain text of each block of `out`, kept along to stay linear
    for block in blocks:
        plain = block.plain
        if out and _continues(out[-1], plains[-1], block, plain):
            if joined is not None and not is_unfinished(plains[-1]) and not block.after_footnotes:
                joined.append(block.line)
            space = "" if _PUNCTUATION_ONLY.match(plain.strip()) else " "
            out[-1] = replace(out[-1], text=f"{out[-1].text}{space}{block.text}")
            plains[-1] = f"{plains[-1]}{space}{plain}"
        else:
            out.append(block)
            plains.append(plain)
    return out


def _continues(prev: Block, prev_plain: str, block: Block, plain: str) -> bool:
    if prev.heading is not None or block.heading is not None:
        return False
    start = plain.lstrip()
    if not start or PARAGRAPH_MARKER.match(start) or own_line(prev_plain) or own_line(plain):
        return False  # masthead and closing lines ("23 December 1994", "94th plenary meeting") stay apart
    if prev.centred or block.centred:
        # A centred title goes on only in a centred line after the page break.
        return prev.centred and block.centred and block.after_footnotes
    if block.runs_on:
        return True
    if not is_unfinished(prev_plain):
        end = prev_plain.rstrip().rstrip("”’\"')]")
        return start[0].islower() and end[-1:] in (",", ";", ":")
    if start[0] in _TERMINAL or start[0].islower():
        return True
    last_word = prev_plain[prev_plain.rstrip().rfind(" ") + 1 :].strip().lower()
    return block.after_footnotes or last_word in load_vocabulary().open_endings


def is_unfinished(plain: str) -> bool:
    """True when a paragraph's text does not end with closing punctuation."""
    end = plain.rstrip().rstrip("”’\"')]")
    return bool(end) and end[-1] not in _TERMINAL
