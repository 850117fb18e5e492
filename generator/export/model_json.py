"""A text as JSON: the model, in the corpus's own format, valid against its published JSON Schema.

The keys, their order and their meaning are those of ``corpus/resolutions/<id>.yaml`` (described in
corpus/README.md) — the importer's own model → data mapping is reused — so the one schema,
``generator/schema/resolution.schema.json``, published beside the data as
``data/schema/resolution.schema.json``, validates both. What only the importer needs (its
``imported`` fingerprints) is left out.
"""

from __future__ import annotations

import json
from typing import Any

from generator.importer.emit import resolution_to_plain
from generator.model import Resolution

SCHEMA_RESOURCE = ("generator.schema", "resolution.schema.json")


def resolution_data(r: Resolution) -> dict[str, Any]:
    """The model of one text as plain JSON data (dates as YYYY-MM-DD)."""
    data = resolution_to_plain(r)
    data["dates"] = {k: v.isoformat() if v is not None else None for k, v in data["dates"].items()}
    if r.versions and "versions" not in data:
        data["versions"] = [
            {k: v for k, v in (("relation", x.relation), ("id", x.id), ("symbol", x.symbol)) if v is not None}
            for x in r.versions
        ]
    return data


def resolution_json(r: Resolution) -> str:
    return json.dumps(resolution_data(r), ensure_ascii=False, indent=2) + "\n"
