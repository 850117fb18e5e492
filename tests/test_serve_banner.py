"""`atlas serve` with a broken corpus: the last good pages, each under a banner listing the errors."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.diagnostics import Diagnostic, Report
from generator.mkdocs_adapter import AtlasPlugin
from generator.serve_banner import MAX_SHOWN, with_banner

PAGE = '<!doctype html><html><head><title>x</title></head><body class="md"><main>Text</main></body></html>'


def report(n: int) -> Report:
    return Report(
        [
            Diagnostic(
                f"corpus/resolutions/r{i}.yaml", i + 1, 3, "yaml-tag", f"<script>alert({i})</script>", "fix"
            )
            for i in range(n)
        ]
    )


def test_the_banner_lists_the_errors_escaped_first_in_the_body() -> None:
    html = with_banner(PAGE, report(2))
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body
    assert body is not None
    first = next(iter(body.children))
    assert first.get("role") == "alert" and "atlas-serve-errors" in first.get("class", [])  # type: ignore[union-attr]
    text = first.get_text()
    assert "The corpus has 2 errors" in text
    assert "corpus/resolutions/r1.yaml:2:3: error [yaml-tag]" in text
    assert soup.find("script") is None  # corpus text is shown, never run
    assert soup.main is not None and soup.main.get_text() == "Text"


def test_many_errors_are_cut_with_a_count() -> None:
    text = BeautifulSoup(with_banner(PAGE, report(MAX_SHOWN + 5)), "html.parser").get_text()
    assert "… and 5 more" in text


def test_the_plugin_adds_it_only_while_serve_sees_errors() -> None:
    plugin = AtlasPlugin()
    page: object = None
    assert plugin.on_post_page(PAGE, page=page, config=None) == PAGE  # type: ignore[arg-type]
    plugin.serve_errors = report(1)
    assert "atlas-serve-errors" in plugin.on_post_page(PAGE, page=page, config=None)  # type: ignore[arg-type]
