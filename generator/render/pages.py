"""Every page of the site, rendered from the graph into Markdown files whose body is one HTML block.

Front matter carries the page title (HTML-escaped, because MkDocs' templates print it unescaped)
and Material's per-page options; the body is produced by a Jinja2 template. Because the body
is raw HTML, MkDocs' Markdown never reads corpus text: ``*``, ``_``, ``[x](…)`` or ``{{ }}``
stay what they are. All templates are compiled once and reused for every page.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from generator.citations import footnote_anchor
from generator.export import view as export_view
from generator.graph import (
    ArticleIndex,
    CitedDocument,
    CitedTarget,
    CitingResolution,
    Destination,
    Document,
    Graph,
    InstrumentIndex,
    Mention,
    Passage,
    PassageMentions,
    SessionGroup,
    ToArticle,
    ToCited,
    ToInstrument,
    ToResolution,
    ToSymbol,
    Unresolved,
)
from generator.ids import DocumentRef, SymbolRef
from generator.markup import escape as escape_markup
from generator.markup import to_plain
from generator.model import Paragraph, Resolution
from generator.render import naming, urls
from generator.render.text import FootnoteRef, Span, excerpt_window, render_text
from generator.yaml_text import safe_dumper

HOME_DESCRIPTION = "Resolutions on the Organized Crime Convention, paragraph by paragraph"

# Generated pages stay out of Material's search index, which would hold the whole corpus and be
# loaded on every page: the atlas writes its own, loaded in pieces (generator/search_index.py).
SEARCH_EXCLUDE = {"exclude": True}

# How much of a citing paragraph an excerpt shows around the citation, in words on each side.
PANEL_EXCERPT_WORDS = 14
PAGE_EXCERPT_WORDS = 40


@dataclass(frozen=True)
class Page:
    """One generated page: its source path under docs_dir and the Markdown file's text."""

    path: str
    text: str


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: autoescaping on, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["naming"] = naming
    # The data helper's "Cite this text", downloads and versions (generator/export/view.py).
    env.globals["data_view"] = export_view.text_tools
    env.globals["paragraph_cite"] = export_view.paragraph_cite
    return env


def front_matter(title: str, *, description: str | None = None, **options: Any) -> str:
    """YAML front matter; text values are HTML-escaped since MkDocs prints them into HTML verbatim."""
    meta: dict[str, Any] = {"title": html.escape(title, quote=True)}
    if description:
        meta["description"] = html.escape(description, quote=True)
    meta.update(options)
    dumper = safe_dumper(meta["title"], meta.get("description", ""))
    text = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=True, width=1000)
    return "---\n" + text + "---\n\n"


def _compact(rendered: str) -> str:
    """Drop blank lines: a blank line would end the HTML block and hand the rest to Markdown."""
    return "\n".join(line for line in rendered.splitlines() if line.strip()) + "\n"


# --- per-page helpers available to templates ----------------------------------------------------------


@dataclass
class Context:
    """What a template needs to link and label things from the page it is on."""

    graph: Graph
    links: urls.Urls
    path: str
    # Where the repository's files are read online ("https://…/blob/main/"), for the maintainers'
    # links at the bottom of a text; empty when no repository is configured (mkdocs.yml extra.source_url).
    source_url: str = ""
    # Cache of rendered labels; pages are small, so this is per page.
    _labels: dict[object, str] = field(default_factory=dict)

    # links

    def href(self, target: str, anchor: str = "") -> str:
        return self.links.href(self.path, target, anchor)

    def link(self, destination: Destination, anchor: str = "") -> str:
        if isinstance(destination, ToSymbol):
            return destination.symbol.url
        page = urls.destination_page(destination)
        assert page is not None
        return self.href(page, anchor)

    def passage_href(self, passage: Passage) -> str:
        return self.href(urls.resolution_page(passage.resolution_id), passage.anchor)

    def unresolved_href(self, mention: Mention) -> str:
        anchor = urls.unresolved_anchor(mention.resolution_id, mention.passage.anchor, mention.citation.start)
        return self.href(urls.UNRESOLVED, anchor)

    def official_url(self, symbol: str) -> str:
        return SymbolRef(symbol).url

    def unresolved_anchor(self, mention: Mention) -> str:
        return urls.unresolved_anchor(mention.resolution_id, mention.passage.anchor, mention.citation.start)

    def body_anchor(self, body: str, document_key: str) -> str:
        """The anchor of the session (or year) on the body's page that lists ``document_key``."""
        for index in self.graph.bodies:
            if index.body.key == body:
                for group in index.sessions:
                    if any(d.key == document_key for d in group.documents):
                        return self.session_anchor(group)
        return ""

    def doc_anchor(self, doc: Document) -> str:
        """The anchor of the session (or year) that lists ``doc`` on its body's page, found in O(1):
        the rule by which the graph groups a body's documents (``graph._bodies``)."""
        body = self.bodies.get(doc.body)
        if body is not None and body.numbering != "session":
            year = doc.when.year if doc.when.year is not None else body.year_of(doc.number or "")
            return f"y{year}" if year is not None else "session-not-stated"
        return f"session-{doc.session}" if doc.session is not None else "session-not-stated"

    @staticmethod
    def session_anchor(group: SessionGroup) -> str:
        if group.session is not None:
            return f"session-{group.session}"
        return f"y{group.year}" if group.year is not None else "session-not-stated"

    # destinations, for templates

    @staticmethod
    def to_cited(ref: DocumentRef) -> ToCited:
        return ToCited(ref)

    @staticmethod
    def to_article(instrument: str, article: int) -> ToArticle:
        return ToArticle(instrument, article)

    @staticmethod
    def instrument_page(key: str) -> str:
        return urls.instrument_page(key)

    # names

    @property
    def bodies(self) -> Mapping[str, Any]:
        return self.graph.corpus.bodies

    def label(self, destination: Destination) -> str:
        """A destination in plain words: ``General Assembly resolution 55/25``, ``article 30``."""
        if destination in self._labels:
            return self._labels[destination]
        match destination:
            case ToResolution() | ToCited():
                text = self.doc_label(self.graph.document(destination))
            case ToArticle(instrument, number):
                text = f"{self.graph.corpus.instruments[instrument].short_name}, article {number}"
            case ToInstrument(instrument):
                text = self.graph.corpus.instruments[instrument].short_name
            case ToSymbol(symbol):
                text = symbol.symbol
            case Unresolved():
                text = "unresolvable citation"
        self._labels[destination] = text
        return text

    def doc_label(self, doc: Document) -> str:
        return naming.document_label(self.bodies, doc, self.sponsor(doc))

    def sponsor(self, doc: Document) -> str | None:
        """A draft's first sponsor, which tells two drafts of one session apart."""
        if doc.number or not doc.in_corpus:
            return None
        sponsors = self.graph.resolution(doc.key).sponsors
        return sponsors[0] if sponsors else None

    def resolution_doc(self, resolution_id: str) -> Document:
        return self.graph.document(ToResolution(resolution_id))

    def article_title(self, destination: ToArticle) -> str:
        article = self.graph.corpus.instruments[destination.instrument].article(destination.article)
        return article.title if article else ""

    # text

    def text(self, markup: str | None) -> Markup:
        """Corpus text shown away from its resolution: footnote marks are left out."""
        return render_text(markup or "")

    def plain(self, text: str | None) -> Markup:
        """A plain-text field (venue, sponsor): every character literal, even ``*`` and ``[``."""
        return render_text(escape_markup(text or ""))

    def citation_text(self, mention: Mention) -> Markup:
        """The words of one citation, as they stand in its paragraph."""
        window = (mention.citation.start, mention.citation.end)
        return render_text(mention.passage.text, window=window, ellipsis=False)

    def excerpt(self, entry: PassageMentions, *, words: int = PANEL_EXCERPT_WORDS) -> Markup:
        """The citing clause with every citation of the destination highlighted."""
        spans = [(m.citation.start, m.citation.end) for m in entry.mentions]
        start, end = min(a for a, _ in spans), max(b for _, b in spans)
        window = excerpt_window(entry.passage.text, start, end, words=words)
        return render_text(entry.passage.text, highlights=spans, window=window)

    def mention_excerpt(self, mention: Mention, *, words: int = PAGE_EXCERPT_WORDS) -> Markup:
        return self.excerpt(PassageMentions(mention.passage, (mention,)), words=words)


def _spans(ctx: Context, mentions: Sequence[Mention]) -> list[Span]:
    spans = []
    for m in mentions:
        dest = m.destination
        css = "atlas-cite atlas-cite--" + type(dest).__name__.lower().removeprefix("to")
        if isinstance(dest, Unresolved):
            href, title = ctx.unresolved_href(m), f"Unresolvable citation: {dest.reason}"
        elif isinstance(dest, ToSymbol):
            href, title = dest.symbol.url, f"Official document {dest.symbol.symbol}"
        elif isinstance(dest, ToArticle):
            href, title = ctx.link(dest), f"{ctx.label(dest)}: {ctx.article_title(dest)}"
        elif isinstance(dest, ToInstrument):
            href, title = ctx.link(dest), ctx.graph.corpus.instruments[dest.instrument].name
        else:
            href, title = ctx.link(dest), ctx.label(dest)
            if isinstance(dest, ToCited):
                title += " (not in the corpus)"
        spans.append(Span(m.citation.start, m.citation.end, href, title, css))
    return spans


# --- the resolution page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphView:
    id: str
    number: str  # "12.", "(a)" or "" for preambular paragraphs
    label: str  # "operative paragraph 12", for the permalink's accessible name
    html: Markup
    subparagraphs: tuple[ParagraphView, ...] = ()
    # The heading printed above an operative paragraph that opens a part of the text.
    heading: Markup | None = None
    heading_id: str = ""
    plain_heading: str = ""  # for the contents: no footnote marks, no links


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: Markup | None
    paragraphs: tuple[ParagraphView, ...]
    plain_heading: str = ""  # for the contents: no footnote marks, no links


@dataclass(frozen=True)
class AnnexView:
    id: str
    number: str
    title: Markup | None
    intro: tuple[ParagraphView, ...]
    sections: tuple[SectionView, ...]
    plain_title: str = ""


@dataclass(frozen=True)
class FootnoteView:
    mark: str
    id: str
    html: Markup
    backrefs: tuple[str, ...]


class _FootnoteLinks:
    """Hands out footnote references in reading order, each with a unique id for the way back."""

    def __init__(self, resolution: Resolution) -> None:
        self.by_anchor: dict[str, list[str]] = {}
        for f in resolution.footnotes:
            self.by_anchor.setdefault(f.anchor, []).append(f.mark)
        self.backrefs: dict[str, list[str]] = {}

    def __call__(self, mark: str) -> FootnoteRef:
        anchor = footnote_anchor(mark)
        ids = self.backrefs.setdefault(mark, [])
        ref_id = "fnref" + anchor.removeprefix("fn") + (f"-{len(ids) + 1}" if ids else "")
        ids.append(ref_id)
        return FootnoteRef(href=f"#{anchor}", id=ref_id, label=f"Footnote {mark}")

    def render(self, element: str, markup: str, spans: Sequence[Span] = ()) -> Markup:
        """Render ``markup`` of element ``element``, adding marks the text of that element lacks.

        A footnote whose ``anchor`` names an element (``agenda-item``) but whose mark is not in
        that element's text still gets its reference, at the end of the element.
        """
        out = render_text(markup, spans=spans, footnotes=self)
        for mark in self.by_anchor.get(element, []):
            if f"[^{mark}]" not in markup:
                out += render_text(f"[^{mark}]", footnotes=self)
        return out


def _resolution_view(ctx: Context, resolution: Resolution) -> dict[str, Any]:
    notes = _FootnoteLinks(resolution)
    by_passage: dict[str, list[Mention]] = {}
    for target in ctx.graph.cites[resolution.id]:
        for entry in target.passages:
            by_passage.setdefault(entry.passage.id, []).extend(entry.mentions)
    labels = {p.id: p.label for p in ctx.graph.passages[resolution.id]}

    def para(p: Paragraph, number: str) -> ParagraphView:
        # The heading first: footnote references are numbered in reading order.
        heading = notes.render(p.heading_id, p.heading) if p.heading else None
        spans = _spans(ctx, by_passage.get(p.id, []))
        html_text = notes.render(p.id, p.text, spans)
        subs = tuple(para(s, f"({s.number})" if s.number else "") for s in p.subparagraphs)
        plain_heading = to_plain(p.heading) if p.heading else ""
        return ParagraphView(
            p.id, number, labels.get(p.id, p.id), html_text, subs, heading, p.heading_id, plain_heading
        )

    # Reading order matters: footnote references are numbered as the reader meets them.
    title = notes.render("title", resolution.title)
    agenda = None
    if resolution.agenda_item is not None:
        agenda_title = resolution.agenda_item.title or ""
        agenda = notes.render("agenda-item", agenda_title)
    recommendation = notes.render("recommendation", resolution.recommendation or "")
    formula = notes.render("formula", resolution.formula or "")
    preamble = tuple(para(p, "") for p in resolution.preamble)
    operative = tuple(para(p, f"{p.number}." if p.number else "") for p in resolution.operative)
    annexes = []
    for annex in resolution.annexes:
        sections = []
        for index, section in enumerate(annex.sections):
            heading_id = annex.heading_id(index)
            heading = notes.render(heading_id, section.heading) if section.heading else None
            paragraphs = tuple(para(p, f"({p.number})" if p.number else "") for p in section.paragraphs)
            plain = to_plain(section.heading) if section.heading else ""
            sections.append(SectionView(heading_id, heading, paragraphs, plain))
        annexes.append(
            AnnexView(
                annex.id,
                annex.number,
                notes.render(f"{annex.id}-title", annex.title) if annex.title else None,
                tuple(para(p, "") for p in annex.intro),
                tuple(sections),
                to_plain(annex.title) if annex.title else "",
            )
        )
    anchors = [footnote_anchor(f.mark) for f in resolution.footnotes]
    footnote_spans = {a: _spans(ctx, by_passage.get(a, [])) for a in anchors}
    footnotes = []
    for f in resolution.footnotes:
        # Footnote text may itself carry marks (rare); they link like any other.
        text_html = render_text(f.text, spans=footnote_spans[footnote_anchor(f.mark)], footnotes=notes)
        footnotes.append(
            FootnoteView(f.mark, footnote_anchor(f.mark), text_html, tuple(notes.backrefs.get(f.mark, ())))
        )
    return {
        "title": title,
        "agenda": agenda,
        "recommendation": recommendation,
        "formula": formula,
        "preamble": preamble,
        "operative": operative,
        "annexes": tuple(annexes),
        "footnotes": tuple(footnotes),
    }


def _cites_groups(ctx: Context, resolution: Resolution) -> dict[str, list[CitedTarget]]:
    groups: dict[str, list[CitedTarget]] = {
        "documents": [],
        "instruments": [],
        "articles": [],
        "symbols": [],
        "unresolved": [],
    }
    for target in ctx.graph.cites[resolution.id]:
        match target.destination:
            case ToResolution() | ToCited():
                groups["documents"].append(target)
            case ToArticle():
                groups["articles"].append(target)
            case ToInstrument():
                groups["instruments"].append(target)
            case ToSymbol():
                groups["symbols"].append(target)
            case Unresolved():
                groups["unresolved"].append(target)
    order = {i.instrument.key: n for n, i in enumerate(ctx.graph.instruments)}
    groups["articles"].sort(key=lambda t: _article_order(order, t.destination))
    return groups


def _article_order(order: Mapping[str, int], dest: Destination) -> tuple[int, int]:
    assert isinstance(dest, ToArticle)
    return (order.get(dest.instrument, len(order)), dest.article)


def _identity(ctx: Context, r: Resolution, doc: Document) -> dict[str, Any]:
    """The facts a text's page opens with, and what the corpus does not know, said once."""
    body = ctx.bodies.get(r.body)
    session = body.session(doc.session) if body is not None else None
    dates: list[tuple[str, Markup]] = []
    unknown: list[str] = []

    def day(value: Any) -> Markup:
        return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), naming.format_date(value))

    event = "adopted" if r.status == "adopted" else "distributed"
    own = r.dates.adopted if r.status == "adopted" else r.dates.distributed
    if own is not None:
        dates.append((event.capitalize(), day(own)))
    elif doc.when.within is not None:
        during = Markup("during its session, {}").format(naming.date_range(*doc.when.within))
        dates.append((event.capitalize(), during))
        unknown.append(f"the day it was {event}")
    elif doc.when.year is not None:
        dates.append((event.capitalize(), Markup("in {}").format(doc.when.year)))
        unknown.append(f"the day it was {event}")
    else:
        unknown.append(f"when it was {event}")
    if r.status == "adopted" and r.dates.distributed is not None:
        dates.append(("Distributed", day(r.dates.distributed)))
    symbols: list[tuple[str, str]] = []
    ref = r.document_ref
    symbol = r.symbol or (body.symbol_for(ref) if body is not None and ref is not None else None)
    if symbol:
        symbols.append(("Symbol", symbol))
    else:
        unknown.append("its document symbol")
    if session is not None and session.report:
        symbols.append(("Report of the session", session.report))
    details = bool(r.venue or r.agenda_item or r.sponsors or r.recommended_to)
    return {
        "dates": dates,
        "symbols": symbols,
        "unknown": _join_words(unknown),
        "session_facts": naming.session_facts(session),
        "details": details,
    }


def _join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def resolution_page(ctx: Context, resolution: Resolution) -> Page:
    doc = ctx.graph.document(ToResolution(resolution.id))
    view = _resolution_view(ctx, resolution)
    cites = _cites_groups(ctx, resolution)
    body = (
        environment()
        .get_template("resolution.html")
        .render(
            ctx=ctx,
            graph=ctx.graph,
            r=resolution,
            doc=doc,
            v=view,
            body=ctx.graph.corpus.bodies.get(resolution.body),
            cites=cites,
            cites_count=sum(len(group) for group in cites.values()),
            cited_by=ctx.graph.cited_by.get(ToResolution(resolution.id), ()),
            **_identity(ctx, resolution, doc),
        )
    )
    title = to_plain(resolution.title)
    label = ctx.doc_label(doc)
    meta = front_matter(
        naming.page_title(label, title),
        description=f"{label}: {title}",
        hide=["navigation", "toc"],
        search=SEARCH_EXCLUDE,
    )
    return Page(ctx.path, meta + _compact(body))


# --- the other pages ------------------------------------------------------------------------------------


def _render(ctx: Context, template: str, title: str, options: Mapping[str, Any], **values: Any) -> Page:
    body = environment().get_template(template).render(ctx=ctx, graph=ctx.graph, **values)
    return Page(ctx.path, front_matter(title, **{"search": SEARCH_EXCLUDE, **options}) + _compact(body))


def home_page(ctx: Context) -> Page:
    g = ctx.graph
    counts: dict[str, dict[str, int]] = {}
    for r in g.resolutions:
        counts.setdefault(r.body, {}).setdefault(r.status, 0)
        counts[r.body][r.status] += 1
    newest = [d for d in reversed(g.documents) if d.in_corpus and d.when.year is not None][:6]
    return _render(
        ctx,
        "home.html",
        "Home",
        {"hide": ["navigation", "toc"], "description": HOME_DESCRIPTION},
        counts=counts,
        statuses=[s for s in ("adopted", "revised-draft", "draft") if any(s in c for c in counts.values())],
        newest=newest,
        articles_cited=sum(1 for i in g.instruments for a in i.articles if a.citing),
    )


def resolutions_page(ctx: Context) -> Page:
    docs = [ctx.graph.document(ToResolution(r.id)) for r in ctx.graph.resolutions]
    # Newest first; texts without a known date stay at the end, as in every other listing.
    rows = [d for d in reversed(docs) if d.when.year is not None] + [d for d in docs if d.when.year is None]
    return _render(
        ctx,
        "resolutions.html",
        "All resolutions",
        {"hide": ["navigation", "toc"], "search": {"exclude": True}},
        rows=rows,
        resolutions={r.id: r for r in ctx.graph.resolutions},
    )


def cited_index_page(ctx: Context) -> Page:
    return _render(
        ctx,
        "cited_index.html",
        "Cited, not in the corpus",
        {"hide": ["toc"], "search": {"exclude": True}},
    )


def cited_page(ctx: Context, cited: CitedDocument) -> Page:
    doc = ctx.graph.document(ToCited(cited.ref))
    label = naming.document_label(ctx.bodies, doc)
    return _render(
        ctx,
        "cited.html",
        label,
        {"hide": ["navigation", "toc"], "description": f"{label}, as cited by the texts of the corpus"},
        cited=cited,
        doc=doc,
        label=label,
        cited_by=ctx.graph.cited_by.get(ToCited(cited.ref), ()),
    )


def instrument_page(ctx: Context, index: InstrumentIndex) -> Page:
    return _render(
        ctx,
        "instrument.html",
        index.instrument.short_name,
        {"hide": ["navigation", "toc"], "description": index.instrument.name},
        index=index,
        cited_articles=[a for a in index.articles if a.citing],
        years=every_year(index.years),
    )


def every_year(years: Sequence[int | None]) -> list[int | None]:
    """Every year from the first to the last of ``years`` (a year without citations has its column
    too, so that the matrix reads as a time line), and None (undated) last if it is there."""
    known = [y for y in years if y is not None]
    out: list[int | None] = list(range(min(known), max(known) + 1)) if known else []
    return [*out, None] if None in years else out


def article_page(ctx: Context, index: InstrumentIndex, position: int) -> Page:
    article = index.articles[position]
    previous = index.articles[position - 1] if position > 0 else None
    following = index.articles[position + 1] if position + 1 < len(index.articles) else None
    title = f"Article {article.article.number}. {article.article.title}"
    name = f"{index.instrument.short_name}, article {article.article.number}"
    return _render(
        ctx,
        "article.html",
        naming.page_title(name, article.article.title),
        {"hide": ["navigation", "toc"], "description": f"{index.instrument.short_name}, {title}"},
        index=index,
        name=name,
        a=article,
        previous=previous,
        following=following,
        years=_article_years(article),
    )


_YearEntries = list[tuple[CitingResolution, PassageMentions]]


def _article_years(article: ArticleIndex) -> list[tuple[int | None, _YearEntries]]:
    out: dict[int | None, _YearEntries] = {}
    for citing in article.citing:
        for entry in citing.passages:
            out.setdefault(citing.when.year, []).append((citing, entry))
    return list(out.items())


def protocols_page(ctx: Context) -> Page:
    return _render(
        ctx,
        "protocols.html",
        "Protocols",
        {"hide": ["navigation", "toc"]},
        protocols=[i for i in ctx.graph.instruments if not i.is_convention],
    )


def timeline_page(ctx: Context) -> Page:
    options = {"hide": ["navigation", "toc"], "search": {"exclude": True}}
    return _render(ctx, "timeline.html", "Timeline", options)


def bodies_page(ctx: Context) -> Page:
    options = {"hide": ["navigation", "toc"], "search": {"exclude": True}}
    return _render(ctx, "bodies.html", "Bodies and sessions", options)


def body_page(ctx: Context, position: int) -> Page:
    index = ctx.graph.bodies[position]
    return _render(
        ctx,
        "body.html",
        index.body.name,
        {"hide": ["navigation", "toc"], "search": {"exclude": True}},
        index=index,
    )


def search_page(ctx: Context) -> Page:
    """``search/?q=…``: every result of a query, with filters (atlas-search-page.js fills it in)."""
    options = {"hide": ["navigation", "toc"], "search": {"exclude": True}}
    return _render(ctx, "search.html", "Search", options)


def unresolved_page(ctx: Context) -> Page:
    return _render(ctx, "unresolved.html", "Unresolvable citations", {"hide": ["toc"]})


def render_pages(graph: Graph, *, directory_urls: bool = True, source_url: str = "") -> Iterator[Page]:
    """Every generated page, in a fixed order."""
    for job in page_jobs(graph, directory_urls=directory_urls, source_url=source_url):
        yield job()


@dataclass(frozen=True)
class PageJob:
    """One page to render: where it goes, and how to make it (independent of every other page)."""

    path: str
    make: Callable[[], Page]

    def __call__(self) -> Page:
        return self.make()


def page_jobs(graph: Graph, *, directory_urls: bool = True, source_url: str = "") -> list[PageJob]:
    """Every page of :func:`render_pages` as a job of its own, in the same order.

    Pages are independent of each other, so the jobs can run in any process (see
    ``generator.parallel``); the list itself is cheap to build, and names every page's path.
    """
    links = urls.Urls(directory_urls)

    def job(path: str, make: Callable[..., Page], *args: Any) -> PageJob:
        return PageJob(path, functools.partial(make, Context(graph, links, path, source_url), *args))

    jobs = [job(urls.HOME, home_page), job(urls.RESOLUTIONS, resolutions_page)]
    jobs += [job(urls.resolution_page(r.id), resolution_page, r) for r in graph.resolutions]
    jobs.append(job(urls.CITED, cited_index_page))
    jobs += [job(urls.cited_page(c.ref), cited_page, c) for c in graph.cited_documents]
    for index in graph.instruments:
        key = index.instrument.key
        jobs.append(job(urls.instrument_page(key), instrument_page, index))
        jobs += [
            job(urls.article_page(key, a.article.number), article_page, index, n)
            for n, a in enumerate(index.articles)
        ]
    jobs.append(job(urls.PROTOCOLS, protocols_page))
    jobs.append(job(urls.TIMELINE, timeline_page))
    jobs.append(job(urls.BODIES, bodies_page))
    jobs += [job(urls.body_page(b.body.key), body_page, n) for n, b in enumerate(graph.bodies)]
    jobs.append(job(urls.UNRESOLVED, unresolved_page))
    jobs.append(job(urls.SEARCH, search_page))
    return jobs
