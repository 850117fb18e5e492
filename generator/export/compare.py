"""Two versions of a text, aligned paragraph by paragraph, with the words added and removed.

Alignment pairs each paragraph of the older text with at most one of the newer, whatever their
numbers: first the paragraphs whose words are the same, then, among the rest of the same part
(preamble, operative, annex), the most similar pairs above ``THRESHOLD`` (difflib's ratio on
words). So a paragraph that was renumbered or moved is shown once, as renumbered or moved, not as
deleted and added. The words within a pair are compared with difflib as well.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator.markup import to_plain
from generator.model import Passage, Resolution, passages

# Two paragraphs with at least this share of their words in common are versions of each other.
THRESHOLD = 0.5
_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")

Op = Literal["equal", "insert", "delete"]
Status = Literal["same", "changed", "added", "removed"]


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


@dataclass(frozen=True)
class Row:
    """One aligned pair (or a paragraph only one side has) and the word diff between them."""

    old: Passage | None
    new: Passage | None
    pieces: tuple[Piece, ...]
    moved: bool = False

    @property
    def status(self) -> Status:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "same" if all(p.op == "equal" for p in self.pieces) else "changed"

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.label != self.new.label


def _words(passage: Passage) -> str:
    return " ".join(to_plain(passage.text).split())


def _part(passage: Passage) -> str:
    return passage.id.split("-", 1)[0]  # pp, op, annex, fn


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Piece] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Piece("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Piece("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(Piece("insert", "".join(b[j1:j2])))
    return tuple(_merge(out))


def _merge(pieces: Sequence[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if out and out[-1].op == p.op:
            out[-1] = Piece(p.op, out[-1].text + p.text)
        else:
            out.append(p)
    return out


def _pairs(old: Sequence[Passage], new: Sequence[Passage]) -> dict[int, int]:
    """new index → old index for every paired paragraph."""
    old_words = [_words(p) for p in old]
    new_words = [_words(p) for p in new]
    paired: dict[int, int] = {}
    used: set[int] = set()
    # Same words: pair in order (a repeated paragraph pairs with its first unpaired copy).
    for j, text in enumerate(new_words):
        for i, candidate in enumerate(old_words):
            if i not in used and candidate == text and _part(old[i]) == _part(new[j]):
                paired[j] = i
                used.add(i)
                break
    # Then the most similar pairs of the same part, best first.
    old_tokens = [_TOKEN.findall(t) for t in old_words]
    scored: list[tuple[float, int, int]] = []
    for j, text in enumerate(new_words):
        if j in paired:
            continue
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(_TOKEN.findall(text))
        for i in range(len(old)):
            if i in used or _part(old[i]) != _part(new[j]):
                continue
            matcher.set_seq1(old_tokens[i])
            if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio >= THRESHOLD:
                scored.append((-ratio, j, i))
    for _, j, i in sorted(scored):
        if j not in paired and i not in used:
            paired[j] = i
            used.add(i)
    return paired


def align(older: Resolution, newer: Resolution) -> tuple[Row, ...]:
    """The rows of the compare page, in the newer text's order; removed paragraphs where they stood."""
    old = [p for p in passages(older) if _part(p) != "fn"]
    new = [p for p in passages(newer) if _part(p) != "fn"]
    paired = _pairs(old, new)
    partner = set(paired.values())
    rows: list[Row] = []
    emitted_old: set[int] = set()
    furthest = -1
    for j, passage in enumerate(new):
        i = paired.get(j)
        if i is not None:
            # Paragraphs of the older text that no longer exist, up to this one's old place.
            for k in range(i):
                if k not in partner and k not in emitted_old:
                    rows.append(Row(old[k], None, (Piece("delete", _words(old[k])),)))
                    emitted_old.add(k)
            moved = i < furthest
            furthest = max(furthest, i)
            rows.append(Row(old[i], passage, word_diff(_words(old[i]), _words(passage)), moved))
        else:
            rows.append(Row(None, passage, (Piece("insert", _words(passage)),)))
    for k in range(len(old)):
        if k not in partner and k not in emitted_old:
            rows.append(Row(old[k], None, (Piece("delete", _words(old[k])),)))
    return tuple(rows)


def title_diff(older: Resolution, newer: Resolution) -> tuple[Piece, ...]:
    return word_diff(" ".join(to_plain(older.title).split()), " ".join(to_plain(newer.title).split()))
