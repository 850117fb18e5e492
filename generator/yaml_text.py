"""libyaml's YAML emitter wherever it writes the text PyYAML's pure-Python emitter writes.

libyaml is several times faster, which matters where every page's front matter or every scalar of a
written resolution goes through it. The two emitters write the same text for printable characters of
the Basic Multilingual Plane (tests/test_fast_paths.py holds them equal); they differ on line
separators (U+0085, U+2028), the byte-order mark, control characters and characters beyond U+FFFF,
which take the pure-Python emitter.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_FAST_DUMPER: Any = getattr(yaml, "CSafeDumper", None)
_FAST_SAFE = re.compile("[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")


def safe_dumper(*texts: str) -> Any:
    """The dumper to write ``texts`` with: libyaml's when it is installed and every text is safe for it."""
    if _FAST_DUMPER is not None and all(_FAST_SAFE.fullmatch(text) for text in texts):
        return _FAST_DUMPER
    return yaml.SafeDumper
