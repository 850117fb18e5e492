"""Fixtures shared across test modules; defined in browser_support.py, registered here once.

A session fixture imported into two test modules would be built twice (once per module);
imported here, the browser and each site are built once per test session.
"""

from browser_support import (  # noqa: F401 - pytest finds fixtures by name
    browser,
    chromium,
    offline,
    offline_bundle,
    offline_root,
    online,
    online_site,
    playwright_session,
    tab,
)
