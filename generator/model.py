"""The data passed between stages: frozen, typed, and free of any MkDocs knowledge.

Text fields hold *inline markup* (see ``generator/markup.py``): ``*…*`` for the UN
emphasis (the italic leading verb), ``[^1]`` for a footnote mark at its position,
and backslash escapes ``\\*``, ``\\[``, ``\\\\``. Nothing else is markup; no HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from generator.ids import (
    ArticleRef,
    DocumentRef,
    InstrumentRef,
    NumberForm,
    ParagraphId,
    SymbolRef,
    number_form,
)

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
    # The heading printed above an operative paragraph that opens a part of the operative text
    # ("I. Cooperation between States"); annexes hold theirs in sections instead.
    heading: str | None = None

    @property
    def heading_id(self) -> str:
        """The element id of the heading above it (``op-5-heading``): its HTML id and footnote anchor."""
        return ParagraphId.part_heading(self.id)


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

    def heading_id(self, section: int) -> str:
        """The element id of section ``section``'s heading (0-based): ``annex-1-heading-1``.

        Sections are counted with the untitled one before the first heading, so that a heading's
        id stays put when paragraphs are added before it; footnote anchors name it."""
        return ParagraphId.annex_heading(self.id, section + 1)


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
        return tuple(p.paragraph for p in passages(self) if p.paragraph is not None)

    @functools.cached_property
    def _passages(self) -> tuple[Passage, ...]:
        # Kept on the (frozen, immutable) value itself: every stage of a build asks for it.
        return tuple(_Walk(self))

    def __getstate__(self) -> dict[str, object]:
        # The passages are derived: a pickled resolution (the cache of loaded texts, a worker's
        # result) carries its fields only, and walks itself again when asked.
        return {k: v for k, v in self.__dict__.items() if k != "_passages"}

    @property
    def voice(self) -> str:
        """The body in whose voice the paragraphs speak: the one "its resolution" means.

        A draft that one body recommends to another speaks as the body that will adopt it: a CCPCJ
        draft whose formula reads "The Economic and Social Council," means the Council by "its
        resolution". Otherwise it is the body the resolution belongs to.
        """
        return self.recommended_to or self.body

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


# --- passages: the one walk over a resolution's texts ----------------------------------------------

Place = Literal["preamble", "operative", "subparagraph", "annex-intro", "annex", "footnote"]


@dataclass(frozen=True)
class Passage:
    """A piece of a resolution that carries text, and so citations: a paragraph or a footnote.

    Every stage reads a resolution through :func:`passages`: the check (``key`` places its
    diagnostics), the citation finder (``voice`` and ``own``), the graph and the pages (``id``,
    ``label``), the search index. ``paragraph``, ``parent`` and ``annex`` are the model objects
    it was read from (None for a footnote), left out of comparisons.
    """

    resolution_id: str
    id: str  # the paragraph id, or the footnote's (fn-1, fn-star): also the HTML anchor
    key: str  # the YAML key path of the element: operative.11.subparagraphs.0, footnotes.2
    place: Place
    label: str  # how a reader names it: "operative paragraph 12 (a)"
    short_label: str  # the compact form used in dense lists: "op. 12 (a)"
    text: str  # inline markup
    position: int  # reading order inside the resolution
    # The body in whose voice the text speaks (the one "its resolution" means): a draft one body
    # recommends to another speaks as the one that will adopt it.
    voice: str
    # The reference of the resolution itself, once numbered: its own number is not a citation.
    own: DocumentRef | None = None
    paragraph: Paragraph | None = field(default=None, compare=False, repr=False)
    parent: Paragraph | None = field(default=None, compare=False, repr=False)
    annex: Annex | None = field(default=None, compare=False, repr=False)

    @property
    def anchor(self) -> str:
        """The HTML id of the element on the resolution's page."""
        return self.id

    @property
    def ref(self) -> ParagraphId:
        return ParagraphId(self.id)

    @property
    def name(self) -> str:
        """How a diagnostic names it: the paragraph id, or "footnote 3"."""
        return self.label if self.place == "footnote" else self.id


def passages(resolution: Resolution) -> tuple[Passage, ...]:
    """Every passage of ``resolution`` in reading order: paragraphs (sub-paragraphs right after
    their parent), then footnotes. Computed once per resolution value and kept on it."""
    return resolution._passages


class _Walk:
    """The walk behind :func:`passages`: one resolution, its passages numbered as they come."""

    def __init__(self, resolution: Resolution) -> None:
        self.resolution = resolution
        self.voice = resolution.voice
        self.own = resolution.document_ref
        self.position = 0

    def __iter__(self) -> Iterator[Passage]:
        r = self.resolution
        for i, para in enumerate(r.preamble):
            # Preambular paragraphs carry no printed number; their id does (pp-3), and readers cite
            # by it.
            n = _preamble_number(para.id, i + 1)
            yield from self._paragraph(
                para, f"preamble.{i}", "preamble", f"preambular paragraph {n}", f"pp. {n}"
            )
        for i, para in enumerate(r.operative):
            number = para.number or str(i + 1)
            yield from self._paragraph(
                para, f"operative.{i}", "operative", f"operative paragraph {number}", f"op. {number}"
            )
        for k, annex in enumerate(r.annexes):
            yield from self._annex(annex, f"annexes.{k}")
        for i, footnote in enumerate(r.footnotes):
            anchor = ParagraphId.footnote(footnote.mark).value
            label, short = f"footnote {footnote.mark}", f"fn. {footnote.mark}"
            yield self._passage(anchor, f"footnotes.{i}", "footnote", label, short, footnote.text)

    def _passage(
        self,
        id: str,
        key: str,
        place: Place,
        label: str,
        short: str,
        text: str,
        paragraph: Paragraph | None = None,
        parent: Paragraph | None = None,
        annex: Annex | None = None,
    ) -> Passage:
        self.position += 1
        r = self.resolution
        return Passage(
            r.id, id, key, place, label, short, text, self.position - 1, self.voice, self.own,
            paragraph, parent, annex,
        )  # fmt: skip

    def _paragraph(
        self,
        para: Paragraph,
        key: str,
        place: Place,
        label: str,
        short: str,
        parent: Paragraph | None = None,
        annex: Annex | None = None,
    ) -> Iterator[Passage]:
        """A paragraph, then its sub-paragraphs: (a) → (i) → (A), three levels at most (the schema's
        limit), so the recursion is shallow."""
        yield self._passage(para.id, key, place, label, short, para.text, para, parent, annex)
        for j, sub in enumerate(para.subparagraphs):
            letter = f"({sub.number})" if sub.number else ""
            sub_label, sub_short = f"{label} {letter}".strip(), f"{short} {letter}".strip()
            yield from self._paragraph(
                sub, f"{key}.subparagraphs.{j}", "subparagraph", sub_label, sub_short, para, annex
            )

    def _annex(self, annex: Annex, key: str) -> Iterator[Passage]:
        name = f"annex {annex.number}"
        for i, para in enumerate(annex.intro):
            suffix = "" if len(annex.intro) == 1 else f" {i + 1}"
            label, short = f"{name}, introduction{suffix}", f"{name}, intro{suffix}"
            yield self._passage(
                para.id, f"{key}.intro.{i}", "annex-intro", label, short, para.text, para, None, annex
            )
        for s, section in enumerate(annex.sections):
            for i, para in enumerate(section.paragraphs):
                number = f"({para.number})" if para.number else para.id
                label, short = f"{name}, paragraph {number}", f"{name} {number}"
                yield from self._paragraph(
                    para, f"{key}.sections.{s}.paragraphs.{i}", "annex", label, short, None, annex
                )


def _preamble_number(paragraph_id: str, index: int) -> int:
    try:
        return ParagraphId.parse(paragraph_id).number or index
    except ValueError:
        return index  # an id the check reports; the label falls back to the position


@dataclass(frozen=True)
class Citation:
    """One reference found in a passage's text; ``start``/``end`` index that text.

    ``passage`` is where it stands (None for a citation found in a bare string, as
    ``find_citations`` does for one paragraph's text).
    """

    target: Target
    start: int
    end: int
    text: str
    date: dt.date | None = None
    title: str | None = None
    passage: Passage | None = None


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
