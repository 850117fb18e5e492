"""How the site names things in plain words: documents, statuses, sessions, dates.

Only values from bodies.yaml, enumerations and validated numbers go into these labels; free
text from a resolution (titles, sponsors) is rendered by :func:`generator.render.text.render_text`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from generator.graph import Document, When
from generator.model import Body, Resolution, Session

STATUS_LABELS = {
    "adopted": "Adopted",
    "draft": "Draft",
    "revised-draft": "Revised draft",
    "cited": "Cited only",
}

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``11th``, ``22nd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_date(date: dt.date) -> str:
    """As the UN writes it: ``22 October 2010``."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def date_range(start: dt.date, end: dt.date) -> str:
    """``18–22 October 2010``; ``28 June – 8 July 2004``; ``29 December 2010 – 3 January 2011``."""
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end)}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


def when_label(when: When) -> str:
    if when.date is not None:
        return format_date(when.date)
    if when.within is not None:
        return date_range(*when.within)
    if when.year is not None:
        return str(when.year)
    return "date not known"


# How precise a date is, in the words the timeline and tables use (see pages/about.md).
PRECISION_NOTES = {
    "day": "",
    "session": "the dates of its session; its own day is not known",
    "year": "only the year is known",
    "unknown": "date not known",
}


def precision_note(when: When) -> str:
    return PRECISION_NOTES[when.precision]


def session_facts(session: Session | None) -> str:
    """``Vienna, 18–22 October 2010``; ``Vienna, 2004``; empty when nothing is recorded."""
    if session is None:
        return ""
    parts = []
    if session.venue:
        parts.append(session.venue)
    if session.start and session.end:
        parts.append(date_range(session.start, session.end))
    elif session.year:
        parts.append(str(session.year))
    return ", ".join(parts)


def body_abbreviation(bodies: Mapping[str, Body], key: str) -> str:
    """``COP``, ``CCPCJ``; the short name for a body without an abbreviation (General Assembly)."""
    body = bodies.get(key)
    if body is None:
        return key.upper()
    return body.abbreviation or body.short_name


def body_short_name(bodies: Mapping[str, Body], key: str) -> str:
    body = bodies.get(key)
    return body.short_name if body else key.upper()


def body_name(bodies: Mapping[str, Body], key: str) -> str:
    body = bodies.get(key)
    return body.name if body else key.upper()


def session_label(session: int | None, year: int | None = None) -> str:
    if session is not None:
        return f"{ordinal(session)} session"
    if year is not None:
        return str(year)
    return "session not stated"


def number_or_status(status: str, kind: str, number: str | None) -> str:
    """The table column: ``5/1`` for a numbered text, else its status (``Draft resolution``)."""
    if number:
        return number
    return f"{STATUS_LABELS.get(status, status)} {kind}"


def document_label(bodies: Mapping[str, Body], doc: Document, sponsor: str | None = None) -> str:
    """A text's short name: ``COP resolution 5/1``, ``General Assembly resolution 55/25``,
    ``COP draft resolution, 10th session (Italy)`` (``sponsor``: a draft's first sponsor)."""
    short = body_abbreviation(bodies, doc.body)
    if doc.number:
        return f"{short} {doc.kind} {doc.number}"
    status = STATUS_LABELS.get(doc.status, doc.status).lower()
    label = f"{short} {status} {doc.kind}"
    if doc.session is not None:
        label += f", {session_label(doc.session)}"
    elif doc.when.year is not None:
        label += f", {doc.when.year}"
    if sponsor:
        # As the text's id cuts it: "Co-Chairs of the Working Group …" is "Co-Chairs".
        short_sponsor = re.split(r" of the |\(|,", sponsor, maxsplit=1)[0].strip() or sponsor
        label += f" ({short_sponsor})"
    return label


def number_label(kind: str, number: str | None) -> str:
    """``Resolution 5/1``, or ``Draft: no number yet``."""
    return f"{kind.capitalize()} {number}" if number else "Draft: no number yet"


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"


def page_title(label: str, title: str) -> str:
    """The browser tab and sticky header: ``COP resolution 5/1 · Ensuring effective …``."""
    return f"{label} · {shorten(title)}" if title else label


def resolution_kicker(bodies: Mapping[str, Body], resolution: Resolution) -> str:
    """The line above a resolution's title: what it is, in a few words."""
    status = STATUS_LABELS.get(resolution.status, resolution.status)
    if resolution.number:
        what = f"{resolution.kind.capitalize()} {resolution.number}"
    else:
        what = f"{status} {resolution.kind}"
    parts = [body_short_name(bodies, resolution.body)]
    if resolution.session is not None:
        parts.append(session_label(resolution.session))
    parts.append(what)
    return " · ".join(parts)
