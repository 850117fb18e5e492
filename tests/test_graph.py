"""The corpus graph on an abridged copy of the four seeds (tests/site_factory.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from site_factory import (
    CCPCJ_2012,
    CO_CHAIRS_2024,
    ITALY_2020,
    RES_5_1,
    load_bodies,
    load_instruments,
    seed_corpus,
    seed_sites,
)

from generator.citations import Resolver, footnote_anchor, resolve
from generator.graph import (
    Graph,
    ToArticle,
    ToCited,
    ToResolution,
    ToSymbol,
    Unresolved,
    When,
    build_graph,
)
from generator.ids import ArticleRef, DocumentRef, SymbolRef
from generator.model import Citation, Corpus, Dates, Resolution, Session, Target, passages


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]
    return build_graph(seed_corpus(), seed_sites())


def _where(citing) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(c.resolution_id, p.passage.id) for c in citing for p in c.passages]


def _cite(
    res: Resolution, passage: str, target: Target, start: int = 0, end: int = 5, **kw: object
) -> Citation:
    """A citation standing in passage ``passage`` of ``res``."""
    where = next(p for p in passages(res) if p.id == passage)
    return Citation(target, start, end, "x", passage=where, **kw)  # type: ignore[arg-type]


def _graph(corpus: Corpus, citations: list[Citation], resolver: Resolver | None = None) -> Graph:
    return build_graph(corpus, resolve(citations, corpus, resolver))


# --- passages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("resolution", "passage", "label", "short"),
    [
        (ITALY_2020, "pp-3", "preambular paragraph 3", "pp. 3"),
        (ITALY_2020, "op-12", "operative paragraph 12", "op. 12"),
        (ITALY_2020, "op-12-a", "operative paragraph 12 (a)", "op. 12 (a)"),
        (ITALY_2020, "fn-star", "footnote *", "fn. *"),
        (CO_CHAIRS_2024, "annex-1-intro", "annex I, introduction", "annex I, intro"),
        (CO_CHAIRS_2024, "annex-1-j", "annex I, paragraph (j)", "annex I (j)"),
        (CCPCJ_2012, "pp-5", "preambular paragraph 5", "pp. 5"),
        (CCPCJ_2012, "fn-7", "footnote 7", "fn. 7"),
    ],
)
def test_passage_labels(resolution: Resolution, passage: str, label: str, short: str) -> None:
    found = {p.id: p for p in passages(resolution)}[passage]
    assert (found.label, found.short_label) == (label, short)


def test_passages_follow_reading_order_and_footnote_anchors() -> None:
    ids = [p.id for p in passages(ITALY_2020)]
    assert ids == ["pp-1", "pp-2", "pp-3", "op-1", "op-2", "op-12", "op-12-a", "op-12-b", "fn-star", "fn-1"]
    # A footnote's passage id is the citation finder's paragraph id, and its HTML anchor.
    assert [p.anchor for p in passages(ITALY_2020)][-2:] == [footnote_anchor("*"), footnote_anchor("1")]


# --- where citations point -----------------------------------------------------------------------


def test_destinations(graph) -> None:  # type: ignore[no-untyped-def]
    by_text = {(m.resolution_id, m.citation.text): m.destination for m in graph.mentions}
    assert by_text[("cop-10-draft-italy", "resolution 55/25")] == ToCited(
        DocumentRef("ga", "resolution", "55/25")
    )
    assert by_text[("cop-10-draft-italy", "article 30")] == ToArticle("untoc", 30)
    assert by_text[("cop-10-draft-italy", "CTOC/COP/2020/1")] == ToSymbol(SymbolRef("CTOC/COP/2020/1"))
    assert isinstance(by_text[("ccpcj-revised-draft-italy", "resolution 2012/[...]")], Unresolved)


def test_a_cited_document_in_the_corpus_links_to_its_page() -> None:
    corpus = seed_corpus()
    citing = dataclasses.replace(RES_5_1, id="cop-res-6-1", number="6/1", session=6, dates=Dates())
    start = citing.operative[0].text.index("resolution 5/5")
    site = _cite(citing, "op-1", DocumentRef("cop", "resolution", "5/1"), start, start + 14)
    g = _graph(dataclasses.replace(corpus, resolutions=(*corpus.resolutions, citing)), [site])
    assert g.mentions[0].destination == ToResolution("cop-res-5-1")
    assert _where(g.cited_by[ToResolution("cop-res-5-1")]) == [("cop-res-6-1", "op-1")]
    assert g.cited_documents == ()


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("A/RES/55/25", ToCited(DocumentRef("ga", "resolution", "55/25"))),
        ("E/RES/2012/12", ToCited(DocumentRef("ecosoc", "resolution", "2012/12"))),
        ("E/DEC/2012/3", ToCited(DocumentRef("ecosoc", "decision", "2012/3"))),
        ("CTOC/COP/2020/L.4", ToResolution("cop-10-draft-italy")),  # the symbol of a corpus text
        ("E/CN.15/2012/15", ToSymbol(SymbolRef("E/CN.15/2012/15"))),
    ],
)
def test_symbols_name_the_documents_they_can(symbol: str, expected: object) -> None:
    italy = dataclasses.replace(ITALY_2020, symbol="CTOC/COP/2020/L.4")
    corpus = Corpus((italy,), load_bodies(), load_instruments())
    site = _cite(italy, "pp-1", SymbolRef(symbol))
    assert _graph(corpus, [site]).mentions[0].destination == expected


def test_unknown_article_and_instrument_are_unresolved_not_dropped() -> None:
    corpus = Corpus((ITALY_2020,), load_bodies(), load_instruments())
    sites = [
        _cite(ITALY_2020, "pp-3", ArticleRef("untoc", 99), 0, 5),
        _cite(ITALY_2020, "pp-3", ArticleRef("uncac", 5), 6, 9),
    ]
    g = _graph(corpus, sites)
    reasons = [m.destination.reason for m in g.unresolved]  # type: ignore[union-attr]
    assert reasons == [
        "the Organized Crime Convention has no article 99",
        "no instrument “uncac” in corpus/instruments",
    ]


def test_the_resolver_is_a_parameter() -> None:
    # Another corpus may decide differently: here every article is one more unresolved citation.
    corpus = Corpus((ITALY_2020,), load_bodies(), load_instruments())
    g = _graph(corpus, [_cite(ITALY_2020, "pp-3", ArticleRef("untoc", 5))], lambda target: Unresolved("no"))
    assert [m.destination for m in g.mentions] == [Unresolved("no")]


# --- cited by, cites -------------------------------------------------------------------------------


def test_cop_resolution_5_5_is_cited_by_two_texts_in_date_order(graph) -> None:  # type: ignore[no-untyped-def]
    dest = ToCited(DocumentRef("cop", "resolution", "5/5"))
    assert _where(graph.cited_by[dest]) == [("cop-res-5-1", "op-1"), ("ccpcj-revised-draft-italy", "op-2")]


def test_cites_follow_the_text(graph) -> None:  # type: ignore[no-untyped-def]
    targets = graph.cites["cop-10-draft-italy"]
    assert [t.destination for t in targets][:3] == [
        ToCited(DocumentRef("ga", "resolution", "55/25")),
        ToCited(DocumentRef("ga", "resolution", "74/177")),
        ToArticle("untoc", 30),
    ]
    # The agenda footnote comes last: footnotes follow the paragraphs.
    assert targets[-1].destination == ToSymbol(SymbolRef("CTOC/COP/2020/1"))


def test_two_articles_in_one_phrase_are_two_destinations(graph) -> None:  # type: ignore[no-untyped-def]
    dests = [t.destination for t in graph.cites["cop-12-draft-co-chairs"]]
    assert ToArticle("untoc", 24) in dests and ToArticle("untoc", 25) in dests


# --- articles ----------------------------------------------------------------------------------


def test_article_30_citing_paragraphs_with_pinpoints(graph) -> None:  # type: ignore[no-untyped-def]
    untoc = graph.instrument_index("untoc")
    art30 = next(a for a in untoc.articles if a.article.number == 30)
    entries = [(c.resolution_id, p.passage.id, p.pinpoints) for c in art30.citing for p in c.passages]
    assert entries == [
        ("cop-res-5-1", "op-7", ("paragraph 2 (c)",)),
        ("cop-10-draft-italy", "pp-3", ()),
    ]
    assert art30.passage_count == 2
    assert {y: [p.passage.id for p in ps] for y, ps in art30.by_year.items()} == {
        2010: ["op-7"],
        2020: ["pp-3"],
    }


def test_instrument_index_and_matrix_columns(graph) -> None:  # type: ignore[no-untyped-def]
    untoc = graph.instrument_index("untoc")
    assert graph.instruments[0].is_convention
    assert len(untoc.articles) == 41
    assert untoc.years == (2010, 2020, 2024)
    counts = {a.article.number: a.passage_count for a in untoc.articles if a.passage_count}
    assert counts == {2: 2, 16: 1, 18: 1, 24: 1, 25: 1, 28: 1, 30: 2}
    assert {i.instrument.key for i in graph.instruments[1:]} == {"tip", "som", "firearms"}


# --- documents, timeline, bodies -------------------------------------------------------------------


def test_cited_documents_harvest_titles_and_dates(graph) -> None:  # type: ignore[no-untyped-def]
    by_slug = {c.slug: c for c in graph.cited_documents}
    ga = by_slug["ga-res-55-25"]
    assert (ga.symbol, ga.dates, ga.titles) == ("A/RES/55/25", (dt.date(2000, 11, 15),), ())
    assert by_slug["cop-res-5-5"].symbol is None  # COP symbols cannot be derived from the number
    assert by_slug["ga-res-74-177"].titles[0].title.startswith("Strengthening the United Nations crime")
    # No citing text dates COP decision 4/2: its session's year does (bodies.yaml knows no days of it).
    assert by_slug["cop-dec-4-2"].when == When(None, 2008)
    # COP resolution 5/5 is dated by the text citing it; failing that it would take its session's days.
    assert by_slug["cop-res-5-5"].when.precision == "day"


def test_titles_most_often_given_first_and_kept_as_markup() -> None:
    corpus = Corpus((ITALY_2020,), load_bodies(), load_instruments())
    ref = DocumentRef("ga", "resolution", "55/25")
    sites = [_cite(ITALY_2020, "pp-1", ref, title=title) for title in ("B *starred*", "A", "B *starred*")]
    (cited,) = _graph(corpus, sites).cited_documents
    assert [(t.title, t.count) for t in cited.titles] == [("B \\*starred\\*", 2), ("A", 1)]


def test_timeline_in_date_order_with_undated_last(graph) -> None:  # type: ignore[no-untyped-def]
    years = [(y.year, [d.key for d in y.documents]) for y in graph.timeline]
    assert years == [
        (2000, ["ga-res-55-25"]),
        (2008, ["cop-dec-4-2"]),
        (2010, ["ccpcj-res-19-2", "cop-res-5-1", "cop-res-5-5"]),
        (2012, ["ccpcj-revised-draft-italy"]),
        (2018, ["cop-res-9-1"]),
        (2019, ["ga-res-74-177"]),
        (2020, ["cop-10-draft-italy"]),
        (2024, ["cop-12-draft-co-chairs"]),
    ]


def test_a_text_dated_only_by_its_year_is_placed_at_its_sessions_dates() -> None:
    # COP 5/1 has only its year; its session met 18–22 October 2010: it comes before a text of
    # December 2010, at the session's last day, and says that the day is the session's.
    dated = dataclasses.replace(
        RES_5_1, id="cop-res-5-2", number="5/2", dates=Dates(adopted=dt.date(2010, 12, 1))
    )
    year_only = dataclasses.replace(RES_5_1, id="cop-res-5-3", number="5/3", dates=Dates())
    corpus = Corpus((dated, year_only), load_bodies(), load_instruments())
    graph = build_graph(corpus, [])
    (year,) = graph.timeline
    assert [d.key for d in year.documents] == ["cop-res-5-3", "cop-res-5-2"]
    when = year.documents[0].when
    assert (when.precision, when.within) == ("session", (dt.date(2010, 10, 18), dt.date(2010, 10, 22)))
    assert year.documents[1].when.precision == "day"


def test_a_year_only_document_without_session_dates_stands_at_the_end_of_its_year() -> None:
    # Session 6 is given no dates here (whatever bodies.yaml knows): only the year is known, and the
    # text goes last.
    bodies = dict(load_bodies())
    cop = bodies["cop"]
    sessions = tuple(Session(6, year=2012) if s.number == 6 else s for s in cop.sessions)
    bodies["cop"] = dataclasses.replace(cop, sessions=sessions)
    dated = dataclasses.replace(
        RES_5_1,
        id="cop-res-6-2",
        number="6/2",
        session=6,
        year=2012,
        dates=Dates(adopted=dt.date(2012, 12, 1)),
    )
    year_only = dataclasses.replace(
        RES_5_1, id="cop-res-6-3", number="6/3", session=6, year=2012, dates=Dates()
    )
    corpus = Corpus((year_only, dated), bodies, load_instruments())
    (year,) = build_graph(corpus, []).timeline
    assert [d.key for d in year.documents] == ["cop-res-6-2", "cop-res-6-3"]
    assert year.documents[1].when.precision == "year"


def test_bodies_group_by_session_or_by_year(graph) -> None:  # type: ignore[no-untyped-def]
    bodies = {b.body.key: b for b in graph.bodies}
    # Bodies outside the corpus (issue 8 §2) are listed too, after the corpus's own.
    assert [b.body.key for b in graph.bodies] == ["cop", "ccpcj", "ecosoc", "ga", "sc", "hrc", "congress"]
    # Every session from the first to the latest known, those without texts too.
    held = {4: ["cop-dec-4-2"], 5: ["cop-res-5-1", "cop-res-5-5"], 9: ["cop-res-9-1"]}
    held |= {10: ["cop-10-draft-italy"], 12: ["cop-12-draft-co-chairs"]}
    assert [(s.session, [d.key for d in s.documents]) for s in bodies["cop"].sessions] == [
        (n, held.get(n, [])) for n in range(1, 13)
    ]
    assert bodies["cop"].sessions[4].info is not None and bodies["cop"].sessions[4].info.venue == "Vienna"
    assert bodies["ecosoc"].sessions == ()
    ecosoc = dataclasses.replace(
        RES_5_1, id="ecosoc-res-2012-12", body="ecosoc", number="2012/12", session=None
    )
    g = build_graph(Corpus((ecosoc,), load_bodies(), load_instruments()), [])
    (group,) = next(b for b in g.bodies if b.body.key == "ecosoc").sessions
    assert (group.session, group.year) == (None, 2010)


# --- determinism -----------------------------------------------------------------------------------


def test_the_graph_does_not_depend_on_input_order() -> None:
    corpus = seed_corpus()
    sites = seed_sites()
    first = build_graph(corpus, sites)
    shuffled = list(sites)
    random.Random(7).shuffle(shuffled)
    reversed_corpus = dataclasses.replace(corpus, resolutions=corpus.resolutions[::-1])
    second = build_graph(reversed_corpus, shuffled)
    for name in (
        "resolutions",
        "documents",
        "cited_documents",
        "timeline",
        "bodies",
        "unresolved",
        "mentions",
    ):
        assert getattr(first, name) == getattr(second, name), name
    assert list(first.cited_by.items()) == list(second.cited_by.items())
    assert list(first.cites.items()) == list(second.cites.items())
