#!/usr/bin/env python3
"""Benchmark the site build on synthetic corpora of several sizes; write BENCHMARKS.md.

    .venv/bin/python scripts/benchmark.py                       # N = 100, 1000, 10000
    .venv/bin/python scripts/benchmark.py --sizes 100 1000      # quicker
    .venv/bin/python scripts/benchmark.py --sizes 100 --out -   # print the report, write nothing

For every N, in a fresh temporary directory:

1. ``synth``: ``generator.synth.write_corpus(N, seed)`` writes a realistic corpus (not part of the build).
2. ``stages``: a fresh Python process runs the real build *in process* — the MkDocs hook and all —
   with clocks around the generator's stages (load and check, citations, graph, render, search index,
   write), Material's search plugin and the whole build; MkDocs' own share is the rest.
3. ``build``: the real build as a user runs it, ``atlas build`` (MkDocs with the project's hook), timed
   from the outside: the end-to-end wall time, pages per second and the sizes all come from this site.
4. ``floor``: the bare-MkDocs floor — the docs that step 3 generated, copied once and built by a plain
   ``mkdocs build`` with the same mkdocs.yml minus our hook. Ratio = build / floor, same run, same machine.
5. ``search``: headless Chromium (Debian's, through Playwright) opens a resolution page of the built
   site served on loopback, and of an offline build (``atlas build --offline``, page.html URLs) from
   ``file://``; it types queries into Material's search box and times "query typed → first result
   shown" after the page's load event, the bytes of index the query loaded, and the longest task
   that blocked the page's main thread; ``--search-rounds N`` runs the queries N times (each in a
   fresh page) and reports each query's median and slowest.
6. ``serve`` (N = 1,000 by default): ``atlas serve`` on loopback; one resolution's YAML is edited and
   the rebuild that follows is timed from the edit to MkDocs' "built" line, with the number of
   generated files it rewrote.

Peak memory: the maximum resident set size (``ru_maxrss``) of each build process, read with
``os.wait4``; and, since the build forks worker processes, the peak of the whole process tree's
proportional set size (PSS, shared pages counted once), sampled four times a second. A progress bar
shows on a terminal; it is quiet when stderr is not a TTY or ``CI=true``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the generator package is importable

DEFAULT_SIZES = (100, 1000, 10000)
# The generator stages as generate() names them, in pipeline order.
GENERATOR_STAGES = ("load and check", "citations", "graph", "export", "render", "search index", "write")
OTHER_STAGES = ("material search", "mkdocs (rest)")
# Queries typed into the search box: one word that titles hold, a phrase, a word being typed.
QUERIES = ("extradition", "mutual legal assistance", "trafficking in persons", "confisc")
# Targets of issue 5, section 3: checked in the report when the sizes they need were measured.
TARGET_SECONDS_10K = 120.0
TARGET_FLOOR_RATIO = 1.15
TARGET_LINEARITY = 11.0
TARGET_PAGE_BYTES_DRIFT = 0.10
TARGET_GENERATOR_SHARE = 0.15
TARGET_PEAK_BYTES = 2 * 1024**3
TARGET_SEARCH_SECONDS = 1.0
# Everything after this line of BENCHMARKS.md is written by hand and kept when the file is rewritten.
NOTES_MARKER = (
    "<!-- Notes below are written by hand; scripts/benchmark.py keeps them when it rewrites the file. -->"
)


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass
class Run:
    """One child process: wall seconds, its own peak RSS, its process tree's peak PSS, its warnings."""

    seconds: float
    peak_bytes: int
    tree_peak_bytes: int = 0
    warnings: list[str] = field(default_factory=list)
    # The atlas plugin's line of stage timings ("atlas: pages … (load and check 1.2s, …)"), if any.
    atlas_line: str = ""
    # The machine's load average (1 minute) when the run started and when it ended.
    load: tuple[float, float] = (0.0, 0.0)


@dataclass
class SearchTiming:
    """One query typed into the search box of a page just loaded."""

    where: str  # "online" or "file://"
    query: str
    seconds: float  # from the page's load event to the first result shown (typed right after it)
    query_seconds: float  # from the query typed to the first result shown
    wall_seconds: float  # the same as Playwright saw it, with its own round trips
    results: int  # result groups Material shows
    first: str  # the first result's link, from the site's root
    index_bytes: int  # bytes of the atlas index the query loaded (manifest included)
    page_index_bytes: int  # bytes of Material's index every page loads
    longest_task: float  # the longest main-thread task from navigation to results, seconds
    load_seconds: float  # navigation start to the load event
    round: int = 1  # which round of the queries (--search-rounds)


@dataclass
class ServeResult:
    """`atlas serve`: the first build, then one rebuild after each kind of change."""

    seconds: float  # one word edited: from the write to MkDocs' "Documentation built"
    written: int  # generated files rewritten by that rebuild
    unchanged: int
    first_build: float
    served_seconds: float = 0.0  # one word edited: from the write to the page served with the word
    no_change: float = 0.0  # a file saved with the same bytes: write → built
    add: float = 0.0  # a new resolution file: write → built
    add_served: float = 0.0  # … → its page served
    delete: float = 0.0  # that file deleted: write → built
    delete_served: float = 0.0  # … → its page gone (404)
    tree_peak_bytes: int = 0  # peak PSS of the serve process (tree) over all of it


@dataclass
class SizeResult:
    count: int
    synth_seconds: float
    stages: dict[str, float]  # generator stages, "material search", "mkdocs (rest)", "total"
    stages_peak_bytes: int  # peak RSS of the in-process build
    generator_peak_bytes: int  # peak RSS when the generator stages had finished
    build: Run
    floor: Run
    html_pages: int
    resolution_pages: int
    resolution_page_median: float
    resolution_page_max: int
    site_bytes: int
    search_index_bytes: int  # the atlas index (assets/search/)
    search_index_files: int
    search_index_largest: int  # its largest file
    material_index_bytes: int  # Material's search/search_index.json
    docs_bytes: int
    offline_seconds: float = 0.0
    warm_build_seconds: float = 0.0  # `atlas build` again, nothing changed (the cache full)
    search: list[SearchTiming] = field(default_factory=list)
    serve: ServeResult | None = None
    # Where the stage table came from: "in process" (a run of its own) or "build log" (the build's).
    stages_from: str = "in process"
    calibration_seconds: float = 0.0  # calibrate() before this size's runs
    load: dict[str, list[float]] = field(default_factory=dict)  # run → load average at start, end

    @property
    def ratio(self) -> float:
        """build / floor; NaN when the floor was not measured (``--skip floor``)."""
        return self.build.seconds / self.floor.seconds if self.floor.seconds else float("nan")

    @property
    def pages_per_second(self) -> float:
        return self.html_pages / self.build.seconds

    @property
    def generator_seconds(self) -> float:
        return sum(self.stages.get(s, 0.0) for s in GENERATOR_STAGES)

    @property
    def peak_bytes(self) -> int:
        return max(self.build.peak_bytes, self.build.tree_peak_bytes, self.stages_peak_bytes)


# --------------------------------------------------------------------------------------------------
# Configuration: the project's mkdocs.yml, with absolute paths into a work directory
# --------------------------------------------------------------------------------------------------


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's ``!ENV [NAME, default]`` the way MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    names = loader.construct_sequence(node)  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if v in os.environ), default)


_EnvLoader.add_constructor("!ENV", _env_tag)


class _EnvDumper(yaml.SafeDumper):
    """Writes values that were ``!ENV`` tags back as such, so that the children read their own env."""


@dataclass(frozen=True)
class _Env:
    names: list[Any]


_EnvDumper.add_representer(_Env, lambda dumper, env: dumper.represent_sequence("!ENV", env.names))


class _KeepEnvLoader(yaml.SafeLoader):
    pass


_KeepEnvLoader.add_constructor(
    "!ENV",
    lambda loader, node: _Env(
        [loader.construct_scalar(node)]  # type: ignore[arg-type]
        if isinstance(node, yaml.ScalarNode)
        else loader.construct_sequence(node)  # type: ignore[arg-type]
    ),
)


def project_config() -> dict[str, Any]:
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KeepEnvLoader)
    if not isinstance(data, dict):
        raise SystemExit(f"{ROOT / 'mkdocs.yml'} is not a mapping")
    return data


def write_config(path: Path, docs: Path, site: Path, *, atlas: bool) -> Path:
    """mkdocs.yml with absolute paths, so builds run anywhere; ``atlas=False`` gives the floor's config
    (no atlas plugin). The atlas plugin's cache goes to ``build/cache`` beside the written file."""
    config = project_config()
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((ROOT / theme["custom_dir"]).resolve())
    if not atlas:
        # The floor: MkDocs and Material alone, without the atlas plugin (check, generation).
        plugins = config.get("plugins", [])
        config["plugins"] = [
            p for p in plugins if p != "atlas" and not (isinstance(p, dict) and "atlas" in p)
        ]
    text = yaml.dump(config, Dumper=_EnvDumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def child_env(corpus: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("ATLAS_OFFLINE", None)
    env.pop("SITE_URL", None)
    env.update(
        ATLAS_CORPUS=str(corpus),
        ATLAS_PAGES=str(ROOT / "pages"),
        NO_MKDOCS_2_WARNING="1",  # Material's banner, not part of a build
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    env.update(extra)
    return env


# --------------------------------------------------------------------------------------------------
# Child processes, and the memory of their process trees
# --------------------------------------------------------------------------------------------------


def _tree_pss(group: int) -> int:
    """The PSS of every process in process group ``group`` (shared pages counted once), in bytes."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            # Fields after the command (which may hold spaces) start after its closing parenthesis.
            if int(stat[stat.rindex(")") + 2 :].split()[2]) != group:
                continue
            for line in (proc / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except (OSError, ValueError, IndexError):
            continue
    return total


class _TreeSampler:
    """Samples a process group's PSS until stopped; ``peak`` is the largest total seen."""

    def __init__(self, group: int, interval: float = 0.25) -> None:
        self.group, self.interval, self.peak = group, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, _tree_pss(self.group))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_child(args: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    """Run a command to completion: wall time, its own peak RSS (via wait4), its tree's peak PSS."""
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(args), env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        sampler = _TreeSampler(proc.pid) if Path("/proc/self/smaps_rollup").exists() else None
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        tree = sampler.stop() if sampler else 0
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(args)}\n{output[-4000:]}")
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    atlas_line = next((line for line in output.splitlines() if "atlas: pages " in line), "")
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(seconds, peak, tree, warnings, atlas_line, (load_before, os.getloadavg()[0]))


def mkdocs_build(config: Path, corpus: Path, cwd: Path) -> Run:
    """The floor: MkDocs' own command. Not --quiet, which would hide the warnings the report lists."""
    return run_child([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], child_env(corpus), cwd)


def atlas_build(config: Path, corpus: Path, cwd: Path, *extra: str, **env: str) -> Run:
    """The build as the README runs it: ``atlas build`` (check, generate, MkDocs) in one process."""
    return run_child(
        [sys.executable, "-m", "generator", "build", "--config", str(config), *extra],
        child_env(corpus, **env),
        cwd,
    )


def best_of(repeat: int, run: Callable[[], Run]) -> Run:
    """The fastest of ``repeat`` runs (the least disturbed by other load); memory is the highest seen."""
    runs = [run() for _ in range(repeat)]
    fastest = min(runs, key=lambda r: r.seconds)
    return Run(
        fastest.seconds,
        max(r.peak_bytes for r in runs),
        max(r.tree_peak_bytes for r in runs),
        sorted({w for r in runs for w in r.warnings}),
        fastest.atlas_line,
        fastest.load,
    )


_STAGE_CLOCK = re.compile(r"([a-z][a-z ]*?) ([\d.]+)s\b")


def stages_of_log(run: Run) -> dict[str, float]:
    """The generator's stage clocks as the atlas plugin logs them, the rest of the run as MkDocs'
    (process start included: the build was timed from outside)."""
    inside = run.atlas_line.partition("(")[2].partition(")")[0]
    clocks = {name: float(seconds) for name, seconds in _STAGE_CLOCK.findall(inside)}
    stages = {name: clocks.get(name, 0.0) for name in GENERATOR_STAGES}
    stages["material search"] = 0.0
    stages["mkdocs (rest)"] = max(0.0, run.seconds - sum(stages.values()))
    stages["total"] = run.seconds
    return stages


def calibrate() -> float:
    """Seconds for a fixed loop of pure Python: how fast this machine runs the build's kind of code
    right now (a machine shared with other work is slower; compare runs by this, or by ratios)."""
    start = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i
    return time.perf_counter() - start


# --------------------------------------------------------------------------------------------------
# The in-process worker: one real build with clocks on every stage
# --------------------------------------------------------------------------------------------------


def _peak_rss() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * (1 if sys.platform == "darwin" else 1024)


def worker(config: Path, out: Path) -> None:
    """Build once in this process, timing the generator's stages, Material's search and the rest.

    The clocks are installed before MkDocs loads the plugin, so its build session calls the wrapped
    ``generate``; nothing of the build itself is replaced.
    """
    from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
    from mkdocs.commands import build
    from mkdocs.config import load_config

    import generator.session as session_module

    captured: dict[str, Any] = {"material search": 0.0}
    real_generate = session_module.generate  # type: ignore[attr-defined]

    def timed_generate(*args: Any, **kwargs: Any) -> Any:
        result = real_generate(*args, **kwargs)
        captured["timings"] = dict(result.timings)
        captured["generator_peak_bytes"] = _peak_rss()
        return result

    session_module.generate = timed_generate  # type: ignore[attr-defined]

    def clocked(method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                captured["material search"] += time.perf_counter() - start

        return wrapper

    # Material's search indexes each page as it is rendered and writes the index at the end.
    SearchPlugin.on_page_context = clocked(SearchPlugin.on_page_context)  # type: ignore[method-assign]
    SearchPlugin.on_post_build = clocked(SearchPlugin.on_post_build)  # type: ignore[method-assign]

    start = time.perf_counter()
    cfg = load_config(config_file=str(config))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build.build(cfg, dirty=False)
    finally:
        cfg.plugins.on_shutdown()
    total = time.perf_counter() - start

    stages = {name: captured.get("timings", {}).get(name, 0.0) for name in GENERATOR_STAGES}
    stages["material search"] = captured["material search"]
    stages["mkdocs (rest)"] = total - sum(stages.values())
    stages["total"] = total
    out.write_text(
        json.dumps(
            {
                "stages": stages,
                "peak_bytes": _peak_rss(),
                "generator_peak_bytes": captured.get("generator_peak_bytes", 0),
            }
        ),
        encoding="utf-8",
    )


# --------------------------------------------------------------------------------------------------
# Search in headless Chromium
# --------------------------------------------------------------------------------------------------

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Long tasks (> 50 ms) of the page's main thread, from navigation on: a frozen page shows here.
_LONG_TASKS = """
window.__atlasLongTasks = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__atlasLongTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
"""


_TYPE_QUERY = """
query => {
  const box = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const t = performance.timing;
  const loaded = t.loadEventEnd ? t.loadEventEnd - t.navigationStart : performance.now();
  const clock = window.__atlasClock = { load: loaded };
  new MutationObserver((_, observer) => {
    if (list.querySelector(".md-search-result__item")) {
      clock.shown = performance.now();
      observer.disconnect();
    }
  }).observe(list, { childList: true });
  box.focus();
  box.value = query;
  clock.typed = performance.now();
  box.dispatchEvent(new KeyboardEvent("keyup", { key: query.slice(-1) }));
}
"""


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """``root`` over HTTP on loopback; yields the base URL."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join()


def time_search(site: Path, base: str, start: str, where: str, queries: Sequence[str]) -> list[SearchTiming]:
    """Open ``base + start`` in a fresh page for each query; type it right after the load event."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    assert executable is not None
    out = []
    material_index = site / "search" / ("search_index.js" if where == "file://" else "search_index.json")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                page.add_init_script(_LONG_TASKS)
                requested: list[str] = []
                page.on("request", functools.partial(_record, requested))
                context.on("request", functools.partial(_record, requested))
                page.goto(base + start, wait_until="load")
                # Right after the load event, in the page itself: focus the box (as a click does), put
                # the whole query in (as typing it fast or pasting does) and send the keyup Material
                # listens to; a MutationObserver notes when the first result is in the list.
                began = time.perf_counter()
                page.evaluate(_TYPE_QUERY, query)
                page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
                wall = time.perf_counter() - began
                clock = page.evaluate("window.__atlasClock")
                load_seconds = clock["load"] / 1000
                seconds = (clock["shown"] - clock["load"]) / 1000
                query_seconds = (clock["shown"] - clock["typed"]) / 1000
                items = page.locator(".md-search-result__item")
                meta = page.locator(".md-search-result__meta").inner_text()
                count = int(m[0].replace(",", "")) if (m := re.search(r"[\d,]+", meta)) else items.count()
                first = items.first.locator("a").first.get_attribute("href") or ""
                first = first.split("?")[0].removeprefix(base)
                tasks = page.evaluate("window.__atlasLongTasks")
                loaded = {_site_path(url, base) for url in requested}
                index_bytes = sum(
                    (site / path).stat().st_size
                    for path in loaded
                    if path and path.startswith("assets/search/") and (site / path).is_file()
                )
                out.append(
                    SearchTiming(
                        where,
                        query,
                        seconds,
                        query_seconds,
                        wall,
                        count,
                        first,
                        index_bytes,
                        material_index.stat().st_size if material_index.exists() else 0,
                        max(tasks, default=0.0) / 1000,
                        load_seconds,
                    )
                )
                context.close()
        finally:
            browser.close()
    return out


def _record(urls: list[str], request: Any) -> None:
    urls.append(request.url)


def _site_path(url: str, base: str) -> str | None:
    if not url.startswith(base):
        return None
    return url[len(base) :].split("?")[0].split("#")[0]


def measure_search(site: Path, offline_site: Path | None, rounds: int = 1) -> list[SearchTiming]:
    """Search from a resolution page: online (loopback) and, if built, offline from file://; the
    queries ``rounds`` times over (each round online, then from file://)."""
    if find_chromium() is None:
        return []
    some = sorted(site.glob("resolutions/*/index.html"))
    start = some[len(some) // 2].parent.relative_to(site).as_posix() + "/" if some else ""
    offline_start = "index.html"
    if offline_site is not None and (pages := sorted(offline_site.glob("resolutions/*.html"))):
        offline_start = pages[len(pages) // 2].relative_to(offline_site).as_posix()
    timings: list[SearchTiming] = []
    for n in range(1, rounds + 1):
        with serve_directory(site) as base:
            timings += [replace(t, round=n) for t in time_search(site, base, start, "online", QUERIES)]
        if offline_site is not None:
            found = time_search(offline_site, offline_site.as_uri() + "/", offline_start, "file://", QUERIES)
            timings += [replace(t, round=n) for t in found]
    return timings


# --------------------------------------------------------------------------------------------------
# atlas serve: one edit, one rebuild
# --------------------------------------------------------------------------------------------------

_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
_WRITTEN = re.compile(r"atlas: pages (\d+) written, (\d+) unchanged")


def measure_serve(config: Path, corpus: Path, cwd: Path) -> ServeResult | None:
    """Start ``atlas serve``, wait for its first build, then time the rebuild after each change.

    In turn: a file saved with the same bytes; one word added to one paragraph; a new resolution
    (a copy of another under a new id); that file deleted. Each is timed from the write to MkDocs'
    "Documentation built" line, and (edit, add, delete) to the server answering with the change —
    the page holding the new word, the new page, a 404 — which is when a browser reloaded by
    livereload shows it.
    """
    import socket
    import urllib.error
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    lines: list[tuple[float, str]] = []
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            "--config",
            str(config),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        env=child_env(corpus),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    sampler = _TreeSampler(proc.pid) if Path("/proc/self/smaps_rollup").exists() else None

    def read() -> None:
        assert proc.stdout is not None
        # Kept beside the work, to see afterwards what a rebuild did (or why one was waited for in vain).
        with (cwd / "serve.log").open("w", encoding="utf-8") as log:
            for line in proc.stdout:
                lines.append((time.perf_counter(), line.rstrip()))
                log.write(f"{time.strftime('%H:%M:%S')} {line}")
                log.flush()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def wait_for(pattern: re.Pattern[str], after: int, timeout: float) -> tuple[int, float, re.Match[str]]:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for i in range(after, len(lines)):
                if m := pattern.search(lines[i][1]):
                    return i, lines[i][0], m
            if proc.poll() is not None:
                break
            time.sleep(0.02)
        raise TimeoutError("\n".join(text for _, text in lines[-30:]))

    def served(path: str, test: Callable[[int, str], bool], timeout: float = 600) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(base + path, timeout=5) as response:
                    status, body = response.status, response.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as error:
                status, body = error.code, ""
            except OSError:
                status, body = 0, ""
            if test(status, body):
                return time.perf_counter()
            time.sleep(0.02)
        raise TimeoutError(f"{base}{path} never showed the change")

    def rebuild(change: Callable[[], object]) -> tuple[float, float, re.Match[str]]:
        """Make the change; when it was made, when the rebuild was done, and what it wrote."""
        time.sleep(1.5)  # let the watcher settle
        mark = len(lines)
        start = time.perf_counter()
        change()
        j, _, written = wait_for(_WRITTEN, mark, 1800)
        _, built_at, _ = wait_for(_BUILT, j, 1800)
        return start, built_at, written

    try:
        _, _, first = wait_for(_BUILT, 0, 1800)
        files = sorted((corpus / "resolutions").glob("*.yaml"))
        target = files[len(files) // 2]
        original = target.read_bytes()

        start, built, _ = rebuild(lambda: target.write_bytes(original))
        no_change = built - start

        text = original.decode("utf-8").splitlines(keepends=True)
        # One word more in one paragraph: the kind of edit a curator makes.
        n = next(
            k
            for k, line in enumerate(text)
            if line.lstrip().startswith("text: '") and line.rstrip().endswith("'")
        )
        text[n] = text[n].rstrip()[:-1] + " (as revised)'\n"
        start, built, written = rebuild(lambda: target.write_text("".join(text), encoding="utf-8"))
        edit, edited_written, edited_unchanged = built - start, int(written[1]), int(written[2])
        edit_served = served(f"resolutions/{target.stem}/", lambda _, body: "(as revised)" in body) - start

        new_id = f"{target.stem}-2"
        added = target.with_name(f"{new_id}.yaml")
        copy = original.decode("utf-8").replace(f"\nid: {target.stem}\n", f"\nid: {new_id}\n")
        start, built, _ = rebuild(lambda: added.write_text(copy, encoding="utf-8"))
        add = built - start
        add_served = served(f"resolutions/{new_id}/", lambda status, _: status == 200) - start

        start, built, _ = rebuild(added.unlink)
        delete = built - start
        delete_served = served(f"resolutions/{new_id}/", lambda status, _: status == 404) - start
        return ServeResult(
            seconds=edit,
            written=edited_written,
            unchanged=edited_unchanged,
            first_build=float(first[1]),
            served_seconds=edit_served,
            no_change=no_change,
            add=add,
            add_served=add_served,
            delete=delete,
            delete_served=delete_served,
            tree_peak_bytes=sampler.stop() if sampler else 0,
        )
    except (TimeoutError, StopIteration) as error:
        print(f"serve measurement failed: {error}", file=sys.stderr)
        return None
    finally:
        if sampler:
            sampler.stop()
        os.killpg(proc.pid, 15)
        proc.wait(timeout=60)


# --------------------------------------------------------------------------------------------------
# One size
# --------------------------------------------------------------------------------------------------


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def measure(
    count: int,
    seed: int,
    work: Path,
    step: Callable[[str], None],
    repeat: int = 1,
    *,
    search: bool = True,
    serve: bool = False,
    in_process_stages: bool = True,
    corpora: Path | None = None,
    skip: frozenset[str] = frozenset(),
    search_rounds: int = 1,
) -> SizeResult:
    calibration = calibrate()
    corpus = work / "corpus"
    step(f"N={count}: synth")
    synth_seconds = synthesize(count, seed, corpus, corpora)
    load: dict[str, list[float]] = {}

    stages: dict[str, Any] | None = None
    if in_process_stages:
        # In-process build with clocks, in a fresh process so its memory and caches are its own.
        step(f"N={count}: stages")
        shutil.rmtree(work / "build" / "cache", ignore_errors=True)
        (work / "stages-docs").mkdir()
        stages_config = write_config(
            work / "stages.yml", work / "stages-docs", work / "stages-site", atlas=True
        )
        stages_json = work / "stages.json"
        stages_run = run_child(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(stages_config), str(stages_json)],
            child_env(corpus),
            work,
        )
        load["stages"] = list(stages_run.load)
        stages = json.loads(stages_json.read_text(encoding="utf-8"))
        shutil.rmtree(work / "stages-site", ignore_errors=True)
        shutil.rmtree(work / "stages-docs", ignore_errors=True)

    # The real build, end to end, from an empty docs dir.
    step(f"N={count}: build")
    docs, site = work / "docs", work / "site"
    build_config = write_config(work / "mkdocs.yml", docs, site, atlas=True)

    def fresh_build() -> Run:
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(work / "build" / "cache", ignore_errors=True)  # cold: no loaded text cached
        docs.mkdir()
        return atlas_build(build_config, corpus, work)

    build = best_of(repeat, fresh_build)
    load["build"] = list(build.load)
    if stages is None:
        stages = {"stages": stages_of_log(build), "peak_bytes": build.peak_bytes, "generator_peak_bytes": 0}
    # The same build again: every text comes from the cache, every generated file is unchanged.
    warm = None
    if "warm" not in skip:
        step(f"N={count}: warm build")
        warm = best_of(repeat, lambda: atlas_build(build_config, corpus, work))
        load["warm build"] = list(warm.load)

    # The floor: the same Markdown, already generated, built by MkDocs alone.
    floor = Run(0.0, 0)
    if "floor" not in skip:
        step(f"N={count}: floor")
        floor_docs = work / "floor-docs"
        shutil.copytree(docs, floor_docs)
        floor_config = write_config(work / "floor.yml", floor_docs, work / "floor-site", atlas=False)
        floor = best_of(repeat, lambda: mkdocs_build(floor_config, corpus, work))
        load["floor"] = list(floor.load)
        shutil.rmtree(floor_docs, ignore_errors=True)
        shutil.rmtree(work / "floor-site", ignore_errors=True)

    step(f"N={count}: search")
    offline_seconds = 0.0
    offline_site = None
    timings: list[SearchTiming] = []
    if search and find_chromium() is not None and "offline" in skip:
        timings = measure_search(site, None, search_rounds)
    elif search and find_chromium() is not None:
        # The offline bundle's build: the offline plugin, page.html URLs, opened from file://.
        (work / "offline-docs").mkdir()
        offline_config = write_config(
            work / "offline.yml", work / "offline-docs", work / "offline-site", atlas=True
        )
        offline = atlas_build(offline_config, corpus, work, "--no-directory-urls", "--offline")
        offline_seconds = offline.seconds
        load["offline build"] = list(offline.load)
        offline_site = work / "offline-site"
        timings = measure_search(site, offline_site, search_rounds)
        shutil.rmtree(work / "offline-docs", ignore_errors=True)

    step(f"N={count}: serve")
    serve_result = None
    if serve:
        (work / "serve-docs").mkdir()
        serve_config = write_config(work / "serve.yml", work / "serve-docs", work / "serve-site", atlas=True)
        before = os.getloadavg()[0]
        serve_result = measure_serve(serve_config, corpus, work)
        load["serve"] = [before, os.getloadavg()[0]]

    step(f"N={count}: sizes")
    resolution_pages = sorted(p.stat().st_size for p in site.glob("resolutions/*/index.html"))
    index = (
        [p for p in (site / "assets" / "search").glob("*.js")]
        if (site / "assets" / "search").is_dir()
        else []
    )
    material = site / "search" / "search_index.json"
    result = SizeResult(
        count=count,
        synth_seconds=synth_seconds,
        stages=stages["stages"],
        stages_peak_bytes=stages["peak_bytes"],
        generator_peak_bytes=stages["generator_peak_bytes"],
        build=build,
        floor=floor,
        html_pages=sum(1 for _ in site.rglob("*.html")),
        resolution_pages=len(resolution_pages),
        resolution_page_median=statistics.median(resolution_pages) if resolution_pages else 0.0,
        resolution_page_max=max(resolution_pages, default=0),
        site_bytes=_tree_bytes(site),
        search_index_bytes=sum(p.stat().st_size for p in index),
        search_index_files=len(index),
        search_index_largest=max((p.stat().st_size for p in index), default=0),
        material_index_bytes=material.stat().st_size if material.exists() else 0,
        docs_bytes=_tree_bytes(docs),
        offline_seconds=offline_seconds,
        warm_build_seconds=warm.seconds if warm else 0.0,
        search=timings,
        serve=serve_result,
        stages_from="in process" if in_process_stages else "build log",
        calibration_seconds=calibration,
        load=load,
    )
    return result


def synthesize(count: int, seed: int, corpus: Path, corpora: Path | None) -> float:
    """Write the synthetic corpus of ``count`` texts to ``corpus``; its synthesis time.

    With ``corpora``, a corpus synthesized once (same count, seed and synth code) is copied from
    there instead, and the time its synthesis took then is returned (synthesis is not part of a
    build, and at 10,000 texts it takes minutes)."""
    from generator import synth
    from generator.synth import write_corpus

    if corpora is None:
        start = time.perf_counter()
        write_corpus(count, seed, corpus)
        return time.perf_counter() - start
    import hashlib

    code = hashlib.sha256(Path(synth.__file__).read_bytes()).hexdigest()[:12]
    kept = corpora / f"n{count}-seed{seed}-{code}"
    clock = kept / "synth-seconds.txt"
    if not clock.is_file():
        shutil.rmtree(kept, ignore_errors=True)
        start = time.perf_counter()
        write_corpus(count, seed, kept / "corpus")
        clock.write_text(repr(time.perf_counter() - start), encoding="utf-8")
    shutil.copytree(kept / "corpus", corpus)
    return float(clock.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    except OSError:
        pass
    chromium = find_chromium()
    browser = "none"
    if chromium:
        try:
            browser = subprocess.run(
                [chromium, "--version"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            browser = chromium
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "MkDocs": metadata.version("mkdocs"),
        "Material for MkDocs": metadata.version("mkdocs-material"),
        "browser (search timings)": browser,
    }


def _mb(n: float) -> str:
    return f"{n / 1024**2:.1f} MB"


def _kb(n: float) -> str:
    return f"{n / 1024:.1f} kB"


def _s(n: float) -> str:
    return f"{n:.2f} s"


def _ms(n: float) -> str:
    return f"{1000 * n:.0f} ms"


def _load(pair: Sequence[float] | None) -> str:
    return f"{pair[0]:.1f} → {pair[1]:.1f}" if pair else "–"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def report(
    results: Sequence[SizeResult], info: dict[str, str], command: str, seed: int, repeat: int = 1
) -> str:
    sizes = [f"N = {r.count:,}" for r in results]
    lines = [
        "# Benchmarks",
        "",
        "Build time and output size of the site on synthetic corpora (`atlas synth`, seed "
        f"{seed}), measured by `scripts/benchmark.py`. Regenerate with:",
        "",
        "```sh",
        command,
        "```",
        "",
        f"Measured on {dt.date.today().isoformat()}:",
        "",
        *_table(["machine", ""], [[k, v] for k, v in info.items()]),
        "",
        "## End to end",
        "",
        "*build* is `atlas build` (MkDocs with the project's hook: check, generation and the search index "
        "included), from an empty docs dir; the *floor* is a plain `mkdocs build` of the same generated "
        "Markdown with the same mkdocs.yml minus the hook, measured in the same run"
        + (f", each the fastest of {repeat} runs" if repeat > 1 else "")
        + ". Peak memory: the build process's maximum RSS, and the peak PSS of its whole process tree "
        "(the build forks worker processes; shared pages are counted once).",
        "",
        *_table(
            ["", *sizes],
            [
                ["build, wall time", *[_s(r.build.seconds) for r in results]],
                ["bare-MkDocs floor", *[_s(r.floor.seconds) if r.floor.seconds else "–" for r in results]],
                ["build / floor", *[f"{r.ratio:.2f} ×" if r.floor.seconds else "–" for r in results]],
                ["HTML pages", *[f"{r.html_pages:,}" for r in results]],
                ["pages per second", *[f"{r.pages_per_second:.0f}" for r in results]],
                ["resolution page, median", *[_kb(r.resolution_page_median) for r in results]],
                ["resolution page, max", *[_kb(r.resolution_page_max) for r in results]],
                ["total site size", *[_mb(r.site_bytes) for r in results]],
                [
                    "search index (atlas, loaded in pieces)",
                    *[f"{_mb(r.search_index_bytes)} in {r.search_index_files:,} files" for r in results],
                ],
                ["  its largest file", *[_kb(r.search_index_largest) for r in results]],
                ["Material's index (loaded by every page)", *[_kb(r.material_index_bytes) for r in results]],
                ["generated docs dir", *[_mb(r.docs_bytes) for r in results]],
                ["peak memory, build process (RSS)", *[_mb(r.build.peak_bytes) for r in results]],
                ["peak memory, build process tree (PSS)", *[_mb(r.build.tree_peak_bytes) for r in results]],
                [
                    "peak memory, floor (RSS)",
                    *[_mb(r.floor.peak_bytes) if r.floor.seconds else "–" for r in results],
                ],
                [
                    "offline build (`atlas build --offline`)",
                    *[_s(r.offline_seconds) if r.offline_seconds else "–" for r in results],
                ],
                [
                    "`atlas build` again, nothing changed (texts from the cache)",
                    *[_s(r.warm_build_seconds) if r.warm_build_seconds else "–" for r in results],
                ],
                ["synthesis (not in the build)", *[_s(r.synth_seconds) for r in results]],
                [
                    "machine load (1-minute average) at the build's start → end",
                    *[_load(r.load.get("build")) for r in results],
                ],
                [
                    "machine load at the floor's start → end",
                    *[_load(r.load.get("floor")) for r in results],
                ],
                [
                    "calibration: 3 million additions in Python",
                    *[_s(r.calibration_seconds) if r.calibration_seconds else "–" for r in results],
                ],
            ],
        ),
        "",
        "## Time per stage",
        "",
        "One build run in process with clocks on each stage (a separate run from the one above). The "
        "generator's stages run before MkDocs; *material search* is Material's search plugin (which now "
        "indexes the hand-written pages only); *mkdocs (rest)* is the rest of MkDocs and Material: reading "
        "the docs, Markdown, theme templates, writing pages, and the check of the generated links.",
        *(
            [
                "Sizes "
                + ", ".join(f"{r.count:,}" for r in results if r.stages_from == "build log")
                + " were not run in process: their generator stages are the clocks the atlas plugin logged "
                "in the build above, *mkdocs (rest)* the rest of that build (process start included), and "
                "Material's search is not separated from it."
            ]
            if any(r.stages_from == "build log" for r in results)
            else []
        ),
        "",
    ]
    stage_names = [*GENERATOR_STAGES, *OTHER_STAGES, "total"]
    rows = []
    for name in stage_names:
        rows.append(
            [
                name,
                *[
                    f"{_s(r.stages.get(name, 0.0))} ({_pct(r.stages.get(name, 0.0), r.stages['total'])})"
                    for r in results
                ],
            ]
        )
    rows.append(
        [
            "generator stages together",
            *[f"{_s(r.generator_seconds)} ({_pct(r.generator_seconds, r.stages['total'])})" for r in results],
        ]
    )
    rows.append(["peak memory after the generator (RSS)", *[_mb(r.generator_peak_bytes) for r in results]])
    rows.append(["peak memory, whole build (RSS)", *[_mb(r.stages_peak_bytes) for r in results]])
    lines += [*_table(["stage", *sizes], rows), ""]
    lines += _search_section(results)
    lines += _serve_section(results)
    lines += ["## Targets (issues 5 and 11)", "", *_table(["target", "result"], _targets(results)), ""]
    lines += ["## Observations", "", *_observations(results), ""]
    warnings = {w for r in results for w in r.build.warnings + r.floor.warnings}
    if warnings:
        lines += ["## Build warnings", "", "```", *sorted(warnings)[:20], "```", ""]
    return "\n".join(lines)


def _search_section(results: Sequence[SizeResult]) -> list[str]:
    measured = [r for r in results if r.search]
    if not measured:
        return ["## Search", "", "Not measured (no Chromium).", ""]
    lines = [
        "## Search",
        "",
        "Headless Chromium opens a resolution page (online: served on loopback; file://: the offline build "
        "opened from disk, the worker running in the iframe-worker shim), and right after the load event "
        "types the query into Material's search box (the whole query at once, and the keyup Material "
        "listens to). Both times are the page's own clock: from the query typed, and from the page's load "
        "event, to the first result in the list; *index loaded* is what the query loaded of the atlas "
        "index (manifest, "
        "vocabulary, postings, documents shown); every page also loads Material's own index of the "
        "hand-written pages. *Longest task* is the longest the page's main thread was blocked, from "
        "navigation to results.",
        "",
    ]
    rows = []
    for r in measured:
        for t in r.search:
            if t.round != 1:
                continue
            rows.append(
                [
                    f"{r.count:,}",
                    t.where,
                    f"`{t.query}`",
                    _ms(t.query_seconds),
                    _ms(t.seconds),
                    f"{t.results}",
                    f"`{t.first}`",
                    _kb(t.index_bytes),
                    _kb(t.page_index_bytes),
                    _ms(t.longest_task),
                    _ms(t.load_seconds),
                ]
            )
    lines += _table(
        [
            "N",
            "from",
            "query",
            "query → results",
            "page loaded → results",
            "results",
            "first result",
            "index loaded",
            "Material's index",
            "longest task",
            "page load",
        ],
        rows,
    )
    return [*lines, *_search_rounds(measured)]


def _search_rounds(measured: Sequence[SizeResult]) -> list[str]:
    """Each query's median and slowest over the rounds, when there were several (--search-rounds)."""
    several = [r for r in measured if any(t.round > 1 for t in r.search)]
    if not several:
        return [""]
    rounds = max(t.round for r in several for t in r.search)
    lines = [
        "",
        f"The table above is the first round. Over all {rounds} rounds (each query in a fresh page), "
        "page loaded → results:",
        "",
    ]
    rows = []
    for r in several:
        by_query: dict[tuple[str, str], list[float]] = {}
        for t in r.search:
            by_query.setdefault((t.where, t.query), []).append(t.seconds)
        for (where, query), seconds in by_query.items():
            rows.append(
                [
                    f"{r.count:,}",
                    where,
                    f"`{query}`",
                    _ms(statistics.median(seconds)),
                    _ms(max(seconds)),
                    ", ".join(f"{1000 * x:.0f}" for x in seconds),
                ]
            )
    lines += _table(["N", "from", "query", "median", "slowest", "rounds (ms)"], rows)
    return [*lines, ""]


def _serve_section(results: Sequence[SizeResult]) -> list[str]:
    measured = [r for r in results if r.serve]
    if not measured:
        return []
    lines = [
        "## Changes under `atlas serve`",
        "",
        "`atlas serve` on loopback; once its first build is done, one change after another: a file saved "
        "with the same bytes (*no change*), one word added to one paragraph of one resolution (*one edit*), "
        "a new resolution file (*add*), and that file deleted (*delete*). *Built* runs from the write to "
        'MkDocs\' "Documentation built" line; *served* to the server answering with the change (the page '
        "with the new word, the new page, a 404), which is what the browser shows when livereload reloads "
        "it. Rebuilds read only the changed files (the others come from the cache of loaded texts), render "
        "only the pages the change touches (for an added or deleted file: its page and its neighbours'; "
        "every index page, the search index and the corpus-wide data files are made again on every "
        "change), and MkDocs renders only the pages whose source changed.",
        "",
    ]
    rows = []
    for r in measured:
        v = r.serve
        assert v is not None
        rows.append(
            [
                f"{r.count:,}",
                _s(v.first_build),
                _s(v.no_change),
                f"{_s(v.seconds)} / {_s(v.served_seconds)}",
                f"{_s(v.add)} / {_s(v.add_served)}",
                f"{_s(v.delete)} / {_s(v.delete_served)}",
                f"{v.written:,} of {v.written + v.unchanged:,}",
                _mb(v.tree_peak_bytes) if v.tree_peak_bytes else "—",
            ]
        )
    lines += _table(
        [
            "N",
            "first build",
            "no change, built",
            "one edit, built / served",
            "add, built / served",
            "delete, built / served",
            "files rewritten by the edit",
            "peak memory (PSS)",
        ],
        rows,
    )
    return [*lines, ""]


def _targets(results: Sequence[SizeResult]) -> list[list[str]]:
    by = {r.count: r for r in results}
    big, small = by.get(10000), by.get(1000)
    rows: list[list[str]] = []

    def check(name: str, measured: str | None, ok: bool | None) -> None:
        verdict = "not measured" if measured is None else f"{measured} — {'met' if ok else '**missed**'}"
        rows.append([name, verdict])

    check(
        "10,000 resolutions, full build ≤ 120 s",
        _s(big.build.seconds) if big else None,
        big is not None and big.build.seconds <= TARGET_SECONDS_10K,
    )
    check(
        "10,000: build ≤ 1.15 × floor",
        f"{big.ratio:.2f} ×" if big and big.floor.seconds else None,
        big is not None and big.ratio <= TARGET_FLOOR_RATIO,
    )
    if big and small:
        linear = big.build.seconds / small.build.seconds
        drift = abs(big.resolution_page_median - small.resolution_page_median) / small.resolution_page_median
        check("time(10,000) / time(1,000) ≤ 11", f"{linear:.1f}", linear <= TARGET_LINEARITY)
        check(
            "bytes per resolution page at 10,000 within 10 % of 1,000", f"{100 * drift:.1f} %", drift <= 0.10
        )
    else:
        check("time(10,000) / time(1,000) ≤ 11", None, None)
        check("bytes per resolution page at 10,000 within 10 % of 1,000", None, None)
    for r in results:
        share = r.generator_seconds / r.stages["total"]
        check(f"N = {r.count:,}: generator stages ≤ 15 % of the build", f"{100 * share:.0f} %", share <= 0.15)
    check(
        "peak memory ≤ 2 GB at 10,000",
        _mb(big.peak_bytes) if big else None,
        big is not None and big.peak_bytes <= TARGET_PEAK_BYTES,
    )
    for where in ("online", "file://"):
        timings = [t for t in (big.search if big else []) if t.where == where]
        slowest = max((t.seconds for t in timings), default=None)
        rounds = max((t.round for t in timings), default=1)
        queries = f"{len(timings) // rounds} queries" + (f" × {rounds} rounds" if rounds > 1 else "")
        check(
            f"10,000, search from {where}: results < 1 s after the page is loaded",
            f"slowest of {queries} {_ms(slowest)}" if slowest is not None else None,
            slowest is not None and slowest < TARGET_SEARCH_SECONDS,
        )
    for size, limit in ((1000, 1.0), (10000, 3.0)):
        measured_serve = by[size].serve if size in by else None
        check(
            f"{size:,}, one word edited under serve: write → page served ≤ {limit:.0f} s",
            _s(measured_serve.served_seconds) if measured_serve else None,
            measured_serve is not None and measured_serve.served_seconds <= limit,
        )
    big_serve = big.serve if big else None
    check(
        "10,000, a rebuild with nothing changed ≤ 2 s",
        _s(big_serve.no_change) if big_serve else None,
        big_serve is not None and big_serve.no_change <= 2.0,
    )
    check(
        "10,000, cold build ≤ 60 s",
        _s(big.build.seconds) if big else None,
        big is not None and big.build.seconds <= 60.0,
    )
    check(
        "10,000, cold build below the bare-MkDocs floor",
        f"{big.ratio:.2f} ×" if big and big.floor.seconds else None,
        big is not None and big.ratio < 1.0,
    )
    check(
        "10,000, peak memory of the whole process tree ≤ 1 GB",
        _mb(big.build.tree_peak_bytes) if big else None,
        big is not None and big.build.tree_peak_bytes <= 1024**3,
    )
    serve = small.serve if small else None
    check(
        "1,000, one YAML edited under serve: only changed files rewritten",
        (
            f"{serve.written} of {serve.written + serve.unchanged} generated files rewritten, "
            f"rebuild {_s(serve.seconds)}"
        )
        if serve
        else None,
        serve is not None and serve.written < (serve.written + serve.unchanged) / 10,
    )
    return rows


def _observations(results: Sequence[SizeResult]) -> list[str]:
    out = []
    for r in results:
        stages = {k: v for k, v in r.stages.items() if k != "total"}
        top = sorted(stages.items(), key=lambda kv: -kv[1])[:3]
        time_part = ", ".join(f"{k} {_pct(v, r.stages['total'])}" for k, v in top)
        res_bytes = r.resolution_page_median * r.resolution_pages
        out.append(
            f"- N = {r.count:,}: time goes to {time_part}. Resolution pages are "
            f"{_pct(res_bytes, r.site_bytes)} of the site's bytes "
            f"(median page {_kb(r.resolution_page_median)}), "
            f"the atlas search index {_pct(r.search_index_bytes, r.site_bytes)}."
        )
    if len(results) > 1:
        a, b = results[0], results[-1]
        factor = b.count / a.count
        out.append(
            f"- From N = {a.count:,} to {b.count:,} (× {factor:g}): "
            f"build time × {b.build.seconds / a.build.seconds:.1f}, "
            f"median resolution page × {b.resolution_page_median / max(a.resolution_page_median, 1):.2f}, "
            f"search index × {b.search_index_bytes / max(a.search_index_bytes, 1):.1f}."
        )
    return out


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------


def _quiet() -> bool:
    return not sys.stderr.isatty() or os.environ.get("CI", "").lower() == "true"


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    from tqdm import tqdm  # type: ignore[import-untyped]

    with tqdm(total=total, unit="step", disable=_quiet(), file=sys.stderr) as bar:
        first = True

        def step(description: str) -> None:
            nonlocal first
            if not first:
                bar.update(1)
            first = False
            bar.set_description(description)
            if _quiet():
                print(f"[{time.strftime('%H:%M:%S')}] {description}", file=sys.stderr, flush=True)

        yield step
        bar.update(1)


def _load_json(path: Path) -> list[SizeResult]:
    """Results written by --json, to re-render a report (--from-json) without measuring again."""
    out = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        raw["build"] = Run(**{**raw["build"], "load": tuple(raw["build"].get("load", (0.0, 0.0)))})
        raw["floor"] = Run(**{**raw["floor"], "load": tuple(raw["floor"].get("load", (0.0, 0.0)))})
        raw["search"] = [SearchTiming(**t) for t in raw.get("search", [])]
        raw["serve"] = ServeResult(**raw["serve"]) if raw.get("serve") else None
        out.append(SizeResult(**raw))
    return out


def _joined(results: Sequence[SizeResult]) -> list[SizeResult]:
    """One result per size, in order of size. A size met again (a later run that measured only the
    rebuilds under serve, say) keeps every figure of its first run, ratios included, and takes its
    serve timings from the last run that measured them."""
    by_count: dict[int, SizeResult] = {}
    for r in results:
        first = by_count.get(r.count)
        if first is None:
            by_count[r.count] = r
        elif r.serve is not None:
            by_count[r.count] = replace(first, serve=r.serve)
    return [by_count[n] for n in sorted(by_count)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="corpus sizes N")
    parser.add_argument("--out", default="BENCHMARKS.md", help="the report to write ('-' prints it only)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpora")
    parser.add_argument("--json", help="also write the raw figures as JSON to this file")
    parser.add_argument(
        "--from-json",
        nargs="+",
        help="write the report from these --json files, measure nothing (a size in several files: "
        "its first run's figures, and the serve timings of the last one that has them)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of build and floor; the fastest counts")
    parser.add_argument("--keep", help="build in this directory and keep it (default: a temporary one)")
    parser.add_argument("--no-search", action="store_true", help="skip the search timings in Chromium")
    parser.add_argument(
        "--search-rounds",
        type=int,
        default=1,
        help="rounds of the search queries (each in a fresh page); the report gives each query's median "
        "and slowest, the targets the slowest of all",
    )
    parser.add_argument(
        "--serve",
        type=int,
        nargs="*",
        default=[1000],
        help="sizes whose serve rebuild is measured (default 1000)",
    )
    parser.add_argument(
        "--stages",
        type=int,
        nargs="*",
        help="sizes timed stage by stage in a run of their own (default: every size; the others take "
        "the generator's clocks from the build's log)",
    )
    parser.add_argument("--corpora", help="keep synthesized corpora here and reuse them in later runs")
    parser.add_argument(
        "--skip",
        nargs="*",
        choices=("warm", "floor", "offline"),
        default=[],
        help="leave out the warm build, the floor, or the offline build (and the search from file://)",
    )
    parser.add_argument(
        "--skip-sizes", type=int, nargs="*", help="the sizes --skip applies to (default: all)"
    )
    parser.add_argument("--worker", nargs=2, metavar=("CONFIG", "JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(Path(args.worker[0]), Path(args.worker[1]))
        return 0
    if any(n < 1 for n in args.sizes) or args.repeat < 1 or args.search_rounds < 1:
        parser.error("sizes, --repeat and --search-rounds must be positive")

    results: list[SizeResult] = []
    if args.from_json:
        results = _joined([r for name in args.from_json for r in _load_json(Path(name))])
        sizes = [r.count for r in results]
    else:
        sizes = args.sizes
        with _progress(total=8 * len(args.sizes)) as step:
            for count in args.sizes:
                with _work_dir(args.keep, count) as work:
                    results.append(
                        measure(
                            count,
                            args.seed,
                            work,
                            step,
                            args.repeat,
                            search=not args.no_search,
                            serve=count in args.serve,
                            in_process_stages=args.stages is None or count in args.stages,
                            corpora=Path(args.corpora).resolve() if args.corpora else None,
                            skip=frozenset(args.skip if count in (args.skip_sizes or [count]) else ()),
                            search_rounds=args.search_rounds,
                        )
                    )
                if args.json:
                    Path(args.json).write_text(
                        json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8"
                    )
    command = "python scripts/benchmark.py --sizes " + " ".join(str(n) for n in sizes)
    if args.repeat > 1:
        command += f" --repeat {args.repeat}"
    text = report(results, machine(), command, args.seed, args.repeat)
    if not args.no_search and not args.from_json and (chromium := find_chromium()):
        # Search quality (issue 9): the judged query set, over the seed and a synthetic corpus.
        from generator import search_eval

        with tempfile.TemporaryDirectory() as judged:
            text += "\n" + search_eval.section(search_eval.measure(chromium, Path(judged), CHROMIUM_ARGS))
    if args.out == "-":
        print(text)
    else:
        out = Path(args.out)
        previous = out.read_text(encoding="utf-8") if out.exists() else ""
        notes = previous[previous.index(NOTES_MARKER) :] if NOTES_MARKER in previous else NOTES_MARKER + "\n"
        out.write_text(text + "\n" + notes, encoding="utf-8")
        print(text)
        print(f"\nwrote {args.out}", file=sys.stderr)
    return 0


@contextmanager
def _work_dir(keep: str | None, count: int) -> Iterator[Path]:
    if keep:
        work = Path(keep).resolve() / f"n{count}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        yield work
        return
    with tempfile.TemporaryDirectory(prefix=f"atlas-bench-{count}-") as tmp:
        yield Path(tmp)


if __name__ == "__main__":
    sys.exit(main())
