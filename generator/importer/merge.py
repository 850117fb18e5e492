"""Re-import: merge a fresh import into the file an editor may have curated, field by field.

The importer records, for every field it writes, a fingerprint of the value it imported (``imported:
fingerprints:``; ``dates`` per key: ``dates.adopted``). On re-import a field whose current value no longer
matches its fingerprint was edited by hand and is kept (unless ``force``); every other field takes the
newly imported value. ``id`` is never changed. Keys the importer does not write are kept as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Fields whose keys are fingerprinted one by one, so that curating dates.adopted leaves
# dates.distributed to the importer.
SPLIT_FIELDS = ("dates",)


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def _json_default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def canonical(value: Any) -> str:
    """Canonical JSON: the same value always gives the same text, whatever YAML spelled it as."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def fingerprint(value: Any) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()[:12]


def flatten(plain: Mapping[str, Any]) -> dict[str, Any]:
    """Top-level fields, with ``dates`` split into ``dates.distributed``, ``dates.adopted``."""
    out: dict[str, Any] = {}
    for key, value in plain.items():
        if key == "imported":
            continue
        if key in SPLIT_FIELDS and isinstance(value, Mapping):
            for sub, sub_value in value.items():
                out[f"{key}.{sub}"] = sub_value
        else:
            out[key] = value
    return out


def unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        field, _, sub = key.partition(".")
        if field in SPLIT_FIELDS and sub:
            group = out.get(field)
            if not isinstance(group, dict):
                group = out[field] = {}
            group[sub] = value
        elif not (field in SPLIT_FIELDS and isinstance(out.get(field), dict)):
            out[key] = value
    return out


def fingerprints(plain: Mapping[str, Any]) -> dict[str, str]:
    return {key: fingerprint(value) for key, value in flatten(plain).items()}


def recorded_fingerprints(current: Mapping[str, Any]) -> dict[str, str]:
    imported = current.get("imported")
    prints = imported.get("fingerprints") if isinstance(imported, Mapping) else None
    if not isinstance(prints, Mapping):
        return {}
    return {str(k): v for k, v in prints.items() if isinstance(v, str)}


@dataclass(frozen=True)
class FieldChange:
    """A field whose imported value differs from the file's current value."""

    field: str
    old: Any  # MISSING when the file lacks the field
    new: Any
    curated: bool  # the current value was edited by hand
    applied: bool  # the imported value is written (not curated, or --force)


@dataclass(frozen=True)
class Merged:
    plain: dict[str, Any]
    fingerprints: dict[str, str]
    changes: tuple[FieldChange, ...]

    @property
    def kept(self) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if not c.applied)

    @property
    def applied(self) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if c.applied)


def merge(current: Mapping[str, Any], imported: Mapping[str, Any], *, force: bool = False) -> Merged:
    """Merge ``imported`` (a fresh import) into ``current`` (the file as it is now)."""
    new = flatten(imported)
    old = flatten(current)
    recorded = recorded_fingerprints(current)
    out: dict[str, Any] = {}
    prints: dict[str, str] = {}
    changes: list[FieldChange] = []
    for field, new_value in new.items():
        # The fingerprint is always that of the imported value: a kept hand edit keeps differing from
        # it, so it is recognised as curated again at the next re-import.
        prints[field] = fingerprint(new_value)
        if field == "id" and field in old:
            # The id is the page's URL: written once (with its -2 suffix, if any), never changed.
            out[field] = old[field]
            prints[field] = fingerprint(old[field])
            continue
        if field not in old:
            # A field missing from the file is restored: every field is part of the format.
            out[field] = new_value
            changes.append(FieldChange(field, MISSING, new_value, curated=False, applied=True))
            continue
        old_value = old[field]
        if canonical(old_value) == canonical(new_value):
            out[field] = old_value
            continue
        edited = recorded.get(field) != fingerprint(old_value)
        keep = edited and not force
        out[field] = old_value if keep else new_value
        changes.append(FieldChange(field, old_value, new_value, curated=edited, applied=not keep))
    for field, old_value in old.items():
        if field not in new:
            out[field] = old_value  # a key the importer does not write: the editor's, kept as is
    return Merged(unflatten(out), prints, tuple(changes))
