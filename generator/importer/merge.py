"""Re-import: merge a fresh import into the file an editor may have curated, and rewrite only what changes.

The importer records, for everything it writes, a fingerprint of the value it imported (``imported:
fingerprints:``): one per top-level field, ``dates`` per key (``dates.adopted``), and the preamble and the
operative part per paragraph (``operative.op-3``), so that a curated paragraph protects that paragraph
only. On re-import a value whose current form no longer matches its fingerprint was edited by hand and is
kept (unless ``force``); every other value takes the newly imported one. ``id`` is never changed. Keys
and paragraphs the importer does not write are the editor's and are kept as they are.

The file is then *edited*, not rewritten: it is read with ruamel.yaml's round-trip loader, only the
values that change are replaced, and it is dumped again, so that comments, key order, quoting and
layout of everything untouched survive byte for byte. The decisions are taken on the data as the
checker reads it (PyYAML, YAML 1.1); ruamel only edits the text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from generator.schema.yaml_source import YamlDocument

# Fields whose keys are fingerprinted one by one, so that curating dates.adopted leaves
# dates.distributed to the importer.
SPLIT_FIELDS = ("dates",)
# Lists of paragraphs fingerprinted paragraph by paragraph (by id).
PARAGRAPH_FIELDS = ("preamble", "operative")
# The documented order of the fields (corpus/README.md): where a field missing from a file goes back.
FIELD_ORDER = (
    "id", "body", "kind", "status", "number", "session", "year", "symbol", "dates", "venue",
    "agenda_item", "sponsors", "recommended_to", "recommendation", "title", "formula", "preamble",
    "operative", "annexes", "footnotes", "source",
)  # fmt: skip


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


def _paragraph_id(item: Any) -> str | None:
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        return str(item["id"])
    return None


def fingerprints(plain: Mapping[str, Any]) -> dict[str, str]:
    """The fingerprints of a fresh import: per field, per date, per preambular and operative paragraph."""
    out: dict[str, str] = {}
    for key, value in flatten(plain).items():
        if key in PARAGRAPH_FIELDS and isinstance(value, list):
            for item in value:
                pid = _paragraph_id(item)
                if pid is not None:
                    out[f"{key}.{pid}"] = fingerprint(item)
        else:
            out[key] = fingerprint(value)
    return out


def recorded_fingerprints(current: Mapping[str, Any]) -> dict[str, str]:
    imported = current.get("imported")
    prints = imported.get("fingerprints") if isinstance(imported, Mapping) else None
    if not isinstance(prints, Mapping):
        return {}
    return {str(k): v for k, v in prints.items() if isinstance(v, str)}


@dataclass(frozen=True)
class FieldChange:
    """A field (or one paragraph: ``operative.op-3``) whose imported value differs from the file's."""

    field: str
    old: Any  # MISSING when the file lacks it
    new: Any  # MISSING when the import no longer has it (a paragraph)
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
        if field in PARAGRAPH_FIELDS and isinstance(new_value, list) and isinstance(old.get(field), list):
            merged_list = _merge_paragraphs(field, old[field], new_value, recorded, force)
            out[field] = merged_list.items
            prints.update(merged_list.prints)
            changes.extend(merged_list.changes)
            continue
        # The fingerprint is always that of the imported value: a kept hand edit keeps differing from
        # it, so it is recognised as curated again at the next re-import.
        if field in PARAGRAPH_FIELDS and isinstance(new_value, list):
            prints.update(fingerprints({field: new_value}))
        else:
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


@dataclass(frozen=True)
class _MergedList:
    items: list[Any]
    prints: dict[str, str]
    changes: list[FieldChange]


def _merge_paragraphs(
    field: str, old_list: list[Any], new_list: list[Any], recorded: Mapping[str, str], force: bool
) -> _MergedList:
    """One paragraph list, paragraph by paragraph: a curated paragraph keeps only itself."""
    # A file written before paragraphs were fingerprinted one by one has one print for the list: if
    # it still matches nothing was curated; if not, every paragraph that differs is taken as curated.
    legacy = field in recorded and not any(k.startswith(f"{field}.") for k in recorded)
    legacy_clean = legacy and recorded[field] == fingerprint(old_list)

    def edited(key: str, value: Any) -> bool:
        return not legacy_clean if legacy else recorded.get(key) != fingerprint(value)

    old_by_id = {pid: item for item in old_list if (pid := _paragraph_id(item)) is not None}
    new_ids = {_paragraph_id(item) for item in new_list}
    items: list[Any] = []
    prints: dict[str, str] = {}
    changes: list[FieldChange] = []
    for item in new_list:
        pid = _paragraph_id(item)
        key = f"{field}.{pid}"
        if pid is None:
            items.append(item)
            continue
        prints[key] = fingerprint(item)
        if pid not in old_by_id:
            items.append(item)
            changes.append(FieldChange(key, MISSING, item, curated=False, applied=True))
            continue
        current = old_by_id[pid]
        if canonical(current) == canonical(item):
            items.append(current)
            continue
        curated = edited(key, current)
        keep = curated and not force
        items.append(current if keep else item)
        changes.append(FieldChange(key, current, item, curated=curated, applied=not keep))
    # Paragraphs of the file that the import no longer has: an imported one goes, unless curated;
    # one added by hand (no fingerprint) stays, after the paragraph it followed.
    previous: str | None = None
    for item in old_list:
        pid = _paragraph_id(item)
        if pid is not None and pid in new_ids:
            previous = pid
            continue
        key = f"{field}.{pid}"
        was_imported = legacy or key in recorded
        curated = pid is None or not was_imported or edited(key, item)
        if was_imported and (force or not curated):
            changes.append(FieldChange(key, item, MISSING, curated=curated, applied=True))
            continue
        if was_imported:
            changes.append(FieldChange(key, item, MISSING, curated=True, applied=False))
            if key in recorded:
                prints[key] = recorded[key]
        at = next((i + 1 for i, kept in enumerate(items) if _paragraph_id(kept) == previous), 0)
        items.insert(at, item)
        previous = pid
    return _MergedList(items, prints, changes)


# --- the file, edited in place ----------------------------------------------------------------------


class RewriteError(ValueError):
    """The existing file cannot be edited by the round-trip loader (reported, never overwritten)."""


def _round_trip() -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 1_000_000_000  # never wrap: one paragraph per line, as the importer writes
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return rt


def styled(value: Any) -> Any:
    """A new value for the round-trip dumper, quoted the way the importer (PyYAML) quotes it.

    ruamel reads YAML 1.2, where ``no`` is text; PyYAML, and so ``atlas check``, reads 1.1, where it
    is false: each new string is quoted exactly when PyYAML would quote it.
    """
    if isinstance(value, Mapping):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = styled(v)
        return out
    if isinstance(value, list | tuple):
        seq = CommentedSeq(styled(v) for v in value)
        if not value:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000, default_flow_style=True)
        if dumped.startswith("'"):
            return SingleQuotedScalarString(value)
        if dumped.startswith('"'):
            return DoubleQuotedScalarString(value)
    return value


def _replace(node: Any, old: Any, new: Any) -> Any:
    """``new`` as a round-trip node, keeping as much of ``node`` (which holds ``old``) as is unchanged."""
    if isinstance(node, CommentedMap) and isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in [k for k in node if k not in new]:
            del node[key]
        for position, (key, value) in enumerate(new.items()):
            if key not in node:
                node.insert(min(position, len(node)), key, styled(value))
            elif canonical(old.get(key, MISSING)) != canonical(value):
                node[key] = _replace(node[key], old.get(key), value)
        return node
    if isinstance(node, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
        by_id = {
            pid: (node[i], item) for i, item in enumerate(old) if (pid := _paragraph_id(item)) is not None
        }
        items: list[Any] = []
        for i, value in enumerate(new):
            pid = _paragraph_id(value)
            if pid is not None and pid in by_id:
                kept_node, kept_old = by_id[pid]
                items.append(kept_node if canonical(kept_old) == canonical(value) else
                             _replace(kept_node, kept_old, value))
            elif pid is None and i < len(old) and canonical(old[i]) == canonical(value):
                items.append(node[i])
            else:
                items.append(styled(value))
        node[:] = items
        return node
    return styled(new)


@dataclass(frozen=True)
class Rewritten:
    """The merge, and the file's new text with everything untouched left as it was."""

    merged: Merged
    text: str
    lines: dict[str, int]

    def line_of(self, field: str) -> int | None:
        return self.lines.get(field)

    def diff(self, old_text: str, before: str, after: str) -> str:
        """Every change to the file, comments included, as a unified diff."""
        return "".join(
            difflib.unified_diff(
                old_text.splitlines(keepends=True), self.text.splitlines(keepends=True), before, after, n=1
            )
        ).rstrip("\n")


def rewrite(
    old_text: str,
    doc: YamlDocument,
    imported: Mapping[str, Any],
    *,
    force: bool = False,
    importer_version: int,
) -> Rewritten:
    """Merge ``imported`` into the file ``old_text`` (read as ``doc``) and edit only what changes."""
    current: Mapping[str, Any] = doc.data
    merged = merge(current, imported, force=force)
    rt = _round_trip()
    try:
        tree = rt.load(old_text)
    except RuamelError as error:
        raise RewriteError(str(error).splitlines()[0]) from error
    if not isinstance(tree, CommentedMap):
        raise RewriteError("the file does not hold a mapping of keys")
    for key, value in merged.plain.items():
        if key not in current:
            tree.insert(_insert_position(tree, key), key, styled(value))
        elif canonical(current[key]) != canonical(value):
            tree[key] = _replace(tree[key], current[key], value)
    imported_block = tree.get("imported")
    if not isinstance(imported_block, CommentedMap):
        imported_block = CommentedMap()
        if "imported" in tree:
            del tree["imported"]
        tree["imported"] = imported_block
    imported_block["importer"] = importer_version
    prints = imported_block.get("fingerprints")
    if not isinstance(prints, CommentedMap):
        prints = imported_block["fingerprints"] = CommentedMap()
    for key in [k for k in prints if k not in merged.fingerprints]:
        del prints[key]
    for key, value in merged.fingerprints.items():
        if prints.get(key) != value:
            prints[key] = value
    out = io.StringIO()
    rt.dump(tree, out)
    return Rewritten(merged, out.getvalue(), _change_lines(doc, merged.changes))


def _insert_position(tree: CommentedMap, key: str) -> int:
    """Where a field missing from the file goes: after the last field documented before it."""
    if key not in FIELD_ORDER:
        return len(tree)
    earlier = FIELD_ORDER[: FIELD_ORDER.index(key)]
    positions = [i for i, existing in enumerate(tree) if existing in earlier]
    return positions[-1] + 1 if positions else 0


def _change_lines(doc: YamlDocument, changes: Iterable[FieldChange]) -> dict[str, int]:
    """The line of each changed field (``dates.adopted``) or paragraph (``operative.op-3``) in the file."""
    out: dict[str, int] = {}
    data = doc.data if isinstance(doc.data, Mapping) else {}
    for change in changes:
        field, _, sub = change.field.partition(".")
        where: tuple[str | int, ...] = (field,)
        if sub and field in PARAGRAPH_FIELDS:
            items: Sequence[Any] = data.get(field) or ()
            index = next((i for i, item in enumerate(items) if _paragraph_id(item) == sub), None)
            if index is not None:
                where = (field, index)
        elif sub:
            where = (field, sub)
        position = doc.position(where)
        if position is not None:
            out[change.field] = position.line
    return out
