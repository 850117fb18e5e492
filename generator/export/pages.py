"""The data helper's own pages: the Data page (every download) and one compare page per version pair.

Rendered like every generated page (one HTML block, front matter, the shared Jinja2 environment),
as jobs that ``generate`` adds to the others.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.export import DATA_PAGE, TEXT_FORMATS, DataFile, Exported, human_size, per_text_listing
from generator.export.compare import Row, align, title_diff
from generator.export.versions import Pair, compare_pairs
from generator.export.view import compare_page, file_href
from generator.graph import Graph, ToResolution
from generator.markup import to_plain
from generator.render import naming, urls
from generator.render.pages import SEARCH_EXCLUDE, Context, Page, PageJob, _compact, environment, front_matter


def _page(ctx: Context, template: str, title: str, options: dict[str, Any], **values: Any) -> Page:
    body = environment().get_template(template).render(ctx=ctx, graph=ctx.graph, **values)
    return Page(ctx.path, front_matter(title, **{"search": SEARCH_EXCLUDE, **options}) + _compact(body))


@dataclass(frozen=True)
class FileRow:
    href: str
    file: DataFile
    size: str
    schema_href: str


def _row(ctx: Context, f: DataFile) -> FileRow:
    schema = f.schema_href
    if schema and not schema.startswith(("http://", "https://")):
        schema = file_href(ctx.links, ctx.path, schema)
    return FileRow(file_href(ctx.links, ctx.path, f.path), f, human_size(f.size), schema)


def data_page(ctx: Context, exported: Exported) -> Page:
    per_text = per_text_listing(exported)
    texts = []
    for r in sorted(ctx.graph.resolutions, key=lambda r: r.id):
        doc = ctx.graph.document(ToResolution(r.id))
        texts.append(
            (r, naming.document_label(ctx.bodies, doc), [_row(ctx, f) for f in per_text.get(r.id, [])])
        )
    formats = []
    for fmt in TEXT_FORMATS:
        href = fmt.schema_href
        if href and not href.startswith(("http://", "https://")):
            href = file_href(ctx.links, ctx.path, href)
        formats.append((fmt, href))
    total = sum(f.size for f in exported.listing)
    return _page(
        ctx,
        "data.html",
        "Data and downloads",
        {"hide": ["navigation", "toc"], "description": "Every text and the whole corpus in open formats"},
        corpus=[_row(ctx, f) for f in exported.corpus_files],
        texts=texts,
        formats=formats,
        total=human_size(total),
        count=len(exported.listing),
    )


def compare_view(ctx: Context, pair: Pair) -> Page:
    graph = ctx.graph
    older, newer = graph.resolution(pair.older), graph.resolution(pair.newer)
    old_doc, new_doc = graph.document(ToResolution(older.id)), graph.document(ToResolution(newer.id))
    rows: Sequence[Row] = align(older, newer)
    counts = {s: sum(1 for row in rows if row.status == s) for s in ("same", "changed", "added", "removed")}
    counts["renumbered"] = sum(1 for row in rows if row.renumbered)
    counts["moved"] = sum(1 for row in rows if row.moved)
    old_label, new_label = (
        naming.document_label(ctx.bodies, old_doc),
        naming.document_label(ctx.bodies, new_doc),
    )
    return _page(
        ctx,
        "compare.html",
        f"Compare: {old_label} and {new_label}",
        {
            "hide": ["navigation", "toc"],
            "description": f"{to_plain(newer.title)}: what changed between versions",
        },
        older=older,
        newer=newer,
        old_label=old_label,
        new_label=new_label,
        old_href=ctx.href(urls.resolution_page(older.id)),
        new_href=ctx.href(urls.resolution_page(newer.id)),
        rows=rows,
        title_pieces=title_diff(older, newer),
        counts=counts,
        passage_href=lambda rid, anchor: ctx.href(urls.resolution_page(rid), anchor),
    )


def data_page_jobs(graph: Graph, exported: Exported, directory_urls: bool = True) -> list[PageJob]:
    """The Data page and the compare pages, as jobs like the other pages'."""
    links = urls.Urls(directory_urls)

    def job(path: str, make: Callable[..., Page], *args: Any) -> PageJob:
        return PageJob(path, functools.partial(make, Context(graph, links, path), *args))

    jobs = [job(DATA_PAGE, data_page, exported)]
    jobs += [job(compare_page(p), compare_view, p) for p in compare_pairs(graph.corpus)]
    return jobs
