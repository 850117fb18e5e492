"""What a JSON Schema cannot say about one resolution: its paragraph ids and its footnotes.

Works on the model (``Resolution`` with its ``Origin``), so a resolution built in memory is checked
exactly like one read from a file; positions come from ``Origin`` when the file was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from generator.diagnostics import Diagnostic, Severity, did_you_mean
from generator.ids import DocumentRef, ResolutionId
from generator.markup import footnote_marks
from generator.model import Annex, Paragraph, Resolution, passages

Place = Literal["preamble", "operative", "subparagraph", "annex-intro", "annex"]


@dataclass(frozen=True)
class LocatedParagraph:
    """A paragraph with the key path it was read from (``operative.11.subparagraphs.0``)."""

    key: str
    paragraph: Paragraph
    place: Place
    parent: Paragraph | None = None
    annex: Annex | None = None


def located_paragraphs(res: Resolution) -> Iterator[LocatedParagraph]:
    """Every paragraph in reading order, with its key path and where it stands: the paragraphs of
    :func:`generator.model.passages` (the one walk over a resolution)."""
    for p in passages(res):
        if p.paragraph is None or p.place == "footnote":
            continue
        annex = None if p.place == "subparagraph" else p.annex
        yield LocatedParagraph(p.key, p.paragraph, p.place, parent=p.parent, annex=annex)


@dataclass(frozen=True)
class Element:
    """Something a footnote can be anchored at, and the text that may carry its mark."""

    id: str
    key: str
    text: str | None


def elements(res: Resolution) -> dict[str, Element]:
    """The footnote anchors a resolution offers (README "Paragraph ids"), first occurrence of each id."""
    found: list[Element] = [Element("title", "title", res.title), Element("header", "footnotes", None)]
    if res.agenda_item is not None:
        found.append(Element("agenda-item", "agenda_item", res.agenda_item.title))
    if res.formula is not None:
        found.append(Element("formula", "formula", res.formula))
    if res.recommendation is not None:
        found.append(Element("recommendation", "recommendation", res.recommendation))
    for lp in located_paragraphs(res):
        if lp.paragraph.heading is not None:
            found.append(Element(lp.paragraph.heading_id, f"{lp.key}.heading", lp.paragraph.heading))
        found.append(Element(lp.paragraph.id, f"{lp.key}.text", lp.paragraph.text))
    for k, annex in enumerate(res.annexes):
        if annex.title is not None:
            found.append(Element(f"{annex.id}-title", f"annexes.{k}.title", annex.title))
        # Headings are numbered by their section, as the importer numbers them: when paragraphs
        # stand before the first heading, that heading is annex-K-heading-2.
        for s, section in enumerate(annex.sections):
            if section.heading is not None:
                element = Element(annex.heading_id(s), f"annexes.{k}.sections.{s}.heading", section.heading)
                found.append(element)
    out: dict[str, Element] = {}
    for element in found:
        out.setdefault(element.id, element)
    return out


class _Reporter:
    """Builds diagnostics for one resolution, placed through its Origin."""

    def __init__(self, res: Resolution) -> None:
        self.res = res
        self.path = res.origin.path if res.origin else f"<{res.id}>"
        self.diagnostics: list[Diagnostic] = []

    def add(self, key: str, code: str, message: str, hint: str, severity: Severity = "error") -> None:
        origin = self.res.origin
        line = origin.line_of(key) if origin else None
        column = origin.column_of(key) if origin else None
        self.diagnostics.append(Diagnostic(self.path, line, column, code, message, hint, severity))

    def line(self, key: str) -> str:
        line = self.res.origin.line_of(key) if self.res.origin else None
        return f"line {line}" if line else key


def check_resolution(res: Resolution) -> list[Diagnostic]:
    """Paragraph-id and footnote problems of one resolution."""
    reporter = _Reporter(res)
    _check_resolution_id(res, reporter)
    _check_paragraph_ids(res, reporter)
    _check_footnotes(res, reporter)
    return reporter.diagnostics


def _check_resolution_id(res: Resolution, reporter: _Reporter) -> None:
    """An id of the adopted form spells a number (cop-res-5-1 is COP resolution 5/1): it must be
    this text's, and the text must be adopted. Only a warning: a curator who corrects a mistyped
    number keeps the id, which is the page's permanent URL, and a draft keeps its draft id once
    adopted."""
    try:
        named = ResolutionId.parse(res.id).document
    except ValueError:
        return  # not of the adopted form (a draft's id, or a form the schema already reported)
    if named is None or (res.number is None and res.status == "adopted"):
        return  # an adopted text whose number is left to its id
    actual = DocumentRef(res.body, res.kind, res.number) if res.number else None
    expected = ResolutionId.adopted(actual).value if actual else None
    if expected == res.id:
        return
    what = str(actual) if actual else f"a {res.status.replace('-', ' ')} {res.kind}"
    fix = (
        f"for a new file, use the id '{expected}'"
        if expected
        else "otherwise add its number, or give a draft its draft id"
    )
    reporter.add(
        "id",
        "id-number-mismatch",
        f"id '{res.id}' names {named}, but the text is {what}",
        f"the id is the page's permanent URL: keep it if it is already published; {fix} "
        "(corpus/README.md, \"Identifiers\")",
        "warning",
    )


_EXPECTED_FORM: dict[Place, str] = {
    "preamble": "pp-N",
    "operative": "op-N",
    "annex-intro": "{annex}-intro or {annex}-intro-N",
    "annex": "{annex}-x (x the paragraph's letter)",
}


def _check_paragraph_ids(res: Resolution, reporter: _Reporter) -> None:
    first_use: dict[str, str] = {}
    for k, annex in enumerate(res.annexes):
        _check_unique(annex.id, f"annexes.{k}.id", first_use, reporter)
    for lp in located_paragraphs(res):
        p = lp.paragraph
        _check_unique(p.id, f"{lp.key}.id", first_use, reporter)
        if p.heading is not None and lp.place != "operative":
            reporter.add(
                f"{lp.key}.heading",
                "misplaced-heading",
                f"{p.id} has a heading; only an operative paragraph can open a part of the text",
                "in an annex, put the heading on a section (sections: - heading: …); in the preamble, "
                "delete it or move it to the operative paragraph it stands above",
            )
        if lp.place == "subparagraph":
            _check_subparagraph(lp, reporter)
            continue
        annex_id = lp.annex.id if lp.annex else ""
        if not _expected_pattern(lp.place, annex_id).match(p.id):
            form = _EXPECTED_FORM[lp.place].format(annex=annex_id)
            where = {
                "preamble": "preambular paragraph",
                "operative": "operative paragraph",
                "annex-intro": f"introductory text of {annex_id}",
                "annex": f"paragraph of {annex_id}",
            }
            reporter.add(
                f"{lp.key}.id",
                "misplaced-paragraph-id",
                f"{where[lp.place]} has the id '{p.id}'",
                f"a {where[lp.place]} is {form}; rename it, or move the paragraph where it belongs",
            )
        _check_number(lp, reporter)


def _expected_pattern(place: Place, annex_id: str) -> re.Pattern[str]:
    if place == "preamble":
        return re.compile(r"^pp-\d+$")
    if place == "operative":
        return re.compile(r"^op-\d+$")
    if place == "annex-intro":
        return re.compile(rf"^{re.escape(annex_id)}-intro(-\d+)?$")
    # Annex paragraphs are lettered (annex-1-a, a repeated letter annex-1-a-2), numbered (annex-1-3,
    # a repeated number annex-1-3-2: articles that number their paragraphs afresh) or, after a
    # heading, unnumbered (annex-1-text-2).
    return re.compile(rf"^{re.escape(annex_id)}-([a-z]{{1,2}}(-\d+)?|\d+(-\d+)?|text-\d+)$")


def _check_unique(element_id: str, key: str, first_use: dict[str, str], reporter: _Reporter) -> None:
    if element_id in first_use:
        reporter.add(
            key,
            "duplicate-paragraph-id",
            f"id '{element_id}' is used twice in this resolution "
            f"(first at {reporter.line(first_use[element_id])})",
            "ids are URL anchors and must be unique: renumber one of them",
        )
    else:
        first_use[element_id] = key


def _check_subparagraph(lp: LocatedParagraph, reporter: _Reporter) -> None:
    assert lp.parent is not None
    p, parent = lp.paragraph, lp.parent
    if not re.fullmatch(rf"{re.escape(parent.id)}-([a-z]{{1,2}}|[ivxlc]{{1,7}})", p.id):
        letter = (p.number or p.id.rsplit("-", 1)[-1]).lower()
        reporter.add(
            f"{lp.key}.id",
            "subparagraph-id-prefix",
            f"sub-paragraph id '{p.id}' does not start with its paragraph's id '{parent.id}'",
            f"a sub-paragraph of {parent.id} is {parent.id}-x: rename it to '{parent.id}-{letter}'",
        )
    else:
        _check_number(lp, reporter)


_REPEATED_ANNEX_LABEL = re.compile(r"^annex-\d+-(?P<label>[a-z]{1,2}|\d{1,4})-\d{1,3}$")


def _check_number(lp: LocatedParagraph, reporter: _Reporter) -> None:
    """An id's number or letter that disagrees with the printed one is likely a slip (warning)."""
    p = lp.paragraph
    if p.number is None or lp.place in ("preamble", "annex-intro"):
        return
    from_id = p.id.rsplit("-", 1)[-1]
    if lp.place == "annex" and (repeated := _REPEATED_ANNEX_LABEL.match(p.id)):
        from_id = repeated["label"]  # annex-1-b-2, annex-1-3-2: a letter or number printed again
    if lp.place == "operative" and from_id.isdigit() and p.number.isalpha():
        # A decision's lettered items "(a) Took note …; (b) Decided …" are op-1, op-2 … (ids count,
        # the schema has no op-a): op-N must print the N-th letter.
        n = int(from_id) - 1
        from_id = chr(ord("a") + n % 26) * (n // 26 + 1)
    if from_id != p.number.lower():
        reporter.add(
            f"{lp.key}.number",
            "paragraph-number-mismatch",
            f"paragraph '{p.id}' is printed as number '{p.number}'",
            f"check which is right: the id ends in '{from_id}', the number says '{p.number}'",
            severity="warning",
        )


def _check_footnotes(res: Resolution, reporter: _Reporter) -> None:
    anchors = elements(res)
    texts = [(e.id, e.key, e.text) for e in anchors.values() if e.text]
    if res.recommendation:
        texts.append(("recommendation", "recommendation", res.recommendation))
    # Where each mark stands: [(element id, key path)], in reading order.
    stands: dict[str, list[tuple[str, str]]] = {}
    for element_id, key, text in texts:
        for mark in footnote_marks(text):
            stands.setdefault(mark, []).append((element_id, key))

    entries = {f.mark for f in res.footnotes}
    for mark, places in stands.items():
        if mark not in entries:
            element_id, key = places[0]
            reporter.add(
                key,
                "footnote-missing",
                f"footnote mark [^{mark}] in {element_id} has no footnote",
                f'add it under footnotes: - {{mark: "{mark}", anchor: {element_id}, text: …}}, '
                "or remove the mark",
            )

    seen: dict[str, str] = {}
    for i, footnote in enumerate(res.footnotes):
        key = f"footnotes.{i}"
        if footnote.mark in seen:
            reporter.add(
                f"{key}.mark",
                "duplicate-footnote",
                f"footnote '{footnote.mark}' is listed twice (first at {reporter.line(seen[footnote.mark])})",
                "keep one footnote per mark: merge or renumber them",
            )
            continue
        seen[footnote.mark] = f"{key}.mark"
        _check_anchor(footnote.mark, footnote.anchor, key, anchors, stands.get(footnote.mark, []), reporter)


def _check_anchor(
    mark: str,
    anchor: str,
    key: str,
    anchors: dict[str, Element],
    places: list[tuple[str, str]],
    reporter: _Reporter,
) -> None:
    if anchor not in anchors:
        close = did_you_mean(anchor, anchors)
        hint = (
            "name the element where the mark stands: a paragraph id, or title, agenda-item, formula, "
            "annex-K-title, annex-K-heading-N"
        )
        reporter.add(
            f"{key}.anchor",
            "footnote-bad-anchor",
            f"footnote '{mark}' is anchored at '{anchor}', which names no element of this resolution",
            f"{close} ({hint})" if close else hint,
        )
        return
    if not places:
        # The agenda item's mark follows "Item 2 of the provisional agenda", which has no text field;
        # a `header` footnote's mark stood in a line of the header that is not kept.
        if anchor in ("agenda-item", "header"):
            return
        reporter.add(
            key,
            "footnote-unused",
            f"footnote '{mark}' is not marked anywhere: no text carries [^{mark}]",
            f"put [^{mark}] in the text of {anchor} where the mark stands, or remove the footnote",
        )
        return
    if anchor not in {element_id for element_id, _ in places}:
        where = places[0][0]
        reporter.add(
            f"{key}.anchor",
            "footnote-anchor-mismatch",
            f"footnote '{mark}' is anchored at '{anchor}', but its mark [^{mark}] stands in {where}",
            f"set anchor: {where}"
            if where != "recommendation"
            else f"move [^{mark}] into the text of {anchor}",
        )
