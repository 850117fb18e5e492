"""The flattened layout: a copy that lost its line breaks (the header on one line, the preamble on the next,
the operative part on another) cut back into one line per block, so the cleaner reads it as blank-separated.

Where a block starts is known from what follows in sequence, never from the length of a line:
masthead items ("Distr.: General", "Twenty-first session", a date, a symbol, "Italy: draft resolution"),
the opening formula (a body's name after "The", then "," or ":"), a preambular paragraph (a capitalised
leading phrase of vocabulary.yaml after ", "), an operative paragraph ("7. " when 6 came before), a lettered
one ("(c) " after "(b)"), an annex ("Annex II"), the closing "54th plenary meeting" and a run of footnotes
after a rule.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from generator.importer.clean import MONTH_NAMES
from generator.importer.emphasis import leading_phrase
from generator.importer.layout import Line

_DATE = rf"\d{{1,2}}\s+(?:{MONTH_NAMES})\s+\d{{4}}"
# Masthead items: each is a block of its own (cut before and after it).
_MASTHEAD = re.compile(
    rf"""Distr\.?\s*:?\s*(?:General|Limited|Restricted|GENERAL|LIMITED)(?:\s+{_DATE})?
       |Original\s*:\s*[A-Z][a-z]+
       |(?<![\w-])[A-Z][a-z]+(?:-[a-z]+)?\s+(?:regular\s+|special\s+)?session\b
       |(?:Agenda\s+items?\s+\d{{1,3}}(?:\s*\([a-z]\))?|Items?\s+\d{{1,3}}(?:\s*\([a-z]\))?\s+of\s+the\s+
          (?:revised\s+)?(?:provisional\s+)?agenda\*?)
       |(?:Resolution|Decision)s?\s+adopted\s+by\s+the\s+(?:[A-Z][\w-]*|of|on|the|to|and|against|for|in)
          (?:\s+(?:[A-Z][\w-]*|of|on|the|to|and|against|for|in))*?(?:\s+on\s+{_DATE})?(?=\s+[\[\d]|$)
       |\[(?:on\s+the|without\s+reference)[^\]]{{0,200}}\]
       |(?:Resolution|Decision)\s+\d{{1,4}}/\d{{1,4}}\.?(?=\s)
       |(?<![\w/])[A-Z]{{1,6}}(?:\.\d+)?(?:/[A-Za-z0-9.\-]+){{2,}}(?![\w/])
       |[A-Z][a-z]+,\s+\d{{1,2}}(?:[–-]\d{{1,2}})?\s+(?:{MONTH_NAMES})\s+\d{{4}}
       |{_DATE}
       |(?<!:\s)(?<!revised\s)(?:Revised\s+)?[Dd]raft\s+(?:resolution|decision)(?:\s+[IVX]{{1,5}})?(?=\s+[A-Z])

       |The\s+[A-Z][^:]{{5,200}}?\brecommends\b[^:]{{0,300}}?draft\s+(?:resolution|decision)s?
          (?:\s+for\s+adoption\s+by\s+the\s+[^:]{{3,80}}?)?:""",
    re.VERBOSE,
)
_CLOSING = re.compile(rf"\d{{1,3}}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting(?:\s+{_DATE})?")
_ANNEX = re.compile(r"(?<![\w-])Annex(?:\s+[IVX]{1,5}|\s+\d{1,2})?(?=\s+[A-Z])")
_NUMBER = re.compile(r"(?:^|(?<=\s))(?P<n>\d{1,3})\.\s+(?=[A-Z*])")
_LETTER = re.compile(r"(?:^|(?<=\s))\((?P<x>[a-z]{1,2}|[ivxl]{1,6})\)\s+")
# A new sentence that starts without a full stop before it: the end of an unpunctuated title.
_SENTENCE = re.compile(r"(?<=[a-z0-9”)])\s+(?=The\s+[A-Z])")
_RULE = re.compile(r"^(?:_{5,}|-{3,})$")
# A line of the text holding this many paragraph openings inside it is a flattened copy.
_OPENINGS = 3


def is_flattened(lines: Sequence[Line]) -> bool:
    return any(_openings(line.text) >= _OPENINGS for line in lines)


def _openings(text: str) -> int:
    """Paragraph openings inside a line: "1. ", "2. " in sequence, or ", Recalling …"."""
    count = 0
    expected = 1
    for m in _NUMBER.finditer(text):
        if int(m["n"]) == expected:
            count, expected = count + 1, expected + 1
    for m in re.finditer(r"[,;]\s+(?=[A-Z])", text):
        rest = text[m.end():]
        if leading_phrase(rest, "preamble") or leading_phrase(rest, "reported"):
            count += 1
    # "…; (b) Recalled …; (c) Decided …": lettered paragraphs that start with a capital (an inline
    # enumeration "(a) identifying …; (b) adopting …" is in lower case).
    count += len(re.findall(r"[;.](?:\d{1,3})?\s+\([b-z]\)\s+[A-Z]", text))
    return count


def unflatten(lines: Sequence[Line], formula_names: Sequence[str] = ()) -> list[Line]:
    """One line per block, blank lines between them; footnote lines after a rule stay as they are."""
    out: list[Line] = []
    in_notes = False
    for line in lines:
        text = line.text.strip()
        in_notes = in_notes or bool(_RULE.match(text))
        pieces = [text] if in_notes or not text else _cut(text, formula_names)
        for piece in pieces:
            out.append(Line(line.number, piece, line.page_break))
            if not in_notes:
                out.append(Line(line.number, ""))
    return out


def _cut(text: str, formula_names: Sequence[str]) -> list[str]:
    cuts: set[int] = set()
    formula_end = _formula(text, formula_names, cuts)
    head, body = (text[:formula_end], text[formula_end:]) if formula_end is not None else ("", text)
    if formula_end is None and not _openings(text):
        _masthead(text, cuts, 0)
    else:
        _masthead(head, cuts, 0)
    offset = len(head)
    _paragraphs(body, cuts, offset)
    return [p for p in _pieces(text, cuts) if p]


def _formula(text: str, names: Sequence[str], cuts: set[int]) -> int | None:
    """Cut around "The <body>,": the longest body name, then "," or ":" (maybe after ", pursuant …")."""
    for name in sorted(names, key=len, reverse=True):
        pattern = rf"(?<![\w])The\s+{re.escape(name)}(?:,[^.;:,]{{0,160}}(?:,[^.;:]{{0,80}})*:|\s*[,:])"
        m = re.search(pattern, text)
        if m and not re.match(r"\s+recommends\b", text[m.end() - 1:]):
            cuts.update((m.start(), m.end()))
            return m.start()
    return None


_SPONSORED = re.compile(r":\s+(?:revised\s+)?draft\s+(?:resolution|decision)(?!s)")
_SPONSOR_WORD = re.compile(r"^(?:[A-Z(][\w()’'.-]*,?|and|of|the|on|for|in|to|de|del|da)$")


def _masthead(text: str, cuts: set[int], offset: int) -> None:
    for m in _MASTHEAD.finditer(text):
        cuts.update((offset + m.start(), offset + m.end()))
    for m in _SPONSORED.finditer(text):
        cuts.update((offset + _sponsors_start(text, m.start()), offset + m.end()))
    for m in re.finditer(r"(?<![\w/])\d{1,4}/\d{1,4}\.\s+(?=[A-Z])", text):
        cuts.add(offset + m.start())  # "78/231. Title": the heading of an adopted text


def _sponsors_start(text: str, colon: int) -> int:
    """"… the Protocols thereto Italy: draft resolution": the sponsors are the capitalised words (and
    their connectors) just before the colon."""
    start = colon
    for word in reversed(list(re.finditer(r"\S+", text[:colon]))):
        if not _SPONSOR_WORD.match(word.group()):
            break
        start = word.start()
    while text[start:colon].split()[:1] and text[start:colon].split()[0] in ("and", "of", "the", "on"):
        start = text.index(" ", start) + 1  # a sponsor list starts with a name, not a connector
    return start


def _paragraphs(body: str, cuts: set[int], offset: int) -> None:
    _leading_phrases(body, cuts, offset)
    _numbers(body, cuts, offset)
    _letters(body, cuts, offset)
    for pattern in (_CLOSING, _ANNEX):
        for m in pattern.finditer(body):
            cuts.update((offset + m.start(), offset + m.end()))
    for annex in _ANNEX.finditer(body):
        _annex_parts(body, annex.end(), cuts, offset)


def _leading_phrases(body: str, cuts: set[int], offset: int) -> None:
    for m in re.finditer(r"[,;:.](?:\d{1,3})?\s+(?=[A-Z])", body):
        rest = body[m.end():]
        if leading_phrase(rest, "preamble") or leading_phrase(rest, "reported"):
            cuts.add(offset + m.end())


def _numbers(body: str, cuts: set[int], offset: int) -> None:
    """Operative paragraphs 1., 2., … in sequence, each after the end of the one before."""
    expected = 1
    for m in _NUMBER.finditer(body):
        before = body[: m.start()].rstrip()
        if int(m["n"]) == expected and (not before or before[-1] in ",;:.”’)" or before[-1].isdigit()):
            cuts.add(offset + m.start())
            expected += 1


def _letters(body: str, cuts: set[int], offset: int) -> None:
    """(a), (b) … in sequence after a ":" or ";" (an inline "(a) …; (b) …" enumeration has them too,
    so only a list whose (a) follows a colon that ends the sentence's lead is cut)."""
    expected = "a"
    for m in _LETTER.finditer(body):
        before = body[: m.start()].rstrip().rstrip("0123456789")
        label = m["x"]
        if not before and label == "a":
            expected = "b"  # the line opens with "(a)"
            continue
        if not before or before[-1] not in ":;.":
            continue
        if label == expected or (label == "a" and before.endswith(":")):
            cuts.add(offset + m.start())
            expected = chr(ord(label[0]) + 1) if len(label) == 1 and label < "z" else label
        elif re.fullmatch(r"[ivxl]+", label) and before.endswith((":", ";")):
            cuts.add(offset + m.start())


def _annex_parts(body: str, start: int, cuts: set[int], offset: int) -> None:
    """An annex's title, introduction and headings: a sentence starting without a full stop before it,
    and the unpunctuated words before a "(a)" or "1." that follow a finished sentence."""
    end = min((c - offset for c in cuts if c - offset > start), default=len(body))
    for m in _SENTENCE.finditer(body, start, end):
        cuts.add(offset + m.end())
        break
    for c in sorted(c - offset for c in cuts if c - offset > start):
        head = re.search(r"[.:;](?:\d{1,3})?\s+(?P<h>[A-Z][^.:;()]{2,200}?)\s*$", body[:c])
        if head and (_LETTER.match(body, c) or _NUMBER.match(body, c)):
            cuts.add(offset + head.start("h"))


def _pieces(text: str, cuts: Iterable[int]) -> list[str]:
    points = sorted({0, len(text), *(c for c in cuts if 0 < c < len(text))})
    return [text[a:b].strip() for a, b in itertools.pairwise(points)]
