"""requirements.lock: every package pinned with its hashes, in step with pyproject.toml and the venv."""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"
# `name==version \` followed by one `--hash=sha256:…` line or more.
_ENTRY = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)((?:\s*\\\n\s*--hash=sha256:[0-9a-f]{64})+)", re.MULTILINE
)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    return {_name(m[1]): m[2] for m in _ENTRY.finditer(LOCK.read_text(encoding="utf-8"))}


def test_every_entry_is_pinned_with_hashes() -> None:
    text = LOCK.read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert entries, "requirements.lock is empty"
    assert len(entries) == len(locked()), [e for e in entries if "==" not in e]
    # No machine-local index or path may leak into the lock.
    assert "--index-url" not in text and "--find-links" not in text and "file://" not in text


def test_every_pin_of_pyproject_is_locked_at_its_version() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        pins.extend(extra)
    lock = locked()
    for pin in pins:
        name, _, version = pin.partition("==")
        assert version, f"{pin}: pyproject.toml pins exact versions"
        assert lock.get(_name(name)) == version, (
            f"{pin} is not in requirements.lock at that version: run `python3 tasks.py lock`"
        )
    # pip and setuptools, which install the rest, are locked too.
    assert {"pip", "setuptools"} <= set(lock)


def test_the_venv_holds_exactly_the_lock() -> None:
    stamp = Path(sys.prefix) / ".installed-from"
    wanted = hashlib.sha256((REPO / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != wanted:
        pytest.skip("this environment was not installed from requirements.lock by tasks.py")
    lock = locked()
    installed = {
        _name(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if _name(d.metadata["Name"]) != "resolutions-atlas"
    }
    assert {k: v for k, v in installed.items() if lock.get(k) != v} == {}
