"""A rebuild that renders only the pages an edit touches gives the same bytes as a clean build.

Hypothesis drives random sequences of edits on a small synthetic corpus (whose texts cite each other): a
word added to a paragraph, a citation of another text, of an article or of a Protocol as a whole added
or taken out, a title changed, another text named as a version, a file added, deleted, renamed or saved
unchanged. After each step the incremental build (one owner, cache, each session following the one
before, as under ``atlas serve``) and a clean build of the same files into an empty directory must
write the same files, byte for byte, with the same report.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from depth import inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import incremental
from generator.cache import TextCache
from generator.generate import generate
from generator.schema.load import load_resolution
from generator.session import BuildSession, Settings
from generator.synth import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SIZE, POOL = 6, 2
_CITATION = re.compile(
    r"(?:General Assembly|Economic and Social Council|Commission on Crime Prevention and Criminal Justice)"
    r" resolution \d+/\d+"
)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """The corpus (SIZE texts), a pool of POOL more to add, and citations found in their texts."""
    root = tmp_path_factory.mktemp("incremental")
    write_corpus(SIZE + POOL, 5, root / "corpus")
    pool = root / "pool"
    pool.mkdir()
    files = sorted((root / "corpus" / "resolutions").glob("*.yaml"))
    for path in files[1 :: (SIZE + POOL) // POOL][:POOL]:
        path.rename(pool / path.name)
    phrases = sorted({m[0] for p in files if p.exists() for m in _CITATION.finditer(p.read_text("utf-8"))})
    assert phrases, "the synthetic texts cite no resolution"
    return root / "corpus", pool, phrases


# An operation: (kind, a number picking the file, a number picking the line or phrase).
operations = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *("same", "word", "cite", "uncite", "article", "protocol", "title", "version"),
                *("add", "delete", "rename"),
            ]
        ),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=4,
)


def _apply(corpus: Path, pool: Path, phrases: list[str], kind: str, a: int, b: int) -> None:
    files = sorted((corpus / "resolutions").glob("*.yaml"))
    if kind == "add":
        spare = sorted(pool.glob("*.yaml"))
        if spare:
            chosen = spare[a % len(spare)]
            chosen.rename(corpus / "resolutions" / chosen.name)
        return
    if not files:
        return
    path = files[a % len(files)]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    texts = [
        k
        for k, line in enumerate(lines)
        if line.lstrip().startswith("text: '") and line.rstrip().endswith("'")
    ]
    if kind == "same":
        path.write_bytes(path.read_bytes())  # saved as it was
    elif kind == "delete":
        path.unlink()
    elif kind == "rename":
        new_id = f"{path.stem}-{b % 3 + 2}"
        if not (path.parent / f"{new_id}.yaml").exists():
            (path.parent / f"{new_id}.yaml").write_text(
                text.replace(f"\nid: {path.stem}\n", f"\nid: {new_id}\n")
            )
            path.unlink()
    elif kind == "version":
        # A text's page lists its versions, and the pages of both texts link each other when both are
        # in the corpus: adding, deleting or renaming either must reach the other's page.
        others = sorted({f.stem for f in (*files, *pool.glob("*.yaml"))} - {path.stem})
        if others and "\nversions:" not in text:
            path.write_text(f"{text}versions:\n  - {{relation: draft, id: {others[b % len(others)]}}}\n")
    elif kind == "title":
        k = next(k for k, line in enumerate(lines) if line.startswith("title: "))
        lines[k] = f"title: Revised title number {b}\n"
        path.write_text("".join(lines), encoding="utf-8")
    elif texts and kind in ("word", "cite", "article", "protocol"):
        k = texts[b % len(texts)]
        added = {
            "word": " (as revised)",
            "cite": f", recalling {phrases[b % len(phrases)]}",
            # An article's page shows the passages citing it: a new one must reach it.
            "article": f", in line with article {b % 40 + 1} of the Convention",
            # An instrument's page lists the texts naming it as a whole, and counts its articles'.
            "protocol": ", in line with the Firearms Protocol",
        }[kind]
        lines[k] = lines[k].rstrip()[:-1] + added + "'\n"
        path.write_text("".join(lines), encoding="utf-8")
    elif kind == "uncite":
        cited = [k for k in texts if _CITATION.search(lines[k])]
        if cited:
            k = cited[b % len(cited)]
            lines[k] = _CITATION.sub("the resolution", lines[k], count=1)
            path.write_text("".join(lines), encoding="utf-8")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@settings(max_examples=inputs(6), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_incremental_builds_match_clean_builds(
    corpora: tuple[Path, Path, list[str]], steps: list[tuple[str, int, int]]
) -> None:
    source, source_pool, phrases = corpora
    with tempfile.TemporaryDirectory(prefix="atlas-incremental-") as tmp:
        work = Path(tmp)
        corpus, pool = work / "corpus", work / "pool"
        shutil.copytree(source, corpus)
        shutil.copytree(source_pool, pool)
        texts = TextCache(None, load_resolution)
        build_settings = Settings(corpus, ROOT / "pages", workers=1)
        session = BuildSession.start(build_settings, texts, remember=True)
        assert session.run(work / "docs").report.ok
        for number, (kind, a, b) in enumerate(steps):
            _apply(corpus, pool, phrases, kind, a, b)
            # As the plugin does: the last good session is the one whose pages are on disk.
            following = BuildSession.start(build_settings, texts, session)
            result = following.run(work / "docs")
            clean = generate(corpus, work / f"clean-{number}", pages_dir=ROOT / "pages")
            assert [d.format() for d in result.report] == [d.format() for d in clean.report]
            if clean.report.ok:
                assert _tree(work / "docs") == _tree(work / f"clean-{number}"), (kind, a, b)
                session = following
            shutil.rmtree(work / f"clean-{number}", ignore_errors=True)


def test_an_edit_of_one_paragraph_renders_a_few_pages(tmp_path: Path) -> None:
    """The rule is not "render everything": one word renders the text's page and its neighbours."""
    write_corpus(30, 2, tmp_path / "corpus")
    settings_ = Settings(tmp_path / "corpus", ROOT / "pages", workers=1)
    texts = TextCache(None, load_resolution)
    first = BuildSession.start(settings_, texts, remember=True)
    assert first.run(tmp_path / "docs").report.ok
    assert first.memo is not None
    read_first = first.memo.read  # every passage of the corpus
    before = first.result.graph  # type: ignore[union-attr]
    assert before is not None
    path = sorted((tmp_path / "corpus" / "resolutions").glob("*.yaml"))[7]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # A paragraph that cites nothing: a citing one is shown on the page of what it cites too (the
    # edit would rightly rewrite that page as well). Once it was simply the first paragraph of the
    # file, which failed when the synthetic texts began to cite more.
    citing = {(m.passage.resolution_id, m.passage.id) for m in before.mentions}
    origin = before.resolution(path.stem).origin
    assert origin is not None
    line = next(
        n - 1
        for p in before.passages[path.stem]
        if p.paragraph is not None
        and (p.resolution_id, p.id) not in citing
        and (n := origin.line_of(f"{p.key}.text") or 0)
        and lines[n - 1].lstrip().startswith("text: '*")
    )
    lines[line] = lines[line].replace("text: '*", "text: '*Firmly*, *", 1)
    path.write_text("".join(lines), encoding="utf-8")
    second = BuildSession.start(settings_, texts, first)
    assert second.previous is first
    result = second.run(tmp_path / "docs")
    assert result.report.ok and result.graph is not None and before is not None
    wanted = incremental.plan(before, result.graph)
    assert wanted is not None
    resolution_pages = [
        p for p in result.pages if p.startswith("resolutions/") and p != "resolutions/index.md"
    ]
    rendered = [p for p in resolution_pages if wanted(p)]
    assert f"resolutions/{path.stem}.md" in rendered
    assert len(rendered) < len(resolution_pages) / 2, rendered
    assert [
        p for p in result.stats.written if p.startswith("resolutions/") and p != "resolutions/index.md"
    ] == [f"resolutions/{path.stem}.md"]
    # The citation finder read the edited text's passages only; the other texts' data files were
    # not made again (the edited one's were, and changed).
    assert second.memo is first.memo
    assert second.memo.read == len(result.graph.passages[path.stem])
    assert read_first == sum(len(p) for p in result.graph.passages.values()) > second.memo.read
    assert {p for p in result.stats.written if p.startswith("data/texts/")} == {
        f"data/texts/{path.stem}{suffix}" for suffix in (".json", ".txt", ".akn.xml")
    }


def test_serve_takes_a_deleted_texts_page_out_of_the_site(tmp_path: Path) -> None:
    """MkDocs' dirty rebuilds never remove a built file: the plugin removes what the generator removed."""
    from generator.mkdocs_adapter import _remove_built

    site = tmp_path / "site"
    for built in ("resolutions/gone/index.html", "data/texts/gone.json", "resolutions/kept/index.html"):
        (site / built).parent.mkdir(parents=True, exist_ok=True)
        (site / built).write_text("x", encoding="utf-8")
    _remove_built(site, ["resolutions/gone.md", "data/texts/gone.json", "resolutions/never.md"], True)
    assert not (site / "resolutions" / "gone").exists()
    assert not (site / "data" / "texts" / "gone.json").exists()
    assert (site / "resolutions" / "kept" / "index.html").is_file()
    assert (site / "data" / "texts").is_dir() is False  # emptied, so removed
    _remove_built(site, ["resolutions/kept.md"], False)  # page.html URLs: nothing of that name
    assert (site / "resolutions" / "kept" / "index.html").is_file()


def test_a_text_added_or_deleted_renders_a_few_pages(tmp_path: Path) -> None:
    """An added or a deleted file renders its own page and its neighbours', not the whole site."""
    write_corpus(20, 2, tmp_path / "corpus")
    resolutions = tmp_path / "corpus" / "resolutions"
    settings_ = Settings(tmp_path / "corpus", ROOT / "pages", workers=1)
    texts = TextCache(None, load_resolution)
    session = BuildSession.start(settings_, texts, remember=True)
    assert session.run(tmp_path / "docs").report.ok
    path = sorted(resolutions.glob("*.yaml"))[11]
    page = f"resolutions/{path.stem}.md"
    spare = tmp_path / path.name
    for change, present in ((lambda: path.rename(spare), False), (lambda: spare.rename(path), True)):
        before = session.result.graph  # type: ignore[union-attr]
        change()
        following = BuildSession.start(settings_, texts, session)
        result = following.run(tmp_path / "docs")
        assert result.report.ok and result.graph is not None and before is not None
        wanted = incremental.plan(before, result.graph)
        assert wanted is not None, "an added or deleted text renders every page"
        pages = [p for p in result.pages if p.startswith("resolutions/") and p != "resolutions/index.md"]
        assert (page in pages) is present and (tmp_path / "docs" / page).is_file() is present
        assert len([p for p in pages if wanted(p)]) < len(pages) / 2
        session = following
