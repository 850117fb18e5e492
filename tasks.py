#!/usr/bin/env python3
"""Bootstrap and run the project's two everyday tasks on a machine that has only Python 3.11+.

    python3 tasks.py site    # install into .venv if needed, check the corpus, build site/
    python3 tasks.py test    # install into .venv if needed, run ruff, mypy and the test suite
    python3 tasks.py lock    # refresh requirements.lock from pyproject.toml (after changing a pin)
    python3 tasks.py zensical   # install the Zensical engine into build/engines/zensical/.venv

Installing means: every package from requirements.lock, each checked against its hashes
(`pip install --require-hashes`), then the project itself without dependencies and without build
isolation (its build backend, setuptools, comes from the lock too): nothing unlocked is downloaded.

Extra arguments after the task are passed on (to `atlas build` or to pytest).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed-from"
LOCK = ROOT / "requirements.lock"
# The tool that writes the lock lives in a venv of its own, so it is not among the project's packages.
LOCK_VENV = ROOT / ".venv-lock"
LOCK_BIN = LOCK_VENV / ("Scripts" if os.name == "nt" else "bin")
PIP_TOOLS = "pip-tools==7.6.2"
# Zensical (`atlas build --engine zensical`) is a program of its own, in an environment of its own,
# installed from its own hashed lock; the tests of the Zensical build need it, so `test` installs it.
ZENSICAL = ROOT / "engines" / "zensical"
ZENSICAL_LOCK = ZENSICAL / "requirements.lock"
ZENSICAL_VENV = ROOT / "build" / "engines" / "zensical" / ".venv"
ZENSICAL_BIN = ZENSICAL_VENV / ("Scripts" if os.name == "nt" else "bin")


def _run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env={**os.environ, **(env or {})})
    if result.returncode:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create .venv and install the lock and the project when either changed since the last install."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"creating {VENV.name}/", flush=True)
        venv.create(VENV, with_pip=True)
    pip = (BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
    _run(*pip, "--require-hashes", "-r", LOCK)
    _run(*pip, "--no-deps", "--no-build-isolation", "-e", ".")
    STAMP.write_text(wanted)


def ensure_zensical() -> None:
    """Create build/engines/zensical/.venv from Zensical's lock when it changed since the last install."""
    stamp = ZENSICAL_VENV / ".installed-from"
    wanted = hashlib.sha256(ZENSICAL_LOCK.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if not (ZENSICAL_BIN / "python").exists():
        print(f"creating {ZENSICAL_VENV.relative_to(ROOT)}/", flush=True)
        venv.create(ZENSICAL_VENV, with_pip=True)
    pip = (ZENSICAL_BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
    _run(*pip, "--require-hashes", "--no-deps", "-r", ZENSICAL_LOCK)
    stamp.write_text(wanted)


def lock(extra: list[str]) -> None:
    """Rewrite requirements.lock: every package, transitive ones included, pinned with its hashes."""
    if not (LOCK_BIN / "python").exists():
        venv.create(LOCK_VENV, with_pip=True)
    _run(LOCK_BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", PIP_TOOLS)
    _run(
        LOCK_BIN / "pip-compile",
        "--quiet",
        "--generate-hashes",
        "--allow-unsafe",  # pip and setuptools are locked too (the `bootstrap` extra)
        "--strip-extras",
        "--extra=test",
        "--extra=bootstrap",
        "--no-emit-index-url",
        "--no-emit-find-links",
        "--output-file=requirements.lock",
        *extra,  # e.g. --upgrade, or --upgrade-package NAME
        "pyproject.toml",
        env={"CUSTOM_COMPILE_COMMAND": "python3 tasks.py lock"},  # the command the lock's header names
    )
    _run(
        LOCK_BIN / "pip-compile",
        "--quiet",
        "--generate-hashes",
        "--allow-unsafe",
        "--strip-extras",
        "--no-emit-index-url",
        "--no-emit-find-links",
        f"--output-file={ZENSICAL_LOCK.relative_to(ROOT)}",
        *extra,
        str((ZENSICAL / "requirements.in").relative_to(ROOT)),
        env={"CUSTOM_COMPILE_COMMAND": "python3 tasks.py lock"},
    )


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"site", "test", "lock", "zensical"}:
        sys.exit(__doc__)
    task, rest = argv[0], argv[1:]
    if task == "lock":
        lock(rest)
        return
    ensure_venv()
    if task == "zensical" or task == "test" or (task == "site" and "zensical" in rest):
        ensure_zensical()
    if task == "site":
        _run(BIN / "atlas", "build", "--strict", *rest)
    elif task == "test":
        _run(BIN / "ruff", "check", "generator", "tests", "tasks.py")
        _run(BIN / "mypy")
        _run(BIN / "python", "-m", "pytest", "-q", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
