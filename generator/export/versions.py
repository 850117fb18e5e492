"""Versions of a text: what a text's ``versions`` field names, checked, and the pairs worth comparing.

A text names each other version by what that version is to it (``draft``, ``revised-draft``,
``adopted-as``, ``replaces``, ``replaced-by``), by atlas id, symbol, or both. The other version may
be outside the corpus. Two versions both in the corpus get a compare page, reachable from both,
whichever of the two names the other (one side is enough).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, did_you_mean
from generator.ids import DocumentRef
from generator.model import Corpus, Resolution, Version

# The other version is older than this text for these relations, newer for the rest.
OLDER = frozenset({"draft", "replaces"})
# What the other text may say of this one, given what this one says of it.
INVERSE = {
    "draft": frozenset({"adopted-as", "revised-draft"}),
    "revised-draft": frozenset({"draft"}),
    "adopted-as": frozenset({"draft"}),
    "replaces": frozenset({"replaced-by"}),
    "replaced-by": frozenset({"replaces"}),
}
RELATION_LABELS = {
    "draft": "Draft",
    "revised-draft": "Revised draft",
    "adopted-as": "Adopted as",
    "replaces": "Replaces",
    "replaced-by": "Replaced by",
}


@dataclass(frozen=True, order=True)
class Pair:
    """Two versions in the corpus: ``older`` (a draft, a replaced text) and ``newer``."""

    older: str
    newer: str

    @property
    def slug(self) -> str:
        return f"{self.older}--{self.newer}"


def pair_of(resolution: Resolution, version: Version) -> Pair | None:
    if version.id is None:
        return None
    if version.relation in OLDER:
        return Pair(version.id, resolution.id)
    return Pair(resolution.id, version.id)


def compare_pairs(corpus: Corpus) -> tuple[Pair, ...]:
    """Every pair of versions both in the corpus, once each, sorted."""
    ids = {r.id for r in corpus.resolutions}
    pairs = {
        p
        for r in corpus.resolutions
        for v in r.versions
        if (p := pair_of(r, v)) is not None and p.older in ids and p.newer in ids
    }
    return tuple(sorted(pairs))


def pairs_of(resolution_id: str, pairs: Iterable[Pair]) -> tuple[Pair, ...]:
    return tuple(p for p in pairs if resolution_id in (p.older, p.newer))


def check_versions(corpus: Corpus) -> list[Diagnostic]:
    """What the schema cannot say about ``versions``: self-reference, duplicates, contradictions."""
    from generator.schema.load import diagnostic_at

    by_id = {r.id: r for r in corpus.resolutions}
    out: list[Diagnostic] = []
    for r in corpus.resolutions:
        seen: set[str] = set()
        for n, v in enumerate(r.versions):
            key = f"versions.{n}"
            if v.id is None and v.symbol is None:
                out.append(
                    diagnostic_at(
                        r,
                        key,
                        "version-unnamed",
                        f"a version ({v.relation}) of {r.id} names no text",
                        "give the other version's id (cop-res-10-1) or symbol (CTOC/COP/2020/L.4), or both",
                    )
                )
                continue
            if v.id == r.id:
                out.append(
                    diagnostic_at(
                        r,
                        f"{key}.id",
                        "version-self",
                        f"{r.id} names itself as its {v.relation}",
                        "name the other version's id (or its symbol)",
                    )
                )
                continue
            if v.symbol and r.symbol and v.symbol == r.symbol:
                out.append(
                    diagnostic_at(
                        r,
                        f"{key}.symbol",
                        "version-self",
                        f"{r.id} names its own symbol {v.symbol} as its {v.relation}",
                        "name the other version's symbol",
                    )
                )
            name = v.id or v.symbol or ""
            if name in seen:
                out.append(
                    diagnostic_at(
                        r,
                        key,
                        "version-duplicate",
                        f"{name} is named twice among the versions of {r.id}",
                        "keep one entry per other version",
                    )
                )
            seen.add(name)
            other = by_id.get(v.id) if v.id else None
            if v.id is not None and other is None:
                adopted_form = _is_document_slug(v.id)
                hint = did_you_mean(v.id, by_id)
                if not adopted_form and hint:
                    out.append(
                        diagnostic_at(
                            r,
                            f"{key}.id",
                            "version-unknown",
                            f"versions names {v.id!r}, which is not in the corpus",
                            hint,
                            "warning",
                        )
                    )
                continue
            if other is None:
                continue
            if v.relation == "adopted-as" and other.status != "adopted":
                out.append(
                    diagnostic_at(
                        r,
                        f"{key}.relation",
                        "version-relation",
                        f"{r.id} says it was adopted as {other.id}, which is a {other.status}",
                        "adopted-as names an adopted text; a later draft is a revised-draft",
                    )
                )
            if v.relation in ("draft", "revised-draft") and other.status == "adopted":
                out.append(
                    diagnostic_at(
                        r,
                        f"{key}.relation",
                        "version-relation",
                        f"{r.id} names {other.id} as its {v.relation}, but {other.id} is adopted",
                        "an adopted version is the text this one was adopted as (adopted-as), or one it "
                        "replaces or is replaced by",
                    )
                )
            back = [w.relation for w in other.versions if w.id == r.id]
            if back and not set(back) & INVERSE[v.relation]:
                out.append(
                    diagnostic_at(
                        r,
                        f"{key}.relation",
                        "version-contradiction",
                        f"{r.id} names {other.id} as its {v.relation}, but {other.id} names {r.id} as its "
                        f"{' and '.join(back)}",
                        f"the other text should say {' or '.join(sorted(INVERSE[v.relation]))}, or nothing",
                    )
                )
    return out


def _is_document_slug(text: str) -> bool:
    try:
        DocumentRef.parse(text)
    except ValueError:
        return False
    return True
