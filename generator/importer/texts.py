"""Several texts in one file: a session's page or report → one block list per text.

A session page lists its texts first ("Decision 2/1 Title", "Decision 2/2 Title" …) and then holds them
one after another; a report chapter recommends several draft resolutions ("Draft resolution I", "Draft
resolution II" …). Each text has an opening formula, so the file holds as many texts as formulas. A text
starts at its title (the block before its formula) and at the headings just above it that carry no title
of their own ("Decision 2/1", "Draft resolution II", "Resolution adopted by …"); whatever stands before the
first text (masthead, introduction, the list) is shared by every text.

The list's entries are matched to the texts: by number when the text has its own heading, else by title.
They are not part of any text, so they are neither header lines nor citations.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from generator.diagnostics import Diagnostic
from generator.importer.clean import Block
from generator.importer.layout import own_line
from generator.importer.segment import CLOSING, DATE_LINE, is_formula

# "Decision 2/1 Title", "Decision 2/1. Title", "Decision 1/1Title", "Resolution 2019/19 Title", "10/3. Title".
_ENTRY = re.compile(
    r"^(?:(?P<kind>Resolution|Decision)\s*)?(?P<number>\d{1,4}/\d{1,4})\.?\s*(?P<title>[A-Z“\"].*)$"
)
# A heading above a text's title that carries no title itself.
_HEADING = re.compile(
    r"""^(?:(?:Resolution|Decision)\s+\d{1,4}/\d{1,4}\.?
         |(?:Revised\s+)?draft\s+(?:resolution|decision)(?:\s+[IVXLC]{1,6}|\s+\d{1,2})?\.?
         |(?:Resolution|Decision)s?\s+adopted\s+by\s+the\s+.+
         |\[(?:on\s+the|without\s+reference).*\]
         |.{1,200}:\s+(?:revised\s+)?draft\s+(?:resolution|decision))$""",
    re.IGNORECASE | re.VERBOSE,
)
_TITLE_MATCH = 0.8  # difflib ratio above which a list entry's title is the text's


@dataclass(frozen=True)
class Entry:
    """One entry of a session page's list of texts."""

    kind: str  # "Decision" or "Resolution" ("" when the list gives only the number)
    number: str
    title: str
    line: int


@dataclass(frozen=True)
class Split:
    shared: tuple[Block, ...]  # before the first text, list entries left out
    texts: tuple[tuple[Block, ...], ...]  # each text's own blocks, heading first
    entries: tuple[Entry, ...]


def split_texts(blocks: tuple[Block, ...]) -> Split:
    """The texts of a file; one text (and no list) when it has at most one formula."""
    formulas = [i for i, block in enumerate(blocks) if is_formula(block)]
    if len(formulas) < 2:
        return Split((), (blocks,), ())
    starts: list[int] = []
    limit = 0
    for f in formulas:
        starts.append(_start(blocks, f, limit))
        limit = f + 1
    shared, entries = _shared(blocks[: starts[0]])
    texts = tuple(blocks[a:b] for a, b in zip(starts, [*starts[1:], len(blocks)], strict=True))
    return Split(shared, texts, entries)


def _start(blocks: tuple[Block, ...], formula: int, limit: int) -> int:
    """Where the text of the formula at ``formula`` starts: its title, the bare headings above it and
    its own masthead (symbol, "Distr.", date); not the closing lines of the text before it."""
    start = formula
    if start - 1 >= limit and _title_like(blocks[start - 1]):
        start -= 1
    while start - 1 >= limit and _above(blocks, start - 1):
        start -= 1
    return start


def _above(blocks: tuple[Block, ...], i: int) -> bool:
    plain = blocks[i].plain.strip()
    after_closing = i > 0 and CLOSING.match(blocks[i - 1].plain.strip())
    if CLOSING.match(plain) or (DATE_LINE.match(plain) and after_closing):
        return False  # "54th plenary meeting" and its date close the text before
    return bool(_HEADING.match(plain)) or own_line(plain)


def _title_like(block: Block) -> bool:
    plain = block.plain.strip()
    return not plain.endswith((".", ";", ":")) and not re.match(r"^(?:\d{1,3}\.|\([a-z]{1,2}\))\s", plain)


def _shared(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Entry, ...]]:
    kept: list[Block] = []
    entries: list[Entry] = []
    for block in blocks:
        m = _ENTRY.match(" ".join(block.plain.split()))
        if m and (m["kind"] or "." in block.plain[: m.end("number") + 1]):
            entries.append(Entry((m["kind"] or "").capitalize(), m["number"], m["title"].strip(), block.line))
        else:
            kept.append(block)
    return tuple(kept), tuple(entries)


def heading_for(entry: Entry, line: int) -> Block:
    """The "Decision N/M" heading a text listed on the page lacks (it gives the text its number)."""
    return Block(f"{entry.kind or 'Resolution'} {entry.number}", line)


def match_entries(
    split: Split, numbers: list[str | None], titles: list[str], source: str
) -> tuple[dict[int, Entry], list[Diagnostic]]:
    """Each text's list entry: by number, else by title. Mismatches and unmatched entries are warnings."""
    found: dict[int, Entry] = {}
    diagnostics: list[Diagnostic] = []
    by_number = {e.number: e for e in split.entries}
    for i, (number, title) in enumerate(zip(numbers, titles, strict=True)):
        entry = by_number.get(number) if number else _by_title(split.entries, title, found)
        if entry is None:
            continue
        found[i] = entry
        if _ratio(entry.title, title) < _TITLE_MATCH:
            diagnostics.append(Diagnostic(
                source, entry.line, None, "IMP016",
                f"the list gives {entry.kind or 'text'} {entry.number} the title {entry.title[:80]!r}, "
                f"but its text is titled {title[:80]!r}",
                "check which title is right; the text's own title is imported", "warning",
            ))
    for entry in split.entries:
        if entry not in found.values():
            diagnostics.append(Diagnostic(
                source, entry.line, None, "IMP017",
                f"the list names {entry.kind or 'text'} {entry.number} ({entry.title[:60]!r}), "
                "but no text of that number or title follows in the file",
                "the page may hold only some of its texts; import the missing one from its own page",
                "warning",
            ))
    return found, diagnostics


def _by_title(entries: tuple[Entry, ...], title: str, taken: dict[int, Entry]) -> Entry | None:
    free = [e for e in entries if e not in taken.values()]
    best = max(free, key=lambda e: _ratio(e.title, title), default=None)
    return best if best is not None and _ratio(best.title, title) >= _TITLE_MATCH else None


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b)).ratio()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def with_heading(blocks: tuple[Block, ...], heading: Block) -> tuple[Block, ...]:
    return (replace(heading, line=blocks[0].line if blocks else heading.line), *blocks)
