"""``atlas build --engine zensical``: the same site, built by Zensical instead of MkDocs.

Zensical (the successor of Material for MkDocs) reads ``mkdocs.yml`` and ``overrides/``, but runs no
MkDocs plugin, so the ``atlas`` plugin's work is done here, around it, as plain Python:

1. read ``mkdocs.yml`` (its ``!ENV`` tags resolved against the environment the shell hands over) and
   the ``atlas`` plugin's options from it;
2. check the corpus and generate the pages, as the plugin does (:class:`~generator.session.BuildSession`);
3. rebase the links of the generated pages for Zensical (see :func:`rebase_links`);
4. write a plain configuration for Zensical in the work directory (``build/engines/zensical/``): the
   same settings, its own docs_dir and site_dir, and a theme directory made of ``overrides/`` with
   ``engines/zensical/overrides/`` laid over it (the header's search box, no palette switch, the
   header's colours: see that folder);
5. run Zensical, a separate program in its own environment (``build/engines/zensical/.venv``,
   installed from the hashed lock ``engines/zensical/requirements.lock`` by ``python3 tasks.py``);
6. check every generated page's links and anchors in what it built (``generator.linkcheck``), and
   copy the site to its site_dir.

No MkDocs import here; the pipeline core does not know which engine runs.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import progress
from generator.diagnostics import Diagnostic, Report
from generator.linkcheck import check_links, page_file
from generator.parallel import workers_setting
from generator.session import BuildSession, Settings

# Where the engine's files are, relative to the project root (the folder of mkdocs.yml).
ENGINE_FILES = Path("engines/zensical")
WORK_DIR = Path("build/engines/zensical")
VENV = WORK_DIR / ".venv"
INSTALL_HINT = "install it with `python3 tasks.py zensical` (from engines/zensical/requirements.lock)"


@dataclass(frozen=True)
class Outcome:
    """What a Zensical build came to: its exit status, the problems found, where the site is."""

    status: int
    report: Report
    site_dir: Path | None = None
    # What Zensical printed (`atlas build --verbose` shows it; a failure's last lines are in report).
    log: str = ""


def engine_python(root: Path) -> Path:
    """The interpreter of the Zensical environment of the project at ``root``."""
    return root / VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


# --- mkdocs.yml, read without MkDocs -------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """YAML with MkDocs' ``!ENV`` tag; the environment is the one handed to :func:`read_config`."""

    environ: Mapping[str, str] = {}


def _env_tag(loader: _ConfigLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the default,
    typed as YAML types a plain value (``true`` is a boolean), as MkDocs' own loader does."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list", node.start_mark)
    for name in names:
        value = loader.environ.get(str(name))
        if value is not None:
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(config_file: Path, environ: Mapping[str, str]) -> dict[str, Any]:
    """``mkdocs.yml`` as plain data, its ``!ENV`` values taken from ``environ``."""
    loader_class = type("Loader", (_ConfigLoader,), {"environ": dict(environ)})
    with config_file.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=loader_class)  # a SafeLoader with one more tag
    if not isinstance(data, dict):
        raise ValueError("the file does not hold a mapping of settings")
    return data


def _plugin_options(config: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    """The options of plugin ``name`` in ``plugins:`` ({} when listed bare, None when absent)."""
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    return None


def settings_from(config: Mapping[str, Any], here: Path) -> Settings:
    """The build's settings from the ``atlas`` plugin's options, as the MkDocs plugin reads them."""
    atlas = _plugin_options(config, "atlas") or {}
    cache = str(atlas.get("cache_dir") or "").strip()
    epoch = str(atlas.get("source_date_epoch") or "").strip()
    return Settings(
        corpus=(here / str(atlas.get("corpus") or "corpus")).resolve(),
        pages=(here / str(atlas.get("pages") or "pages")).resolve(),
        directory_urls=bool(config.get("use_directory_urls", True)),
        site_url=str(config.get("site_url") or "") or None,
        workers=workers_setting(str(atlas.get("workers") or "")),
        cache_dir=(here / cache).resolve() if cache else None,
        source_date_epoch=int(epoch) if epoch.isdigit() else None,
        source_url=str(extra.get("source_url") or "")
        if isinstance(extra := config.get("extra"), dict)
        else "",
    )


# --- what Zensical is given ----------------------------------------------------------------------------

# Zensical resolves a relative href, src or srcset in a page's raw HTML against the folder of its
# Markdown source, as it does for Markdown links, and rewrites it for the page's output folder;
# MkDocs leaves raw HTML alone. The generator writes links relative to the output folder
# (``resolutions/x.md`` is ``resolutions/x/index.html``), so those pages get one ``../`` too many.
# What an HTML parser reads as text is not rewritten: <noscript> (parsed with scripting on),
# <script>, <style>, <template>, <textarea>.
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_RAW_TEXT = re.compile(
    r"(<(noscript|script|style|template|textarea)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL
)
_NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?|$)")


def rebase_links(html: str, page: str, directory_urls: bool) -> str:
    """The page's relative URLs re-expressed from its source folder, where Zensical resolves them.

    ``page`` is the source path (``resolutions/x.md``). Only pages whose output folder differs
    from their source folder change (with directory URLs, every page but ``index.md``); each
    relative URL is resolved against the output folder and made relative to the source folder,
    so that Zensical's rewrite gives back the URL the generator meant.
    """
    output = posixpath.dirname(page_file(page, directory_urls))
    source = posixpath.dirname(page)
    if output == source:
        return html

    def rebase(match: re.Match[str]) -> str:
        url = match[2]
        if _NOT_RELATIVE.match(url):
            return match[0]
        path, sep, rest = _split_path(url)
        target = posixpath.normpath(posixpath.join(output, path))
        rebased = posixpath.relpath(target, source or ".")
        if path.endswith("/") and not rebased.endswith("/"):
            rebased += "/"
        return f"{match[1]}{rebased}{sep}{rest}{match[3]}"

    # re.split with the group: raw-text elements at the odd places, kept as they are.
    parts = _RAW_TEXT.split(html)
    return "".join(
        _URL_ATTRIBUTE.sub(rebase, part) if i % 3 == 0 else (part if i % 3 == 1 else "")
        for i, part in enumerate(parts)
    )


def _split_path(url: str) -> tuple[str, str, str]:
    """``a/b/?q#f`` → (``a/b/``, ``?``, ``q#f``): the path, and what follows it."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut : cut + 1], url[cut + 1 :]


def rebase_generated_pages(docs: Path, pages: frozenset[str], directory_urls: bool) -> None:
    for page in sorted(pages):
        path = docs / page
        if not page.endswith(".md") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        rebased = rebase_links(text, page, directory_urls)
        if rebased != text:
            path.write_text(rebased, encoding="utf-8")


def engine_config(
    config: Mapping[str, Any], *, docs: Path, site: Path, theme: Path, work: Path
) -> dict[str, Any]:
    """The configuration Zensical builds from: mkdocs.yml's, with the work directory's folders,
    without the ``atlas`` plugin (Zensical runs no MkDocs plugin), and the header's search box."""
    out = dict(config)
    out["docs_dir"] = posixpath.relpath(docs, work)
    out["site_dir"] = posixpath.relpath(site, work)
    out["theme"] = {**dict(config.get("theme") or {}), "custom_dir": posixpath.relpath(theme, work)}
    out["plugins"] = [
        p for p in config.get("plugins") or [] if p != "atlas" and not (isinstance(p, dict) and "atlas" in p)
    ]
    out["extra_css"] = [*(config.get("extra_css") or []), "assets/stylesheets/atlas-zensical.css"]
    scripts = config.get("extra_javascript") or []
    out["extra_javascript"] = [*scripts, "assets/javascripts/atlas-search-box.js"]
    return out


def assemble_theme(custom_dir: Path, engine_overrides: Path, out: Path) -> None:
    """``overrides/`` with the engine's own files laid over it, in ``out`` (made afresh)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(custom_dir, out)
    shutil.copytree(engine_overrides, out, dirs_exist_ok=True)


def _replace_site(built: Path, site_dir: Path) -> None:
    """Empty ``site_dir`` as MkDocs does before a build (dotfiles stay), then copy the site in."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in site_dir.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    shutil.copytree(built, site_dir, dirs_exist_ok=True)


# --- the build -----------------------------------------------------------------------------------------


# A build of 10,000 texts takes minutes; one that runs for half an hour is stuck.
ZENSICAL_TIMEOUT = 1800
_WORK_HINT = "check that the folder can be written and that overrides/ holds no broken link"


def _problem(path: Path | str, code: str, message: str, hint: str | None = None) -> Report:
    return Report([Diagnostic(str(path), None, None, code, message, hint)])


@dataclass(frozen=True)
class _Plan:
    """Where everything of one Zensical build is, read and checked before anything runs."""

    root: Path
    config: dict[str, Any]
    python: Path
    custom_dir: Path
    work: Path
    site_dir: Path

    @property
    def docs(self) -> Path:
        return self.work / "docs"

    @property
    def built(self) -> Path:
        return self.work / "site"


def build_site(
    config_file: Path,
    *,
    environ: Mapping[str, str],
    strict: bool = False,
    site_dir: Path | None = None,
    python: Path | None = None,
    work_dir: Path | None = None,
) -> Outcome:
    """Check, generate, and build the site with Zensical; see the module's docstring.

    ``environ`` resolves mkdocs.yml's ``!ENV`` values (the shell passes its environment);
    ``python`` is the Zensical environment's interpreter (default: the project's, see
    :func:`engine_python`); ``work_dir`` holds Zensical's configuration, docs, theme, cache and
    its own output (default: ``build/engines/zensical``).
    """
    plan = _plan(config_file, environ, site_dir=site_dir, python=python, work_dir=work_dir)
    if isinstance(plan, Report):
        return Outcome(1, plan)
    settings = settings_from(plan.config, plan.root)
    session = BuildSession.start(settings)
    with progress.bar("atlas", unit="file") as shown:
        result = session.run(plan.docs, progress=shown)
    report = Report([d for d in result.report if d.severity == "error"])
    if not result.report.ok:
        return Outcome(1, report)
    try:
        rebase_generated_pages(plan.docs, result.pages, settings.directory_urls)
    except OSError as error:
        return Outcome(
            1, _problem(plan.docs, "work-dir", f"cannot rewrite the pages' links: {error}", _WORK_HINT)
        )
    log, failed = _run_zensical(plan, strict=strict, epoch=session.epoch, environ=environ)
    if failed is not None:
        return Outcome(1, failed, log=log)
    report.extend(_check_built(plan.built, result.pages, settings.directory_urls))
    if strict and len(report):
        return Outcome(1, report, log=log)
    try:
        _replace_site(plan.built, plan.site_dir)
    except OSError as error:
        unwritable = _problem(plan.site_dir, "site-dir", f"cannot write the site there: {error}")
        return Outcome(1, unwritable, log=log)
    return Outcome(0, report, plan.site_dir, log)


def _plan(
    config_file: Path,
    environ: Mapping[str, str],
    *,
    site_dir: Path | None,
    python: Path | None,
    work_dir: Path | None,
) -> _Plan | Report:
    """The build's folders and settings, or what stops it (nothing has been written yet)."""
    root = config_file.resolve().parent
    try:
        config = read_config(config_file, environ)
    except (OSError, yaml.YAMLError, ValueError) as error:
        return _problem(config_file, "bad-config", f"cannot read the configuration: {error}")
    python = python or engine_python(root)
    if not python.is_file():
        return _problem(python, "no-zensical", "Zensical is not installed", INSTALL_HINT)
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    custom_dir = (root / str(custom or "")).resolve()
    # The theme is copied into the work directory: it must be the project's own, never a folder
    # elsewhere on the machine.
    if (
        not custom
        or custom_dir == root
        or not custom_dir.is_dir()
        or not custom_dir.is_relative_to(root)
        or not (root / ENGINE_FILES / "overrides").is_dir()
    ):
        needs = f"the Zensical build needs theme.custom_dir (a project folder) and {ENGINE_FILES}/overrides/"
        hint = "build from the project's root, whose mkdocs.yml names them"
        return _problem(config_file, "no-theme", needs, hint)
    if not isinstance(config.get("extra", {}), dict):
        return _problem(
            config_file,
            "bad-config",
            "extra: is not a mapping of settings",
            "write extra: as key: value lines",
        )
    work = (work_dir or root / WORK_DIR).resolve()
    final = (site_dir or root / str(config.get("site_dir") or "site")).resolve()
    settings = settings_from(config, root)
    folders = (settings.corpus, settings.pages, custom_dir, root / ENGINE_FILES, root / ".git")
    sources = [folder for folder in folders if folder is not None]
    refusal = _unsafe_site_dir(final, root, work, sources)
    if refusal is not None:
        return refusal
    return _Plan(root, config, python, custom_dir, work, final)


def _unsafe_site_dir(site_dir: Path, root: Path, work: Path, sources: Iterable[Path]) -> Report | None:
    """A site_dir that emptying would harm: the project itself or a folder above it, one of its
    source folders (the corpus, the pages, the theme …) or a folder in one, the work directory, a
    file, or a folder that holds files and is no built site (no index.html)."""
    hint = "choose a folder of its own, e.g. site/"
    if root.is_relative_to(site_dir) or work.is_relative_to(site_dir):
        message = f"the site cannot be written to {site_dir}: it is emptied first, and it holds the project"
        return _problem(site_dir, "site-dir", message, hint)
    if site_dir.is_relative_to(work):
        message = f"the site cannot be written to {site_dir}: it is inside the engine's work directory"
        return _problem(site_dir, "site-dir", message, hint)
    for source in sources:
        if site_dir.is_relative_to(source.resolve()) or source.resolve().is_relative_to(site_dir):
            message = (
                f"the site cannot be written to {site_dir}: it is emptied first, and it holds {source.name}/"
            )
            return _problem(site_dir, "site-dir", message, hint)
    if site_dir.exists() and not site_dir.is_dir():
        return _problem(site_dir, "site-dir", "the site's folder is a file", "choose a folder, e.g. site/")
    occupied = site_dir.is_dir() and any(not e.name.startswith(".") for e in site_dir.iterdir())
    if occupied and not (site_dir / "index.html").is_file():
        message = f"the site cannot be written to {site_dir}: it holds files but no built site (index.html)"
        return _problem(site_dir, "site-dir", message, f"{hint}, or empty that folder first")
    return None


def _run_zensical(
    plan: _Plan, *, strict: bool, epoch: int | None, environ: Mapping[str, str]
) -> tuple[str, Report | None]:
    """Lay out the theme and the configuration, and run Zensical on them: what it printed, and
    what went wrong, if anything."""
    theme = plan.work / "theme"
    engine_file = plan.work / "zensical.yml"
    try:
        assemble_theme(plan.custom_dir, plan.root / ENGINE_FILES / "overrides", theme)
        settings = engine_config(plan.config, docs=plan.docs, site=plan.built, theme=theme, work=plan.work)
        engine_file.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    except (OSError, shutil.Error) as error:
        return "", _problem(plan.work, "work-dir", f"cannot prepare Zensical's files: {error}", _WORK_HINT)
    # --clean: Zensical keeps a cache beside its configuration; a build starts from the pages as
    # they are now, as `atlas build` does with MkDocs.
    command = [str(plan.python), "-m", "zensical", "build", "--clean", "-f", str(engine_file)]
    if strict:
        command.append("--strict")
    env = dict(environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)  # the build's date: the corpus's, not today's
    try:
        ran = subprocess.run(
            command,
            cwd=plan.work,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=ZENSICAL_TIMEOUT,
        )
    except OSError as error:
        return "", _problem(plan.python, "no-zensical", f"Zensical cannot be started: {error}", INSTALL_HINT)
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout if isinstance(expired.stdout, str) else ""
        message = f"Zensical did not finish in {ZENSICAL_TIMEOUT} s and was stopped"
        return output, _problem(
            engine_file, "zensical-failed", message, "run it again with --verbose to see where"
        )
    if ran.returncode != 0:
        tail = "\n".join(ran.stdout.strip().splitlines()[-30:])
        return ran.stdout, _problem(engine_file, "zensical-failed", f"Zensical failed:\n{tail}")
    return ran.stdout, None


def _check_built(site: Path, pages: frozenset[str], directory_urls: bool) -> list[Diagnostic]:
    """Every generated page was built, and every link in it resolves (generator/linkcheck.py)."""
    expected = [page_file(p, directory_urls) for p in sorted(pages) if p.endswith(".md")]
    missing = [
        Diagnostic(p, None, None, "page-not-built", "Zensical built no page for it", severity="warning")
        for p in expected
        if not (site / p).is_file()
    ]
    return missing + check_links(site, expected)
