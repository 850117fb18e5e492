"""The data passed between stages: frozen, typed, and free of any MkDocs knowledge.

Text fields hold *inline markup* (see ``generator/markup.py``): ``*…*`` for the UN
emphasis (the italic leading verb), ``[^1]`` for a footnote mark at its position,
and backslash escapes ``\\*``, ``\\[``, ``\\\\``. Nothing else is markup; no HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from generator.ids import ArticleRef, DocumentRef, InstrumentRef, NumberForm, SymbolRef, number_form

Kind = Literal["resolution", "decision"]
Status = Literal["draft", "revised-draft", "adopted"]
# What another version of a text is to it: its draft, its revised draft, the text it was adopted
# as, the text it replaces (or that replaces it).
VersionRelation = Literal["draft", "revised-draft", "adopted-as", "replaces", "replaced-by"]


@dataclass(frozen=True)
class Footnote:
    """A footnote and the element where its mark stands (``pp-1``, ``agenda-item``…)."""

    mark: str
    text: str
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    """A numbered or lettered paragraph; ``id`` doubles as its URL anchor."""

    id: str
    number: str | None
    text: str
    subparagraphs: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class AnnexSection:
    """Paragraphs of an annex under one heading (``heading`` is None before the first)."""

    heading: str | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Annex:
    id: str
    number: str
    title: str | None
    intro: tuple[Paragraph, ...]
    sections: tuple[AnnexSection, ...]


@dataclass(frozen=True)
class AgendaItem:
    number: str
    title: str | None


@dataclass(frozen=True)
class Dates:
    distributed: dt.date | None = None
    adopted: dt.date | None = None


@dataclass(frozen=True)
class Version:
    """Another version of the same text, in the corpus or not: by its atlas id, its symbol, or both."""

    relation: VersionRelation
    id: str | None = None
    symbol: str | None = None


@dataclass(frozen=True)
class Origin:
    """Where a resolution was read from, for diagnostics: file and YAML line per key path."""

    path: str
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    # Column (1-based) for the same keys, so diagnostics can say file:line:column.
    columns: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    def column_of(self, key: str) -> int | None:
        return self.columns.get(key)


@dataclass(frozen=True)
class Resolution:
    id: str
    body: str
    kind: Kind
    status: Status
    title: str
    number: str | None = None
    session: int | None = None
    year: int | None = None
    symbol: str | None = None
    dates: Dates = Dates()
    venue: str | None = None
    meeting: str | None = None  # of an adopted text: "54th plenary meeting"
    agenda_item: AgendaItem | None = None
    sponsors: tuple[str, ...] = ()
    recommended_to: str | None = None
    recommendation: str | None = None
    formula: str | None = None
    preamble: tuple[Paragraph, ...] = ()
    operative: tuple[Paragraph, ...] = ()
    annexes: tuple[Annex, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    source: str | None = None
    versions: tuple[Version, ...] = ()
    origin: Origin | None = field(default=None, compare=False, hash=False)

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph in reading order, sub-paragraphs right after their parent."""
        out: list[Paragraph] = []

        def add(p: Paragraph) -> None:
            # Sub-paragraphs nest (a) → (i) → (A): three levels at most (the schema's limit).
            out.append(p)
            for sub in p.subparagraphs:
                add(sub)

        for p in self.preamble + self.operative:
            add(p)
        for annex in self.annexes:
            out.extend(annex.intro)
            for section in annex.sections:
                for p in section.paragraphs:
                    add(p)
        return tuple(out)

    @property
    def document_ref(self) -> DocumentRef | None:
        """The reference other texts use for this one, once it has a number."""
        if self.number is None:
            return None
        return DocumentRef(body=self.body, kind=self.kind, number=self.number)

    @property
    def date(self) -> dt.date | None:
        """The date the timeline places it at: adoption if adopted, else distribution."""
        return self.dates.adopted or self.dates.distributed


Target = DocumentRef | ArticleRef | InstrumentRef | SymbolRef


@dataclass(frozen=True)
class Citation:
    """One reference found in a paragraph's text; ``start``/``end`` index that text."""

    target: Target
    start: int
    end: int
    text: str
    date: dt.date | None = None
    title: str | None = None


@dataclass(frozen=True)
class CitationSite:
    """A citation together with the resolution and paragraph it stands in."""

    resolution_id: str
    paragraph_id: str
    citation: Citation


@dataclass(frozen=True)
class Session:
    """A session of a body, as ``corpus/bodies.yaml`` records it: only what is known, the rest None."""

    number: int
    year: int | None = None  # the year it opened (that of ``start`` when the dates are known)
    start: dt.date | None = None
    end: dt.date | None = None
    venue: str | None = None
    report: str | None = None  # the symbol of the session's report, e.g. CTOC/COP/2010/17


@dataclass(frozen=True)
class Body:
    """An issuing body, as described in ``corpus/bodies.yaml``."""

    key: str
    name: str
    short_name: str
    # Every way a text names the body in full ("Commission on Crime Prevention and Criminal Justice").
    names: tuple[str, ...]
    # How a text refers back to it once named ("the Conference", "the Commission").
    short_references: tuple[str, ...]
    # "session": numbers are session/number (COP, CCPCJ, GA); "year": year/number (ECOSOC);
    # "serial": a running number and its year, 1373 (2001) (the Security Council).
    numbering: Literal["session", "year", "serial"]
    # Format string for the official symbol of an adopted resolution, e.g. "A/RES/{number}"; None if none.
    resolution_symbol: str | None = None
    decision_symbol: str | None = None
    # Whether the body holds special sessions, numbered S-20/2 (the General Assembly).
    special_sessions: bool = False

    def numbers(self, form: NumberForm) -> bool:
        """Whether this body numbers its texts in ``form`` (see :func:`generator.ids.number_form`)."""
        if form == "special":
            return self.special_sessions
        return form == self.numbering

    def year_of(self, number: str) -> int | None:
        """The year a number of this body says: 2012 in ECOSOC's 2012/12, 2001 in 1373 (2001)."""
        form = number_form(number)
        if form == "year" and self.numbering == "year":
            return int(number.split("/", 1)[0])
        if form == "serial" and self.numbering == "serial":
            return int(number[-5:-1])
        return None
    # The abbreviation a reader knows it by, in short names of texts: "COP resolution 5/1".
    abbreviation: str | None = None
    # Its sessions, in order of number (only those bodies.yaml records).
    sessions: tuple[Session, ...] = ()

    def session(self, number: int | None) -> Session | None:
        return next((s for s in self.sessions if s.number == number), None) if number is not None else None

    def symbol_for(self, ref: DocumentRef) -> str | None:
        pattern = self.resolution_symbol if ref.kind == "resolution" else self.decision_symbol
        if pattern is None or not ref.resolvable:
            return None
        return pattern.format(number=ref.number)


@dataclass(frozen=True)
class Article:
    number: int
    title: str


@dataclass(frozen=True)
class Instrument:
    """The Convention or one of its Protocols, as described in ``corpus/instruments/<key>.yaml``."""

    key: str
    name: str
    short_name: str
    # Every way a text names it ("the Convention", "the Organized Crime Convention", …).
    names: tuple[str, ...]
    articles: tuple[Article, ...]

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)


@dataclass(frozen=True)
class Corpus:
    """Everything the site is built from: read and validated before anything is rendered."""

    resolutions: tuple[Resolution, ...]
    bodies: dict[str, Body] = field(hash=False)
    instruments: dict[str, Instrument] = field(hash=False)

    def resolution(self, resolution_id: str) -> Resolution | None:
        return next((r for r in self.resolutions if r.id == resolution_id), None)
