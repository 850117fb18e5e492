"""The whole corpus as CSV tables, described by a Frictionless Data Package (``datapackage.json``).

Four tables, each column declared once below (name, type, description) and used both to write the
CSV and to describe it, so the two cannot drift apart:

* ``resolutions.csv`` — one row per text;
* ``paragraphs.csv`` — one row per paragraph, in reading order (plain text);
* ``citations.csv`` — one row per citation: from text and paragraph to target, with its kind,
  pinpoint and the words as written;
* ``articles.csv`` — one row per article of the Convention and its Protocols, with how often cited.

CSV is RFC 4180 (comma, double quotes, CRLF line ends, UTF-8, a header row); rows are in a fixed
order, so the same corpus gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from generator.graph import (
    Graph,
    Mention,
    ToArticle,
    ToCited,
    ToInstrument,
    ToResolution,
    ToSymbol,
    Unresolved,
)
from generator.ids import ParagraphId
from generator.markup import to_plain


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, date
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        if self.type == "date":
            out["format"] = "default"  # ISO 8601, YYYY-MM-DD
        return out


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


TARGET_KINDS = ("resolution", "cited", "article", "instrument", "symbol", "unresolved")

RESOLUTIONS = Table(
    "resolutions",
    "Texts",
    "One row per text of the corpus: adopted resolutions and decisions, drafts and revised drafts.",
    (
        Column("id", "string", "The text's atlas id, also its page: resolutions/<id>/.", True),
        Column(
            "body", "string", "The issuing body: a key of corpus/bodies.yaml (cop, ccpcj, ecosoc, ga).", True
        ),
        Column("body_name", "string", "The issuing body's full name.", True),
        Column("kind", "string", "resolution or decision.", True, ("resolution", "decision")),
        Column(
            "status",
            "string",
            "draft, revised-draft or adopted.",
            True,
            ("draft", "revised-draft", "adopted"),
        ),
        Column("number", "string", "The number once adopted (5/1; 2012/12 for ECOSOC); empty for a draft."),
        Column("session", "integer", "The body's session, when known."),
        Column("year", "integer", "The year of the document, when known."),
        Column("symbol", "string", "The UN document symbol, when known."),
        Column("date_distributed", "date", "The date of distribution the text gives (YYYY-MM-DD)."),
        Column("date_adopted", "date", "The date of adoption the text gives (YYYY-MM-DD)."),
        Column("venue", "string", "Where the session was held."),
        Column("agenda_item", "string", "The agenda item's number."),
        Column("sponsors", "string", "The sponsors as printed, separated by '; '."),
        Column("recommended_to", "string", "For a draft recommended to another body: that body's key."),
        Column("title", "string", "The title (plain text).", True),
        Column(
            "paragraphs", "integer", "How many paragraphs (with sub-paragraphs and annex paragraphs).", True
        ),
        Column("footnotes", "integer", "How many footnotes.", True),
        Column("cites", "integer", "How many citations the text makes.", True),
        Column("cited_by", "integer", "How many texts of the corpus cite it.", True),
        Column("versions", "string", "Other versions: relation:id-or-symbol, separated by '; '."),
    ),
    ("id",),
)

PARAGRAPHS = Table(
    "paragraphs",
    "Paragraphs",
    "One row per paragraph of every text, in reading order; footnotes are rows too (part 'footnote').",
    (
        Column("resolution_id", "string", "The text (resolutions.id).", True),
        Column(
            "paragraph_id",
            "string",
            "The paragraph's permanent anchor: pp-3, op-12-a, annex-1-j, fn-1.",
            True,
        ),
        Column("position", "integer", "Reading order inside the text, from 0.", True),
        Column(
            "part",
            "string",
            "preamble, operative, annex or footnote.",
            True,
            ("preamble", "operative", "annex", "footnote"),
        ),
        Column("label", "string", "How a reader names it: operative paragraph 12 (a).", True),
        Column("text", "string", "The paragraph's text, plain (emphasis and footnote marks removed).", True),
    ),
    ("resolution_id", "paragraph_id"),
    ((("resolution_id",), "resolutions", ("id",)),),
)

CITATIONS = Table(
    "citations",
    "Citations",
    "One row per citation found in the texts: where it stands, what it points to, and the words as written.",
    (
        Column("resolution_id", "string", "The citing text (resolutions.id).", True),
        Column("paragraph_id", "string", "The citing paragraph or footnote (paragraphs.paragraph_id).", True),
        Column(
            "start", "integer", "Offset of the citation in the paragraph's stored text (inline markup).", True
        ),
        Column("end", "integer", "Offset just past its end.", True),
        Column(
            "target_kind",
            "string",
            "resolution: a text of the corpus; cited: a resolution or decision outside the corpus; "
            "article: an article of the Convention or a Protocol; instrument: the Convention or a Protocol "
            "as a whole; symbol: a UN document by its symbol; "
            "unresolved: the citation names no document yet.",
            True,
            TARGET_KINDS,
        ),
        Column(
            "target",
            "string",
            "resolution: its id; cited: its id as it would be (ga-res-55-25); article: <instrument>-art-<n>; "
            "instrument: its key (untoc, tip); "
            "symbol: the symbol; unresolved: empty.",
        ),
        Column(
            "target_label",
            "string",
            "The target in words: General Assembly resolution 55/25, UNTOC article 30.",
            True,
        ),
        Column("pinpoint", "string", "The sub-reference of an article citation: paragraph 2 (c)."),
        Column("as_written", "string", "The citation's words as they stand in the text.", True),
        Column("date_given", "date", "The date the citing text gives for the cited document."),
        Column("title_given", "string", "The title the citing text gives for the cited document."),
    ),
    ("resolution_id", "paragraph_id", "start"),
    ((("resolution_id", "paragraph_id"), "paragraphs", ("resolution_id", "paragraph_id")),),
)

ARTICLES = Table(
    "articles",
    "Articles",
    "One row per article of the Convention and its Protocols, with how often the corpus cites it.",
    (
        Column("instrument", "string", "The instrument's key (untoc, tip, som, firearms).", True),
        Column("instrument_name", "string", "The instrument's short name.", True),
        Column("article", "integer", "The article's number.", True),
        Column("title", "string", "The article's title.", True),
        Column("citing_texts", "integer", "How many texts of the corpus cite it.", True),
        Column("citing_paragraphs", "integer", "How many paragraphs cite it.", True),
        Column("first_year", "integer", "The year of the earliest citing text, when known."),
        Column("last_year", "integer", "The year of the latest citing text, when known."),
    ),
    ("instrument", "article"),
)

TABLES = (RESOLUTIONS, PARAGRAPHS, CITATIONS, ARTICLES)


def _csv(table: Table, rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        assert len(row) == len(table.columns), (table.name, row)
        writer.writerow(["" if v is None else str(v) for v in row])
    return out.getvalue().encode("utf-8")


def _part(passage_id: str) -> str:
    return ParagraphId.parse(passage_id).part


def target_of(graph: Graph, mention: Mention) -> tuple[str, str]:
    """(target_kind, target) of a citation, as citations.csv gives them."""
    match mention.destination:
        case ToResolution(resolution_id):
            return "resolution", resolution_id
        case ToCited(ref):
            return "cited", ref.slug
        case ToArticle(instrument, article):
            return "article", f"{instrument}-art-{article}"
        case ToInstrument(instrument):
            return "instrument", instrument
        case ToSymbol(symbol):
            return "symbol", symbol.symbol
        case Unresolved():
            return "unresolved", ""
    # mypy proves the match exhaustive: a new kind of destination fails the type check here.
    assert_never(mention.destination)


def tables(graph: Graph, label: Callable[[Mention], str]) -> dict[str, bytes]:
    """The four CSV files, by file name; ``label`` names a citation's target in words."""
    bodies = graph.corpus.bodies
    resolutions = sorted(graph.resolutions, key=lambda r: r.id)
    cites_count: dict[str, int] = {}
    for m in graph.mentions:
        cites_count[m.resolution_id] = cites_count.get(m.resolution_id, 0) + 1
    res_rows = []
    for r in resolutions:
        cited_by = graph.cited_by.get(ToResolution(r.id), ())
        res_rows.append(
            (
                r.id,
                r.body,
                bodies[r.body].name if r.body in bodies else r.body,
                r.kind,
                r.status,
                r.number,
                r.session,
                r.year,
                r.symbol,
                r.dates.distributed.isoformat() if r.dates.distributed else None,
                r.dates.adopted.isoformat() if r.dates.adopted else None,
                r.venue,
                r.agenda_item.number if r.agenda_item else None,
                "; ".join(r.sponsors),
                r.recommended_to,
                to_plain(r.title),
                len(r.paragraphs()),
                len(r.footnotes),
                cites_count.get(r.id, 0),
                len(cited_by),
                "; ".join(f"{v.relation}:{v.id or v.symbol}" for v in r.versions),
            )
        )
    para_rows = []
    for r in resolutions:
        for p in graph.passages[r.id]:
            para_rows.append(
                (r.id, p.id, p.position, _part(p.id), p.label, " ".join(to_plain(p.text).split()))
            )
    cite_rows = []
    for m in sorted(graph.mentions, key=lambda m: (m.resolution_id, m.passage.position, m.citation.start)):
        kind, target = target_of(graph, m)
        cite_rows.append(
            (
                m.resolution_id,
                m.passage.id,
                m.citation.start,
                m.citation.end,
                kind,
                target,
                label(m),
                m.pinpoint,
                m.citation.text,
                m.citation.date.isoformat() if m.citation.date else None,
                m.citation.title,
            )
        )
    article_rows = []
    for index in graph.instruments:
        for a in index.articles:
            years = [c.when.year for c in a.citing if c.when.year is not None]
            article_rows.append(
                (
                    index.instrument.key,
                    index.instrument.short_name,
                    a.article.number,
                    a.article.title,
                    len(a.citing),
                    a.passage_count,
                    min(years, default=None),
                    max(years, default=None),
                )
            )
    return {
        RESOLUTIONS.path: _csv(RESOLUTIONS, res_rows),
        PARAGRAPHS.path: _csv(PARAGRAPHS, para_rows),
        CITATIONS.path: _csv(CITATIONS, cite_rows),
        ARTICLES.path: _csv(ARTICLES, article_rows),
    }


LICENCE_NOTE = (
    "Texts of resolutions: United Nations (official documents, reproduced as published). "
    "The structure, identifiers and citation data of the atlas: free to reuse with attribution."
)


def datapackage(extra_resources: Sequence[dict[str, Any]] = ()) -> bytes:
    """``datapackage.json``: a Frictionless Tabular Data Package describing the four tables."""
    resources: list[dict[str, Any]] = []
    for t in TABLES:
        schema: dict[str, Any] = {
            "fields": [c.descriptor() for c in t.columns],
            "primaryKey": list(t.primary_key),
            "missingValues": [""],
        }
        if t.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(f), "reference": {"resource": res, "fields": list(rf)}}
                for f, res, rf in t.foreign_keys
            ]
        resources.append(
            {
                "name": t.name,
                "path": t.path,
                "title": t.title,
                "description": t.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "lineTerminator": "\r\n", "header": True},
                "schema": schema,
            }
        )
    resources.extend(extra_resources)
    package = {
        "profile": "tabular-data-package",
        "name": "resolutions-atlas",
        "title": "Resolutions Atlas: texts, paragraphs, citations and articles",
        "description": "The resolutions of the Conference of the Parties to UNTOC and the related CCPCJ, "
        "ECOSOC "
        "and General Assembly texts, paragraph by paragraph, with every citation found in them.",
        "licenses": [{"name": "other-at", "title": LICENCE_NOTE}],
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
