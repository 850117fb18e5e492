"""The site in a real browser (Debian's Chromium through Playwright), as a reader uses it.

The same walk runs twice: on the hosted site served on loopback, and on the offline bundle
unzipped and opened from file://, where every request must stay on file:. Then accessibility
(axe-core, keyboard), and screenshots of every template at desktop and phone widths, saved to
test-artifacts/screenshots/ for a person to look at.

Search is driven through Material's search box and result list only, never its internals.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    SiteUnderTest,
    Traffic,
    assert_at_target,
    search,
    watch,
)
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.site]


@pytest.fixture(params=["online", "offline"])
def where(request: pytest.FixtureRequest) -> SiteUnderTest:
    """The hosted site on loopback, then the offline bundle from file://."""
    site = request.getfixturevalue(request.param)
    assert isinstance(site, SiteUnderTest)
    return site


@pytest.fixture
def traffic(tab: Page) -> Traffic:
    return watch(tab)


def assert_clean(traffic: Traffic, site: SiteUnderTest) -> None:
    """No failed request, no script error; and from file://, no request to anything but file:."""
    assert traffic.requests, "the page made no request at all: was it loaded?"
    assert not traffic.failed, traffic.failed
    assert not traffic.errors, traffic.errors
    if not site.directory_urls:
        assert not traffic.not_local(), f"the offline bundle asked another host: {traffic.not_local()}"


# --- the walk ------------------------------------------------------------------------------------------


def test_home_resolution_cites_article_and_back(tab: Page, traffic: Traffic, where: SiteUnderTest) -> None:
    tab.goto(where.url("index.md"))
    tab.locator('.atlas-doc-list a[href*="cop-10-draft-italy"]').first.click()
    expect(tab).to_have_url(where.url("resolutions/cop-10-draft-italy.md"))
    expect(tab.locator("h1#title")).to_contain_text("twentieth anniversary")

    # "Cites" → the article it invokes.
    tab.locator('#cites a[href*="convention/article-16"]').click()
    expect(tab).to_have_url(where.url("convention/article-16.md"))
    expect(tab.locator("h1")).to_contain_text("Extradition")

    # The article's citing paragraph → back to that very paragraph.
    tab.locator('a.atlas-article-cite__where[href*="cop-10-draft-italy"]').click()
    expect(tab).to_have_url(where.url("resolutions/cop-10-draft-italy.md", "op-2"))
    assert_at_target(tab, "op-2")

    tab.go_back()
    expect(tab).to_have_url(where.url("convention/article-16.md"))
    tab.go_back()
    expect(tab).to_have_url(where.url("resolutions/cop-10-draft-italy.md"))
    expect(tab.locator("h1#title")).to_contain_text("twentieth anniversary")
    assert_clean(traffic, where)


def test_cited_by_leads_from_a_text_outside_the_corpus_to_its_citers(
    tab: Page, traffic: Traffic, where: SiteUnderTest
) -> None:
    tab.goto(where.url("resolutions/cop-res-5-1.md"))
    tab.locator('#cites a[href*="cited/cop-res-5-5"]').click()
    expect(tab).to_have_url(where.url("cited/cop-res-5-5.md"))
    expect(tab.locator(".atlas-badge--cited")).to_have_text("Not in the corpus")
    tab.locator('#cited-by a.atlas-citing__where[href*="ccpcj-revised-draft-italy"]').click()
    expect(tab).to_have_url(where.url("resolutions/ccpcj-revised-draft-italy.md", "op-2"))
    assert_at_target(tab, "op-2")
    assert_clean(traffic, where)


def test_search_for_extradition_finds_article_16_and_its_citers(
    tab: Page, traffic: Traffic, where: SiteUnderTest
) -> None:
    tab.goto(where.url("resolutions/cop-res-5-1.md"))
    links = search(tab, "extradition")
    article = where.url("convention/article-16.md")
    # Material adds ?h=<terms> to highlight them on the page it opens.
    assert any(_page_of(link) == article for link in links), links
    assert any("cop-10-draft-italy" in link for link in links), links
    # A result is a working link: it opens the article's page.
    tab.locator(".md-search-result__list a").filter(
        has_text="Organized Crime Convention, article 16"
    ).first.click()
    expect(tab).to_have_url(re.compile(re.escape(article) + r"(\?[^#]*)?(#.*)?$"))
    expect(tab.locator("h1")).to_contain_text("Extradition")
    assert_clean(traffic, where)


def _page_of(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


def test_the_table_of_resolutions_filters_by_body(tab: Page, traffic: Traffic, where: SiteUnderTest) -> None:
    tab.goto(where.url("resolutions/index.md"))
    form = tab.locator('form[data-atlas-filter="atlas-resolutions"]')
    expect(form).to_be_visible()  # the script shows the filters it can run
    rows = tab.locator("#atlas-resolutions tbody tr")
    total = rows.count()
    assert total >= 4
    form.locator('select[name="body"]').select_option("ccpcj")
    shown = tab.locator("#atlas-resolutions tbody tr:not([hidden])")
    expect(shown).to_have_count(tab.locator('#atlas-resolutions tbody tr[data-body="ccpcj"]').count())
    assert 0 < shown.count() < total
    assert {shown.nth(i).get_attribute("data-body") for i in range(shown.count())} == {"ccpcj"}
    expect(form.locator("output")).to_have_text(f"{shown.count()} of {total}")
    form.locator('button[type="reset"]').click()
    expect(shown).to_have_count(total)
    assert_clean(traffic, where)


def test_the_timeline_filters_by_body_and_by_corpus(
    tab: Page, traffic: Traffic, where: SiteUnderTest
) -> None:
    tab.goto(where.url("timeline.md"))
    items = tab.locator("li.atlas-doc-item")
    total = items.count()
    tab.locator('input[name="body"][value="ga"]').uncheck()
    expect(tab.locator('li.atlas-doc-item[data-body="ga"]:not([hidden])')).to_have_count(0)
    assert tab.locator("li.atlas-doc-item:not([hidden])").count() > 0
    tab.locator('input[name="cited"]').uncheck()
    expect(tab.locator("li.atlas-doc-item--cited:not([hidden])")).to_have_count(0)
    tab.locator('input[name="body"][value="ga"]').check()
    tab.locator('input[name="cited"]').check()
    expect(tab.locator("li.atlas-doc-item:not([hidden])")).to_have_count(total)
    assert_clean(traffic, where)


def test_a_footnote_mark_jumps_to_its_note_and_back(
    tab: Page, traffic: Traffic, where: SiteUnderTest
) -> None:
    tab.goto(where.url("resolutions/cop-10-draft-italy.md"))
    tab.locator("#fnref-1 a").click()
    expect(tab).to_have_url(where.url("resolutions/cop-10-draft-italy.md", "fn-1"))
    assert_at_target(tab, "fn-1")
    expect(tab.locator("#fn-1")).to_contain_text("Treaty Series")
    tab.locator("#fn-1 a.atlas-footnote__back").click()
    expect(tab).to_have_url(where.url("resolutions/cop-10-draft-italy.md", "fnref-1"))
    assert_at_target(tab, "fnref-1")
    assert_clean(traffic, where)


def test_a_paragraph_permalink_opens_at_that_paragraph(
    tab: Page, traffic: Traffic, where: SiteUnderTest
) -> None:
    tab.goto(where.url("resolutions/cop-res-5-1.md", "op-7"))
    assert_at_target(tab, "op-7")
    assert tab.evaluate("window.scrollY") > 0
    expect(tab.locator("#op-7")).to_contain_text("article 30, paragraph 2 (c)")
    assert_clean(traffic, where)


def test_copy_link_puts_the_paragraph_address_on_the_clipboard(tab: Page, online: SiteUnderTest) -> None:
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.goto(online.url("resolutions/cop-res-5-1.md"))
    button = tab.locator('button[data-atlas-copy="op-7"]')
    # The permalink and its button show when the pointer is over the paragraph (or on focus).
    tab.locator("#op-7 > .atlas-para__text").hover()
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("Copied")
    assert tab.evaluate("navigator.clipboard.readText()") == online.url("resolutions/cop-res-5-1.md", "op-7")


# --- accessibility -------------------------------------------------------------------------------------

# One page of each template (and the states worth seeing), by Markdown source.
TEMPLATES = {
    "home": "index.md",
    "resolutions": "resolutions/index.md",
    "resolution": "resolutions/cop-res-5-1.md",
    "resolution-annex": "resolutions/cop-12-draft-co-chairs.md",
    "cited": "cited/cop-res-5-5.md",
    "cited-index": "cited/index.md",
    "convention": "convention/index.md",
    "article": "convention/article-30.md",
    "protocols": "protocols/index.md",
    "protocol": "protocols/tip/index.md",
    "timeline": "timeline.md",
    "bodies": "bodies/index.md",
    "body": "bodies/cop.md",
    "unresolved": "reports/unresolved.md",
    "about": "about.md",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_serious_accessibility_violations(tab: Page, online: SiteUnderTest, axe: Axe, name: str) -> None:
    """axe-core finds nothing serious or critical, at desktop width and at phone width."""
    for viewport in (DESKTOP, PHONE):
        tab.set_viewport_size(viewport)  # type: ignore[arg-type]
        tab.goto(online.url(TEMPLATES[name]))
        results = axe.run(tab)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        report = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad
        )
        assert not bad, f"{name} at {viewport['width']} px:\n{report}"


def _tab_until(tab: Page, wanted: str, limit: int = 80) -> int:
    """Press Tab from where focus is until an element matching ``wanted`` has it; the count."""
    for presses in range(1, limit + 1):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement.matches(s)", wanted):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {wanted}")


def test_keyboard_reaches_the_search_box_and_the_paragraph_links(tab: Page, online: SiteUnderTest) -> None:
    tab.goto(online.url("resolutions/cop-res-5-1.md"))
    assert _tab_until(tab, "input.md-search__input") <= 5
    # Focus shows: the search box gets an outline or a changed background (Material's own).
    _tab_until(tab, "a.atlas-permalink")
    assert tab.evaluate("document.activeElement.getAttribute('href')").startswith("#pp-")
    _tab_until(tab, "button[data-atlas-copy]", limit=2)
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused copy-link button shows no focus ring"
    tab.keyboard.press("Enter")
    expect(tab.locator("button[data-atlas-copy]:focus")).to_have_text(re.compile("Copied|Press Ctrl\\+C"))


# --- screenshots ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def screenshots() -> Iterator[Path]:
    out = ARTIFACTS / "screenshots"
    if out.is_dir():  # this run's pictures only: none left over from a template since renamed
        shutil.rmtree(out)
    out.mkdir(parents=True)
    yield out


# What a reader sees first, without scrolling: the page's heading, whole, and the start of its first
# paragraph, each really shown at that spot (the element the browser finds there is it, not the
# sticky header or a drawer over it). Returns what is not, as sentences.
_ABOVE_THE_FOLD = """() => {
  const problems = [];
  const fold = window.innerHeight;
  const shown = (el, what, whole) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) { problems.push(`${what} has no size`); return; }
    if (r.top < 0 || r.top >= fold || (whole && r.bottom > fold)) {
      problems.push(`${what} stands at ${Math.round(r.top)}-${Math.round(r.bottom)} px, the fold at ${fold}`);
      return;
    }
    if (r.left < 0 || r.right > window.innerWidth + 1) {
      problems.push(`${what} is cut at the side`);
      return;
    }
    const y = whole ? (r.top + r.bottom) / 2 : Math.min(r.top + 8, (r.top + Math.min(r.bottom, fold)) / 2);
    const x = Math.min(r.left + 8, (r.left + r.right) / 2);
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(el === hit || el.contains(hit))) {
      const by = hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing';
      problems.push(`${what} is covered by ${by}`);
    }
  };
  const content = document.querySelector('.md-content article') || document.querySelector('.md-content');
  if (!content) return ['no .md-content on the page'];
  const h1 = content.querySelector('h1');
  if (h1) shown(h1, 'the heading (h1)', true); else problems.push('no h1 heading');
  const first = [...content.querySelectorAll('p')].find(
    p => p.innerText.trim().length > 0 && p.getBoundingClientRect().height > 0);
  if (first) shown(first, 'the first paragraph', false); else problems.push('no paragraph');
  return problems;
}"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_of_every_template(
    browser: Browser, online: SiteUnderTest, offline: SiteUnderTest, screenshots: Path, width: str
) -> None:
    """Saves test-artifacts/screenshots/<template>-<width>.png; no page scrolls sideways, and each
    shows its heading and the start of its first paragraph without scrolling.

    Also a resolution of the offline bundle (offline-resolution-<width>.png): the same page,
    icons and all, from file://.
    """
    viewport = DESKTOP if width == "desktop" else PHONE
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        overflowing: list[str] = []
        hidden: list[str] = []
        for name, source in TEMPLATES.items():
            page.goto(online.url(source))
            target = screenshots / f"{name}-{width}.png"
            # Material's header fades its title in as the page scrolls: shoot the settled state.
            page.screenshot(path=str(target), animations="disabled")
            assert target.stat().st_size > 5_000, f"{target} is blank"
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
                overflowing.append(name)
            hidden.extend(f"{name}: {problem}" for problem in page.evaluate(_ABOVE_THE_FOLD))
        page.goto(online.url("resolutions/cop-res-5-1.md", "op-7"))
        page.screenshot(path=str(screenshots / f"permalink-{width}.png"), animations="disabled")
        page.emulate_media(media="print")
        page.screenshot(path=str(screenshots / f"resolution-print-{width}.png"), full_page=True)
        page.emulate_media(media="screen")
        page.goto(offline.url("resolutions/cop-10-draft-italy.md"))
        page.screenshot(path=str(screenshots / f"offline-resolution-{width}.png"), animations="disabled")
        assert not overflowing, f"at {viewport['width']} px these pages scroll sideways: {overflowing}"
        assert not hidden, f"at {viewport['width']} px, not seen without scrolling: {hidden}"
    finally:
        context.close()
