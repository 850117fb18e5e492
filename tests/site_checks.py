"""Checks of a built site, shared by the MkDocs build's tests and the Zensical build's.

The same crawler reads every page whichever engine built it: each internal link, script,
stylesheet and image must name a file of the site, and each #anchor an id in its page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def references(soup: BeautifulSoup) -> Iterator[str]:
    for tag in soup.find_all(["a", "link"], href=True):
        yield str(tag["href"])
    for tag in soup.find_all(["script", "img", "iframe", "source"], src=True):
        yield str(tag["src"])


def broken_references(site: Path) -> list[str]:
    """Every internal reference of the site's pages that names no file, or no anchor in it."""
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    soups = {p: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in pages}
    ids = {p: {str(t["id"]) for t in soup.find_all(id=True)} for p, soup in soups.items()}
    broken = []
    for path in pages:
        for ref in references(soups[path]):
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            if parts.scheme:
                broken.append(f"{path.relative_to(site)}: {ref} (scheme {parts.scheme})")
                continue
            # 404.html uses root-absolute URLs (it is served at any path); the site is served at /.
            base = site if parts.path.startswith("/") else path.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {ref} (no file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{path.relative_to(site)}: {ref} (no anchor)")
    return broken
