"""The offline bundle (``atlas bundle``): what is in the zip, that nothing in it reaches another
host, that every link and anchor in it resolves between files, that it is deterministic, and
what the command prints. The walk through it in a browser is in test_browser.py.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import ROOT
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from generator import bundle as bundle_module
from generator.bundle import (
    BUNDLE_NAME,
    ZIP_NAME,
    Bundle,
    measure_bundle,
    measure_first_page,
    remote_references,
    write_zip,
    zip_timestamp,
)
from generator.cli import main


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- the zip ------------------------------------------------------------------------------------------


@pytest.mark.site
def test_the_zip_holds_one_folder_with_the_whole_site(offline_bundle: Bundle) -> None:
    assert offline_bundle.path.name == ZIP_NAME == "resolutions-atlas-offline.zip"
    with zipfile.ZipFile(offline_bundle.path) as archive:
        names = archive.namelist()
        infos = archive.infolist()
    assert names == sorted(names), "entries are not in sorted order"
    assert all(n.startswith(f"{BUNDLE_NAME}/") for n in names)
    files = {n.removeprefix(f"{BUNDLE_NAME}/") for n in names}
    for needed in (
        "index.html",
        "resolutions/cop-res-5-1.html",
        "resolutions/index.html",
        "convention/article-16.html",
        "timeline.html",
        "search/search_index.js",  # the index Material's search reads from file://
        "assets/vendor/iframe-worker/shim.js",  # the worker shim it needs there
        "assets/javascripts/atlas.js",
    ):
        assert needed in files, needed
    # Nothing that means something only on a server, nor the theme's source maps.
    assert not {"404.html", "sitemap.xml", "sitemap.xml.gz"} & files
    assert not [f for f in files if f.endswith(".map")]
    assert offline_bundle.pages == sum(f.endswith(".html") for f in files) > 100
    assert offline_bundle.files == len(files)
    assert offline_bundle.size == offline_bundle.path.stat().st_size
    assert 200_000 < offline_bundle.size < 20_000_000
    # Fixed dates and permissions: the same corpus gives the same bytes.
    assert len({i.date_time for i in infos}) == 1
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


@pytest.mark.site
def test_pages_link_to_page_html_never_to_a_folder(offline_root: Path) -> None:
    # From file:// a link to a folder opens a directory listing, not its index.html.
    soup = _soup(offline_root / "resolutions" / "cop-res-5-1.html")
    hrefs = [str(a["href"]) for a in soup.select("article a[href]")]
    internal = [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]
    assert internal
    # Pages link to page.html; the text's downloads (data/texts/…) are files of their own.
    pages = [h for h in internal if not urlsplit(h).path.startswith("../data/texts/")]
    assert all(urlsplit(h).path.endswith(".html") for h in pages), pages
    assert len(internal) - len(pages) == 6


@pytest.mark.site
def test_nothing_in_the_bundle_loads_from_another_host(offline_root: Path) -> None:
    assert remote_references(offline_root) == []
    for page in sorted(offline_root.rglob("*.html")):
        assert "unpkg" not in page.read_text(encoding="utf-8"), page
        scripts = [str(s["src"]) for s in _soup(page).find_all("script", src=True)]
        # Material's offline plugin adds its CDN copy of the shim unless extra.polyfills names ours.
        assert any(s.endswith("assets/vendor/iframe-worker/shim.js") for s in scripts), page


@pytest.mark.site
def test_every_link_and_anchor_in_the_bundle_resolves(offline_root: Path) -> None:
    pages = sorted(offline_root.rglob("*.html"))
    ids = {p: {str(t["id"]) for t in _soup(p).find_all(id=True)} for p in pages}
    broken: list[str] = []
    checked = 0
    for path in pages:
        soup = _soup(path)
        refs = [str(t["href"]) for t in soup.find_all(["a", "link"], href=True)]
        refs += [str(t["src"]) for t in soup.find_all(["script", "img", "iframe", "source"], src=True)]
        for ref in refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            where = f"{path.relative_to(offline_root)}: {ref}"
            if parts.scheme or parts.path.startswith("/"):
                broken.append(f"{where} (does not work from file://)")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            checked += 1
            if not target.is_file():
                broken.append(f"{where} (no file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{where} (no anchor)")
    assert checked > 1000
    assert not broken, "\n".join(broken[:40])


def test_the_zip_is_deterministic(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (site / "b" / "page.html").write_text("<p>page</p>", encoding="utf-8")
    (site / "404.html").write_text("<p>gone</p>", encoding="utf-8")
    (site / "b" / "x.js.map").write_text("{}", encoding="utf-8")
    first = write_zip(site, tmp_path / "one.zip", epoch=1600000000)
    # Other modification times and permissions on disk change nothing.
    os.utime(site / "index.html", (1, 1))
    (site / "b" / "page.html").chmod(0o600)
    second = write_zip(site, tmp_path / "two.zip", epoch=1600000000)
    assert first == second == (2, 2)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == [f"{BUNDLE_NAME}/b/page.html", f"{BUNDLE_NAME}/index.html"]
        assert archive.infolist()[0].date_time == (2020, 9, 13, 12, 26, 40)


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [
        (None, (1980, 1, 1, 0, 0, 0)),
        (0, (1980, 1, 1, 0, 0, 0)),  # before zip's first date: clamped
        (1728604800, (2024, 10, 11, 0, 0, 0)),  # the corpus's newest date, as the plugin sets it
        (2**32, (2106, 2, 7, 6, 28, 16)),
        (10**10, (2107, 12, 31, 0, 0, 0)),  # after zip's last date: clamped
    ],
)
def test_zip_timestamp(epoch: int | None, expected: tuple[int, ...]) -> None:
    assert zip_timestamp(epoch) == expected


# --- the remote-load check, on small made-up pages ----------------------------------------------------


@pytest.mark.parametrize(
    ("html", "flagged"),
    [
        ('<script src="https://unpkg.com/iframe-worker/shim"></script>', 2),  # the load, and unpkg named
        ('<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">', 1),
        ('<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>', 1),
        ('<img srcset="a.png 1x, https://example.org/b.png 2x" src="a.png">', 1),
        ('<div style="background: url(https://example.org/x.png)"></div>', 1),
        ("<style>@import 'https://example.org/x.css';</style>", 1),
        ('<iframe src="http://example.org/"></iframe>', 1),
        # Links a reader follows are not loads; nor are local files.
        ('<a href="https://undocs.org/A/RES/55/25">A/RES/55/25</a>', 0),
        ('<link rel="canonical" href="https://example.org/page/">', 0),
        ('<script src="assets/x.js"></script><img src="data:image/png;base64,AAAA">', 0),
    ],
)
def test_remote_references_flags_every_kind_of_load(tmp_path: Path, html: str, flagged: int) -> None:
    page = f"<!doctype html><html><body>\n{html}\n</body></html>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    found = remote_references(tmp_path)
    assert len(found) == flagged, [d.format() for d in found]
    where = ("offline-remote-load", str(tmp_path / "index.html"), 2)
    assert {(d.code, d.path, d.line) for d in found} <= {where}


def test_remote_references_reads_stylesheets(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text(
        "body { color: red }\n@font-face { src: url('https://fonts.example/x.woff2') }\n", encoding="utf-8"
    )
    (tmp_path / "b.css").write_text(".x { background: url(../images/x.svg) }\n", encoding="utf-8")
    found = remote_references(tmp_path)
    assert [(d.path, d.line) for d in found] == [(str(tmp_path / "a.css"), 2)]


# --- the first page's load time ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.site
def test_the_first_page_load_time_is_measured_from_file(offline_bundle: Bundle, browser: Browser) -> None:
    load = measure_bundle(offline_bundle.path, browser=browser, runs=2)
    assert load.milliseconds is not None and 0 < load.milliseconds < 10_000, load
    assert "file://" in load.note and "Chromium" in load.note
    assert load.elsewhere == ()
    assert load.format().startswith(f"first-page load time: {load.milliseconds:.0f} ms")


def test_without_chromium_the_load_time_says_it_was_not_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle_module, "find_chromium", lambda: None)
    load = measure_first_page(tmp_path / "index.html")
    assert load.milliseconds is None
    assert load.format() == (
        "first-page load time: not measured: no Chromium found (apt-get install chromium; or ATLAS_CHROMIUM)"
    )


# --- the command ---------------------------------------------------------------------------------------


@pytest.mark.site
def test_atlas_bundle_prints_size_pages_and_load_time(
    offline_bundle: Bundle,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    status = main(["bundle", "--out", str(tmp_path / "dist"), "--work-dir", str(tmp_path), "--no-measure"])
    out, err = capsys.readouterr()
    assert status == 0, err
    made = tmp_path / "dist" / ZIP_NAME
    size = made.stat().st_size
    assert f"{made}: " in out and f"({size:,} bytes), {offline_bundle.pages} pages" in out
    assert "first-page load time: not measured (--no-measure)" in out
    assert f"open {BUNDLE_NAME}/index.html" in out
    assert "bundle:" not in err, "the progress bar must stay quiet when stderr is not a terminal"
    # A second full build of the same corpus gives the same bytes.
    assert made.read_bytes() == offline_bundle.path.read_bytes()


@pytest.mark.site
def test_a_broken_corpus_gives_a_diagnostic_and_no_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    path = corpus / "resolutions" / "cop-res-5-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("body: cop", "body: copp", 1), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("ATLAS_CORPUS", str(corpus))
    status = main(["bundle", "--out", str(tmp_path / "dist"), "--work-dir", str(tmp_path), "--no-measure"])
    _, err = capsys.readouterr()
    assert status == 1
    assert "[offline-build-failed]" in err
    assert not (tmp_path / "dist").exists()


@pytest.mark.site
def test_the_zip_opens_as_a_folder_with_index_html(offline_bundle: Bundle) -> None:
    data = io.BytesIO(offline_bundle.path.read_bytes())
    with zipfile.ZipFile(data) as archive:
        assert archive.testzip() is None
        index = archive.read(f"{BUNDLE_NAME}/index.html").decode("utf-8")
    assert "<title>Home - Resolutions Atlas</title>" in index
    assert 'href="resolutions/index.html"' in index
