"""How to cite a text of the corpus: formatted citations in two styles, and pinpoints to paragraphs.

Two styles, both recognised for United Nations documents:

* ``un`` — the form the United Nations uses for its own resolutions (UN Editorial Manual: issuing
  body, document type and number, paragraph, year; the document symbol when known):
  "Conference of the Parties to the United Nations Convention against Transnational Organized
  Crime, resolution 5/1, para. 7 (2010)". A draft is cited as a draft, with its symbol and the
  date it was distributed.
* ``oscola`` — OSCOLA (Oxford University Standard for the Citation of Legal Authorities, 4th ed.,
  United Nations documents): "UNGA Res 55/25 (15 November 2000) UN Doc A/RES/55/25, para 7".

Pure functions of the model: the pages, the BibTeX/RIS/CSL-JSON files and the tests all call them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.markup import to_plain
from generator.model import Body, Resolution
from generator.render.naming import format_date, ordinal

STYLES = ("un", "oscola")
STYLE_NAMES = {
    "un": "UN Editorial Manual",
    "oscola": "OSCOLA (4th edition)",
}

# OSCOLA abbreviates the principal organs it names ("UNGA Res", "UNSC Res", "UNECOSOC Res");
# other bodies are written out in full.
_OSCOLA_ORGANS = {"ga": "UNGA", "ecosoc": "UNECOSOC", "sc": "UNSC"}

_DRAFT_WORDS = {"draft": "draft", "revised-draft": "revised draft"}


@dataclass(frozen=True)
class Pinpoint:
    """A paragraph as each style names it: ``para. 7`` (UN), ``para 7`` (OSCOLA)."""

    un: str
    oscola: str

    def for_style(self, style: str) -> str:
        return self.un if style == "un" else self.oscola


# What generator.model.passages calls a paragraph, read back into its parts.
_LABEL = re.compile(
    r"""^(?:(?P<part>preambular|operative)\ paragraph\ (?P<number>\S+)(?P<rest>(?:\ \([^)]*\))*)
        |annex\ (?P<annex>[^,]+),\ (?:paragraph\ (?P<annex_para>.+)|introduction(?P<intro>\ \d+)?)
        |footnote\ (?P<footnote>\S+))$""",
    re.VERBOSE,
)


def pinpoint(label: str) -> Pinpoint:
    """The pinpoint of a paragraph, from its label ("operative paragraph 1 (a)" → "para. 1 (a)")."""
    m = _LABEL.match(label)
    if m is None:
        return Pinpoint(label, label)
    if m["part"]:
        tail = f"{m['number']}{m['rest'] or ''}"
        if m["part"] == "preambular":
            return Pinpoint(f"preambular para. {tail}", f"preambular para {tail}")
        return Pinpoint(f"para. {tail}", f"para {tail}")
    if m["annex"]:
        if m["annex_para"]:
            return Pinpoint(
                f"annex {m['annex']}, para. {m['annex_para']}", f"annex {m['annex']} para {m['annex_para']}"
            )
        intro = f"introduction{m['intro'] or ''}"
        return Pinpoint(f"annex {m['annex']}, {intro}", f"annex {m['annex']} {intro}")
    return Pinpoint(f"footnote {m['footnote']}", f"fn {m['footnote']}")


def _body(bodies: Mapping[str, Body], key: str) -> str:
    body = bodies.get(key)
    return body.name if body else key.upper()


def _date_words(resolution: Resolution) -> str | None:
    date = resolution.date
    if date is not None:
        return format_date(date)
    return str(resolution.year) if resolution.year else None


def official_symbol(resolution: Resolution, bodies: Mapping[str, Body]) -> str | None:
    """The symbol the text gives, or the one bodies.yaml derives from its number."""
    if resolution.symbol:
        return resolution.symbol
    ref = resolution.document_ref
    body = bodies.get(resolution.body)
    return body.symbol_for(ref) if ref is not None and body is not None else None


def draft_description(resolution: Resolution) -> str:
    """``draft resolution submitted by Italy, 10th session`` for a draft without a symbol."""
    words = f"{_DRAFT_WORDS[resolution.status]} {resolution.kind}"
    if resolution.symbol:
        return f"{words} {resolution.symbol}"
    parts = [words]
    if resolution.sponsors:
        parts[0] += f" submitted by {resolution.sponsors[0]}"
        if len(resolution.sponsors) > 1:
            parts[0] += " et al."
    if resolution.session is not None:
        parts.append(f"{ordinal(resolution.session)} session")
    return ", ".join(parts)


def citation(resolution: Resolution, bodies: Mapping[str, Body], style: str, pin: str = "") -> str:
    """The formatted citation of ``resolution`` (at paragraph ``pin`` when given), in ``style``."""
    if style == "oscola":
        return _oscola(resolution, bodies, pin)
    return _un(resolution, bodies, pin)


def _un(r: Resolution, bodies: Mapping[str, Body], pin: str) -> str:
    body = _body(bodies, r.body)
    symbol = official_symbol(r, bodies)
    if r.status == "adopted" and r.number:
        text = f"{body}, {r.kind} {r.number}"
        if pin:
            text += f", {pin}"
        # Adopted texts are dated by year, as the UN cites its resolutions.
        year = r.year or (r.date.year if r.date else None)
        if year:
            text += f" ({year})"
        if symbol:
            text += f", {symbol}"
        return text
    text = f"{body}, {draft_description(r)}"
    if pin:
        text += f", {pin}"
    when = _date_words(r)
    if when:
        text += f" ({when})"
    return text


def _oscola(r: Resolution, bodies: Mapping[str, Body], pin: str) -> str:
    organ = _OSCOLA_ORGANS.get(r.body) or _body(bodies, r.body)
    symbol = official_symbol(r, bodies)
    when = _date_words(r)
    kind = "Res" if r.kind == "resolution" else "Dec"
    if r.status == "adopted" and r.number:
        text = f"{organ} {kind} {r.number}"
    else:
        # OSCOLA cites a draft by its title in quotation marks, then the date and the symbol.
        text = f"{organ}, '{to_plain(r.title)}' ({_DRAFT_WORDS[r.status]} {r.kind})"
    if when:
        text += f" ({when})"
    if symbol:
        text += f" UN Doc {symbol}"
    if pin:
        text += f", {pin}"
    return text
