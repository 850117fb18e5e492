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
from generator.importer.vocabulary import load_vocabulary

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
# The third level, under an (i): "(A) The …", "(B) The …" after the ":" or ";" that ends the one before.
_CAPITAL = re.compile(r"(?<=[:;]\s)\((?P<x>[A-Z])\)\s+(?=[A-Z*“\"‘])")
# A new sentence that starts without a full stop before it: the end of an unpunctuated title.
_SENTENCE = re.compile(r"(?<=[a-z0-9”)])\s+(?=The\s+[A-Z])")
_RULE = re.compile(r"^(?:_{5,}|-{3,})$")
# A line of the text holding this many paragraph openings (or masthead items) inside it is a flattened copy.
_OPENINGS = 3
# A flattened line holds several paragraphs or masthead items: a line shorter than this is not one.
_LEAST_FLAT = 150
_CLAUSE_END = re.compile(r"[,;]\s+(?=[A-Z])")
_SENTENCE_END = re.compile(r"[,;:.](?:\d{1,3})?\s+(?=[A-Z])")
# A file of at most this many lines can be a flattened copy whose only long line is its masthead.
_MAX_LINES = 20
# "(a) Recalled …; (b) Invited …" on one line: a web copy gives each lettered paragraph a line.
_LETTERED_RUN = re.compile(r"^\(a\)\s+[A-Z].*?[;.](?:\d{1,3})?\s+\(b\)\s+[A-Z]")
# What only a masthead prints: "Distr.: Limited", "Original: English", "Twenty-first session".
_MASTHEAD_ITEM = re.compile(
    r"Distr\.?\s*:?\s*(?:General|Limited|Restricted)\b|Original\s*:\s*[A-Z][a-z]+"
    r"|(?<![\w-])[A-Z][a-z]+(?:-[a-z]+)?\s+(?:regular\s+|special\s+)?session\b"
    r"|\bItem\s+\d{1,3}(?:\s*\([a-z]\))?\s+of\s+the\s+(?:revised\s+)?(?:provisional\s+)?agenda",
    re.IGNORECASE,
)


def is_flattened(lines: Sequence[Line]) -> bool:
    """Some line holds several paragraph openings, a whole masthead, or a run of lettered paragraphs:
    no other layout puts them on one line."""
    texts = [line.text.strip() for line in lines]
    short_file = sum(1 for t in texts if t) <= _MAX_LINES
    return any(
        len(t) >= _LEAST_FLAT
        and (
            _openings(t) >= _OPENINGS
            or _LETTERED_RUN.search(t)
            or (short_file and len(_MASTHEAD_ITEM.findall(t)) >= _OPENINGS)
        )
        for t in texts
    )


def _openings(text: str) -> int:
    """Paragraph openings inside a line: "1. ", "2. " in sequence, or ", Recalling …"."""
    count = 0
    expected = 1
    for m in _NUMBER.finditer(text):
        if int(m["n"]) == expected:
            count, expected = count + 1, expected + 1
    for m in _CLAUSE_END.finditer(text):
        if leading_phrase(text, "preamble", m.end()) or leading_phrase(text, "reported", m.end()):
            count += 1
    # "…; (b) Recalled …; (c) Decided …": lettered paragraphs that start with a capital (an inline
    # enumeration "(a) identifying …; (b) adopting …" is in lower case).
    count += len(re.findall(r"[;.](?:\d{1,3})?\s+\([b-z]\)\s+[A-Z]", text))
    return count


# Each body name's first word (a cheap test) and its formula pattern, the longest name first.
_FormulaPatterns = tuple[tuple[str, re.Pattern[str]], ...]


def unflatten(lines: Sequence[Line], formula_names: Sequence[str] = ()) -> list[Line]:
    """One line per block, blank lines between them; footnote lines after a rule stay as they are."""
    out: list[Line] = []
    in_notes = False
    in_body = False  # past the opening formula: no masthead item is looked for any more
    formulas = _formula_patterns(formula_names)  # compiled once for the lines of this text
    for line in lines:
        text = line.text.strip()
        in_notes = in_notes or bool(_RULE.match(text))
        pieces = [text]
        if text and not in_notes:
            pieces, formula = _cut(text, formulas, in_body)
            in_body = in_body or formula
        for piece in pieces:
            out.append(Line(line.number, piece, line.page_break))
            if not in_notes:
                out.append(Line(line.number, ""))
    return out


def _cut(text: str, formulas: _FormulaPatterns, in_body: bool = False) -> tuple[list[str], bool]:
    """The line's blocks, and whether it holds the opening formula."""
    cuts: set[int] = set()
    formula_end = None if in_body else _formula(text, formulas, cuts)
    head, body = (text[:formula_end], text[formula_end:]) if formula_end is not None else ("", text)
    if formula_end is None and not in_body and not _openings(text):
        _masthead(text, cuts, 0)
    else:
        _masthead(head, cuts, 0)
    offset = len(head)
    _paragraphs(body, cuts, offset)
    return [p for p in _pieces(text, cuts) if p], formula_end is not None


def _formula(text: str, formulas: _FormulaPatterns, cuts: set[int]) -> int | None:
    """Cut around "The <body>,": the longest body name, then "," or ":" (maybe after ", pursuant …")."""
    for first_word, pattern in formulas:
        if first_word not in text:
            continue  # a cheap test first: most names are not in the line at all
        m = pattern.search(text)
        if m and not _RECOMMENDS.match(text, m.end() - 1):
            cuts.update((m.start(), m.end()))
            return m.start()
    return None


_RECOMMENDS = re.compile(r"\s+recommends\b")


def _formula_patterns(names: Sequence[str]) -> _FormulaPatterns:
    """For each body name, the longest first, its first word and its pattern."""
    return tuple(
        (
            name.split()[0] if name.split() else name,
            re.compile(rf"(?<![\w])The\s+{re.escape(name)}(?:,[^.;:,]{{0,160}}(?:,[^.;:]{{0,80}})*:|\s*[,:])"),
        )
        for name in sorted(names, key=len, reverse=True)
    )


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
    return _first_state(text, start, colon)


def _first_state(text: str, start: int, colon: int) -> int:
    """"Firearms Brazil, Japan and Canada": when the capitalised words before the colon do not open with
    a sponsor's name but hold one, the agenda item's title ran into them and the sponsors start at the
    first name (one after ", " or " and " belongs to the list already)."""
    states = load_vocabulary().sponsor_state
    if states is None or states.match(text, start):
        return start
    for word in re.finditer(r"\S+", text[start:colon]):
        at = start + word.start()
        if states.match(text, at):
            before = text[start:at].rstrip()
            return start if before.endswith(",") or before.endswith(" and") else at
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
    for m in _SENTENCE_END.finditer(body):
        if leading_phrase(body, "preamble", m.end()) or leading_phrase(body, "reported", m.end()):
            cuts.add(offset + m.end())


def _numbers(body: str, cuts: set[int], offset: int) -> None:
    """Operative paragraphs 1., 2., … in sequence, each after the end of the one before."""
    expected = 1
    for m in _NUMBER.finditer(body):
        before = _last_char(body, 0, m.start())
        if int(m["n"]) == expected and (not before or before in ",;:.”’)" or before.isdigit()):
            cuts.add(offset + m.start())
            expected += 1


def _letters(body: str, cuts: set[int], offset: int) -> None:
    """(a), (b) … in sequence, counted afresh in the operative part and in each annex; (A), (B) … in
    sequence, each list opening with an (A) after a colon."""
    starts = [0, *(m.start() for m in _ANNEX.finditer(body)), len(body)]
    for k, (a, b) in enumerate(itertools.pairwise(starts)):
        _letters_in(body, a, b, cuts, offset, in_annex=k > 0)
    expected = "A"
    for m in _CAPITAL.finditer(body):
        colon = body[m.start() - 2] == ":"
        if (colon and m["x"] == "A") or (not colon and m["x"] == expected):
            cuts.add(offset + m.start())
            expected = chr(ord(m["x"]) + 1)


def _letters_in(body: str, start: int, end: int, cuts: set[int], offset: int, *, in_annex: bool) -> None:
    """(a), (b) … in sequence after a ":" or ";", each starting with a capital as a sub-paragraph
    does (an inline enumeration "consider: (a) identifying …; (b) adopting …" goes on in lower case).
    In an annex a lettered paragraph may also follow its section's heading, which has no punctuation."""
    expected = "a"
    for m in _LETTER.finditer(body, start, end):
        before = _last_char(body, start, m.start(), skip="0123456789")
        label = m["x"]
        if not before and label == "a":
            expected = "b"  # the line opens with "(a)"
            continue
        if not re.match(r"[A-Z*“\"‘]", body[m.end() : m.end() + 1]):
            continue
        after_heading = in_annex
        if not before or (before[-1] not in ":;." and not after_heading):
            continue
        if label == expected or (label == "a" and (before == ":" or after_heading)):
            cuts.add(offset + m.start())
            expected = chr(ord(label[0]) + 1) if len(label) == 1 and label < "z" else label
        elif re.fullmatch(r"[ivxl]+", label) and before in (":", ";"):
            cuts.add(offset + m.start())


def _last_char(text: str, start: int, end: int, skip: str = "") -> str:
    """The last character of ``text[start:end]`` that is not a space (nor one of ``skip``, after the
    spaces); "" if none. Read backwards, without copying the text before every match of a long line."""
    i = end - 1
    while i >= start and text[i].isspace():
        i -= 1
    while skip and i >= start and text[i] in skip:
        i -= 1
    return text[i] if i >= start else ""


def _annex_parts(body: str, start: int, cuts: set[int], offset: int) -> None:
    """An annex's title, introduction and headings: a sentence starting without a full stop before it,
    and the unpunctuated words before a "(a)" or "1." that follow a finished sentence. When the title
    runs straight into a heading and its first paragraph ("Annex I Guidelines on fraud General
    recommendations (a) …"), the heading starts where sentence case breaks (``_title_end``)."""
    end = min((c - offset for c in cuts if c - offset > start), default=len(body))
    sentence = next(_SENTENCE.finditer(body, start, end), None)
    if sentence:
        cuts.add(offset + sentence.end())
    elif (_LETTER.match(body, end) or _NUMBER.match(body, end)) and (
        title_end := _title_end(body, start, end)
    ) is not None:
        cuts.add(offset + title_end)
    for c in sorted(c - offset for c in cuts if c - offset > start):
        if not (_LETTER.match(body, c) or _NUMBER.match(body, c)):
            continue
        # The heading is at most 300 characters long: it is looked for in the stretch before the cut
        # only (searching the whole text before every cut made long lines quadratic).
        window = max(0, c - _HEADING_REACH)
        if head := _HEADING_BEFORE.search(body[window:c]):
            cuts.add(offset + window + head.start("h"))


# The unpunctuated heading right before a "(a)" or "1.", after a finished sentence. A heading may hold a
# colon before lower-case words ("… thereto: challenges, lessons learned").
_HEADING_BEFORE = re.compile(r"[.:;](?:\d{1,3})?\s+(?P<h>[A-Z](?:[^.:;()]|:(?=\s+[a-z])){2,300}?)\s*$")
_HEADING_REACH = 340

# Words after which a capitalised word is part of the same title: "on the Review Mechanism".
_TITLE_LINKS = frozenset((
    "the", "a", "an", "of", "on", "and", "or", "in", "to", "for", "against", "with", "by", "from", "at",
    "between", "among", "its", "their", "under", "into", "within", "including", "as", "through",
))


_LOWER_WORD = re.compile(r"[a-z][a-z’'-]*[a-z]")


def _title_end(body: str, start: int, end: int) -> int | None:
    """Where an annex title run into a heading ends. UN titles and headings are in sentence case: a
    capitalised word after a lower-case word is a name ("the Review Mechanism", "wider United Nations")
    unless a link word comes before it, or it starts a phrase in sentence case of its own: a capital
    after a lower-case content word, itself followed by a lower-case word ("… the environment
    Recommendations on data …", "… kidnapping General recommendations")."""
    words = list(re.finditer(r"\S+", body[start:end]))
    for prev, word, after in zip(words, words[1:], words[2:], strict=False):
        p, w, a = prev.group(), word.group(), after.group()
        if (_LOWER_WORD.fullmatch(p) and p not in _TITLE_LINKS
                and w[:1].isupper() and w.isalpha() and a[:1].islower()):
            return start + word.start()
    return None


def _pieces(text: str, cuts: Iterable[int]) -> list[str]:
    points = sorted({0, len(text), *(c for c in cuts if 0 < c < len(text))})
    return [text[a:b].strip() for a, b in itertools.pairwise(points)]
