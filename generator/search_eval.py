"""The judged query set (tests/search_queries.yaml): queries, the pages that must come first, and
how well the site's search answers them — success@1, success@5 and mean reciprocal rank.

The answers come from the real search worker (overrides/assets/javascripts/atlas-search.js) over a
built site, run in headless Chromium: the same code, index and ranking a reader's browser uses.
A query's *rank* is the position of the first of its expected pages among the result pages
(grouped as the search box and the search page show them); it *passes* when its expected pages
are exactly the first ones, in any order.

The set has two parts: literal queries over the seed corpus (``corpus/``), and rules over a
synthetic corpus (``atlas synth``) expanded against that corpus when it is built — "a text's own
number finds it first", "its title in quotes finds it first" — so that the synthetic part judges
every synthetic corpus the same way, whatever texts the generator draws.

Used by ``tests/test_search_eval.py`` (which requires every query to pass) and by
``scripts/benchmark.py`` (which reports the figures in BENCHMARKS.md). Playwright is imported
only when queries are run.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.markup import to_plain
from generator.model import Corpus, Resolution
from generator.render import naming

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "search_queries.yaml"

# How many result pages a query is judged on.
DEPTH = 20


@dataclass(frozen=True)
class Judged:
    """A query and the pages (site paths: ``resolutions/cop-res-5-1/``) that must come first."""

    query: str
    first: tuple[str, ...]
    corpus: str  # "seed" or "synthetic"
    note: str = ""


@dataclass(frozen=True)
class QuerySet:
    seed: tuple[Judged, ...]
    synthetic_count: int
    synthetic_seed: int
    rules: tuple[Mapping[str, Any], ...]


def load(path: Path = QUERIES) -> QuerySet:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    seed = tuple(
        Judged(str(q["query"]), tuple(q["first"]), "seed", str(q.get("note", ""))) for q in data["seed"]
    )
    synthetic = data["synthetic"]
    return QuerySet(seed, int(synthetic["count"]), int(synthetic["seed"]), tuple(synthetic["rules"]))


def page_of(resolution_id: str) -> str:
    return f"resolutions/{resolution_id}/"


def expand(rules: Sequence[Mapping[str, Any]], corpus: Corpus) -> list[Judged]:
    """The synthetic part's queries for ``corpus``: each rule applied to the first texts (by id)
    it fits."""
    texts = sorted(corpus.resolutions, key=lambda r: r.id)
    out: list[Judged] = []
    for rule in rules:
        kind, take = str(rule["kind"]), int(rule["take"])
        fits = [q for r in texts if (q := _query(kind, r, corpus, texts)) is not None]
        out += [Judged(q, (page_of(r.id),), "synthetic", kind) for q, r in fits[:take]]
    return out


def _query(
    kind: str, r: Resolution, corpus: Corpus, texts: Sequence[Resolution]
) -> tuple[str, Resolution] | None:
    abbreviation = naming.body_abbreviation(corpus.bodies, r.body)
    same_number = [t for t in texts if t.number == r.number]
    if kind == "number" and r.number:
        # "COP 12/7": the body's abbreviation and the number; unique by construction.
        return f"{abbreviation} {r.number}", r
    if kind == "resolution-number" and r.number and r.kind == "resolution" and len(same_number) == 1:
        return f"resolution {r.number}", r
    if kind == "bare-number" and r.number and len(same_number) == 1:
        return r.number, r
    if kind == "title":
        same_title = [t for t in texts if t.title == r.title]
        # A title given to one text only (synthetic titles repeat), as a phrase in quotes.
        if len(same_title) == 1 and len(r.title.split()) >= 4:
            return f'"{to_plain(r.title)}"', r
    return None


# --- running queries ------------------------------------------------------------------------------

_RUN = """async ({queries, worker}) => {
  const w = new Worker(worker);
  const next = () => new Promise(resolve => w.addEventListener("message", function once(ev) {
    w.removeEventListener("message", once); resolve(ev.data);
  }));
  let answer = next();
  w.postMessage({type: 0, data: {docs: [], options: {}}});
  await answer;
  const out = [];
  for (const query of queries) {
    answer = next();
    w.postMessage({type: 2, data: {query, limit: LIMIT}});
    const result = (await answer).data;
    out.push((result.items || []).map(group => {
      const head = group[0];
      return (head.atlas && head.atlas.page) || head.location.split("#")[0];
    }));
  }
  w.terminate();
  return out;
}""".replace("LIMIT", str(DEPTH * 4))


@contextmanager
def _served(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def run(
    site: Path, queries: Sequence[str], chromium: str, args: Sequence[str] = (), browser: Any = None
) -> list[list[str]]:
    """The result pages of each query (site paths, best first) from the site's own search worker;
    in ``browser`` (a Playwright Browser) when given, else in a Chromium launched for it."""
    with _served(site) as base:
        if browser is not None:
            return _ask(browser, base, queries)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=chromium, args=list(args))
            try:
                return _ask(launched, base, queries)
            finally:
                launched.close()


def _ask(browser: Any, base: str, queries: Sequence[str]) -> list[list[str]]:
    page = browser.new_page()
    try:
        page.goto(base)
        worker = base + "assets/javascripts/atlas-search.js"
        found: list[list[str]] = page.evaluate(_RUN, {"queries": list(queries), "worker": worker})
    finally:
        page.close()
    return [[_site_path(location) for location in pages][:DEPTH] for pages in found]


def _site_path(location: str) -> str:
    path = location.split("#", 1)[0].split("?", 1)[0]
    while path.startswith("./"):
        path = path[2:]
    return path


# --- figures --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    judged: Judged
    results: tuple[str, ...]

    @property
    def rank(self) -> int | None:
        """Position (1-based) of the first expected page among the results, None if absent."""
        return next((i for i, page in enumerate(self.results, 1) if page in self.judged.first), None)

    @property
    def passed(self) -> bool:
        n = len(self.judged.first)
        return set(self.results[:n]) == set(self.judged.first)


@dataclass(frozen=True)
class Figures:
    outcomes: tuple[Outcome, ...]

    def success_at(self, k: int) -> float:
        ranks = [o.rank for o in self.outcomes]
        return sum(1 for r in ranks if r is not None and r <= k) / max(1, len(ranks))

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / max(1, len(self.outcomes))

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.passed]

    def part(self, corpus: str) -> Figures:
        return Figures(tuple(o for o in self.outcomes if o.judged.corpus == corpus))

    def summary(self) -> str:
        return (
            f"{len(self.outcomes)} queries: success@1 {self.success_at(1):.3f}, "
            f"success@5 {self.success_at(5):.3f}, MRR {self.mrr:.3f}, {len(self.failures)} failing"
        )


def judge(judged: Sequence[Judged], results: Sequence[Sequence[str]]) -> Figures:
    return Figures(tuple(Outcome(j, tuple(r)) for j, r in zip(judged, results, strict=True)))


def markdown(figures: Figures) -> str:
    """The section of BENCHMARKS.md: the figures, per part and in all."""
    lines = [
        "| queries | n | success@1 | success@5 | MRR | failing |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, part in (
        ("seed corpus", figures.part("seed")),
        ("synthetic corpus", figures.part("synthetic")),
        ("all", figures),
    ):
        lines.append(
            f"| {name} | {len(part.outcomes)} | {part.success_at(1):.3f} | {part.success_at(5):.3f} "
            f"| {part.mrr:.3f} | {len(part.failures)} |"
        )
    for o in figures.failures:
        expected, got = ", ".join(o.judged.first), ", ".join(o.results[:5])
        lines.append(f"\nFailing: `{o.judged.query}` — expected {expected}; got {got}")
    return "\n".join(lines) + "\n"


# --- for the benchmark ----------------------------------------------------------------------------

SECTION = "## Search quality: the judged query set"


def measure(chromium: str, work: Path, args: Sequence[str] = ()) -> Figures:
    """Build the seed corpus and the set's synthetic corpus as hosted sites under ``work``, and judge
    every query of the set against them."""
    import os

    from generator.check import load_checked_corpus
    from generator.mkdocs_adapter import build_site
    from generator.synth import write_corpus

    root = QUERIES.parent.parent
    queries = load()
    write_corpus(queries.synthetic_count, queries.synthetic_seed, work / "synthetic" / "corpus")
    sites = {}
    for name, corpus in (("seed", root / "corpus"), ("synthetic", work / "synthetic" / "corpus")):
        saved = os.environ.get("ATLAS_CORPUS")
        os.environ["ATLAS_CORPUS"] = str(corpus)  # the corpus mkdocs.yml builds (its !ENV tag)
        try:
            site, docs = work / name / "site", work / name / "docs"
            status = build_site(root / "mkdocs.yml", strict=True, site_dir=site, docs_dir=docs)
        finally:
            if saved is None:
                os.environ.pop("ATLAS_CORPUS", None)
            else:
                os.environ["ATLAS_CORPUS"] = saved
        if status != 0:
            raise RuntimeError(f"the {name} site did not build")
        sites[name] = site
    synthetic_corpus, report = load_checked_corpus(work / "synthetic" / "corpus")
    if not report.ok:
        raise RuntimeError(report.format())
    synthetic = expand(queries.rules, synthetic_corpus)
    seed = list(queries.seed)
    results = run(sites["seed"], [q.query for q in seed], chromium, args)
    results += run(sites["synthetic"], [q.query for q in synthetic], chromium, args)
    return judge(seed + synthetic, results)


def section(figures: Figures) -> str:
    """The section of BENCHMARKS.md on search quality."""
    queries = load()
    return (
        f"{SECTION}\n\n"
        f"`tests/search_queries.yaml`: {len(queries.seed)} queries over the seed corpus, judged by reading "
        f"the texts, and rules over a synthetic corpus (`atlas synth --count {queries.synthetic_count} "
        f"--seed {queries.synthetic_seed}`) expanded into {len(figures.part('synthetic').outcomes)} "
        "queries (a text's number, `resolution N/M`, the bare number, its title in quotes). Each query "
        "names the pages that must come first; its rank is the position of the first of them among the "
        "result pages, as the site's own search worker returns them in headless Chromium "
        "(`generator/search_eval.py`; `tests/test_search_eval.py` requires every query to pass).\n\n"
        + markdown(figures)
    )


def write_section(path: Path, text: str) -> None:
    """Put ``text`` in place of the file's search-quality section (or before its notes, or at its end)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    marker = "<!-- Notes below"
    if SECTION in old:
        start = old.index(SECTION)
        rest = old[start + len(SECTION) :]
        ends = [i for i in (rest.find("\n## "), rest.find("\n" + marker)) if i >= 0]
        end = start + len(SECTION) + (min(ends) + 1 if ends else len(rest))
        new = old[:start] + text + "\n" + old[end:]
    elif marker in old:
        at = old.index(marker)
        new = old[:at] + text + "\n" + old[at:]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m generator.search_eval [--write BENCHMARKS.md]``: judge the set, print the figures."""
    import argparse
    import tempfile

    from generator.bundle import CHROMIUM_ARGS, find_chromium

    parser = argparse.ArgumentParser(description="Judge the search on tests/search_queries.yaml")
    parser.add_argument("--write", help="update this file's search-quality section (BENCHMARKS.md)")
    options = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium found (apt-get install chromium, or set ATLAS_CHROMIUM)")
        return 1
    with tempfile.TemporaryDirectory() as work:
        figures = measure(chromium, Path(work), CHROMIUM_ARGS)
    text = section(figures)
    print(text)
    if options.write:
        write_section(Path(options.write), text)
    return 0 if not figures.failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
