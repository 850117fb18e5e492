"""The site's search index, written at build time and read by the browser one piece at a time.

Material's own search loads one index of the whole site on every page: 145 MB at 10,000
resolutions. This index is split so that a query loads only what it needs:

``manifest.js``   the first term of every vocabulary shard and of every postings shard, the id
                  of every page's first document, the stop words: a few tens of kB, loaded once
                  (the postings shards' first terms let the worker ask for a word's postings
                  together with its vocabulary shard, not after it).
``v<n>.js``       a vocabulary shard: a run of sorted terms, each with its document frequency
                  and the postings shard that holds it.
``p<n>.js``       a postings shard: a run of sorted terms, each with the documents it occurs
                  in (ids delta-encoded) and a weight per document.
``d<n>.js``       a chunk of ``DOC_CHUNK`` documents: location, title and text, for the results
                  shown; and the id, location and title of the page its first passages belong to
                  when that page starts in an earlier chunk.

Each file is a script calling ``atlasSearch.add(kind, number, data)``, so that the search worker
(``overrides/assets/javascripts/atlas-search.js``) loads it with ``importScripts``: that works on
a server and from ``file://`` (through the iframe-worker shim of the offline bundle), where
``fetch`` does not.

A *document* is a page (a resolution, an article, a cited text, an instrument, a body) or a
passage of a resolution (a paragraph or a footnote, ``resolutions/<id>/#op-2``); a page's
passages follow it, so the page of any document is found from the pages' first ids. Weights are
BM25's term-frequency part with the title counting ``TITLE_BOOST`` times, and a page counting
``PAGE_BOOST`` times its passages; the worker multiplies them by BM25's idf. A weight is negative
when the term is only in the document's title: the worker ranks documents whose text holds the
query above those that only name it in their title. The tokenizer, the stop words and the
stemmer are the worker's too (tests hold the two sides equal): a word of letters is indexed by its
Snowball English stem (``extradition`` and ``extradite`` → ``extradit``), a number or a document
symbol (``5/1``, ``A/RES/55/25``, ``E/CN.15/2012/15``) whole, as typed.

A page also has *identity* terms, ``=`` and its own number or symbols (``=5/1``,
``=a/res/55/25``): a query naming a text's number or symbol finds that text first. And a page
carries its *facets* (short name, body, kind, status, year, articles cited) for the results'
labels and the search page's filters.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]

from generator import parallel
from generator.graph import Graph, ToArticle, ToCited, ToResolution
from generator.markup import to_plain
from generator.model import Resolution
from generator.progress import Progress, ignore
from generator.render import naming, urls

# Where the index goes, under docs_dir (and so under the site).
INDEX_DIR = "assets/search"
FORMAT = 3

# Sizes of the pieces: a vocabulary shard of this many terms, a postings shard of about this
# many bytes (one term larger than that has a shard of its own), a chunk of this many documents.
VOCAB_SHARD_TERMS = 2000
POSTINGS_SHARD_BYTES = 64 * 1024
DOC_CHUNK = 16
# Documents are weighed in runs of this many chunks, each run in one process.
RUN_CHUNKS = 128

# BM25's constants, and how much more a title counts than a text, and a page than a passage.
K1 = 1.2
B = 0.75
TITLE_BOOST = 4.0
PAGE_BOOST = 1.5
# Weights are stored as integers: the weight times this, at least 1.
WEIGHT_SCALE = 10
# The weight of an identity term (a page's own number or symbol).
IDENTITY_WEIGHT = 1000

# Words too common to tell documents apart; the worker drops them from queries too.
STOP_WORDS = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into"),
        *("is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were"),
        *("which", "with"),
    }
)

# A token: a document symbol or number ("55/25", "CTOC/COP/2020/1", "E/CN.15/2012/15": parts
# joined by "/", a part may hold "." between letters or digits), or else a run of letters and
# digits. The worker uses the expression of TOKEN_AS_WRITTEN (with \p{L}\p{N} for [^\W_]); here the
# word is matched once and the symbol's rest is optional, which finds the same tokens (a test holds
# them equal) in a third of the time: the first form matched every word twice.
TOKEN_AS_WRITTEN = r"[^\W_]+(?:\.[^\W_]+)*(?:/[^\W_]+(?:\.[^\W_]+)*)+|[^\W_]+"
_TOKEN = re.compile(r"[^\W_]+(?:(?:\.[^\W_]+)*(?:/[^\W_]+(?:\.[^\W_]+)*)+)?")
_COMBINING = re.compile("[\u0300-\u036f]")
_STEMMER = snowballstemmer.stemmer("english")


def normalize(text: str) -> str:
    """Lower case without accents, as the worker normalizes a query."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def tokens(text: str) -> list[str]:
    """The tokens of a plain text, in order (stop words included), before stemming."""
    return _TOKEN.findall(normalize(text))


@lru_cache(maxsize=1 << 16)
def stem(token: str) -> str:
    """The index term of a token: a word of letters by its Snowball English stem; anything with a
    digit or a "/" (a number, a symbol) as it is."""
    return str(_STEMMER.stemWord(token)) if token.isalpha() else token


def terms(text: str) -> list[str]:
    """The index terms of a plain text, in order, stop words left out."""
    return [stem(t) for t in tokens(text) if t not in STOP_WORDS]


@dataclass(frozen=True)
class SearchDoc:
    """One searchable document: a page (``anchor`` empty) or a passage of one."""

    page: str  # the page's source path: resolutions/cop-res-5-1.md
    anchor: str
    title: str  # plain text
    text: str  # plain text
    # A page's facets: l (short name), t (type), b (body), k (kind), s (status), y (year),
    # p (how precise its date is), a (articles cited, "untoc:16"). None for a passage.
    meta: Mapping[str, Any] | None = field(default=None, compare=False)
    # Its own number and symbols, lower case: a query naming one finds it first.
    identity: tuple[str, ...] = ()
    # A page with nothing on it yet (an article no text cites): never ranked above a text.
    empty: bool = False


def search_docs(graph: Graph) -> list[SearchDoc]:
    """Every document of the index, pages in a fixed order, each followed by its passages."""
    resolutions = sorted(graph.resolutions, key=lambda r: r.id)
    docs = [d for part in parallel.map_in_order(partial(_resolution_docs, graph), resolutions) for d in part]
    bodies = graph.corpus.bodies
    for index in graph.instruments:
        instrument = index.instrument
        names = " · ".join(dict.fromkeys((instrument.name, *instrument.names)))
        meta: dict[str, Any] = {"l": instrument.short_name, "t": "instrument"}
        docs.append(
            SearchDoc(
                urls.instrument_page(instrument.key), "", f"{instrument.short_name} · {names}", "", meta
            )
        )
        for a in index.articles:
            name = f"{instrument.short_name}, article {a.article.number}"
            page = urls.article_page(instrument.key, a.article.number)
            meta = {"l": name, "t": "article", "a": [f"{instrument.key}:{a.article.number}"]}
            title = f"{name}. {a.article.title}"
            docs.append(SearchDoc(page, "", title, "", meta, empty=not a.citing))
    for cited in graph.cited_documents:
        doc = graph.document(ToCited(cited.ref))
        label = naming.document_label(bodies, doc)
        # The titles the citing texts give are titles: a text of the corpus holding the query's words
        # ranks above a page that only names them so.
        titles = " · ".join(to_plain(t.title) for t in cited.titles)
        title = f"{label} · {titles}" if titles else label
        text = " ".join(x for x in ("Cited, not in the corpus.", cited.symbol or "") if x)
        identity = tuple(x.lower() for x in (cited.ref.number, cited.symbol) if x)
        meta = _meta(graph, doc, label)
        docs.append(SearchDoc(urls.cited_page(cited.ref), "", title, text, meta, identity))
    for body in graph.bodies:
        b = body.body
        names = " · ".join(dict.fromkeys((b.name, *b.names, *b.short_references)))
        page = urls.body_page(b.key)
        docs.append(
            SearchDoc(page, "", f"{b.short_name} · {names}", "", {"l": b.name, "t": "body", "b": b.key})
        )
        for group in body.sessions:
            info = group.info
            if info is None or group.session is None:
                continue
            facts = naming.session_facts(info)
            title = f"{naming.body_abbreviation(bodies, b.key)}, {naming.session_label(group.session)}"
            text = " ".join(
                x for x in (facts, f"Report of the session: {info.report}." if info.report else "") if x
            )
            identity = (info.report.lower(),) if info.report else ()
            docs.append(SearchDoc(page, f"session-{group.session}", title, text, None, identity))
    return docs


def _meta(graph: Graph, doc: Any, label: str) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "l": label,
        "t": "text" if doc.in_corpus else "cited",
        "b": doc.body,
        "k": doc.kind,
    }
    meta["s"] = doc.status
    if doc.when.year is not None:
        meta["y"] = doc.when.year
    meta["p"] = doc.when.precision
    return meta


def _resolution_docs(graph: Graph, r: Resolution) -> list[SearchDoc]:
    """A resolution's page, then each of its passages (paragraphs, footnotes) in reading order."""
    doc = graph.document(ToResolution(r.id))
    page = urls.resolution_page(r.id)
    bodies = graph.corpus.bodies
    label = naming.document_label(bodies, doc, r.sponsors[0] if r.sponsors and not r.number else None)
    body = bodies.get(r.body)
    ref = r.document_ref
    symbol = r.symbol or (body.symbol_for(ref) if body is not None and ref is not None else None)
    session = body.session(doc.session) if body is not None else None
    report = session.report if session is not None else None
    meta = _meta(graph, doc, label)
    articles = sorted(
        {
            (t.destination.instrument, t.destination.article)
            for t in graph.cites[r.id]
            if isinstance(t.destination, ToArticle)
        }
    )
    if articles:
        meta["a"] = [f"{key}:{number}" for key, number in articles]
    identity = tuple(x.lower() for x in (r.number, symbol) if x)
    # What the page says of the text beyond its paragraphs: title, symbols, sponsors, venue.
    facts = (to_plain(r.title), symbol or "", report or "", *r.sponsors, r.venue or "")
    text = " ".join(x for x in facts if x)
    docs = [SearchDoc(page, "", label, text, meta, identity)]
    for p in graph.passages[r.id]:
        docs.append(SearchDoc(page, p.anchor, p.short_label, to_plain(p.text)))
    return docs


def index_files(
    graph: Graph, *, directory_urls: bool = True, progress: Progress = ignore
) -> dict[str, bytes]:
    """The index's files, by path under docs_dir."""
    files = build_index(search_docs(graph), urls.Urls(directory_urls), progress=progress)
    # The names the search page's filters show for the facets' keys.
    names = {
        "bodies": {k: naming.body_abbreviation(graph.corpus.bodies, k) for k in graph.corpus.bodies},
        "instruments": {i.instrument.key: i.instrument.short_name for i in graph.instruments},
    }
    files[f"{INDEX_DIR}/names.js"] = _script("n", 0, names)
    return dict(sorted(files.items()))


def build_index(docs: list[SearchDoc], links: urls.Urls, *, progress: Progress = ignore) -> dict[str, bytes]:
    """Write the index of ``docs``, whose locations ``links`` turns into URLs from the site's root."""
    # Lengths are counted in words (spaces + 1): BM25 only needs them relative to the average,
    # and counting tokens would mean tokenizing every text twice.
    averages = (
        max(1.0, sum(_words(d.title) for d in docs) / max(1, len(docs))),
        max(1.0, sum(_words(d.text) for d in docs) / max(1, len(docs))),
    )
    # Runs of whole document chunks, weighed and written on every core, merged in order.
    step = DOC_CHUNK * RUN_CHUNKS
    runs = [(start, min(start + step, len(docs))) for start in range(0, len(docs), step)]

    # A run is a couple of thousand documents: worth a process once there are a few of them.
    def indexed(done: int) -> None:
        progress("search index", done, len(runs))

    parts = parallel.map_in_order(
        partial(_index_run, docs, links, averages), runs, min_items=4, progress=indexed
    )
    # Each run's postings are delta-encoded from its own first document; joined after the run
    # before, that first delta is taken from the last document of that run instead.
    postings: dict[str, array[int]] = {}
    last: dict[str, int] = {}
    files: dict[str, bytes] = {}
    for part_postings, part_last, chunks in parts:
        for term, encoded in part_postings.items():
            if term in postings:
                encoded[0] -= last[term]
                postings[term] += encoded
            else:
                postings[term] = encoded
        last.update(part_last)
        for n, data in chunks:
            files[_path("d", n)] = data
    # In the order JavaScript compares strings (UTF-16 code units), which the worker's binary
    # searches rely on; it differs from Python's only for characters beyond U+FFFF.
    terms = sorted(postings, key=utf16_order)

    # Postings shards: runs of sorted terms of about POSTINGS_SHARD_BYTES each.
    shard_of: dict[str, int] = {}
    shard: dict[str, list[int]] = {}
    shards = size = 0
    postings_starts: list[str] = []
    for term in terms:
        numbers = postings[term].tolist()
        if shard and size + len(numbers) * 3 > POSTINGS_SHARD_BYTES:
            files[_path("p", shards)] = _script("p", shards, shard)
            shard, size, shards = {}, 0, shards + 1
        if not shard:
            postings_starts.append(term)
        shard[term] = numbers
        size += len(numbers) * 3 + len(term)  # about three bytes per number
        shard_of[term] = shards
    if shard:
        files[_path("p", shards)] = _script("p", shards, shard)

    # Vocabulary shards: [terms, document frequencies, postings shards].
    vocab_starts: list[str] = []
    for n, start in enumerate(range(0, len(terms), VOCAB_SHARD_TERMS)):
        run = terms[start : start + VOCAB_SHARD_TERMS]
        vocab_starts.append(run[0])
        vocab = [run, [len(postings[t]) // 2 for t in run], [shard_of[t] for t in run]]
        files[_path("v", n)] = _script("v", n, vocab)

    pages = [i for i, d in enumerate(docs) if not d.anchor]
    manifest = {
        "format": FORMAT,
        "documents": len(docs),
        "chunk": DOC_CHUNK,
        "vocabulary": vocab_starts,
        # First term of each postings shard: the shard of a term, found without its vocabulary shard.
        "postings": postings_starts,
        # First document of each page, delta-encoded: a document's page is the last one before it.
        "pages": _deltas(pages),
        # Pages with nothing on them yet (articles no text cites), ranked after every other result.
        "empty": [i for i, d in enumerate(docs) if d.empty],
        "stopWords": sorted(STOP_WORDS),
        "stemmer": "snowball-english",
        # How the weights were made, for the pages the worker scores itself (Material's index).
        "weights": {
            "k1": K1,
            "b": B,
            "title": TITLE_BOOST,
            "page": PAGE_BOOST,
            "scale": WEIGHT_SCALE,
            "titleLength": round(averages[0], 2),
            "textLength": round(averages[1], 2),
        },
    }
    files[f"{INDEX_DIR}/manifest.js"] = _script("m", 0, manifest)
    return dict(sorted(files.items()))


def _index_run(
    docs: list[SearchDoc], links: urls.Urls, averages: tuple[float, float], run: tuple[int, int]
) -> tuple[dict[str, array[int]], dict[str, int], list[tuple[int, bytes]]]:
    """The encoded postings of documents ``run``, the last document of each term, the chunk files.

    Postings travel back as compact arrays: at 10,000 resolutions they are ten million numbers.
    """
    start, stop = run
    chunks = []
    for first in range(start, stop, DOC_CHUNK):
        chunk = [_entry(d, links) for d in docs[first : min(first + DOC_CHUNK, stop)]]
        # The page of the chunk's first passages, when it starts in an earlier chunk: a result shows
        # its page's title above its passages, and this spares loading that chunk too.
        page = first
        while page > 0 and docs[page].anchor:
            page -= 1
        before = [page, *_entry(docs[page], links)] if page < first else None
        chunks.append((first // DOC_CHUNK, _script("d", first // DOC_CHUNK, [chunk, before])))
    flat = _postings(docs, start, stop, averages)
    last = {term: ids[-2] for term, ids in flat.items()}
    return {term: array("i", _encode_postings(ids)) for term, ids in flat.items()}, last, chunks


def _entry(doc: SearchDoc, links: urls.Urls) -> list[Any]:
    """A document as a chunk holds it: location, title, text, and a page's facets."""
    entry: list[Any] = [_location(doc, links), doc.title, doc.text]
    if doc.meta is not None:
        entry.append(dict(doc.meta))
    return entry


def utf16_order(term: str) -> bytes:
    """The sort key that orders strings as JavaScript's ``<`` does."""
    return term.encode("utf-16-be", "surrogatepass")


def page_of(pages: list[int], doc: int) -> int:
    """The id of the page document that ``doc`` belongs to (``pages`` sorted, as in the manifest)."""
    return pages[bisect.bisect_right(pages, doc) - 1]


def _postings(
    docs: list[SearchDoc], start: int, stop: int, averages: tuple[float, float]
) -> dict[str, list[int]]:
    """Term → [doc id, weight, doc id, weight, …] for documents ``start`` to ``stop``, ids increasing."""
    avg_title, avg_text = averages
    out: dict[str, list[int]] = defaultdict(list)
    for doc_id in range(start, stop):
        doc = docs[doc_id]
        scale = WEIGHT_SCALE * (1.0 if doc.anchor else PAGE_BOOST)
        title_norm = K1 * (1 - B + B * _words(doc.title) / avg_title)
        text_norm = K1 * (1 - B + B * _words(doc.text) / avg_text)
        in_title = Counter(terms(doc.title))
        in_text = Counter(terms(doc.text))
        for term, tf in in_text.items():
            weight = tf * (K1 + 1) / (tf + text_norm)
            if term in in_title:
                n = in_title[term]
                weight += TITLE_BOOST * n * (K1 + 1) / (n + title_norm)
            # Rounded half up, at least 1 (round() and max() cost a third of this loop).
            out[term] += (doc_id, int(weight * scale + 0.5) or 1)
        for term, n in in_title.items():
            if term in in_text:
                continue
            # Negative: the term is only in the title.
            weight = TITLE_BOOST * n * (K1 + 1) / (n + title_norm)
            out[term] += (doc_id, -(int(weight * scale + 0.5) or 1))
        for term in doc.identity:
            out["=" + term] += (doc_id, IDENTITY_WEIGHT)
    return dict(out)


def _words(text: str) -> int:
    return text.count(" ") + 1


def idf(documents: int, frequency: int) -> float:
    """BM25's inverse document frequency, as the worker computes it."""
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


def _encode_postings(flat: list[int]) -> list[int]:
    """[id, weight, …] with each id replaced by its distance from the one before."""
    out = list(flat)
    previous = 0
    for i in range(0, len(out), 2):
        out[i], previous = out[i] - previous, out[i]
    return out


def decode_postings(encoded: list[int]) -> Iterator[tuple[int, int]]:
    """(doc id, weight) pairs of an encoded postings list (the worker's reading, for tests)."""
    doc = 0
    for i in range(0, len(encoded), 2):
        doc += encoded[i]
        yield doc, encoded[i + 1]


def _deltas(values: list[int]) -> list[int]:
    return [v - (values[i - 1] if i else 0) for i, v in enumerate(values)]


def _location(doc: SearchDoc, links: urls.Urls) -> str:
    """The document's URL from the site's root, as Material's search results hold it."""
    return links.href(urls.HOME, doc.page, doc.anchor)


def _path(kind: str, number: int) -> str:
    return f"{INDEX_DIR}/{kind}{number}.js"


def _script(kind: str, number: int, data: object) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON is JavaScript, but for these two line separators in older engines.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'atlasSearch.add("{kind}",{number},{text});\n'.encode()
