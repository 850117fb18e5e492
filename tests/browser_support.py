"""Shared fixtures and helpers for the tests that drive a real browser or serve the site.

One Chromium per session (Debian's, through Playwright; never a downloaded browser), and each
site built once per session: the hosted site, the offline bundle, and the same site under a
sub-path. ``tests/conftest.py`` makes the fixtures below visible to every test module.

Where no Chromium exists the browser tests skip and say so, except under CI=true, where they
fail: CI installs Chromium (.ci/run, the workflow), so a missing one there is a broken setup.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    # Playwright is imported where a browser starts: every test process imports this module (the
    # fixtures are registered in conftest), and most never open a browser (0.2 s each).
    from playwright.sync_api import Browser, Page, Playwright, Request

from generator.bundle import BUNDLE_NAME, CHROMIUM_ARGS, Bundle, find_chromium, make_bundle
from generator.mkdocs_adapter import build_site

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


# --- environment and builds ---------------------------------------------------------------------------


@contextmanager
def environ(**values: str | None) -> Iterator[None]:
    """Set (or, with None, unset) environment variables for the duration of a block."""
    saved = {name: os.environ.get(name) for name in values}

    def put(name: str, value: str | None) -> None:
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value

    try:
        for name, value in values.items():
            put(name, value)
        yield
    finally:
        for name, value in saved.items():
            put(name, value)


def build(site: Path, docs: Path, *, site_url: str | None = None) -> Path:
    """The real corpus, built by real MkDocs in strict mode, as the hosted site (directory URLs)."""
    with environ(SITE_URL=site_url, ATLAS_OFFLINE=None):
        status = build_site(
            ROOT / "mkdocs.yml", strict=True, site_dir=site, docs_dir=docs, configure_logging=False
        )
    assert status == 0, "mkdocs build --strict failed; see the captured log"
    return site


# --- serving on loopback ------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a directory under a URL prefix (``/`` or ``/atlas/``) and 404s everything else."""

    prefix = "/"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix) and clean + "/" != self.prefix:
            return str(Path(self.directory) / ".no-such-file" / "404")
        return super().translate_path("/" + clean[len(self.prefix) :])


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``directory`` at http://127.0.0.1:<port><prefix> in a thread; yields that base URL."""
    with bound_server(directory, prefix) as (server, base), serving(server):
        yield base


@contextmanager
def bound_server(
    directory: Path, prefix: str = "/"
) -> Iterator[tuple[http.server.ThreadingHTTPServer, str]]:
    """A server on a free loopback port, bound but not yet serving: its URL is known before a build."""
    handler_class = type("Handler", (_QuietHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.server_close()


@contextmanager
def serving(server: http.server.ThreadingHTTPServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        thread.join(timeout=5)


# --- addressing a page the same way online and offline --------------------------------------------------


@dataclass(frozen=True)
class SiteUnderTest:
    """A site at ``base``, addressed by the Markdown source path of its pages (``timeline.md``)."""

    base: str
    directory_urls: bool

    def url(self, source: str, fragment: str = "") -> str:
        path = PurePosixPath(source)
        if not self.directory_urls:
            rel = str(path.with_suffix(".html"))
        elif path.stem == "index":
            rel = "" if str(path.parent) == "." else f"{path.parent}/"
        else:
            rel = f"{path.with_suffix('')}/"
        return self.base + rel + (f"#{fragment}" if fragment else "")


# --- the browser --------------------------------------------------------------------------------------


@dataclass
class Traffic:
    """What a page asked for, and what went wrong, while a test drove it."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def not_local(self) -> list[str]:
        return [u for u in self.requests if u.split(":", 1)[0] not in ("file", "data", "blob", "about")]


def watch(page: Page) -> Traffic:
    """Record every request of ``page`` (its frames and the search worker's iframe included)."""
    traffic = Traffic()

    def finished(request: Request) -> None:
        response = request.response()
        if response is not None and response.status >= 400:
            traffic.failed.append(f"{request.url} ({response.status})")

    def failed(request: Request) -> None:
        # A request cut off because the page navigated away (a favicon still loading) is no failure.
        if request.failure != "net::ERR_ABORTED":
            traffic.failed.append(f"{request.url} ({request.failure})")

    page.on("request", lambda r: traffic.requests.append(r.url))
    page.on("requestfailed", failed)
    page.on("requestfinished", finished)
    page.on("pageerror", lambda e: traffic.errors.append(str(e)))
    return traffic


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        message = "no Chromium found: install Debian's (apt-get install chromium) or set ATLAS_CHROMIUM"
        if in_ci():
            pytest.fail(message + " — CI=true, so the browser tests must run")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(chromium: str, playwright_session: Playwright) -> Iterator[Browser]:
    launched = playwright_session.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
    yield launched
    launched.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-sized page (own context: no cache, cookies or storage from another test)."""
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


# --- the sites ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def online_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("online")
    return build(root / "site", root / "docs")


@pytest.fixture(scope="session")
def online(online_site: Path) -> Iterator[SiteUnderTest]:
    with serve(online_site) as base:
        yield SiteUnderTest(base, directory_urls=True)


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """``atlas bundle`` of the real corpus (not timed here: the timing test shares the browser)."""
    root = tmp_path_factory.mktemp("bundle")
    with environ(SITE_URL=None):
        bundle, report = make_bundle(
            ROOT / "mkdocs.yml", root / "dist", work_dir=root / "work", measure=False
        )
    assert bundle is not None and report.ok, report.format()
    return bundle


@pytest.fixture(scope="session")
def offline_root(offline_bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle unzipped in a fresh folder, as a reader would: the folder holding index.html."""
    where = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_bundle.path) as archive:
        archive.extractall(where)
    return where / BUNDLE_NAME


@pytest.fixture(scope="session")
def offline(offline_root: Path) -> SiteUnderTest:
    return SiteUnderTest(offline_root.as_uri() + "/", directory_urls=False)


# --- driving Material's search UI ---------------------------------------------------------------------


def search(page: Page, query: str) -> list[str]:
    """Type ``query`` into the header's search box, as a reader does; the results' links.

    Goes through Material's UI only (the box and its result list), whatever index is behind it.
    """
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # phone width: the box opens from the header's search button
        page.locator('label.md-header__button[for="__search"]').click()
    box.click()
    box.fill("")
    page.keyboard.type(query, delay=20)
    wait_for_answer(page, query, timeout=15_000)
    links = page.locator(".md-search-result__list a")
    return [str(links.nth(i).get_attribute("href")) for i in range(links.count())]


_ANSWERS = """q => {
    const link = document.querySelector(".md-search-result__item a");
    return link !== null && new URL(link.href).searchParams.get("h") === q;
}"""


def wait_for_answer(page: Page, query: str, timeout: float = 10_000) -> None:
    """Wait until the results shown answer the whole of ``query``.

    Each keystroke is a query: the answer to "ext" can be on screen before "extrad" is typed. The
    results are those of the whole query once the words handed to Material for highlighting (the
    results' ``?h=``, lower-cased as the search's tokenizer reads them) are the query's.
    """
    page.wait_for_function(_ANSWERS, arg=" ".join(query.lower().split()), timeout=timeout)


_AT_TARGET = """id => {
    const element = document.getElementById(id);
    if (!element || !element.matches(':target') || document.readyState !== 'complete') return false;
    const box = element.getBoundingClientRect();
    const header = document.querySelector('.md-header');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    return box.top >= top - 2 && box.top < window.innerHeight;
}"""


def assert_at_target(page: Page, element_id: str, timeout: float = 5_000) -> None:
    """The page has loaded with ``#element_id`` as its :target, its top on screen below the header.

    Waits for it: after a click the URL changes before the new page has parsed and scrolled.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(_AT_TARGET, arg=element_id, timeout=timeout)
    except PlaywrightTimeoutError:
        state = page.evaluate(
            """id => {
                const element = document.getElementById(id);
                const target = document.querySelector(':target');
                return {target: target && target.id, top: element && element.getBoundingClientRect().top,
                        height: window.innerHeight, ready: document.readyState};
            }""",
            element_id,
        )
        raise AssertionError(f"#{element_id} is not the :target in view: {state}") from None
