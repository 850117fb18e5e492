"""The ``atlas`` command: a thin shell over the pipeline's verbs.

Each subcommand parses its arguments, calls one function of the core, prints the collected
diagnostics and returns an exit status. No traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.diagnostics import Report

ROOT = Path.cwd()


def _print_report(report: Report, fmt: str = "text") -> None:
    if fmt == "json":
        print(report.to_json())
    elif len(report):
        print(report.format(), file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs; not worth a dependency

    from generator.importer.emit import import_files
    from generator.progress import quiet

    paths = [Path(p) for p in args.raw]
    # "-": a text pasted on standard input, read as bytes so that its encoding is detected too.
    stdin = sys.stdin.buffer.read() if "-" in args.raw else None
    # A bar on a terminal for a batch of files; nothing in CI logs or pipes. Lines printed while
    # it runs go above it.
    with tqdm(paths, desc="import", unit="file", disable=quiet() or len(paths) < 2, leave=False) as shown:
        report = import_files(
            shown,
            out_dir=Path(args.out),
            force=args.force,
            dry_run=args.dry_run,
            echo=print if shown.disable else tqdm.write,
            keep_partial=args.keep_partial,
            stdin=stdin,
        )
    _print_report(report)
    return 0 if report.ok else 1


def cmd_check(args: argparse.Namespace) -> int:
    from generator.check import check_corpus

    report = check_corpus(Path(args.corpus))
    _print_report(report, args.format)
    if args.format == "text" and report.ok:
        print("corpus OK", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_synth(args: argparse.Namespace) -> int:
    import os

    from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs; not worth a dependency

    from generator.diagnostics import Diagnostic
    from generator.synth import OutputNotEmpty, write_corpus

    out = Path(args.out)
    if args.count < 0:
        _print_report(Report([Diagnostic("--count", None, None, "bad-count", f"count {args.count} < 0")]))
        return 2
    # A bar on a terminal; nothing in CI logs or pipes.
    quiet = not sys.stderr.isatty() or os.environ.get("CI", "").lower() == "true"
    with tqdm(total=args.count, desc="synth", unit="res", disable=quiet) as bar:
        try:
            write_corpus(args.count, args.seed, out, overwrite=args.force, progress=bar.update)
        except OutputNotEmpty as e:
            hint = "choose an empty directory, or pass --force to replace its resolutions"
            _print_report(Report([Diagnostic(str(out), None, None, "output-not-empty", str(e), hint)]))
            return 1
    print(f"wrote {args.count} synthetic resolutions to {out}/ (seed {args.seed})", file=sys.stderr)
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from generator import progress
    from generator.generate import generate

    with progress.bar("generate", unit="file") as shown:
        result = generate(
            Path(args.corpus),
            Path(args.out),
            pages_dir=Path(args.pages),
            directory_urls=not args.no_directory_urls,
            progress=shown,
        )
    _print_report(result.report)
    if not result.report.ok:
        return 1
    print(f"{args.out}: {result.stats.summary()}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    if args.engine == "zensical":
        return _build_with_zensical(args)
    # The MkDocs hook checks the corpus and generates the pages before MkDocs builds them.
    from generator.mkdocs_adapter import build_site

    return build_site(
        Path(args.config),
        strict=args.strict,
        site_dir=Path(args.site_dir) if args.site_dir else None,
        use_directory_urls=False if args.no_directory_urls else None,
        offline=args.offline,
        verbose=args.verbose,
    )


def _build_with_zensical(args: argparse.Namespace) -> int:
    import os

    from generator.diagnostics import Diagnostic
    from generator.zensical_adapter import build_site

    if args.offline or args.no_directory_urls:
        what = "--offline" if args.offline else "--no-directory-urls"
        hint = "the offline bundle is built with MkDocs: drop --engine zensical (or the option)"
        problem = Diagnostic("--engine", None, None, "bad-option", f"{what} is MkDocs-only", hint)
        _print_report(Report([problem]))
        return 2
    # The shell hands the environment over: mkdocs.yml's !ENV values are read from it.
    outcome = build_site(
        Path(args.config),
        environ=dict(os.environ),
        strict=args.strict,
        site_dir=Path(args.site_dir) if args.site_dir else None,
    )
    if args.verbose and outcome.log:
        print(outcome.log.rstrip(), file=sys.stderr)
    _print_report(outcome.report)
    if outcome.status == 0:
        print(f"site built with Zensical in {outcome.site_dir}", file=sys.stderr)
    return outcome.status


def cmd_bundle(args: argparse.Namespace) -> int:
    import os

    from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs; not worth a dependency

    from generator.bundle import STAGES, make_bundle

    # A bar on a terminal; nothing in CI logs or pipes.
    quiet = not sys.stderr.isatty() or os.environ.get("CI", "").lower() == "true"
    started: list[str] = []
    with tqdm(total=len(STAGES), desc="bundle", unit="step", disable=quiet, leave=False) as bar:

        def step(stage: str) -> None:
            # Called as each stage starts: the one before it is done.
            if started:
                bar.update(1)
            started.append(stage)
            bar.set_description(f"bundle: {stage}")

        bundle, report = make_bundle(
            Path(args.config),
            Path(args.out),
            work_dir=Path(args.work_dir) if args.work_dir else None,
            measure=not args.no_measure,
            progress=step,
        )
        if started:
            bar.update(1)
    _print_report(report)
    if bundle is not None:
        print(bundle.summary())
    return 0 if bundle is not None and report.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.mkdocs_adapter import serve_site

    return serve_site(Path(args.config), dev_addr=args.dev_addr, open_browser=args.open)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "generate": cmd_generate,
    "build": cmd_build,
    "serve": cmd_serve,
    "bundle": cmd_bundle,
    "import": cmd_import,
    "check": cmd_check,
    "synth": cmd_synth,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atlas", description="Resolutions Atlas: corpus tools and site build."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help="import raw UN texts into YAML resolutions")
    p.add_argument("raw", nargs="+",
                   help="raw text files, e.g. corpus/raw/000_a0a79015d9b2e08c.txt; - reads standard input")
    p.add_argument("--out", default="corpus/resolutions", help="directory of resolution YAML files")
    p.add_argument("--force", action="store_true", help="overwrite fields curated by hand")
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    p.add_argument("--keep-partial", action="store_true",
                   help="write a text read with errors too (by default it is not written)")

    p = sub.add_parser("check", help="validate the whole corpus and list every problem")
    p.add_argument("corpus", nargs="?", default="corpus", help="corpus directory (default: corpus)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="json for CI")

    p = sub.add_parser("synth", help="write a synthetic corpus of N realistic resolutions (for benchmarks)")
    p.add_argument("--count", type=int, required=True, help="number of resolutions")
    p.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same files")
    p.add_argument("--out", required=True, help="corpus directory to create, e.g. /tmp/synth-1000")
    p.add_argument("--force", action="store_true", help="replace the resolutions already in --out")

    p = sub.add_parser("generate", help="render the corpus into MkDocs pages (no MkDocs run)")
    p.add_argument("--corpus", default="corpus", help="corpus directory (default: corpus)")
    p.add_argument("--out", default="build/docs", help="docs directory to write (default: build/docs)")
    p.add_argument("--pages", default="pages", help="hand-written pages to include (default: pages)")
    p.add_argument("--no-directory-urls", action="store_true", help="link to page.html, as offline builds do")

    p = sub.add_parser("build", help="check the corpus and build the site (MkDocs or Zensical)")
    p.add_argument("--strict", action="store_true", help="fail on any MkDocs warning (CI)")
    p.add_argument("--site-dir", default=None, help="output directory (default: site_dir of mkdocs.yml)")
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--no-directory-urls", action="store_true", help="page.html URLs (offline bundle)")
    p.add_argument(
        "--offline", action="store_true", help="as the offline bundle: Material's offline plugin, no site_url"
    )
    p.add_argument("--verbose", action="store_true", help="show MkDocs' debug output (Zensical's output)")
    p.add_argument(
        "--engine", choices=["mkdocs", "zensical"], default="mkdocs",
        help="the site generator (default: mkdocs); zensical runs from build/engines/zensical/.venv",
    )

    p = sub.add_parser("bundle", help="build the offline copy of the site as a zip that works from file://")
    p.add_argument("--out", default="dist", help="where to write the zip (default: dist)")
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--no-measure", action="store_true", help="skip timing the first page in Chromium")
    p.add_argument("--work-dir", default=None, help="where the offline site is built (default: build/)")

    p = sub.add_parser("serve", help="live preview; rebuilds when a file in corpus/ or pages/ changes")
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("--dev-addr", default=None, help="address to serve on (default: 127.0.0.1:8000)")
    p.add_argument("--open", action="store_true", help="open the site in a browser")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    import os

    from generator import parallel

    args = build_parser().parse_args(argv)
    # The shell reads the environment once; the core is handed what it says.
    with parallel.using(parallel.workers_setting(os.environ.get("ATLAS_WORKERS"))):
        return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
