"""Atom 1.0 feeds (RFC 4287) of the newest texts: one for the whole corpus, one per body.

An entry is a text of the corpus, dated by its adoption date (a draft: its distribution date).
A text that gives only its year stands at 1 January of that year, and its summary says so; a text
with no date at all is in no feed (the tables list it). Ids are ``urn:uuid:`` names derived from
the atlas ids, so they never change; links are relative to the feed's own address unless the
site's address is known, and then absolute.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence

from lxml import etree  # type: ignore[import-untyped]  # no stubs in lxml itself

from generator.export.cite import citation
from generator.graph import Graph
from generator.markup import to_plain
from generator.model import Resolution
from generator.render.naming import format_date, resolution_kicker

NS = "http://www.w3.org/2005/Atom"
_E = f"{{{NS}}}"
# Names the atlas' ids in a namespace of their own (uuid5 of this URL-like string).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:resolutions-atlas")
NEWEST = 50


def urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def entry_date(r: Resolution) -> tuple[dt.date, bool] | None:
    """The date an entry stands at, and whether the day is known (False: only the year)."""
    if r.date is not None:
        return r.date, True
    if r.year:
        return dt.date(r.year, 1, 1), False
    return None


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed(
    graph: Graph,
    resolutions: Sequence[Resolution],
    *,
    key: str,
    title: str,
    self_href: str,
    home_href: str,
    link: Callable[[Resolution, str], str],
    as_of: dt.date,
) -> bytes:
    """One feed of the newest ``NEWEST`` dated texts among ``resolutions``.

    ``link(resolution, kind)`` gives an entry's links: kind ``page``, ``json`` or ``akn``.
    """
    bodies = graph.corpus.bodies
    dated = [(entry_date(r), r) for r in resolutions]
    newest = sorted(
        ((d, r) for d, r in dated if d is not None), key=lambda x: (x[0][0], x[1].id), reverse=True
    )[:NEWEST]
    root = etree.Element(_E + "feed", nsmap={None: NS})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    etree.SubElement(root, _E + "id").text = urn(f"feed:{key}")
    etree.SubElement(root, _E + "title").text = title
    etree.SubElement(
        root, _E + "subtitle"
    ).text = "The newest texts of the Resolutions Atlas, by date of adoption or distribution."
    updated = max((d[0] for d, _ in newest), default=as_of)
    etree.SubElement(root, _E + "updated").text = _stamp(updated)
    author = etree.SubElement(root, _E + "author")
    etree.SubElement(author, _E + "name").text = "Resolutions Atlas"
    etree.SubElement(root, _E + "link", rel="self", type="application/atom+xml", href=self_href)
    etree.SubElement(root, _E + "link", rel="alternate", type="text/html", href=home_href)
    etree.SubElement(root, _E + "generator").text = "Resolutions Atlas"
    etree.SubElement(root, _E + "rights").text = "Texts of resolutions: United Nations."
    for (day, day_known), r in newest:
        entry = etree.SubElement(root, _E + "entry")
        etree.SubElement(entry, _E + "id").text = urn(f"text:{r.id}")
        etree.SubElement(entry, _E + "title").text = f"{resolution_kicker(bodies, r)}: {to_plain(r.title)}"
        etree.SubElement(entry, _E + "updated").text = _stamp(day)
        etree.SubElement(entry, _E + "published").text = _stamp(day)
        body = bodies.get(r.body)
        entry_author = etree.SubElement(entry, _E + "author")
        etree.SubElement(entry_author, _E + "name").text = body.name if body else r.body
        etree.SubElement(entry, _E + "link", rel="alternate", type="text/html", href=link(r, "page"))
        etree.SubElement(entry, _E + "link", rel="alternate", type="application/json", href=link(r, "json"))
        etree.SubElement(entry, _E + "link", rel="alternate", type="application/akn+xml", href=link(r, "akn"))
        etree.SubElement(entry, _E + "category", term=r.body, label=body.name if body else r.body)
        etree.SubElement(entry, _E + "category", term=r.status)
        when = format_date(day) if day_known else f"{day.year} (day not given by the text)"
        summary = f"{citation(r, bodies, 'un')}. Dated {when}."
        etree.SubElement(entry, _E + "summary", type="text").text = summary
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data
