"""The site under a project sub-path, as GitHub Pages serves a fork: https://<owner>.github.io/<repo>/.

The real corpus is built with SITE_URL=http://127.0.0.1:<port>/atlas/ and served under /atlas/
only (everything else is 404, as on Pages). A crawler (urllib + BeautifulSoup, no browser)
fetches every page and checks that every internal link, script, stylesheet and image it names
answers 200 and every #anchor exists; then one resolution page loads in Chromium, search
included, with no failed request.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from browser_support import bound_server, build, search, serving, watch
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

# Every test here serves the site built under a sub-path.
pytestmark = pytest.mark.site

PREFIX = "/atlas/"


@dataclass(frozen=True)
class Served:
    base: str  # http://127.0.0.1:<port>/atlas/
    site: Path


@pytest.fixture(scope="module")
def subpath(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("subpath")
    site = root / "site"
    # The port must be known before the build: SITE_URL names it.
    with bound_server(site, PREFIX) as (server, base):
        build(site, root / "docs", site_url=base)
        with serving(server):
            yield Served(base, site)


@dataclass(frozen=True)
class Fetched:
    status: int
    content_type: str
    body: bytes


@cache
def fetch(url: str) -> Fetched:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return Fetched(response.status, response.headers.get_content_type(), response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, "", b"")


@cache
def _soup(url: str) -> BeautifulSoup:
    return BeautifulSoup(fetch(url).body.decode("utf-8"), "html.parser")


@cache
def _ids(url: str) -> frozenset[str]:
    return frozenset(str(t["id"]) for t in _soup(url).find_all(id=True))


def _references(soup: BeautifulSoup) -> Iterator[str]:
    for tag in soup.find_all(["a", "link"], href=True):
        yield str(tag["href"])
    for tag in soup.find_all(["script", "img", "iframe", "source"], src=True):
        yield str(tag["src"])


def _page_urls(served: Served) -> list[str]:
    """The address of every page of the build, as links name it (a folder for index.html)."""
    urls = []
    for path in sorted(served.site.rglob("*.html")):
        rel = path.relative_to(served.site).as_posix()
        urls.append(served.base + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel))
    return urls


def test_only_the_sub_path_is_served(subpath: Served) -> None:
    """The server is as strict as Pages: a link that escapes /atlas/ would fail here."""
    origin = subpath.base.removesuffix(PREFIX)
    assert fetch(subpath.base).status == 200
    assert fetch(origin + "/index.html").status == 404
    assert fetch(origin + "/assets/javascripts/atlas.js").status == 404


def test_every_internal_link_script_stylesheet_and_image_resolves(subpath: Served) -> None:
    pages = _page_urls(subpath)
    assert len(pages) > 100
    origin = urlsplit(subpath.base).netloc
    broken: list[str] = []
    checked = set()
    references = 0
    for page in pages:
        got = fetch(page)
        if got.status != 200:
            broken.append(f"{page}: {got.status}")
            continue
        for ref in _references(_soup(page)):
            parts = urlsplit(urljoin(page, ref))
            if parts.scheme in ("mailto", "tel") or parts.netloc != origin:
                continue  # another site: the official documents at undocs.org
            target = parts._replace(fragment="", query="").geturl()
            where = f"{page.removeprefix(subpath.base) or 'index'}: {ref}"
            if not target.startswith(subpath.base):
                broken.append(f"{where} (leaves {PREFIX})")
                continue
            checked.add(target)
            answer = fetch(target)
            if answer.status != 200:
                broken.append(f"{where} ({answer.status})")
            elif (
                parts.fragment
                and answer.content_type == "text/html"
                and unquote(parts.fragment) not in _ids(target)
            ):
                broken.append(f"{where} (no anchor #{parts.fragment})")
            references += 1
    # Every page, and the theme's scripts, stylesheets and images besides.
    assert len(checked) > len(pages) and references > 3000
    assert not broken, "\n".join(broken[:40])


def test_links_name_the_sub_path_where_they_must_be_absolute(subpath: Served) -> None:
    # The 404 page is served at any missing address, so its links are absolute: under /atlas/.
    soup = _soup(subpath.base + "404.html")
    absolute = [r for r in _references(soup) if r.startswith("/")]
    assert absolute and all(r.startswith(PREFIX) for r in absolute), absolute
    # The canonical address and the sitemap use SITE_URL.
    canonical = _soup(subpath.base + "resolutions/cop-res-5-1/").find("link", rel="canonical")
    assert canonical is not None and canonical["href"] == subpath.base + "resolutions/cop-res-5-1/"
    sitemap = fetch(subpath.base + "sitemap.xml").body.decode("utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) > 100 and all(loc.startswith(subpath.base) for loc in locations)
    assert fetch(locations[-1]).status == 200


@pytest.mark.browser
def test_a_resolution_page_loads_under_the_sub_path_without_a_failed_request(
    tab: Page, subpath: Served
) -> None:
    traffic = watch(tab)
    tab.goto(subpath.base + "resolutions/cop-res-5-1/#op-7")
    expect(tab.locator("h1#title")).to_contain_text("Ensuring effective implementation")
    links = search(tab, "extradition")  # loads the search worker and its index, relative to the base
    assert any("convention/article-16/" in link for link in links), links
    assert traffic.requests and not traffic.failed and not traffic.errors, traffic
    outside = [u for u in traffic.requests if not u.startswith(subpath.base)]
    assert not outside, outside
