"""Validate parsed YAML against the JSON Schemas; every schema error becomes a Diagnostic at its line.

jsonschema's own messages ("Additional properties are not allowed ('tittle' was unexpected)") name
neither the position nor the fix. Each error is translated here into a stable code, the key path,
the position of the offending key or value, and a hint drawn from the schema's ``description``,
``patternErrorMessage`` and the closest valid key or value.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from generator.diagnostics import Diagnostic, did_you_mean
from generator.schema.yaml_source import PathKey, Position, YamlDocument, dotted

SCHEMA_DIR = Path(__file__).resolve().parent
SchemaName = Literal["resolution", "bodies", "instrument"]

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "null",
}


def schema_file(name: SchemaName) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


@functools.cache
def load_schema(name: SchemaName) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_file(name).read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator(name: SchemaName) -> Draft202012Validator:
    # The schemas are not recursive, so their local $refs can be inlined once: following a $ref
    # for every paragraph of every file was a third of the time spent validating a large corpus.
    schema = load_schema(name)
    inlined = {k: v for k, v in _inline(schema, schema).items() if k != "$defs"}
    return Draft202012Validator(inlined, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _inline(node: Any, root: dict[str, Any]) -> Any:
    """``node`` with each local ``$ref`` replaced by the schema it names (its siblings kept)."""
    if isinstance(node, list):
        return [_inline(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline(v, root) for k, v in node.items() if k not in ("$ref", "$defs")}
    if isinstance(node.get("$ref"), str):
        target = _inline(_resolve(root, {"$ref": node["$ref"]}), root)
        out = {**target, **out}
    return out


# --- The quick check: is this instance valid? ---------------------------------------------------------
#
# A predicate compiled from the (inlined) schema for the keywords the project's schemas use. It
# must never call an invalid instance valid; where JSON Schema's rules are subtle (1 == 1.0 ==
# True in enum and uniqueItems, integral floats) it answers "invalid", and jsonschema decides.

Check = Callable[[Any], bool]

# Keywords that describe and do not constrain.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "examples", "default", "patternErrorMessage"}
)

_TYPE_CHECKS: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


@functools.cache
def _quick_check(name: SchemaName) -> Check:
    return _compile(_validator(name).schema)


def _compile(schema: Any) -> Check:
    """A predicate for one (sub)schema; a keyword it does not know fails loudly, at compile time."""
    if schema is True:
        return lambda v: True
    if not isinstance(schema, dict):
        raise ValueError(f"the quick schema check cannot compile {schema!r}")
    unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS)
    if unknown:
        raise ValueError(f"the quick schema check does not know the keyword(s) {sorted(unknown)}")
    compiled = [_KEYWORDS[k](schema[k], schema) for k in _KEYWORDS if k in schema]
    checks = [c for c in compiled if c is not None]
    return lambda v: all(check(v) for check in checks)


def _k_type(value: Any, schema: dict[str, Any]) -> Check:
    tests = [_TYPE_CHECKS[t] for t in ([value] if isinstance(value, str) else value)]
    return lambda v: any(t(v) for t in tests)


def _k_enum(value: Any, schema: dict[str, Any]) -> Check:
    allowed = list(value)
    return lambda v: any(type(a) is type(v) and a == v for a in allowed)


def _k_pattern(value: Any, schema: dict[str, Any]) -> Check:
    search = re.compile(value).search
    return lambda v: not isinstance(v, str) or search(v) is not None


def _k_format(value: Any, schema: dict[str, Any]) -> Check:
    checker = Draft202012Validator.FORMAT_CHECKER
    return lambda v: checker.conforms(v, value)


def _k_min_length(value: Any, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, str) or len(v) >= value


def _k_min_items(value: Any, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, list) or len(v) >= value


def _k_unique(value: Any, schema: dict[str, Any]) -> Check | None:
    if not value:
        return None
    # Only text items are judged here; lists of anything else are left to jsonschema.
    return lambda v: not isinstance(v, list) or (
        all(isinstance(i, str) for i in v) and len(set(v)) == len(v)
    )


def _k_minimum(value: Any, schema: dict[str, Any]) -> Check:
    return lambda v: not _TYPE_CHECKS["number"](v) or v >= value


def _k_maximum(value: Any, schema: dict[str, Any]) -> Check:
    return lambda v: not _TYPE_CHECKS["number"](v) or v <= value


def _k_required(value: Any, schema: dict[str, Any]) -> Check:
    keys = list(value)
    return lambda v: not isinstance(v, dict) or all(k in v for k in keys)


def _k_properties(value: Any, schema: dict[str, Any]) -> Check:
    children = {k: _compile(sub) for k, sub in value.items()}
    return lambda v: not isinstance(v, dict) or all(
        children[k](item) for k, item in v.items() if k in children
    )


def _k_additional(value: Any, schema: dict[str, Any]) -> Check:
    known = frozenset(schema.get("properties", {}))
    if value is False:
        return lambda v: not isinstance(v, dict) or all(k in known for k in v)
    child = _compile(value)
    return lambda v: not isinstance(v, dict) or all(child(item) for k, item in v.items() if k not in known)


def _k_items(value: Any, schema: dict[str, Any]) -> Check:
    child = _compile(value)
    return lambda v: not isinstance(v, list) or all(child(item) for item in v)


_KEYWORDS: dict[str, Callable[[Any, dict[str, Any]], Check | None]] = {
    "type": _k_type,
    "enum": _k_enum,
    "required": _k_required,
    "additionalProperties": _k_additional,
    "properties": _k_properties,
    "items": _k_items,
    "pattern": _k_pattern,
    "format": _k_format,
    "minLength": _k_min_length,
    "minItems": _k_min_items,
    "uniqueItems": _k_unique,
    "minimum": _k_minimum,
    "maximum": _k_maximum,
}


def _paragraph_id_pattern() -> str:
    pattern: str = load_schema("resolution")["$defs"]["paragraphId"]["pattern"]
    return pattern


def jsonable(data: Any) -> Any:
    """The data as JSON would hold it: YAML dates back to ISO text, as an editor's schema sees them."""
    if isinstance(data, dict):
        return {k: jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [jsonable(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def validate(data: Any, name: SchemaName, path: str, doc: YamlDocument | None = None) -> list[Diagnostic]:
    """All schema errors of ``data`` (read from ``path``), located through ``doc`` when given."""
    instance = jsonable(data)
    # Nearly every file is valid: a quick check says so, and only a file it doubts goes through
    # jsonschema, which finds and explains every error (and is ten times slower).
    if _quick_check(name)(instance):
        return []
    seen: set[tuple[int | None, int | None, str, str]] = set()
    out: list[Diagnostic] = []
    for error in _validator(name).iter_errors(instance):
        for diagnostic in _translate(error, name, path, doc):
            key = (diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)
            if key not in seen:
                seen.add(key)
                out.append(diagnostic)
    return out


def describe(name: SchemaName, path: PathKey) -> str | None:
    """The schema's description of the value at ``path``, for hints."""
    root = load_schema(name)
    node: dict[str, Any] = root
    for part in path:
        node = _resolve(root, node)
        if isinstance(part, int):
            child = node.get("items")
        else:
            child = node.get("properties", {}).get(part)
            if child is None and isinstance(node.get("additionalProperties"), dict):
                child = node["additionalProperties"]
        if not isinstance(child, dict):
            return None
        node = child
    description = node.get("description") or _resolve(root, node).get("description")
    return str(description) if description else None


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local ``$ref``s (``#/$defs/paragraph``) to the schema they name."""
    while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = root
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _translate(
    error: ValidationError, name: SchemaName, path: str, doc: YamlDocument | None
) -> Iterator[Diagnostic]:
    if error.context:
        # Errors of anyOf/oneOf branches: report the branch that came closest.
        error = best_match(error.context)
    where: PathKey = tuple(error.absolute_path)
    label = dotted(where)
    handler = _HANDLERS.get(str(error.validator), _other)
    yield from handler(error, where, label, _Context(name, path, doc))


def _value(error: ValidationError) -> Any:
    """The failing keyword's value (``["id", "text"]`` for required); the stubs type it loosely."""
    return error.validator_value


def _schema(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


class _Context:
    def __init__(self, name: SchemaName, path: str, doc: YamlDocument | None) -> None:
        self.name = name
        self.path = path
        self.doc = doc

    def at(
        self, where: PathKey, code: str, message: str, hint: str | None, *, key: bool = False
    ) -> Diagnostic:
        pos: Position | None = None
        if self.doc is not None:
            pos = self.doc.position(where) if key else self.doc.value_position(where)
        return Diagnostic(
            self.path, pos.line if pos else None, pos.column if pos else None, code, message, hint
        )

    def raw(self, where: PathKey) -> str | None:
        return self.doc.raw.get(where) if self.doc else None


def _in(label: str) -> str:
    return f" in `{label}`" if label else ""


def _required(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    for key in _value(error):
        if key in instance:
            continue
        description = describe(ctx.name, (*where, key))
        hint = f"add `{key}: …`" + (f" ({description})" if description else "")
        yield ctx.at(where, "missing-key", f"missing required key '{key}'{_in(label)}", hint)


def _additional(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    allowed = list(_schema(error).get("properties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    unused = [k for k in allowed if k not in instance]
    for key in instance:
        if key in allowed:
            continue
        close = did_you_mean(str(key), unused) or did_you_mean(str(key), allowed)
        hint = close or "the keys allowed here are: " + ", ".join(allowed)
        yield ctx.at((*where, key), "unknown-key", f"unknown key '{key}'{_in(label)}", hint, key=True)


def _type(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    value = _value(error)
    expected: list[str] = [str(t) for t in value] if isinstance(value, list) else [str(value)]
    wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
    actual = _type_word(error.instance)
    raw = ctx.raw(where)
    shown = raw if raw is not None else json.dumps(error.instance, ensure_ascii=False, default=str)[:60]
    message = f"`{label or 'the file'}` must be {wanted}, not {actual} ({shown})"
    yield ctx.at(where, "wrong-type", message, _type_hint(expected, error.instance, raw, where, ctx))


def _type_hint(
    expected: list[str], instance: Any, raw: str | None, where: PathKey, ctx: _Context
) -> str | None:
    key = str(where[-1]) if where and isinstance(where[-1], str) else "- "
    prefix = f"{key}: " if key != "- " else "- "
    if "string" in expected and isinstance(instance, bool):
        written = raw or str(instance).lower()
        return f'YAML reads {written} as true/false: quote it to keep the text: {prefix}"{written}"'
    if "string" in expected and isinstance(instance, int | float):
        return f'quote it so YAML reads it as text: {prefix}"{raw if raw is not None else instance}"'
    if "integer" in expected and isinstance(instance, str):
        return f"write a whole number without quotes, e.g. {prefix}10" + (
            ", or null when unknown" if "null" in expected else ""
        )
    if "array" in expected and not isinstance(instance, list):
        return f"write a list: {prefix}[…] or one '- item' per line below '{key}:'"
    if "object" in expected and not isinstance(instance, dict):
        return f"write the keys indented below '{key}:'" + (" or null" if "null" in expected else "")
    return describe(ctx.name, where)


def _type_word(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _enum(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    values = [str(v) for v in _value(error)]
    listing = "valid values: " + ", ".join(values)
    close = did_you_mean(str(error.instance), values)
    hint = f"{close} ({listing})" if close else listing
    yield ctx.at(
        where, "bad-enum", f"`{label}` is {error.instance!r}, which is not one of {', '.join(values)}", hint
    )


def _pattern(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    form = _schema(error).get("patternErrorMessage") or f"text matching {_value(error)}"
    if _value(error) == _paragraph_id_pattern():
        code, noun = "bad-paragraph-id", "paragraph id"
    else:
        code, noun = "bad-value", f"value for `{label}`"
    yield ctx.at(where, code, f"{error.instance!r} is not a valid {noun}", f"write {form}")


def _format(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    if _value(error) == "date":
        yield ctx.at(
            where,
            "bad-date",
            f"`{label}` is {error.instance!r}, which is not a valid date",
            "write a real date as YYYY-MM-DD (e.g. 2020-09-23), or null when the text does not give one",
        )
    else:
        yield from _other(error, where, label, ctx)


def _min_length(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    yield ctx.at(where, "bad-value", f"`{label}` is empty", describe(ctx.name, where) or "write a value")


def _min_items(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    count = _value(error)
    yield ctx.at(
        where,
        "bad-value",
        f"`{label}` must list at least {count} item{'s' if count != 1 else ''}",
        describe(ctx.name, where),
    )


def _unique(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    items = error.instance if isinstance(error.instance, list) else []
    seen: list[Any] = []
    for i, item in enumerate(items):
        if item in seen:
            yield ctx.at(
                (*where, i), "duplicate-item", f"`{label}` lists {item!r} twice", "remove the repeated entry"
            )
        else:
            seen.append(item)


def _bound(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    relation = "at least" if error.validator == "minimum" else "at most"
    yield ctx.at(
        where,
        "bad-value",
        f"`{label}` is {error.instance}, but must be {relation} {_value(error)}",
        describe(ctx.name, where),
    )


def _other(error: ValidationError, where: PathKey, label: str, ctx: _Context) -> Iterator[Diagnostic]:
    yield ctx.at(where, "schema", f"`{label or 'the file'}`: {error.message}", describe(ctx.name, where))


_HANDLERS = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "format": _format,
    "minLength": _min_length,
    "minItems": _min_items,
    "uniqueItems": _unique,
    "minimum": _bound,
    "maximum": _bound,
}
