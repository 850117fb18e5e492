"""The site leans on a few internals of Material for MkDocs: hold them to the installed Material.

``overrides/partials/search.html`` is a copy of Material's partial with one change, and
``overrides/main.html`` rewrites ``__config.search`` (the search worker's address) in Material's
``config`` block. An upgrade of Material that changes either would break search silently; these
tests fail first, and say what to do.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).resolve().parent / "templates"
OURS = ROOT / "overrides" / "partials" / "search.html"

# The one change the atlas makes to Material's search partial: the dialog gets an accessible name.
DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = (
    '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'
)


def _after_header(template: str) -> str:
    """The template without its leading ``{#- … -#}`` comment (Material's "generated" note, ours)."""
    assert template.lstrip().startswith("{#-"), "the partial no longer opens with its header comment"
    return template.split("-#}", 1)[1]


def test_the_search_partial_is_materials_with_one_change() -> None:
    upstream = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    ours = OURS.read_text(encoding="utf-8")
    version = metadata.version("mkdocs-material")
    assert DIALOG in upstream, f"Material {version}'s search dialog is no longer {DIALOG!r}"
    expected = _after_header(upstream).replace(DIALOG, NAMED_DIALOG, 1)
    assert _after_header(ours) == expected, (
        f"Material {version} changed partials/search.html: copy {MATERIAL / 'partials' / 'search.html'} "
        f"over {OURS.relative_to(ROOT)}, add the dialog's aria-label again, and run the browser tests"
    )
    assert f"Material for MkDocs {version}'s partials/search.html" in ours, (
        f"the header of {OURS.relative_to(ROOT)} must name the Material version it copies ({version})"
    )


def test_materials_config_block_still_names_the_search_worker() -> None:
    """overrides/main.html extends ``{% block config %}`` and replaces ``search`` in ``__config``."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    block = re.search(r"{% block config %}(.*?){% endblock %}", base, re.S)
    assert block is not None, "Material's base.html has no config block any more"
    assert '<script id="__config" type="application/json">' in block[1]
    assert re.search(r'"search": "assets/javascripts/workers/search\.[0-9a-f]+\.min\.js" \| url', block[1]), (
        "Material's __config no longer names its search worker under 'search': see overrides/main.html"
    )
    ours = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "{% block config %}" in ours and "config.search = " in ours
