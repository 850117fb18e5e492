"""The offline bundle: the whole site as one zip that works from ``file://``, with no other host.

``make_bundle`` builds the site a second time with offline settings (Material's ``offline``
plugin turned on: ``page.html`` URLs, the search index inlined as a script,
Material's iframe-worker shim served from the site itself), checks that no page loads a script,
stylesheet or image from another host, packs it as ``dist/resolutions-atlas-offline.zip`` and
measures how long its first page takes to load in headless Chromium.

The zip is deterministic: entries sorted, every timestamp the corpus date (the build's date, which
the MkDocs plugin pins), fixed permissions; the same corpus gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import statistics
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.diagnostics import Diagnostic, Report

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BUNDLE_NAME = "resolutions-atlas"
ZIP_NAME = f"{BUNDLE_NAME}-offline.zip"
# The stages `make_bundle` reports to its progress callback, in order.
STAGES = ("build", "check", "zip", "measure")

# Files of the built site that mean nothing from file://: the 404 page (no server serves it; its
# links are root-absolute), the sitemap (for crawlers of a hosted site) and source maps (for
# developers of the theme; 1.3 MB).
EXCLUDED_NAMES = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
EXCLUDED_SUFFIXES = (".map",)

# Debian's Chromium, headless, quiet: no first-run pages, no background requests, no update check.
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@dataclass(frozen=True)
class LoadTime:
    """The first page's load time in milliseconds, or None with ``note`` saying why not."""

    milliseconds: float | None
    note: str
    # Requests the page made to anything but file: (must stay empty).
    elsewhere: tuple[str, ...] = ()

    def format(self) -> str:
        if self.milliseconds is None:
            return f"first-page load time: {self.note}"
        return f"first-page load time: {self.milliseconds:.0f} ms ({self.note})"


@dataclass(frozen=True)
class Bundle:
    """What ``make_bundle`` produced."""

    path: Path
    size: int  # bytes of the zip
    pages: int  # HTML pages in it
    files: int  # every file in it
    load: LoadTime

    def summary(self) -> str:
        return "\n".join(
            (
                f"{self.path}: {_human(self.size)} ({self.size:,} bytes), "
                f"{self.pages} pages, {self.files} files",
                self.load.format(),
                f"to read it: unzip it anywhere and open {BUNDLE_NAME}/index.html",
            )
        )


def make_bundle(
    config_file: Path,
    out_dir: Path,
    *,
    work_dir: Path | None = None,
    measure: bool = True,
    browser: Browser | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[Bundle | None, Report]:
    """Build the offline site, check it, zip it into ``out_dir`` and time its first page.

    ``work_dir`` receives the offline build (default: ``build/`` next to ``config_file``), kept
    apart from the hosted site's ``build/docs`` and ``site/``. ``progress`` is called with each
    name of ``STAGES`` as it starts. Returns the bundle, or None and the report saying why not.
    """
    step = progress or (lambda stage: None)
    work = work_dir if work_dir is not None else config_file.parent / "build"
    site_dir, docs_dir = work / "offline-site", work / "offline-docs"
    report = Report()
    step("build")
    status, epoch = build_offline_site(config_file, site_dir, docs_dir)
    if status != 0:
        report.add(
            Diagnostic(
                str(config_file),
                None,
                None,
                "offline-build-failed",
                "the offline build of the site failed; the messages above say why",
                "`atlas build --strict` shows the same problems for the hosted site",
            )
        )
        return None, report
    step("check")
    report.extend(remote_references(site_dir))
    report.extend(_missing_offline_search(site_dir))
    if not report.ok:
        return None, report
    step("zip")
    zip_path = out_dir / ZIP_NAME
    pages, files = write_zip(site_dir, zip_path, epoch=epoch)
    step("measure")
    if measure:
        load = measure_bundle(zip_path, browser=browser)
    else:
        load = LoadTime(None, "not measured (--no-measure)")
    for url in load.elsewhere:
        report.add(
            Diagnostic(
                str(zip_path),
                None,
                None,
                "offline-remote-request",
                f"opened from file://, the first page requested {url}",
                "serve a copy from overrides/assets/ and link to it",
            )
        )
    return Bundle(zip_path, zip_path.stat().st_size, pages, files, load), report


# --- the offline build --------------------------------------------------------------------------------


def build_offline_site(config_file: Path, site_dir: Path, docs_dir: Path) -> tuple[int, int | None]:
    """``atlas build --strict --offline`` into ``site_dir``: its exit status, and the build's date."""
    from generator.mkdocs_adapter import run_build

    with _mkdocs_warnings_only():
        status, session = run_build(
            config_file,
            strict=True,
            site_dir=site_dir,
            docs_dir=docs_dir,
            use_directory_urls=False,
            offline=True,
            configure_logging=False,
        )
    return status, session.epoch if session is not None else None


@contextmanager
def _mkdocs_warnings_only() -> Iterator[None]:
    """MkDocs' warnings and errors on stderr, without its progress chatter (the bar says that)."""
    logger = logging.getLogger("mkdocs")
    if logger.handlers:  # someone (a test, `atlas build` earlier) already decided how to log
        yield
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


# --- checks -------------------------------------------------------------------------------------------

_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
# <link rel=…> values that make the browser fetch something.
_FETCHING_RELS = frozenset(
    {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon", "manifest"}
)
_SRC_TAGS = frozenset({"script", "img", "iframe", "source", "audio", "video", "embed", "track", "input"})


class _Loads(HTMLParser):
    """Collects what a page makes the browser load: (line, column, what, url)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[int, int, str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        line, column = self.getpos()
        if tag == "link" and _FETCHING_RELS & set(a.get("rel", "").lower().split()):
            self.loads.append((line, column + 1, f"<link rel={a.get('rel')}>", a.get("href", "")))
        if tag in _SRC_TAGS and "src" in a:
            self.loads.append((line, column + 1, f"<{tag} src>", a["src"]))
        for candidate in a.get("srcset", "").split(","):
            if candidate.strip():
                self.loads.append((line, column + 1, f"<{tag} srcset>", candidate.split()[0]))
        if tag == "object" and "data" in a:
            self.loads.append((line, column + 1, "<object data>", a["data"]))
        for url in _css_urls(a.get("style", "")):
            self.loads.append((line, column + 1, "style attribute", url))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            line, column = self.getpos()
            self.loads.extend((line, column + 1, "<style>", url) for url in _css_urls(data))


def _css_urls(css: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in _CSS_URL.finditer(css)]


def remote_references(site_dir: Path) -> list[Diagnostic]:
    """Every script, stylesheet, font, image or frame a page or stylesheet would load from a host.

    Also any mention of unpkg.com in a page: Material's offline plugin adds its CDN copy of the
    iframe-worker shim unless ``extra.polyfills`` names one (mkdocs.yml serves ours).
    """
    problems: list[Diagnostic] = []
    for path in _bundle_files(site_dir):
        rel = str(path)  # as the user can open it: build/offline-site/…
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            parser = _Loads()
            parser.feed(text)
            for line, column, what, url in parser.loads:
                if _REMOTE.match(url) or urlsplit(url.strip()).scheme in ("http", "https"):
                    problems.append(_remote(rel, line, column, f"{what} loads {url}"))
            for number, line_text in enumerate(text.splitlines(), start=1):
                if "unpkg.com" in line_text:
                    column = line_text.index("unpkg.com") + 1
                    problems.append(_remote(rel, number, column, "the page names unpkg.com"))
        elif path.suffix == ".css":
            for number, line_text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                for url in _css_urls(line_text):
                    if _REMOTE.match(url):
                        problems.append(_remote(rel, number, None, f"the stylesheet loads {url}"))
    return problems


def _remote(path: str, line: int | None, column: int | None, message: str) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        column,
        "offline-remote-load",
        f"{message}: the offline bundle must not load anything from another host",
        "serve a copy from overrides/assets/ (as assets/vendor/iframe-worker/shim.js is) and link to it",
    )


def _missing_offline_search(site_dir: Path) -> list[Diagnostic]:
    # Material's search reads search/search_index.js from file:// (fetch() of the JSON is refused
    # there); the offline plugin writes it only when it is enabled.
    if (site_dir / "search" / "search_index.js").is_file() or not (site_dir / "search").is_dir():
        return []
    return [
        Diagnostic(
            str(site_dir / "search"),
            None,
            None,
            "offline-search-missing",
            "the offline build has no search/search_index.js, so search would not work from file://",
            "check that mkdocs.yml lists Material's offline plugin under plugins",
        )
    ]


# --- the zip ------------------------------------------------------------------------------------------


def _bundle_files(site_dir: Path) -> list[Path]:
    """The files that go into the bundle, in the zip's (sorted) order."""
    return sorted(
        (
            p
            for p in site_dir.rglob("*")
            if p.is_file()
            and not (p.parent == site_dir and p.name in EXCLUDED_NAMES)
            and not p.name.endswith(EXCLUDED_SUFFIXES)
        ),
        key=lambda p: p.relative_to(site_dir).as_posix(),
    )


def zip_timestamp(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    """The date every entry carries: the build's date (seconds since 1970), else 1980-01-01."""
    # Zip dates run from 1980 to 2107.
    first, last = dt.datetime(1980, 1, 1, tzinfo=dt.UTC), dt.datetime(2107, 12, 31, tzinfo=dt.UTC)
    moment = first
    if epoch is not None:
        moment = min(max(dt.datetime.fromtimestamp(epoch, dt.UTC), first), last)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def write_zip(
    site_dir: Path, zip_path: Path, *, epoch: int | None = None, root: str = BUNDLE_NAME
) -> tuple[int, int]:
    """Zip ``site_dir`` under the folder ``root/``, every entry dated ``epoch``; returns (pages, files).

    Same input, same bytes."""
    files = _bundle_files(site_dir)
    stamp = zip_timestamp(epoch)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed: an interrupted run never leaves half a zip under the real name.
    with tempfile.NamedTemporaryFile(dir=zip_path.parent, prefix=f".{zip_path.name}.", delete=False) as tmp:
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
                for path in files:
                    info = zipfile.ZipInfo(f"{root}/{path.relative_to(site_dir).as_posix()}", stamp)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                    info.create_system = 3  # Unix, so that the permissions above are honoured
                    archive.writestr(info, path.read_bytes(), compresslevel=9)
        except BaseException:
            Path(tmp.name).unlink(missing_ok=True)
            raise
    os.replace(tmp.name, zip_path)
    os.chmod(zip_path, 0o644)
    return sum(p.suffix == ".html" for p in files), len(files)


# --- the first page's load time -----------------------------------------------------------------------


def find_chromium() -> str | None:
    """Debian's Chromium (or ATLAS_CHROMIUM): Playwright drives it; no browser is downloaded.

    Then Google Chrome (GitHub's Ubuntu runners have it), and Ubuntu's chromium-browser last:
    that one is a snap, whose confinement keeps it from reading file:// pages under /tmp.
    """
    if os.environ.get("ATLAS_CHROMIUM"):
        return os.environ["ATLAS_CHROMIUM"]
    for name in ("chromium", "google-chrome", "google-chrome-stable", "chromium-browser"):
        found = shutil.which(name)
        # /snap/bin/chromium is a link to /usr/bin/snap.
        if found and not found.startswith("/snap/") and Path(found).resolve().name != "snap":
            return found
    return None


def measure_bundle(zip_path: Path, *, browser: Browser | None = None, runs: int = 3) -> LoadTime:
    """Unzip the bundle into a temporary folder and time its index.html (see measure_first_page)."""
    with tempfile.TemporaryDirectory(prefix="atlas-bundle-") as tmp:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(tmp)
        return measure_first_page(Path(tmp) / BUNDLE_NAME / "index.html", browser=browser, runs=runs)


def measure_first_page(index_html: Path, *, browser: Browser | None = None, runs: int = 3) -> LoadTime:
    """The median, over ``runs`` cold loads from file://, of the time to the page's load event.

    Uses ``browser`` when given (the tests share one); otherwise launches Debian's Chromium,
    and says plainly why not when it or Playwright is missing.
    """
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return LoadTime(None, "not measured: Playwright is not installed (pip install -e '.[test]')")
    if browser is not None:
        return _time_loads(browser, index_html, runs)
    chromium = find_chromium()
    if chromium is None:
        return LoadTime(None, "not measured: no Chromium found (apt-get install chromium; or ATLAS_CHROMIUM)")
    try:
        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
            try:
                return _time_loads(launched, index_html, runs)
            finally:
                launched.close()
    except Error as error:
        return LoadTime(None, f"not measured: Chromium failed ({str(error).splitlines()[0]})")


def _time_loads(browser: Browser, index_html: Path, runs: int) -> LoadTime:
    url = index_html.resolve().as_uri()
    timings: list[float] = []
    elsewhere: set[str] = set()
    for _ in range(runs):
        # A new context each time: an empty cache, as when the bundle is first opened.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.on("request", lambda r: None if _local(r.url) else elsewhere.add(r.url))
            page.goto(url, wait_until="load")
            timings.append(float(page.evaluate(_LOAD_EVENT_END)))
        finally:
            context.close()
    return LoadTime(
        statistics.median(timings),
        f"index.html from file://, median of {runs} cold loads in headless Chromium {browser.version}",
        tuple(sorted(elsewhere)),
    )


_LOAD_EVENT_END = "performance.getEntriesByType('navigation')[0].loadEventEnd"


def _local(url: str) -> bool:
    return url.split(":", 1)[0] in ("file", "data", "blob", "about")


def _human(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1000_000:.1f} MB"
