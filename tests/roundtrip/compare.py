"""What must survive a round trip, and the first place where it did not.

``difference(original, imported, …)`` compares, in this order, and stops at the first difference:

1. the text's identity (id, body, kind, status, number, title) and what its header states (session,
   symbol, sponsors, dates) — the fields of ``Layout.fields``;
2. every paragraph in reading order — id, number and text modulo whitespace — and the annexes' titles
   and headings;
3. the footnotes: mark, anchor and text;
4. the citations the real finder reads in both: paragraph, target and cited text.

Text is compared as inline markup, so lost emphasis or a footnote mark left in the wrong place is a
difference; only runs of whitespace (and a space before a footnote mark) do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.citations import citations_in
from generator.diagnostics import Diagnostic
from generator.importer.metadata import make_id
from generator.model import Body, Instrument, Paragraph, Resolution

_SPACE_BEFORE_MARK = re.compile(r"\s+(?=\[\^)")

IDENTITY = ("id", "body", "kind", "status", "number", "title")
HEADER = ("session", "symbol", "sponsors", "dates.distributed", "recommended_to")


def normalise(text: str | None) -> str | None:
    if text is None:
        return None
    return _SPACE_BEFORE_MARK.sub("", " ".join(text.split()))


def _field(r: Resolution, name: str) -> Any:
    value: Any = r
    for part in name.split("."):
        value = getattr(value, part)
    return normalise(value) if isinstance(value, str) else value


def _walk(paragraphs: Sequence[Paragraph]) -> Iterator[tuple[str, str | None, str | None]]:
    for p in paragraphs:
        yield (p.id, p.number, normalise(p.text))
        yield from _walk(p.subparagraphs)


def elements(r: Resolution) -> list[tuple[str, str | None, str | None]]:
    """(id, number, text) of every paragraph, annex title and heading, in reading order."""
    out = list(_walk(r.preamble)) + list(_walk(r.operative))
    for annex in r.annexes:
        out.append((f"{annex.id}-title", annex.number, normalise(annex.title)))
        out += list(_walk(annex.intro))
        for k, section in enumerate(annex.sections, start=1):
            if section.heading is not None:
                out.append((f"{annex.id}-heading-{k}", None, normalise(section.heading)))
            out += list(_walk(section.paragraphs))
    return out


def _first_difference(
    what: str, ours: Sequence[tuple[Any, ...]], theirs: Sequence[tuple[Any, ...]]
) -> str | None:
    for k, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        if a != b:
            return f"{what} #{k + 1} differs:\n    expected {a!r}\n    imported {b!r}"
    if len(ours) != len(theirs):
        k = min(len(ours), len(theirs))
        extra = ours[k] if len(ours) > k else theirs[k]
        side = "missing from the import" if len(ours) > k else "not in the original"
        return f"{what}: {len(ours)} expected, {len(theirs)} imported; first {side}: {extra!r}"
    return None


def _citations(
    r: Resolution, bodies: Mapping[str, Body], instruments: Mapping[str, Instrument]
) -> list[tuple[str, str, str | None]]:
    return [
        (c.passage.id if c.passage else "", str(c.target), normalise(c.text))
        for c in citations_in(r, bodies, instruments)
    ]


@dataclass(frozen=True)
class Expected:
    """What a text must come back as, computed once and compared with its import in every layout."""

    resolution: Resolution
    id: str
    elements: tuple[tuple[str, str | None, str | None], ...]
    footnotes: tuple[tuple[str, str, str | None], ...]
    citations: tuple[tuple[str, str, str | None], ...]


def _footnotes(r: Resolution) -> tuple[tuple[str, str, str | None], ...]:
    return tuple((f.mark, f.anchor, normalise(f.text)) for f in r.footnotes)


def expect(r: Resolution, bodies: Mapping[str, Body], instruments: Mapping[str, Instrument]) -> Expected:
    # The id a text is given on import (README, "Identifiers"): a corpus text keeps the id of its first
    # import, and a repeated synthetic one its "-2", which a file read on its own cannot know.
    rid = make_id(r.body, r.kind, r.status, r.number, r.session, r.sponsors)
    return Expected(r, rid, tuple(elements(r)), _footnotes(r), tuple(_citations(r, bodies, instruments)))


def difference(
    expected: Expected,
    imported: Resolution,
    diagnostics: Sequence[Diagnostic],
    bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
    fields: Sequence[str] = IDENTITY + HEADER,
) -> str | None:
    """A description of the first thing the round trip lost or changed; None when nothing was."""
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        return "the import reported errors:\n    " + "\n    ".join(d.format() for d in errors[:5])
    original = expected.resolution
    for name in fields:
        ours = expected.id if name == "id" else _field(original, name)
        theirs = _field(imported, name)
        if ours != theirs:
            return f"field {name} differs:\n    expected {ours!r}\n    imported {theirs!r}"
    return (
        _first_difference("paragraph", expected.elements, elements(imported))
        or _first_difference("footnote", expected.footnotes, _footnotes(imported))
        or _first_difference(
            "citation", expected.citations, _imported_citations(expected, imported, bodies, instruments)
        )
    )


def _texts(r: Resolution) -> tuple[str, ...]:
    return (r.body, r.recommended_to or "", *(p.text for p in r.paragraphs()), *(f.text for f in r.footnotes))


def _imported_citations(
    expected: Expected,
    imported: Resolution,
    bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
) -> tuple[tuple[str, str, str | None], ...]:
    """The finder is a pure function of the texts and the speaking body: when the import holds exactly
    the original's texts (not merely the same modulo whitespace), its citations are the original's and
    the finder need not run twice. Otherwise it reads the imported texts."""
    original = expected.resolution
    same_places = [p.id for p in original.paragraphs()] == [p.id for p in imported.paragraphs()] and [
        f.mark for f in original.footnotes
    ] == [f.mark for f in imported.footnotes]
    if same_places and _texts(original) == _texts(imported):
        return expected.citations
    return tuple(_citations(imported, bodies, instruments))
