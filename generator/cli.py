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
    from generator.importer.emit import import_files

    report = import_files(
        [Path(p) for p in args.raw],
        out_dir=Path(args.out),
        force=args.force,
        dry_run=args.dry_run,
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": cmd_import,
    "check": cmd_check,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="atlas", description="Resolutions Atlas: corpus tools and site build.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help="import raw UN texts into YAML resolutions")
    p.add_argument("raw", nargs="+", help="raw text files, e.g. corpus/raw/000_a0a79015d9b2e08c.txt")
    p.add_argument("--out", default="corpus/resolutions", help="directory of resolution YAML files")
    p.add_argument("--force", action="store_true", help="overwrite fields curated by hand")
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")

    p = sub.add_parser("check", help="validate the whole corpus and list every problem")
    p.add_argument("corpus", nargs="?", default="corpus", help="corpus directory (default: corpus)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="json for CI")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
