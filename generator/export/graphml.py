"""The citation graph as GraphML (the format Gephi, Cytoscape, yEd and networkx read).

Nodes are the texts of the corpus, the resolutions and decisions they cite from outside it, the
articles they cite and the documents they cite by symbol; one directed edge per (citing text,
target), weighted by how many citations it stands for, with the citing paragraphs. Unresolved
citations name no node and are left out (citations.csv lists them). Nodes and edges are sorted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

from lxml import etree  # type: ignore[import-untyped]  # no stubs in lxml itself

from generator.graph import (
    Destination,
    Graph,
    ToArticle,
    ToCited,
    ToInstrument,
    ToResolution,
    ToSymbol,
    Unresolved,
)
from generator.markup import to_plain

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_E = f"{{{NS}}}"

# (id, for, attr.name, attr.type)
KEYS = (
    ("n_kind", "node", "kind", "string"),
    ("n_label", "node", "label", "string"),
    ("n_title", "node", "title", "string"),
    ("n_body", "node", "body", "string"),
    ("n_status", "node", "status", "string"),
    ("n_year", "node", "year", "int"),
    ("n_in_corpus", "node", "in_corpus", "boolean"),
    ("e_weight", "edge", "weight", "int"),
    ("e_paragraphs", "edge", "paragraphs", "string"),
)


def node_id(dest: Destination) -> str:
    match dest:
        case ToResolution(resolution_id):
            return resolution_id
        case ToCited(ref):
            return ref.slug
        case ToArticle(instrument, article):
            return f"{instrument}-art-{article}"
        case ToInstrument(instrument):
            return instrument
        case ToSymbol(symbol):
            return f"symbol:{symbol.symbol}"
        case Unresolved():
            raise ValueError(f"an unresolved citation is no node: {dest}")
    # mypy proves the match exhaustive: a new kind of destination fails the type check here.
    assert_never(dest)


def citation_graphml(graph: Graph, label: Callable[[Destination], str]) -> bytes:
    root = etree.Element(_E + "graphml", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    for key_id, domain, name, kind in KEYS:
        etree.SubElement(
            root, _E + "key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind}
        )
    g = etree.SubElement(root, _E + "graph", id="citations", edgedefault="directed")

    nodes: dict[str, dict[str, str]] = {}
    for r in graph.resolutions:
        doc = graph.document(ToResolution(r.id))
        nodes[r.id] = {
            "n_kind": r.kind,
            "n_label": label(ToResolution(r.id)),
            "n_title": to_plain(r.title),
            "n_body": r.body,
            "n_status": r.status,
            "n_in_corpus": "true",
            **({"n_year": str(doc.when.year)} if doc.when.year is not None else {}),
        }
    edges: dict[tuple[str, str], list[str]] = {}
    for rid, cited in graph.cites.items():
        for entry_target in cited:
            dest = entry_target.destination
            if isinstance(dest, Unresolved):
                continue
            nid = node_id(dest)
            if nid not in nodes:
                data = {"n_label": label(dest), "n_in_corpus": "false"}
                if isinstance(dest, ToCited):
                    doc = graph.document(dest)
                    data |= {"n_kind": dest.ref.kind, "n_body": dest.ref.body, "n_status": "cited"}
                    if doc.title:
                        data["n_title"] = to_plain(doc.title)
                    if doc.when.year is not None:
                        data["n_year"] = str(doc.when.year)
                elif isinstance(dest, ToArticle):
                    data["n_kind"] = "article"
                elif isinstance(dest, ToInstrument):
                    data["n_kind"] = "instrument"
                else:
                    data["n_kind"] = "document"
                nodes[nid] = data
            for entry in entry_target.passages:
                edges.setdefault((rid, nid), []).extend(entry.passage.id for _ in entry.mentions)
    for nid in sorted(nodes):
        node = etree.SubElement(g, _E + "node", id=nid)
        for key_id, domain, _, _ in KEYS:
            if domain == "node" and key_id in nodes[nid]:
                etree.SubElement(node, _E + "data", key=key_id).text = nodes[nid][key_id]
    for n, ((source, target), places) in enumerate(sorted(edges.items())):
        edge = etree.SubElement(g, _E + "edge", id=f"e{n}", source=source, target=target)
        etree.SubElement(edge, _E + "data", key="e_weight").text = str(len(places))
        etree.SubElement(edge, _E + "data", key="e_paragraphs").text = " ".join(dict.fromkeys(places))
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out
