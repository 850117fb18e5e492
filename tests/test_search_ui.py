"""Search through Material's own search box, answered by the atlas' worker, in headless Chromium.

The browser is the session's one Chromium (tests/browser_support.py, through tests/conftest.py),
skipped only when there is no Chromium and CI is not ``true``. The real corpus is built twice:
as the hosted site (directory URLs), served on loopback, and as the offline bundle's build
(``ATLAS_OFFLINE=true``, ``page.html`` URLs), opened from ``file://``, where the worker runs
inside the iframe-worker shim and loads the index through ``<script>`` tags. A query typed into
the header box must show results, the right one first. The worker's tokenizer and highlighter
are also called directly, against the Python side's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser_support import serve, wait_for_answer
from playwright.sync_api import Browser

from generator import search_index as si
from generator.mkdocs_adapter import build_site

pytestmark = [pytest.mark.browser, pytest.mark.site]

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "atlas-search.js"
STEMMER = ROOT / "overrides" / "assets" / "vendor" / "snowball" / "english.js"


@contextmanager
def _environ(**values: str | None) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _build(root: Path, *, offline: bool) -> Path:
    site = root / "site"
    with _environ(ATLAS_OFFLINE="true" if offline else None, SITE_URL=None):
        status = build_site(
            ROOT / "mkdocs.yml",
            strict=True,
            site_dir=site,
            docs_dir=root / "docs",
            use_directory_urls=False if offline else None,
            configure_logging=False,
        )
    assert status == 0, "mkdocs build --strict failed; see the captured log"
    return site


@pytest.fixture(scope="module")
def search_online(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = _build(tmp_path_factory.mktemp("search-online"), offline=False)
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def search_offline(tmp_path_factory: pytest.TempPathFactory) -> str:
    site = _build(tmp_path_factory.mktemp("search-offline"), offline=True)
    assert (site / "search" / "search_index.js").exists(), "the offline plugin did not run"
    return site.as_uri() + "/"


def _search(browser: Browser, url: str, query: str) -> list[tuple[str, str]]:
    """Open ``url``, type ``query`` into the header's search box; (link, text) of each result shown."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url)
        box = page.locator(".md-search__input")
        box.click()
        box.press_sequentially(query)
        wait_for_answer(page, query)
        items = page.locator(".md-search-result__item").all()
        found = [(i.locator("a").first.get_attribute("href") or "", i.inner_text()) for i in items]
        assert not errors, errors
        return found
    finally:
        page.close()


@pytest.mark.parametrize(
    ("start", "query", "first", "somewhere"),
    [
        # Texts holding the word come before the article whose title only names it (issue 9 §3).
        ("", "extradition", "resolutions/cop-10-draft-italy/", "convention/article-16/"),
        ("resolutions/cop-res-5-1/", "extrad", "resolutions/cop-10-draft-italy/", "resolutions/cop-res-5-1/"),
        ("", "extradite", "resolutions/cop-10-draft-italy/", "resolutions/cop-res-5-1/"),
        ("", "COP 5/1", "resolutions/cop-res-5-1/", None),
        ("", "55/25", "cited/ga-res-55-25/", "resolutions/cop-10-draft-italy/"),
        ("convention/", "A/RES/55/25", "cited/ga-res-55-25/", None),
    ],
)
def test_a_query_typed_online_shows_results_best_first(
    browser: Browser, search_online: str, start: str, query: str, first: str, somewhere: str | None
) -> None:
    results = _search(browser, search_online + start, query)
    links = [link.split("?")[0] for link, _ in results]
    assert links[0] == search_online + first
    if somewhere:
        assert search_online + somewhere in links


def test_a_paragraph_is_a_result_and_its_words_are_marked(browser: Browser, search_online: str) -> None:
    page = browser.new_page()
    try:
        page.goto(search_online)
        box = page.locator(".md-search__input")
        box.click()
        box.press_sequentially("extradition")
        section = page.locator('.md-search-result__item a[href*="cop-10-draft-italy/"][href*="#op-2"]')
        section.first.wait_for(timeout=10_000)
        # Labelled by the text's short name, the paragraph, the year and the status.
        label = "COP draft resolution, 10th session (Italy) · op. 2 · 2020 · draft"
        assert label in section.first.inner_text()
        assert section.first.locator("mark").first.inner_text().lower() == "extradition"
        # Material's highlight feature carries the query to the page.
        assert "h=extradition" in (section.first.get_attribute("href") or "")
    finally:
        page.close()


@pytest.mark.parametrize(
    ("start", "query", "first"),
    [
        ("index.html", "extradition", "resolutions/cop-10-draft-italy.html"),
        ("resolutions/cop-res-5-1.html", "A/RES/55/25", "cited/ga-res-55-25.html"),
    ],
)
def test_a_query_typed_from_file_shows_results(
    browser: Browser, search_offline: str, start: str, query: str, first: str
) -> None:
    results = _search(browser, search_offline + start, query)
    assert results[0][0].split("?")[0] == search_offline + first


def test_worker_tokens_and_highlights_match_the_index(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content("<html><body></body></html>")
        page.add_script_tag(content=STEMMER.read_text(encoding="utf-8"))
        page.add_script_tag(content=WORKER.read_text(encoding="utf-8"))
        samples = [
            "Article 16. Extradition",
            "General Assembly resolution 55/25 and CTOC/COP/2020/1",
            "Protección de los Niños, anti-corruption, snake_case",
            "Mutual legal assistance: article 18, paragraph 2 (c)",
        ]
        assert page.evaluate("texts => texts.map(tokens)", samples) == [si.tokens(t) for t in samples]
        marked = page.evaluate(
            "() => highlight('<script>alert(1)</script> Extradition & more', ['extradit'], false)"
        )
        assert marked == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Extradition</mark> &amp; more"
    finally:
        page.close()


_ANSWERS = """async ({queries, worker}) => {
  const w = new Worker(worker);
  const next = () => new Promise(resolve => w.addEventListener("message", function once(ev) {
    w.removeEventListener("message", once); resolve(ev.data);
  }));
  let answer = next();
  w.postMessage({type: 0, data: {docs: [], options: {suggest: true}}});
  await answer;
  const out = [];
  for (const query of queries) {
    for (const limit of [50, 500]) {
      answer = next();
      w.postMessage({type: 2, data: {query, limit}});
      const result = (await answer).data;
      const items = result.items.map(g => g.map(i => [i.location, i.title, i.text]));
      out.push([result.total, result.suggest, items]);
    }
  }
  w.terminate();
  return out;
}"""


def test_the_worker_answers_alike_from_small_pieces_and_from_default_ones(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker asks for a word's postings shard from the manifest, beside its vocabulary shard,
    ranks in arrays and puts only the first results in order: over an index cut into many small
    pieces (many shards of each kind, terms whose completions span shards) it gives the same
    answers, word for word, as over the default pieces."""
    from test_search_index import real_graph

    graph = real_graph()
    sites = {}
    for name, sizes in (("default", None), ("small", (40, 1500, 3))):
        with monkeypatch.context() as m:
            if sizes:
                m.setattr(si, "VOCAB_SHARD_TERMS", sizes[0])
                m.setattr(si, "POSTINGS_SHARD_BYTES", sizes[1])
                m.setattr(si, "DOC_CHUNK", sizes[2])
            files = si.index_files(graph)
        site = tmp_path / name
        for path, data in files.items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(data)
        for path in (WORKER, STEMMER):
            target = site / path.relative_to(ROOT / "overrides")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        sites[name] = site
    assert sum(1 for p in (sites["small"] / si.INDEX_DIR).glob("p*.js")) > 20
    queries = [
        "extradition", "extrad", "ex", "mutual legal assistance", '"mutual legal assistance"',
        "trafficking in persons", "technical assistance", "COP 5/1", "A/RES/55/25", "55/25",
        "CTOC/COP/2010/17", "Italy", "zzzz", "the",
    ]
    answers = {}
    for name, site in sites.items():
        with serve(site) as base:
            page = browser.new_page()
            try:
                page.goto(base + si.INDEX_DIR + "/manifest.js")
                answers[name] = page.evaluate(
                    _ANSWERS, {"queries": queries, "worker": base + "assets/javascripts/atlas-search.js"}
                )
            finally:
                page.close()
    assert answers["small"] == answers["default"]
    assert all(items for _, _, items in answers["default"][:8])
