"""The site and its engines: Material's internals it leans on, and the build with Zensical.

``overrides/partials/search.html`` is a copy of Material's partial with one change, and
``overrides/main.html`` rewrites ``__config.search`` (the search worker's address) in Material's
``config`` block. An upgrade of Material that changes either would break search silently; the
first tests fail first, and say what to do.

The rest is ``atlas build --engine zensical`` (generator/zensical_adapter.py): the adapter's parts,
then the real site built by the real Zensical, checked by the crawler the MkDocs site's test uses
(tests/site_checks.py), and its search box driven in Chromium.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import material
import pytest
import test_subpath
from axe_playwright_python.sync_playwright import Axe
from browser_support import DESKTOP, PHONE, bound_server, serve, serving, watch
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page
from site_checks import broken_references
from test_subpath import PREFIX, Served
from test_subpath import test_every_internal_link_script_stylesheet_and_image_resolves as crawl_over_http
from test_subpath import test_links_name_the_sub_path_where_they_must_be_absolute as absolute_links_under

from generator import cli
from generator import zensical_adapter as zensical
from generator.linkcheck import page_file

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).resolve().parent / "templates"
OURS = ROOT / "overrides" / "partials" / "search.html"

# The one change the atlas makes to Material's search partial: the dialog gets an accessible name.
DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = (
    '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'
)


def _after_header(template: str) -> str:
    """The template without its leading ``{#- … -#}`` comment (Material's "generated" note, ours)."""
    assert template.lstrip().startswith("{#-"), "the partial no longer opens with its header comment"
    return template.split("-#}", 1)[1]


def test_the_search_partial_is_materials_with_one_change() -> None:
    upstream = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    ours = OURS.read_text(encoding="utf-8")
    version = metadata.version("mkdocs-material")
    assert DIALOG in upstream, f"Material {version}'s search dialog is no longer {DIALOG!r}"
    expected = _after_header(upstream).replace(DIALOG, NAMED_DIALOG, 1)
    assert _after_header(ours) == expected, (
        f"Material {version} changed partials/search.html: copy {MATERIAL / 'partials' / 'search.html'} "
        f"over {OURS.relative_to(ROOT)}, add the dialog's aria-label again, and run the browser tests"
    )
    assert f"Material for MkDocs {version}'s partials/search.html" in ours, (
        f"the header of {OURS.relative_to(ROOT)} must name the Material version it copies ({version})"
    )


def test_materials_config_block_still_names_the_search_worker() -> None:
    """overrides/main.html extends ``{% block config %}`` and replaces ``search`` in ``__config``."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    block = re.search(r"{% block config %}(.*?){% endblock %}", base, re.S)
    assert block is not None, "Material's base.html has no config block any more"
    assert '<script id="__config" type="application/json">' in block[1]
    assert re.search(r'"search": "assets/javascripts/workers/search\.[0-9a-f]+\.min\.js" \| url', block[1]), (
        "Material's __config no longer names its search worker under 'search': see overrides/main.html"
    )
    ours = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "{% block config %}" in ours and "config.search = " in ours


# --- the Zensical build (`atlas build --engine zensical`) ---------------------------------------------
#
# Unit tests of the adapter first (no engine needed), then the real site built by the real Zensical
# from its own environment (build/engines/zensical/.venv, which `python3 tasks.py test` installs from
# engines/zensical/requirements.lock), read by the same crawler as the MkDocs site, and its search
# box driven in Chromium.

ZENSICAL_FILES = ROOT / "engines" / "zensical"


def _zensical_rewrite(html: str, page: str) -> str:
    """What Zensical 0.0.73 does to a page's raw HTML, as observed on a page of its own (see
    test_zensical_rewrites_links_as_the_adapter_expects): one ``../`` before each relative href
    and src of a page that is not an index, outside the elements parsed as text."""
    if posixpath.basename(page) == "index.md":
        return html
    parts = re.split(r"(<noscript\b.*?</noscript>)", html, flags=re.S)
    prefix = re.compile(r'(\s(?:href|src)=")(?![a-z][a-z0-9+.-]*:|/|#|\?|")')
    return "".join(p if i % 2 else prefix.sub(r"\1../", p) for i, p in enumerate(parts))


@pytest.mark.parametrize(
    "href",
    [
        "../../convention/article-16/",
        "../../convention/article-16/#para-1",
        "../../data/texts/cop-res-5-1.json",
        "../",
        "../../",
        "./",
        "../../search/?q=extradition#top",
        "#op-2",
        "?q=1",
        "https://undocs.org/A/RES/55/25",
        "mailto:someone@example.org",
        "/absolute/",
    ],
)
def test_rebased_links_come_back_as_the_generator_wrote_them(href: str) -> None:
    page = "resolutions/cop-res-5-1.md"
    html = f'<div class="atlas"><a href="{href}">x</a><img src="{href}"></div>'
    rebased = zensical.rebase_links(html, page, directory_urls=True)
    back = _zensical_rewrite(rebased, page)
    out_dir = "resolutions/cop-res-5-1/"
    for original, final in zip(re.findall(r'(?:href|src)="([^"]*)"', html),
                               re.findall(r'(?:href|src)="([^"]*)"', back), strict=True):
        if original.startswith(("../", "./")):
            assert posixpath.normpath(posixpath.join(out_dir, final)) == posixpath.normpath(
                posixpath.join(out_dir, original)
            ), (original, rebased, final)
        else:
            assert final == original


def test_rebasing_leaves_index_pages_html_urls_and_noscript_alone() -> None:
    html = '<a href="../x/">a</a><noscript><a href="../resolutions/">all</a></noscript>'
    assert zensical.rebase_links(html, "bodies/index.md", directory_urls=True) == html
    assert zensical.rebase_links(html, "bodies/cop.md", directory_urls=False) == html
    rebased = zensical.rebase_links(html, "bodies/cop.md", directory_urls=True)
    assert rebased == '<a href="x/">a</a><noscript><a href="../resolutions/">all</a></noscript>'


def test_mkdocs_yml_is_read_with_its_env_tags_from_the_environment_handed_over(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV [SITE_URL, '']\n"
        "flag: !ENV [ATLAS_OFFLINE, false]\n"
        "count: !ENV ATLAS_WORKERS\n"
        "first: !ENV [NOT_SET, ALSO_SET, fallback]\n"
        "plugins:\n  - atlas:\n      corpus: !ENV [ATLAS_CORPUS, corpus]\n  - search\n",
        encoding="utf-8",
    )
    read = zensical.read_config(config, {"ATLAS_OFFLINE": "true", "ATLAS_WORKERS": "3", "ALSO_SET": "x"})
    assert read["site_url"] == "" and read["flag"] is True and read["count"] == 3 and read["first"] == "x"
    settings = zensical.settings_from(read, tmp_path)
    assert settings.corpus == (tmp_path / "corpus").resolve() and settings.site_url is None
    assert zensical.read_config(config, {})["count"] is None


def test_the_engine_configuration_is_mkdocs_yml_without_the_atlas_plugin(tmp_path: Path) -> None:
    config = zensical.read_config(ROOT / "mkdocs.yml", {})
    work = tmp_path / "work"
    folders = {"docs": work / "docs", "site": work / "site", "theme": work / "theme"}
    out = zensical.engine_config(config, work=work, **folders)
    assert (out["docs_dir"], out["site_dir"], out["theme"]["custom_dir"]) == ("docs", "site", "theme")
    names = [p if isinstance(p, str) else next(iter(p)) for p in out["plugins"]]
    assert "atlas" not in names and "search" in names
    assert out["nav"] == config["nav"] and out["theme"]["name"] == "material"
    assert out["extra_javascript"][-1] == "assets/javascripts/atlas-search-box.js"


def test_a_missing_engine_is_a_diagnostic_with_the_command_that_installs_it(tmp_path: Path) -> None:
    outcome = zensical.build_site(ROOT / "mkdocs.yml", environ={}, python=tmp_path / "no" / "python")
    assert outcome.status == 1
    (problem,) = outcome.report
    assert problem.code == "no-zensical" and "python3 tasks.py zensical" in (problem.hint or "")


@pytest.mark.parametrize(
    "where",
    [".", "..", "build/engines/zensical/site", "README.md", "corpus", "corpus/resolutions", "pages",
     "overrides", "engines", ".git", "generator"],
)
def test_a_site_dir_that_emptying_would_harm_is_refused_first(tmp_path: Path, where: str) -> None:
    python = tmp_path / "python"
    python.write_text("")  # never run: the refusal comes first
    outcome = zensical.build_site(ROOT / "mkdocs.yml", environ={}, python=python, site_dir=ROOT / where)
    assert outcome.status == 1
    (problem,) = outcome.report
    assert problem.code == "site-dir" and problem.hint
    assert (ROOT / "README.md").is_file()


def test_a_site_dir_outside_the_project_that_holds_files_is_refused(tmp_path: Path) -> None:
    python = tmp_path / "python"
    python.write_text("")
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("keep me")
    outcome = zensical.build_site(ROOT / "mkdocs.yml", environ={}, python=python, site_dir=documents)
    (problem,) = outcome.report
    assert outcome.status == 1 and problem.code == "site-dir" and "no built site" in problem.message
    assert (documents / "letter.txt").read_text() == "keep me"


def test_a_theme_outside_the_project_is_refused(tmp_path: Path) -> None:
    python = tmp_path / "python"
    python.write_text("")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme:\n  name: material\n  custom_dir: /\nextra: []\n")
    outcome = zensical.build_site(config, environ={}, python=python)
    (problem,) = outcome.report
    assert outcome.status == 1 and problem.code == "no-theme"


def test_an_extra_that_is_no_mapping_is_a_diagnostic(tmp_path: Path) -> None:
    python = tmp_path / "python"
    python.write_text("")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "engines" / "zensical" / "overrides").mkdir(parents=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\nextra: [1]\n")
    outcome = zensical.build_site(config, environ={}, python=python)
    (problem,) = outcome.report
    assert outcome.status == 1 and problem.code == "bad-config" and "extra" in problem.message


def test_the_offline_bundle_is_refused_under_zensical(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", "--engine", "zensical", "--offline"]) == 2
    assert "--offline is MkDocs-only" in capsys.readouterr().err


def test_the_zensical_lock_pins_the_requirement_with_hashes() -> None:
    (pin,) = [
        line for line in (ZENSICAL_FILES / "requirements.in").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    lock = (ZENSICAL_FILES / "requirements.lock").read_text()
    assert re.search(rf"^{re.escape(pin)} \\\n\s+--hash=sha256:[0-9a-f]{{64}}", lock, re.M), pin
    for block in re.split(r"\n(?=[a-z])", lock.split("\n\n", 1)[-1]):
        if "==" in block:
            assert "--hash=sha256:" in block, f"{block.splitlines()[0]} has no hash"


@pytest.fixture(scope="module")
def zensical_python() -> Path:
    python = zensical.engine_python(ROOT)
    if not python.is_file():
        where = python.relative_to(ROOT)
        message = f"Zensical is not installed at {where}: run `python3 tasks.py zensical`"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " — CI=true, and `python3 tasks.py test` installs it, so it must be there")
        pytest.skip(message)
    return python


def _clean_environ() -> dict[str, str]:
    """The environment without the settings mkdocs.yml reads (a developer's ATLAS_* stay out)."""
    names = ("SITE_URL", "SOURCE_DATE_EPOCH", "ATLAS_SOURCE_URL")
    return {k: v for k, v in os.environ.items() if not k.startswith("ATLAS_") and k not in names}


@dataclass(frozen=True)
class ZensicalSite:
    site: Path
    work: Path
    outcome: zensical.Outcome


@pytest.fixture(scope="module")
def zensical_site(zensical_python: Path, tmp_path_factory: pytest.TempPathFactory) -> ZensicalSite:
    root = tmp_path_factory.mktemp("zensical")
    outcome = zensical.build_site(
        ROOT / "mkdocs.yml",
        environ=_clean_environ(),
        strict=True,
        site_dir=root / "site",
        python=zensical_python,
        work_dir=root / "work",
    )
    assert outcome.status == 0, outcome.report.format()
    return ZensicalSite(root / "site", root / "work", outcome)


@pytest.mark.site
def test_zensical_rewrites_links_as_the_adapter_expects(zensical_python: Path, tmp_path: Path) -> None:
    """The behaviour rebase_links undoes, on a page of its own: if a Zensical upgrade changes it,
    this fails before the crawler below does."""
    docs = tmp_path / "docs" / "a"
    docs.mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "x.md").write_text("# X\n", encoding="utf-8")
    html = ('<div class="atlas"><a id="up" href="../x/">x</a><a id="here" href="#up">h</a>'
            '<noscript><a id="ns" href="../x/">x</a></noscript></div>')
    (docs / "b.md").write_text(html + "\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n", encoding="utf-8")
    ran = subprocess.run(
        [str(zensical_python), "-m", "zensical", "build", "--clean"], cwd=tmp_path,
        capture_output=True, text=True, env=_clean_environ(),
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    built = BeautifulSoup((tmp_path / "site" / "a" / "b" / "index.html").read_text(), "html.parser")
    hrefs = {a["id"]: a["href"] for a in built.select("div.atlas a[id]")}
    assert hrefs["up"] == "../../x/" and hrefs["here"] == "#up"
    assert "../x/" in str(built.select_one("noscript"))
    assert _zensical_rewrite(html, "a/b.md").count("../../x/") == 1


@pytest.mark.site
def test_zensical_builds_every_generated_page_and_no_other(zensical_site: ZensicalSite) -> None:
    docs = zensical_site.work / "docs"
    generated = {page_file(p.relative_to(docs).as_posix(), True) for p in docs.rglob("*.md")}
    built = {p.relative_to(zensical_site.site).as_posix() for p in zensical_site.site.rglob("*.html")}
    assert len(generated) > 100
    assert built == generated | {"404.html"}
    assert not list(zensical_site.outcome.report), "the build's own link check found problems"


def _generated_content(path: Path) -> str | None:
    """A page's generated block, with the two spellings in which Zensical's output differs: it
    writes ``../`` as ``.././`` (the rebased ``./`` with its ``../`` before it) and drops the
    ``data-search-exclude`` attribute, a directive of the search plugins; 404's ``/.`` is ``/``."""
    block = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("div.atlas")
    if block is None:
        return None
    text = str(block).replace(' data-search-exclude=""', "")
    return text.replace('href=".././', 'href="../').replace('href="/."', 'href="/"')


@pytest.mark.site
def test_zensical_pages_hold_what_mkdocs_pages_hold(zensical_site: ZensicalSite, online_site: Path) -> None:
    """Page for page, the generated content of the MkDocs site (browser_support's build)."""
    mkdocs_pages = sorted(p.relative_to(online_site) for p in online_site.rglob("*.html"))
    zensical_pages = sorted(p.relative_to(zensical_site.site) for p in zensical_site.site.rglob("*.html"))
    assert mkdocs_pages == zensical_pages
    differ = [
        str(rel) for rel in mkdocs_pages
        if _generated_content(online_site / rel) != _generated_content(zensical_site.site / rel)
    ]
    assert not differ, f"{len(differ)} pages differ, e.g. {differ[:5]}"


@pytest.mark.site
def test_two_zensical_builds_are_byte_identical(zensical_site: ZensicalSite, zensical_python: Path,
                                                tmp_path: Path) -> None:
    again = zensical.build_site(
        ROOT / "mkdocs.yml", environ=_clean_environ(), strict=True, site_dir=tmp_path / "site",
        python=zensical_python, work_dir=tmp_path / "work",
    )
    assert again.status == 0, again.report.format()

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    first, second = files(zensical_site.site), files(tmp_path / "site")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.site
def test_every_internal_link_and_anchor_of_the_zensical_site_resolves(zensical_site: ZensicalSite) -> None:
    broken = broken_references(zensical_site.site)
    assert not broken, "\n".join(broken[:40])


@pytest.mark.site
def test_zensical_pages_carry_the_atlas_search_box_not_zensicals_dialog(zensical_site: ZensicalSite) -> None:
    built = zensical_site.site / "resolutions" / "cop-res-5-1" / "index.html"
    soup = BeautifulSoup(built.read_text(), "html.parser")
    form = soup.select_one("form[data-atlas-search-box]")
    assert form is not None and form["action"] == "../../search/"
    assert soup.select_one('[data-md-component="search"]') is None
    # Zensical's __config names a worker; overrides/main.html points it at the atlas' own.
    assert "search" in json.loads(soup.select_one("#__config").get_text())
    rewrite = [s.get_text() for s in soup.find_all("script") if "config.search = " in s.get_text()]
    assert len(rewrite) == 1 and "assets/javascripts/atlas-search.js" in rewrite[0]
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert "../../assets/javascripts/atlas-search-box.js" in scripts
    # The paragraphs keep their permalinks.
    assert soup.select_one('[id="op-1"] a.atlas-permalink[href="#op-1"]') is not None


@pytest.fixture(scope="module")
def zensical_subpath(zensical_python: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The Zensical site built for and served under /atlas/, as GitHub Pages serves a fork."""
    root = tmp_path_factory.mktemp("zensical-subpath")
    site = root / "site"
    with bound_server(site, PREFIX) as (server, base):
        outcome = zensical.build_site(
            ROOT / "mkdocs.yml",
            environ={**_clean_environ(), "SITE_URL": base},
            strict=True,
            site_dir=site,
            python=zensical_python,
            work_dir=root / "work",
        )
        assert outcome.status == 0, outcome.report.format()
        # The crawler caches pages by URL; a port of an earlier server may have come round again.
        for cached in (test_subpath.fetch, test_subpath._soup, test_subpath._ids):
            cached.cache_clear()
        with serving(server):
            yield Served(base, site)


@pytest.mark.site
def test_the_zensical_site_resolves_under_a_sub_path(zensical_subpath: Served) -> None:
    """The HTTP crawler of tests/test_subpath.py, over the Zensical build."""
    crawl_over_http(zensical_subpath)
    absolute_links_under(zensical_subpath)


@pytest.fixture(scope="module")
def zensical_served(zensical_site: ZensicalSite) -> Iterator[str]:
    with serve(zensical_site.site) as base:
        yield base


def _search_in_box(page: Page, query: str) -> Locator:
    """Type ``query`` into the Zensical build's header box; its results, once they answer all of it."""
    box = page.locator(".atlas-box__input")
    if not box.is_visible():  # phone width: the box opens from the header's search button
        page.locator('label.md-header__button[for="__search"]').click()
        box.wait_for(state="visible")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "q => document.querySelector('.atlas-box__output').dataset.answered === q", arg=query, timeout=15_000
    )
    return page.locator(".atlas-box__item")


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize(
    ("start", "query", "first", "label"),
    [
        ("", "extradition", "resolutions/cop-10-draft-italy/", "COP draft resolution, 10th session (Italy)"),
        ("resolutions/cop-res-5-1/", "extradite", "resolutions/cop-10-draft-italy/", "op. 2"),
        ("convention/", "A/RES/55/25", "cited/ga-res-55-25/", "General Assembly resolution 55/25"),
    ],
)
def test_a_query_typed_in_the_zensical_header_shows_the_right_text_first(
    browser: Browser, zensical_served: str, start: str, query: str, first: str, label: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    traffic = watch(page)
    try:
        page.goto(zensical_served + start)
        items = _search_in_box(page, query)
        link = str(items.first.locator("a").first.get_attribute("href"))
        # The query rides along as ?h=… (search.highlight), as Material's results carry it.
        assert link == zensical_served + first + "?" + urlencode({"h": query})
        assert label in items.first.inner_text()
        if query.isalpha():
            assert items.first.locator("mark").first.inner_text().lower().startswith("extradit")
        # Enter opens the search page, which lists every result with its filters.
        page.locator(".atlas-box__input").press("Enter")
        page.wait_for_url("**/search/?q=*")
        results = page.locator(".atlas-result")
        results.first.wait_for(timeout=15_000)
        assert results.first.locator("a").first.get_attribute("href") == zensical_served + first
        assert not traffic.errors and not traffic.failed, traffic
        assert all(u.startswith(zensical_served) for u in traffic.not_local()), "a request left the site"
    finally:
        context.close()


@pytest.mark.site
@pytest.mark.browser
def test_the_zensical_search_box_opens_from_the_header_button_at_phone_width(
    browser: Browser, zensical_served: str
) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(zensical_served + "resolutions/cop-res-5-1/")
        box = page.locator(".atlas-box__input")
        assert not box.is_visible(), "at phone width the box waits for the header's search button"
        first = _search_in_box(page, "55/25").first
        href = str(first.locator("a").first.get_attribute("href"))
        assert href.split("?")[0] == zensical_served + "cited/ga-res-55-25/"
        assert first.is_visible() and first.bounding_box()["width"] <= PHONE["width"]  # type: ignore[index]
    finally:
        context.close()


def _serious(axe: Axe, page: Page) -> list[str]:
    violations = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_zensical_pages_and_the_open_search_box_pass_axe(
    browser: Browser, zensical_served: str, width: Any
) -> None:
    """axe-core finds nothing serious or critical on Zensical's pages, the results box open too."""
    context = browser.new_context(viewport=width)
    page = context.new_page()
    axe = Axe()
    try:
        found = {}
        for where in ("", "resolutions/cop-res-5-1/", "search/?q=extradition"):
            page.goto(zensical_served + where)
            found[where or "home"] = _serious(axe, page)
        page.goto(zensical_served)
        _search_in_box(page, "extradition").first.wait_for()
        found["the open search box"] = _serious(axe, page)
        assert not any(found.values()), found
    finally:
        context.close()


@pytest.mark.site
@pytest.mark.browser
def test_a_result_opens_its_paragraph_with_the_words_marked(browser: Browser, zensical_served: str) -> None:
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(zensical_served)
        _search_in_box(page, "extradition")
        passage = page.locator('.atlas-box__passage[href*="cop-10-draft-italy/"][href$="#op-2"]')
        passage.first.click()
        page.wait_for_url("**/resolutions/cop-10-draft-italy/?h=extradition#op-2")
        marked = page.locator("#op-2 mark[data-md-highlight]")
        marked.first.wait_for(timeout=10_000)
        assert marked.first.inner_text().lower() == "extradition"
    finally:
        context.close()
