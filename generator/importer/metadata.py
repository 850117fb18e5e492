"""Stage 3, metadata: the header lines before the opening formula → body, status, dates, title, ….

Each header block is recognised by its shape (``Distr.: Limited``, ``23 September 2020``, ``Tenth
session``, ``Vienna, 12–16 October 2020``, ``Item 2 of the provisional agenda``, ``Italy: draft
resolution``, ``Resolution 5/1``, ``The Commission … recommends to the … Council the adoption of the
following draft resolution:``). The title is the last line not recognised before the formula; the
agenda item's title is the line right after the agenda item. Body names come from
``corpus/bodies.yaml``. A value the text does not state stays ``None``: nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostic, did_you_mean
from generator.ids import KIND_ABBREVIATIONS, DocumentRef, ResolutionId, slugify
from generator.importer.clean import Block
from generator.importer.emphasis import unwrap_emphasis
from generator.importer.segment import CLOSING, Element
from generator.importer.vocabulary import full_match, load_vocabulary
from generator.model import AgendaItem, Body, Dates, Kind, Status

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTH = "|".join(MONTHS)
_ITEM = r"\d{1,3}(?:\s*\([a-z]\))?"

# "Resolution 5/1", "Decision 2/3." (a heading); "Decision 2/3 Title", "Decision 2/3. Title" (with the title).
_NUMBERED = re.compile(
    r"^(?P<kind>Resolution|Decision)\s*(?P<number>\d{1,4}/\d{1,4})\.?(?:\s*(?P<title>[A-Z\[“\"].*))?$",
    re.IGNORECASE,
)
# The same heading with the body's name before it: "Economic and Social Council resolution 1999/77",
# "General Assembly resolution S-20/2" (the body is read from its name; an unknown name is no heading).
_BODY_NUMBERED = re.compile(
    r"""^(?P<body>[A-Z][A-Za-z ,'’-]{4,120}?)\s+(?P<kind>resolution|decision)\s+
        (?P<number>(?:S-)?\d{1,4}/\d{1,4})\.?(?:\s+(?P<title>[A-Z\[“"].*))?$""",
    re.VERBOSE,
)
# The heading of an adopted text in un.org/ODS style: "77/235. Countering …", "2012/12. Strengthening …".
NUMBERED_TITLE = re.compile(r"^(?P<number>\d{1,4}/\d{1,4})\.\s+(?P<title>\S.*)$")
# "… the approval of the following draft resolution for adoption by the General Assembly:" too.
_RECOMMENDS = re.compile(
    r"""^(?:\d{1,3}\.\s+)?The\s+(?P<body>.+?)\s+recommends\s+(?:to\s+)?(?:the\s+)?(?P<to>.+?)\s+
        the\s+(?:adoption|approval)\s+of\s+the\s+following\s+draft\s+(?P<kind>resolution|decision)s?
        (?:\s+for\s+adoption\s+by\s+the\s+[^:]+?)?\s*:?$""",
    re.IGNORECASE | re.VERBOSE,
)
# The same sentence as a paragraph of its own, its subject on the line before ("The Economic and
# Social Council" / "Recommends to the General Assembly the adoption of the following draft resolution:").
_RECOMMENDS_VERB = re.compile(
    r"""^(?:Recommends|Approves)\s+(?:to\s+)?(?:the\s+)?(?P<to>.+?)\s+(?:for\s+)?
        the\s+(?:adoption|approval)\s+of\s+the\s+following\s+draft\s+(?P<kind>resolution|decision)s?
        (?:\s+for\s+adoption\s+by\s+the\s+[^:]+?)?\s*:?$""",
    re.IGNORECASE | re.VERBOSE,
)
_SPONSORED = re.compile(
    r"^(?P<sponsors>[^:]+?)\s*:\s*(?P<revised>revised\s+)?draft\s+(?P<kind>resolution|decision)$",
    re.IGNORECASE,
)
_SUBMITTED = re.compile(
    r"""^(?P<revised>revised\s+)?draft\s+(?P<kind>resolution|decision)(?:\s+[IVXLC]{1,6}|\s+\d{1,2})?
        (?:\s+(?:submitted|proposed|presented)\s+by\s+(?:the\s+)?(?P<sponsors>.+?))?\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_DATE_TEXT = rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})"
_ORIGINAL_TEXT = r"Original\s*:\s*[A-Za-z]+"
# The distribution block, "Distr.: Limited / 23 September 2020 / Original: English", on one line or
# several: its date is the document's date.
_DISTRIBUTION = re.compile(
    rf"^Distr\.?\s*:?\s*(?:General|Limited|Restricted)(?:\s+{_DATE_TEXT})?(?:\s+{_ORIGINAL_TEXT})?$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(rf"^{_ORIGINAL_TEXT}$", re.IGNORECASE)
_DATE = re.compile(rf"^{_DATE_TEXT}(?:\s+{_ORIGINAL_TEXT})?$")
_SESSION = re.compile(
    r"^(?P<ordinal>[A-Za-z]+(?:-[A-Za-z]+)?|\d{1,3}(?:st|nd|rd|th))\s+(?:regular\s+)?session$", re.IGNORECASE
)
# "Vienna, 12–16 October 2020": where and when the session meets (the session's dates, not the text's).
_VENUE = re.compile(rf"^(?P<venue>[A-Z][^\d,;:]{{1,60}}),\s+[\d\s–-]*(?:{_MONTH})\b.*\d{{4}}$")
_AGENDA = re.compile(
    rf"""^(?:Items?\s+(?P<n1>{_ITEM}(?:(?:,\s*|\s+and\s+){_ITEM})*)\s+of\s+the\s+
              (?:revised\s+)?(?:provisional\s+)?agenda
           |Agenda\s+items?\s+(?P<n2>{_ITEM}(?:(?:,\s*|\s+and\s+){_ITEM})*))\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SYMBOL = re.compile(r"^(?:United Nations\s+)?(?P<symbol>[A-Z]+(?:\.\d+)?(?:/[A-Za-z0-9.\-]+)+)$")
# "Resolution adopted by the General Assembly" (often in capitals), maybe "on 15 December 2022"; a
# session page's "Decisions adopted by the Conference … at its fourth session" ("in 2012").
_ADOPTED_BY = re.compile(
    rf"^(?P<kind>Resolution|Decision)s?\s+adopted\s+by\s+the\s+(?P<body>.+?)"
    rf"(?:\s+at\s+its\s+[A-Za-z]+(?:-[A-Za-z]+)?\s+session|\s+in\s+\d{{4}})?(?:\s+on\s+{_DATE_TEXT})?$",
    re.IGNORECASE,
)
# "[on the report of the Third Committee (A/77/457)]", "[without reference to a Main Committee (A/77/L.5)]"
_REFERENCE = re.compile(
    r"^\[\s*(?:on the (?:report|recommendation)|without reference)\b.*\]?$", re.IGNORECASE
)
# "At its second session, held in Vienna from 10 to 21 October 2006, the Conference … adopted …": a
# session page's introduction.
# "Report on the twenty-second session (…)", "Report of the Conference … on its fifth session, held in …"
_REPORT_SESSION = re.compile(
    r"^Report\b.{0,200}?\bon\s+(?:the\s+work\s+of\s+)?(?:its|the)\s+(?P<ordinal>[A-Za-z]+(?:-[A-Za-z]+)?)"
    r"\s+session\b.*$",
    re.IGNORECASE,
)
_SESSION_INTRO = re.compile(
    r"""^At\s+its\s+(?P<ordinal>[A-Za-z]+(?:-[A-Za-z]+)?)\s+(?:regular\s+)?session,\s+held\s+(?:in|at)\s+
        (?P<venue>[A-Z][^\d,;:]{1,40}?)\s+(?:from|on)\b.*?\b(?P<year>\d{4}),.*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Printing artefacts of UN documents: the letterhead and the job number (V.20-04927 (E)).
_LETTERHEAD = re.compile(r"^(?:United Nations|Nations Unies|[A-Z]{1,2}\.\d{2}-\d{4,6}\b.*|Please recycle.*)$")
_FORMULA_BODY = re.compile(r"^The\s+(?P<name>.+?)[,:]?$")
# The lead-in of a reported decision's formula: "At its 12th meeting, on 27 May 2016, the Commission …".
_MEETING_LEAD = re.compile(
    rf"^At\s+its\s+(?P<meeting>\d{{1,3}}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting),\s+on\s+{_DATE_TEXT},\s+(?=the\s)"
)

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = (
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
)
_TENS = ("twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet")  # + "ieth" / "y-first"


def ordinal_value(word: str) -> int | None:
    """``Tenth`` → 10, ``twenty-first`` → 21, ``22nd`` → 22; None if not an ordinal."""
    word = word.lower()
    if m := re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word):
        return int(m[1])
    if word in _UNITS:
        return _UNITS.index(word) + 1
    if word in _TEENS:
        return _TEENS.index(word) + 10
    for i, stem in enumerate(_TENS):
        tens = (i + 2) * 10
        if word == f"{stem}ieth":
            return tens
        if word.startswith(f"{stem}y-") and word[len(stem) + 2 :] in _UNITS:
            return tens + _UNITS.index(word[len(stem) + 2 :]) + 1
    return None


@dataclass(frozen=True)
class Header:
    body: str
    kind: Kind
    status: Status
    title: str
    number: str | None = None
    session: int | None = None
    year: int | None = None
    symbol: str | None = None
    dates: Dates = field(default_factory=Dates)
    venue: str | None = None
    meeting: str | None = None
    agenda_item: AgendaItem | None = None
    sponsors: tuple[str, ...] = ()
    recommended_to: str | None = None
    recommendation: str | None = None
    formula: str | None = None
    # Header texts that can carry footnote marks, with their anchors (agenda-item, title, formula, …).
    elements: tuple[Element, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    @property
    def id(self) -> str:
        return make_id(self.body, self.kind, self.status, self.number, self.session, self.sponsors)


def make_id(
    body: str, kind: Kind, status: Status, number: str | None, session: int | None, sponsors: tuple[str, ...]
) -> str:
    """The identifier documented in corpus/README.md ("Identifiers")."""
    if number:
        return ResolutionId.adopted(DocumentRef(body, kind, number)).value
    if status != "adopted":
        sponsor = sponsor_slug(sponsors[0]) if sponsors else None
        return ResolutionId.draft(body, session, status, sponsor).value
    # An adopted text whose number the raw text did not give: the importer reports it (IMP004), and
    # this id only has to be stable and unique enough for the curator to rename.
    parts = [body]
    if session is not None:
        parts.append(str(session))
    parts.append(KIND_ABBREVIATIONS[kind] if status == "adopted" else status)
    if sponsors:
        parts.append(sponsor_slug(sponsors[0]))
    return slugify("-".join(parts)) or "untitled"


def sponsor_slug(sponsor: str) -> str:
    """A sponsor's short name for ids: "Co-Chairs of the Working Group …" → co-chairs."""
    short = re.split(r"\s+of\s+the\s+|\s*\(|,", sponsor, maxsplit=1)[0]
    return slugify(re.sub(r"^the\s+", "", short, flags=re.IGNORECASE)) or slugify(sponsor)


def split_sponsors(text: str) -> tuple[str, ...]:
    """"Argentina, Bosnia and Herzegovina and Italy" → Argentina, Bosnia and Herzegovina, Italy."""
    compounds = load_vocabulary().sponsor_names_with_and
    protected = text
    for i, name in enumerate(compounds):
        protected = re.sub(re.escape(name), f"\x00{i}\x00", protected, flags=re.IGNORECASE)
    parts: list[str] = []
    depth, current = 0, ""
    for char in protected:
        depth += (char == "(") - (char == ")")
        if char == "," and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    merged: list[str] = []
    for part in (p.strip() for p in parts):
        if merged and part.lower().startswith("on behalf of"):
            merged[-1] = f"{merged[-1]}, {part}"
        elif part:
            merged.append(part)
    if merged:
        last = merged.pop()
        merged.extend(s for s in re.split(r"\s+and\s+(?![^(]*\))", last) if s)
    restored = [re.sub(r"\x00(\d+)\x00", lambda m: compounds[int(m[1])], p) for p in merged]
    return tuple(dict.fromkeys(s.strip() for s in restored if s.strip()))


class _BodyNames:
    def __init__(self, bodies: Mapping[str, Body]) -> None:
        self.by_name = {_norm(n): b.key for b in bodies.values() for n in (b.name, *b.names)}
        self.names = sorted({n for b in bodies.values() for n in (b.name, *b.names)})
        self.bodies = bodies

    def key(self, name: str) -> str | None:
        return self.by_name.get(_norm(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)))

    def prefix_key(self, formula: str) -> str | None:
        """The body a formula opens with, its longest name first: "The Conference of the Parties to the
        United Nations Convention …, pursuant to article 32 …:" is the COP's."""
        text = _norm(formula)
        for name in sorted(self.by_name, key=len, reverse=True):
            if re.match(rf"the {re.escape(name)}(?:$|[\s,:;])", text):
                return self.by_name[name]
        return None


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass
class _Reading:
    """What the header says, filled in block by block."""

    source: str
    names: _BodyNames
    diagnostics: list[Diagnostic] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    header_body: str | None = None
    recommending_body: str | None = None
    recommended_to: str | None = None
    recommendation: str | None = None
    kind: Kind | None = None
    status: Status | None = None
    number: str | None = None
    sponsors: tuple[str, ...] = ()
    session: int | None = None
    distributed: dt.date | None = None
    venue: str | None = None
    symbol: str | None = None
    agenda_number: str | None = None
    agenda_index: int | None = None
    adopting_body: str | None = None
    adopted: dt.date | None = None
    meeting: str | None = None
    after_meeting: int | None = None
    title: str | None = None  # from a heading that carries it: "77/235. Title", "Decision 2/1 Title"

    def title_from(self, block: Block, start: int, plain: str) -> None:
        """The title after the number; the markup keeps its marks, without the number before it."""
        prefix = plain[:start]
        text = block.text[len(prefix):] if block.text.startswith(prefix) else plain[start:]
        self.title = unwrap_emphasis(text.strip())
        self.elements.append(Element("title", text, block.line))

    def error(self, line: int, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.source, line, None, code, message, hint))

    def warn(self, line: int, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.source, line, None, code, message, hint, "warning"))

    def body_key(self, name: str, line: int) -> str:
        key = self.names.key(name)
        if key is None:
            self.error(line, "IMP004", f"unknown body {name!r}",
                       did_you_mean(name, self.names.names) or "add the body to corpus/bodies.yaml")
            return slugify(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)) or "unknown"
        return key

    def read(self, index: int, block: Block) -> bool:
        """Recognise one header block; False if it is none of the known kinds of line."""
        plain = " ".join(block.plain.split())
        if m := _NUMBERED.match(plain):
            self.kind, self.status, self.number = _kind(m["kind"]), "adopted", m["number"]
            if m["title"]:
                self.title_from(block, m.start("title"), plain)
        elif (m := _BODY_NUMBERED.match(plain)) and (key := self.names.key(m["body"])):
            self.kind, self.status, self.number = _kind(m["kind"]), "adopted", m["number"]
            self.adopting_body = key
            if m["title"]:
                self.title_from(block, m.start("title"), plain)
        elif m := NUMBERED_TITLE.match(plain):
            self.status, self.number = "adopted", m["number"]
            self.title_from(block, m.start("title"), plain)
        elif m := _ADOPTED_BY.match(plain):
            self.kind, self.status = _kind(m["kind"]), "adopted"
            self.adopting_body = self.body_key(m["body"], block.line)
            if m["day"]:
                self.adopted = self.date(m, block.line)
        elif _REFERENCE.match(plain):
            pass  # which committee reported on it: not part of the format
        elif m := CLOSING.match(plain):
            self.meeting = " ".join(m["meeting"].split())
            self.after_meeting = index
            if m["day"]:
                self.adopted = self.date(m, block.line)
        elif (m := _DATE.match(plain)) and self.after_meeting == index - 1:
            self.adopted = self.date(m, block.line)  # "94th plenary meeting / 23 December 1994"
        elif (m := _REPORT_SESSION.match(plain)) and ordinal_value(m["ordinal"]):
            self.session = self.session or ordinal_value(m["ordinal"])
        elif full_match(load_vocabulary().report_furniture, plain):
            pass  # "Chapter I", "Matters calling for action …": the report's own headings
        elif m := _SESSION_INTRO.match(" ".join(plain.split())):
            self.session = self.session or ordinal_value(m["ordinal"])
            self.venue = self.venue or m["venue"].strip()
        elif m := _RECOMMENDS.match(plain):
            self.recommending_body = self.body_key(m["body"], block.line)
            self.recommended_to = self.body_key(m["to"], block.line)
            self.recommendation = unwrap_emphasis(block.text)
            self.kind = self.kind or _kind(m["kind"])
            self.elements.append(Element("recommendation", block.text, block.line))
        elif m := _RECOMMENDS_VERB.match(plain):
            self.recommending_body = self.header_body
            self.recommended_to = self.body_key(m["to"], block.line)
            self.recommendation = unwrap_emphasis(block.text)
            self.kind = self.kind or _kind(m["kind"])
            self.elements.append(Element("recommendation", block.text, block.line))
        elif (m := _SPONSORED.match(plain)) or (m := _SUBMITTED.match(plain)):
            self.kind = _kind(m["kind"])
            self.status = "revised-draft" if m["revised"] else "draft"
            if m["sponsors"]:
                submitted = m.re is _SUBMITTED
                self.sponsors = (m["sponsors"].strip(),) if submitted else split_sponsors(m["sponsors"])
        elif m := _DISTRIBUTION.match(plain):
            if m["day"] and self.distributed is None:
                self.distributed = self.date(m, block.line)
        elif _ORIGINAL.match(plain) or _LETTERHEAD.match(plain):
            pass
        elif (m := _DATE.match(plain)) and self.distributed is None:
            self.distributed = self.date(m, block.line)
        elif (m := _SESSION.match(plain)) and (n := ordinal_value(m["ordinal"])) and self.session is None:
            self.session = n
        elif (m := _VENUE.match(plain)) and self.venue is None:
            self.venue = m["venue"].strip()
        elif (m := _AGENDA.match(plain)) and self.agenda_number is None:
            self.agenda_number = " ".join((m["n1"] or m["n2"]).split())
            self.agenda_index = index
            self.elements.append(Element("agenda-item", block.text, block.line))
        elif (m := _SYMBOL.match(plain)) and self.symbol is None:
            self.symbol = m["symbol"]
        elif (key := self.names.key(plain)) and self.header_body is None:
            self.header_body = key
        else:
            return False
        return True

    def date(self, m: re.Match[str], line: int) -> dt.date | None:
        try:
            return dt.date(int(m["year"]), MONTHS.index(m["month"]) + 1, int(m["day"]))
        except ValueError:
            date = f"{m['day']} {m['month']} {m['year']}"
            self.warn(line, "IMP011", f"impossible date {date!r} not imported",
                      "correct the raw text, or set dates.distributed in the YAML")
            return None


def _number_from_own_symbol(reading: _Reading, body: Body) -> None:
    """An adopted text's number from its own symbol, when no heading gives it: older General Assembly
    texts print "A/RES/46/152" and the meeting above the title, with no "46/152." before it. Only a
    symbol of the body's adopted-text form counts (A/RES/…, E/RES/…, never A/C.3/…/L.5)."""
    if reading.symbol is None:
        return
    forms: tuple[tuple[Kind, str | None], ...] = (
        ("resolution", body.resolution_symbol),
        ("decision", body.decision_symbol),
    )
    for kind, pattern in forms:
        if pattern is None or "{number}" not in pattern:
            continue
        prefix, _, suffix = pattern.partition("{number}")
        m = re.fullmatch(rf"{re.escape(prefix)}(?P<number>(?:S-)?\d{{1,4}}/\d{{1,4}}){re.escape(suffix)}",
                         reading.symbol)
        if m is not None:
            reading.kind, reading.status, reading.number = kind, "adopted", m["number"]
            return


def _kind(word: str) -> Kind:
    return "decision" if word.lower().startswith("decision") else "resolution"


def read_header(
    blocks: tuple[Block, ...],
    formula: Block | None,
    source: str,
    bodies: Mapping[str, Body],
    closing: tuple[Block, ...] = (),
) -> Header:
    """Read the metadata from the header blocks, the opening formula and the closing lines."""
    reading = _Reading(source, _BodyNames(bodies))
    unknown = [i for i, block in enumerate(blocks) if not reading.read(i, block)]
    for i, block in enumerate(closing, start=len(blocks)):
        reading.read(i, block)

    title_index = unknown.pop() if unknown and reading.title is None else None
    agenda_title: str | None = None
    if reading.agenda_index is not None and reading.agenda_index + 1 in unknown:
        agenda_block = blocks[reading.agenda_index + 1]
        unknown.remove(reading.agenda_index + 1)
        agenda_title = unwrap_emphasis(agenda_block.text)
        reading.elements.append(Element("agenda-item", agenda_block.text, agenda_block.line))
    for i in unknown:
        reading.warn(blocks[i].line, "IMP008", f"header line not understood, not imported: "
                     f"{blocks[i].plain[:80]!r}", "add the information to the YAML by hand if it matters")
        reading.elements.append(Element("header", blocks[i].text, blocks[i].line))

    title = reading.title or ""
    if title_index is not None:
        title = unwrap_emphasis(blocks[title_index].text)
        reading.elements.append(Element("title", blocks[title_index].text, blocks[title_index].line))
    elif reading.title is None:
        line = formula.line if formula else (blocks[0].line if blocks else 1)
        reading.error(line, "IMP001", "no title found",
                      "the title is the line just before the opening formula; add `title:` to the YAML")

    formula_text: str | None = None
    formula_body: str | None = None
    if formula is not None:
        formula_text = unwrap_emphasis(formula.text)
        reading.elements.append(Element("formula", formula.text, formula.line))
        plain = " ".join(formula.plain.split())
        if m := _MEETING_LEAD.match(plain):
            reading.meeting = reading.meeting or m["meeting"]
            reading.adopted = reading.adopted or reading.date(m, formula.line)
            plain = "The" + plain[m.end() + len("the"):]
        formula_body = reading.names.prefix_key(plain)
        if formula_body is None and (m := _FORMULA_BODY.match(plain)):
            formula_body = reading.body_key(m["name"], formula.line)

    body = reading.header_body or reading.adopting_body or reading.recommending_body or formula_body
    if body is None:
        reading.error(formula.line if formula else 1, "IMP004", "no body named in the text",
                      "the body is read from the header or the opening formula; add `body:` to the YAML")
        body = "unknown"
    numbering = bodies[body].numbering if body in bodies else "session"

    if reading.number is None and reading.status is None and body in bodies:
        _number_from_own_symbol(reading, bodies[body])
    kind: Kind = reading.kind or "resolution"
    status: Status = reading.status or ("adopted" if reading.number else "draft")
    session = reading.session
    # The document's date, else the adoption's: a reported decision gives only its meeting's date.
    dated = reading.distributed or reading.adopted
    year = dated.year if dated else None
    if reading.number:
        # Outside the schema's bounds (session 1–999, year 1945–2100) the number says nothing sure:
        # ECOSOC's "5/9" is no year 5. Left unknown rather than written and rejected by the check.
        first = int(reading.number.split("/")[0])
        if numbering == "session" and session is None and 1 <= first <= 999:
            session = first
        elif numbering == "year" and year is None and 1945 <= first <= 2100:
            year = first
    if year is not None and not 1945 <= year <= 2100:
        year = None

    elements = sorted(reading.elements, key=lambda e: e.line)
    return Header(
        body=body,
        kind=kind,
        status=status,
        title=title,
        number=reading.number,
        session=session,
        year=year,
        symbol=reading.symbol,
        dates=Dates(distributed=reading.distributed, adopted=reading.adopted),
        meeting=reading.meeting,
        venue=reading.venue,
        agenda_item=AgendaItem(reading.agenda_number, agenda_title) if reading.agenda_number else None,
        sponsors=reading.sponsors,
        recommended_to=reading.recommended_to,
        recommendation=reading.recommendation,
        formula=formula_text,
        elements=tuple(elements),
        diagnostics=tuple(reading.diagnostics),
    )
