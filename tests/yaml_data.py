"""YAML text → plain data, for tests that read back what the project wrote.

libyaml's C parser (PyYAML's ``CSafeLoader``) gives what ``yaml.safe_load`` gives, about ten times
faster; the tests read a few thousand files, so the pure-Python parser cost the inner loop seconds.
Tests of how *the project* reads YAML (positions, duplicate keys, hostile files) go through
``generator.schema`` instead, never through this.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_data(text: str) -> Any:
    """The data of one YAML document, as ``yaml.safe_load`` reads it."""
    return yaml.load(text, Loader=_LOADER)
