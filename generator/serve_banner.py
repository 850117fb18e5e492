"""The banner `atlas serve` puts on every page while the corpus has errors.

Under ``serve`` a corpus with errors keeps the last good pages on screen (a half-edited file must not
blank the preview); the errors are then shown in the browser too, not only in the terminal: a banner
at the top of each page lists them (escaped: a diagnostic quotes corpus text), until the next good
build removes it. Pure: HTML and a Report in, HTML out.
"""

from __future__ import annotations

import re
from html import escape

from generator.diagnostics import Report

MAX_SHOWN = 30
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
# Inline styles: the banner must show even when the theme's stylesheets are what is broken.
_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:.8rem 1rem;background:#fde7e9;color:#5c0011;"
    "border-bottom:3px solid #b00020;font:14px/1.4 system-ui,sans-serif;max-height:45vh;overflow:auto"
)


def banner(report: Report) -> str:
    errors = report.errors
    shown = errors[:MAX_SHOWN]
    hidden = len(errors) - len(shown)
    more = f"\n… and {hidden} more (atlas check lists them all)" if hidden else ""
    listing = "\n".join(d.format() for d in shown) + more
    return (
        f'<div class="atlas-serve-errors" role="alert" style="{_STYLE}">'
        f"<strong>The corpus has {len(errors)} error{'s' if len(errors) != 1 else ''}: "
        "this is the last good build.</strong> Fix them and save; the page reloads."
        f'<pre style="white-space:pre-wrap;margin:.5rem 0 0">{escape(listing)}</pre></div>'
    )


def with_banner(html: str, report: Report) -> str:
    """``html`` with the error banner first in its body (or first of all, without a body tag)."""
    match = _BODY.search(html)
    at = match.end() if match else 0
    return html[:at] + banner(report) + html[at:]
