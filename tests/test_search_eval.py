"""The judged query set (tests/search_queries.yaml) against the site's own search, in Chromium.

Every query must pass: its expected pages first. The seed part runs over the real corpus built
as the hosted site; the synthetic part over a corpus from ``atlas synth`` (the set's count and
seed), built the same way. The figures (success@1, success@5, MRR) are printed, and written to
BENCHMARKS.md by scripts/benchmark.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import ROOT, environ
from playwright.sync_api import Browser

from generator import search_eval as se
from generator.check import load_checked_corpus
from generator.mkdocs_adapter import build_site
from generator.synth import write_corpus

pytestmark = [pytest.mark.browser, pytest.mark.site]


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    queries = se.load()
    root = tmp_path_factory.mktemp("synthetic-search")
    write_corpus(queries.synthetic_count, queries.synthetic_seed, root / "corpus")
    with environ(ATLAS_CORPUS=str(root / "corpus"), SITE_URL=None, ATLAS_OFFLINE=None):
        status = build_site(
            ROOT / "mkdocs.yml",
            strict=True,
            site_dir=root / "site",
            docs_dir=root / "docs",
            configure_logging=False,
        )
    assert status == 0
    return root / "corpus", root / "site"


def test_the_set_is_large_enough_and_well_formed() -> None:
    queries = se.load()
    assert len(queries.seed) >= 30
    assert all(q.first and all(p.endswith("/") for p in q.first) for q in queries.seed)
    assert len({q.query for q in queries.seed}) == len(queries.seed)


def test_every_judged_query_finds_its_pages_first(
    chromium: str, browser: Browser, online_site: Path, synthetic_site: tuple[Path, Path]
) -> None:
    queries = se.load()
    seed = list(queries.seed)
    seed_results = se.run(online_site, [q.query for q in seed], chromium, browser=browser)
    corpus_dir, site = synthetic_site
    corpus, report = load_checked_corpus(corpus_dir)
    assert report.ok
    synthetic = se.expand(queries.rules, corpus)
    assert len(synthetic) >= 20, [q.query for q in synthetic]
    synthetic_results = se.run(site, [q.query for q in synthetic], chromium, browser=browser)
    figures = se.judge(seed + synthetic, seed_results + synthetic_results)
    print("\n" + figures.summary())
    assert len(figures.outcomes) >= 40
    failing = [(o.judged.query, o.judged.first, o.results[:5]) for o in figures.failures]
    assert not failing, failing
