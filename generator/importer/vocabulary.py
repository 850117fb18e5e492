"""The importer's word lists (``vocabulary.yaml``) and the bodies (``corpus/bodies.yaml``), loaded once.

Both are data: the importer never spells a body's name or a UN verb in Python.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from generator.model import Body

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")
_REPO_BODIES = Path(__file__).resolve().parents[2] / "corpus" / "bodies.yaml"


@dataclass(frozen=True)
class LeadingPhrases:
    before: tuple[str, ...]
    after: tuple[str, ...]
    qualifiers: tuple[str, ...]
    preamble: tuple[str, ...]
    operative: tuple[str, ...]
    reported: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    leading_phrases: LeadingPhrases
    sponsor_names_with_and: tuple[str, ...]
    italic_titles_in_footnotes: tuple[str, ...]
    # Layouts (layout.py): whole-line patterns, compiled case-insensitively.
    web_noise: tuple[re.Pattern[str], ...] = ()
    running_headers: tuple[re.Pattern[str], ...] = ()
    own_lines: tuple[re.Pattern[str], ...] = ()
    footnote_headings: tuple[re.Pattern[str], ...] = ()
    report_furniture: tuple[re.Pattern[str], ...] = ()
    # The Member States and observers, as sponsors are named (flatten.py), and a pattern matching
    # one of them where a list of sponsors goes on (the longest name first).
    sponsor_states: tuple[str, ...] = ()
    sponsor_state: re.Pattern[str] | None = None
    # Words no sentence or title ends in (clean.py, layout.py), lower case.
    open_endings: frozenset[str] = frozenset()


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{VOCABULARY_FILE}: '{key}' must be a list of strings")
    return tuple(value)


@functools.cache
def load_vocabulary() -> Vocabulary:
    data = cast(dict[str, Any], yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8")))
    phrases = cast(dict[str, Any], data["leading_phrases"])
    return Vocabulary(
        leading_phrases=LeadingPhrases(
            before=_strings(phrases, "before"),
            after=_strings(phrases, "after"),
            qualifiers=_strings(phrases, "qualifiers"),
            preamble=_strings(phrases, "preamble"),
            operative=_strings(phrases, "operative"),
            reported=_strings(phrases, "reported"),
        ),
        sponsor_names_with_and=_strings(data, "sponsor_names_with_and"),
        italic_titles_in_footnotes=_strings(data, "italic_titles_in_footnotes"),
        web_noise=_patterns(data, "web_noise"),
        running_headers=_patterns(data, "running_headers"),
        own_lines=_patterns(data, "own_lines"),
        footnote_headings=_patterns(data, "footnote_headings"),
        report_furniture=_patterns(data, "report_furniture"),
        sponsor_states=(states := _strings(data, "sponsor_states")),
        sponsor_state=_sponsor_state(states),
        open_endings=frozenset(word.lower() for word in _strings(data, "open_endings")),
    )


def _sponsor_state(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, ordered))})(?=,|\s+and\s|:|$)")


def _patterns(data: Mapping[str, Any], key: str) -> tuple[re.Pattern[str], ...]:
    """The list as one pattern: each entry is checked on its own (for a message naming it), then all
    are joined in one alternation, which the regex engine tries in one call per line (a hot path:
    every line of every text is matched against several of these lists)."""
    patterns = _strings(data, key)
    for pattern in patterns:
        try:
            compiled = re.compile(rf"(?:{pattern})", re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"{VOCABULARY_FILE}: '{key}': bad pattern {pattern!r}: {error}") from error
        # Joined, a group would clash with another entry's name or renumber its back-references.
        if compiled.groups:
            raise ValueError(
                f"{VOCABULARY_FILE}: '{key}': pattern {pattern!r} has a capturing group; "
                "write (?:…) instead of (…)"
            )
    if not patterns:
        return ()
    return (re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE),)


def full_match(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    """True when one of ``patterns`` matches the whole of ``line`` (spaces around it ignored)."""
    text = line.strip()
    return any(p.fullmatch(text) for p in patterns)


def bodies_file() -> Path:
    """``corpus/bodies.yaml`` of the working directory if there is one, else the repository's."""
    local = Path.cwd() / "corpus" / "bodies.yaml"
    return local if local.is_file() else _REPO_BODIES


@functools.cache
def _load_bodies(path: Path) -> dict[str, Body]:
    data = cast(dict[str, Any], yaml.safe_load(path.read_text(encoding="utf-8")))
    bodies: dict[str, Body] = {}
    for entry in data["bodies"]:
        names = tuple(entry.get("names") or [entry["name"]])
        bodies[entry["key"]] = Body(
            key=entry["key"],
            name=entry["name"],
            short_name=entry.get("short_name", entry["name"]),
            names=names,
            short_references=tuple(entry.get("short_references") or []),
            numbering=entry.get("numbering", "session"),
            resolution_symbol=entry.get("resolution_symbol"),
            decision_symbol=entry.get("decision_symbol"),
            special_sessions=entry.get("special_sessions", False),
        )
    return bodies


def load_bodies(path: Path | None = None) -> dict[str, Body]:
    """The bodies keyed by ``key`` (cop, ccpcj, …), read from ``corpus/bodies.yaml``."""
    return dict(_load_bodies((path or bodies_file()).resolve()))
