"""The real site: built once per session from corpus/ with real MkDocs, then read as HTML.

Checks what issue 3 asks of the built site: the pages of article 30, of COP resolution 5/5 and
of GA resolution 55/25; every internal link and #anchor; a page for every YAML file; no request
to another host; byte-identical rebuilds; and corpus text kept literal everywhere, search index
and <title> included (on a hostile corpus written for the purpose).

Golden snapshots of resolution pages live in tests/golden/pages/; after an intended change,
regenerate them with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from site_checks import broken_references
from site_factory import RES_5_1, seed_corpus, seed_sites
from yaml_data import yaml_data

from generator.generate import generate_site, render_corpus
from generator.mkdocs_adapter import build_site

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "pages"
CORPUS = Path(os.environ.get("ATLAS_CORPUS") or ROOT / "corpus")


def _build(site: Path, docs: Path, corpus: Path | None = None) -> None:
    previous = os.environ.get("ATLAS_CORPUS")
    if corpus is not None:
        os.environ["ATLAS_CORPUS"] = str(corpus)
    try:
        status = build_site(
            ROOT / "mkdocs.yml", strict=True, site_dir=site, docs_dir=docs, configure_logging=False
        )
    finally:
        if corpus is not None:
            if previous is None:
                os.environ.pop("ATLAS_CORPUS", None)
            else:
                os.environ["ATLAS_CORPUS"] = previous
    assert status == 0, "mkdocs build --strict failed; see the captured log"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    _build(root / "site", root / "docs")
    return root / "site"


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    return _soup(site / url / "index.html")


def _tag(node: object) -> Tag:
    assert isinstance(node, Tag), node
    return node


# --- the facts issue 3 names ----------------------------------------------------------------------


def _citing_entries(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("li.atlas-article-cite")


def test_article_30_lists_its_citing_paragraphs(site: Path) -> None:
    soup = page(site, "convention/article-30")
    entries = {_tag(e.select_one("a.atlas-article-cite__where"))["href"]: e for e in _citing_entries(soup)}
    italy = [
        e for href, e in entries.items() if str(href).startswith("../../resolutions/cop-10-draft-italy/#pp-")
    ]
    assert len(italy) == 1, entries.keys()
    assert "preambular paragraph" in italy[0].get_text()
    assert "recalling in this regard article 30" in italy[0].get_text(" ", strip=True)
    assert _tag(italy[0].select_one("mark")).get_text() == "article 30"
    res51 = entries["../../resolutions/cop-res-5-1/#op-7"]
    assert _tag(res51.select_one(".atlas-pinpoint")).get_text() == "paragraph 2 (c)"
    assert "operative paragraph 7" in res51.get_text()


def _cited_by(soup: BeautifulSoup) -> list[str]:
    return [str(a["href"]) for a in soup.select("#cited-by a.atlas-citing__where")]


def test_cop_resolution_5_5_is_not_in_the_corpus_and_cited_by_two_texts(site: Path) -> None:
    soup = page(site, "cited/cop-res-5-5")
    assert set(_cited_by(soup)) == {
        "../../resolutions/ccpcj-revised-draft-italy/#op-2",
        "../../resolutions/cop-res-5-1/#op-1",
    }
    assert _tag(soup.select_one(".atlas-badge--cited")).get_text() == "Not in the corpus"
    assert not (CORPUS / "resolutions" / "cop-res-5-5.yaml").exists()


def test_ga_resolution_55_25_links_to_the_official_document(site: Path) -> None:
    soup = page(site, "cited/ga-res-55-25")
    assert "../../resolutions/cop-10-draft-italy/#pp-1" in _cited_by(soup)
    assert soup.select_one('a[href="https://undocs.org/A/RES/55/25"]')
    assert "15 November 2000" in _tag(soup.select_one("dl.atlas-meta")).get_text()


def test_every_yaml_file_has_its_page(site: Path) -> None:
    files = sorted((CORPUS / "resolutions").glob("*.yaml"))
    assert files, "the corpus has no resolution yet"
    table = page(site, "resolutions")
    listed = {str(a["href"]).rstrip("/") for a in table.select("#atlas-resolutions td.atlas-table__main a")}
    for path in files:
        resolution_id = yaml_data(path.read_text(encoding="utf-8"))["id"]
        soup = page(site, f"resolutions/{resolution_id}")
        assert soup.select_one("article.atlas-res h1#title"), resolution_id
        assert resolution_id in listed


def test_a_resolution_page(site: Path) -> None:
    soup = page(site, "resolutions/cop-10-draft-italy")
    # The identity first (body, session, status, date), the other facts in the panel beside it.
    head = _tag(soup.select_one("header.atlas-res__head")).get_text(" ", strip=True)
    meta = head + " " + _tag(soup.select_one("dl.atlas-meta")).get_text(" ", strip=True)
    for fact in (
        "Conference of the Parties",
        "10th session",
        "Draft",
        "23 September 2020",
        "Vienna",
        "Italy",
    ):
        assert fact in meta
    first = _tag(soup.select_one("#preamble .atlas-para"))
    assert _tag(first.select_one("em")).get_text() == "Welcoming"  # the emphasised verb
    numbers = [n.get_text() for n in soup.select("#operative > .atlas-para > .atlas-para__num")]
    assert numbers == [f"{n}." for n in range(1, 14)]
    assert [n.get_text() for n in soup.select("#op-12 .atlas-subparas .atlas-para__num")] == [
        "(a)",
        "(b)",
        "(c)",
        "(d)",
    ]
    for para in soup.select("div.atlas-para"):
        assert (
            _tag(para.select_one(":scope > .atlas-para__ref > a.atlas-permalink"))["href"] == f"#{para['id']}"
        )
        assert para.select_one(":scope > .atlas-para__ref > button[data-atlas-copy]")
    # Footnotes both ways.
    for note in soup.select("li.atlas-footnote"):
        for back in note.select("a.atlas-footnote__back"):
            ref = _tag(soup.find(id=str(back["href"])[1:]))
            assert _tag(ref.a)["href"] == f"#{note['id']}"
    assert len(soup.select("li.atlas-footnote")) == 2
    # Citations are links; the panels list what the text cites.
    assert soup.select_one('a.atlas-cite[href="../../cited/ga-res-55-25/"]')
    assert soup.select_one('a.atlas-cite[href="../../convention/article-30/"]')
    cites = _tag(soup.select_one("#cites")).get_text(" ", strip=True)
    assert "General Assembly resolution 55/25" in cites and "article 30" in cites


def test_an_annex_keeps_its_headings(site: Path) -> None:
    soup = page(site, "resolutions/cop-12-draft-co-chairs")
    assert [
        h.select_one(".atlas-annex__number").get_text() for h in soup.select("h2.atlas-annex__title")
    ] == [
        "Annex I",
        "Annex II",
    ]
    assert len(soup.select("#annex-1 h3.atlas-annex__heading")) == 3
    assert soup.select_one("#annex-2-x")


def test_unresolvable_citations_are_reported(site: Path) -> None:
    soup = page(site, "reports/unresolved")
    items = soup.select("li.atlas-report__item")
    assert any("2012/[...]" in i.get_text() for i in items)
    for item in items:
        link = _tag(item.select_one('a[href*="#"]'))
        assert str(link["href"]).startswith("../../resolutions/")


def test_the_convention_index_and_matrix(site: Path) -> None:
    soup = page(site, "convention")
    rows = soup.select("table.atlas-articles tbody tr")
    assert len(rows) == 41
    counts = {r.select("td")[0].get_text(): r.select("td")[2].get_text() for r in rows}
    assert counts["30"] == "2"
    matrix_links = [str(a["href"]) for a in soup.select("table.atlas-matrix td a")]
    assert "article-30/#y2020" in matrix_links
    for protocol in ("tip", "som", "firearms"):
        assert page(site, f"protocols/{protocol}").select("table.atlas-articles tbody tr")


def test_timeline_marks_cited_only_texts(site: Path) -> None:
    soup = page(site, "timeline")
    years = [s["id"] for s in soup.select("section.atlas-year")]
    dated = [int(str(y)[1:]) for y in years if y != "ynd"]
    assert dated == sorted(dated)
    cited = soup.select("li.atlas-doc-item--cited")
    assert cited and all(c.select_one(".atlas-badge--cited") for c in cited)
    bodies = {str(li["data-body"]) for li in soup.select("li.atlas-doc-item")}
    assert {"cop", "ccpcj", "ga"} <= bodies


def test_bodies_and_sessions(site: Path) -> None:
    soup = page(site, "bodies/cop")
    assert soup.select_one("section#session-10 a[href='../../resolutions/cop-10-draft-italy/']")
    assert page(site, "bodies/ecosoc").select_one("h1")


def test_navigation_stays_small(site: Path) -> None:
    soup = page(site, "resolutions/cop-res-5-1")
    nav_links = [str(a["href"]) for a in soup.select("nav.md-nav a, nav.md-tabs a")]
    assert not [h for h in nav_links if re.search(r"resolutions/[a-z0-9-]+/$", h)], nav_links


def test_print_stylesheet_is_linked(site: Path) -> None:
    soup = page(site, "resolutions/cop-res-5-1")
    (link,) = soup.select('link[media="print"]')
    assert (site / "resolutions/cop-res-5-1" / str(link["href"])).resolve().is_file()


# --- links, anchors and other hosts -------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    # The crawler is shared with the Zensical build's test (tests/test_engines.py).
    broken = broken_references(site)
    assert not broken, "\n".join(broken[:40])


_REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
_CSS_REMOTE = re.compile(r"@import\s+(url\()?\s*['\"]?(https?:)?//|url\(\s*['\"]?(https?:)?//", re.IGNORECASE)


def test_the_site_requests_nothing_from_another_host(site: Path) -> None:
    remote = []
    for path in sorted(site.rglob("*.html")):
        soup = _soup(path)
        for tag in soup.find_all(["script", "img", "iframe", "source", "audio", "video"], src=True):
            if _REMOTE.match(str(tag["src"])):
                remote.append(f"{path}: {tag}")
        for tag in soup.find_all("link", href=True):
            if _REMOTE.match(str(tag["href"])):
                remote.append(f"{path}: {tag}")
        for tag in soup.find_all(style=True):
            if _CSS_REMOTE.search(str(tag["style"])):
                remote.append(f"{path}: {tag}")
        for style in soup.find_all("style"):
            if _CSS_REMOTE.search(style.get_text()):
                remote.append(f"{path}: <style>")
    for css in sorted(site.rglob("*.css")):
        if _CSS_REMOTE.search(css.read_text(encoding="utf-8")):
            remote.append(str(css))
    assert not remote, "\n".join(remote[:20])
    # Links to official documents are plain links, and they do exist.
    assert page(site, "cited/ga-res-55-25").select_one('a[href^="https://undocs.org/"]')


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    # A separate process, without SOURCE_DATE_EPOCH: the build must pin its own dates.
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["ATLAS_CORPUS"] = str(CORPUS)
    code = (
        "import sys; from pathlib import Path; from generator.mkdocs_adapter import build_site; "
        f"sys.exit(build_site(Path({str(ROOT / 'mkdocs.yml')!r}), strict=True, "
        f"site_dir=Path({str(tmp_path / 'site')!r}), docs_dir=Path({str(tmp_path / 'docs')!r})))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {
        p.relative_to(tmp_path / "site"): p.read_bytes()
        for p in (tmp_path / "site").rglob("*")
        if p.is_file()
    }
    assert sorted(first) == sorted(second)
    assert [str(k) for k in first if first[k] != second[k]] == []


# --- golden snapshots ------------------------------------------------------------------------------


def _normalised(soup: BeautifulSoup) -> str:
    article = _tag(soup.select_one("article.atlas-res"))
    return article.prettify()


@pytest.mark.parametrize("resolution_id", ["cop-res-5-1", "cop-10-draft-italy"])
def test_golden_resolution_pages(site: Path, resolution_id: str) -> None:
    actual = _normalised(page(site, f"resolutions/{resolution_id}"))
    golden = GOLDEN / f"{resolution_id}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file; create it with UPDATE_GOLDEN=1: {golden}"
    assert actual == golden.read_text(encoding="utf-8")


# --- hostile text through the whole build --------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> {{ x }} {% raw %} *a _b_ [x](javascript:alert(1)) <!-- --> &amp;"
# As markup, a lone * is literal; the escape keeps the reader's text identical for every field.
HOSTILE_MARKUP = HOSTILE.replace("*", "\\*").replace("[", "\\[")


def _hostile_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "resolutions").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "bodies.yaml", corpus / "bodies.yaml")
    shutil.copytree(ROOT / "corpus" / "instruments", corpus / "instruments")
    data = {
        "id": "cop-res-9-9",
        "body": "cop",
        "kind": "resolution",
        "status": "adopted",
        "number": "9/9",
        "session": 9,
        "year": 2018,
        "dates": {"distributed": None, "adopted": "2018-10-19"},
        "venue": f"Vienna {HOSTILE}",
        "agenda_item": {"number": "7", "title": f"Agenda {HOSTILE_MARKUP}"},
        "sponsors": [f"Sponsor {HOSTILE}"],
        "title": f"Title {HOSTILE_MARKUP}",
        "formula": "The Conference,",
        "preamble": [
            {"id": "pp-1", "text": f"*Recalling* {HOSTILE_MARKUP} and article 30 of the Convention,[^1]"}
        ],
        "operative": [{"id": "op-1", "number": "1", "text": f"*Decides* {HOSTILE_MARKUP};"}],
        "footnotes": [{"mark": "1", "anchor": "pp-1", "text": f"Footnote {HOSTILE_MARKUP}"}],
    }
    text = "# yaml-language-server: $schema=../../generator/schema/resolution.schema.json\n"
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False).replace("'2018-10-19'", "2018-10-19")
    (corpus / "resolutions" / "cop-res-9-9.yaml").write_text(text, encoding="utf-8")
    return corpus


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    _build(root / "site", root / "docs", corpus=_hostile_corpus(root))
    return root / "site"


def test_hostile_text_renders_literally_and_runs_nothing(hostile_site: Path) -> None:
    for path in sorted(hostile_site.rglob("*.html")):
        soup = _soup(path)
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), path
        assert not soup.select('a[href^="javascript:"]'), path
    soup = page(hostile_site, "resolutions/cop-res-9-9")
    # The tab names the text by its short name, then its title (cut at a word), as plain text.
    tab = _tag(soup.title).get_text()
    assert tab.startswith("COP resolution 9/9 · Title <script>alert(1)</script> {{ x }}")
    assert tab.endswith(" - Resolutions Atlas")
    assert _tag(soup.select_one("h1#title")).get_text() == f"Title {HOSTILE}"
    text = _tag(soup.select_one("article.atlas-res")).get_text()
    for field in ("Vienna", "Agenda", "Sponsor", "Recalling", "Decides", "Footnote"):
        assert f"{field} {HOSTILE}" in text, field
    assert _tag(soup.find("meta", attrs={"name": "description"}))["content"].endswith(f"Title {HOSTILE}")
    table = page(hostile_site, "resolutions")
    assert f"Title {HOSTILE}" in _tag(table.select_one("#atlas-resolutions")).get_text()
    article = page(hostile_site, "convention/article-30")
    entry = _tag(article.select_one("li.atlas-article-cite"))
    assert f"Title {HOSTILE}" in entry.get_text()
    assert _tag(entry.select_one("mark")).get_text() == "article 30"


def test_hostile_text_stays_text_in_the_search_index(hostile_site: Path) -> None:
    # Material's index holds the hand-written pages only: generated pages are in the atlas' own.
    material = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "alert(1)" not in material
    # The atlas' index holds plain text in JSON strings of scripts; the worker escapes it when it
    # shows it. Nothing in a file ends its string or its script.
    texts = []
    for path in sorted((hostile_site / "assets" / "search").glob("d*.js")):
        raw = path.read_text(encoding="utf-8")
        prefix = f'atlasSearch.add("d",{path.stem[1:]},'
        assert raw.startswith(prefix) and raw.endswith(");\n")
        texts += [f"{entry[1]} {entry[2]}" for entry in json.loads(raw[len(prefix) : -3])[0]]
    assert any(f"Title {HOSTILE}" in t for t in texts)
    assert any("{{ x }} {% raw %}" in t for t in texts)


# --- generation: content-hashed writes, stale files, refusals ----------------------------------------


def test_generation_rewrites_only_what_changed_and_removes_stale_pages(tmp_path: Path) -> None:
    corpus, sites = seed_corpus(), seed_sites()
    out = tmp_path / "docs"
    first = render_corpus(corpus, sites, out)
    assert first.report.ok and first.stats.unchanged == 0 and len(first.stats.written) > 100
    assert (out / "resolutions" / "cop-res-5-1.md").is_file()
    again = render_corpus(corpus, sites, out)
    assert again.stats.written == [] and again.stats.removed == []
    # Retitle one text: its page and the pages that show its title change, nothing else.
    retitled = dataclasses.replace(RES_5_1, title="Ensuring *effective* implementation")
    changed = dataclasses.replace(corpus, resolutions=(*corpus.resolutions[:3], retitled))
    edit = render_corpus(changed, sites, out)
    assert "resolutions/cop-res-5-1.md" in edit.stats.written
    assert "convention/article-1.md" not in edit.stats.written
    pages = [p for p in edit.stats.written if not p.startswith(("assets/search/", "data/"))]
    assert len(pages) < 12
    # The open data: the text's own files and the corpus files that carry its title, not the others'.
    data = [p for p in edit.stats.written if p.startswith("data/")]
    assert "data/texts/cop-res-5-1.json" in data and "data/texts/cop-10-draft-italy.json" not in data
    # The search index: the chunk holding the title, the postings and vocabulary of the words that
    # changed, the manifest at most.
    index = [p for p in edit.stats.written if p.startswith("assets/search/")]
    assert 1 <= len(index) <= 5, index
    # Drop a text: its page, and the pages of documents only it cited, are removed.
    smaller = dataclasses.replace(corpus, resolutions=corpus.resolutions[:3])
    kept = [s for s in sites if s.resolution_id != "cop-res-5-1"]
    drop = render_corpus(smaller, kept, out)
    assert "resolutions/cop-res-5-1.md" in drop.stats.removed
    assert "cited/cop-dec-4-2.md" in drop.stats.removed
    assert not (out / "resolutions" / "cop-res-5-1.md").exists()


def test_generation_never_cleans_a_directory_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "precious.md").write_text("hand-written", encoding="utf-8")
    result = render_corpus(seed_corpus(), seed_sites(), out)
    assert [d.code for d in result.report.errors] == ["output-not-generated"]
    assert sorted(p.name for p in out.iterdir()) == ["precious.md"]


def test_a_hand_written_page_cannot_replace_a_generated_one(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "timeline.md").write_text("# mine", encoding="utf-8")
    (pages / "extra.md").write_text("# extra", encoding="utf-8")
    result = render_corpus(seed_corpus(), seed_sites(), tmp_path / "docs", pages_dir=pages)
    assert [d.code for d in result.report.errors] == ["page-conflict"]
    assert not (tmp_path / "docs").exists()


def test_a_broken_corpus_builds_nothing(tmp_path: Path) -> None:
    corpus = _hostile_corpus(tmp_path)
    path = corpus / "resolutions" / "cop-res-9-9.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("body: cop", "body: copp"), encoding="utf-8")
    report = generate_site(corpus, tmp_path / "docs")
    assert [d.code for d in report.errors] == ["unknown-body"]
    assert not (tmp_path / "docs").exists()
    previous = os.environ.get("ATLAS_CORPUS")
    os.environ["ATLAS_CORPUS"] = str(corpus)
    try:
        status = build_site(
            ROOT / "mkdocs.yml",
            site_dir=tmp_path / "site",
            docs_dir=tmp_path / "docs",
            configure_logging=False,
        )
    finally:
        if previous is None:
            os.environ.pop("ATLAS_CORPUS", None)
        else:
            os.environ["ATLAS_CORPUS"] = previous
    assert status == 1
    assert not (tmp_path / "site" / "index.html").exists()
