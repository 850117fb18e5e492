"""Fixtures shared across test modules; defined in browser_support.py, registered here once.

A session fixture imported into two test modules would be built twice (once per module);
imported here, the browser and each site are built once per test session.

The quick inner loop is ``pytest -m "not browser and not site"``: a test that builds a real site
with MkDocs must carry the ``site`` marker, or the loop grows by its build. That is enforced here
rather than remembered: MkDocs' build refuses to run (in the test's own process) for a test
without the marker, fixtures included, so a new unmarked site test fails at once. The inner loop
also runs on every core (pytest-xdist), unless ``-n`` says otherwise.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Without bytecode (PYTHONDONTWRITEBYTECODE, set on some machines to keep source trees clean) every
# run compiles the project's modules and pytest rewrites every test module's asserts again:
# collecting took 3.5 s instead of 0.9 s, in each process. Bytecode then goes under build/pycache
# (ignored by git, safe to delete), never beside the sources. Set before the imports below, which
# bring in the project's modules; pytest reads both settings when it rewrites a test module.
if sys.dont_write_bytecode:
    sys.pycache_prefix = str(Path(__file__).resolve().parent.parent / "build" / "pycache")
    sys.dont_write_bytecode = False


def _memory_temp_root() -> str | None:
    """/dev/shm when it is a writable memory file system with room to spare and TMPDIR is unset."""
    if os.environ.get("TMPDIR"):
        return None  # the developer chose where temporary files go
    shm = Path("/dev/shm")
    try:
        room = os.statvfs(shm)
    except OSError:
        return None
    if room.f_bavail * room.f_frsize < 4 << 30 or not os.access(shm, os.W_OK | os.X_OK):
        return None
    return str(shm)


# Tests write tens of thousands of small files (corpora, generated pages, sites) and delete them.
# On the ext4 disk of this project's 2-core machines creating a small file takes 0.3 ms, in memory
# 0.03 ms: about 4 s of the inner loop. So pytest's tmp_path, tempfile and every command the tests start (they
# inherit TMPDIR) use /dev/shm when it is there with 4 GiB free. Pytest keeps only the directories
# of failed tests (tmp_path_retention_policy in pyproject.toml), so memory is given back.
_TEMP_ROOT = _memory_temp_root()
if _TEMP_ROOT:
    tempfile.tempdir = _TEMP_ROOT
    os.environ["TMPDIR"] = _TEMP_ROOT

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
from depth import DEPTH, INNER_LOOP_SHARE

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

INNER_LOOP = {"not browser and not site", "not site and not browser"}


def _inner_loop(config: pytest.Config) -> bool:
    return " ".join(str(getattr(config.option, "markexpr", "")).split()) in INNER_LOOP


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    # The inner loop's tests are independent and mostly CPU-bound, so they run on every core; the
    # whole suite (browser and site tests: servers, Chromium, timing-sensitive waits) stays in one
    # process. Runs before xdist's own hook, which turns "auto" into a worker count. Tests are dealt
    # out one by one and an idle worker takes work from the other ("worksteal"), so a few long test
    # files at the end of the alphabet do not leave one core idle.
    option = config.option
    wants_default = getattr(option, "numprocesses", 0) is None and not getattr(option, "usepdb", False)
    if _inner_loop(config) and wants_default and not hasattr(config, "workerinput"):
        option.numprocesses = "auto"
        if option.dist == "no":
            option.dist = "worksteal"


def pytest_configure(config: pytest.Config) -> None:
    # Each xdist worker runs this too, with the same options, so every process reads the same sample.
    if _inner_loop(config):
        DEPTH.share = INNER_LOOP_SHARE


def pytest_report_header(config: pytest.Config) -> str | None:
    if _inner_loop(config):
        return (
            f"inner loop: property tests and the round trip read 1/{INNER_LOOP_SHARE} of their inputs "
            "(tests/depth.py); the whole suite reads them all"
        )
    return None


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
