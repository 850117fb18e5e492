"""Stage 2, segment: blocks → header, formula, preamble, operative paragraphs and annexes.

The opening formula ("The Conference of the Parties …,") divides the header (metadata) from the body.
In the body, unnumbered paragraphs before the first numbered one are preambular; "12. …" starts an
operative paragraph; "(a) …" a lettered sub-paragraph of the paragraph before, "(i) …" one of the (a)
before it and "(A) …" one of the (i) before it (three levels: op-1-a-ii-b); "Annex I" an annex, whose
first line is its title, then introductory text, headings and lettered paragraphs. Only a block that
*starts* with a marker is a paragraph, so an inline enumeration "(a) identifying …; (b) adopting …" stays
inside its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.diagnostics import Diagnostic
from generator.ids import ParagraphId
from generator.importer.clean import MONTH_NAMES, Block, is_unfinished
from generator.importer.emphasis import Part, emphasise, first_words, leading_phrase, unwrap_emphasis
from generator.markup import to_plain
from generator.model import Annex, AnnexSection, Paragraph

# The opening formula: "The General Assembly," or, before lettered or unnumbered decisions, "The
# Conference of the Parties to the … Convention …, pursuant to article 32 …:".
# Not "The Commission … recommends … the adoption of the following draft resolution:" (a header line).
_FORMULA = re.compile(r"^The\s+[A-Z](?:[^.;:]{2,200},|(?![^:]*\bfollowing\b)[^.;:]{2,200}:)$")
# A decision of one sentence: "The Conference of the Parties to the … Convention … adopts its rules …."
# The subject (capitalised words and their connectors) is the formula; the rest is its paragraph.
_CONNECTORS = r"(?:of|on|the|to|and|against|for|in)"
# A reported decision opens with its meeting: "At its 12th meeting, on 27 May 2016, the Commission …
# decided to …"; the lead-in belongs to the formula (the header reads the meeting and date from it).
_MEETING_LEAD = (
    r"At\s+its\s+\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting,"
    r"\s+on\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4},\s+the"
)
_SENTENCE_FORMULA = re.compile(
    rf"""^(?P<subject>(?:The|{_MEETING_LEAD})(?:\s+(?:[A-Z][\w’'-]*|{_CONNECTORS}))+?)
        \s+(?P<rest>(?:also\s+|further\s+)?[a-z]+(?:s|ed)\b.*[.;])$""",
    re.VERBOSE,
)
_OPERATIVE = re.compile(r"^(?P<num>\d{1,3})\.\s+")
_LETTERED = re.compile(r"^\((?P<letter>[a-z]{1,2}|[ivxl]{1,6})\)\s+")
_ANNEX = re.compile(r"^Annex(?:\s+(?P<num>[IVXLC]{1,7}|\d{1,2}))?$", re.IGNORECASE)
_ROMAN = re.compile(r"^[ivxl]+$")
# The third level of sub-paragraphs, under an (i): "(A) …", "(B) …", or in the UN's editorial
# style "a. …", "b. …" (1. → (a) → (i) → a.).
_CAPITAL_LETTERED = re.compile(r"^(?:\((?P<letter>[A-Z])\)|(?P<dotted>[a-z])\.(?=\s+[A-Z“\"]))\s+")
# A part of the operative text opens with its number on a line of its own ("I", "II", "B", "Part A"),
# usually with a title line after it: together they are the heading above the part's first paragraph.
_PART_NUMBER = re.compile(r"^(?:Part\s+)?(?:[IVXL]{1,6}|[A-H])\.?$")
_MAX_PART_TITLE = 160
# A division of an annex on a line of its own: "Article 3", "Chapter II", "Section B", "Part 1"; the
# title line after it, if any, belongs to the same heading ("Article 3. Obligations").
_ANNEX_DIVISION = re.compile(r"^(?:Article|Chapter|Section|Part)\s+(?:\d{1,3}|[IVXLC]{1,7}|[A-Z])\.?$")
# The closing lines of an adopted text: "54th plenary meeting" and the date, on one line or two.
_DATE_TEXT = rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_NAMES})\s+(?P<year>\d{{4}})"
CLOSING = re.compile(
    rf"^(?P<meeting>\d{{1,3}}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)(?:,?\s+{_DATE_TEXT})?\.?$",
    re.IGNORECASE,
)
DATE_LINE = re.compile(rf"^{_DATE_TEXT}$")
# A heading in plain PDF text is short and unfinished, and a paragraph or another heading follows it.
_MAX_HEADING = 300


@dataclass(frozen=True)
class Element:
    """A piece of text that can carry footnote marks, named by its footnote anchor."""

    anchor: str
    text: str
    line: int


@dataclass(frozen=True)
class Segmented:
    header: tuple[Block, ...]
    formula: Block | None
    closing: tuple[Block, ...]  # "54th plenary meeting", "15 December 2022" after the paragraphs
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    annexes: tuple[Annex, ...]
    # Every body element in reading order (paragraphs, annex titles and headings) with its raw line.
    elements: tuple[Element, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass
class _Para:
    id: str
    number: str | None
    text: str
    line: int
    subs: list[_Para] = field(default_factory=list)
    heading: str | None = None  # printed above an operative paragraph that opens a part of the text
    heading_line: int = 0

    def freeze(self) -> Paragraph:
        return Paragraph(self.id, self.number, self.text, tuple(s.freeze() for s in self.subs), self.heading)

    def last_leaf(self) -> _Para:
        return self.subs[-1].last_leaf() if self.subs else self


def _introduces_items(paras: list[_Para]) -> bool:
    """Whether the last paragraph, numbered or not (never itself lettered), is one that lettered
    items belong to: it ends in a colon ("For the purposes of the present provisions:"), or already
    has items."""
    if not paras or not (paras[-1].number or "1").isdigit():
        return False
    last = paras[-1]
    return bool(last.subs) or to_plain(last.text).rstrip().endswith(":")


def _renumber(para: _Para, new_id: ParagraphId) -> None:
    """Give a paragraph a new id, and its sub-paragraphs ids under it (pp-2-a → op-1-a)."""
    para.id = new_id.value
    for sub in para.subs:
        _renumber(sub, new_id.sub(ParagraphId(sub.id).sub_labels[-1]))


@dataclass
class _Section:
    heading: str | None
    heading_anchor: str | None
    line: int
    paras: list[_Para] = field(default_factory=list)


@dataclass
class _Annex:
    index: int
    number: str
    line: int
    title: str | None = None
    title_line: int = 0
    intro: list[_Para] = field(default_factory=list)
    sections: list[_Section] = field(default_factory=list)
    expecting_title: bool = True
    unnumbered: int = 0
    skip_to: int = -1  # the last block of a two-line heading ("Article 3" / "Obligations") read

    @property
    def id(self) -> str:
        return f"annex-{self.index}"

    def freeze(self) -> Annex:
        return Annex(
            id=self.id,
            number=self.number,
            title=self.title,
            intro=tuple(p.freeze() for p in self.intro),
            sections=tuple(
                AnnexSection(s.heading, tuple(p.freeze() for p in s.paras)) for s in self.sections
            ),
        )


def next_letter(letter: str) -> str:
    """The letter after ``letter`` in UN numbering: a … z, then aa, bb, …"""
    if len(letter) == 1:
        return chr(ord(letter) + 1) if letter < "z" else "aa"
    return chr(ord(letter[0]) + 1) * 2 if letter[0] < "z" else letter + letter[0]


_ROMAN_VALUES = (("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def _from_roman(text: str) -> int:
    total, rest = 0, text
    for symbol, value in _ROMAN_VALUES:
        while rest.startswith(symbol):
            total, rest = total + value, rest[len(symbol):]
    return total if not rest else 0


def _to_roman(number: int) -> str:
    out = ""
    for symbol, value in _ROMAN_VALUES:
        while number >= value:
            out, number = out + symbol, number - value
    return out


def expected_after(numbers: list[str]) -> str:
    """The label the next item of a list labelled ``numbers`` should carry: letters, romans or digits."""
    if not numbers:
        return "a"
    last = numbers[-1]
    if last.isdigit():
        return str(int(last) + 1)
    if numbers[0] == "i" and _ROMAN.match(last) and _from_roman(last):
        return _to_roman(_from_roman(last) + 1)  # a list labelled (i), (ii), (iii), …
    return next_letter(last)


def _second_level(paras: list[_Para]) -> _Para | None:
    """Where an "(A)" belongs: the last sub-paragraph numbered (i), (ii) … on the way down from the last
    paragraph (op-1-a-ii under 1. and (a); annex-1-b-i under an annex's (b)); None if there is none."""
    found = None
    node = paras[-1].subs[-1] if paras and paras[-1].subs else None
    while node is not None:
        if node.number and _ROMAN.match(node.number):
            found = node
        node = node.subs[-1] if node.subs else None
    return found


def _numbered(paras: list[_Para]) -> bool:
    """Paragraphs numbered 1, 2 … (whose lettered paragraphs are sub-paragraphs)."""
    return any(p.number and p.number.isdigit() for p in paras)


def _numbers(paras: list[_Para]) -> list[str]:
    return [p.number for p in paras if p.number]


def find_formula(blocks: tuple[Block, ...]) -> int | None:
    for i, block in enumerate(blocks):
        if is_formula(block) and (i + 1 < len(blocks) or _SENTENCE_FORMULA.match(block.plain.strip())):
            return i
    return None


def is_formula(block: Block) -> bool:
    plain = block.plain.strip()
    return block.heading is None and bool(_FORMULA.match(plain) or _sentence(plain))


def _sentence(plain: str) -> re.Match[str] | None:
    """A one-sentence decision whose subject names a body (at least "The X of/on …")."""
    m = _SENTENCE_FORMULA.match(plain)
    return m if m and len(m["subject"].split()) >= 3 else None


def _split_sentence(block: Block) -> tuple[Block, Block | None]:
    """A one-sentence decision → its formula (the subject) and its one paragraph."""
    m = _sentence(block.plain.strip())
    if m is None or not block.text.startswith(m["subject"]):
        return block, None
    rest = block.text[len(m["subject"]):].strip()
    return replace(block, text=m["subject"]), replace(block, text=rest)


class _Segmenter:
    def __init__(self, source: str, blocks: tuple[Block, ...]) -> None:
        self.source = source
        self.blocks = blocks
        self.preamble: list[_Para] = []
        self.operative: list[_Para] = []
        self.annexes: list[_Annex] = []
        self.closing: list[Block] = []
        self.diagnostics: list[Diagnostic] = []
        self.operative_only = False  # decision style: no preamble
        # A part heading read, waiting for the numbered paragraph below it: (text, line).
        self.pending_heading: tuple[str, int] | None = None

    def warn(self, line: int, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.source, line, None, code, message, hint, "warning"))

    # --- the body ----------------------------------------------------------------------------------

    def body(self, start: int) -> None:
        heading_ends = -1
        for i in range(start, len(self.blocks)):
            block = self.blocks[i]
            plain = block.plain.strip()
            if i <= heading_ends or (self.annexes and i <= self.annexes[-1].skip_to):
                continue  # the title line of a part heading, read with its number
            if not self.annexes and not self.closing and (size := self.part_heading_at(i)):
                self.pending_heading = self.part_heading(i, size)
                heading_ends = i + size - 1
            elif CLOSING.match(plain) or (DATE_LINE.match(plain) and self.closing):
                self.closing.append(block)  # read by metadata.py: the meeting and the adoption date
            elif m := _ANNEX.match(plain):
                number = (m["num"] or "").upper()
                self.annexes.append(_Annex(len(self.annexes) + 1, number, block.line))
            elif self.annexes:
                self.annex_block(self.annexes[-1], i)
            elif block.heading is not None:
                self.warn(block.line, "IMP009", f"heading outside an annex not imported: {plain[:80]!r}",
                          "a heading is kept in an annex, or above the numbered operative paragraph that "
                          "opens a part of the text; this one stands above neither: add it by hand if needed")
            elif (m := _CAPITAL_LETTERED.match(block.text)) and (
                parent := _second_level(self.operative or self.preamble)
            ):
                self.add_sub(parent, m["letter"] or m["dotted"], block.text[m.end():], block.line)
            elif m := _OPERATIVE.match(block.text):
                self.add_operative(m["num"], block.text[m.end():], block.line)
            elif (m := _LETTERED.match(block.text)) and self.operative_only and not _numbered(self.operative):
                self.add_decision_paragraph(m["letter"], block.text[m.end():], block.line)
            elif m := _LETTERED.match(block.text):
                prefix = "op" if self.operative else "pp"
                parents = self.operative or self.preamble
                self.add_lettered(parents, m["letter"], block.text[m.end():], block.line, prefix)
            elif self.operative_only and not self.operative:
                self.add_decision_paragraph(None, block.text, block.line)
            elif self.operative:
                self.append_unnumbered(self.operative[-1], block)
            else:
                self.add_preamble(block.text, block.line)

    def part_heading_at(self, i: int) -> int:
        """How many blocks from ``i`` make the heading of a part of the operative text (0: none): a
        part number and its title, a part number alone, or a Markdown heading, each right
        above a numbered operative paragraph."""
        blocks = self.blocks

        def numbered(j: int) -> bool:
            return j < len(blocks) and bool(_OPERATIVE.match(blocks[j].text))

        if _PART_NUMBER.match(blocks[i].plain.strip()):
            if numbered(i + 1):
                return 1
            return 2 if i + 1 < len(blocks) and self.title_like(i + 1) and numbered(i + 2) else 0
        # A title alone counts only as a Markdown heading: a short line before a numbered paragraph
        # may be anything (a stray line of a web page), and glued with a warning it is not lost.
        if blocks[i].heading is not None:
            return 1 if numbered(i + 1) else 0
        return 0

    def title_like(self, i: int) -> bool:
        """A short line without closing punctuation, paragraph number or leading verb: a title."""
        block = self.blocks[i]
        plain = block.plain.strip()
        # Lower-case letters: a stray running header ("CTOC/COP/2020/10") is no title.
        return (
            plain[:1].isupper()
            and any(c.islower() for c in plain)
            and len(plain) <= _MAX_PART_TITLE
            and is_unfinished(plain)
            and not _OPERATIVE.match(block.text)
            and not _LETTERED.match(block.text)
            and not leading_phrase(plain, "operative")
            and not leading_phrase(plain, "preamble")
        )

    def part_heading(self, i: int, size: int) -> tuple[str, int]:
        """The heading's text as printed, "I. Cooperation between States", and its first line."""
        texts = [unwrap_emphasis(b.text).strip() for b in self.blocks[i : i + size]]
        if len(texts) == 2:
            number = texts[0] if texts[0].endswith(".") else f"{texts[0]}."
            return f"{number} {texts[1]}", self.blocks[i].line
        return texts[0], self.blocks[i].line

    def add_decision_paragraph(self, letter: str | None, text: str, line: int) -> None:
        """A decision's lettered paragraph (a), (b) … or its one unnumbered sentence: op-N by position.

        The past tense of a reported decision ("Took note", "Decided") is printed upright: no emphasis.
        """
        pid = f"op-{len(self.operative) + 1}"
        if letter is not None:
            previous = [p.number for p in self.operative if p.number]
            expected = expected_after(previous) if previous else "a"
            if letter != expected:
                self.warn(line, "IMP007", f"decision paragraph ({letter}) where ({expected}) was expected",
                          "check for a paragraph lost or split in the raw text")
        if not leading_phrase(text, "reported"):
            text = emphasise(text, "operative") or text
        self.operative.append(_Para(pid, letter, text, line))

    def lone_operative(self) -> None:
        """Unnumbered paragraphs that end the preamble and read as operative ("Decides …", "Decides:"
        with lettered items) are the operative part when no numbered paragraph follows: op-1, op-2 …
        The run stops at the first preambular phrase ("Recalling …"), which stays in the preamble."""
        if self.operative or self.annexes:
            return
        run = 0
        for para in reversed(self.preamble):
            text = to_plain(para.text)
            operative = leading_phrase(text, "operative") or leading_phrase(text, "reported")
            if not operative or leading_phrase(text, "preamble"):
                break
            run += 1
        if run == 0:
            return
        moved, self.preamble = self.preamble[-run:], self.preamble[:-run]
        lines = {para.line for para in moved}
        self.diagnostics = [d for d in self.diagnostics if not (d.code == "IMP005" and d.line in lines)]
        for k, para in enumerate(moved, start=1):
            _renumber(para, ParagraphId.operative(k))
            if not leading_phrase(to_plain(para.text), "reported"):
                para.text = emphasise(para.text, "operative") or para.text
            self.operative.append(para)

    def add_preamble(self, text: str, line: int) -> None:
        pid = f"pp-{len(self.preamble) + 1}"
        self.preamble.append(_Para(pid, None, self.emphasised(text, "preamble", pid, line), line))

    def add_operative(self, number: str, text: str, line: int) -> None:
        position = len(self.operative) + 1
        if number != str(position):
            self.warn(line, "IMP007", f"operative paragraph {number} where {position} was expected",
                      f"its id is op-{position}; check for a paragraph lost or split in the raw text")
        pid = f"op-{position}"
        para = _Para(pid, number, self.emphasised(text, "operative", pid, line), line)
        if self.pending_heading is not None:
            para.heading, para.heading_line = self.pending_heading
            self.pending_heading = None
        self.operative.append(para)

    def emphasised(self, text: str, part: Part, pid: str, line: int) -> str:
        result = emphasise(text, part)
        if result is None:
            self.warn(line, "IMP005", f"{pid}: leading phrase {first_words(text)!r} not recognised; "
                      "not emphasised",
                      f"add its verb to the {part} list in generator/importer/vocabulary.yaml")
            return text
        return result

    def add_lettered(self, parents: list[_Para], letter: str, text: str, line: int, prefix: str) -> None:
        if not parents:
            self.warn(line, "IMP010", f"paragraph ({letter}) has no paragraph before it to belong to",
                      "imported as a paragraph of its own")
            if prefix == "pp":
                self.add_preamble(text, line)
            else:
                self.add_operative(str(len(self.operative) + 1), text, line)
            return
        parent = parents[-1]
        if parent.subs and _ROMAN.match(letter) and letter != expected_after(_numbers(parent.subs)):
            # "(i)" after "(c)" opens sub-sub-paragraphs; after "(h)" it is the letter i.
            parent = parent.subs[-1]
        self.add_sub(parent, letter, text, line)

    def add_sub(self, parent: _Para, letter: str, text: str, line: int) -> None:
        """A sub-paragraph of ``parent``: (a) under 1., (i) under (a), (A) under (i); its id ends in
        the printed label in lower case (op-1-b-ii-a)."""
        capital = letter.isupper()
        expected = expected_after([n.lower() for n in _numbers(parent.subs)])
        if not parent.subs and letter == "i":
            expected = "i"
        if capital:
            expected = expected.upper()
        if letter != expected:
            self.warn(line, "IMP007",
                      f"{parent.id}: sub-paragraph ({letter}) where ({expected}) was expected",
                      "check for a sub-paragraph lost or split in the raw text")
        used = {s.id for s in parent.subs}
        sid = str(ParagraphId(parent.id).sub(letter))
        if sid in used:
            label = expected.lower()
            sid = str(ParagraphId(parent.id).sub(label))
            while sid in used:
                label = next_letter(label)
                sid = str(ParagraphId(parent.id).sub(label))
        parent.subs.append(_Para(sid, letter, text, line))

    def append_unnumbered(self, para: _Para, block: Block) -> None:
        leaf = para.last_leaf()
        self.warn(block.line, "IMP010", f"unnumbered text after {leaf.id} appended to it: "
                  f"{first_words(block.text, 6)!r}",
                  "if it is a paragraph of its own, number it in the raw text and re-import")
        leaf.text = f"{leaf.text} {block.text}"

    # --- annexes -----------------------------------------------------------------------------------

    def annex_block(self, annex: _Annex, i: int) -> None:
        block = self.blocks[i]
        plain = block.plain.strip()
        marker = _OPERATIVE.match(block.text) or _LETTERED.match(block.text)
        if annex.expecting_title:
            annex.expecting_title = False
            short = not marker and is_unfinished(plain) and len(plain) <= _MAX_HEADING
            if block.heading is not None or short:
                annex.title, annex.title_line = unwrap_emphasis(block.text), block.line
                return
        if _ANNEX_DIVISION.match(plain):
            size = 2 if i + 1 < len(self.blocks) and self.title_like(i + 1) else 1
            heading, line = self.part_heading(i, size)
            n = len(annex.sections) + 1
            annex.sections.append(_Section(heading, ParagraphId.annex_heading(annex.id, n), line))
            annex.skip_to = i + size - 1
            return
        capital = _CAPITAL_LETTERED.match(block.text)
        if capital and annex.sections and (parent := _second_level(annex.sections[-1].paras)):
            letter = capital["letter"] or capital["dotted"]
            self.add_sub(parent, letter, block.text[capital.end():], block.line)
            return
        if block.heading is not None or (not marker and self.looks_like_heading(i)):
            n = len(annex.sections) + 1
            heading = unwrap_emphasis(block.text)
            annex.sections.append(_Section(heading, ParagraphId.annex_heading(annex.id, n), block.line))
            return
        if marker:
            if not annex.sections:
                annex.sections.append(_Section(None, None, block.line))
            section = annex.sections[-1]
            number = marker.group(1)
            text = block.text[marker.end():]
            numbered = [p for s in annex.sections for p in s.paras if p.number]
            if (section.paras and numbered and _LETTERED.match(block.text) and _ROMAN.match(number)
                    and number != expected_after(_numbers(numbered))):
                self.add_sub(section.paras[-1], number, text, block.line)
                return
            if _LETTERED.match(block.text) and _introduces_items(section.paras):
                # "2. For the purposes of …:" then (a), (b): the items are its sub-paragraphs.
                self.add_lettered(section.paras, number, text, block.line, "annex")
                return
            self.add_annex_paragraph(annex, section, number, text, block.line)
        elif not annex.sections:
            n = len(annex.intro) + 1
            pid = f"{annex.id}-intro" + (f"-{n}" if n > 1 else "")
            annex.intro.append(_Para(pid, None, block.text, block.line))
        else:
            annex.unnumbered += 1
            section = annex.sections[-1]
            section.paras.append(_Para(f"{annex.id}-text-{annex.unnumbered}", None, block.text, block.line))

    def add_annex_paragraph(
        self, annex: _Annex, section: _Section, number: str, text: str, line: int
    ) -> None:
        previous = _numbers([p for s in annex.sections for p in s.paras])
        expected = expected_after(previous) if previous else ("1" if number.isdigit() else "a")
        # An annex in articles may number each article's paragraphs afresh: 1 after a heading is fine.
        restart = section.heading is not None and not section.paras and number in ("1", "a")
        if number != expected and not restart:
            self.warn(line, "IMP007", f"{annex.id}: paragraph ({number}) where ({expected}) was expected",
                      "check for a paragraph lost or split in the raw text")
        used = {p.id for s in annex.sections for p in s.paras}
        pid = f"{annex.id}-{number}"
        suffix = 2
        while pid in used:
            pid = f"{annex.id}-{number}-{suffix}"
            suffix += 1
        section.paras.append(_Para(pid, number, text, line))

    def looks_like_heading(self, i: int) -> bool:
        plain = self.blocks[i].plain.strip()
        if not is_unfinished(plain) or len(plain) > _MAX_HEADING:
            return False
        if i + 1 >= len(self.blocks):
            return False
        after = self.blocks[i + 1]
        return after.heading is not None or bool(
            _OPERATIVE.match(after.text) or _LETTERED.match(after.text) or _ANNEX.match(after.plain.strip())
        )

    # --- results -----------------------------------------------------------------------------------

    def elements(self) -> list[Element]:
        out: list[Element] = []

        def walk(paras: list[_Para]) -> None:
            for p in paras:
                if p.heading is not None:
                    out.append(Element(ParagraphId.part_heading(p.id), p.heading, p.heading_line))
                out.append(Element(p.id, p.text, p.line))
                walk(p.subs)

        walk(self.preamble)
        walk(self.operative)
        for annex in self.annexes:
            if annex.title is not None:
                out.append(Element(f"{annex.id}-title", annex.title, annex.title_line))
            walk(annex.intro)
            for section in annex.sections:
                if section.heading is not None and section.heading_anchor:
                    out.append(Element(section.heading_anchor, section.heading, section.line))
                walk(section.paras)
        return out


def segment(blocks: tuple[Block, ...], source: str) -> Segmented:
    """Split the cleaned blocks of one text into its parts."""
    seg = _Segmenter(source, blocks)
    formula_index = find_formula(blocks)
    if formula_index is not None:
        header, formula, start = blocks[:formula_index], blocks[formula_index], formula_index + 1
        formula, sentence = _split_sentence(formula)
        if sentence is not None:
            seg.blocks = (*blocks[:start], sentence, *blocks[start:])
        # A formula ending in a colon opens the operative part directly: (a), (b) … or one sentence.
        seg.operative_only = formula.plain.rstrip().endswith(":") or sentence is not None
    else:
        start = _body_start(blocks)
        header, formula = blocks[:start], None
        seg.warn(blocks[start].line if start < len(blocks) else 1, "IMP006",
                 "no opening formula (\"The Conference of the Parties …,\") found",
                 "the body is taken to start at the first paragraph that reads like one")
    seg.body(start)
    seg.lone_operative()
    return Segmented(
        header=header,
        formula=formula,
        closing=tuple(seg.closing),
        preamble=tuple(p.freeze() for p in seg.preamble),
        operative=tuple(p.freeze() for p in seg.operative),
        annexes=tuple(a.freeze() for a in seg.annexes),
        elements=tuple(seg.elements()),
        diagnostics=tuple(seg.diagnostics),
    )


def _body_start(blocks: tuple[Block, ...]) -> int:
    """Without a formula: the first block that is numbered or opens like a preambular paragraph."""
    for i, block in enumerate(blocks):
        if block.heading is None and (
            _OPERATIVE.match(block.text) or leading_phrase(block.text, "preamble") is not None
        ):
            return i
    return len(blocks)
