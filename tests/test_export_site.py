"""The open data in the real site: every file is published by a real MkDocs build and packed into the
offline bundle, the pages link them, and the Cite control copies the right words online and from
``file://`` in Debian's Chromium.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import SiteUnderTest, watch
from bs4 import BeautifulSoup
from playwright.sync_api import Locator, Page, expect

from generator.export import TEXT_FORMATS, text_file
from generator.export.cite import citation
from generator.schema.load import load_corpus

ROOT = Path(__file__).resolve().parent.parent
COP = "Conference of the Parties to the United Nations Convention against Transnational Organized Crime"


def _corpus_ids() -> list[str]:
    corpus, report = load_corpus(ROOT / "corpus")
    assert report.ok
    return sorted(r.id for r in corpus.resolutions)


def _resolved(page: Path, href: str) -> Path:
    return (page.parent / unquote(urlsplit(href).path)).resolve()


def _page_file(site: Path, source: str, directory_urls: bool) -> Path:
    stem = source.removesuffix(".md")
    if stem.endswith("index"):
        return site / f"{stem}.html"
    return site / (f"{stem}/index.html" if directory_urls else f"{stem}.html")


@pytest.mark.site
@pytest.mark.parametrize("which", ["online_site", "offline_root"])
def test_every_download_is_published_and_linked(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    directory_urls = which == "online_site"
    for rid in _corpus_ids():
        page = _page_file(site, f"resolutions/{rid}.md", directory_urls)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = {a["data-format"]: str(a["href"]) for a in soup.select(".atlas-data__downloads a")}
        assert set(links) == {f.key for f in TEXT_FORMATS}, rid
        for key, href in links.items():
            target = _resolved(page, href)
            assert target == (site / text_file(rid, key)).resolve() and target.stat().st_size > 0, (rid, key)
    data_page = _page_file(site, "data/index.md", directory_urls)
    soup = BeautifulSoup(data_page.read_text(encoding="utf-8"), "html.parser")
    files = [str(a["href"]) for a in soup.select("table a[href]") if not urlsplit(str(a["href"])).scheme]
    targets = {_resolved(data_page, h) for h in files}
    published = {p.resolve() for p in (site / "data").rglob("*") if p.is_file() and p.suffix != ".html"}
    assert published <= targets, sorted(str(p) for p in published - targets)[:5]
    assert all(t.is_file() or (t / "index.html").is_file() for t in targets)
    # The Data page is in the navigation, seen from the home page.
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav = [_resolved(site / "index.html", str(a["href"])) for a in home.select("nav a[href]")]
    assert data_page.resolve() in nav or data_page.parent.resolve() in nav


# --- the Cite control in a browser -----------------------------------------------------------------------

# Remembers what the page puts on the clipboard, by either route (the clipboard API or the legacy
# copy command of file:// pages), and still lets the copy happen.
_RECORD = """
window.__copied = [];
if (navigator.clipboard && navigator.clipboard.writeText) {
  const write = navigator.clipboard.writeText.bind(navigator.clipboard);
  navigator.clipboard.writeText = (text) => { window.__copied.push(text); return write(text); };
}
const exec = document.execCommand.bind(document);
document.execCommand = (command, ...rest) => {
  if (command === "copy" && document.activeElement && "value" in document.activeElement) {
    window.__copied.push(document.activeElement.value);
  }
  return exec(command, ...rest);
};
"""


def _press(button: Locator) -> None:
    """Use a paragraph's button as a keyboard user does: focus shows the paragraph's tools, Enter."""
    button.focus()
    expect(button).to_be_visible()
    button.press("Enter")


@pytest.fixture(params=["online", "offline"])
def where(request: pytest.FixtureRequest) -> SiteUnderTest:
    site = request.getfixturevalue(request.param)
    assert isinstance(site, SiteUnderTest)
    return site


@pytest.mark.browser
@pytest.mark.site
def test_cite_copies_the_citation_and_permalink_of_a_paragraph(tab: Page, where: SiteUnderTest) -> None:
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.add_init_script(_RECORD)
    traffic = watch(tab)
    url = where.url("resolutions/cop-res-5-1.md")
    tab.goto(url)
    button = tab.locator('#op-7 button[data-atlas-cite="op-7"]')
    _press(button)
    expect(button).to_have_text("Copied")
    expected = f"{COP}, resolution 5/1, para. 7 (2010). Available at {url}#op-7"
    assert tab.evaluate("window.__copied") == [expected]
    expect(tab.locator(".atlas-data__status")).to_contain_text(expected)
    if where.directory_urls:
        # Online the real clipboard holds it too.
        assert tab.evaluate("navigator.clipboard.readText()") == expected
    # The second style, chosen once, is used by every Cite button and remembered on the next page.
    tab.locator('input[name="atlas-cite-style"][value="oscola"]').check()
    _press(tab.locator('#op-1-a button[data-atlas-cite="op-1-a"]'))
    oscola = tab.evaluate("window.__copied")[-1]
    assert oscola.startswith(COP + " Res 5/1") and oscola.endswith(f", para 1 (a) <{url}#op-1-a>"), oscola
    tab.locator(".atlas-data__copy").click()
    whole = tab.evaluate("window.__copied")[-1]
    assert whole.endswith(f" <{url}>") and ", para" not in whole
    tab.goto(where.url("resolutions/cop-10-draft-italy.md"))
    expect(tab.locator('input[name="atlas-cite-style"][value="oscola"]')).to_be_checked()
    assert not traffic.errors, traffic.errors
    if not where.directory_urls:
        assert not traffic.not_local(), traffic.not_local()


@pytest.mark.browser
@pytest.mark.site
def test_a_draft_is_cited_as_a_draft(tab: Page, online: SiteUnderTest) -> None:
    corpus, _ = load_corpus(ROOT / "corpus")
    draft = next(r for r in corpus.resolutions if r.id == "cop-10-draft-italy")
    tab.add_init_script(_RECORD)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    url = online.url("resolutions/cop-10-draft-italy.md")
    tab.goto(url)
    _press(tab.locator('#op-2 button[data-atlas-cite="op-2"]'))
    expected = citation(draft, corpus.bodies, "un", "para. 2")
    assert "draft resolution" in expected and "2020" in expected
    assert tab.evaluate("window.__copied") == [f"{expected}. Available at {url}#op-2"]


@pytest.mark.browser
@pytest.mark.site
def test_the_data_files_open_from_the_offline_bundle(tab: Page, offline: SiteUnderTest) -> None:
    tab.goto(offline.url("data/index.md"))
    link = tab.locator('a[href$="texts/cop-res-5-1.txt"]').first
    expect(link).to_be_visible()
    link.click()
    tab.wait_for_load_state()
    assert tab.url.endswith("data/texts/cop-res-5-1.txt")
    assert "Resolution 5/1" in tab.inner_text("body")


@pytest.mark.browser
@pytest.mark.site
def test_the_data_page_has_no_serious_accessibility_violations(tab: Page, online: SiteUnderTest) -> None:
    from axe_playwright_python.sync_playwright import Axe

    tab.goto(online.url("data/index.md"))
    results = Axe().run(tab)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["nodes"][0]["target"]) for v in serious]


@pytest.mark.browser
@pytest.mark.site
def test_the_compare_page_of_the_fixture_pair_in_a_real_site(
    tab: Page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A corpus of the hand-written pair (tests/fixtures/versions/) with the real bodies and
    # instruments, built by MkDocs in strict mode, served on loopback, walked from the draft.
    import shutil

    from browser_support import build, environ, serve

    root = tmp_path_factory.mktemp("versions")
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus" / "instruments", corpus / "instruments")
    shutil.copy(ROOT / "corpus" / "bodies.yaml", corpus / "bodies.yaml")
    (corpus / "resolutions").mkdir()
    for path in (ROOT / "tests" / "fixtures" / "versions" / "resolutions").glob("*.yaml"):
        # The schema modeline is relative to the file: point it at the repository's schema.
        text = path.read_text(encoding="utf-8").replace(
            "../../../../generator/schema/", str(ROOT / "generator" / "schema") + "/"
        )
        (corpus / "resolutions" / path.name).write_text(text, encoding="utf-8")
    with environ(ATLAS_CORPUS=str(corpus)):
        site = build(root / "site", root / "docs")
    traffic = watch(tab)
    with serve(site) as base:
        here = SiteUnderTest(base, directory_urls=True)
        tab.goto(here.url("resolutions/cop-30-draft-ruritania.md"))
        tab.locator("a.atlas-data__compare").click()
        tab.wait_for_url("**/compare/cop-30-draft-ruritania--cop-res-30-2/")
        rows = tab.locator("li.atlas-compare__row")
        expect(rows).to_have_count(8)
        changed = tab.locator('li.atlas-compare__row[data-status="changed"]')
        expect(changed.locator("ins").first).to_contain_text("concise")
        expect(changed.locator("del")).to_contain_text("next")
        renumbered = tab.locator("li.atlas-compare__row[data-renumbered]").first
        expect(renumbered).to_contain_text("operative paragraph 3")
        expect(renumbered).to_contain_text("operative paragraph 4")
        # And back: the resolution's page links the same compare page.
        tab.locator('a[href$="resolutions/cop-res-30-2/"]').first.click()
        expect(tab.locator("a.atlas-data__compare")).to_have_attribute(
            "href", "../../compare/cop-30-draft-ruritania--cop-res-30-2/"
        )
    assert not traffic.errors and not traffic.failed, (traffic.errors, traffic.failed)
