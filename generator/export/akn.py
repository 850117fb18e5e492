"""A text as Akoma Ntoso 3.0 XML, named after the Akoma Ntoso naming convention as the UN applies it.

* Work IRI: ``/akn/un/statement/deliberation/<actor>/<date>/<number>`` — the actor is the body's key
  (``cop``, ``ccpcj``, ``ecosoc``, ``ga``), the date the adoption date (a draft: its distribution
  date; only the year when that is all the text gives), the number with ``/`` written ``-``
  (``5-1``; a decision ``dec-5-1``; a draft its symbol, ``CTOC-COP-2020-L.4``, or its atlas id).
* eIds: ``para_7`` for operative paragraph 7, ``para_8__list_1__point_a`` for its sub-paragraph (a),
  ``recital_3`` for preambular paragraph 3; annexes are attachments (``att_1``) whose paragraphs
  are ``att_1__para_a``. :func:`eid` maps every atlas paragraph id.
* Citations are ``<ref>`` elements, footnotes ``<authorialNote>`` where their mark stands, the
  UN's italic leading verb ``<i>``.

Built with lxml's element tree, so every character of corpus text is escaped by the serializer.
The tests validate every file against the official XSD (``generator/export/schemas/``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]  # no stubs in lxml itself

from generator.citations import footnote_anchor
from generator.graph import (
    Destination,
    Graph,
    ToArticle,
    ToCited,
    ToInstrument,
    ToResolution,
    ToSymbol,
)
from generator.ids import ParagraphId
from generator.markup import tokenize
from generator.model import Body, Footnote, Paragraph, Resolution
from generator.render.naming import format_date

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_E = f"{{{NS}}}"
COUNTRY = "un"


# --- naming ---------------------------------------------------------------------------------------


def _number_segment(r: Resolution) -> str:
    if r.number:
        number = r.number.replace("/", "-")
        return number if r.kind == "resolution" else f"dec-{number}"
    if r.symbol:
        return r.symbol.replace("/", "-")
    return r.id


def work_date(r: Resolution) -> tuple[str, dt.date, str]:
    """(the IRI's date segment, the FRBRdate value, its name) for ``r``.

    The schema wants a full date in FRBRdate: a text that gives only its year is dated 1 January
    of that year there, and the date's name says so; its IRI carries the year alone.
    """
    if r.dates.adopted:
        return r.dates.adopted.isoformat(), r.dates.adopted, "adoption"
    if r.dates.distributed:
        return r.dates.distributed.isoformat(), r.dates.distributed, "distribution"
    if r.year:
        return str(r.year), dt.date(r.year, 1, 1), "year-only"
    return "undated", dt.date(1, 1, 1), "unknown"


def work_iri(r: Resolution) -> str:
    """``/akn/un/statement/deliberation/cop/2010/5-1``."""
    segment, _, _ = work_date(r)
    return f"/akn/{COUNTRY}/statement/deliberation/{r.body}/{segment}/{_number_segment(r)}"


def expression_iri(r: Resolution) -> str:
    segment, _, _ = work_date(r)
    return f"{work_iri(r)}/eng@{segment if segment != 'undated' else ''}"


_ANNEX = re.compile(r"^annex-(\d+)-(.+)$")


def _points(letters: Sequence[str]) -> str:
    """``__list_1__point_a`` for sub-paragraph (a), nested once per level: (a)(ii) → two of them."""
    return "".join(f"__list_1__point_{part}" for part in letters)


def eid(paragraph_id: str) -> str:
    """The Akoma Ntoso eId of an atlas paragraph id: op-8-a → ``para_8__list_1__point_a``."""
    try:
        ref = ParagraphId.parse(paragraph_id)
    except ValueError:
        ref = None
    if ref is not None and ref.part in ("operative", "preamble"):
        head = "para" if ref.part == "operative" else "recital"
        return f"{head}_{ref.number}" + _points(ref.sub_labels)
    if m := _ANNEX.match(paragraph_id):
        return f"att_{m[1]}__para_{m[2]}"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", paragraph_id)


def _sub_eid(parent: str, sub: Paragraph) -> str:
    letter = ParagraphId(sub.id).sub_labels[-1:] or (sub.id.rsplit("-", 1)[-1],)
    return f"{parent}__list_1__point_{letter[0]}"


# --- inline text ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ref:
    start: int
    end: int
    href: str


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _non_overlapping(refs: Sequence[_Ref]) -> list[_Ref]:
    # "articles 24 and 25": two citations may share words; a ref cannot nest in a ref.
    out: list[_Ref] = []
    end = 0
    for r in sorted(refs, key=lambda r: (r.start, -r.end)):
        start = max(r.start, end)
        if start < r.end:
            out.append(_Ref(start, r.end, r.href))
            end = r.end
    return out


NoteWriter = Callable[[etree._Element, str], None]


def _inline(parent: etree._Element, markup: str, refs: Sequence[_Ref], note: NoteWriter | None) -> set[str]:
    """Write ``markup`` into ``parent``: text, ``<i>``, ``<ref>`` and footnotes; the marks it held."""
    cuts = _non_overlapping(refs)
    bounds = sorted({x for r in cuts for x in (r.start, r.end)})
    marks: set[str] = set()
    # (kind, value, start, emphasised)
    pieces: list[tuple[str, str, int, bool]] = []
    em = False
    for token in tokenize(markup):
        if token.kind == "em":
            em = True
        elif token.kind == "/em":
            em = False
        elif token.kind == "footnote":
            pieces.append(("footnote", token.value, token.start, em))
        elif token.end - token.start != len(token.value):
            pieces.append(("text", token.value, token.start, em))  # an escape: one character
        else:
            points = [token.start, *(b for b in bounds if token.start < b < token.end), token.end]
            for a, b in itertools.pairwise(points):
                pieces.append(("text", markup[a:b], a, em))

    def ref_of(start: int) -> _Ref | None:
        return next((r for r in cuts if r.start <= start < r.end), None)

    current_ref: _Ref | None = None
    ref_el: etree._Element | None = None
    em_el: etree._Element | None = None
    for kind, value, start, emph in pieces:
        ref = ref_of(start) if kind == "text" else None
        if ref is not current_ref:
            current_ref, em_el = ref, None
            ref_el = etree.SubElement(parent, _E + "ref", href=ref.href) if ref else None
        host = ref_el if ref_el is not None else parent
        if kind == "footnote":
            em_el = None
            marks.add(value)
            if note is not None:
                note(host, value)
            continue
        if emph:
            if em_el is None or em_el.getparent() is not host or (len(host) and host[-1] is not em_el):
                em_el = etree.SubElement(host, _E + "i")
            _append_text(em_el, value)
        else:
            em_el = None
            _append_text(host, value)
    return marks


# --- the document ---------------------------------------------------------------------------------


class _Writer:
    def __init__(self, graph: Graph, resolution: Resolution, href: Callable[[Destination], str | None]):
        self.r = resolution
        self.href = href
        self.bodies: Mapping[str, Body] = graph.corpus.bodies
        self.notes = {f.mark: f for f in resolution.footnotes}
        self.by_anchor: dict[str, list[Footnote]] = {}
        for f in resolution.footnotes:
            self.by_anchor.setdefault(f.anchor, []).append(f)
        self.refs: dict[str, list[_Ref]] = {}
        for target in graph.cites.get(resolution.id, ()):
            for entry in target.passages:
                for m in entry.mentions:
                    link = self.href(m.destination)
                    if link is not None:
                        self.refs.setdefault(entry.passage.id, []).append(
                            _Ref(m.citation.start, m.citation.end, link)
                        )
        self.note_counts: dict[str, int] = {}

    def note_writer(self, container_eid: str) -> NoteWriter:
        def write(host: etree._Element, mark: str) -> None:
            footnote = self.notes.get(mark)
            if footnote is None:
                _append_text(host, f"[{mark}]")
                return
            n = self.note_counts.get(container_eid, 0) + 1
            self.note_counts[container_eid] = n
            note = etree.SubElement(
                host,
                _E + "authorialNote",
                marker=mark,
                placement="bottom",
                eId=f"{container_eid}__authorialNote_{n}",
            )
            p = etree.SubElement(note, _E + "p")
            refs = self.refs.get(footnote_anchor(mark), [])
            # A note's own marks (rare) are written as text: a note cannot hold itself.
            _inline(p, footnote.text, refs, None)

        return write

    def text(self, parent: etree._Element, markup: str, element: str, container_eid: str) -> None:
        """Write an element's text, with its footnotes: those whose mark is missing go at its end."""
        writer = self.note_writer(container_eid)
        marks = _inline(parent, markup, self.refs.get(element, []), writer)
        for f in self.by_anchor.get(element, []):
            if f.mark not in marks:
                writer(parent, f.mark)

    def hier(self, parent: etree._Element, tag: str, p: Paragraph, eid_: str, num: str | None) -> None:
        el = etree.SubElement(parent, _E + tag, eId=eid_)
        if num:
            etree.SubElement(el, _E + "num").text = num
        if p.heading:
            self.text(etree.SubElement(el, _E + "heading"), p.heading, p.heading_id, eid_)
        if p.subparagraphs:
            intro = etree.SubElement(el, _E + "intro")
            self.text(etree.SubElement(intro, _E + "p"), p.text, p.id, eid_)
            lst = etree.SubElement(el, _E + "list", eId=f"{eid_}__list_1")
            for sub in p.subparagraphs:
                self.hier(lst, "point", sub, _sub_eid(eid_, sub), f"({sub.number})" if sub.number else None)
        else:
            content = etree.SubElement(el, _E + "content")
            self.text(etree.SubElement(content, _E + "p"), p.text, p.id, eid_)


def _meta(
    parent: etree._Element, r: Resolution, component: str, as_of: dt.date, bodies: Mapping[str, Body]
) -> None:
    meta = etree.SubElement(parent, _E + "meta")
    ident = etree.SubElement(meta, _E + "identification", source="#atlas")
    _, date, date_name = work_date(r)
    work, expression = work_iri(r), expression_iri(r)

    def frbr(tag: str, this: str, uri: str) -> etree._Element:
        el = etree.SubElement(ident, _E + tag)
        etree.SubElement(el, _E + "FRBRthis", value=this)
        etree.SubElement(el, _E + "FRBRuri", value=uri)
        return el

    w = frbr("FRBRWork", f"{work}/!{component}", work)
    etree.SubElement(w, _E + "FRBRalias", value=r.id, name="atlas")
    if r.symbol:
        etree.SubElement(w, _E + "FRBRalias", value=r.symbol, name="symbol")
    etree.SubElement(w, _E + "FRBRdate", date=date.isoformat(), name=date_name)
    etree.SubElement(w, _E + "FRBRauthor", href=f"#{r.body}")
    etree.SubElement(w, _E + "FRBRcountry", value=COUNTRY)
    etree.SubElement(w, _E + "FRBRsubtype", value="deliberation")
    etree.SubElement(w, _E + "FRBRnumber", value=_number_segment(r), showAs=r.number or r.symbol or r.id)
    etree.SubElement(w, _E + "FRBRname", value=r.kind)
    etree.SubElement(w, _E + "FRBRprescriptive", value="false")
    e = frbr("FRBRExpression", f"{expression}/!{component}", expression)
    etree.SubElement(e, _E + "FRBRdate", date=date.isoformat(), name=date_name)
    etree.SubElement(e, _E + "FRBRauthor", href=f"#{r.body}")
    etree.SubElement(e, _E + "FRBRlanguage", language="eng")
    m = frbr("FRBRManifestation", f"{expression}/!{component}.xml", f"{expression}.akn")
    # The manifestation is this file: dated with the corpus (its newest text), so builds agree.
    etree.SubElement(m, _E + "FRBRdate", date=as_of.isoformat(), name="generation")
    etree.SubElement(m, _E + "FRBRauthor", href="#atlas")
    etree.SubElement(m, _E + "FRBRformat", value="application/akn+xml")
    if component != "main":
        return  # an attachment's metadata refers to the organisations its main document declares
    refs = etree.SubElement(meta, _E + "references", source="#atlas")
    body = bodies.get(r.body)
    etree.SubElement(
        refs,
        _E + "TLCOrganization",
        eId=r.body,
        href=f"/ontology/organization/{COUNTRY}/{r.body}",
        showAs=body.name if body else r.body,
    )
    etree.SubElement(
        refs,
        _E + "TLCOrganization",
        eId="atlas",
        href="/ontology/organization/atlas",
        showAs="Resolutions Atlas",
    )


def resolution_akn(
    graph: Graph, r: Resolution, *, href: Callable[[Destination], str | None], as_of: dt.date
) -> bytes:
    """The Akoma Ntoso document of ``r`` (UTF-8 bytes with an XML declaration)."""
    bodies = graph.corpus.bodies
    w = _Writer(graph, r, href)
    root = etree.Element(_E + "akomaNtoso", nsmap={None: NS})
    statement = etree.SubElement(root, _E + "statement", name=r.kind, contains="originalVersion")
    _meta(statement, r, "main", as_of, bodies)

    preface = etree.SubElement(statement, _E + "preface")
    if r.symbol:
        p = etree.SubElement(preface, _E + "p", **{"class": "symbol"})
        etree.SubElement(p, _E + "docNumber").text = r.symbol
    for name, day in (("distributed", r.dates.distributed), ("adopted", r.dates.adopted)):
        if day is not None:
            p = etree.SubElement(preface, _E + "p", **{"class": name})
            p.text = f"{name.capitalize()}: "
            etree.SubElement(p, _E + "docDate", date=day.isoformat()).text = format_date(day)
    if r.agenda_item is not None:
        p = etree.SubElement(preface, _E + "p", **{"class": "agendaItem"})
        p.text = f"Agenda item {r.agenda_item.number}"
        if r.agenda_item.title:
            _append_text(p, ". ")
            w.text(p, r.agenda_item.title, "agenda-item", "preface")
        else:
            w.text(p, "", "agenda-item", "preface")
    for sponsor in r.sponsors:
        p = etree.SubElement(preface, _E + "p", **{"class": "sponsor"})
        etree.SubElement(p, _E + "docProponent").text = sponsor
    if r.recommendation:
        p = etree.SubElement(preface, _E + "p", **{"class": "recommendation"})
        w.text(p, r.recommendation, "recommendation", "preface")
    long_title = etree.SubElement(preface, _E + "longTitle")
    w.text(
        etree.SubElement(etree.SubElement(long_title, _E + "p"), _E + "docTitle"), r.title, "title", "preface"
    )

    if r.formula or r.preamble:
        preamble = etree.SubElement(statement, _E + "preamble")
        if r.formula:
            formula = etree.SubElement(preamble, _E + "formula", name="actingEntity")
            w.text(etree.SubElement(formula, _E + "p"), r.formula, "formula", "preamble")
        if r.preamble:
            recitals = etree.SubElement(preamble, _E + "recitals")
            for para in r.preamble:
                _recital(w, recitals, para)
    main = etree.SubElement(statement, _E + "mainBody")
    for para in r.operative:
        w.hier(main, "paragraph", para, eid(para.id), f"{para.number}." if para.number else None)
    if not r.operative:
        # mainBody cannot be empty: a text with no operative part says so.
        etree.SubElement(main, _E + "p").text = ""

    if r.annexes:
        attachments = etree.SubElement(statement, _E + "attachments")
        for k, annex in enumerate(r.annexes, start=1):
            att_eid = f"att_{k}"
            attachment = etree.SubElement(attachments, _E + "attachment", eId=att_eid)
            doc = etree.SubElement(attachment, _E + "doc", name="annex")
            _meta(doc, r, f"annex_{k}", as_of, bodies)
            preface = etree.SubElement(doc, _E + "preface")
            heading = etree.SubElement(preface, _E + "p", **{"class": "annexNumber"})
            heading.text = f"Annex {annex.number}".strip()
            if annex.title:
                title = etree.SubElement(preface, _E + "longTitle")
                w.text(
                    etree.SubElement(etree.SubElement(title, _E + "p"), _E + "docTitle"),
                    annex.title,
                    f"{annex.id}-title",
                    att_eid,
                )
            body = etree.SubElement(doc, _E + "mainBody")
            for para in annex.intro:
                w.hier(body, "paragraph", para, eid(para.id), None)
            for n, section in enumerate(annex.sections, start=1):
                host = body
                if section.heading:
                    host = etree.SubElement(
                        body, _E + "hcontainer", eId=f"{att_eid}__hcontainer_{n}", name="section"
                    )
                    w.text(
                        etree.SubElement(host, _E + "heading"),
                        section.heading,
                        f"{annex.id}-heading-{n}",
                        att_eid,
                    )
                for para in section.paragraphs:
                    number = para.number
                    num = None if not number else (f"{number}." if number.isdigit() else f"({number})")
                    w.hier(host, "paragraph", para, eid(para.id), num)
            if not len(body):
                etree.SubElement(body, _E + "p")
    _indent(root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


# Elements whose content is text (with inline elements): never indented, since whitespace added
# there would be part of the text. lxml's pretty_print indents any element without text of its
# own, the <p> of a paragraph whose first words are a citation included.
_TEXT_HOLDERS = frozenset({"p", "num", "heading", "docTitle", "docNumber", "docDate", "docProponent"})


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent the block structure two spaces a level, leaving every text holder as it is."""
    if etree.QName(element).localname in _TEXT_HOLDERS or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level


def _recital(w: _Writer, recitals: etree._Element, para: Paragraph) -> None:
    # A recital holds blocks, not a hierarchy: its rare lettered sub-paragraphs become a blockList.
    eid_ = eid(para.id)
    recital = etree.SubElement(recitals, _E + "recital", eId=eid_)
    w.text(etree.SubElement(recital, _E + "p"), para.text, para.id, eid_)
    if not para.subparagraphs:
        return
    block_list = etree.SubElement(recital, _E + "blockList", eId=f"{eid_}__list_1")
    for sub in para.subparagraphs:
        item = etree.SubElement(block_list, _E + "item", eId=_sub_eid(eid_, sub))
        if sub.number:
            etree.SubElement(item, _E + "num").text = f"({sub.number})"
        w.text(etree.SubElement(item, _E + "p"), sub.text, sub.id, _sub_eid(eid_, sub))


def default_href(
    graph: Graph, resolve_page: Callable[[Destination], str | None]
) -> Callable[[Destination], str | None]:
    """Where a ``<ref>`` points: the work IRI of a text in the corpus, the official document by its
    symbol where one is known, else the atlas page (``resolve_page``)."""
    bodies = graph.corpus.bodies

    def href(dest: Destination) -> str | None:
        match dest:
            case ToResolution(resolution_id):
                return work_iri(graph.resolution(resolution_id))
            case ToCited(ref):
                body = bodies.get(ref.body)
                symbol = body.symbol_for(ref) if body else None
                return f"https://undocs.org/{symbol}" if symbol else resolve_page(dest)
            case ToSymbol(symbol):
                return symbol.url
            case ToArticle() | ToInstrument():
                return resolve_page(dest)
        return None

    return href
