"""The link check of the built site: every generated link names a page that exists, and its anchor."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.linkcheck import check_links, page_file


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, html in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return tmp_path


BODY = '<div id="y2012"></div><div id="session-5"></div>'


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("../../bodies/ecosoc/#y2012", None),
        ("../../bodies/ecosoc/", None),
        ("../../bodies/ecosoc/index.html#session-5", None),
        ("#own", None),
        ("https://undocs.org/E/RES/2012/12", None),
        ("mailto:someone@example.org", None),
        ("../../data/corpus.csv", None),
        ("../../bodies/ecosoc/#session-2012", "names the anchor #session-2012"),
        ("#missing", "names the anchor #missing"),
        ("../../bodies/nowhere/", "names bodies/nowhere/index.html, which the site does not have"),
        ("../../../../etc/passwd", "points above the site's root"),
        ("../../bodies/ecosoc/#y%32012", None),
    ],
)
def test_links_of_a_page(tmp_path: Path, href: str, problem: str | None) -> None:
    root = site(
        tmp_path,
        {
            "bodies/ecosoc/index.html": BODY,
            "data/corpus.csv": "id\n",
            "cited/x/index.html": f'<p id="own">line one\n<a class="a" href="{href}">link</a></p>',
        },
    )
    found = check_links(root, ["cited/x/index.html"])
    if problem is None:
        assert found == []
    else:
        (d,) = found
        assert (d.path, d.line, d.code, d.severity) == ("cited/x/index.html", 2, "broken-link", "warning")
        assert problem in d.message and href in d.message
        assert d.hint


def test_each_broken_link_is_reported_once_per_page(tmp_path: Path) -> None:
    root = site(tmp_path, {"a/index.html": '<a href="#x">1</a><a href="#x">2</a><a href="#y">3</a>'})
    assert [d.message for d in check_links(root, ["a/index.html"])] == [
        "the link #x names the anchor #x, which a/index.html does not have",
        "the link #y names the anchor #y, which a/index.html does not have",
    ]


@pytest.mark.parametrize(
    ("src", "directory_urls", "built"),
    [
        ("index.md", True, "index.html"),
        ("bodies/index.md", True, "bodies/index.html"),
        ("bodies/ecosoc.md", True, "bodies/ecosoc/index.html"),
        ("bodies/ecosoc.md", False, "bodies/ecosoc.html"),
        ("timeline.md", False, "timeline.html"),
    ],
)
def test_page_file(src: str, directory_urls: bool, built: str) -> None:
    assert page_file(src, directory_urls) == built
