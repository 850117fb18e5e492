#!/usr/bin/env python3
"""Bootstrap and run the project's two everyday tasks on a machine that has only Python 3.11+.

    python3 tasks.py site    # install into .venv if needed, check the corpus, build site/
    python3 tasks.py test    # install into .venv if needed, run ruff, mypy and the test suite

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


def _run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT)
    if result.returncode:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create .venv and install the project when pyproject.toml changed since the last install."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"creating {VENV.name}/", flush=True)
        venv.create(VENV, with_pip=True)
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[test]")
    STAMP.write_text(wanted)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"site", "test"}:
        sys.exit(__doc__)
    task, rest = argv[0], argv[1:]
    ensure_venv()
    if task == "site":
        _run(BIN / "atlas", "build", "--strict", *rest)
    else:
        _run(BIN / "ruff", "check", "generator", "tests", "tasks.py")
        _run(BIN / "mypy")
        _run(BIN / "python", "-m", "pytest", "-q", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
