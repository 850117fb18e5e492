"""Read YAML keeping where every key and value stands, so each problem is reported at its line.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two equal keys. Here the
document is *composed* into nodes (which carry ``start_mark``), and the nodes are turned into plain
Python data by hand, recording the position of every key and value by its path
(``("operative", 11, "subparagraphs", 0, "text")``) and reporting duplicate keys.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """1-based line and column, as editors count them."""

    line: int
    column: int

    @classmethod
    def of(cls, mark: yaml.Mark) -> Position:
        return cls(mark.line + 1, mark.column + 1)


@dataclass
class YamlDocument:
    """A parsed YAML file: plain data plus where each key and value starts."""

    path: str
    data: Any
    # Where each node starts (the root is the empty path).
    values: dict[PathKey, Position] = field(default_factory=dict)
    # Where the key of each mapping entry stands.
    keys: dict[PathKey, Position] = field(default_factory=dict)
    # The source text of each scalar, to quote it back in hints (YAML turns `no` into False).
    raw: dict[PathKey, str] = field(default_factory=dict)

    def position(self, path: PathKey, *, prefer_key: bool = True) -> Position | None:
        """The position of ``path`` (its key, or its value), else of its nearest known ancestor."""
        for n in range(len(path), -1, -1):
            sub = path[:n]
            first, second = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            if sub in first:
                return first[sub]
            if sub in second:
                return second[sub]
        return None

    def value_position(self, path: PathKey) -> Position | None:
        return self.position(path, prefer_key=False)

    def dotted_positions(self) -> Iterator[tuple[str, Position]]:
        """Every recorded path as ``operative.11.subparagraphs.0`` with the line its entry starts on."""
        found = {
            path: self.keys.get(path) or self.values[path] for path in self.values.keys() | self.keys.keys()
        }
        for path, pos in sorted(found.items(), key=lambda item: (item[1].line, item[1].column, len(item[0]))):
            if path:
                yield dotted(path), pos


def dotted(path: PathKey) -> str:
    return ".".join(map(str, path))


_STR_TAG = "tag:yaml.org,2002:str"


class _Loader(yaml.SafeLoader):
    """SafeLoader whose timestamps become ``datetime.date`` and never raise on impossible dates."""


def _construct_date(loader: Any, node: ScalarNode) -> object:
    # An impossible date (2020-13-40) or a date with a time of day stays text, so that the schema
    # reports "not a valid date" at its line instead of PyYAML raising a bare ValueError.
    try:
        value = SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value
    if isinstance(value, dt.datetime):
        return node.value
    return value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)

# libyaml composes ten times faster than the pure-Python parser (it matters for a corpus of
# thousands of files) and gives the same positions; on an error the pure-Python parser is run
# again so that messages and positions are the same with or without libyaml.
# Typed loosely: libyaml's loader shares SafeLoader's interface but not its class.
_FastLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[misc]
        pass

    _CLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
    _FastLoader = _CLoader


# Hints for the YAML mistakes people actually make in these files, keyed by PyYAML's problem text.
_SYNTAX_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"mapping values are not allowed"),
        'a text containing ": " must be quoted: text: "… as follows: …"',
    ),
    (
        re.compile(r"found character '\\t'"),
        "indent with spaces: YAML does not allow tabs",
    ),
    (
        re.compile(r"alias|anchor|expected alphabetic or numeric character"),
        'a value starting with * or & must be quoted: mark: "*"',
    ),
    (
        re.compile(r"found undefined tag handle|could not determine a constructor"),
        "remove the !tag: resolution files hold plain text, numbers, lists and mappings",
    ),
    (
        re.compile(r"expected ',' or '[\]}]'"),
        "close the [ … ] or { … } opened here, or quote text that starts with [ or {",
    ),
    (
        re.compile(r"expected <block end>|did not find expected key|could not find expected ':'"),
        "check this line's indentation against the lines above, and quote text that starts with ' or \"",
    ),
    (
        re.compile(r"but found another document"),
        "a file holds one resolution: remove the second document and its --- line",
    ),
    (
        re.compile(r"found unexpected end of stream|found unknown escape character"),
        'close the quoted text; inside "…" write \\\\ for a backslash, or use single quotes',
    ),
)
_DEFAULT_SYNTAX_HINT = (
    'fix the YAML at this position; quote text that contains ": ", " #" or starts with *, &, [, {, !, | or >'
)


def parse_yaml(text: str, path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document; on failure return None and diagnostics saying where and why."""
    if _FastLoader is not None:
        try:
            fast = _FastLoader(text)
            try:
                return _parse(fast, fast.get_single_node(), path)
            finally:
                fast.dispose()
        except yaml.YAMLError:
            pass  # reported below, by the parser whose messages the hints know
    try:
        # The reader checks for forbidden characters as soon as the loader is made.
        loader = _Loader(text)
    except yaml.YAMLError as error:
        return None, [_reader_diagnostic(error, text, path)]
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            return None, [_syntax_diagnostic(error, path)]
        except yaml.YAMLError as error:  # a ReaderError: a character YAML does not allow
            return None, [_reader_diagnostic(error, text, path)]
        return _parse(loader, node, path)
    finally:
        loader.dispose()


def _parse(
    loader: yaml.SafeLoader, node: Node | None, path: str
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    if node is None:
        return None, [
            Diagnostic(
                path,
                1,
                1,
                "empty-file",
                "the file holds no YAML document",
                "write the resolution's keys (id, body, kind, status, title, …) or delete the file",
            )
        ]
    if not isinstance(node, MappingNode):
        pos = Position.of(node.start_mark)
        return None, [
            Diagnostic(
                path,
                pos.line,
                pos.column,
                "not-a-mapping",
                f"the file holds a {_node_kind(node)}, not a mapping of keys",
                "the top level must be keys and values (id: …, body: …), not a list or a single value",
            )
        ]
    document = YamlDocument(path=path, data=None)
    diagnostics: list[Diagnostic] = []
    document.data = _to_data(loader, node, (), document, diagnostics, set())
    return document, diagnostics


def _to_data(
    loader: Any,
    node: Node,
    path: PathKey,
    doc: YamlDocument,
    diagnostics: list[Diagnostic],
    active: set[int],
) -> Any:
    doc.values[path] = Position.of(node.start_mark)
    if id(node) in active:
        # `&a [*a]`: an alias inside its own anchor would recurse for ever.
        pos = doc.values[path]
        diagnostics.append(
            Diagnostic(
                doc.path,
                pos.line,
                pos.column,
                "yaml-syntax",
                "a YAML alias refers to the node that contains it",
                "write the value out instead of using an alias",
            )
        )
        return None
    if isinstance(node, ScalarNode):
        doc.raw[path] = node.value
        if node.tag == _STR_TAG:
            # Most scalars are text, which needs no constructor (a hot path on a large corpus).
            return node.value
        try:
            return loader.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as error:
            diagnostics.append(_syntax_diagnostic(error, doc.path))
            return node.value
    active = active | {id(node)}
    if isinstance(node, SequenceNode):
        return [
            _to_data(loader, item, (*path, i), doc, diagnostics, active) for i, item in enumerate(node.value)
        ]
    assert isinstance(node, MappingNode)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_pos = Position.of(key_node.start_mark)
        if not isinstance(key_node, ScalarNode):
            diagnostics.append(
                Diagnostic(
                    doc.path,
                    key_pos.line,
                    key_pos.column,
                    "yaml-syntax",
                    "a key must be a plain name, not a list or mapping",
                    "write the key as a word followed by a colon: title: …",
                )
            )
            continue
        key = key_node.value
        if key in out:
            first = doc.keys[(*path, key)]
            diagnostics.append(
                Diagnostic(
                    doc.path,
                    key_pos.line,
                    key_pos.column,
                    "duplicate-key",
                    f"key '{key}' appears twice in the same mapping (first at line {first.line})",
                    f"remove one of the two '{key}' entries; YAML would silently keep only one",
                )
            )
            continue
        doc.keys[(*path, key)] = key_pos
        out[key] = _to_data(loader, value_node, (*path, key), doc, diagnostics, active)
    return out


def _syntax_diagnostic(error: yaml.MarkedYAMLError, path: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    message = f"YAML syntax error: {problem}"
    if error.context and error.context_mark and mark is not error.context_mark:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    hint = next((h for pattern, h in _SYNTAX_HINTS if pattern.search(problem)), _DEFAULT_SYNTAX_HINT)
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Diagnostic(path, line, column, "yaml-syntax", message, hint)


def _reader_diagnostic(error: yaml.YAMLError, text: str, path: str) -> Diagnostic:
    position = getattr(error, "position", None)
    line = column = None
    if isinstance(position, int):
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
    reason = getattr(error, "reason", None) or "invalid character"
    character = getattr(error, "character", None)
    what = f"{reason} (U+{character:04X})" if isinstance(character, int) else str(reason)
    return Diagnostic(
        path,
        line,
        column,
        "yaml-syntax",
        f"YAML cannot read this file: {what}",
        "remove the control character or replace it with the intended one",
    )


def _node_kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "list"
    return "single value"
