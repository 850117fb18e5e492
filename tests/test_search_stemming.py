"""The index builder and the browser stem the same: Snowball's English stemmer on both sides.

The builder uses the Python package snowballstemmer (pinned in pyproject.toml); the search worker
the vendored JavaScript build (overrides/assets/vendor/snowball/english.js, see its SOURCE.txt).
One word list — every word of the seed corpus, its instruments and bodies, and forms chosen to
reach the algorithm's rarer steps — is stemmed by both, in headless Chromium, and must agree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator import search_index as si

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
STEMMER = ROOT / "overrides" / "assets" / "vendor" / "snowball" / "english.js"
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "atlas-search.js"

# Forms that exercise the algorithm's special cases (exceptions, -ly, -ing, y → i, double letters).
FORMS = [
    "extradite",
    "extradited",
    "extradites",
    "extradition",
    "extraditions",
    "extraditable",
    "trafficked",
    "trafficking",
    "traffickers",
    "trafficker",
    "persons",

    "organized",
    "organization",
    "organizations",
    "organizational",
    "generously",
    "skies",
    "dying",
    "lying",
    "tying",
    "news",
    "howe",
    "atlas",
    "cosmos",
    "bias",
    "andes",
    "innings",
    "outing",
    "canning",
    "herring",
    "earring",
    "proceed",
    "exceed",
    "succeed",
    "gently",
    "singly",
    "early",
    "only",
    "replying",
    "reply",
    "conditional",
    "rational",
    "valenci",
    "hesitanci",
    "digitizer",
    "conformabli",
    "radicalli",
    "differentli",
    "vileli",
    "analogousli",
    "vietnamization",
    "predication",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formaliti",
    "sensitiviti",
    "sensibiliti",
    "triplicate",
    "formative",
    "formalize",
    "electriciti",
    "electrical",
    "hopeful",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "homologou",
    "communism",
    "activate",
    "angulariti",
    "homologous",
    "effective",
    "bowdlerize",
    "probate",
    "rate",
    "cease",
    "controll",
    "rolling",
    "failing",
    "filing",
    "consign",
    "consigned",
    "consigning",
    "generate",
    "generation",
    "generality",
    "generic",
    "communal",
    "commune",
    "arsenic",
    "arsenal",
    "universal",
    "university",
]


def word_list() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*")) if p.is_file()]
    words = {t for text in texts for t in si.tokens(text) if t.isalpha()}
    return sorted(words | {w.lower() for w in FORMS})


def test_the_word_list_is_large() -> None:
    assert len(word_list()) > 1000


def test_python_and_the_browser_stem_one_word_list_identically(browser: Browser) -> None:
    words = word_list()
    page = browser.new_page()
    try:
        page.set_content("<html><body></body></html>")
        page.add_script_tag(content=STEMMER.read_text(encoding="utf-8"))
        in_browser = page.evaluate("words => words.map(w => window.snowballFactory.stemEnglish(w))", words)
    finally:
        page.close()
    python = [si.stem(w) for w in words]
    differ = [(w, p, b) for w, p, b in zip(words, python, in_browser, strict=True) if p != b]
    assert not differ, differ[:20]
    # The stemmer stems: the pairs of the issue meet.
    assert si.stem("extradite") == si.stem("extradition") and si.stem("trafficked") == si.stem("trafficking")


def test_the_worker_indexes_query_words_as_the_builder_does(browser: Browser) -> None:
    samples = [
        "Article 16. Extradition",
        "General Assembly resolution 55/25 and CTOC/COP/2020/1, E/CN.15/2012/15.",
        "Protección de los Niños, anti-corruption, snake_case",
        "the trafficked persons being smuggled: article 18, paragraph 2 (c)",
    ]
    page = browser.new_page()
    try:
        page.set_content("<html><body></body></html>")
        page.add_script_tag(content=STEMMER.read_text(encoding="utf-8"))
        page.add_script_tag(content=WORKER.read_text(encoding="utf-8"))
        page.evaluate("stops => { stopWords = new Set(stops); }", sorted(si.STOP_WORDS))
        assert page.evaluate("texts => texts.map(terms)", samples) == [si.terms(t) for t in samples]
        assert page.evaluate("texts => texts.map(tokens)", samples) == [si.tokens(t) for t in samples]
    finally:
        page.close()


def test_the_vendored_build_says_where_it_comes_from() -> None:
    source = (STEMMER.parent / "SOURCE.txt").read_text(encoding="utf-8")
    assert "snowball-stemmers 0.6.0" in source and "snowballstemmer 2.2.0" in source
    assert "BSD" in (STEMMER.parent / "LICENSE").read_text(encoding="utf-8")
    pinned = re.search(r'"snowballstemmer==([\d.]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned and pinned[1] == "2.2.0"
