"""The corpus graph: who cites whom, in which paragraph, and when — everything the pages show.

``build_graph`` takes the validated corpus and its citations, found and resolved once
(``generator.citations``), and computes, once,
every relation the site renders: what each resolution cites and what cites it, the citing
paragraphs of every article, the article × year matrix, the timeline, bodies and sessions, the
cited documents that are not in the corpus (with the titles and dates harvested from the texts
that cite them) and the citations that name no document yet. Everything is a frozen dataclass in
a fixed order, so that rendering is a pure function of the graph and two builds are identical.

Cost is linear in the number of citations (plus a sort): no step compares documents pairwise.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from generator import markup
from generator.citations.resolver import (
    Destination,
    Resolved,
    ToArticle,
    ToCited,
    ToInstrument,
    ToResolution,
    ToSymbol,
    Unresolved,
)
from generator.ids import ArticleRef, DocumentRef
from generator.model import (
    Article,
    Body,
    Citation,
    Corpus,
    Instrument,
    Kind,
    Passage,
    Resolution,
    Session,
    Status,
    passages,
)

# Re-exported: the pages name every destination and passage through the graph.
__all__ = [
    "Destination",
    "Graph",
    "Mention",
    "Passage",
    "ToArticle",
    "ToCited",
    "ToInstrument",
    "ToResolution",
    "ToSymbol",
    "Unresolved",
    "When",
    "build_graph",
]

# The Convention has its own section of the site; every other instrument is one of its Protocols.
CONVENTION_KEY = "untoc"


# --- time -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """Where a document sits in time: a day, the dates of its session, only a year, or nothing known.

    ``within`` is the first and last day of the session a text belongs to, when its own day is not
    known but its session's dates are: it is placed at the session's last day (a text of a session
    cannot be later), and the pages say that the day is the session's, not the text's.
    """

    date: dt.date | None = None
    year: int | None = None
    within: tuple[dt.date, dt.date] | None = None

    @classmethod
    def of(cls, date: dt.date | None, year: int | None, session: Session | None = None) -> When:
        if date is not None:
            return cls(date, date.year)
        if session is not None and session.start is not None and session.end is not None:
            return cls(None, session.end.year, (session.start, session.end))
        return cls(None, year if year is not None else (session.year if session else None))

    @property
    def precision(self) -> Literal["day", "session", "year", "unknown"]:
        if self.date is not None:
            return "day"
        if self.within is not None:
            return "session"
        return "year" if self.year is not None else "unknown"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # Undated last; inside a year, by day (a session's last day for a text dated by its
        # session), and year-only ones at the end of their year.
        if self.year is None:
            return (1, 0, 0)
        day = self.date or (self.within[1] if self.within else None)
        return (0, self.year, day.toordinal() if day else 10**7)


# --- where a citation points ----------------------------------------------------------------------




@dataclass(frozen=True)
class Mention:
    """One citation where it stands, and where it points."""

    passage: Passage
    citation: Citation
    destination: Destination
    when: When  # of the citing resolution

    @property
    def resolution_id(self) -> str:
        return self.passage.resolution_id

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str, int, int]:
        return (self.when.sort_key, self.passage.resolution_id, self.passage.position, self.citation.start)

    @property
    def pinpoint(self) -> str:
        """The sub-reference of an article citation ("paragraph 2 (c)"), else ''."""
        target = self.citation.target
        return target.pinpoint if isinstance(target, ArticleRef) else ""


@dataclass(frozen=True)
class PassageMentions:
    """The mentions of one destination inside one passage (a paragraph citing article 20 twice)."""

    passage: Passage
    mentions: tuple[Mention, ...]

    @property
    def pinpoints(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.pinpoint:
                seen.setdefault(m.pinpoint)
        return tuple(seen)


@dataclass(frozen=True)
class CitingResolution:
    """A resolution citing some destination, with the passages where it does."""

    resolution_id: str
    when: When
    passages: tuple[PassageMentions, ...]


@dataclass(frozen=True)
class CitedTarget:
    """What one resolution cites: a destination and the passages citing it, in reading order."""

    destination: Destination
    passages: tuple[PassageMentions, ...]


# --- documents ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HarvestedTitle:
    title: str  # inline markup (the citing text's plain words, escaped)
    count: int  # how many citations give it


@dataclass(frozen=True)
class CitedDocument:
    """A cited resolution or decision that is not in the corpus, known from the texts citing it."""

    ref: DocumentRef
    titles: tuple[HarvestedTitle, ...]  # most often given first
    dates: tuple[dt.date, ...]  # every distinct date given, most often given first
    symbol: str | None  # official symbol when bodies.yaml says how to derive it
    when: When

    @property
    def slug(self) -> str:
        return self.ref.slug


@dataclass(frozen=True)
class Document:
    """A row of the timeline, the tables and the body pages: in the corpus or cited only."""

    key: str  # resolution id, or the cited document's slug
    body: str
    kind: Kind
    status: Status | Literal["cited"]
    number: str | None
    session: int | None
    when: When
    title: str | None  # inline markup
    destination: ToResolution | ToCited

    @property
    def in_corpus(self) -> bool:
        return isinstance(self.destination, ToResolution)


@dataclass(frozen=True)
class TimelineYear:
    year: int | None
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class SessionGroup:
    """The documents of one session (or, for bodies numbered by year, one year); maybe none.

    ``info`` is what bodies.yaml records of the session (dates, venue, report), when it does.
    """

    session: int | None
    year: int | None
    documents: tuple[Document, ...]
    info: Session | None = None


@dataclass(frozen=True)
class BodyIndex:
    body: Body
    sessions: tuple[SessionGroup, ...]

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(d for s in self.sessions for d in s.documents)


@dataclass(frozen=True)
class ArticleIndex:
    """An article and every passage citing it, ordered by the date of the citing resolution."""

    instrument: str
    article: Article
    citing: tuple[CitingResolution, ...]
    by_year: Mapping[int | None, tuple[PassageMentions, ...]]

    @property
    def passage_count(self) -> int:
        return sum(len(c.passages) for c in self.citing)


@dataclass(frozen=True)
class InstrumentIndex:
    instrument: Instrument
    articles: tuple[ArticleIndex, ...]
    years: tuple[int | None, ...]  # the matrix's columns: every year with a citation, undated last
    # The texts naming the instrument as a whole ("the Firearms Protocol"), in date order.
    citing: tuple[CitingResolution, ...] = ()

    @property
    def is_convention(self) -> bool:
        return self.instrument.key == CONVENTION_KEY

    @property
    def passage_count(self) -> int:
        return sum(a.passage_count for a in self.articles)


@dataclass(frozen=True)
class Graph:
    corpus: Corpus
    resolutions: tuple[Resolution, ...]  # date order, then id
    documents: tuple[Document, ...]  # corpus and cited-only, date order
    passages: Mapping[str, tuple[Passage, ...]]  # by resolution id
    cites: Mapping[str, tuple[CitedTarget, ...]]  # by resolution id
    cited_by: Mapping[Destination, tuple[CitingResolution, ...]]
    cited_documents: tuple[CitedDocument, ...]  # ordered by ref
    instruments: tuple[InstrumentIndex, ...]  # the Convention first
    timeline: tuple[TimelineYear, ...]
    bodies: tuple[BodyIndex, ...]  # as listed in bodies.yaml
    unresolved: tuple[Mention, ...]
    mentions: tuple[Mention, ...]  # every citation, date order

    def resolution(self, resolution_id: str) -> Resolution:
        return self._by_id[resolution_id]

    def document(self, destination: ToResolution | ToCited) -> Document:
        return self._documents[destination]

    def cited_document(self, ref: DocumentRef) -> CitedDocument:
        return self._cited[ref]

    def instrument_index(self, key: str) -> InstrumentIndex:
        return next(i for i in self.instruments if i.instrument.key == key)

    # Lookup tables derived from the fields above, built once so that pages find things in O(1).
    _by_id: Mapping[str, Resolution] = field(init=False, repr=False, compare=False)
    _documents: Mapping[ToResolution | ToCited, Document] = field(init=False, repr=False, compare=False)
    _cited: Mapping[DocumentRef, CitedDocument] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({r.id: r for r in self.resolutions}))
        object.__setattr__(self, "_documents", MappingProxyType({d.destination: d for d in self.documents}))
        object.__setattr__(self, "_cited", MappingProxyType({c.ref: c for c in self.cited_documents}))


# --- building ---------------------------------------------------------------------------------------


def when_of(resolution: Resolution, body: Body | None) -> When:
    """Adopted texts at their adoption date, drafts at distribution; else their session's dates,
    else the year alone."""
    year = resolution.year
    if year is None and resolution.number and body is not None:
        year = body.year_of(resolution.number)
    session = resolution.session if resolution.session is not None else _session_of_number(resolution.number)
    known = body.session(session) if body is not None and body.numbering == "session" else None
    if known is not None and year is not None and known.year is not None and known.year != year:
        known = None  # the text and bodies.yaml disagree: trust neither's day, keep the text's year
    return When.of(resolution.date, year, known)


def _session_of_number(number: str | None) -> int | None:
    if number is None:
        return None
    first = number.split("/", 1)[0]
    return int(first) if first.isdigit() else None


def build_graph(corpus: Corpus, citations: Sequence[Resolved]) -> Graph:
    """Collect every relation the site shows from the corpus and its resolved citations.

    The citations were found and resolved once, before (``generator.citations``): here they are
    only grouped. Each carries its passage, so nothing is joined by id strings.
    """
    resolutions = tuple(
        sorted(corpus.resolutions, key=lambda r: (when_of(r, corpus.bodies.get(r.body)).sort_key, r.id))
    )
    whens = {r.id: when_of(r, corpus.bodies.get(r.body)) for r in resolutions}
    mentions = [Mention(c.passage, c.citation, c.destination, whens[c.resolution_id]) for c in citations]
    mentions.sort(key=lambda m: m.sort_key)

    cited_documents = _cited_documents(mentions, corpus.bodies)
    documents = _documents(resolutions, whens, cited_documents, corpus.bodies)
    return Graph(
        corpus=corpus,
        resolutions=resolutions,
        documents=documents,
        passages=MappingProxyType({r.id: passages(r) for r in resolutions}),
        cites=MappingProxyType(_cites(resolutions, mentions)),
        cited_by=MappingProxyType(_cited_by(mentions)),
        cited_documents=cited_documents,
        instruments=_instruments(corpus, mentions),
        timeline=_timeline(documents),
        bodies=_bodies(corpus, documents),
        unresolved=tuple(m for m in mentions if isinstance(m.destination, Unresolved)),
        mentions=tuple(mentions),
    )


def _group_by_passage(mentions: Iterable[Mention]) -> tuple[PassageMentions, ...]:
    """Consecutive mentions in the same passage become one entry (input is in passage order)."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        groups.setdefault((m.passage.resolution_id, m.passage.id), []).append(m)
    return tuple(PassageMentions(ms[0].passage, tuple(ms)) for ms in groups.values())


def _citing(mentions: Sequence[Mention]) -> tuple[CitingResolution, ...]:
    """Group date-ordered mentions by citing resolution, keeping the date order."""
    by_resolution: dict[str, list[Mention]] = {}
    for m in mentions:
        by_resolution.setdefault(m.resolution_id, []).append(m)
    return tuple(
        CitingResolution(rid, ms[0].when, _group_by_passage(ms)) for rid, ms in by_resolution.items()
    )


def _cites(
    resolutions: Sequence[Resolution], mentions: Sequence[Mention]
) -> dict[str, tuple[CitedTarget, ...]]:
    out: dict[str, dict[Destination, list[Mention]]] = {r.id: {} for r in resolutions}
    for m in mentions:
        out[m.resolution_id].setdefault(m.destination, []).append(m)
    result = {}
    for rid, targets in out.items():
        entries = [
            CitedTarget(dest, _group_by_passage(sorted(ms, key=_reading_order)))
            for dest, ms in targets.items()
        ]
        # Reading order of the first citation: the panel follows the text.
        entries.sort(key=lambda t: (t.passages[0].passage.position, t.passages[0].mentions[0].citation.start))
        result[rid] = tuple(entries)
    return result


def _reading_order(m: Mention) -> tuple[int, int]:
    return (m.passage.position, m.citation.start)


def _cited_by(mentions: Sequence[Mention]) -> dict[Destination, tuple[CitingResolution, ...]]:
    by_destination: dict[Destination, list[Mention]] = defaultdict(list)
    for m in mentions:
        if not isinstance(m.destination, Unresolved):
            by_destination[m.destination].append(m)
    return {dest: _citing(ms) for dest, ms in sorted(by_destination.items(), key=lambda kv: _dest_key(kv[0]))}


def _dest_key(dest: Destination) -> tuple[str, str]:
    return (type(dest).__name__, repr(dest))


def _cited_documents(mentions: Sequence[Mention], bodies: Mapping[str, Body]) -> tuple[CitedDocument, ...]:
    titles: dict[DocumentRef, Counter[str]] = defaultdict(Counter)
    dates: dict[DocumentRef, Counter[dt.date]] = defaultdict(Counter)
    refs: set[DocumentRef] = set()
    for m in mentions:
        if isinstance(m.destination, ToCited):
            ref = m.destination.ref
            refs.add(ref)
            if m.citation.title:
                # Harvested titles are plain text; the graph holds every text as inline markup.
                titles[ref][markup.escape(m.citation.title)] += 1
            if m.citation.date:
                dates[ref][m.citation.date] += 1
    out = []
    for ref in sorted(refs):
        # Most often given first; ties broken by value so that the order never depends on input order.
        ranked_titles = sorted(titles[ref].items(), key=lambda kv: (-kv[1], kv[0]))
        ranked_dates = [d for d, _ in sorted(dates[ref].items(), key=lambda kv: (-kv[1], kv[0]))]
        body = bodies.get(ref.body)
        year = body.year_of(ref.number) if body is not None else None
        # No citing text gives its date: its session's, as bodies.yaml records them.
        session = None
        if body is not None and body.numbering == "session":
            session = body.session(_session_of_number(ref.number))
        out.append(
            CitedDocument(
                ref=ref,
                titles=tuple(HarvestedTitle(t, n) for t, n in ranked_titles),
                dates=tuple(ranked_dates),
                symbol=body.symbol_for(ref) if body else None,
                when=When.of(ranked_dates[0] if ranked_dates else None, year, session),
            )
        )
    return tuple(out)


def _documents(
    resolutions: Sequence[Resolution],
    whens: Mapping[str, When],
    cited: Sequence[CitedDocument],
    bodies: Mapping[str, Body],
) -> tuple[Document, ...]:
    def by_session(body: str) -> bool:
        # ECOSOC's 2012/12 is numbered by year: 2012 is not its "2012th session".
        known = bodies.get(body)
        return known is None or known.numbering == "session"

    docs = [
        Document(
            key=r.id,
            body=r.body,
            kind=r.kind,
            status=r.status,
            number=r.number,
            session=r.session
            if r.session is not None
            else _session_of_number(r.number)
            if by_session(r.body)
            else None,
            when=whens[r.id],
            title=r.title,
            destination=ToResolution(r.id),
        )
        for r in resolutions
    ]
    for c in cited:
        docs.append(
            Document(
                key=c.slug,
                body=c.ref.body,
                kind=c.ref.kind,
                status="cited",
                number=c.ref.number,
                session=_session_of_number(c.ref.number) if by_session(c.ref.body) else None,
                when=c.when,
                title=c.titles[0].title if c.titles else None,
                destination=ToCited(c.ref),
            )
        )
    docs.sort(key=lambda d: (d.when.sort_key, d.body, d.key))
    return tuple(docs)


def _timeline(documents: Sequence[Document]) -> tuple[TimelineYear, ...]:
    years: dict[int | None, list[Document]] = {}
    for d in documents:  # already in date order, undated last
        years.setdefault(d.when.year, []).append(d)
    return tuple(TimelineYear(y, tuple(ds)) for y, ds in years.items())


def _bodies(corpus: Corpus, documents: Sequence[Document]) -> tuple[BodyIndex, ...]:
    """Each body with every session from the first to the latest one known (recorded in bodies.yaml
    or named by a text), or for a body numbered by year every year from its first text to its last:
    a session without texts is listed too, so that no gap looks like a session that never met."""
    grouped: dict[str, dict[tuple[int | None, int | None], list[Document]]] = defaultdict(dict)
    for d in documents:
        body = corpus.bodies.get(d.body)
        group: tuple[int | None, int | None]
        if body is not None and body.numbering != "session":
            # Bodies numbering by year (and the Security Council's running numbers) group by year.
            group = (None, d.when.year if d.when.year is not None else body.year_of(d.number or ""))
        else:
            group = (d.session, None)
        grouped[d.body].setdefault(group, []).append(d)
    out = []
    for body_key, body in corpus.bodies.items():
        groups = grouped.get(body_key, {})
        keys: list[tuple[int | None, int | None]]
        if body.numbering != "session":
            years = [y for _, y in groups if y is not None]
            keys = [(None, y) for y in range(min(years), max(years) + 1)] if years else []
        else:
            numbers = [n for n, _ in groups if n is not None] + [s.number for s in body.sessions]
            keys = [(n, None) for n in range(min(numbers), max(numbers) + 1)] if numbers else []
        if (None, None) in groups:
            keys.append((None, None))
        sessions = tuple(SessionGroup(n, y, tuple(groups.get((n, y), ())), body.session(n)) for n, y in keys)
        out.append(BodyIndex(body, sessions))
    return tuple(out)


def _instruments(corpus: Corpus, mentions: Sequence[Mention]) -> tuple[InstrumentIndex, ...]:
    by_article: dict[ToArticle, list[Mention]] = defaultdict(list)
    by_instrument: dict[ToInstrument, list[Mention]] = defaultdict(list)
    for m in mentions:
        if isinstance(m.destination, ToArticle):
            by_article[m.destination].append(m)
        elif isinstance(m.destination, ToInstrument):
            by_instrument[m.destination].append(m)
    ordered = sorted(corpus.instruments.values(), key=lambda i: i.key != CONVENTION_KEY)
    out = []
    for instrument in ordered:
        articles = []
        years: set[int | None] = set()
        for article in instrument.articles:
            citing = _citing(by_article.get(ToArticle(instrument.key, article.number), []))
            by_year: dict[int | None, list[PassageMentions]] = {}
            for c in citing:
                by_year.setdefault(c.when.year, []).extend(c.passages)
            years.update(by_year)
            articles.append(
                ArticleIndex(
                    instrument.key,
                    article,
                    citing,
                    MappingProxyType({y: tuple(ps) for y, ps in by_year.items()}),
                )
            )
        columns = tuple(sorted(years, key=lambda y: (y is None, y or 0)))
        whole = _citing(by_instrument.get(ToInstrument(instrument.key), []))
        out.append(InstrumentIndex(instrument, tuple(articles), columns, whole))
    return tuple(out)
