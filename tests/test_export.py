"""Open data (generator/export/): every download exists for every text and for the corpus, and each
validates against its schema with a real validator — the official Akoma Ntoso 3.0 XSD (lxml), the
published JSON Schema (jsonschema), Atom 1.0 (RELAX NG from RFC 4287, plus the RFC's prose rules),
the CSV tables against datapackage.json — and reads back in the tools people use (networkx for
GraphML, bibtexparser, rispy, citeproc-py). Corpus text is escaped in every format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import bibtexparser
import networkx
import pytest
import rispy
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from depth import inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree
from site_factory import HOSTILE, RES_5_1, hostile_corpus, seed_corpus, seed_sites

from generator.export import CORPUS, DATA_PAGE, FEEDS, SCHEMA, TEXT_FORMATS, Exported, export, text_file
from generator.export.akn import eid, work_iri
from generator.export.pages import data_page_jobs
from generator.graph import Graph, build_graph
from generator.markup import to_plain
from generator.model import Corpus

SCHEMAS = Path(__file__).resolve().parent.parent / "generator" / "export" / "schemas"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def akn_schema() -> etree.XMLSchema:
    # The official schema, strict (eIds unique), vendored: no network.
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "akomantoso30.xsd")))


@pytest.fixture(scope="module")
def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    return build_graph(seed_corpus(), seed_sites())


@pytest.fixture(scope="module")
def seeds(seed_graph: Graph) -> Exported:
    return export(seed_graph)


@pytest.fixture(scope="module")
def hostile() -> tuple[Graph, Exported]:
    corpus, sites = hostile_corpus()
    graph = build_graph(corpus, sites)
    return graph, export(graph)


def _exports(seeds: Exported, hostile: tuple[Graph, Exported]) -> list[tuple[str, bytes]]:
    return [*seeds.files.items(), *hostile[1].files.items()]


# --- what exists ----------------------------------------------------------------------------------------


def test_every_text_has_every_download_and_the_corpus_has_its_own(seeds: Exported, seed_graph: Graph) -> None:
    expected = {text_file(r.id, f.key) for r in seed_graph.resolutions for f in TEXT_FORMATS}
    corpus = {
        f"{CORPUS}/{name}"
        for name in (
            "resolutions.csv",
            "paragraphs.csv",
            "citations.csv",
            "articles.csv",
            "datapackage.json",
            "citations.graphml",
            "resolutions.bib",
            "resolutions.ris",
            "resolutions.csl.json",
        )
    }
    feeds = {f"{FEEDS}/{key}.atom" for key in ("atlas", "cop", "ccpcj")}
    assert expected | corpus | feeds | {SCHEMA} == set(seeds.files)
    assert all(seeds.files[p] for p in seeds.files), "an empty file"
    # The listing the Data page shows names every file once, with its real size.
    assert sorted(f.path for f in seeds.listing) == sorted(seeds.files)
    assert all(f.size == len(seeds.files[f.path]) for f in seeds.listing)
    assert all(f.schema and f.licence for f in seeds.listing if not f.path.endswith(".txt"))


def test_the_export_is_deterministic(seed_graph: Graph, seeds: Exported) -> None:
    again = export(build_graph(seed_corpus(), list(reversed(seed_sites()))))
    assert dict(again.files) == dict(seeds.files)


# --- Akoma Ntoso ----------------------------------------------------------------------------------------


def test_every_akoma_ntoso_file_is_valid_against_the_official_xsd(
    seeds: Exported, hostile: tuple[Graph, Exported], akn_schema: etree.XMLSchema
) -> None:
    checked = 0
    for path, data in _exports(seeds, hostile):
        if path.endswith(".akn.xml"):
            doc = etree.fromstring(data)
            assert akn_schema.validate(doc), f"{path}: {akn_schema.error_log}"
            checked += 1
    assert checked == 5


def test_the_xsd_rejects_what_it_should(seeds: Exported, akn_schema: etree.XMLSchema) -> None:
    # A validator that accepts anything proves nothing: break a valid file in two ways.
    doc = etree.fromstring(seeds.files[text_file("cop-res-5-1", "akn")])
    para = doc.find(f".//{AKN}paragraph")
    para.set("eId", doc.find(f".//{AKN}recital").get("eId"))  # a duplicate eId
    assert not akn_schema.validate(doc)
    doc = etree.fromstring(seeds.files[text_file("cop-res-5-1", "akn")])
    doc.find(f".//{AKN}mainBody").insert(0, etree.Element(f"{AKN}recital"))
    assert not akn_schema.validate(doc)


@pytest.mark.parametrize(
    ("paragraph_id", "expected"),
    [
        ("op-7", "para_7"),
        ("op-8-a", "para_8__list_1__point_a"),
        ("op-8-a-ii", "para_8__list_1__point_a__list_1__point_ii"),
        ("pp-3", "recital_3"),
        ("annex-1-j", "att_1__para_j"),
        ("annex-2-intro", "att_2__para_intro"),
    ],
)
def test_eids_follow_the_akoma_ntoso_naming_convention(paragraph_id: str, expected: str) -> None:
    assert eid(paragraph_id) == expected


def test_akoma_ntoso_naming_refs_and_notes(seeds: Exported, seed_graph: Graph) -> None:
    res = seed_graph.resolution("cop-res-5-1")
    assert work_iri(res) == "/akn/un/statement/deliberation/cop/2010-10-22/5-1"
    doc = etree.fromstring(seeds.files[text_file("cop-res-5-1", "akn")])
    work = doc.find(f".//{AKN}FRBRWork")
    assert work.find(f"{AKN}FRBRuri").get("value") == "/akn/un/statement/deliberation/cop/2010-10-22/5-1"
    assert work.find(f"{AKN}FRBRthis").get("value").endswith("/5-1/!main")
    assert work.find(f"{AKN}FRBRnumber").get("showAs") == "5/1"
    eids = [e.get("eId") for e in doc.iter(f"{AKN}paragraph", f"{AKN}point")]
    assert eids == ["para_1", "para_1__list_1__point_a", "para_3", "para_7"]
    # Citations are <ref>: an article to the atlas page, a cited-only GA text to its official document.
    refs = {r.text: r.get("href") for r in doc.iter(f"{AKN}ref")}
    assert refs["article 30, paragraph 2 (c)"] == "../../convention/article-30/"
    italy = etree.fromstring(seeds.files[text_file("cop-10-draft-italy", "akn")])
    refs = {r.text: r.get("href") for r in italy.iter(f"{AKN}ref")}
    assert refs["resolution 55/25"] == "https://undocs.org/A/RES/55/25"
    # Footnotes are authorialNotes where their mark stands: pp-1 carries footnote 1.
    (note,) = italy.find(f".//{AKN}recital[@eId='recital_1']").iter(f"{AKN}authorialNote")
    assert note.get("marker") == "1" and "Treaty Series" in "".join(note.itertext())
    assert note.find(f".//{AKN}i").text == "Treaty Series"
    # The agenda item's footnote (its mark is not in the text) still appears, in the preface.
    assert italy.find(f".//{AKN}preface//{AKN}authorialNote[@marker='*']") is not None
    # A draft cites itself as a draft: its IRI is dated by its distribution.
    assert work_iri(seed_graph.resolution("cop-10-draft-italy")).startswith(
        "/akn/un/statement/deliberation/cop/2020-09-23/"
    )


def test_annexes_are_attachments(seeds: Exported) -> None:
    doc = etree.fromstring(seeds.files[text_file("cop-12-draft-co-chairs", "akn")])
    (attachment,) = doc.iter(f"{AKN}attachment")
    assert attachment.get("eId") == "att_1"
    annex = attachment.find(f"{AKN}doc")
    assert annex.get("name") == "annex"
    assert annex.find(f".//{AKN}FRBRthis").get("value").endswith("/!annex_1")
    ids = [p.get("eId") for p in annex.iter(f"{AKN}paragraph")]
    assert "att_1__para_j" in ids and "att_1__para_intro" in ids


def test_hostile_text_is_escaped_in_xml_and_reads_back_as_written(hostile: tuple[Graph, Exported]) -> None:
    _, exported = hostile
    data = exported.files[text_file("cop-res-9-9", "akn")]
    assert b"<script>" not in data
    doc = etree.fromstring(data)
    text = "".join(doc.find(f".//{AKN}recital").itertext())
    assert to_plain(HOSTILE) in text


# --- JSON -----------------------------------------------------------------------------------------------


def test_every_json_file_is_valid_against_the_published_schema(
    seeds: Exported, hostile: tuple[Graph, Exported]
) -> None:
    schema = json.loads(seeds.files[SCHEMA])
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    checked = 0
    for path, data in _exports(seeds, hostile):
        if path.startswith("data/texts/") and path.endswith(".json") and not path.endswith(".csl.json"):
            errors = list(validator.iter_errors(json.loads(data)))
            assert not errors, f"{path}: {errors[0].message}"
            checked += 1
    assert checked == 5
    # And the schema is not a rubber stamp.
    bad = json.loads(seeds.files[text_file("cop-res-5-1", "json")]) | {"status": "passed"}
    assert list(validator.iter_errors(bad))


def test_json_is_the_model_it_came_from(seeds: Exported, seed_graph: Graph) -> None:
    from generator.schema.load import resolution_from_data

    for r in seed_graph.resolutions:
        data = json.loads(seeds.files[text_file(r.id, "json")])
        assert resolution_from_data(data, f"{r.id}.json") == r


def test_json_carries_every_field_of_the_model() -> None:
    # A field added to the model and forgotten by the export fails here, not silently.
    import dataclasses

    from generator.export.model_json import resolution_data
    from generator.model import Resolution, Version
    from generator.schema.load import resolution_from_data

    full = dataclasses.replace(
        RES_5_1,
        symbol="CTOC/COP/2010/17",
        versions=(Version("draft", "cop-5-draft-x", "CTOC/COP/2010/L.1"),),
        **{f.name: "54th plenary meeting" for f in dataclasses.fields(Resolution) if f.name == "meeting"},
    )
    data = resolution_data(full)
    for f in dataclasses.fields(Resolution):
        if f.name not in ("origin", "imported"):
            assert f.name in data, f.name
    assert resolution_from_data(data, "full.json") == full


# --- CSV and the data package ---------------------------------------------------------------------------

_TYPES = {
    "string": lambda v: True,
    "integer": lambda v: re.fullmatch(r"-?\d+", v) is not None,
    "date": lambda v: dt.date.fromisoformat(v) is not None,
    "boolean": lambda v: v in ("true", "false"),
}


def _rows(data: bytes) -> list[list[str]]:
    assert data.endswith(b"\r\n")
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_every_csv_matches_its_table_schema_in_datapackage_json(
    seeds: Exported, hostile: tuple[Graph, Exported]
) -> None:
    for exported in (seeds, hostile[1]):
        package = json.loads(exported.files[f"{CORPUS}/datapackage.json"])
        assert package["profile"] == "tabular-data-package" and package["licenses"]
        tables: dict[str, list[dict[str, str]]] = {}
        for resource in package["resources"]:
            assert resource["profile"] == "tabular-data-resource"
            header, *rows = _rows(exported.files[f"{CORPUS}/{resource['path']}"])
            fields = resource["schema"]["fields"]
            assert header == [f["name"] for f in fields], resource["name"]
            records = []
            for row in rows:
                assert len(row) == len(header)
                for value, f in zip(row, fields, strict=True):
                    constraints = f.get("constraints", {})
                    if value == "":
                        assert not constraints.get("required"), (resource["name"], f["name"])
                        continue
                    assert _TYPES[f["type"]](value), (resource["name"], f["name"], value)
                    if "enum" in constraints:
                        assert value in constraints["enum"], (f["name"], value)
                records.append(dict(zip(header, row, strict=True)))
            key = resource["schema"]["primaryKey"]
            keys = [tuple(r[k] for k in key) for r in records]
            assert len(keys) == len(set(keys)), f"{resource['name']}: duplicate primary key"
            tables[resource["name"]] = records
        for resource in package["resources"]:
            for fk in resource["schema"].get("foreignKeys", []):
                target = tables[fk["reference"]["resource"]]
                known = {tuple(r[k] for k in fk["reference"]["fields"]) for r in target}
                for r in tables[resource["name"]]:
                    assert tuple(r[k] for k in fk["fields"]) in known, (resource["name"], r)


def test_citations_csv_from_paragraph_to_target(seeds: Exported) -> None:
    header, *rows = _rows(seeds.files[f"{CORPUS}/citations.csv"])
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert len(records) == len(seed_sites())
    op7 = next(r for r in records if r["resolution_id"] == "cop-res-5-1" and r["paragraph_id"] == "op-7")
    assert op7["target_kind"] == "article" and op7["target"] == "untoc-art-30"
    assert op7["pinpoint"] == "paragraph 2 (c)" and op7["as_written"] == "article 30, paragraph 2 (c)"
    kinds = {r["target_kind"] for r in records}
    assert kinds == {"cited", "article", "symbol", "unresolved"}


def test_csv_keeps_hostile_text_exactly(hostile: tuple[Graph, Exported]) -> None:
    _, exported = hostile
    header, *rows = _rows(exported.files[f"{CORPUS}/resolutions.csv"])
    (row,) = rows
    record = dict(zip(header, row, strict=True))
    assert record["venue"] == f"Vienna {HOSTILE}"
    assert record["title"] == f"Title {to_plain(HOSTILE)}"


# --- GraphML ----------------------------------------------------------------------------------------------


def test_graphml_reads_back_as_the_citation_graph(seeds: Exported, seed_graph: Graph) -> None:
    g = networkx.read_graphml(io.BytesIO(seeds.files[f"{CORPUS}/citations.graphml"]))
    assert g.is_directed()
    for r in seed_graph.resolutions:
        assert g.nodes[r.id]["in_corpus"] is True
    assert g.nodes["ga-res-55-25"]["label"] == "General Assembly resolution 55/25"
    assert g.nodes["ga-res-55-25"]["in_corpus"] is False
    assert g.has_edge("cop-12-draft-co-chairs", "untoc-art-24")
    assert g.edges["cop-10-draft-italy", "untoc-art-2"]["paragraphs"] == "op-2"
    resolved = sum(1 for s in seed_sites() if "[...]" not in s.citation.text)
    assert sum(d["weight"] for _, _, d in g.edges(data=True)) == resolved


# --- Atom -------------------------------------------------------------------------------------------------

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _check_atom_rules(feed: etree._Element) -> None:
    """RFC 4287's rules that its RELAX NG grammar cannot state (sections 4.1.1, 4.1.2, 4.2.7)."""
    entries = feed.findall(f"{ATOM}entry")
    ids = [feed.findtext(f"{ATOM}id")] + [e.findtext(f"{ATOM}id") for e in entries]
    assert all(re.match(r"^[a-z][a-z0-9+.-]*:", i) for i in ids), "atom:id must be an absolute IRI"
    assert len(ids) == len(set(ids)), "ids must be unique"
    for element in [feed, *entries]:
        for tag in ("updated", "published"):
            value = element.findtext(f"{ATOM}{tag}")
            if value is not None:
                assert _RFC3339.match(value), value
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in element.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == len(set(alternates)), "one alternate link per type and hreflang"
    assert feed.find(f"{ATOM}link[@rel='self']") is not None  # "SHOULD"
    for entry in entries:
        # 4.1.1: an entry without its own author takes the feed's; the feed here has one anyway.
        assert entry.find(f"{ATOM}author") is not None or feed.find(f"{ATOM}author") is not None
        # 4.1.2: no content means an alternate link and a summary.
        if entry.find(f"{ATOM}content") is None:
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
            assert entry.find(f"{ATOM}summary") is not None
    stamps = [e.findtext(f"{ATOM}updated") for e in entries]
    assert stamps == sorted(stamps, reverse=True), "newest first"
    assert feed.findtext(f"{ATOM}updated") == max(stamps, default=feed.findtext(f"{ATOM}updated"))


def test_every_feed_is_valid_atom(
    seeds: Exported, hostile: tuple[Graph, Exported], atom_schema: etree.RelaxNG
) -> None:
    checked = 0
    for path, data in _exports(seeds, hostile):
        if path.endswith(".atom"):
            feed = etree.fromstring(data)
            assert atom_schema.validate(feed), f"{path}: {atom_schema.error_log}"
            _check_atom_rules(feed)
            checked += 1
    assert checked == 5
    # The grammar is strict: an entry without an id fails.
    feed = etree.fromstring(seeds.files[f"{FEEDS}/atlas.atom"])
    entry = feed.find(f"{ATOM}entry")
    entry.remove(entry.find(f"{ATOM}id"))
    assert not atom_schema.validate(feed)


def test_feeds_per_body_hold_that_body_only(seeds: Exported, seed_graph: Graph) -> None:
    overall = etree.fromstring(seeds.files[f"{FEEDS}/atlas.atom"])
    assert len(overall.findall(f"{ATOM}entry")) == len(seed_graph.resolutions)
    cop = etree.fromstring(seeds.files[f"{FEEDS}/cop.atom"])
    terms = {c.get("term") for e in cop.findall(f"{ATOM}entry") for c in e.findall(f"{ATOM}category")}
    assert "cop" in terms and "ccpcj" not in terms
    first = cop.find(f"{ATOM}entry")
    assert (
        first.find(f"{ATOM}link[@type='text/html']").get("href")
        == "../../resolutions/cop-12-draft-co-chairs/"
    )
    assert (
        first.find(f"{ATOM}link[@type='application/json']").get("href")
        == "../texts/cop-12-draft-co-chairs.json"
    )


def test_feed_links_are_absolute_when_the_site_address_is_known(seed_graph: Graph) -> None:
    exported = export(seed_graph, site_url="https://example.org/atlas/")
    feed = etree.fromstring(exported.files[f"{FEEDS}/atlas.atom"])
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert all(h.startswith("https://example.org/atlas/") for h in hrefs), hrefs
    bib = bibtexparser.parse_string(exported.files[text_file("cop-res-5-1", "bib")].decode())
    assert bib.entries[0]["url"] == "https://example.org/atlas/resolutions/cop-res-5-1/"


# --- BibTeX, RIS, CSL-JSON --------------------------------------------------------------------------------


def test_bibtex_parses_and_escapes(seeds: Exported, hostile: tuple[Graph, Exported]) -> None:
    library = bibtexparser.parse_string(seeds.files[f"{CORPUS}/resolutions.bib"].decode())
    assert not library.failed_blocks
    assert sorted(e.key for e in library.entries) == sorted(r.id for r in seed_corpus().resolutions)
    entry = next(e for e in library.entries if e.key == "cop-res-5-1")
    assert entry.entry_type == "misc" and entry["number"] == "5/1" and entry["year"] == "2010"
    # Braced again: a corporate author that reference managers do not split into names.
    assert entry["author"] == "{" + seed_corpus().bodies["cop"].name + "}"
    one = bibtexparser.parse_string(seeds.files[text_file("cop-res-5-1", "bib")].decode())
    assert [e.key for e in one.entries] == ["cop-res-5-1"]
    _, exported = hostile
    text = exported.files[text_file("cop-res-9-9", "bib")].decode()
    hostile_library = bibtexparser.parse_string(text)
    assert not hostile_library.failed_blocks and len(hostile_library.entries) == 1
    # Braces balance (an unescaped one would end the field early) and LaTeX specials are escaped.
    assert text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}")
    assert "{{ x }}" not in text and r"\{\{ x \}\}" in text and r"\{\% raw \%\}" in text


def test_ris_reads_back(seeds: Exported, hostile: tuple[Graph, Exported]) -> None:
    records = rispy.loads(seeds.files[f"{CORPUS}/resolutions.ris"].decode())
    assert len(records) == 4
    draft = next(r for r in records if r["id"] == "cop-10-draft-italy")
    assert draft["type_of_reference"] == "GOVDOC"
    assert draft["title"].startswith("Celebrating the twentieth anniversary")
    assert draft["date"] == "2020/09/23/"
    (record,) = rispy.loads(hostile[1].files[text_file("cop-res-9-9", "ris")].decode())
    assert record["place_published"] == f"Vienna {HOSTILE}"


def test_csl_json_renders_in_citeproc(seeds: Exported) -> None:
    items = json.loads(seeds.files[f"{CORPUS}/resolutions.csl.json"])
    assert {i["type"] for i in items} == {"legislation", "bill"}
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem("cop-res-5-1")]))
    (rendered,) = [str(entry) for entry in bibliography.bibliography()]
    assert "Conference of the Parties" in rendered and "2010" in rendered
    assert "Ensuring effective implementation" in rendered


# --- the pages that link the files ------------------------------------------------------------------------


def test_the_data_page_lists_every_file_with_format_size_schema_and_licence(
    seeds: Exported, seed_graph: Graph
) -> None:
    (page,) = [j() for j in data_page_jobs(seed_graph, seeds) if j.path == DATA_PAGE]
    soup = BeautifulSoup(page.text.split("---\n", 2)[2], "html.parser")
    hrefs = {str(a["href"]) for a in soup.find_all("a", href=True)}
    # The page is data/index.html: its links to the files are relative to data/.
    for f in seeds.listing:
        assert f.path.removeprefix("data/") in hrefs, f.path
    corpus_rows = soup.select("table")[0].select("tbody tr")
    assert len(corpus_rows) == len(seeds.corpus_files)
    for row in corpus_rows:
        cells = [c.get_text(" ", strip=True) for c in row.find_all("td")]
        assert len(cells) == 6 and all(cells), cells
        assert re.fullmatch(r"[\d.]+ (bytes|kB|MB)", cells[2])


def _rendered_text_page(graph: Graph, resolution_id: str) -> BeautifulSoup:
    from generator.render.pages import render_pages

    page = next(p for p in render_pages(graph) if p.path == f"resolutions/{resolution_id}.md")
    return BeautifulSoup(page.text.split("---\n", 2)[2], "html.parser")


def test_a_text_page_links_its_own_files_and_cites_itself(seed_graph: Graph, seeds: Exported) -> None:
    soup = _rendered_text_page(seed_graph, "cop-res-5-1")
    links = {a["data-format"]: a["href"] for a in soup.select(".atlas-data__downloads a")}
    assert links == {f.key: f"../../{text_file('cop-res-5-1', f.key)}" for f in TEXT_FORMATS}
    for href in links.values():
        assert href.removeprefix("../../") in seeds.files
    citations = {dd["data-style"]: dd.get_text() for dd in soup.select(".atlas-data__citation")}
    assert citations["un"] == (
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime, "
        "resolution 5/1 (2010)"
    )
    assert citations["oscola"].startswith("Conference of the Parties to the United Nations Convention")
    # Every paragraph has a Cite button with its pinpoint in both styles.
    paragraphs = soup.select("div.atlas-para")
    buttons = soup.select("button.atlas-cite-button")
    assert len(buttons) == len(paragraphs)
    op7 = soup.select_one("#op-7 button.atlas-cite-button")
    assert op7["data-pin-un"] == "para. 7" and op7["data-pin-oscola"] == "para 7"
    assert soup.select_one("#op-1-a button.atlas-cite-button")["data-pin-un"] == "para. 1 (a)"


def test_hostile_text_stays_text_on_the_data_pages(hostile: tuple[Graph, Exported]) -> None:
    graph, exported = hostile
    pages = [j() for j in data_page_jobs(graph, exported)]
    soup = _rendered_text_page(graph, "cop-res-9-9")
    assert not soup.find_all("script")
    # As a draft, OSCOLA cites it by its title: the hostile title is shown as text.
    from dataclasses import replace

    draft = replace(graph.corpus.resolutions[0], status="draft", number=None)
    draft_graph = build_graph(Corpus((draft,), graph.corpus.bodies, graph.corpus.instruments), [])
    soup = _rendered_text_page(draft_graph, "cop-res-9-9")
    assert not soup.find_all("script")
    oscola = soup.select_one('.atlas-data__citation[data-style="oscola"]')
    assert to_plain(f"Title {HOSTILE}") in oscola.get_text()
    assert to_plain(f"Title {HOSTILE}") in oscola["data-cite-text"]
    for page in pages:
        body = BeautifulSoup(page.text.split("---\n", 2)[2], "html.parser")
        assert not body.find_all(["script", "iframe", "img"])


def test_citation_styles() -> None:
    from generator.export.cite import citation

    corpus = seed_corpus()
    bodies = corpus.bodies
    assert citation(RES_5_1, bodies, "un", "para. 7") == (
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime, "
        "resolution 5/1, para. 7 (2010)"
    )
    draft = corpus.resolution("cop-10-draft-italy")
    assert draft is not None
    assert citation(draft, bodies, "un", "para. 2") == (
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime, "
        "draft resolution submitted by Italy, 10th session, para. 2 (23 September 2020)"
    )
    from dataclasses import replace

    with_symbol = replace(draft, symbol="CTOC/COP/2020/L.4")
    assert citation(with_symbol, bodies, "un") == (
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime, "
        "draft resolution CTOC/COP/2020/L.4 (23 September 2020)"
    )
    assert citation(with_symbol, bodies, "oscola", "para 2").endswith(
        "(draft resolution) (23 September 2020) UN Doc CTOC/COP/2020/L.4, para 2"
    )
    ga = replace(
        RES_5_1,
        id="ga-res-55-25",
        body="ga",
        number="55/25",
        year=2000,
        dates=replace(RES_5_1.dates, adopted=dt.date(2000, 11, 15)),
    )
    assert (
        citation(ga, bodies, "oscola", "para 7")
        == "UNGA Res 55/25 (15 November 2000) UN Doc A/RES/55/25, para 7"
    )
    assert citation(ga, bodies, "un") == "General Assembly, resolution 55/25 (2000), A/RES/55/25"


def test_export_of_an_empty_corpus(seed_graph: Graph) -> None:
    empty = Corpus((), seed_graph.corpus.bodies, seed_graph.corpus.instruments)
    exported = export(build_graph(empty, []))
    header, *rows = _rows(exported.files[f"{CORPUS}/resolutions.csv"])
    assert header[0] == "id" and rows == []
    feed = etree.fromstring(exported.files[f"{FEEDS}/atlas.atom"])
    assert feed.findall(f"{ATOM}entry") == []


def test_the_real_corpus_exports_and_validates(
    akn_schema: etree.XMLSchema, atom_schema: etree.RelaxNG
) -> None:
    # The citations the real finder produces (every kind of destination it knows) pass through every
    # exporter: a new kind of target breaks this test, not the build.
    from generator.check import cite, load_checked_corpus
    from generator.export.graphml import node_id
    from generator.export.tables import target_of
    from generator.graph import Unresolved

    corpus, report = load_checked_corpus(Path(__file__).resolve().parent.parent / "corpus")
    assert report.ok, report.format()
    graph = build_graph(corpus, cite(corpus)[0])
    exported = export(graph)
    for path, data in exported.files.items():
        if path.endswith(".akn.xml"):
            assert akn_schema.validate(etree.fromstring(data)), f"{path}: {akn_schema.error_log}"
        elif path.endswith(".atom"):
            assert atom_schema.validate(etree.fromstring(data)), f"{path}: {atom_schema.error_log}"
    for m in graph.mentions:
        target_of(graph, m)
        if not isinstance(m.destination, Unresolved):
            node_id(m.destination)
    # Every paragraph's label (as the graph names it) reads as a pinpoint in both styles: a change
    # of the labels' wording shows here, not as a Cite button copying the raw label.
    from generator.export.cite import pinpoint

    for passages in graph.passages.values():
        for passage in passages:
            pin = pinpoint(passage.label)
            # (An unrecognised label comes back unchanged in both styles.)
            assert pin.oscola != passage.label, passage.label


@pytest.mark.parametrize("seed", [3])
def test_synthetic_corpora_export_valid_files(
    tmp_path: Path, seed: int, akn_schema: etree.XMLSchema, atom_schema: etree.RelaxNG
) -> None:
    # Generality: texts in every shape the synthetic corpus makes (annexes with headings, sub-
    # paragraphs, footnotes in titles and headings, drafts and adopted texts of every body).
    from generator.check import cite, load_checked_corpus
    from generator.synth import write_corpus

    write_corpus(15, seed, tmp_path / "corpus")
    corpus, report = load_checked_corpus(tmp_path / "corpus")
    assert report.ok, report.format()
    graph = build_graph(corpus, cite(corpus)[0])
    exported = export(graph)
    schema = Draft202012Validator(json.loads(exported.files[SCHEMA]), format_checker=FormatChecker())
    counts = {"akn": 0, "atom": 0, "json": 0}
    for path, data in exported.files.items():
        if path.endswith(".akn.xml"):
            assert akn_schema.validate(etree.fromstring(data)), f"{path}: {akn_schema.error_log}"
            counts["akn"] += 1
        elif path.endswith(".atom"):
            feed = etree.fromstring(data)
            assert atom_schema.validate(feed), f"{path}: {atom_schema.error_log}"
            _check_atom_rules(feed)
            counts["atom"] += 1
        elif path.startswith("data/texts/") and path.endswith(".json") and not path.endswith(".csl.json"):
            assert not list(schema.iter_errors(json.loads(data))), path
            counts["json"] += 1
        elif path.endswith(".bib"):
            assert not bibtexparser.parse_string(data.decode()).failed_blocks, path
    assert counts["akn"] == counts["json"] == len(corpus.resolutions) == 15
    assert counts["atom"] >= 2
    graphml = networkx.read_graphml(io.BytesIO(exported.files[f"{CORPUS}/citations.graphml"]))
    assert graphml.number_of_nodes() >= 15


_MARKUP = st.lists(
    st.sampled_from(
        ["Urges", " ", "*", "[^1]", "\\*", "\\[", "<b>", "&amp;", "]]>", "é", "\u00a0", "x", "\\\\"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=inputs(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(markup=_MARKUP, cut=st.tuples(st.integers(0, 60), st.integers(0, 60)))
def test_any_text_becomes_valid_akoma_ntoso_with_its_words_intact(
    akn_schema: etree.XMLSchema, seed_graph: Graph, markup: str, cut: tuple[int, int]
) -> None:
    import dataclasses

    from generator.citations import resolve
    from generator.export.akn import default_href, resolution_akn
    from generator.ids import ArticleRef
    from generator.model import Citation, Footnote, Paragraph, passages

    text = f"*Decides* {markup} end"
    res = dataclasses.replace(
        RES_5_1,
        preamble=(),
        operative=(Paragraph("op-1", "1", text),),
        footnotes=(Footnote("1", f"Note {markup}", "op-1"),),
    )
    corpus = dataclasses.replace(seed_graph.corpus, resolutions=(res,))
    start, end = sorted(cut)
    sites = []
    if start < end <= len(text):
        op1 = passages(res)[0]
        sites.append(Citation(ArticleRef("untoc", 30), start, end, text[start:end], passage=op1))
    graph = build_graph(corpus, resolve(sites, corpus))
    data = resolution_akn(graph, res, href=default_href(graph, lambda d: "../x/"), as_of=dt.date(2020, 1, 1))
    doc = etree.fromstring(data)
    assert akn_schema.validate(doc), akn_schema.error_log
    p = doc.find(f".//{AKN}paragraph[@eId='para_1']/{AKN}content/{AKN}p")
    etree.strip_elements(p, f"{AKN}authorialNote", with_tail=False)
    assert "".join(p.itertext()) == to_plain(text)


def test_every_shape_of_text_is_valid_akoma_ntoso(akn_schema: etree.XMLSchema, seed_graph: Graph) -> None:
    # Lettered sub-paragraphs of a preambular paragraph, sub-sub-paragraphs, two annexes with
    # numbered and lettered paragraphs under headings, notes in the title, an annex title and a heading.
    import dataclasses

    from generator.export.akn import default_href, resolution_akn
    from generator.model import Annex, AnnexSection, Footnote, Paragraph

    def p(id_: str, text: str, number: str | None = None, *subs: Paragraph) -> Paragraph:
        return Paragraph(id_, number, text, tuple(subs))

    res = dataclasses.replace(
        RES_5_1,
        title="A title[^1]",
        preamble=(p("pp-1", "*Recalling*:", None, p("pp-1-a", "one;", "a"), p("pp-1-b", "two,", "b")),),
        operative=(p("op-1", "*Decides*:", "1", p("op-1-a", "that:", "a", p("op-1-a-i", "first;", "i"))),),
        annexes=(
            Annex(
                "annex-1",
                "I",
                "Annex title[^2]",
                (p("annex-1-intro", "Intro."),),
                (
                    AnnexSection(None, (p("annex-1-1", "First.", "1"),)),
                    AnnexSection(
                        "Heading[^3]", (p("annex-1-a", "Lettered.", "a", p("annex-1-a-i", "Sub.", "i")),)
                    ),
                ),
            ),
            Annex("annex-2", "II", None, (), (AnnexSection("Only", (p("annex-2-text-1", "Unnumbered."),)),)),
        ),
        footnotes=(
            Footnote("1", "On the title.", "title"),
            Footnote("2", "On the annex.", "annex-1-title"),
            Footnote("3", "On the heading.", "annex-1-heading-2"),
        ),
    )
    graph = build_graph(dataclasses.replace(seed_graph.corpus, resolutions=(res,)), [])
    doc = etree.fromstring(
        resolution_akn(graph, res, href=default_href(graph, lambda d: None), as_of=dt.date(2020, 1, 1))
    )
    assert akn_schema.validate(doc), akn_schema.error_log
    ids = {e.get("eId") for e in doc.iter() if e.get("eId")}
    assert {"recital_1", "recital_1__list_1__point_a", "para_1__list_1__point_a__list_1__point_i"} <= ids
    assert {"att_1", "att_2", "att_1__para_1", "att_1__para_a", "att_2__para_text-1"} <= ids
    assert {n.get("marker") for n in doc.iter(f"{AKN}authorialNote")} == {"1", "2", "3"}
