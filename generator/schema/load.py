"""Read the corpus: YAML with positions → schema validation → the frozen model, with every problem reported.

A file that cannot be read or fails its schema is left out of the ``Corpus`` and reported; a file
that reads but breaks a rule (an unknown body, a footnote without its mark) stays in, and its
problems are reported, so that one run lists everything. Build nothing from a Corpus whose Report
has errors.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from generator import parallel
from generator.diagnostics import Diagnostic, Report, Severity, did_you_mean
from generator.model import (
    AgendaItem,
    Annex,
    AnnexSection,
    Article,
    Body,
    Corpus,
    Dates,
    Footnote,
    Instrument,
    Kind,
    Origin,
    Paragraph,
    Resolution,
    Session,
    Status,
    Version,
    VersionRelation,
)
from generator.progress import Progress, ignore
from generator.schema.rules import check_resolution, elements, located_paragraphs
from generator.schema.validate import SchemaName, schema_file, validate
from generator.schema.yaml_source import Position, YamlDocument, dotted, parse_yaml

__all__ = [
    "ResolutionDataError",
    "load_bodies",
    "load_corpus",
    "load_instruments",
    "load_resolution",
    "load_resolution_text",
    "read_document",
    "refuse_outside",
    "resolution_from_data",
]


# What reading one resolution file gives: the resolution (None when it cannot be used) and its problems.
Loaded = tuple[Resolution | None, list[Diagnostic]]


class ResolutionDataError(ValueError):
    """Raised by ``resolution_from_data`` for data that does not follow the schema."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


# ---------------------------------------------------------------------------------------------
# The whole corpus


# Reads resolution files, in order, telling a callback how many are done (``load_each``, or a
# build's cache, which stands around it).
LoadAll = Callable[[Sequence[Path], Callable[[int], None]], list[Loaded]]


def load_each(paths: Sequence[Path], done: Callable[[int], None]) -> list[Loaded]:
    """:func:`load_resolution` of each file; files are independent, so a large corpus is read on
    every core (results in file order)."""
    return parallel.map_in_order(load_resolution, paths, progress=done)


def load_corpus(
    root: Path, *, progress: Progress = ignore, load: LoadAll | None = None
) -> tuple[Corpus, Report]:
    """Read ``root``/bodies.yaml, instruments/*.yaml and resolutions/*.yaml; report every problem.

    ``progress`` hears ``("read", files read, files)`` as the resolutions are read. ``load`` reads the
    resolution files (default :func:`load_each`; a build passes its cache, which stands around it).
    """
    load = load or load_each
    report = Report()
    if not root.is_dir():
        report.add(
            Diagnostic(
                str(root),
                None,
                None,
                "missing-corpus",
                f"no corpus directory at {root}",
                "run from the project's root, or name the corpus directory: atlas check corpus",
            )
        )
        return Corpus((), {}, {}), report

    bodies, bodies_ok = load_bodies(root / "bodies.yaml", report)
    instruments = load_instruments(root / "instruments", report)

    resolutions: list[Resolution] = []
    paths = _yaml_files(root / "resolutions", report, "resolution", root)

    def read(done: int) -> None:
        progress("read", done, len(paths))

    for resolution, diagnostics in load(paths, read):
        report.extend(diagnostics)
        if resolution is not None:
            resolutions.append(resolution)
    resolutions = _unique_ids(resolutions, report)
    if bodies_ok:
        for resolution in resolutions:
            report.extend(_check_bodies(resolution, bodies))
    return Corpus(tuple(sorted(resolutions, key=lambda r: r.id)), bodies, instruments), report


def _yaml_files(directory: Path, report: Report, what: str, root: Path | None = None) -> list[Path]:
    """The ``*.yaml`` files of a directory, sorted; every other entry there is an error naming it.

    Nothing is opened to decide: a symbolic link is judged by where it points (a link out of the
    corpus ``root``, by default the directory's parent, is refused without reading its target), a
    directory, a pipe or a device by what the directory says it is.
    """
    if not directory.is_dir():
        report.add(
            Diagnostic(
                str(directory),
                None,
                None,
                "missing-directory",
                f"no directory {directory}",
                f"create it: the corpus keeps one {what} per .yaml file there",
                severity="warning" if what == "resolution" else "error",
            )
        )
        return []
    corpus = (root or directory.parent).resolve()
    outside = refuse_outside(directory, corpus)
    if outside is not None:
        report.add(outside)
        return []
    files: list[Path] = []
    for path in sorted(directory.iterdir()):
        problem = _entry_problem(path, directory, corpus)
        if problem is None:
            files.append(path)
        else:
            report.add(problem)
    if not files and what == "resolution":
        report.add(
            Diagnostic(
                str(directory),
                None,
                None,
                "no-resolutions",
                "the corpus has no resolutions yet",
                "import some: atlas import corpus/raw/*.txt",
                "warning",
            )
        )
    return files


def refuse_outside(path: Path, corpus: Path) -> Diagnostic | None:
    """An error when ``path`` is (or passes through) a symbolic link leading out of ``corpus``.

    Only the link is read (``realpath``), never its target: /etc/shadow linked into the corpus is
    refused, not printed back as "unknown key" errors.
    """
    real = Path(os.path.realpath(path))
    if real == corpus or corpus in real.parents:
        return None
    where = os.readlink(path) if path.is_symlink() else str(real)
    return Diagnostic(
        str(path),
        None,
        None,
        "link-outside-corpus",
        f"a symbolic link to {where}, outside the corpus: it is not read",
        "put the file itself in the corpus (a copy, not a link), or remove the link",
    )


def _entry_problem(path: Path, directory: Path, corpus: Path) -> Diagnostic | None:
    """Why an entry of a corpus directory is not read, or None for a .yaml file to read."""

    def error(code: str, message: str, hint: str) -> Diagnostic:
        return Diagnostic(str(path), None, None, code, message, hint)

    name = path.name
    if path.is_symlink():
        if not path.exists():
            return error(
                "broken-link",
                f"a symbolic link to {os.readlink(path)}, which does not exist: it is not read",
                "remove the link, or put the file itself here",
            )
        outside = refuse_outside(path, corpus)
        if outside is not None:
            return outside
    if name.startswith("."):
        return error(
            "hidden-file",
            f"'{name}' is a hidden file (its name starts with a dot): it is not read",
            f"rename it to <id>.yaml (the resolution's id), or move it out of {directory}",
        )
    if path.is_dir():
        return error(
            "not-a-file",
            f"'{name}' is a directory: it is not read",
            f"each resolution is one .yaml file directly in {directory}: move its files up here, "
            "or out of the corpus",
        )
    if not path.is_file():
        return error(
            "not-a-file",
            f"'{name}' is not a regular file (a named pipe, socket or device): it is not read",
            f"remove it from {directory}",
        )
    if path.suffix != ".yaml":
        return error(
            "ignored-file",
            f"'{name}' is not a .yaml file: it is not read",
            f"rename it to {path.stem}.yaml"
            if path.suffix.lower() in (".yml", ".yaml")
            else f"move it out of {directory}: only .yaml files are read there",
        )
    return None


def _unique_ids(resolutions: list[Resolution], report: Report) -> list[Resolution]:
    """Keep one file per id; the others with the same id are reported and left out.

    The file named after the id wins (its URL is the one that exists), then the first by path.
    """

    def preference(r: Resolution) -> tuple[bool, str]:
        path = r.origin.path if r.origin else ""
        return Path(path).stem != r.id, path

    first: dict[str, Resolution] = {}
    for resolution in sorted(resolutions, key=preference):
        if resolution.id in first:
            other = first[resolution.id].origin
            report.add(
                diagnostic_at(
                    resolution,
                    "id",
                    "duplicate-id",
                    f"id '{resolution.id}' is already used by {other.path if other else 'another file'}",
                    "ids must be unique: give one of them a -2 suffix, and rename its file to match",
                )
            )
            continue
        first[resolution.id] = resolution
    return list(first.values())


def _check_bodies(res: Resolution, bodies: dict[str, Body]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    listing = "the bodies of corpus/bodies.yaml are: " + ", ".join(bodies)
    if res.body not in bodies:
        close = did_you_mean(res.body, bodies)
        out.append(
            diagnostic_at(
                res,
                "body",
                "unknown-body",
                f"unknown body '{res.body}'",
                f"{close} ({listing})" if close else listing,
            )
        )
    if res.recommended_to is not None and res.recommended_to not in bodies:
        close = did_you_mean(res.recommended_to, bodies)
        out.append(
            diagnostic_at(
                res,
                "recommended_to",
                "unknown-recommended-to",
                f"recommended_to names an unknown body '{res.recommended_to}'",
                f"{close} ({listing})" if close else listing,
            )
        )
    return out


def diagnostic_at(
    res: Resolution, key: str, code: str, message: str, hint: str, severity: Severity = "error"
) -> Diagnostic:
    """A diagnostic placed at the YAML line and column of ``key`` in the file ``res`` was read from."""
    origin = res.origin
    return Diagnostic(
        origin.path if origin else f"<{res.id}>",
        origin.line_of(key) if origin else None,
        origin.column_of(key) if origin else None,
        code,
        message,
        hint,
        severity,
    )


# ---------------------------------------------------------------------------------------------
# One resolution


def load_resolution(path: Path) -> Loaded:
    """Read, validate and check one resolution file; None when it cannot be used."""
    doc, diagnostics = _read(path, "resolution")
    return _resolution_of(doc, diagnostics, path)


def load_resolution_text(text: str, path: Path) -> tuple[Resolution | None, list[Diagnostic]]:
    """``load_resolution`` of a file's text not (or not yet) written at ``path``."""
    text = text.removeprefix("\ufeff")
    doc, diagnostics = parse_yaml(text, str(path))
    if doc is not None:
        diagnostics.extend(_check_schema_reference(text, path, "resolution"))
    return _resolution_of(doc, diagnostics, path)


def _resolution_of(
    doc: YamlDocument | None, diagnostics: list[Diagnostic], path: Path
) -> tuple[Resolution | None, list[Diagnostic]]:
    if doc is None:
        return None, diagnostics
    schema_errors = validate(doc.data, "resolution", str(path), doc)
    if schema_errors:
        return None, diagnostics + schema_errors
    lines, columns = _positions(doc)
    resolution = _build(doc.data, Origin(str(path), lines, columns))
    _add_element_positions(resolution, lines, columns)
    if resolution.id != path.stem:
        diagnostics.append(
            diagnostic_at(
                resolution,
                "id",
                "id-mismatch",
                f"id '{resolution.id}' does not match the file name '{path.name}'",
                f"the id is the page's permanent URL: rename the file to {resolution.id}.yaml "
                "(or, for a new file, change the id)",
            )
        )
    diagnostics.extend(check_resolution(resolution))
    return resolution, diagnostics


def resolution_from_data(
    data: dict[str, Any],
    path: str,
    lines: dict[str, int] | None = None,
    columns: dict[str, int] | None = None,
) -> Resolution:
    """Build a Resolution from data shaped like a resolution file (dates as ``date`` or ISO text).

    Raises ``ResolutionDataError`` (a ValueError listing the diagnostics) when the data does not
    follow the schema. Rule checks (footnotes, paragraph ids) are not run: see ``check_resolution``.
    """
    errors = validate(data, "resolution", path)
    if errors:
        raise ResolutionDataError(errors)
    return _build(data, Origin(path, dict(lines or {}), dict(columns or {})))


# No corpus file comes near this (the largest real one is under 100 kB); a bigger one is refused
# unread rather than parsed for minutes.
MAX_FILE_BYTES = 16 * 1024 * 1024


def read_document(
    path: Path, kind: SchemaName = "resolution"
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """One YAML file of the corpus read safely (size, encoding, limits), with positions; not validated."""
    return _read(path, kind)


def _read(path: Path, kind: SchemaName) -> tuple[YamlDocument | None, list[Diagnostic]]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return None, [
                Diagnostic(
                    str(path),
                    None,
                    None,
                    "file-too-large",
                    f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB: it is not read",
                    "a resolution file is tens of kilobytes: check what was saved here",
                )
            ]
        # A byte-order mark is allowed (some editors write one) and does not hide the schema line.
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        return None, [
            Diagnostic(
                str(path),
                before.count(b"\n") + 1,
                error.start - (before.rfind(b"\n") + 1) + 1,
                "read-error",
                f"the file is not UTF-8 text (byte {error.start}: 0x{data[error.start]:02x})",
                "save it as UTF-8",
            )
        ]
    except OSError as error:
        return None, [
            Diagnostic(
                str(path),
                None,
                None,
                "read-error",
                f"cannot read the file: {error.strerror}",
                "check that the file exists and is readable",
            )
        ]
    doc, diagnostics = parse_yaml(text, str(path))
    if doc is not None:
        diagnostics.extend(_check_schema_reference(text, path, kind))
    return doc, diagnostics


_SCHEMA_COMMENT = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.MULTILINE)
_PROJECT_ROOT = schema_file("resolution").parents[2]


def _check_schema_reference(text: str, path: Path, kind: SchemaName) -> list[Diagnostic]:
    """Editors find the schema through a comment; without it they offer no completion or inline errors."""
    wanted = os.path.relpath(schema_file(kind), path.resolve().parent).replace(os.sep, "/")
    comment = f"# yaml-language-server: $schema={wanted}"
    match = _SCHEMA_COMMENT.search(text)
    if match is None:
        return [
            Diagnostic(
                str(path),
                1,
                1,
                "missing-schema-reference",
                "the file does not name its JSON Schema, so editors cannot check it as you type",
                f"add as the first line: {comment}",
                "warning",
            )
        ]
    target = (path.parent / match[1]).resolve()
    # A copy outside the project (a test's temporary corpus) cannot reach the schema by a relative path.
    inside_project = _PROJECT_ROOT in path.resolve().parents
    if inside_project and target != schema_file(kind):
        line = text.count("\n", 0, match.start()) + 1
        return [
            Diagnostic(
                str(path),
                line,
                match.start(1) - match.start() + 1,
                "wrong-schema-reference",
                f"the schema comment points at {match[1]}, not at {kind}.schema.json",
                f"write: {comment}",
                "warning",
            )
        ]
    return []


def _positions(doc: YamlDocument) -> tuple[dict[str, int], dict[str, int]]:
    """Line and column of every key path (its key's position, else its value's), in document order.

    ``doc.values`` was filled in document order, so no sort is needed (``dotted_positions`` sorts).
    """
    lines: dict[str, int] = {}
    columns: dict[str, int] = {}
    keys = doc.keys
    for path, pos in doc.values.items():
        if path:
            pos = keys.get(path, pos)
            key = dotted(path)
            lines[key] = pos.line
            columns[key] = pos.column
    return lines, columns


def _add_element_positions(res: Resolution, lines: dict[str, int], columns: dict[str, int]) -> None:
    """Let later stages find an element by its id too: ``pp-3``, ``op-12-a``, ``annex-1-title``."""

    def alias(element_id: str, key: str) -> None:
        if key in lines and element_id not in lines:
            lines[element_id] = lines[key]
            columns[element_id] = columns[key]

    for lp in located_paragraphs(res):
        alias(lp.paragraph.id, lp.key)
    for k, annex in enumerate(res.annexes):
        alias(annex.id, f"annexes.{k}")
    for element in elements(res).values():
        alias(element.id, element.key)


# ---------------------------------------------------------------------------------------------
# Data → model (the data has passed the schema)


def _build(data: dict[str, Any], origin: Origin) -> Resolution:
    dates = data.get("dates") or {}
    agenda = data.get("agenda_item")
    return Resolution(
        id=data["id"],
        body=data["body"],
        kind=cast(Kind, data["kind"]),
        status=cast(Status, data["status"]),
        title=_text(data["title"]),
        number=_optional_text(data.get("number")),
        session=data.get("session"),
        year=data.get("year"),
        symbol=_optional_text(data.get("symbol")),
        dates=Dates(distributed=_date(dates.get("distributed")), adopted=_date(dates.get("adopted"))),
        venue=_optional_text(data.get("venue")),
        meeting=_optional_text(data.get("meeting")),
        agenda_item=AgendaItem(_text(agenda["number"]), _optional_text(agenda.get("title")))
        if agenda
        else None,
        sponsors=tuple(_text(s) for s in data.get("sponsors") or ()),
        recommended_to=_optional_text(data.get("recommended_to")),
        recommendation=_optional_text(data.get("recommendation")),
        formula=_optional_text(data.get("formula")),
        preamble=_paragraphs(data.get("preamble")),
        operative=_paragraphs(data.get("operative")),
        annexes=tuple(_annex(a) for a in data.get("annexes") or ()),
        footnotes=tuple(
            Footnote(mark=_text(f["mark"]), text=_text(f["text"]), anchor=_text(f["anchor"]))
            for f in data.get("footnotes") or ()
        ),
        source=_optional_text(data.get("source")),
        versions=tuple(
            Version(
                relation=cast(VersionRelation, v["relation"]),
                id=_optional_text(v.get("id")),
                symbol=_optional_text(v.get("symbol")),
            )
            for v in data.get("versions") or ()
        ),
        origin=origin,
    )


def _paragraphs(items: Iterable[dict[str, Any]] | None) -> tuple[Paragraph, ...]:
    return tuple(
        Paragraph(
            id=item["id"],
            number=_optional_text(item.get("number")),
            text=_text(item["text"]),
            subparagraphs=_paragraphs(item.get("subparagraphs")),
            heading=_optional_text(item.get("heading")),
        )
        for item in items or ()
    )


def _annex(data: dict[str, Any]) -> Annex:
    return Annex(
        id=data["id"],
        # The importer writes a single annex printed as plain "Annex" with number null.
        number=_optional_text(data.get("number")) or "",
        title=_optional_text(data.get("title")),
        intro=_paragraphs(data.get("intro")),
        sections=tuple(
            AnnexSection(
                heading=_optional_text(s.get("heading")), paragraphs=_paragraphs(s.get("paragraphs"))
            )
            for s in data.get("sections") or ()
        ),
    )


def _text(value: Any) -> str:
    # YAML 1.1 reads an unquoted 2020-09-23 as a date; the schema (like an editor) sees the text.
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# ---------------------------------------------------------------------------------------------
# Bodies and instruments


def load_bodies(path: Path, report: Report) -> tuple[dict[str, Body], bool]:
    """The bodies by key, and whether bodies.yaml was read without errors (else body checks are moot)."""
    outside = refuse_outside(path, path.parent.resolve()) if path.is_symlink() else None
    if outside is not None:
        report.add(outside)
        return {}, False
    if not path.is_file():
        report.add(
            Diagnostic(
                str(path),
                None,
                None,
                "missing-file",
                f"no {path.name} in the corpus",
                "the corpus needs bodies.yaml: the bodies, their names and numbering",
            )
        )
        return {}, False
    doc, diagnostics = _read(path, "bodies")
    report.extend(diagnostics)
    if doc is None:
        return {}, False
    errors = validate(doc.data, "bodies", str(path), doc)
    report.extend(errors)
    if errors:
        return {}, False

    bodies: dict[str, Body] = {}
    name_owner: dict[str, str] = {}
    ok = True
    for i, item in enumerate(doc.data["bodies"]):
        key = item["key"]
        if key in bodies:
            report.add(
                _doc_at(
                    doc,
                    ("bodies", i, "key"),
                    "duplicate-body",
                    f"body '{key}' is listed twice",
                    "keep one entry per body and merge their names",
                )
            )
            ok = False
            continue
        names = tuple(item["names"])
        short_references = tuple(item.get("short_references") or ())
        for j, name in enumerate(names):
            _check_name(doc, ("bodies", i, "names", j), name, key, name_owner, report)
        for j, name in enumerate(short_references):
            _check_name(doc, ("bodies", i, "short_references", j), name, key, name_owner, report)
        bodies[key] = Body(
            key=key,
            name=item["name"],
            short_name=item["short_name"],
            names=names,
            short_references=short_references,
            numbering=item["numbering"],
            resolution_symbol=item.get("resolution_symbol"),
            decision_symbol=item.get("decision_symbol"),
            special_sessions=item.get("special_sessions", False),
            abbreviation=item.get("abbreviation"),
            sessions=tuple(_session(s) for s in item.get("sessions") or ()),
        )
    return bodies, ok


def _session(item: dict[str, Any]) -> Session:
    start, end = _date(item.get("start")), _date(item.get("end"))
    year = item.get("year") or (start.year if start else None)
    return Session(item["number"], year, start, end, item.get("venue"), item.get("report"))


def _check_name(
    doc: YamlDocument,
    where: tuple[str | int, ...],
    name: str,
    key: str,
    owner: dict[str, str],
    report: Report,
) -> None:
    """A name shared by two bodies would make every citation using it ambiguous."""
    folded = name.casefold()
    if folded in owner and owner[folded] != key:
        report.add(
            _doc_at(
                doc,
                where,
                "ambiguous-body-name",
                f"'{name}' names both '{owner[folded]}' and '{key}'",
                "a name must belong to one body only, or citations using it cannot be resolved",
            )
        )
    owner.setdefault(folded, key)


def load_instruments(directory: Path, report: Report) -> dict[str, Instrument]:
    """The Convention and its Protocols by key, in their ``order``."""
    found: list[tuple[int, str, Instrument]] = []
    seen: dict[str, str] = {}
    for path in _yaml_files(directory, report, "instrument"):
        doc, diagnostics = _read(path, "instrument")
        report.extend(diagnostics)
        if doc is None:
            continue
        errors = validate(doc.data, "instrument", str(path), doc)
        report.extend(errors)
        if errors:
            continue
        data = doc.data
        key = data["key"]
        if key != path.stem:
            report.add(
                _doc_at(
                    doc,
                    ("key",),
                    "instrument-key-mismatch",
                    f"key '{key}' does not match the file name '{path.name}'",
                    f"rename the file to {key}.yaml, or correct the key",
                )
            )
        if key in seen:
            report.add(
                _doc_at(
                    doc,
                    ("key",),
                    "duplicate-instrument",
                    f"instrument '{key}' is already described by {seen[key]}",
                    "keep one file per instrument",
                )
            )
            continue
        seen[key] = str(path)
        _check_articles(doc, report)
        articles = tuple(Article(number=a["number"], title=a["title"]) for a in data["articles"])
        instrument = Instrument(
            key=key,
            name=data["name"],
            short_name=data["short_name"],
            names=tuple(data["names"]),
            articles=articles,
        )
        found.append((data.get("order", 10**6), key, instrument))
    return {key: instrument for _, key, instrument in sorted(found, key=lambda t: (t[0], t[1]))}


def _check_articles(doc: YamlDocument, report: Report) -> None:
    """Articles are numbered 1, 2, 3, … once each, in order: a repeat or a gap is a typing slip."""
    first: dict[int, int] = {}
    highest = 0
    for i, article in enumerate(doc.data["articles"]):
        number = article["number"]
        where = ("articles", i, "number")
        if number in first:
            report.add(
                _doc_at(
                    doc,
                    where,
                    "duplicate-article",
                    f"article {number} is listed twice (first at line "
                    f"{_line(doc, ('articles', first[number], 'number'))})",
                    "keep one entry per article",
                )
            )
            continue
        first[number] = i
        if number < highest:
            report.add(
                _doc_at(
                    doc,
                    where,
                    "article-order",
                    f"article {number} comes after article {highest}",
                    "list the articles in order of their numbers",
                    "warning",
                )
            )
        highest = max(highest, number)
    previous = 0
    for number in sorted(first):
        if number > previous + 1:
            one = number == previous + 2
            missing = f"article {previous + 1}" if one else f"articles {previous + 1}–{number - 1}"
            after = (
                f"the articles go from {previous} to {number}"
                if previous
                else f"the articles start at {number}"
            )
            report.add(
                _doc_at(
                    doc,
                    ("articles", first[number], "number"),
                    "article-gap",
                    f"{missing} {'is' if one else 'are'} missing: {after}",
                    f"add {missing} with {'its' if one else 'their'} title, or correct the number",
                )
            )
        previous = number


def _doc_at(
    doc: YamlDocument,
    where: tuple[str | int, ...],
    code: str,
    message: str,
    hint: str,
    severity: Severity = "error",
) -> Diagnostic:
    pos: Position | None = doc.value_position(where)
    return Diagnostic(
        doc.path, pos.line if pos else None, pos.column if pos else None, code, message, hint, severity
    )


def _line(doc: YamlDocument, where: tuple[str | int, ...]) -> int | None:
    pos = doc.value_position(where)
    return pos.line if pos else None
