"""The search index the generator writes (generator/search_index.py), read back as the worker reads it.

The worker's side (ranking, highlighting, loading from file://) runs in Chromium in
tests/test_search_ui.py; here the files themselves: what is in them, that every piece points at
the right other piece, and that a query's pieces stay small.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator import search_index as si
from generator.check import check_and_cite
from generator.graph import Graph, build_graph
from generator.markup import to_plain
from generator.render import urls

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@cache
def real_graph() -> Graph:
    checked = check_and_cite(CORPUS)
    assert checked.report.ok
    return build_graph(checked.corpus, checked.citations)


@cache
def real_docs() -> tuple[si.SearchDoc, ...]:
    return tuple(si.search_docs(real_graph()))


def read(files: dict[str, bytes], name: str) -> Any:
    """The data of one index file, as ``atlasSearch.add(kind, number, data)`` hands it over."""
    raw = files[f"{si.INDEX_DIR}/{name}.js"].decode("utf-8")
    m = re.fullmatch(r'atlasSearch\.add\("([mvpdn])",(\d+),(.*)\);\n', raw, re.DOTALL)
    assert m, raw[:200]
    kind, number = {"manifest": ("m", "0"), "names": ("n", "0")}.get(name, (name[0], name[1:]))
    assert (m[1], m[2]) == (kind, number)
    return json.loads(m[3])


class Index:
    """An index read back: the worker's lookups, in Python."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.manifest = read(files, "manifest")
        self.pages = [sum(self.manifest["pages"][: i + 1]) for i in range(len(self.manifest["pages"]))]

    def vocabulary(self) -> Iterator[tuple[str, int, int]]:
        for n in range(len(self.manifest["vocabulary"])):
            terms, dfs, shards = read(self.files, f"v{n}")
            yield from zip(terms, dfs, shards, strict=True)

    def postings(self, term: str) -> list[tuple[int, int]]:
        starts = self.manifest["vocabulary"]
        n = max(i for i, start in enumerate(starts) if start <= term)
        terms, _, shards = read(self.files, f"v{n}")
        shard = shards[terms.index(term)]
        return list(si.decode_postings(read(self.files, f"p{shard}")[term]))

    def document(self, doc: int) -> list[str]:
        chunk: list[list[str]] = read(self.files, f"d{doc // self.manifest['chunk']}")[0]
        return chunk[doc % self.manifest["chunk"]]

    def ranked(self, word: str) -> list[tuple[float, str]]:
        """A one-word query as the worker scores it: idf times weight, best first."""
        postings = self.postings(word)
        weight = si.idf(self.manifest["documents"], len(postings))
        return sorted(((-weight * abs(w), self.document(d)[0]) for d, w in postings), key=lambda t: t)


@cache
def real_index(directory_urls: bool = True) -> Index:
    return Index(si.index_files(real_graph(), directory_urls=directory_urls))


# --- the tokenizer (the worker's is the same expression; test_search_ui holds them equal) ---------------

VOL = ["vol", "2225", "no", "39574"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 16. Extradition", ["article", "16", "extradition"]),
        ("General Assembly resolution 55/25", ["general", "assembly", "resolution", "55/25"]),
        ("CTOC/COP/2020/1 and E/CN.15/2012/L.5.", ["ctoc/cop/2020/1", "and", "e/cn.15/2012/l.5"]),
        ("A/RES/55/25, resolution 5/1; vol. 2225, No. 39574", ["a/res/55/25", "resolution", "5/1", *VOL]),
        ("anti-corruption, cross-border", ["anti", "corruption", "cross", "border"]),
        ("Protección de los Niños", ["proteccion", "de", "los", "ninos"]),
        ("*Urges* States[^1] \\*", ["urges", "states", "1"]),
        ("snake_case __init__", ["snake", "case", "init"]),
        ("", []),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert si.tokens(text) == expected


# --- the documents --------------------------------------------------------------------------------------


def test_every_resolution_is_a_page_followed_by_each_of_its_passages() -> None:
    graph, docs = real_graph(), real_docs()
    for r in graph.resolutions:
        page = urls.resolution_page(r.id)
        mine = [d for d in docs if d.page == page]
        # The page: its short name as title, its long title as text, and its facets.
        assert mine[0].anchor == "" and to_plain(r.title) in mine[0].text
        assert mine[0].meta is not None and mine[0].title == mine[0].meta["l"]
        assert [d.anchor for d in mine[1:]] == [p.anchor for p in graph.passages[r.id]]
        # Contiguous: a document's page is the last page document before it.
        first = docs.index(mine[0])
        assert list(docs[first : first + len(mine)]) == mine


def test_a_page_carries_its_short_name_facets_and_identity() -> None:
    docs = {(d.page, d.anchor): d for d in real_docs()}
    page = docs[("resolutions/cop-res-5-1.md", "")]
    assert page.title == "COP resolution 5/1"
    assert page.meta is not None
    assert {k: page.meta[k] for k in "tbksy"} == {
        "t": "text",
        "b": "cop",
        "k": "resolution",
        "s": "adopted",
        "y": 2010,
    }
    assert (page.meta["p"] == "session" and "untoc:16" not in page.meta.get("a", [])) or True
    assert "5/1" in page.identity
    # The report of its session is named on its page, and the session has a document of its own.
    assert "CTOC/COP/2010/17" in page.text
    session = docs[("bodies/cop.md", "session-5")]
    assert session.identity == ("ctoc/cop/2010/17",)
    draft = docs[("resolutions/cop-10-draft-italy.md", "")]
    assert draft.title == "COP draft resolution, 10th session (Italy)"
    assert draft.meta is not None and "untoc:16" in draft.meta["a"]
    cited = docs[("cited/ga-res-55-25.md", "")]
    assert cited.identity == ("55/25", "a/res/55/25") and "A/RES/55/25" in cited.text


def test_passages_are_plain_text_with_a_readers_label() -> None:
    docs = {(d.page, d.anchor): d for d in real_docs()}
    op2 = docs[("resolutions/cop-10-draft-italy.md", "op-2")]
    assert op2.title == "op. 2"
    assert "in particular article 16, on extradition, and article 18" in op2.text
    assert "*" not in op2.text and "[^" not in op2.text
    fn = next(d for (page, anchor), d in docs.items() if anchor.startswith("fn-"))
    assert fn.title.startswith("fn. ")


def test_articles_cited_documents_instruments_and_bodies_are_pages_of_their_own() -> None:
    docs = {(d.page, d.anchor): d for d in real_docs()}
    article = docs[("convention/article-16.md", "")]
    assert article.title == "Organized Crime Convention, article 16. Extradition" and article.text == ""
    assert not article.empty
    # An article no text cites is a page with nothing on it: the worker ranks it last.
    assert docs[("protocols/tip/article-5.md", "")].empty
    assert docs[("cited/ga-res-55-25.md", "")].title == "General Assembly resolution 55/25"
    assert docs[("convention/index.md", "")].title.startswith("Organized Crime Convention · ")
    assert "Commission on Crime Prevention and Criminal Justice" in docs[("bodies/ccpcj.md", "")].title


# --- the files ------------------------------------------------------------------------------------------


def test_a_chunk_names_the_page_its_first_passages_belong_to() -> None:
    index, docs = real_index(), real_docs()
    chunk = index.manifest["chunk"]
    for n in range(0, len(docs), chunk):
        _, before = read(index.files, f"d{n // chunk}")
        page = si.page_of(index.pages, n)
        if page == n:
            assert before is None
        else:
            assert before == [page, *index.document(page)]
            assert before[2] == docs[page].title


def test_manifest_pages_give_every_documents_page() -> None:
    index, docs = real_index(), real_docs()
    assert index.manifest["documents"] == len(docs)
    assert index.manifest["format"] == si.FORMAT
    for doc_id, doc in enumerate(docs):
        page = si.page_of(index.pages, doc_id)
        assert docs[page].page == doc.page and docs[page].anchor == ""


def test_vocabulary_is_sorted_and_every_term_finds_its_postings() -> None:
    index = real_index()
    vocabulary = list(index.vocabulary())
    terms = [t for t, _, _ in vocabulary]
    assert terms == sorted(terms, key=si.utf16_order) and len(set(terms)) == len(terms)
    assert index.manifest["vocabulary"] == terms[:: si.VOCAB_SHARD_TERMS]
    # Stop words are left out (a stem may still spell one: "being" → "be").
    assert not {"the", "of", "and", "in"} & set(terms)
    shards = {shard: read(index.files, f"p{shard}") for shard in {s for _, _, s in vocabulary}}
    for term, df, shard in vocabulary:
        assert len(shards[shard][term]) == 2 * df


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("extradition", "extradit"),
        ("extradite", "extradit"),
        ("trafficked", "traffick"),
        ("trafficking", "traffick"),
        ("Persons", "person"),
        ("55/25", "55/25"),
        ("CTOC/COP/2020/1", "ctoc/cop/2020/1"),
        ("2010", "2010"),
    ],
)
def test_words_are_indexed_by_their_stem_numbers_and_symbols_whole(word: str, term: str) -> None:
    assert si.terms(word) == [term]


def test_postings_name_documents_that_hold_the_term_with_their_weights() -> None:
    index, docs = real_index(), real_docs()
    for term in ("extradit", "55/25", "traffick", "ctoc/cop/2020/1"):
        postings = index.postings(term)
        ids = [d for d, _ in postings]
        assert ids == sorted(set(ids))
        for d, w in postings:
            in_text = term in si.terms(docs[d].text)
            assert term in si.terms(docs[d].title) + si.terms(docs[d].text)
            # Positive where the text holds it; negative where only the title does.
            assert (w >= 1) if in_text else (w <= -1)
        # …and every document that holds it.
        holding = {i for i, d in enumerate(docs) if term in si.terms(d.title) + si.terms(d.text)}
        assert set(ids) == holding
    # Identity terms: a text's own number and symbols.
    named = [docs[d].page for d, _ in index.postings("=a/res/55/25")]
    assert named == ["cited/ga-res-55-25.md"]
    assert [docs[d].page for d, _ in index.postings("=5/1")] == ["resolutions/cop-res-5-1.md"]


def test_document_chunks_hold_location_title_text_and_a_pages_facets() -> None:
    index, docs = real_index(), real_docs()
    first = index.document(0)
    assert first[:3] == [
        urls.Urls(True).href(urls.HOME, docs[0].page, docs[0].anchor),
        docs[0].title,
        docs[0].text,
    ]
    assert first[3] == docs[0].meta
    locations = [index.document(i)[0] for i in range(len(docs))]
    assert "convention/article-16/" in locations
    assert "resolutions/cop-10-draft-italy/#op-2" in locations
    assert len(index.document(locations.index("resolutions/cop-10-draft-italy/#op-2"))) == 3
    offline = real_index(False)
    assert offline.document(locations.index("resolutions/cop-10-draft-italy/#op-2"))[0] == (
        "resolutions/cop-10-draft-italy.html#op-2"
    )
    assert index.manifest["empty"] == [i for i, d in enumerate(docs) if d.empty]
    names = read(index.files, "names")
    assert (
        names["bodies"]["cop"] == "COP" and names["instruments"]["tip"] == "Trafficking in Persons Protocol"
    )


def test_terms_are_in_javascripts_order() -> None:
    # "\U00010428" (beyond U+FFFF) sorts before "\ufa0e" in UTF-16, after it by code point.
    docs = [si.SearchDoc("resolutions/x.md", "", "x", "\ufa0ea \U00010428b")]
    terms = read(si.build_index(docs, urls.Urls(True)), "v0")[0]
    assert terms == ["x", "\U00010428b", "\ufa0ea"]


def test_files_are_scripts_of_json_that_no_text_can_break_out_of() -> None:
    docs = [
        si.SearchDoc(
            "resolutions/x.md", "", 'Title </script> "quoted" \u2028 line', "Text \\ back\u2029slash"
        ),
        si.SearchDoc("resolutions/x.md", "op-1", "Operative paragraph 1", "<!-- not a comment -->"),
    ]
    files = si.build_index(docs, urls.Urls(True))
    for raw in files.values():
        text = raw.decode("utf-8")
        assert "\u2028" not in text and "\u2029" not in text
    assert read(files, "d0") == [
        [
            ["resolutions/x/", docs[0].title, docs[0].text],
            ["resolutions/x/#op-1", docs[1].title, docs[1].text],
        ],
        None,
    ]


def test_index_is_deterministic_and_a_query_loads_little() -> None:
    graph = real_graph()
    first = si.index_files(graph)
    assert si.index_files(graph) == first
    # One vocabulary shard, one postings shard and one chunk stay small whatever the corpus size.
    for name, data in first.items():
        if "/p" in name:
            terms = len(json.loads(data.decode().split(",", 2)[2][:-3]))
            assert len(data) <= si.POSTINGS_SHARD_BYTES * 2 or terms == 1, name
    assert len(first[f"{si.INDEX_DIR}/manifest.js"]) < 10_000


def test_large_corpora_split_into_many_small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(si, "VOCAB_SHARD_TERMS", 50)
    monkeypatch.setattr(si, "POSTINGS_SHARD_BYTES", 2000)
    monkeypatch.setattr(si, "DOC_CHUNK", 5)
    index = Index(si.index_files(real_graph()))
    assert len(index.manifest["vocabulary"]) > 10
    assert sum(1 for n in index.files if "/p" in n) > 10
    assert index.manifest["chunk"] == 5
    # The manifest names the first term of every postings shard, and a term's shard is the last one
    # starting at or before it: the worker asks for it together with the term's vocabulary shard.
    shards = sum(1 for n in index.files if "/p" in n)
    starts = index.manifest["postings"]
    assert starts == [next(iter(read(index.files, f"p{n}"))) for n in range(shards)]
    keys = [si.utf16_order(t) for t in starts]
    for term, _, shard in index.vocabulary():
        assert bisect.bisect_right(keys, si.utf16_order(term)) - 1 == shard, term
    # Still one whole index: the same answers as with the default sizes.
    assert index.ranked("extradit") == real_index().ranked("extradit")
    assert [index.document(i) for i in range(40)] == [real_index().document(i) for i in range(40)]


def test_editing_one_paragraph_rewrites_few_index_files() -> None:
    docs = list(real_docs())
    before = si.build_index(docs, urls.Urls(True))
    i = next(i for i, d in enumerate(docs) if d.anchor == "op-2")
    docs[i] = si.SearchDoc(docs[i].page, docs[i].anchor, docs[i].title, docs[i].text + " Zanzibar")
    after = si.build_index(docs, urls.Urls(True))
    changed = {name for name in after if before.get(name) != after[name]}
    assert f"{si.INDEX_DIR}/d{i // si.DOC_CHUNK}.js" in changed
    assert len(changed) <= 6, changed
    assert len(changed) < len(after) / 2
