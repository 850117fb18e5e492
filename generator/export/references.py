"""Reference-manager files: BibTeX, RIS and CSL-JSON, per text and for the whole corpus.

Each record describes one text the way reference managers (Zotero, JabRef, EndNote, Mendeley,
pandoc/citeproc) expect a UN document: the issuing body as a corporate author, the title, the
date, the number or the document symbol, and the permalink when the site's address is known.
Corpus text is escaped for each format (BibTeX's special characters, RIS's one-line fields).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from generator.export.cite import _DRAFT_WORDS, citation, official_symbol
from generator.markup import to_plain
from generator.model import Body, Resolution


def _kind_words(r: Resolution) -> str:
    """``Resolution``, ``Draft resolution``, ``Revised draft decision``."""
    if r.status == "adopted":
        return r.kind.capitalize()
    return f"{_DRAFT_WORDS[r.status]} {r.kind}".capitalize()


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- BibTeX -------------------------------------------------------------------------------------------

# Characters BibTeX (and LaTeX) read as commands; each gets its escaped form.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))


def bibtex_escape(text: str) -> str:
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], _one_line(text))


def bibtex_key(r: Resolution) -> str:
    return re.sub(r"[^A-Za-z0-9:.\-]", "-", r.id)


def bibtex_entry(r: Resolution, bodies: Mapping[str, Body], url: str | None) -> str:
    body = bodies.get(r.body)
    fields: list[tuple[str, str]] = [
        # Double braces: a corporate author, never split into first and last names.
        ("author", "{" + bibtex_escape(body.name if body else r.body) + "}"),
        ("title", "{" + bibtex_escape(to_plain(r.title)) + "}"),
        ("type", bibtex_escape(_kind_words(r))),
    ]
    if r.number:
        fields.append(("number", bibtex_escape(r.number)))
    symbol = official_symbol(r, bodies)
    date = r.date
    if date is not None:
        fields.append(("date", date.isoformat()))
    if date is not None or r.year:
        fields.append(("year", str(date.year if date else r.year)))
    fields.append(("organization", "{United Nations}"))
    if r.venue:
        fields.append(("address", bibtex_escape(r.venue)))
    if symbol:
        fields.append(("howpublished", bibtex_escape(f"UN Doc {symbol}")))
    if url:
        fields.append(("url", bibtex_escape(url)))
    fields.append(("note", bibtex_escape(citation(r, bodies, "un"))))
    body_lines = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(r)},\n{body_lines}\n}}\n"


def bibtex(resolutions: Sequence[Resolution], bodies: Mapping[str, Body], urls: Mapping[str, str]) -> str:
    return "\n".join(bibtex_entry(r, bodies, urls.get(r.id)) for r in resolutions)


# --- RIS ----------------------------------------------------------------------------------------------


def ris_record(r: Resolution, bodies: Mapping[str, Body], url: str | None) -> str:
    body = bodies.get(r.body)
    lines: list[tuple[str, str]] = [
        ("TY", "GOVDOC"),
        ("ID", r.id),
        ("AU", body.name if body else r.body),
        ("TI", to_plain(r.title)),
        ("M3", _kind_words(r)),
    ]
    if r.number:
        lines.append(("M1", r.number))
    date = r.date
    if date is not None:
        lines.append(("PY", str(date.year)))
        lines.append(("DA", f"{date.year:04d}/{date.month:02d}/{date.day:02d}/"))
    elif r.year:
        lines.append(("PY", str(r.year)))
    symbol = official_symbol(r, bodies)
    if symbol:
        lines.append(("AN", symbol))
    lines.append(("PB", "United Nations"))
    if r.venue:
        lines.append(("CY", r.venue))
    if url:
        lines.append(("UR", url))
    lines.append(("N1", citation(r, bodies, "un")))
    lines.append(("ER", ""))
    # RIS fields are one line each: a line break inside a value would start a bogus field.
    return "".join(f"{tag}  - {_one_line(value)}".rstrip() + "\n" for tag, value in lines)


def ris(resolutions: Sequence[Resolution], bodies: Mapping[str, Body], urls: Mapping[str, str]) -> str:
    return "\n".join(ris_record(r, bodies, urls.get(r.id)) for r in resolutions)


# --- CSL-JSON -----------------------------------------------------------------------------------------


def csl_item(r: Resolution, bodies: Mapping[str, Body], url: str | None) -> dict[str, Any]:
    body = bodies.get(r.body)
    name = body.name if body else r.body
    item: dict[str, Any] = {
        "id": r.id,
        # CSL's "legislation" is an enacted text; a draft is a "bill" (proposed legislation).
        "type": "legislation" if r.status == "adopted" else "bill",
        "title": to_plain(r.title),
        "author": [{"literal": name}],
        "authority": name,
        "genre": _kind_words(r),
        "publisher": "United Nations",
    }
    if r.number:
        item["number"] = r.number
    elif r.symbol:
        item["number"] = r.symbol
    date = r.date
    if date is not None:
        item["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
    elif r.year:
        item["issued"] = {"date-parts": [[r.year]]}
    if r.venue:
        item["publisher-place"] = r.venue
    symbol = official_symbol(r, bodies)
    if symbol:
        item["note"] = f"UN Doc {symbol}"
    if url:
        item["URL"] = url
    return item


def csl_json(resolutions: Sequence[Resolution], bodies: Mapping[str, Body], urls: Mapping[str, str]) -> str:
    items = [csl_item(r, bodies, urls.get(r.id)) for r in resolutions]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
