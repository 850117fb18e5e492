"""What a text's page shows of the data: its citations in both styles, its downloads, its versions.

The page templates call :func:`text_tools` (through the ``data_view`` global) and
:func:`paragraph_cite` for each paragraph's Cite button; the markup is in ``_data.html``.
"""

from __future__ import annotations

import posixpath
import weakref
from collections.abc import Mapping
from dataclasses import dataclass

from generator.export import FORMATS, TEXT_FORMATS, text_file
from generator.export.cite import STYLE_NAMES, STYLES, citation, pinpoint
from generator.export.versions import RELATION_LABELS, Pair, compare_pairs, pairs_of
from generator.graph import Graph, ToResolution
from generator.ids import DocumentRef, SymbolRef
from generator.render import naming, urls

# Stands for the pinpoint in a citation template; the script puts the paragraph's pinpoint there.
PIN = "\u2063pin\u2063"


@dataclass(frozen=True)
class StyledCitation:
    key: str
    name: str
    text: str  # the whole text
    pinned: str  # with PIN where a paragraph's pinpoint goes


@dataclass(frozen=True)
class Download:
    key: str
    name: str
    href: str
    mediatype: str


@dataclass(frozen=True)
class VersionView:
    relation: str
    label: str
    href: str | None  # the other version's page, or the official document
    in_corpus: bool
    compare_href: str | None


@dataclass(frozen=True)
class TextTools:
    citations: tuple[StyledCitation, ...]
    downloads: tuple[Download, ...]
    versions: tuple[VersionView, ...]
    data_page: str
    pin: str = PIN


def compare_page(pair: Pair) -> str:
    return f"compare/{pair.slug}.md"


def file_href(links: urls.Urls, page: str, target: str) -> str:
    """A relative link from page ``page`` (a .md source path) to the static file ``target``."""
    return posixpath.relpath(target, posixpath.dirname(links.output(page)) or ".")


# The compare pairs of the graph being rendered: computed once per graph (and per process), not
# once per page; held weakly, so it goes with the graph.
_pairs_memo: dict[str, tuple[weakref.ref[Graph], Mapping[str, tuple[Pair, ...]]]] = {}


def _pairs_by_text(graph: Graph) -> Mapping[str, tuple[Pair, ...]]:
    held = _pairs_memo.get("graph")
    if held is not None and held[0]() is graph:
        return held[1]
    pairs = compare_pairs(graph.corpus)
    by_text = {rid: pairs_of(rid, pairs) for p in pairs for rid in (p.older, p.newer)}
    _pairs_memo["graph"] = (weakref.ref(graph), by_text)
    return by_text


def text_tools(ctx: object, resolution_id: str) -> TextTools:
    from generator.render.pages import Context

    assert isinstance(ctx, Context)
    graph, links, here = ctx.graph, ctx.links, ctx.path
    r = graph.resolution(resolution_id)
    bodies = graph.corpus.bodies
    cites = tuple(
        StyledCitation(s, STYLE_NAMES[s], citation(r, bodies, s), citation(r, bodies, s, PIN)) for s in STYLES
    )
    downloads = tuple(
        Download(f.key, f.name, file_href(links, here, text_file(r.id, f.key)), f.mediatype)
        for f in TEXT_FORMATS
    )
    pairs = {p.older if p.newer == r.id else p.newer: p for p in _pairs_by_text(graph).get(r.id, ())}
    views: list[VersionView] = []
    named: set[str] = set()
    for v in r.versions:
        other = graph.corpus.resolution(v.id) if v.id else None
        pair = pairs.get(v.id or "")
        href: str | None
        if other is not None:
            doc = graph.document(ToResolution(other.id))
            label, href = naming.document_label(bodies, doc), ctx.href(urls.resolution_page(other.id))
            named.add(other.id)
        else:
            label, href = _outside_label(v.id, v.symbol, bodies)
            if v.symbol:
                href = SymbolRef(v.symbol).url
        compare = ctx.href(compare_page(pair)) if pair else None
        views.append(VersionView(RELATION_LABELS[v.relation], label, href, other is not None, compare))
    # Texts that name this one as a version, though it does not name them.
    for other_id, pair in sorted(pairs.items()):
        if other_id in named:
            continue
        other = graph.resolution(other_id)
        relation = next(w.relation for w in other.versions if w.id == r.id)
        doc = graph.document(ToResolution(other_id))
        views.append(
            VersionView(
                _inverse_label(relation, other.status),
                naming.document_label(bodies, doc),
                ctx.href(urls.resolution_page(other_id)),
                True,
                ctx.href(compare_page(pair)),
            )
        )
    return TextTools(cites, downloads, tuple(views), ctx.href("data/index.md"))


def _inverse_label(relation: str, other_status: str) -> str:
    """How this text names one that names it: the other says "adopted-as me", so it is my draft."""
    if relation == "draft":
        return "Adopted as" if other_status == "adopted" else "Revised draft"
    return {
        "revised-draft": "Draft",
        "adopted-as": "Draft",
        "replaces": "Replaced by",
        "replaced-by": "Replaces",
    }[relation]


def _outside_label(
    version_id: str | None, symbol: str | None, bodies: Mapping[str, object]
) -> tuple[str, None]:
    if version_id:
        try:
            ref = DocumentRef.parse(version_id)
        except ValueError:
            ref = None
        if ref is not None:
            body = bodies.get(ref.body)
            name = getattr(body, "short_name", ref.body.upper())
            text = f"{name} {ref.kind} {ref.number}"
            return (f"{text} ({symbol})" if symbol else text), None
    return (symbol or version_id or ""), None


@dataclass(frozen=True)
class ParagraphCite:
    label: str
    pins: Mapping[str, str]


def paragraph_cite(label: str) -> ParagraphCite:
    pin = pinpoint(label)
    return ParagraphCite(label, {s: pin.for_style(s) for s in STYLES})


__all__ = ["FORMATS", "TextTools", "paragraph_cite", "text_tools"]
