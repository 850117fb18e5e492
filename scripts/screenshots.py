#!/usr/bin/env python3
"""Screenshots of every page template, at desktop and phone widths, for a person to look at.

    .venv/bin/python scripts/screenshots.py [--site site] [--out test-artifacts/screenshots]

Serves an already built site (``atlas build``) on loopback and drives Debian's Chromium through
Playwright (no browser download). Not a test: it asserts nothing, it shows.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

# One page per template, and the state worth seeing (a permalink target, a print rendering).
PAGES = {
    "home": "",
    "resolutions": "resolutions/",
    "resolution": "resolutions/cop-res-5-1/",
    "resolution-draft": "resolutions/cop-10-draft-italy/#op-2",
    "resolution-annex": "resolutions/cop-12-draft-co-chairs/#annex-1",
    "cited": "cited/cop-res-5-5/",
    "cited-index": "cited/",
    "convention": "convention/",
    "article": "convention/article-30/",
    "protocols": "protocols/",
    "protocol": "protocols/tip/",
    "timeline": "timeline/",
    "bodies": "bodies/",
    "body": "bodies/cop/",
    "unresolved": "reports/unresolved/",
    "about": "about/",
    "search": "search/?q=trafficking%20in%20persons",
    "not-found": "404.html",
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site")
    parser.add_argument("--out", default="test-artifacts/screenshots")
    parser.add_argument("--only", nargs="*", help="page names to shoot (default: all)")
    parser.add_argument("--full", action="store_true", help="full-page screenshots (default: first screen)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(Path(args.site))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for width_name, (width, height) in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path in PAGES.items():
                    if args.only and name not in args.only:
                        continue
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{width_name}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target)
                if not args.only or "print" in args.only:
                    page.goto(base + PAGES["resolution"])
                    page.emulate_media(media="print")
                    page.screenshot(path=str(out / f"resolution-print-{width_name}.png"), full_page=True)
                    page.emulate_media(media="screen")
                page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
