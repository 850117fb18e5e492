"""Issue 9 on the built site's HTML (parsed): identity first, sessions, chronology, the 404 page,
the search page's markup, the matrix, and nothing internal shown to readers.

The site is the real corpus built by real MkDocs (the session's ``online_site``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.check import check_and_cite
from generator.graph import build_graph
from generator.render import pages as render_pages
from generator.render import urls

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent


def soup_of(site: Path, path: str) -> BeautifulSoup:
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert isinstance(found, Tag), selector
    return found


def test_a_text_opens_with_what_it_officially_is(online_site: Path) -> None:
    soup = soup_of(online_site, "resolutions/cop-res-5-1")
    head = one(soup, "header.atlas-res__head")
    facts = {
        one(i, "dt").get_text(): one(i, "dd").get_text(" ", strip=True)
        for i in head.select(".atlas-identity__item")
    }
    assert facts["Body"].startswith("Conference of the Parties")
    assert facts["Session"] == "5th session , Vienna, 18–22 October 2010"
    assert facts["Number"] == "Resolution 5/1" and facts["Status"] == "Adopted"
    assert facts["Adopted"] == "during its session, 18–22 October 2010"
    report = one(head, 'a[href="https://undocs.org/CTOC/COP/2010/17"]')
    assert report.get_text() == "CTOC/COP/2010/17"
    # What is not known, said once, in plain words.
    assert one(head, ".atlas-identity__unknown").get_text() == (
        "Not known to the corpus: the day it was adopted or its document symbol."
    )
    assert soup.get_text().count("Not known to the corpus") == 1
    # The tab names the text by its short name.
    assert one(soup, "title").get_text().startswith("COP resolution 5/1 · Ensuring effective implementation")
    draft = soup_of(online_site, "resolutions/cop-10-draft-italy")
    assert one(draft, "title").get_text().startswith("COP draft resolution, 10th session (Italy) · ")
    items = {
        one(i, "dt").get_text(): one(i, "dd").get_text(" ", strip=True)
        for i in draft.select(".atlas-identity__item")
    }
    assert items["Number"] == "Draft: no number yet" and items["Distributed"] == "23 September 2020"


def test_the_raw_source_is_not_the_readers_source(online_site: Path) -> None:
    soup = soup_of(online_site, "resolutions/cop-res-5-1")
    assert "corpus/raw/" not in one(soup, "article.atlas-res").get_text()
    assert not [dt for dt in soup.select("dl dt") if dt.get_text() == "Source"]


def test_with_a_repository_url_the_source_is_a_link_at_the_bottom() -> None:
    checked = check_and_cite(ROOT / "corpus")
    assert checked.report.ok
    corpus = checked.corpus
    graph = build_graph(corpus, checked.citations)
    base = "https://example.org/atlas/blob/main/"
    jobs = render_pages.page_jobs(graph, source_url=base)
    page = next(j for j in jobs if j.path == urls.resolution_page("cop-res-5-1"))()
    soup = BeautifulSoup(page.text.split("---\n", 2)[2], "html.parser")
    footer = one(soup, "footer.atlas-res__source")
    hrefs = [a["href"] for a in footer.select("a")]
    assert hrefs == [
        base + "corpus/resolutions/cop-res-5-1.yaml",
        base + "corpus/raw/004_cbf27e0216005652.txt",
    ]
    # It is the last thing of the text's page.
    assert footer.find_next_sibling() is None


def test_article_pages_name_their_instrument(online_site: Path) -> None:
    soup = soup_of(online_site, "protocols/tip/article-5")
    assert one(soup, "h1").get_text(" ", strip=True).startswith("Trafficking in Persons Protocol, article 5")
    assert one(soup, "title").get_text().startswith("Trafficking in Persons Protocol, article 5 · ")
    convention = soup_of(online_site, "convention/article-16")
    assert (
        one(convention, "title").get_text().startswith("Organized Crime Convention, article 16 · Extradition")
    )


def test_no_internal_ids_or_implementation_sentences_reach_readers(online_site: Path) -> None:
    ids = re.compile(r"\b(cop|ccpcj|ecosoc|ga)-(res|dec|\d+)-[\w-]+")
    for path in [
        "convention",
        "protocols/tip",
        "cited/cop-res-5-5",
        "resolutions/cop-res-5-1",
        "timeline",
        "bodies/cop",
    ]:
        soup = soup_of(online_site, path)
        for el in soup.select("[title]"):
            assert not ids.search(str(el["title"])), (path, el["title"])
        text = soup.get_text(" ")
        assert "cannot be derived" not in text and "bodies.yaml" not in text, path


def test_a_body_page_lists_every_session(online_site: Path) -> None:
    soup = soup_of(online_site, "bodies/cop")
    sections = soup.select("section.atlas-year")
    assert [s["id"] for s in sections] == [f"session-{n}" for n in range(1, 13)]
    fifth = one(soup, "#session-5")
    assert "Vienna, 18–22 October 2010" in one(fifth, "h2").get_text()
    assert one(fifth, 'a[href="https://undocs.org/CTOC/COP/2010/17"]')
    assert fifth.select('a[href*="cop-res-5-1"]')
    sixth = one(soup, "#session-6")
    assert "Vienna, 15–19 October 2012" in one(sixth, "h2").get_text()
    # A session known only by its year says so.
    assert "Vienna, 2014" in one(soup, "#session-7 h2").get_text()
    assert one(sixth, ".atlas-session__none").get_text() == "No texts of this session in the corpus yet."
    # The general Assembly: from the first session a text names to the latest, gaps included.
    ga = [s["id"] for s in soup_of(online_site, "bodies/ga").select("section.atlas-year")]
    numbers = [int(i.removeprefix("session-")) for i in ga if i.startswith("session-") and i[8:].isdigit()]
    assert numbers == list(range(min(numbers), max(numbers) + 1))


def test_an_empty_body_page_says_what_it_will_hold() -> None:
    checked = check_and_cite(ROOT / "corpus")
    corpus = checked.corpus
    graph = build_graph(corpus, checked.citations)
    empty = [n for n, b in enumerate(graph.bodies) if not b.sessions]
    if not empty:  # every body of the corpus has texts or sessions: make one that has neither
        import dataclasses

        from generator.model import Body

        lone = Body("xyz", "Example Committee", "Committee", ("Example Committee",), (), "session")
        corpus = dataclasses.replace(corpus, bodies={**corpus.bodies, "xyz": lone})
        graph = build_graph(corpus, checked.citations)
        empty = [n for n, b in enumerate(graph.bodies) if not b.sessions]
    jobs = render_pages.page_jobs(graph)
    key = graph.bodies[empty[0]].body.key
    page = next(j for j in jobs if j.path == urls.body_page(key))()
    text = BeautifulSoup(page.text.split("---\n", 2)[2], "html.parser").get_text(" ", strip=True)
    assert "neither holds nor cites a text" in text and "This page will list its sessions" in text


def test_dates_say_how_precise_they_are(online_site: Path) -> None:
    soup = soup_of(online_site, "timeline")
    items = soup.select("#y2010 li.atlas-doc-item")
    item = next(i for i in items if i.select_one('a[href*="cop-res-5-1"]'))
    when = one(item, ".atlas-doc-item__when").get_text(" ", strip=True)
    assert when == "18–22 October 2010 (session)"
    table = soup_of(online_site, "resolutions")
    row = next(r for r in table.select("tbody tr") if r.select_one('a[href*="cop-res-5-1"]'))
    assert "(session)" in row.get_text()
    about = soup_of(online_site, "about")
    assert one(about, "#dates") and one(about, "#sessions") and one(about, "#searching")


def test_the_matrix_has_every_year_of_its_range(online_site: Path) -> None:
    soup = soup_of(online_site, "convention")
    heads = [th.get_text() for th in soup.select("table.atlas-matrix thead th")][1:-1]
    years = [int(h) for h in heads if h.isdigit()]
    assert years == list(range(min(years), max(years) + 1)) and len(years) > 2
    wrap = one(soup, "[data-atlas-scroll]")
    assert wrap["tabindex"] == "0" and "sideways" in str(wrap["aria-label"])


def test_the_404_page_offers_search_and_the_main_sections(online_site: Path) -> None:
    soup = BeautifulSoup((online_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    content = one(soup, ".atlas--not-found")
    assert "not in the atlas" in one(content, "h1").get_text()
    form = one(content, "form")
    assert str(form["action"]).endswith("search/") and one(form, 'input[name="q"]')
    links = {a.get_text(): str(a["href"]) for a in content.select(".atlas-cards a")}
    assert set(links) >= {"Home", "All resolutions", "The Convention", "The Protocols", "Timeline"}
    assert all(h.startswith("/") for h in links.values())  # served at any path: from the root


def test_the_search_page_is_built_with_its_form(online_site: Path) -> None:
    soup = soup_of(online_site, "search")
    form = one(soup, "form[data-atlas-search-page]")
    assert one(form, 'input[name="q"]') and one(soup, "[data-atlas-facets]")
    assert soup.select('script[src$="atlas-search-page.js"]')
