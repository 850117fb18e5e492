"""The MkDocs plugin ``atlas``: the only module of the project that imports MkDocs.

``mkdocs.yml`` lists it first under ``plugins:`` (the entry point is in pyproject.toml). Before every
build (``mkdocs build``, each rebuild of ``mkdocs serve``) it checks the corpus and regenerates the
docs_dir from ``corpus/`` and ``pages/``; under ``serve`` it watches those two directories instead
of the generated docs_dir, so editing a YAML file rebuilds the site and a generated file never
triggers a second rebuild.

Its state is on the plugin object, as Material's plugins keep theirs: MkDocs keeps one instance
(it has ``on_startup``) for the whole of a ``serve``, and ``on_startup`` starts it afresh for each
command. Each build gets a new :class:`~generator.session.BuildSession` (settings, what it
generated, the date it stamps); only the cache of loaded texts is handed from one build to the
next. Settings come from the plugin's options in mkdocs.yml (which reads ``ATLAS_CORPUS``,
``ATLAS_PAGES``, ``ATLAS_WORKERS``, ``ATLAS_RAW_HTML`` and ``SOURCE_DATE_EPOCH`` through ``!ENV``),
never from ``os.environ``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator import progress
from generator.cache import TextCache
from generator.diagnostics import Report
from generator.generate import Generated
from generator.linkcheck import check_links, ids_in, page_file
from generator.parallel import workers_setting
from generator.schema.load import load_resolution
from generator.serve_banner import with_banner
from generator.session import BuildSession, Settings

log = logging.getLogger("mkdocs.atlas")


class AtlasConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves it untyped
    """The plugin's options in mkdocs.yml; paths are relative to mkdocs.yml."""

    corpus = c.Type(str, default="corpus")
    pages = c.Type(str, default="pages")
    # Processes that load, check and render (empty: one per core; 1: all in this process).
    workers = c.Optional(c.Type((int, str)))
    # Hand the generated HTML past Markdown (see on_page_markdown); false: through Python-Markdown.
    raw_html = c.Type((bool, int, str), default=True)
    # Loaded texts are kept here between builds (safe to delete); empty: in this process only.
    cache_dir = c.Type(str, default="build/cache")
    # A fixed build date (seconds since 1970); empty: the corpus's newest document date.
    source_date_epoch = c.Optional(c.Type((int, str)))


class AtlasPlugin(BasePlugin[AtlasConfig]):  # type: ignore[no-untyped-call]
    """Checks and generates before each build; hands generated HTML past Markdown; pins the dates."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.texts: TextCache | None = None
        self.session: BuildSession | None = None
        self._theme_fingerprint: str | None = None
        # Under `serve`, the errors of the corpus while it has some (shown on every page).
        self.serve_errors: Report | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # A new command (a build, a serve): nothing of an earlier one is kept.
        self.command = command
        self.texts = None
        self.session = None
        self._theme_fingerprint = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = self.settings(config)
        if self.texts is None or self.texts.directory != settings.cache_dir:
            self.texts = TextCache(settings.cache_dir, load_resolution)
        # Under `serve`, the last good build's pages are in docs_dir: only what an edit changes is
        # rendered again (generator/incremental.py).
        serve = self.command == "serve"
        session = BuildSession.start(settings, self.texts, self.session if serve else None, remember=serve)
        with progress.bar("atlas", unit="file") as shown:
            result = session.run(Path(config.docs_dir), progress=shown)
        _log_report(result.report)
        self.serve_errors = None if result.report.ok or self.command != "serve" else result.report
        if not result.report.ok:
            message = f"the corpus at {settings.corpus} has errors; run `atlas check` for the full report"
            if self.command == "serve":
                log.error(message + " (still serving the last good pages)")
                return config
            raise PluginError(message)
        _log_result(result, session)
        self.session = session
        if self.command == "serve":
            self._rebuild_all_if_the_theme_changed(config)
        return config

    def settings(self, config: MkDocsConfig) -> Settings:
        here = Path(config.config_file_path).parent
        cache = str(self.config.cache_dir or "").strip()
        epoch = str(self.config.source_date_epoch or "").strip()
        return Settings(
            corpus=(here / self.config.corpus).resolve(),
            pages=(here / self.config.pages).resolve(),
            directory_urls=config.use_directory_urls,
            site_url=config.site_url or None,
            workers=workers_setting(str(self.config.workers or "")),
            cache_dir=(here / cache).resolve() if cache else None,
            source_date_epoch=int(epoch) if epoch.isdigit() else None,
            source_url=str(config.extra.get("source_url") or ""),
        )

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Stamp every page with the corpus date (the sitemap's lastmod, the gzip's mtime).

        MkDocs dates pages with today unless SOURCE_DATE_EPOCH is set; this build's own date makes
        two builds of one corpus byte-identical, and a rebuild after an edited date shows it.
        """
        if self.session is not None and self.session.epoch is not None:
            date = dt.datetime.fromtimestamp(self.session.epoch, dt.UTC).strftime("%Y-%m-%d")
            for file in files.documentation_pages():
                if file.page is not None:
                    file.page.update_date = date
        return env

    # Generated pages are one block of HTML, which Markdown hands back unchanged after parsing it
    # twice (MkDocs' scan for anchors, then Markdown's raw-HTML block): half of MkDocs' time on a
    # large corpus. The plugin gives Markdown an empty page instead and puts the HTML back as the
    # page's content, with the anchors MkDocs validates links against. The built site is the same,
    # byte for byte (a test builds it both ways); `raw_html: false` turns this off.

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        session = self.session
        if (
            session is not None
            and _flag(self.config.raw_html)
            and session.result is not None
            and page.file.src_uri in session.result.pages
            and _is_one_html_block(markdown)
        ):
            session.held[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        held = self.session.held.pop(page.file.src_uri, None) if self.session is not None else None
        if held is None:
            return html
        content = held.strip()
        page.present_anchor_ids = set(ids_in(content))
        return content

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The browser shows the errors too, not only the terminal (generator/serve_banner.py).
        return output if self.serve_errors is None else with_banner(output, self.serve_errors)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # MkDocs never looks at the links inside the generated HTML: check them in the built site, as
        # warnings, so that `build --strict` fails on a broken page or anchor (generator/linkcheck.py).
        # A rebuild under `serve` checks the pages it wrote (the others were checked when they were).
        result = self.session.result if self.session is not None else None
        if result is None:
            return
        pages = result.pages
        if self.command == "serve":
            pages = frozenset(result.stats.written) & pages
            _remove_built(Path(config.site_dir), result.stats.removed, config.use_directory_urls)
        built = [page_file(p, config.use_directory_urls) for p in pages if p.endswith(".md")]
        for d in check_links(Path(config.site_dir), built):
            log.warning(d.format())

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # docs_dir is generated: watch its sources instead, so one edit means one rebuild.
        settings = self.settings(config)
        server.unwatch(config.docs_dir)
        server.watch(str(settings.corpus))
        if settings.pages is not None and settings.pages.is_dir():
            server.watch(str(settings.pages))
        return server

    def on_shutdown(self) -> None:
        self.texts = None
        self.session = None

    def _rebuild_all_if_the_theme_changed(self, config: MkDocsConfig) -> None:
        """Under ``serve`` MkDocs rebuilds only the pages whose source is newer than their output
        (``--dirty``); an edit of the theme or of mkdocs.yml changes every page, so then every
        generated page is marked as new."""
        fingerprint = _theme_fingerprint(config)
        if self._theme_fingerprint is not None and fingerprint != self._theme_fingerprint:
            for path in Path(config.docs_dir).rglob("*.md"):
                os.utime(path)
        self._theme_fingerprint = fingerprint


def _remove_built(site_dir: Path, removed: Iterable[str], directory_urls: bool) -> None:
    """Take out of the site what was built from generated files that are gone (a deleted text's page
    and data files). MkDocs' dirty rebuilds under ``serve`` never remove anything, so the page of a
    deleted text was still served."""
    for source in removed:
        built = site_dir / (page_file(source, directory_urls) if source.endswith(".md") else source)
        built.unlink(missing_ok=True)
        for parent in built.parents:
            if parent == site_dir or not parent.is_relative_to(site_dir) or not parent.is_dir():
                break
            if any(parent.iterdir()):
                break
            parent.rmdir()


def _theme_fingerprint(config: MkDocsConfig) -> str:
    digest = hashlib.sha256(Path(config.config_file_path).read_bytes())
    for directory in config.theme.dirs:
        for path in sorted(Path(directory).rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()


def _flag(value: object) -> bool:
    """A yes/no option as !ENV hands it over: true/false, 1/0, or text (0, false, no: off)."""
    return str(value).strip().lower() not in ("0", "false", "no", "off")


def _is_one_html_block(markdown: str) -> bool:
    """The page is what the generator writes: one ``<div class="atlas …">`` block, no blank line in it
    (which would end the block and hand the rest to Markdown)."""
    text = markdown.strip()
    return text.startswith('<div class="atlas') and text.endswith("</div>") and "\n\n" not in text


def _log_report(report: Report) -> None:
    for d in report:
        # Corpus warnings (a placeholder citation) are the corpus's state, not a build problem:
        # `atlas check` shows them; here they stay at info so that --strict builds pass.
        (log.error if d.severity == "error" else log.info)(d.format())


def _log_result(result: Generated, session: BuildSession) -> None:
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result.timings.items())
    texts = f"; texts {session.texts.stats.summary()}" if session.texts is not None else ""
    # An unchanged corpus runs no citation stage: the memo's count is the build before's then.
    memo = session.memo if "citations" in result.timings else None
    passages = f"; citation finder read {memo.read} passages" if memo is not None else ""
    log.info(f"atlas: pages {result.stats.summary()} ({stages}){texts}{passages}")


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
    offline: bool = False,
    verbose: bool = False,
    configure_logging: bool = True,
) -> int:
    """``mkdocs build`` in-process (the plugin checks and generates first); returns an exit status.

    ``offline`` turns Material's offline plugin on and drops ``site_url`` (the offline bundle).
    ``configure_logging`` prints MkDocs' log to stderr as its own command would; tests turn it
    off and read the log through pytest instead.
    """
    return run_build(
        config_file,
        strict=strict,
        site_dir=site_dir,
        docs_dir=docs_dir,
        use_directory_urls=use_directory_urls,
        offline=offline,
        verbose=verbose,
        configure_logging=configure_logging,
    )[0]


def run_build(
    config_file: Path,
    *,
    strict: bool = False,
    site_dir: Path | None = None,
    docs_dir: Path | None = None,
    use_directory_urls: bool | None = None,
    offline: bool = False,
    verbose: bool = False,
    configure_logging: bool = True,
) -> tuple[int, BuildSession | None]:
    """:func:`build_site`, with the build's session (what it generated, its date) when it got that far."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if configure_logging:
        _setup_logging(verbose)
    docs = _docs_dir(config_file, docs_dir)
    docs.mkdir(parents=True, exist_ok=True)
    session: BuildSession | None = None
    try:
        config = load_config(
            str(config_file),
            strict=strict or None,
            site_dir=str(site_dir) if site_dir else None,
            docs_dir=str(docs),
            use_directory_urls=use_directory_urls,
            # A canonical link to https://…/page.html would name a page the hosted site does not have.
            site_url="" if offline else None,
        )
        if offline:
            _enable_offline(config)
        plugin = next((p for p in config.plugins.values() if isinstance(p, AtlasPlugin)), None)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            session = plugin.session if plugin is not None else None
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as error:
        log.error(f"build failed: {error}")
        return 1, session
    return 0, session


def _enable_offline(config: MkDocsConfig) -> None:
    """Material's offline plugin on: page.html URLs, the search index inlined, the worker shim."""
    offline = [p for name, p in config.plugins.items() if name.split("/")[-1] == "offline"]
    if not offline:
        raise ConfigurationError("the offline bundle needs Material's offline plugin in mkdocs.yml's plugins")
    for plugin in offline:
        plugin.config["enabled"] = True


def serve_site(config_file: Path, *, dev_addr: str | None = None, open_browser: bool = False) -> int:
    """``mkdocs serve`` in-process: live preview, rebuilt when corpus/ or pages/ change.

    Rebuilds are MkDocs' "dirty" ones: only the pages whose generated source changed are rendered
    again (the generator rewrites only the files whose bytes changed; the plugin marks every page
    changed when the theme or mkdocs.yml is edited).
    """
    from mkdocs.commands.serve import serve

    _setup_logging(False)
    _docs_dir(config_file, None).mkdir(parents=True, exist_ok=True)
    try:
        serve(
            config_file=str(config_file), dev_addr=dev_addr, open_in_browser=open_browser, build_type="dirty"
        )
    except (Abort, ConfigurationError, PluginError) as error:
        log.error(f"serve failed: {error}")
        return 1
    return 0
