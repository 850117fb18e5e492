"""Fixtures shared across test modules; defined in browser_support.py, registered here once.

A session fixture imported into two test modules would be built twice (once per module);
imported here, the browser and each site are built once per test session.

The quick inner loop is ``pytest -m "not browser and not site"``: a test that builds a real site
with MkDocs must carry the ``site`` marker, or the loop grows by its build. That is enforced here
rather than remembered: MkDocs' build refuses to run (in the test's own process) for a test
without the marker, fixtures included, so a new unmarked site test fails at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import mkdocs.commands.build
import pytest
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

_running: list[pytest.Item] = []
_real_build = mkdocs.commands.build.build


def _guarded_build(*args: Any, **kwargs: Any) -> Any:
    if _running and _running[-1].get_closest_marker("site") is None:
        raise AssertionError(
            f"{_running[-1].nodeid} builds a real site with MkDocs but has no `site` marker: "
            "add @pytest.mark.site (or pytestmark = pytest.mark.site), so that "
            '`pytest -m "not browser and not site"` stays quick'
        )
    return _real_build(*args, **kwargs)


mkdocs.commands.build.build = _guarded_build


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    # Fixtures (session-scoped sites too) are built during the setup of the first test that needs them.
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()
