#!/usr/bin/env python3
"""Benchmark the site build on synthetic corpora of several sizes; write BENCHMARKS.md.

    .venv/bin/python scripts/benchmark.py                       # N = 100, 1000, 10000
    .venv/bin/python scripts/benchmark.py --sizes 100 1000      # quicker
    .venv/bin/python scripts/benchmark.py --sizes 100 --out -   # print the report, write nothing

For every N, in a fresh temporary directory:

1. ``synth``: ``generator.synth.write_corpus(N, seed)`` writes a realistic corpus (not part of the build).
2. ``stages``: a fresh Python process runs the real build *in process* — the MkDocs hook and all —
   with clocks around the generator's stages (load and check, citations, graph, render, write), Material's
   search plugin (the search index) and the whole build; MkDocs' own share is the rest. Its peak RSS is
   the build's peak memory.
3. ``build``: the real build as a user runs it, ``atlas build`` (MkDocs with the project's hook), timed
   from the outside: the end-to-end wall time, pages per second and the sizes all come from this site.
4. ``floor``: the bare-MkDocs floor — the docs that step 3 generated, copied once and built by a plain
   ``mkdocs build`` with the same mkdocs.yml minus our hook. Ratio = build / floor, same run, same machine.

Peak memory is the maximum resident set size (``ru_maxrss``) of each child process, read with
``os.wait4`` so that every process is measured on its own. A progress bar shows on a terminal; it is
quiet when stderr is not a TTY or ``CI=true``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the generator package is importable

DEFAULT_SIZES = (100, 1000, 10000)
# The generator stages as generate() names them, in pipeline order.
GENERATOR_STAGES = ("load and check", "citations", "graph", "render", "write")
# Targets of issue 5, section 3: checked in the report when the sizes they need were measured.
TARGET_SECONDS_10K = 120.0
TARGET_FLOOR_RATIO = 1.15
TARGET_LINEARITY = 11.0
TARGET_PAGE_BYTES_DRIFT = 0.10
TARGET_GENERATOR_SHARE = 0.15
TARGET_PEAK_BYTES = 2 * 1024**3
# Everything after this line of BENCHMARKS.md is written by hand and kept when the file is rewritten.
NOTES_MARKER = (
    "<!-- Notes below are written by hand; scripts/benchmark.py keeps them when it rewrites the file. -->"
)


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass
class Run:
    """One child process: wall seconds, peak RSS in bytes, and its log's warnings."""

    seconds: float
    peak_bytes: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class SizeResult:
    count: int
    synth_seconds: float
    stages: dict[str, float]  # generator stages, "search index", "mkdocs (rest)", "total"
    stages_peak_bytes: int  # peak RSS of the in-process build
    generator_peak_bytes: int  # peak RSS when the generator stages had finished
    build: Run
    floor: Run
    html_pages: int
    resolution_pages: int
    resolution_page_median: float
    resolution_page_max: int
    site_bytes: int
    search_index_bytes: int
    search_index_files: int
    docs_bytes: int

    @property
    def ratio(self) -> float:
        return self.build.seconds / self.floor.seconds

    @property
    def pages_per_second(self) -> float:
        return self.html_pages / self.build.seconds

    @property
    def generator_seconds(self) -> float:
        return sum(self.stages.get(s, 0.0) for s in GENERATOR_STAGES)


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


def project_config() -> dict[str, Any]:
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    if not isinstance(data, dict):
        raise SystemExit(f"{ROOT / 'mkdocs.yml'} is not a mapping")
    return data


def write_config(path: Path, docs: Path, site: Path, *, hooks: bool) -> Path:
    """mkdocs.yml with absolute paths, so builds run anywhere; ``hooks=False`` gives the floor's config."""
    config = project_config()
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((ROOT / theme["custom_dir"]).resolve())
    if hooks:
        config["hooks"] = [str((ROOT / h).resolve()) for h in config.get("hooks", [])]
    else:
        config.pop("hooks", None)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def child_env(corpus: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ATLAS_CORPUS=str(corpus),
        ATLAS_PAGES=str(ROOT / "pages"),
        NO_MKDOCS_2_WARNING="1",  # Material's banner, not part of a build
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    return env


# --------------------------------------------------------------------------------------------------
# Child processes
# --------------------------------------------------------------------------------------------------


def run_child(args: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    """Run a command to completion; its own wall time and peak RSS (via wait4), never its children's sum."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(list(args), env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(args)}\n{output[-4000:]}")
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(seconds, peak, warnings)


def mkdocs_build(config: Path, corpus: Path, cwd: Path) -> Run:
    """The floor: MkDocs' own command. Not --quiet, which would hide the warnings the report lists."""
    return run_child([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], child_env(corpus), cwd)


def atlas_build(config: Path, corpus: Path, cwd: Path) -> Run:
    """The build as the README runs it: ``atlas build`` (check, generate, MkDocs) in one process."""
    return run_child(
        [sys.executable, "-m", "generator", "build", "--config", str(config)], child_env(corpus), cwd
    )


def best_of(repeat: int, run: Callable[[], Run]) -> Run:
    """The fastest of ``repeat`` runs (the least disturbed by other load); memory is the highest seen."""
    runs = [run() for _ in range(repeat)]
    fastest = min(runs, key=lambda r: r.seconds)
    return Run(
        fastest.seconds, max(r.peak_bytes for r in runs), sorted({w for r in runs for w in r.warnings})
    )


# --------------------------------------------------------------------------------------------------
# The in-process worker: one real build with clocks on every stage
# --------------------------------------------------------------------------------------------------


def _peak_rss() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * (1 if sys.platform == "darwin" else 1024)


def worker(config: Path, out: Path) -> None:
    """Build once in this process, timing the generator's stages, the search index and the rest.

    The clocks are installed before MkDocs imports the hook, so the hook calls the wrapped
    ``generate``; nothing of the build itself is replaced.
    """
    from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
    from mkdocs.commands import build
    from mkdocs.config import load_config

    import generator.generate as generate_module

    captured: dict[str, Any] = {"search index": 0.0}
    real_generate = generate_module.generate

    def timed_generate(*args: Any, **kwargs: Any) -> Any:
        result = real_generate(*args, **kwargs)
        captured["timings"] = dict(result.timings)
        captured["generator_peak_bytes"] = _peak_rss()
        return result

    generate_module.generate = timed_generate  # type: ignore[assignment]

    def clocked(method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                captured["search index"] += time.perf_counter() - start

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
    stages["search index"] = captured["search index"]
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
# One size
# --------------------------------------------------------------------------------------------------


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def measure(count: int, seed: int, work: Path, step: Callable[[str], None], repeat: int = 1) -> SizeResult:
    from generator.synth import write_corpus

    corpus = work / "corpus"
    step(f"N={count}: synth")
    start = time.perf_counter()
    write_corpus(count, seed, corpus)
    synth_seconds = time.perf_counter() - start

    # In-process build with clocks, in a fresh process so its memory and caches are its own.
    step(f"N={count}: stages")
    (work / "stages-docs").mkdir()
    stages_config = write_config(work / "stages.yml", work / "stages-docs", work / "stages-site", hooks=True)
    stages_json = work / "stages.json"
    run_child(
        [sys.executable, str(Path(__file__).resolve()), "--worker", str(stages_config), str(stages_json)],
        child_env(corpus),
        work,
    )
    stages = json.loads(stages_json.read_text(encoding="utf-8"))

    # The real build, end to end, from an empty docs dir.
    step(f"N={count}: build")
    docs, site = work / "docs", work / "site"
    build_config = write_config(work / "mkdocs.yml", docs, site, hooks=True)

    def fresh_build() -> Run:
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        docs.mkdir()
        return atlas_build(build_config, corpus, work)

    build = best_of(repeat, fresh_build)

    # The floor: the same Markdown, already generated, built by MkDocs alone.
    step(f"N={count}: floor")
    floor_docs = work / "floor-docs"
    shutil.copytree(docs, floor_docs)
    floor_config = write_config(work / "floor.yml", floor_docs, work / "floor-site", hooks=False)
    floor = best_of(repeat, lambda: mkdocs_build(floor_config, corpus, work))

    step(f"N={count}: sizes")
    resolution_pages = sorted(p.stat().st_size for p in site.glob("resolutions/*/index.html"))
    search = [p for p in (site / "search").rglob("*") if p.is_file()] if (site / "search").is_dir() else []
    return SizeResult(
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
        search_index_bytes=sum(p.stat().st_size for p in search),
        search_index_files=len(search),
        docs_bytes=_tree_bytes(docs),
    )


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
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "MkDocs": metadata.version("mkdocs"),
        "Material for MkDocs": metadata.version("mkdocs-material"),
    }


def _mb(n: float) -> str:
    return f"{n / 1024**2:.1f} MB"


def _kb(n: float) -> str:
    return f"{n / 1024:.1f} kB"


def _s(n: float) -> str:
    return f"{n:.2f} s"


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
        "*build* is `atlas build` (MkDocs with the project's hook: check and generation included), from an "
        "empty docs dir; "
        "the *floor* is a plain `mkdocs build` of the same generated Markdown with the same mkdocs.yml minus "
        "the hook, measured in the same run"
        + (f", each the fastest of {repeat} runs" if repeat > 1 else "")
        + ". Peak memory is the maximum RSS of each process.",
        "",
        *_table(
            ["", *sizes],
            [
                ["build, wall time", *[_s(r.build.seconds) for r in results]],
                ["bare-MkDocs floor", *[_s(r.floor.seconds) for r in results]],
                ["build / floor", *[f"{r.ratio:.2f} ×" for r in results]],
                ["HTML pages", *[f"{r.html_pages:,}" for r in results]],
                ["pages per second", *[f"{r.pages_per_second:.0f}" for r in results]],
                ["resolution page, median", *[_kb(r.resolution_page_median) for r in results]],
                ["resolution page, max", *[_kb(r.resolution_page_max) for r in results]],
                ["total site size", *[_mb(r.site_bytes) for r in results]],
                [
                    "search index",
                    *[f"{_mb(r.search_index_bytes)} ({r.search_index_files} file(s))" for r in results],
                ],
                ["generated docs dir", *[_mb(r.docs_bytes) for r in results]],
                ["peak memory, build", *[_mb(r.build.peak_bytes) for r in results]],
                ["peak memory, floor", *[_mb(r.floor.peak_bytes) for r in results]],
                ["synthesis (not in the build)", *[_s(r.synth_seconds) for r in results]],
            ],
        ),
        "",
        "## Time per stage",
        "",
        "One build run in process with clocks on each stage (a separate run from the one above). *mkdocs "
        "(rest)* is MkDocs and Material without the search plugin: reading the docs, Markdown, theme "
        "templates, writing pages.",
        "",
    ]
    stage_names = [*GENERATOR_STAGES, "search index", "mkdocs (rest)", "total"]
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
    rows.append(["peak memory after the generator", *[_mb(r.generator_peak_bytes) for r in results]])
    rows.append(["peak memory, whole build", *[_mb(r.stages_peak_bytes) for r in results]])
    lines += [*_table(["stage", *sizes], rows), ""]
    lines += ["## Targets (issue 5)", "", *_table(["target", "result"], _targets(results)), ""]
    lines += ["## Observations", "", *_observations(results), ""]
    warnings = {w for r in results for w in r.build.warnings + r.floor.warnings}
    if warnings:
        lines += ["## Build warnings", "", "```", *sorted(warnings)[:20], "```", ""]
    return "\n".join(lines)


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
        f"{big.ratio:.2f} ×" if big else None,
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
        _mb(max(big.build.peak_bytes, big.stages_peak_bytes)) if big else None,
        big is not None and max(big.build.peak_bytes, big.stages_peak_bytes) <= TARGET_PEAK_BYTES,
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
            f"the search index {_pct(r.search_index_bytes, r.site_bytes)}."
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

        yield step
        bar.update(1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="corpus sizes N")
    parser.add_argument("--out", default="BENCHMARKS.md", help="the report to write ('-' prints it only)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpora")
    parser.add_argument("--json", help="also write the raw figures as JSON to this file")
    parser.add_argument("--repeat", type=int, default=1, help="runs of build and floor; the fastest counts")
    parser.add_argument("--keep", help="build in this directory and keep it (default: a temporary one)")
    parser.add_argument("--worker", nargs=2, metavar=("CONFIG", "JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(Path(args.worker[0]), Path(args.worker[1]))
        return 0
    if any(n < 1 for n in args.sizes) or args.repeat < 1:
        parser.error("sizes and --repeat must be positive")

    results: list[SizeResult] = []
    with _progress(total=5 * len(args.sizes)) as step:
        for count in args.sizes:
            with _work_dir(args.keep, count) as work:
                results.append(measure(count, args.seed, work, step, args.repeat))
    command = "python scripts/benchmark.py --sizes " + " ".join(str(n) for n in args.sizes)
    if args.repeat > 1:
        command += f" --repeat {args.repeat}"
    text = report(results, machine(), command, args.seed, args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
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
