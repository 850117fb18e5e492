"""The MkDocs hook: the only module of the project that imports MkDocs.

``mkdocs.yml`` names this file under ``hooks:``. Before every build (``mkdocs build``, each
rebuild of ``mkdocs serve``) it regenerates the docs_dir from ``corpus/`` and ``pages/``; under
``serve`` it watches those two directories instead of the generated docs_dir, so editing a YAML
file rebuilds the site and a generated file never triggers a second rebuild.

The corpus and the hand-written pages are found next to ``mkdocs.yml``; ``ATLAS_CORPUS`` and
``ATLAS_PAGES`` override them (the benchmark builds synthetic corpora this way).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator import progress
from generator.diagnostics import Report
from generator.generate import Generated, generate
from generator.linkcheck import check_links, page_file

log = logging.getLogger("mkdocs.atlas")

# The command MkDocs runs, from on_startup: under `serve` a broken corpus keeps the last good site.
_command: str | None = None

# Generated pages are one block of HTML, which Markdown hands back unchanged after parsing it twice
# (MkDocs' scan for anchors, then Markdown's raw-HTML block): half of MkDocs' time on a large corpus.
# The hook gives Markdown an empty page instead and puts the HTML back as the page's content, with
# the anchors MkDocs validates links against. The built site is the same, byte for byte (a test
# builds it both ways); ATLAS_RAW_HTML=0 turns this off.
_generated_pages: frozenset[str] = frozenset()
_held: dict[str, str] = {}
# The generated pages of the last good build, whose links on_post_build checks.
_linked_pages: frozenset[str] = frozenset()
_ID = re.compile(r'\sid="([^"]*)"')


def corpus_dir(config: MkDocsConfig) -> Path:
    return Path(os.environ.get("ATLAS_CORPUS") or Path(config.config_file_path).parent / "corpus").resolve()


def pages_dir(config: MkDocsConfig) -> Path:
    return Path(os.environ.get("ATLAS_PAGES") or Path(config.config_file_path).parent / "pages").resolve()


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    corpus = corpus_dir(config)
    with progress.bar("atlas", unit="file") as shown:
        result = generate(
            corpus,
            Path(config.docs_dir),
            pages_dir=pages_dir(config),
            directory_urls=config.use_directory_urls,
            progress=shown,
        )
    _log_report(result.report)
    if not result.report.ok:
        message = f"the corpus at {corpus} has errors; run `atlas check` for the full report"
        if _command == "serve":
            log.error(message + " (still serving the last good pages)")
            return config
        raise PluginError(message)
    _log_result(result)
    _reproducible_dates(result)
    global _generated_pages, _linked_pages
    raw = os.environ.get("ATLAS_RAW_HTML", "").strip().lower() not in ("0", "false", "no")
    _generated_pages = result.pages if raw else frozenset()
    _linked_pages = result.pages
    _held.clear()
    return config


def on_post_build(config: MkDocsConfig) -> None:
    # MkDocs never looks at the links inside the generated HTML: check them in the built site, as
    # warnings, so that `build --strict` fails on a broken page or anchor (generator/linkcheck.py).
    built = [page_file(p, config.use_directory_urls) for p in _linked_pages if p.endswith(".md")]
    for d in check_links(Path(config.site_dir), built):
        log.warning(d.format())


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _generated_pages and _is_one_html_block(markdown):
        _held[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    held = _held.pop(page.file.src_uri, None)
    if held is None:
        return html
    content = held.strip()
    page.present_anchor_ids = {unescape(v) for v in _ID.findall(content)}
    return content


def _is_one_html_block(markdown: str) -> bool:
    """The page is what the generator writes: one ``<div class="atlas …">`` block, no blank line in it
    (which would end the block and hand the rest to Markdown)."""
    text = markdown.strip()
    return text.startswith('<div class="atlas') and text.endswith("</div>") and "\n\n" not in text


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    # docs_dir is generated: watch its sources instead, so one edit means one rebuild.
    server.unwatch(config.docs_dir)
    server.watch(str(corpus_dir(config)))
    if pages_dir(config).is_dir():
        server.watch(str(pages_dir(config)))
    return server


def _log_report(report: Report) -> None:
    for d in report:
        # Corpus warnings (a placeholder citation) are the corpus's state, not a build problem:
        # `atlas check` shows them; here they stay at info so that --strict builds pass.
        (log.error if d.severity == "error" else log.info)(d.format())


def _log_result(result: Generated) -> None:
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result.timings.items())
    log.info(f"atlas: pages {result.stats.summary()} ({stages})")


def _reproducible_dates(result: Generated) -> None:
    """Pin MkDocs' build date (sitemap lastmod, gzip mtime) so two builds are byte-identical.

    SOURCE_DATE_EPOCH wins when set; otherwise the newest document date in the corpus stands for
    "when the content last changed", which is the same on every build of the same corpus.
    """
    if os.environ.get("SOURCE_DATE_EPOCH") or result.graph is None:
        return
    dates = [d.when.date for d in result.graph.documents if d.in_corpus and d.when.date]
    newest = max(dates, default=dt.date(2000, 1, 1))
    epoch = dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch.timestamp()))


# --- running MkDocs in-process, for `atlas build` and `atlas serve` -----------------------------------


def _docs_dir(config_file: Path, override: Path | None) -> Path:
    """docs_dir must exist before MkDocs validates its config; read it from the file first."""
    if override is not None:
        return override
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as f:
        raw = yaml_load(f) or {}
    return config_file.parent / str(raw.get("docs_dir", "docs"))


def _setup_logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_atlas", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._atlas = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def build_site(
    config_file: Path,
    *,
    strict: bool = False,
    site_dir: Path | None = None,
    docs_dir: Path | None = None,
    use_directory_urls: bool | None = None,
    verbose: bool = False,
    configure_logging: bool = True,
) -> int:
    """``mkdocs build`` in-process (the hook checks and generates first); returns an exit status.

    ``configure_logging`` prints MkDocs' log to stderr as its own command would; tests turn it
    off and read the log through pytest instead.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if configure_logging:
        _setup_logging(verbose)
    docs = _docs_dir(config_file, docs_dir)
    docs.mkdir(parents=True, exist_ok=True)
    try:
        config = load_config(
            str(config_file),
            strict=strict or None,
            site_dir=str(site_dir) if site_dir else None,
            docs_dir=str(docs),
            use_directory_urls=use_directory_urls,
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as error:
        log.error(f"build failed: {error}")
        return 1
    return 0


def serve_site(config_file: Path, *, dev_addr: str | None = None, open_browser: bool = False) -> int:
    """``mkdocs serve`` in-process: live preview, rebuilt when corpus/ or pages/ change."""
    from mkdocs.commands.serve import serve

    _setup_logging(False)
    _docs_dir(config_file, None).mkdir(parents=True, exist_ok=True)
    try:
        serve(config_file=str(config_file), dev_addr=dev_addr, open_in_browser=open_browser)
    except (Abort, ConfigurationError, PluginError) as error:
        log.error(f"serve failed: {error}")
        return 1
    return 0
