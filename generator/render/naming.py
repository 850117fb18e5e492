"""How the site names things in plain words: documents, statuses, sessions, dates.

Only values from bodies.yaml, enumerations and validated numbers go into these labels; free
text from a resolution (titles, sponsors) is rendered by :func:`generator.render.text.render_text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from generator.graph import Document, When
from generator.model import Body, Resolution

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


def when_label(when: When) -> str:
    if when.date is not None:
        return format_date(when.date)
    if when.year is not None:
        return str(when.year)
    return "date not known"


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


def document_label(bodies: Mapping[str, Body], doc: Document) -> str:
    """``General Assembly resolution 55/25``; ``Conference of the Parties draft resolution, 10th session``."""
    short = body_short_name(bodies, doc.body)
    if doc.number:
        return f"{short} {doc.kind} {doc.number}"
    status = STATUS_LABELS.get(doc.status, doc.status).lower()
    label = f"{short} {status} {doc.kind}"
    if doc.session is not None:
        label += f", {session_label(doc.session)}"
    elif doc.when.year is not None:
        label += f", {doc.when.year}"
    return label


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
