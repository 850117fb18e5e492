"""A text as JSON: the model, in the corpus's own format, valid against its published JSON Schema.

The keys, their order and their meaning are those of ``corpus/resolutions/<id>.yaml`` (described in
corpus/README.md), so the one schema — ``generator/schema/resolution.schema.json``, published beside
the data as ``data/schema/resolution.schema.json`` — validates both. What only the importer needs
(its ``imported`` fingerprints) is left out.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model import Annex, Paragraph, Resolution

SCHEMA_RESOURCE = ("generator.schema", "resolution.schema.json")


def _paragraph(p: Paragraph) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id}
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


def resolution_data(r: Resolution) -> dict[str, Any]:
    """The model of one text as plain JSON data (dates as YYYY-MM-DD)."""
    data: dict[str, Any] = {
        "id": r.id,
        "body": r.body,
        "kind": r.kind,
        "status": r.status,
        "number": r.number,
        "session": r.session,
        "year": r.year,
        "symbol": r.symbol,
        "dates": {
            "distributed": r.dates.distributed.isoformat() if r.dates.distributed else None,
            "adopted": r.dates.adopted.isoformat() if r.dates.adopted else None,
        },
        "venue": r.venue,
        "agenda_item": {"number": r.agenda_item.number, "title": r.agenda_item.title}
        if r.agenda_item
        else None,
        "sponsors": list(r.sponsors),
        "recommended_to": r.recommended_to,
        "recommendation": r.recommendation,
        "title": r.title,
        "formula": r.formula,
        "preamble": [_paragraph(p) for p in r.preamble],
        "operative": [_paragraph(p) for p in r.operative],
        "annexes": [_annex(a) for a in r.annexes],
        "footnotes": [{"mark": f.mark, "anchor": f.anchor, "text": f.text} for f in r.footnotes],
        "source": r.source,
    }
    if r.meeting is not None:
        data["meeting"] = r.meeting
    if r.versions:
        data["versions"] = [
            {k: v for k, v in (("relation", x.relation), ("id", x.id), ("symbol", x.symbol)) if v is not None}
            for x in r.versions
        ]
    return data


def resolution_json(r: Resolution) -> str:
    return json.dumps(resolution_data(r), ensure_ascii=False, indent=2) + "\n"
