"""Diagnostics, not tracebacks: every check returns these, collected and reported together."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is, a stable code, what is wrong and how to fix it."""

    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity} [{self.code}] {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass
class Report:
    """Collects diagnostics from every stage so all problems are shown at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self.diagnostics, key=_sort_key))

    def __len__(self) -> int:
        return len(self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def format(self) -> str:
        """Diagnostics grouped by file (a blank line between files), then a count."""
        lines: list[str] = []
        previous: str | None = None
        for d in self:
            if previous is not None and d.path != previous:
                lines.append("")
            lines.append(d.format())
            previous = d.path
        files = len({d.path for d in self.diagnostics})
        summary = f"{_plural(len(self.errors), 'error')}, {_plural(len(self.warnings), 'warning')}"
        if files:
            summary += f" in {_plural(files, 'file')}"
        if lines:
            lines.append("")
        lines.append(summary)
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(
            {
                "ok": self.ok,
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "diagnostics": [asdict(d) for d in self],
            },
            indent=2,
            ensure_ascii=False,
        )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line or 0, d.column or 0, d.code)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean …?' hint naming the closest valid choices, if any is close."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"
