"""Stage 5, emit: resolution → YAML file, and the ``atlas import`` command's work on files.

The YAML is written by hand rather than by ``yaml.dump`` so that it is deterministic and reads like the
documented format (corpus/README.md): keys in the documented order, block style, one paragraph per line,
dates as ISO dates, the schema modeline first and the ``imported:`` fingerprints last. Scalars are quoted
by PyYAML itself, so every value reads back exactly.

Diagnostic codes added here (see pipeline.py for the others):

=======  ========  ================================================================
IMP100   error     an existing resolution file cannot be read (not overwritten without --force)
IMP101   warning   a field edited by hand is kept; the import would change it
IMP199   error     an internal error while importing one file (the others go on)
=======  ========  ================================================================
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, Report
from generator.importer.decode import decode
from generator.importer.merge import MISSING, FieldChange, RewriteError, fingerprints, rewrite
from generator.importer.pipeline import import_text, import_texts
from generator.importer.verify import verify_written
from generator.model import Annex, Footnote, Paragraph, Resolution
from generator.schema.load import read_document, refuse_outside
from generator.schema.yaml_source import YamlDocument
from generator.yaml_text import safe_dumper

__all__ = [
    "IMPORTER_VERSION",
    "MODELINE",
    "import_files",
    "import_text",
    "import_texts",
    "plain_to_yaml",
    "resolution_to_plain",
    "resolution_to_yaml",
]

IMPORTER_VERSION = 1
MODELINE = "# yaml-language-server: $schema=../../generator/schema/resolution.schema.json"


# --- model → plain data ---------------------------------------------------------------------------


def _paragraph(p: Paragraph) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id}
    if p.heading is not None:
        out["heading"] = p.heading
    if p.number is not None:
        out["number"] = p.number
    out["text"] = p.text
    if p.subparagraphs:
        out["subparagraphs"] = [_paragraph(s) for s in p.subparagraphs]
    return out


def _annex(a: Annex) -> dict[str, Any]:
    return {
        "id": a.id,
        "number": a.number or None,
        "title": a.title,
        "intro": [_paragraph(p) for p in a.intro],
        "sections": [
            {"heading": s.heading, "paragraphs": [_paragraph(p) for p in s.paragraphs]} for s in a.sections
        ],
    }


def _footnote(f: Footnote) -> dict[str, Any]:
    return {"mark": f.mark, "anchor": f.anchor, "text": f.text}


def resolution_to_plain(r: Resolution) -> dict[str, Any]:
    """The resolution as plain data, keys in the documented order (without ``imported``)."""
    plain: dict[str, Any] = {
        "id": r.id,
        "body": r.body,
        "kind": r.kind,
        "status": r.status,
        "number": r.number,
        "session": r.session,
        "year": r.year,
        "symbol": r.symbol,
        "dates": {"distributed": r.dates.distributed, "adopted": r.dates.adopted},
        "venue": r.venue,
        "agenda_item": (
            {"number": r.agenda_item.number, "title": r.agenda_item.title} if r.agenda_item else None
        ),
        "sponsors": list(r.sponsors),
        "recommended_to": r.recommended_to,
        "recommendation": r.recommendation,
        "title": r.title,
        "formula": r.formula,
        "preamble": [_paragraph(p) for p in r.preamble],
        "operative": [_paragraph(p) for p in r.operative],
        "annexes": [_annex(a) for a in r.annexes],
        "footnotes": [_footnote(f) for f in r.footnotes],
        "source": r.source,
    }
    if r.meeting is not None:
        # Only adopted texts have one: the field is left out otherwise, so drafts' files stay as they were.
        items = list(plain.items())
        items.insert(list(plain).index("venue") + 1, ("meeting", r.meeting))
        plain = dict(items)
    return plain


# --- plain data → YAML text -----------------------------------------------------------------------


def _scalar(value: Any) -> str:
    # Every scalar of every written file goes through here: libyaml's emitter where it writes the
    # same text as PyYAML's (generator/yaml_text.py).
    dumper = safe_dumper(value) if isinstance(value, str) else safe_dumper()
    text = yaml.dump(value, Dumper=dumper, allow_unicode=True, width=1_000_000_000, default_flow_style=True)
    text = text.removesuffix("\n").removesuffix("\n...").removesuffix("...")
    return text.rstrip("\n")


def _is_block(value: Any) -> bool:
    return isinstance(value, dict | list) and bool(value)


def _mapping_lines(mapping: Mapping[Any, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        if _is_block(value):
            lines.append(f"{pad}{_scalar(key)}:")
            lines.extend(_block_lines(value, indent + 2))
        else:
            lines.append(f"{pad}{_scalar(key)}: {_scalar(value)}")
    return lines


def _block_lines(value: Any, indent: int) -> list[str]:
    if isinstance(value, dict):
        return _mapping_lines(value, indent)
    pad = " " * indent
    lines: list[str] = []
    for item in value:
        if _is_block(item):
            inner = _block_lines(item, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines.extend(inner[1:])
        else:
            lines.append(f"{pad}- {_scalar(item)}")
    return lines


def plain_to_yaml(plain: Mapping[str, Any], prints: Mapping[str, str]) -> str:
    """The file's text: modeline, the fields as given, then the ``imported:`` block."""
    body = {k: v for k, v in plain.items() if k != "imported"}
    body["imported"] = {"importer": IMPORTER_VERSION, "fingerprints": dict(prints)}
    return "\n".join([MODELINE, *_mapping_lines(body, 0)]) + "\n"


_fingerprints = fingerprints  # resolution_to_yaml's parameter shadows the name


def resolution_to_yaml(resolution: Resolution, fingerprints: dict[str, str] | None = None) -> str:
    """The YAML file of a resolution; the fingerprints default to those of its own values (a fresh import)."""
    plain = resolution_to_plain(resolution)
    return plain_to_yaml(plain, _fingerprints(plain) if fingerprints is None else fingerprints)


def field_yaml(name: str, value: Any) -> list[str]:
    """The YAML lines of one field, for diffs; none when the field is missing."""
    if value is MISSING:
        return []
    return _mapping_lines({name: value}, 0)


def field_diff(change: FieldChange, current: str, imported: str) -> str:
    return "\n".join(
        difflib.unified_diff(
            field_yaml(change.field, change.old),
            field_yaml(change.field, change.new),
            current,
            imported,
            n=1,
            lineterm="",
        )
    )


# --- files ----------------------------------------------------------------------------------------


@dataclass
class _Existing:
    """The resolution files already in the output directory, found by source and by id."""

    by_source: dict[str, Path] = field(default_factory=dict)
    data: dict[Path, dict[str, Any]] = field(default_factory=dict)
    docs: dict[Path, YamlDocument] = field(default_factory=dict)
    unreadable: dict[Path, str] = field(default_factory=dict)
    paths: set[Path] = field(default_factory=set)

    @classmethod
    def scan(cls, out_dir: Path) -> _Existing:
        existing = cls()
        if not out_dir.is_dir():
            return existing
        corpus = out_dir.parent.resolve()
        for path in sorted(out_dir.glob("*.yaml")):
            existing.paths.add(path)
            # Read as `atlas check` reads (limits on depth and aliases, no link out of the corpus
            # followed): one hostile file is reported, and does not stop the import of the others.
            outside = refuse_outside(path, corpus) if path.is_symlink() else None
            doc, diagnostics = (None, [outside]) if outside else read_document(path)
            errors = [d for d in diagnostics if d.severity == "error"]
            if doc is None or errors or not isinstance(doc.data, dict):
                first = errors[0] if errors else None
                existing.unreadable[path] = (
                    f"line {first.line}: {first.message}" if first and first.line else
                    first.message if first else "it does not hold a mapping of keys"
                )
                continue
            data = doc.data
            existing.data[path] = data
            existing.docs[path] = doc
            if isinstance(data.get("source"), str):
                existing.by_source.setdefault(_normalise(data["source"]), path)
        return existing


def _normalise(source: str) -> str:
    return Path(os.path.normpath(source)).as_posix()


def source_name(path: Path) -> str:
    """The raw file as the ``source`` field names it: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return _normalise(str(path))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so that an interrupted import never leaves half a file.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


STDIN = Path("-")


def _read_raw(path: Path, report: Report, stdin: bytes | None) -> str | None:
    """The raw text, decoded (decode.py); None, with the reason reported, when there is none."""
    if path == STDIN:
        data = stdin or b""
    else:
        try:
            data = path.read_bytes()
        except OSError as error:
            report.add(Diagnostic(str(path), None, None, "IMP000",
                                  f"cannot read the raw file: {error.strerror}",
                                  "check the path; raw texts live in corpus/raw/"))
            return None
    decoded = decode(data, _display(path))
    report.extend(decoded.diagnostics)
    return decoded.text


def _display(path: Path) -> str:
    return "<stdin>" if path == STDIN else str(path)


@dataclass
class _Run:
    out_dir: Path
    force: bool
    dry_run: bool
    echo: Callable[[str], None]
    report: Report
    existing: _Existing
    keep_partial: bool = False
    stdin: bytes | None = None
    claimed: set[Path] = field(default_factory=set)
    # Each file written (or that would be, under --dry-run), its text and raw source, to verify.
    written: dict[Path, str] = field(default_factory=dict)
    sources: dict[Path, str] = field(default_factory=dict)

    def import_one(self, path: Path) -> None:
        text = _read_raw(path, self.report, self.stdin)
        if text is None:
            return
        # Text pasted on standard input has no file to name: no `source`, found again by its id.
        source = None if path == STDIN else source_name(path)
        results = import_texts(text, source or "<stdin>")
        if len(results) > 1:
            self.echo(f"found {len(results)} texts in {_display(path)}")
        for k, (resolution, diagnostics) in enumerate(results, start=1):
            # The k-th text of a session page is "<file>#k": a re-import finds each text's own file.
            own = f"{source}#{k}" if source and len(results) > 1 else source
            what = f"{_display(path)}#{k}" if len(results) > 1 else _display(path)
            self.import_resolution(resolution, diagnostics, own, what)

    def import_resolution(
        self, resolution: Resolution, diagnostics: list[Diagnostic], source: str | None, what: str
    ) -> None:
        self.report.extend(diagnostics)
        imported = resolution_to_plain(resolution)
        imported["source"] = source
        errors = sum(d.severity == "error" for d in diagnostics)
        if errors and not self.keep_partial:
            self.echo(f"not written: {what} ({errors} error(s); --keep-partial writes what was read)")
            return

        target = self.existing.by_source.get(_normalise(source)) if source else self.by_id(resolution.id)
        if target is None:
            target = self.new_target(resolution.id)
            imported["id"] = target.stem
        if target in self.existing.unreadable and not self.force:
            self.report.add(Diagnostic(
                str(target), None, None, "IMP100",
                f"cannot read the existing file ({self.existing.unreadable[target]}): not overwritten",
                "fix the file, or re-import with --force to replace it",
            ))
            return
        self.claimed.add(target)
        current = self.existing.data.get(target)
        if current is None:
            self.create(target, imported)
        else:
            self.update(target, current, imported, source)

    def by_id(self, resolution_id: str) -> Path | None:
        path = self.out_dir / f"{resolution_id}.yaml"
        return path if path in self.existing.data and path not in self.claimed else None

    def new_target(self, resolution_id: str) -> Path:
        """``<id>.yaml``, or ``<id>-2.yaml``… when another raw text already has that id."""
        candidate, n = resolution_id, 1
        while (
            (path := self.out_dir / f"{candidate}.yaml") in self.claimed
            or (path in self.existing.paths and path not in self.existing.unreadable)
        ):
            n += 1
            candidate = f"{resolution_id}-{n}"
        return path

    def create(self, target: Path, imported: dict[str, Any]) -> None:
        text = plain_to_yaml(imported, fingerprints(imported))
        self.written[target] = text
        self.sources[target] = str(imported.get("source") or "<stdin>")
        if self.dry_run:
            self.echo(f"would create {target} ({_summary(imported)})")
            return
        _write(target, text)
        self.echo(f"created {target} ({_summary(imported)})")

    def update(
        self, target: Path, current: dict[str, Any], imported: dict[str, Any], source: str | None
    ) -> None:
        source = source or "<stdin>"
        old_text = target.read_text(encoding="utf-8").removeprefix("\ufeff")
        try:
            # The file is edited, not rewritten: comments, key order and quoting of what does not
            # change survive (merge.rewrite).
            rewritten = rewrite(
                old_text, self.existing.docs[target], imported, force=self.force,
                importer_version=IMPORTER_VERSION,
            )
        except RewriteError as error:
            self.report.add(Diagnostic(
                str(target), None, None, "IMP100",
                f"cannot edit the existing file ({error}): not overwritten",
                "fix the file, or re-import with --force to replace it",
            ))
            return
        merged, text = rewritten.merged, rewritten.text
        for change in merged.kept:
            diff = field_diff(change, f"{target.name} (edited by hand, kept)", f"import of {source}")
            self.report.add(Diagnostic(
                str(target), rewritten.line_of(change.field), None, "IMP101",
                f"'{change.field}' was edited by hand and is kept; the import would change it",
                "re-import with --force to overwrite it:\n" + _indent(diff),
                "warning",
            ))
        if text == old_text:
            kept = f" (kept {len(merged.kept)} field(s) edited by hand)" if merged.kept else ""
            self.echo(f"unchanged {target}{kept}")
            return
        self.written[target] = text
        self.sources[target] = source
        applied = merged.applied
        names = ", ".join(c.field for c in applied) or "format"
        if self.dry_run:
            # Every change to the file, comments and layout included: the diff of its whole text.
            self.echo(f"would update {target}: {names}")
            diff = rewritten.diff(old_text, f"{target.name} (now)", f"{target.name} (after import)")
            self.echo(_indent(diff))
            return
        _write(target, text)
        self.echo(f"updated {target}: {names}")
        for change in applied:
            if change.curated:
                self.echo(f"  overwrote '{change.field}', edited by hand (--force)")


def _summary(plain: Mapping[str, Any]) -> str:
    """What a new file holds, to check at a glance: "15 preambular, 13 operative paragraphs, 2 footnotes"."""

    def count(key: str, one: str, many: str) -> str:
        n = len(plain.get(key) or [])
        return f"{n} {one if n == 1 else many}"

    return ", ".join([
        count("preamble", "preambular", "preambular"),
        count("operative", "operative paragraph", "operative paragraphs"),
        count("annexes", "annex", "annexes"),
        count("footnotes", "footnote", "footnotes"),
    ])


def _indent(text: str, pad: str = "      ") -> str:
    return "\n".join(pad + line for line in text.splitlines())


def import_files(
    paths: Sequence[Path],
    out_dir: Path,
    force: bool = False,
    dry_run: bool = False,
    echo: Callable[[str], None] = print,
    keep_partial: bool = False,
    stdin: bytes | None = None,
) -> Report:
    """Import raw texts into ``out_dir``; a re-import keeps hand-edited fields unless ``force``.

    A text read with errors is not written unless ``keep_partial``. The path ``-`` stands for the
    bytes given as ``stdin``.
    """
    report = Report()
    run = _Run(out_dir, force, dry_run, echo, report, _Existing.scan(out_dir), keep_partial, stdin)
    for path in paths:
        try:
            run.import_one(path)
        except Exception as error:  # a bug must not hide the results of the other files
            report.add(Diagnostic(
                _display(path), None, None, "IMP199",
                f"internal error while importing: {type(error).__name__}: {error}",
                "please report this, with the raw file, as a bug of the importer",
            ))
    # What was written must pass `atlas check`, or the import fails (verify.py).
    report.extend(verify_written(run.written, run.sources, out_dir, on_disk=not dry_run))
    return report
