"""Round-trip a set of texts through a layout with the real importer, and count what came back whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.diagnostics import Diagnostic
from generator.importer.pipeline import import_text
from generator.model import Body, Instrument, Resolution
from roundtrip.compare import HEADER, IDENTITY, Expected, difference
from roundtrip.layouts import Layout, render_many


@dataclass(frozen=True)
class Outcome:
    layout: str
    text_id: str
    problem: str | None  # None: the text came back whole
    raw: str  # what was imported, to reproduce a failure

    @property
    def passed(self) -> bool:
        return self.problem is None

    def format(self) -> str:
        return f"[{self.layout}] {self.text_id}: {self.problem}"


def fields_for(layout: Layout) -> tuple[str, ...]:
    extra = ("dates.adopted",) if layout.name == "adopted-un-org" else ()
    return IDENTITY + HEADER + extra


def round_trip(
    layout: Layout,
    texts: Sequence[Expected],
    bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
) -> list[Outcome]:
    """Each text the layout fits, rendered, imported and compared with the original."""
    out: list[Outcome] = []
    for expected in texts:
        r = expected.resolution
        if not layout.applies(r):
            continue
        raw = layout.render(r, bodies)
        try:
            imported, diagnostics = import_text(raw, f"roundtrip/{layout.name}/{r.id}.txt", bodies)
        except Exception as e:  # the importer must never raise: a crash is a failure, reported as one
            out.append(Outcome(layout.name, r.id, f"the importer raised {type(e).__name__}: {e}", raw))
            continue
        problem = difference(expected, imported, diagnostics, bodies, instruments, fields_for(layout))
        out.append(Outcome(layout.name, r.id, problem, raw))
    return out


def import_many(
    raw: str, source: str, bodies: Mapping[str, Body]
) -> list[tuple[Resolution, list[Diagnostic]]]:
    """The importer's entry point for a file holding several texts (issue 8 §1.5)."""
    from generator.importer import pipeline

    entry = getattr(pipeline, "import_texts", None)
    if entry is None:
        raise LookupError("generator.importer.pipeline has no import_texts(text, source, bodies) yet")
    return list(entry(raw, source, bodies))


def round_trip_many(
    layout: Layout,
    group_list: Sequence[Sequence[Expected]],
    bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
) -> list[Outcome]:
    """Each group rendered into one file and imported: as many texts must come back, each whole."""
    out: list[Outcome] = []
    for group in group_list:
        rs = [e.resolution for e in group]
        raw = render_many(rs, bodies)
        source = f"roundtrip/{layout.name}/{rs[0].id}.txt"
        try:
            imported = import_many(raw, source, bodies)
        except Exception as e:
            out += [Outcome(layout.name, r.id, f"{type(e).__name__}: {e}", raw) for r in rs]
            continue
        if len(imported) != len(group):
            found = [r.id for r, _ in imported]
            problem = f"{len(group)} texts in the file, {len(imported)} imported: {found}"
            out += [Outcome(layout.name, r.id, problem, raw) for r in rs]
            continue
        for expected, (back, diagnostics) in zip(group, imported, strict=True):
            problem = difference(expected, back, diagnostics, bodies, instruments, fields_for(layout))
            out.append(Outcome(layout.name, expected.resolution.id, problem, raw))
    return out
