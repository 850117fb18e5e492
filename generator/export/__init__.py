"""Open data: every text and the whole corpus in standard formats, as static files beside the pages.

``export(graph, …)`` writes nothing: it returns the files (path under docs_dir → bytes, with what
each one is), which ``generate`` writes with the pages, so that any engine that publishes the
docs directory publishes the data too (the hosted site and the offline bundle alike). Pure Python
on the model and the graph; no MkDocs, no network.

Per text, under ``data/texts/``: ``<id>.json`` (the model, valid against
``data/schema/resolution.schema.json``), ``<id>.txt``, ``<id>.akn.xml`` (Akoma Ntoso 3.0),
``<id>.bib``, ``<id>.ris``, ``<id>.csl.json``. For the corpus, under ``data/corpus/``: the CSV
tables and ``datapackage.json``, ``citations.graphml``, and the BibTeX, RIS and CSL-JSON of every
text; under ``data/feeds/``: Atom feeds of the newest texts, overall and per body.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib import resources

from generator import parallel
from generator.export import akn, atom, graphml, model_json, plain, references, tables
from generator.graph import Destination, Graph, Mention, ToSymbol
from generator.model import Resolution
from generator.render import urls

DATA = "data"
TEXTS = f"{DATA}/texts"
CORPUS = f"{DATA}/corpus"
FEEDS = f"{DATA}/feeds"
SCHEMA = f"{DATA}/schema/resolution.schema.json"
DATA_PAGE = f"{DATA}/index.md"

AKN_SPEC = "https://docs.oasis-open.org/legaldocml/akn-core/v1.0/akn-core-v1.0-part1-vocabulary.html"
ATOM_SPEC = "https://www.rfc-editor.org/rfc/rfc4287"
CSL_SPEC = "https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html"
DATAPACKAGE_SPEC = "https://specs.frictionlessdata.io/tabular-data-package/"
GRAPHML_SPEC = "http://graphml.graphdrawing.org/specification.html"
RIS_SPEC = "https://en.wikipedia.org/wiki/RIS_(file_format)"
BIBTEX_SPEC = "https://www.bibtex.org/Format/"

TEXT_LICENCE = "Text: United Nations (official document, as published)"
DATA_LICENCE = "Atlas data (structure, ids, citations): free to reuse with attribution"


@dataclass(frozen=True)
class Format:
    """One kind of download: its suffix, name, media type, and the schema or standard it follows."""

    key: str
    suffix: str
    name: str
    mediatype: str
    schema: str
    schema_href: str  # a site path (data/schema/…) or an external URL


TEXT_FORMATS = (
    Format("json", ".json", "JSON", "application/json", "JSON Schema (the corpus format)", SCHEMA),
    Format("txt", ".txt", "Plain text", "text/plain", "UTF-8 text, one paragraph per line", ""),
    Format(
        "akn",
        ".akn.xml",
        "Akoma Ntoso 3.0 XML",
        "application/akn+xml",
        "Akoma Ntoso 3.0 XSD (OASIS)",
        AKN_SPEC,
    ),
    Format("bib", ".bib", "BibTeX", "application/x-bibtex", "BibTeX @misc entry", BIBTEX_SPEC),
    Format("ris", ".ris", "RIS", "application/x-research-info-systems", "RIS (GOVDOC record)", RIS_SPEC),
    Format("csl", ".csl.json", "CSL-JSON", "application/vnd.citationstyles.csl+json", "CSL-JSON", CSL_SPEC),
)
FORMATS = {f.key: f for f in TEXT_FORMATS}


def text_file(resolution_id: str, key: str) -> str:
    """``data/texts/cop-res-5-1.akn.xml``."""
    return f"{TEXTS}/{resolution_id}{FORMATS[key].suffix}"


@dataclass(frozen=True)
class DataFile:
    path: str  # under docs_dir
    name: str  # the format's name
    mediatype: str
    description: str
    schema: str
    schema_href: str
    licence: str
    size: int
    resolution_id: str | None = None


@dataclass(frozen=True)
class Exported:
    files: Mapping[str, bytes] = field(hash=False)
    listing: tuple[DataFile, ...]
    # Files of the listing not in ``files``: a text's files kept as an earlier build wrote them.
    kept: frozenset[str] = frozenset()

    @property
    def corpus_files(self) -> tuple[DataFile, ...]:
        return tuple(f for f in self.listing if f.resolution_id is None)


def as_of(graph: Graph) -> dt.date:
    """The date of the data: the newest date of a text in the corpus (the same on every build)."""
    return max((r.date for r in graph.resolutions if r.date), default=dt.date(2000, 1, 1))


class Links:
    """URLs between data files and pages: relative to the file, or absolute with the site's address."""

    def __init__(self, directory_urls: bool, site_url: str | None) -> None:
        self.urls = urls.Urls(directory_urls)
        self.site_url = site_url.rstrip("/") + "/" if site_url else None

    def page_path(self, page: str) -> str:
        out = self.urls.output(page)
        if self.urls.directory_urls and posixpath.basename(out) == "index.html":
            out = out[: -len("index.html")]
        return out

    def from_file(self, source: str, page: str, anchor: str = "") -> str:
        """A link from the data file ``source`` to page ``page`` (a .md source path)."""
        target = self.page_path(page)
        if self.site_url:
            href = self.site_url + target
        else:
            href = posixpath.relpath(target or ".", posixpath.dirname(source))
            if (not target or target.endswith("/")) and not href.endswith("/"):
                href += "/"
        return href + (f"#{anchor}" if anchor else "")

    def file_from_file(self, source: str, target: str) -> str:
        if self.site_url:
            return self.site_url + target
        return posixpath.relpath(target, posixpath.dirname(source))

    def absolute(self, page: str, anchor: str = "") -> str | None:
        if not self.site_url:
            return None
        return self.site_url + self.page_path(page) + (f"#{anchor}" if anchor else "")


def _label_of(graph: Graph, directory_urls: bool) -> Callable[[Destination], str]:
    # The pages' own naming of a destination ("General Assembly resolution 55/25").
    from generator.render.pages import Context

    return Context(graph, urls.Urls(directory_urls), DATA_PAGE).label


def _text_files(graph: Graph, links: Links, day: dt.date, r: Resolution) -> dict[str, bytes]:
    bodies = graph.corpus.bodies
    page = urls.resolution_page(r.id)
    url = links.absolute(page)
    url_map = {r.id: url} if url else {}
    akn_path = text_file(r.id, "akn")

    def page_href(dest: Destination) -> str | None:
        target = urls.destination_page(dest)
        return links.from_file(akn_path, target) if target and not isinstance(dest, ToSymbol) else None

    return {
        text_file(r.id, "json"): model_json.resolution_json(r).encode("utf-8"),
        text_file(r.id, "txt"): plain.resolution_text(r, bodies).encode("utf-8"),
        akn_path: akn.resolution_akn(graph, r, href=akn.default_href(graph, page_href), as_of=day),
        text_file(r.id, "bib"): references.bibtex([r], bodies, url_map).encode("utf-8"),
        text_file(r.id, "ris"): references.ris([r], bodies, url_map).encode("utf-8"),
        text_file(r.id, "csl"): references.csl_json([r], bodies, url_map).encode("utf-8"),
    }


def export(
    graph: Graph,
    *,
    directory_urls: bool = True,
    site_url: str | None = None,
    kept: Mapping[str, Sequence[DataFile]] | None = None,
) -> Exported:
    """Every data file of the corpus in ``graph``, and the listing the Data page shows.

    ``kept``: the texts (by id) whose own files an earlier build wrote and an edit cannot have
    changed (see ``generator.incremental``), with that build's listing of them; they are not made
    again, and stay on disk as they are.
    """
    kept = kept or {}
    links = Links(directory_urls, site_url)
    day = as_of(graph)
    bodies = graph.corpus.bodies
    label = _label_of(graph, directory_urls)
    files: dict[str, bytes] = {}
    listing: list[DataFile] = []

    def add(
        path: str,
        data: bytes,
        fmt: Format | None,
        description: str,
        *,
        rid: str | None = None,
        name: str = "",
        mediatype: str = "",
        schema: str = "",
        schema_href: str = "",
        licence: str = DATA_LICENCE,
    ) -> None:
        files[path] = data
        listing.append(
            DataFile(
                path,
                fmt.name if fmt else name,
                fmt.mediatype if fmt else mediatype,
                description,
                fmt.schema if fmt else schema,
                fmt.schema_href if fmt else schema_href,
                licence,
                len(data),
                rid,
            )
        )

    todo = [r for r in graph.resolutions if r.id not in kept]
    per_text = parallel.map_in_order(partial(_text_files, graph, links, day), todo)
    made = {r.id: produced for r, produced in zip(todo, per_text, strict=True)}
    kept_paths: set[str] = set()
    for r in sorted(graph.resolutions, key=lambda r: r.id):
        produced = made.get(r.id)
        if produced is None:
            listing.extend(kept[r.id])
            kept_paths.update(f.path for f in kept[r.id])
            continue
        for fmt in TEXT_FORMATS:
            path = text_file(r.id, fmt.key)
            licence = (
                DATA_LICENCE
                if fmt.key in ("bib", "ris", "csl")
                else f"{TEXT_LICENCE}; {DATA_LICENCE.lower()}"
            )
            add(path, produced[path], fmt, f"{fmt.name} of {r.id}", rid=r.id, licence=licence)

    resolutions = sorted(graph.resolutions, key=lambda r: r.id)
    url_map = {r.id: u for r in resolutions if (u := links.absolute(urls.resolution_page(r.id)))}

    def mention_label(m: Mention) -> str:
        return label(m.destination)

    for name, data in tables.tables(graph, mention_label).items():
        table = next(t for t in tables.TABLES if t.path == name)
        add(
            f"{CORPUS}/{name}",
            data,
            None,
            f"{table.title}: {table.description}",
            name="CSV",
            mediatype="text/csv",
            schema="Frictionless Table Schema in datapackage.json",
            schema_href=f"{CORPUS}/datapackage.json",
            licence=f"{TEXT_LICENCE}; {DATA_LICENCE.lower()}" if name == "paragraphs.csv" else DATA_LICENCE,
        )
    add(
        f"{CORPUS}/datapackage.json",
        tables.datapackage(),
        None,
        "Describes the four CSV tables: columns, types, keys.",
        name="Data Package (JSON)",
        mediatype="application/json",
        schema="Frictionless Tabular Data Package",
        schema_href=DATAPACKAGE_SPEC,
    )
    add(
        f"{CORPUS}/citations.graphml",
        graphml.citation_graphml(graph, label),
        None,
        "The citation graph: texts, cited documents and articles; "
        "one weighted edge per citing text and target.",
        name="GraphML",
        mediatype="application/graphml+xml",
        schema="GraphML 1.0",
        schema_href=GRAPHML_SPEC,
    )
    for key, writer in (("bib", references.bibtex), ("ris", references.ris), ("csl", references.csl_json)):
        f = FORMATS[key]
        add(
            f"{CORPUS}/resolutions{f.suffix}",
            writer(resolutions, bodies, url_map).encode("utf-8"),
            f,
            f"{f.name} of every text of the corpus",
        )

    def feed_link(source: str) -> Callable[[Resolution, str], str]:
        def link(r: Resolution, kind: str) -> str:
            if kind == "page":
                return links.from_file(source, urls.resolution_page(r.id))
            return links.file_from_file(source, text_file(r.id, kind))

        return link

    feeds: list[tuple[str, str, Sequence[Resolution]]] = [
        ("atlas", "Resolutions Atlas: newest texts", resolutions)
    ]
    for key, body in bodies.items():
        own = [r for r in resolutions if r.body == key]
        if own:
            feeds.append((key, f"Resolutions Atlas: newest texts of the {body.name}", own))
    for key, title, members in feeds:
        path = f"{FEEDS}/{key}.atom"
        data = atom.feed(
            graph,
            members,
            key=key,
            title=title,
            self_href=links.file_from_file(path, path),
            home_href=links.from_file(path, urls.HOME),
            link=feed_link(path),
            as_of=day,
        )
        what = "every body" if key == "atlas" else bodies[key].name
        add(
            path,
            data,
            None,
            f"The {atom.NEWEST} newest texts of {what}.",
            name="Atom 1.0 feed",
            mediatype="application/atom+xml",
            schema="Atom 1.0 (RFC 4287)",
            schema_href=ATOM_SPEC,
        )
    schema = (
        resources.files(model_json.SCHEMA_RESOURCE[0]).joinpath(model_json.SCHEMA_RESOURCE[1]).read_bytes()
    )
    add(
        SCHEMA,
        schema,
        None,
        "The JSON Schema of the per-text JSON files (and of the corpus's YAML files).",
        name="JSON Schema",
        mediatype="application/schema+json",
        schema="JSON Schema 2020-12",
        schema_href="https://json-schema.org/draft/2020-12",
    )
    return Exported(files, tuple(listing), frozenset(kept_paths))


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def per_text_listing(exported: Exported) -> Mapping[str, Sequence[DataFile]]:
    out: dict[str, list[DataFile]] = {}
    for f in exported.listing:
        if f.resolution_id is not None:
            out.setdefault(f.resolution_id, []).append(f)
    return out
