"""The last step of ``atlas import``: what was written must pass ``atlas check``.

The importer is meant to write only files the checker accepts; this step makes sure of it. Each file
written (or, under ``--dry-run``, each file that would be) is read back and checked like any corpus
file: schema, paragraph ids and footnotes; when it was written into a corpus (a directory holding
``bodies.yaml`` above ``resolutions/``), the whole corpus is checked too, so bodies, cited articles
and duplicate ids count, and the problems of the files written are reported. Any error fails the
import (a non-zero exit), with the checker's own diagnostics and a summary naming the raw text.

=======  ========  ================================================================
IMP300   error     a file the import wrote (or would write) does not pass ``atlas check``
=======  ========  ================================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.schema.load import load_resolution_text


def verify_written(
    written: Mapping[Path, str], sources: Mapping[Path, str], out_dir: Path, *, on_disk: bool
) -> list[Diagnostic]:
    """The check errors of the files ``written`` (path → text; ``sources``: path → raw file named)."""
    if not written:
        return []
    found: dict[Path, list[Diagnostic]] = {}
    for path, text in written.items():
        _, diagnostics = load_resolution_text(text, path)
        found[path] = [d for d in diagnostics if d.severity == "error"]
    corpus = out_dir.parent
    if on_disk and (corpus / "bodies.yaml").is_file() and not any(found.values()):
        # Bodies, cited articles and ids across files: the checker's own run over the corpus.
        from generator.check import check_corpus

        by_file = {path.resolve(): path for path in written}
        for d in check_corpus(corpus).errors:
            owner = by_file.get(Path(d.path).resolve())
            if owner is not None:
                found[owner].append(d)
    out: list[Diagnostic] = []
    for path, errors in found.items():
        if errors:
            out.extend(_relocated(errors, path))
            out.append(_summary(path, sources.get(path, "the raw text"), len(errors), on_disk))
    return out


def _relocated(errors: Iterable[Diagnostic], path: Path) -> list[Diagnostic]:
    return [
        Diagnostic(str(path), d.line, d.column, d.code, d.message, d.hint, d.severity) for d in errors
    ]


def _summary(path: Path, source: str, count: int, on_disk: bool) -> Diagnostic:
    written = "wrote" if on_disk else "would write"
    return Diagnostic(
        str(path),
        None,
        None,
        "IMP300",
        f"the import of {source} {written} a file that `atlas check` rejects "
        f"({count} error{'s' if count != 1 else ''} above)",
        "fix the raw text where the errors point (an article cited that does not exist, an unknown "
        "body), or the YAML by hand and re-import; if the raw text is right, report it as a bug of the "
        "importer",
    )
