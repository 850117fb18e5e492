"""Issue 9 in headless Chromium: the search page and its filters (online and from file://), the
search box's "all results", result labels, the sticky contents of a long text and its current
section, the contents one tap away on a phone, quiet paragraph anchors that Tab still reaches,
the matrix that scrolls sideways with a cue and keeps its first column, no word broken mid-word.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from browser_support import DESKTOP, PHONE, SiteUnderTest, search
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.site]


def _results(page: Page) -> list[str]:
    page.wait_for_selector(".atlas-search-page[data-ready]", timeout=20_000)
    return [str(a.get_attribute("href")) for a in page.locator(".atlas-result__label a").all()]


@pytest.mark.parametrize("where", ["online", "offline"])
def test_the_search_page_keeps_the_query_in_its_address_and_filters(
    tab: Page, request: pytest.FixtureRequest, where: str
) -> None:
    site: SiteUnderTest = request.getfixturevalue(where)
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(site.url("search.md") + "?q=" + quote("trafficking in persons"))
    links = _results(tab)
    assert "ccpcj-revised-draft-italy" in links[0] or "cop-10-draft-italy" in links[0], links
    assert any("cop-10-draft-italy" in h for h in links[:2]) and any(
        "ccpcj-revised-draft-italy" in h for h in links[:2]
    )
    expect(tab.locator("#atlas-q")).to_have_value("trafficking in persons")
    legends = [f.inner_text() for f in tab.locator(".atlas-facets legend").all()]
    assert legends[:4] == ["Body", "Kind", "Status", "Year"] and "Article cited" in legends
    # A label names the text: short name, paragraph, year, status.
    passage = tab.locator(".atlas-result__where").first.inner_text()
    # Under the text's own label, each paragraph by its own: "pp. 10".
    assert re.match(r"(pp|op)\. \d+", passage), passage
    # Filter by body: only the Crime Commission's text is left, and the address says so.
    tab.locator('.atlas-facets input[name="body"][value="ccpcj"]').check()
    links = [str(a.get_attribute("href")) for a in tab.locator(".atlas-result__label a").all()]
    assert links and all("ccpcj" in h for h in links), links
    assert "body=ccpcj" in tab.url and "q=trafficking" in tab.url
    tab.reload()
    links = _results(tab)
    assert links and all("ccpcj" in h for h in links), links
    # Its link opens the text.
    tab.locator(".atlas-result__label a").first.click()
    expect(tab.locator("h1#title")).to_contain_text("Strengthening international cooperation")
    assert not errors, errors


def test_the_search_box_leads_to_all_results(tab: Page, online: SiteUnderTest) -> None:
    tab.goto(online.url("index.md"))
    search(tab, "extradite")
    link = tab.locator("a.atlas-all-results")
    expect(link).to_be_visible()
    expect(link).to_contain_text("extradite")
    link.click()
    links = _results(tab)
    assert "cop-10-draft-italy" in links[0], links
    # The box's results are labelled as the search page's: "COP resolution 5/1 · op. 10 · 2010 · adopted".
    tab.goto(online.url("index.md"))
    search(tab, "extradition")
    labels = [
        t.inner_text() for t in tab.locator(".md-search-result__item h1, .md-search-result__item h2").all()
    ]
    assert "COP resolution 5/1 · op. 10 · 2010 · adopted" in labels, labels


def test_the_contents_stay_in_view_and_mark_the_current_section(tab: Page, online: SiteUnderTest) -> None:
    tab.goto(online.url("resolutions/cop-12-draft-co-chairs.md"))
    toc = tab.locator("nav[data-atlas-toc]")
    expect(toc).to_be_visible()
    tab.locator("#annex-2").scroll_into_view_if_needed()
    tab.evaluate("() => window.scrollBy(0, 40)")
    tab.wait_for_timeout(300)
    box = toc.bounding_box()
    assert box is not None and 0 <= box["y"] < DESKTOP["height"], box
    current = tab.locator('nav[data-atlas-toc] a[aria-current="location"]')
    expect(current).to_have_count(1)
    assert str(current.get_attribute("href")).startswith("#annex-2"), current.get_attribute("href")
    tab.evaluate("document.getElementById('footnotes').scrollIntoView({block: 'start'})")
    tab.wait_for_timeout(300)
    assert tab.locator('nav[data-atlas-toc] a[aria-current="location"]').get_attribute("href") in (
        "#footnotes",
        "#cites",
        "#cited-by",
    )


def test_on_a_phone_the_contents_are_one_tap_away(browser: Browser, online: SiteUnderTest) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(online.url("resolutions/cop-12-draft-co-chairs.md"))
        page.locator("#operative").scroll_into_view_if_needed()
        toggle = page.locator("button.atlas-toc__toggle")
        expect(toggle).to_be_visible()
        expect(page.locator(".atlas-toc__list")).to_be_hidden()
        toggle.tap()
        expect(page.locator(".atlas-toc__list")).to_be_visible()
        page.locator('.atlas-toc__list a[href="#annex-1"]').tap()
        expect(page).to_have_url(online.url("resolutions/cop-12-draft-co-chairs.md", "annex-1"))
        expect(page.locator(".atlas-toc__list")).to_be_hidden()
        # No extra row per paragraph: a paragraph is as tall as its text (the permalink floats).
        heights = page.evaluate(
            """() => [...document.querySelectorAll('#operative > .atlas-para')].slice(0, 5).map(p => [
                p.getBoundingClientRect().height,
                p.querySelector(':scope > .atlas-para__text').getBoundingClientRect().height])"""
        )
        assert all(outer <= inner + 30 for outer, inner in heights), heights
    finally:
        context.close()


def test_paragraph_anchors_show_on_hover_and_focus_only(tab: Page, online: SiteUnderTest) -> None:
    tab.goto(online.url("resolutions/cop-res-5-1.md"))
    ref = tab.locator("#op-3 > .atlas-para__ref")
    opacity = "el => getComputedStyle(el).opacity"
    assert ref.evaluate(opacity) == "0"
    tab.locator("#op-3 > .atlas-para__text").hover()
    tab.wait_for_timeout(250)
    assert ref.evaluate(opacity) == "1"
    tab.mouse.move(0, 0)
    tab.wait_for_timeout(250)
    assert ref.evaluate(opacity) == "0"
    # Tab still reaches it, and it shows while focused.
    tab.locator("#op-2 a.atlas-permalink").focus()
    for _ in range(6):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('#op-3 > .atlas-para__ref a.atlas-permalink')"):
            break
    assert tab.evaluate("document.activeElement.getAttribute('href')") == "#op-3"
    tab.wait_for_timeout(250)
    assert ref.evaluate(opacity) == "1"


def test_the_matrix_scrolls_sideways_with_a_cue_and_keeps_its_first_column(
    browser: Browser, online: SiteUnderTest
) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(online.url("convention/index.md"))
        wrap = page.locator("[data-atlas-scroll]")
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth + 10")
        expect(page.locator(".atlas-scroll-cue")).to_be_visible()
        first = page.locator("table.atlas-matrix tbody th").first
        before = first.bounding_box()
        wrap.evaluate("el => { el.scrollLeft = 200; el.dispatchEvent(new Event('scroll')); }")
        page.wait_for_timeout(200)
        after = first.bounding_box()
        assert before and after and abs(before["x"] - after["x"]) < 2, (before, after)
        # The cell next to it did move: the table scrolled under the kept column.
        second = page.locator("table.atlas-matrix tbody tr").first.locator("td").nth(3).bounding_box()
        assert second is not None
    finally:
        context.close()


_BROKEN_WORDS = """() => {
  const broken = [];
  const els = document.querySelectorAll(['.md-content h1', '.md-content h2', '.atlas-identity dd',
    '.atlas-meta dd', '.atlas-kicker', '.md-content th', '.atlas-doc-item__title'].join(', '));
  for (const el of els) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /\\S+/g; let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const lines = new Set(rects.map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize(
    "path",
    [
        "resolutions/cop-res-5-1.md",
        "resolutions/cop-12-draft-co-chairs.md",
        "bodies/cop.md",
        "convention/index.md",
    ],
)
def test_no_word_is_broken_in_the_middle_on_a_phone(
    browser: Browser, online: SiteUnderTest, path: str
) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(online.url(path))
        assert page.evaluate(_BROKEN_WORDS) == []
    finally:
        context.close()
