"""The search index the generator writes (generator/search_index.py), read back as the worker reads it.

The worker's side (ranking, highlighting, loading from file://) runs in Chromium in
tests/test_search_ui.py; here the files themselves: what is in them, that every piece points at
the right other piece, and that a query's pieces stay small.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator import search_index as si
from generator.check import MemoFinder, load_checked_corpus
from generator.generate import cite
from generator.graph import Graph, build_graph
from generator.markup import to_plain
from generator.render import urls

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@cache
def real_graph() -> Graph:
    finder = MemoFinder()
    corpus, report = load_checked_corpus(CORPUS, finder)
    assert report.ok
    return build_graph(corpus, cite(corpus, finder))


@cache
def real_docs() -> tuple[si.SearchDoc, ...]:
    return tuple(si.search_docs(real_graph()))


def read(files: dict[str, bytes], name: str) -> Any:
    """The data of one index file, as ``atlasSearch.add(kind, number, data)`` hands it over."""
    raw = files[f"{si.INDEX_DIR}/{name}.js"].decode("utf-8")
    m = re.fullmatch(r'atlasSearch\.add\("([mvpd])",(\d+),(.*)\);\n', raw, re.DOTALL)
    assert m, raw[:200]
    kind, number = ("m", "0") if name == "manifest" else (name[0], name[1:])
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
        return sorted(((-weight * w, self.document(d)[0]) for d, w in postings), key=lambda t: t)


@cache
def real_index(directory_urls: bool = True) -> Index:
    return Index(si.index_files(real_graph(), directory_urls=directory_urls))


# --- the tokenizer (the worker's is the same expression; test_search_ui holds them equal) ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 16. Extradition", ["article", "16", "extradition"]),
        ("General Assembly resolution 55/25", ["general", "assembly", "resolution", "55/25"]),
        ("CTOC/COP/2020/1 and E/CN.15/2012/L.5", ["ctoc/cop/2020/1", "and", "e/cn", "15/2012/l", "5"]),
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
        assert mine[0].anchor == "" and mine[0].title == to_plain(r.title)
        assert [d.anchor for d in mine[1:]] == [p.anchor for p in graph.passages[r.id]]
        # Contiguous: a document's page is the last page document before it.
        first = docs.index(mine[0])
        assert list(docs[first : first + len(mine)]) == mine


def test_passages_are_plain_text_with_a_readers_label() -> None:
    docs = {(d.page, d.anchor): d for d in real_docs()}
    op2 = docs[("resolutions/cop-10-draft-italy.md", "op-2")]
    assert op2.title == "Operative paragraph 2"
    assert "in particular article 16, on extradition, and article 18" in op2.text
    assert "*" not in op2.text and "[^" not in op2.text
    fn = next(d for (page, anchor), d in docs.items() if anchor.startswith("fn-"))
    assert fn.title.startswith("Footnote ")


def test_articles_cited_documents_instruments_and_bodies_are_pages_of_their_own() -> None:
    docs = {(d.page, d.anchor): d for d in real_docs()}
    assert docs[("convention/article-16.md", "")].title == "Article 16. Extradition"
    assert docs[("cited/ga-res-55-25.md", "")].title == "General Assembly resolution 55/25"
    assert docs[("convention/index.md", "")].title == "Organized Crime Convention"
    assert "Commission on Crime Prevention and Criminal Justice" in docs[("bodies/ccpcj.md", "")].text


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
            assert before == [page, index.document(page)[0], docs[page].title]


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
    assert not set(terms) & si.STOP_WORDS
    for term, df, shard in vocabulary:
        postings = read(index.files, f"p{shard}")[term]
        assert len(postings) == 2 * df


def test_postings_name_documents_that_hold_the_term_with_positive_weights() -> None:
    index, docs = real_index(), real_docs()
    for term in ("extradition", "55/25", "trafficking", "ctoc/cop/2020/1"):
        postings = index.postings(term)
        ids = [d for d, _ in postings]
        assert ids == sorted(set(ids))
        assert all(w >= 1 for _, w in postings)
        for d, _ in postings:
            assert term in si.tokens(docs[d].title) + si.tokens(docs[d].text)
        # …and every document that holds it.
        holding = {i for i, d in enumerate(docs) if term in si.tokens(d.title) + si.tokens(d.text)}
        assert set(ids) == holding


def test_document_chunks_hold_location_title_and_text() -> None:
    index, docs = real_index(), real_docs()
    assert index.document(0) == [
        urls.Urls(True).href(urls.HOME, docs[0].page, docs[0].anchor),
        docs[0].title,
        docs[0].text,
    ]
    locations = [index.document(i)[0] for i in range(len(docs))]
    assert "convention/article-16/" in locations
    assert "resolutions/cop-10-draft-italy/#op-2" in locations
    offline = real_index(False)
    assert offline.document(locations.index("resolutions/cop-10-draft-italy/#op-2"))[0] == (
        "resolutions/cop-10-draft-italy.html#op-2"
    )


@pytest.mark.parametrize(
    ("word", "first"),
    [
        ("extradition", "convention/article-16/"),
        ("smuggling", "protocols/som/"),
        ("55/25", "cited/ga-res-55-25/"),
    ],
)
def test_titles_win_a_one_word_query(word: str, first: str) -> None:
    # The worker's score for a one-word query is idf × weight: a short title holding the word wins.
    assert real_index().ranked(word)[0][1] == first


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
    # Still one whole index: the same answers as with the default sizes.
    assert index.ranked("extradition") == real_index().ranked("extradition")
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
