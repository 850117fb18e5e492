"""A build's state belongs to the build: the session object, the cache of loaded texts, and what two
builds in one process see (the second sees every change; nothing leaks through os.environ).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import cache as cache_module
from generator.cache import TextCache
from generator.mkdocs_adapter import build_site, run_build
from generator.schema.load import Loaded, load_resolution
from generator.session import BuildSession, Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("raw"))
    return corpus


def _files(corpus: Path) -> list[Path]:
    return sorted((corpus / "resolutions").glob("*.yaml"))


class _Counting:
    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, path: Path) -> Loaded:
        self.paths.append(path)
        return load_resolution(path)


# --- the cache of loaded texts ------------------------------------------------------------------------


def test_a_second_cache_on_the_same_directory_answers_from_disk(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    first = TextCache(tmp_path / "cache", load_resolution)
    first.begin()
    answers = [first.load(p) for p in _files(corpus)]
    first.end()
    assert first.stats.read == len(answers)

    reader = _Counting()
    second = TextCache(tmp_path / "cache", reader)
    second.begin()
    again = [second.load(p) for p in _files(corpus)]
    assert reader.paths == []
    assert second.stats.disk == len(answers)
    assert again == answers == [load_resolution(p) for p in _files(corpus)]


def test_an_edited_file_is_read_again_and_its_old_entry_goes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    texts = TextCache(tmp_path / "cache", load_resolution)
    for _ in range(2):  # two builds: the second marks what the first used
        texts.begin()
        for p in _files(corpus):
            texts.load(p)
        texts.end()
    entries = sorted((tmp_path / "cache").glob("*/*.pickle"))
    assert len(entries) == len(_files(corpus))

    edited = corpus / "resolutions" / "cop-res-5-1.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("*Urges* ", "*Urges strongly* ", 1))
    (corpus / "resolutions" / "cop-10-draft-italy.yaml").unlink()
    reader = _Counting()
    for _ in range(2):
        texts = TextCache(tmp_path / "cache", reader)  # a new process each time, as `atlas build` is
        texts.begin()
        loaded = {p: texts.load(p) for p in _files(corpus)}
        texts.end()
    assert reader.paths == [edited]
    resolution = loaded[edited][0]
    assert resolution is not None and any("Urges strongly" in p.text for p in resolution.paragraphs())
    # The edited file's old entry and the deleted file's were used by neither of the last two builds.
    assert len(list((tmp_path / "cache").glob("*/*.pickle"))) == len(_files(corpus))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),  # one bit flipped
        lambda raw: b"",  # emptied
        lambda raw: b"not a cache entry at all",
    ],
)
def test_a_damaged_entry_is_read_again_never_trusted(tmp_path: Path, damage: Any) -> None:
    corpus = _corpus(tmp_path)
    path = corpus / "resolutions" / "cop-res-5-1.yaml"
    texts = TextCache(tmp_path / "cache", load_resolution)
    expected = texts.load(path)
    [entry] = (tmp_path / "cache").glob("*/*.pickle")
    entry.write_bytes(damage(entry.read_bytes()))

    reader = _Counting()
    texts = TextCache(tmp_path / "cache", reader)
    assert texts.load(path) == expected
    assert reader.paths == [path] and texts.stats.damaged == 1
    # …and the entry is good again.
    assert TextCache(tmp_path / "cache", _Counting()).load(path) == expected


class _Boom:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("echo pwned > pwned.txt",))


def test_an_entry_that_would_run_code_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = _corpus(tmp_path)
    path = corpus / "resolutions" / "cop-res-5-1.yaml"
    texts = TextCache(tmp_path / "cache", load_resolution)
    expected = texts.load(path)
    [entry] = (tmp_path / "cache").glob("*/*.pickle")
    # A well-formed entry (right header, right checksum) whose payload calls os.system.
    payload = pickle.dumps((_Boom(), []))
    digest = hashlib.sha256(payload).digest()
    entry.write_bytes(cache_module.FORMAT + digest + payload)

    texts = TextCache(tmp_path / "cache", load_resolution)
    assert texts.load(path) == expected
    assert texts.stats.damaged == 1
    assert not (tmp_path / "pwned.txt").exists()


def test_other_code_never_reads_an_old_answer(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    path = corpus / "resolutions" / "cop-res-5-1.yaml"
    TextCache(tmp_path / "cache", load_resolution, code="version 1").load(path)
    reader = _Counting()
    TextCache(tmp_path / "cache", reader, code="version 2").load(path)
    assert reader.paths == [path]
    # The fingerprint is the generator's code and schemas: a changed byte changes it.
    package = tmp_path / "package"
    shutil.copytree(cache_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_module.code_fingerprint(package)
    schema = package / "schema" / "resolution.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert cache_module.code_fingerprint(package) != before


def test_a_session_with_a_disk_cache_builds_the_same_bytes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    settings = Settings(corpus, ROOT / "pages", workers=1, cache_dir=tmp_path / "cache")
    cold = BuildSession.start(settings)
    assert cold.run(tmp_path / "cold").report.ok
    warm = BuildSession.start(settings)  # a new process: its cache starts empty in memory
    result = warm.run(tmp_path / "warm")
    assert result.report.ok
    assert warm.texts is not None and warm.texts.stats.disk == len(_files(corpus))
    assert _tree(tmp_path / "cold") == _tree(tmp_path / "warm")
    assert cold.epoch == warm.epoch is not None


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- two real builds in one process -------------------------------------------------------------------


def _environ() -> dict[str, str]:
    # Material for MkDocs sets NO_MKDOCS_2_WARNING itself on import (its banner about MkDocs 2).
    return {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}


_LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")


@pytest.mark.site
def test_a_second_build_in_the_same_process_sees_an_edited_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setenv("ATLAS_CORPUS", str(corpus))  # read by mkdocs.yml's !ENV, as in CI
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("SITE_URL", "https://example.org/atlas/")  # the sitemap lists pages only then
    environ = _environ()

    def build() -> set[str]:
        site = tmp_path / "site"
        status = build_site(
            ROOT / "mkdocs.yml", site_dir=site, docs_dir=tmp_path / "docs", configure_logging=False
        )
        assert status == 0
        dates = set(_LASTMOD.findall((site / "sitemap.xml").read_text(encoding="utf-8")))
        # The gzipped copy carries the same date as its mtime (bytes 4-8 of the gzip header).
        stamp = int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")
        return dates | {dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat()}

    assert build() == {"2024-10-11"}  # the newest document date of the corpus
    newest = corpus / "resolutions" / "cop-12-draft-co-chairs.yaml"
    newest.write_text(
        newest.read_text(encoding="utf-8").replace("distributed: 2024-10-11", "distributed: 2024-10-15")
    )
    assert build() == {"2024-10-15"}
    assert _environ() == environ, "a build changed the environment"


@pytest.mark.site
def test_the_offline_build_is_switched_on_for_itself_only(tmp_path: Path) -> None:
    environ = _environ()
    status, session = run_build(
        ROOT / "mkdocs.yml",
        site_dir=tmp_path / "offline",
        docs_dir=tmp_path / "offline-docs",
        use_directory_urls=False,
        offline=True,
        configure_logging=False,
    )
    assert status == 0 and session is not None and session.epoch is not None
    assert (tmp_path / "offline" / "search" / "search_index.js").is_file()
    assert _environ() == environ
    # The next build in the same process is the hosted site again.
    assert (
        build_site(
            ROOT / "mkdocs.yml",
            site_dir=tmp_path / "hosted",
            docs_dir=tmp_path / "docs",
            configure_logging=False,
        )
        == 0
    )
    assert not (tmp_path / "hosted" / "search" / "search_index.js").exists()
    assert (tmp_path / "hosted" / "resolutions" / "cop-res-5-1" / "index.html").is_file()


def test_a_rebuild_of_an_unchanged_corpus_reports_the_same_and_finds_no_citation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file saved as it was: nothing is read, found or rendered again, and the report (the seeds'
    warning about the `2012/[...]` placeholder among it) is the one the build before gave."""
    import generator.generate

    corpus = _corpus(tmp_path)
    settings = Settings(corpus, ROOT / "pages", workers=1)
    texts = TextCache(None, load_resolution)
    first = BuildSession.start(settings, texts, remember=True)
    report = [d.format() for d in first.run(tmp_path / "docs").report]
    assert first.result is not None and first.result.citation_problems
    assert any("2012/[...]" in line for line in report)

    def no_second_search(*_: object, **__: object) -> None:
        raise AssertionError("the citation stages ran again on an unchanged corpus")

    monkeypatch.setattr(generator.generate, "cite", no_second_search)
    path = _files(corpus)[0]
    path.write_bytes(path.read_bytes())
    second = BuildSession.start(settings, texts, first)
    result = second.run(tmp_path / "docs")
    assert [d.format() for d in result.report] == report
    assert result.citation_problems == first.result.citation_problems
    assert result.stats.written == [] and "citations" not in result.timings
