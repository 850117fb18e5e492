"""Rendering: corpus text to HTML, relative URLs, and the generated pages (without MkDocs)."""

from __future__ import annotations

import html
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from site_factory import HOSTILE, RES_5_1, hostile_corpus, seed_corpus, seed_sites
from yaml_data import yaml_data

from generator.graph import build_graph
from generator.markup import to_plain
from generator.model import Footnote
from generator.render import naming
from generator.render.pages import Page, front_matter, render_pages
from generator.render.text import FootnoteRef, Span, excerpt_window, render_text
from generator.render.urls import Urls


def _fn(mark: str) -> FootnoteRef:
    return FootnoteRef(f"#fn-{mark}", f"fnref-{mark}", f"Footnote {mark}")


# --- render_text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "kwargs", "expected"),
    [
        ("*Urges* States", {}, "<em>Urges</em> States"),
        ("a \\* b \\[ c \\\\ d", {}, "a * b [ c \\ d"),
        ("odd * star", {}, "odd * star"),
        ("<script>alert(1)</script>", {}, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (
            "{{ x }} {% raw %} <!-- _u_ [x](javascript:alert(1))",
            {},
            "{{ x }} {% raw %} &lt;!-- _u_ [x](javascript:alert(1))",
        ),
        ("Crime,[^1] and", {}, "Crime, and"),  # marks are dropped without a footnote linker
        (
            "Crime,[^1] and",
            {"footnotes": _fn},
            'Crime,<sup class="atlas-fnref" id="fnref-1">'
            '<a href="#fn-1" aria-label="Footnote 1">1</a></sup> and',
        ),
        (
            "in its resolution 55/25 of",
            {"spans": [Span(7, 23, "../x/")]},
            'in its <a class="atlas-cite" href="../x/">resolution 55/25</a> of',
        ),
        # A span that starts inside emphasis: the tags still nest.
        (
            "*Urges a* b",
            {"spans": [Span(3, 9, "h")]},
            '<em>Ur</em><a class="atlas-cite" href="h"><em>ges a</em></a> b',
        ),
        # Overlapping spans: the first keeps the shared words.
        (
            "articles 24 and 25",
            {"spans": [Span(0, 18, "a"), Span(16, 18, "b")]},
            '<a class="atlas-cite" href="a">articles 24 and 25</a>',
        ),
        (
            "articles 24 and 25",
            {"spans": [Span(0, 11, "a"), Span(9, 18, "b")]},
            '<a class="atlas-cite" href="a">articles 24</a><a class="atlas-cite" href="b"> and 25</a>',
        ),
        ("see article 30 now", {"highlights": [(4, 14)]}, "see <mark>article 30</mark> now"),
        (
            'a "q" &',
            {"spans": [Span(0, 1, 'h"><script>', title='t"x')]},
            '<a class="atlas-cite" href="h&#34;&gt;&lt;script&gt;" title="t&#34;x">a</a> &#34;q&#34; &amp;',
        ),
        ("one two three four five", {"window": (4, 13)}, "… two three …"),
        ("one two three", {"window": (4, 7), "ellipsis": False}, "two"),
        ("line\nbreak", {}, "line break"),
        ("*wrapped\nverb* text", {}, "<em>wrapped verb</em> text"),
    ],
)
def test_render_text(markup: str, kwargs: dict[str, object], expected: str) -> None:
    assert str(render_text(markup, **kwargs)) == expected  # type: ignore[arg-type]


ALLOWED_TAGS = {"em", "a", "mark", "sup"}


class _Nesting(HTMLParser):
    """Reads HTML as a browser would, keeping every character of text (BeautifulSoup folds
    whitespace-only strings) and checking that tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)
        self.tags.add(tag)

    def handle_endtag(self, tag: str) -> None:
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(out: str) -> _Nesting:
    parser = _Nesting()
    parser.feed(out)
    parser.close()
    return parser


@given(
    st.text(alphabet=st.sampled_from(list("ab *[]^1\\<>&\"'{}%_-!\n")), max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=4),
)
def test_any_text_renders_to_its_plain_words_in_well_formed_html(
    markup: str, cuts: list[tuple[int, int]]
) -> None:
    spans = [Span(min(a, b), max(a, b), "#x") for a, b in cuts if a != b]
    highlights = [(min(a, b), max(a, b)) for a, b in cuts[:2]]
    out = str(render_text(markup, spans=spans, highlights=highlights))
    html_read = _read(out)
    assert html_read.tags <= ALLOWED_TAGS
    # Every character the reader should see is there, in order, and nothing else.
    assert "".join(html_read.text) == to_plain(markup).replace("\n", " ")
    # Every end tag closes the innermost open element, and all are closed.
    assert html_read.ok and not html_read.stack


@pytest.mark.parametrize(
    ("text", "phrase", "words", "expected"),
    [
        # The clause around the citation, not the whole paragraph.
        ("First clause; then article 30 here; last one.", "article 30", 10, "then article 30 here;"),
        (
            "A long one two three four article 30 five six seven eight",
            "article 30",
            2,
            "three four article 30 five six",
        ),
        # "vol. 2225" does not end a clause.
        (
            "United Nations, Treaty Series, vol. 2225, No. 39574.",
            "2225",
            10,
            "United Nations, Treaty Series, vol. 2225, No. 39574.",
        ),
    ],
)
def test_excerpt_window(text: str, phrase: str, words: int, expected: str) -> None:
    start = text.index(phrase)
    a, b = excerpt_window(text, start, start + len(phrase), words=words)
    assert text[a:b] == expected


# --- URLs ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("directory_urls", "source", "target", "anchor", "expected"),
    [
        (True, "resolutions/cop-res-5-1.md", "convention/article-30.md", "", "../../convention/article-30/"),
        (True, "resolutions/cop-res-5-1.md", "resolutions/cop-res-5-1.md", "op-7", "#op-7"),
        (
            True,
            "resolutions/cop-res-5-1.md",
            "resolutions/cop-10-draft-italy.md",
            "pp-1",
            "../cop-10-draft-italy/#pp-1",
        ),
        (True, "index.md", "resolutions/index.md", "", "resolutions/"),
        (True, "resolutions/index.md", "index.md", "", "../"),
        (True, "timeline.md", "bodies/cop.md", "session-5", "../bodies/cop/#session-5"),
        (True, "protocols/tip/article-3.md", "protocols/tip/index.md", "", "../"),
        (
            False,
            "resolutions/cop-res-5-1.md",
            "convention/article-30.md",
            "",
            "../convention/article-30.html",
        ),
        (False, "index.md", "resolutions/index.md", "", "resolutions/index.html"),
        (False, "resolutions/index.md", "index.md", "", "../index.html"),
        (False, "protocols/tip/article-3.md", "protocols/tip/index.md", "", "index.html"),
    ],
)
def test_relative_urls(directory_urls: bool, source: str, target: str, anchor: str, expected: str) -> None:
    assert Urls(directory_urls).href(source, target, anchor) == expected


# --- pages ---------------------------------------------------------------------------------------------


def _split(page: Page) -> tuple[dict[str, object], str]:
    _, meta, body = page.text.split("---\n", 2)
    return yaml_data(meta), body


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, Page]:
    graph = build_graph(seed_corpus(), seed_sites())
    return {p.path: p for p in render_pages(graph)}


def test_front_matter_titles_are_html_escaped_yaml() -> None:
    meta = yaml_data(front_matter('A: "b" <c> & #d\n- e').split("---\n")[1])
    assert meta["title"] == "A: &quot;b&quot; &lt;c&gt; &amp; #d\n- e"
    assert html.unescape(meta["title"]) == 'A: "b" <c> & #d\n- e'


def test_every_page_is_one_html_block(seed_pages: dict[str, Page]) -> None:
    assert len(seed_pages) == len(set(seed_pages))
    for path, page in seed_pages.items():
        meta, body = _split(page)
        assert meta["title"], path
        lines = body.strip("\n").split("\n")
        # A blank line would end the raw HTML block and let Markdown read what follows.
        assert all(line.strip() for line in lines), path
        assert lines[0].startswith('<div class="atlas'), path


def test_the_url_scheme(seed_pages: dict[str, Page]) -> None:
    expected = {
        "index.md",
        "resolutions/index.md",
        "resolutions/cop-res-5-1.md",
        "resolutions/cop-10-draft-italy.md",
        "cited/index.md",
        "cited/cop-res-5-5.md",
        "cited/ga-res-55-25.md",
        "convention/index.md",
        "convention/article-1.md",
        "convention/article-41.md",
        "protocols/index.md",
        "protocols/tip/index.md",
        "protocols/tip/article-5.md",
        "timeline.md",
        "bodies/index.md",
        "bodies/ecosoc.md",
        "reports/unresolved.md",
    }
    assert expected <= set(seed_pages)


def test_resolution_page(seed_pages: dict[str, Page]) -> None:
    soup = BeautifulSoup(_split(seed_pages["resolutions/cop-10-draft-italy.md"])[1], "html.parser")
    paragraphs = soup.select("div.atlas-para")
    assert [p["id"] for p in paragraphs][:4] == ["pp-1", "pp-2", "pp-3", "op-1"]
    for p in paragraphs:
        assert p.select_one(":scope > .atlas-para__ref a.atlas-permalink")["href"] == f"#{p['id']}"
    assert soup.select_one("#pp-1 .atlas-para__text em").get_text() == "Welcoming"
    assert soup.select_one("#op-12 > .atlas-para__num").get_text() == "12."
    assert soup.select_one("#op-12-a > .atlas-para__num").get_text() == "(a)"
    # Footnotes both ways: the mark links to the note, the note back to the mark.
    ref = soup.select_one("#pp-1 sup.atlas-fnref")
    assert ref.a["href"] == "#fn-1" and ref["id"] == "fnref-1"
    assert soup.select_one("#fn-1 a.atlas-footnote__back")["href"] == "#fnref-1"
    # The agenda footnote's mark is not in the agenda text: it is added at the end of the element.
    assert soup.select_one("#agenda-item sup.atlas-fnref a")["href"] == "#fn-star"
    assert soup.select_one("#fn-star a.atlas-footnote__back")["href"] == "#fnref-star"
    # Citations are links: a cited-only document, an article, an official document by symbol.
    links = {a.get_text(): a["href"] for a in soup.select("a.atlas-cite")}
    assert links["resolution 55/25"] == "../../cited/ga-res-55-25/"
    assert links["article 30"] == "../../convention/article-30/"
    assert links["CTOC/COP/2020/1"] == "https://undocs.org/CTOC/COP/2020/1"
    assert soup.select_one("#cites") and soup.select_one("#cited-by")


def test_cited_by_panel_quotes_the_citing_clause(seed_pages: dict[str, Page]) -> None:
    soup = BeautifulSoup(_split(seed_pages["cited/cop-res-5-5.md"])[1], "html.parser")
    where = [a["href"] for a in soup.select("#cited-by a.atlas-citing__where")]
    assert where == [
        "../../resolutions/cop-res-5-1/#op-1",
        "../../resolutions/ccpcj-revised-draft-italy/#op-2",
    ]
    assert [m.get_text() for m in soup.select("#cited-by mark")] == ["resolution 5/5", "resolution 5/5"]
    assert "not in the corpus" in soup.get_text().lower()


def test_unresolvable_citations_are_reported_with_their_paragraph(seed_pages: dict[str, Page]) -> None:
    soup = BeautifulSoup(_split(seed_pages["reports/unresolved.md"])[1], "html.parser")
    (item,) = soup.select("li.atlas-report__item")
    assert "resolution 2012/[...]" in item.get_text()
    assert item.select_one('a[href="../../resolutions/ccpcj-revised-draft-italy/#pp-5"]')
    page = BeautifulSoup(_split(seed_pages["resolutions/ccpcj-revised-draft-italy.md"])[1], "html.parser")
    assert page.select_one("a.atlas-cite--unresolved")["href"] == f"../../reports/unresolved/#{item['id']}"


def test_offline_links_name_files(seed_pages: dict[str, Page]) -> None:
    graph = build_graph(seed_corpus(), seed_sites())
    pages = {p.path: p for p in render_pages(graph, directory_urls=False)}
    soup = BeautifulSoup(_split(pages["convention/article-30.md"])[1], "html.parser")
    hrefs = [a["href"] for a in soup.find_all("a") if not a["href"].startswith("#")]
    assert hrefs and all(".html" in h for h in hrefs)


# --- hostile text ------------------------------------------------------------------------------------


def test_hostile_text_stays_text_on_every_page() -> None:
    corpus, sites = hostile_corpus()
    pages = list(render_pages(build_graph(corpus, sites)))
    literal = to_plain(HOSTILE)  # what a reader must see: the escape \* shows as *
    seen_on = set()
    for page in pages:
        meta, body = _split(page)
        soup = BeautifulSoup(body, "html.parser")
        assert not soup.find_all(["script", "style", "iframe", "img"]), page.path
        for a in soup.find_all("a"):
            assert not a["href"].lower().startswith("javascript:"), page.path
        if literal in soup.get_text():
            seen_on.add(page.path)
        assert "<script>" not in str(meta["title"]), page.path
        assert "<!--" not in body, page.path
    assert "resolutions/cop-res-9-9.md" in seen_on
    assert "resolutions/index.md" in seen_on  # the title in the table
    assert "convention/article-30.md" in seen_on  # the excerpt and the title of the citing text
    resolution = next(p for p in pages if p.path == "resolutions/cop-res-9-9.md")
    meta, body = _split(resolution)
    # The tab names the text by its short name, then its title cut at a word (escaped in between).
    assert html.unescape(str(meta["title"])) == naming.page_title(
        "COP resolution 9/9", f"Title {literal}"
    )
    assert html.unescape(str(meta["title"])).startswith(
        "COP resolution 9/9 · Title <script>alert(1)</script>"
    )
    soup = BeautifulSoup(body, "html.parser")
    # Venue and sponsors are plain text (every character as written); the agenda item is markup.
    for field, expected in (("Venue", HOSTILE), ("Sponsor", HOSTILE), ("Agenda item", literal)):
        term = next(t for t in soup.select("dl.atlas-meta dt") if t.get_text() == field)
        assert expected in term.find_next_sibling("dd").get_text(), field
    assert literal in soup.select_one("#fn-1").get_text()
    assert soup.select_one("h3#op-1-heading").get_text() == f"I. Part {literal}"
    assert soup.select_one('.atlas-toc a[href="#op-1-heading"]')["title"] == f"I. Part {literal}"


def test_a_part_heading_stands_above_its_paragraph_with_its_note_and_in_the_contents() -> None:
    operative = list(RES_5_1.operative)
    pid = operative[1].id
    operative[1] = replace(operative[1], heading="II. *Technical* assistance[^9]")
    res = replace(
        RES_5_1,
        operative=tuple(operative),
        footnotes=(*RES_5_1.footnotes, Footnote("9", "A note on the part.", f"{pid}-heading")),
    )
    corpus = replace(seed_corpus(), resolutions=(res,))
    page = next(p for p in render_pages(build_graph(corpus, [])) if p.path == "resolutions/cop-res-5-1.md")
    soup = BeautifulSoup(_split(page)[1], "html.parser")
    heading = soup.select_one(f"h3#{pid}-heading.atlas-part__heading")
    assert heading.find_next_sibling("div")["id"] == pid
    assert heading.em.get_text() == "Technical"
    assert heading.select_one("sup.atlas-fnref a")["href"] == "#fn-9"
    toc = [a["href"] for a in soup.select(".atlas-toc__list a")]
    assert toc.index("#operative") < toc.index(f"#{pid}-heading")
    assert len(soup.select("h3.atlas-part__heading")) == 1
