"""Read YAML keeping where every key and value stands, so each problem is reported at its line.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two equal keys. Here the
document is *composed* into nodes (which carry ``start_mark``), and the nodes are turned into plain
Python data by hand, recording the position of every key and value by its path
(``("operative", 11, "subparagraphs", 0, "text")``) and reporting duplicate keys.

Every file is treated as hostile until read. The nodes are turned into data under limits checked
*as they are met*, never after: nesting deeper than ``MAX_DEPTH``, more than ``MAX_ALIASES`` aliases,
a document whose aliases would expand past ``MAX_EXPANDED`` (nodes plus characters; a 600-byte
"billion laughs" stops at its first big alias, before anything is expanded), an alias inside its own
anchor. The composer that builds the nodes is bounded too (see ``_LimitedComposer`` and ``_shallow``),
so no input drives a recursion past its limit. Only YAML's plain types are accepted: any other tag
(``!!python/…``, ``!!binary``, ``!!set``, a local ``!tag``) is reported where it stands.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
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
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
# The scalar tags a corpus file may carry, written or implied: text, numbers, true/false, null, dates.
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)

# The limits of one file. A real resolution nests about 14 levels (annexes → sections → paragraphs →
# sub-paragraphs (a) → (i) → (A) → text) and uses no alias at all.
MAX_DEPTH = 64
# Aliases copied while the data is built (an alias inside an aliased value counts once per copy).
MAX_ALIASES = 200
# Nodes plus characters of the document with every alias expanded: 20 times the largest real file.
MAX_EXPANDED = 10_000_000

_SURROGATE = re.compile("[\ud800-\udfff]")
_NO_ALIASES = "write the values out instead of using & anchors and * aliases: corpus files need none"


class LimitExceeded(yaml.MarkedYAMLError):
    """A limit crossed at ``problem_mark``; ``code`` and ``hint`` go into the diagnostic."""

    def __init__(self, code: str, problem: str, hint: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.code = code
        self.hint = hint


def _too_deep(mark: Any) -> LimitExceeded:
    return LimitExceeded(
        "yaml-too-deep",
        f"the YAML nests more than {MAX_DEPTH} levels deep",
        "close the [ or { opened above, or flatten the structure: a resolution nests about 14 levels",
        mark,
    )


class _LimitedComposer(Composer):
    """PyYAML's composer (which recurses once per level) refusing to go deeper than ``MAX_DEPTH``."""

    _depth = 0
    peek_event: Callable[[], Any]  # the parser's, in the loader this is mixed into

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _too_deep(self.peek_event().start_mark)
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1


class _Loader(_LimitedComposer, yaml.SafeLoader):
    """SafeLoader with a bounded composer, whose timestamps become ``datetime.date`` and never raise."""


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

# libyaml's composer recurses in C with no limit: 100,000 nested [ crash the process (about 30,000
# do). It is used only for a text that provably nests far less: flow nesting is at most the number
# of [ and {, and block nesting at most (indentation + 1) × (2 + the "- " that open a line).
_DEEP_INDENT = re.compile(r"^ {100}", re.MULTILINE)
_COMPACT = re.compile(r"^ *(?:[-?:] +){10}", re.MULTILINE)


def _shallow(text: str) -> bool:
    return (
        text.count("[") + text.count("{") < 1000
        and _DEEP_INDENT.search(text) is None
        and _COMPACT.search(text) is None
    )


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
    if _FastLoader is not None and _shallow(text):
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
            return None, [_syntax_diagnostic(error, path, text)]
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
    if not isinstance(node, MappingNode) or node.tag != _MAP_TAG:
        pos = Position.of(node.start_mark)
        return None, [
            _tag_diagnostic(node, path)
            if node.tag not in (_MAP_TAG, _SEQ_TAG, *_SCALAR_TAGS)
            else Diagnostic(
                path,
                pos.line,
                pos.column,
                "not-a-mapping",
                f"the file holds a {_node_kind(node)}, not a mapping of keys",
                "the top level must be keys and values (id: …, body: …), not a list or a single value",
            )
        ]
    document = YamlDocument(path=path, data=None)
    converter = _Converter(loader, document)
    try:
        document.data = converter.value(node, (), 1)
    except LimitExceeded as error:
        # The file is not used: what was read of it would only add noise to the report.
        return None, [_limit_diagnostic(error, path)]
    if any(d.code == "yaml-tag" for d in converter.diagnostics):
        # A file carrying !!python/… was not written for this corpus: none of it is used.
        return None, converter.diagnostics
    return document, converter.diagnostics


class _Converter:
    """Nodes → plain data, counting aliases and the expanded size *before* descending into an alias.

    A node met a second time is an alias: its expanded size (computed once, without expanding it)
    is added to the running total first, so a limit stops the walk before the expansion happens.
    """

    def __init__(self, loader: Any, doc: YamlDocument) -> None:
        self.loader = loader
        self.doc = doc
        self.diagnostics: list[Diagnostic] = []
        self.expanded = 0
        self.aliases = 0
        self.seen: set[int] = set()
        self.sizes: dict[int, int] = {}
        self.active: set[int] = set()

    def value(self, node: Node, path: PathKey, depth: int) -> Any:
        doc = self.doc
        doc.values[path] = Position.of(node.start_mark)
        key = id(node)
        if key in self.active:
            # `&a [*a]`: an alias inside its own anchor would recurse for ever.
            raise LimitExceeded(
                "yaml-alias-cycle",
                "a YAML alias refers to the node that contains it",
                "write the value out instead of using an alias",
                node.start_mark,
            )
        if depth > MAX_DEPTH:
            raise _too_deep(node.start_mark)
        if key in self.seen:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise LimitExceeded(
                    "yaml-too-many-aliases",
                    f"YAML aliases (*name) copy anchored values more than {MAX_ALIASES} times "
                    "(the value copied starts here)",
                    _NO_ALIASES,
                    node.start_mark,
                )
            # Checked before the walk below expands it (and adds it up as it goes).
            if self.expanded + self._size(node) > MAX_EXPANDED:
                self._grow(MAX_EXPANDED, node.start_mark)
        self.seen.add(key)
        if isinstance(node, ScalarNode):
            self._grow(1 + len(node.value), node.start_mark)
            doc.raw[path] = node.value
            if node.style == '"' and _SURROGATE.search(node.value):
                # "\ud800" in double quotes is half a UTF-16 pair: no character, and no UTF-8 for it.
                pos = doc.values[path]
                self.diagnostics.append(
                    Diagnostic(
                        doc.path,
                        pos.line,
                        pos.column,
                        "yaml-syntax",
                        "the text holds a \\u escape of half a UTF-16 pair (U+D800–U+DFFF): no character",
                        "write the character itself, or its \\U0001XXXX escape",
                    )
                )
                return node.value.encode("utf-8", "replace").decode("utf-8")
            if node.tag == _STR_TAG:
                # Most scalars are text, which needs no constructor (a hot path on a large corpus).
                return node.value
            if node.tag not in _SCALAR_TAGS:
                self.diagnostics.append(_tag_diagnostic(node, doc.path))
                return node.value
            try:
                return self.loader.construct_object(node, deep=True)
            except yaml.MarkedYAMLError as error:
                self.diagnostics.append(_syntax_diagnostic(error, doc.path))
            except ValueError:  # int("1" * 5000): Python refuses numbers of over 4,300 digits
                pos = doc.values[path]
                self.diagnostics.append(
                    Diagnostic(
                        doc.path,
                        pos.line,
                        pos.column,
                        "yaml-number",
                        f"a number of {len(node.value):,} characters, which cannot be read",
                        "write the real number, or quote it if it is text",
                    )
                )
            return node.value
        self._grow(1, node.start_mark)
        if node.tag not in (_SEQ_TAG, _MAP_TAG):
            # `!!python/object/apply:os.system {…}`, `!!set {…}`, `!!omap [...]`: never constructed.
            self.diagnostics.append(_tag_diagnostic(node, doc.path))
            return None
        self.active.add(key)
        try:
            if isinstance(node, SequenceNode):
                return [self.value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            return self._mapping(node, path, depth)
        finally:
            self.active.discard(key)

    def _mapping(self, node: MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        doc = self.doc
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = Position.of(key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                self.diagnostics.append(
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
            self._grow(1 + len(key_node.value), key_node.start_mark)
            key = key_node.value
            if key in out:
                first = doc.keys[(*path, key)]
                self.diagnostics.append(
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
            out[key] = self.value(value_node, (*path, key), depth + 1)
        return out

    def _grow(self, amount: int, mark: Any) -> None:
        self.expanded += amount
        if self.expanded > MAX_EXPANDED:
            raise LimitExceeded(
                "yaml-too-large",
                f"with its aliases expanded the document exceeds {MAX_EXPANDED:,} nodes and characters "
                "(the value copied starts here)",
                _NO_ALIASES,
                mark,
            )

    def _size(self, root: Node) -> int:
        """Nodes plus characters of ``root`` with its aliases expanded, computed without expanding."""
        sizes = self.sizes
        pending: set[int] = set()
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            key = id(node)
            if key in sizes:
                continue
            if isinstance(node, ScalarNode):
                sizes[key] = 1 + len(node.value)
                continue
            children: list[Node] = (
                list(node.value)
                if isinstance(node, SequenceNode)
                else [part for pair in node.value for part in pair]
            )
            if children_done:
                pending.discard(key)
                # A cycle (reported when the walk reaches it) counts for nothing here.
                sizes[key] = 1 + sum(sizes.get(id(c), 0) for c in children)
            elif key not in pending:
                pending.add(key)
                stack.append((node, True))
                stack.extend((c, False) for c in children if id(c) not in sizes and id(c) not in pending)
        return sizes[id(root)]


def _syntax_diagnostic(error: yaml.MarkedYAMLError, path: str, text: str | None = None) -> Diagnostic:
    if isinstance(error, LimitExceeded):
        return _limit_diagnostic(error, path)
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "invalid YAML"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if text is not None and line is not None:
        opened = _unclosed_quote(text, line)
        if opened is not None:
            # A quote left open swallows the lines after it up to the next quote character; the
            # parser only notices later ("nine lines late"). Point at the line where it opened.
            return Diagnostic(
                path,
                opened.line,
                opened.column,
                "yaml-syntax",
                f"YAML syntax error: the quoted text opened here is not closed on its line "
                f"(the parser stumbled at line {line}: {problem})",
                "close the quote at the end of the text, or write the text without quotes",
            )
    message = f"YAML syntax error: {problem}"
    if error.context and error.context_mark and mark is not error.context_mark:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    hint = next((h for pattern, h in _SYNTAX_HINTS if pattern.search(problem)), _DEFAULT_SYNTAX_HINT)
    return Diagnostic(path, line, column, "yaml-syntax", message, hint)


# A value opening with a quote, on a line of its own: `key: "…`, `- "…`, `- key: '…`.
_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[\w.-]+:\s+)?([\"'])")


def _unclosed_quote(text: str, before_line: int) -> Position | None:
    """The first line before ``before_line`` whose quoted value is not closed on that line.

    Resolution files keep every text on one line (the importer writes them so), so a quote still
    open at the end of its line is almost always a quote forgotten.
    """
    for number, line in enumerate(text.splitlines()[:before_line], start=1):
        match = _QUOTED_VALUE.match(line)
        if match is None:
            continue
        quote, rest = match[1], line[match.end() :]
        closed = (
            re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
            if quote == '"'
            else re.fullmatch(r"(?:[^']|'')*'.*", rest) is not None
        )
        if not closed:
            return Position(number, match.start(1) + 1)
    return None


def _limit_diagnostic(error: LimitExceeded, path: str) -> Diagnostic:
    mark = error.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    message = f"{error.problem}: the file is not read further"
    return Diagnostic(path, line, column, error.code, message, error.hint)


def _tag_diagnostic(node: Node, path: str) -> Diagnostic:
    pos = Position.of(node.start_mark)
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    return Diagnostic(
        path,
        pos.line,
        pos.column,
        "yaml-tag",
        f"the YAML tag {tag} is not allowed: it is not read",
        "remove the tag: corpus files hold plain text, numbers, dates, lists and mappings "
        "(quote a text that starts with !)",
    )


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
    if isinstance(node, MappingNode):
        return "mapping"
    return "single value"
