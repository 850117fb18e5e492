"""Every link the generator writes, checked in the built site: its page exists, and so does its anchor.

MkDocs validates the links of Markdown pages, but the generated pages hand it finished HTML, whose
links it never looks at (a cited ECOSOC resolution linked to ``bodies/ecosoc/#session-2012`` while the
body page's anchor was ``y2012``, and ``build --strict`` passed). After the build, the MkDocs hook
hands the generated pages here; each ``<a href>`` that stays on the site is resolved like a browser
resolves it (relative to the page, ``dir/`` to ``dir/index.html``) and must name a file of the site
and, with a ``#fragment``, an ``id`` in it. Each broken link is a Diagnostic with the page and line;
the hook logs them as warnings, so that ``build --strict`` fails.

Pure Python over the files of ``site_dir``: no MkDocs import, nothing read outside ``site_dir``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.diagnostics import Diagnostic

# The generated HTML is regular (written by the project's templates), so a regular expression reads
# its links and ids as well as a parser would, at a fraction of the cost on 10,000 pages.
_HREF = re.compile(r"<a\b[^>]*?\shref=\"([^\"]*)\"", re.IGNORECASE)
_ID = re.compile(r"id=\"([^\"]*)\"")


def ids_in(html: str) -> frozenset[str]:
    """The ``id`` attributes of an HTML text (unescaped).

    ``id="`` is searched as a literal and its attribute's leading space checked after, which is
    fifteen times as fast as a pattern that starts with ``\\s`` on a 60 kB page."""
    return frozenset(
        unescape(m[1]) for m in _ID.finditer(html) if m.start() and html[m.start() - 1].isspace()
    )


def page_file(src_uri: str, directory_urls: bool) -> str:
    """The built file of a docs page as MkDocs names it: ``a/b.md`` → ``a/b/index.html`` or ``a/b.html``."""
    stem = src_uri.removesuffix(".md")
    if posixpath.basename(stem) in ("index", "README"):
        return posixpath.join(posixpath.dirname(stem), "index.html")
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


@dataclass
class _Site:
    root: Path
    ids: dict[str, frozenset[str] | None] = field(default_factory=dict)
    dirs: dict[str, bool] = field(default_factory=dict)
    # Where a link leads (a file of the site, or what is wrong), by the directory of its page and the
    # link without its #fragment: the links to one page's paragraphs differ only in that.
    targets: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)

    def anchors(self, relative: str) -> frozenset[str] | None:
        """The ids of a built file (None when it does not exist), read once."""
        if relative not in self.ids:
            path = self.root / relative
            if not path.is_file():
                self.ids[relative] = None
            elif path.suffix != ".html":
                self.ids[relative] = frozenset()
            else:
                text = path.read_text(encoding="utf-8", errors="replace")
                self.ids[relative] = ids_in(text)
        return self.ids[relative]

    def broken_links(self, page: str) -> list[Diagnostic]:
        """The broken links of one built page."""
        path = self.root / page
        if not path.is_file():
            return []
        text = path.read_text(encoding="utf-8", errors="replace")
        reported: set[str] = set()
        out: list[Diagnostic] = []
        for match in _HREF.finditer(text):
            href = unescape(match[1])
            if href in reported:
                continue
            problem = _problem(self, page, href)
            if problem is not None:
                reported.add(href)
                line = text.count("\n", 0, match.start()) + 1
                out.append(
                    Diagnostic(
                        page,
                        line,
                        None,
                        "broken-link",
                        f"the link {href} {problem}",
                        "a link the generator wrote points nowhere: report it as a bug of the "
                        "page templates (generator/render), with this page",
                        "warning",
                    )
                )
        return out

    def is_dir(self, relative: str) -> bool:
        if relative not in self.dirs:
            self.dirs[relative] = (self.root / relative).is_dir()
        return self.dirs[relative]


def check_links(site_dir: Path, pages: Iterable[str]) -> list[Diagnostic]:
    """Broken links of the built ``pages`` (paths relative to ``site_dir``, e.g. ``x/index.html``)."""
    # In one process: forked workers would each read the ids of the same pages again (measured at
    # 1,000 texts: 1.8 times the CPU time, for no gain in wall time on a busy machine).
    site = _Site(site_dir)
    return [d for page in sorted(set(pages)) for d in site.broken_links(page)]


def _problem(site: _Site, page: str, href: str) -> str | None:
    """What is wrong with ``href`` on ``page``, or None when it resolves (or leaves the site)."""
    if "\t" in href or "\n" in href or "\r" in href:
        return _resolve(site, page, href)[1]  # urlsplit drops these anywhere: no shortcut
    before, _, fragment = href.partition("#")
    # A link without a path stays on its own page; any other resolves from its page's directory.
    own = not before.partition("?")[0]
    key = (page if own else posixpath.dirname(page), before)
    found = site.targets.get(key)
    if found is None:
        found = site.targets[key] = _resolve(site, page, before)
    target, problem = found
    if target is None:
        return problem
    fragment = unquote(fragment)
    if fragment and fragment not in (site.anchors(target) or ()):
        return f"names the anchor #{fragment}, which {target} does not have"
    return None


def _resolve(site: _Site, page: str, href: str) -> tuple[str | None, str | None]:
    """The file of the site ``href`` names from ``page`` and what is wrong with it (None: nothing);
    no file for a link that leaves the site or is broken."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None, None  # another site (undocs.org), mailto:, data:
    if not parts.path:
        target = page
    else:
        base = "" if parts.path.startswith("/") else posixpath.dirname(page)
        joined = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
        if joined == ".." or joined.startswith("../"):
            return None, "points above the site's root"
        target = joined if joined != "." else ""
        if parts.path.endswith("/") or site.is_dir(target) or not target:
            target = posixpath.join(target, "index.html") if target else "index.html"
    if site.anchors(target) is None:
        return None, f"names {target}, which the site does not have"
    fragment = unquote(parts.fragment)
    if fragment and fragment not in (site.anchors(target) or ()):
        return None, f"names the anchor #{fragment}, which {target} does not have"
    return target, None
