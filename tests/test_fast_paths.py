"""The shortcuts taken for speed give the same answers as the plain way they stand in for.

Each fast path (issue 5: a corpus of 10,000 resolutions) is held equal to its reference here:
the quick schema check to jsonschema, plain text without tokens to plain text from them, ids
found by a literal search to those of a pattern, the search tokenizer to the worker's expression,
the run-length map of the citation finder to a per-character one, the emphasis-only renderer to
the general one, libyaml's emitter to PyYAML's, the grammar cache to a fresh compile, and a build
on two forked processes to one in-process.
"""

from __future__ import annotations

import copy
import html
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from depth import inputs
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml_data import yaml_data

from generator import markup, parallel
from generator.check import check_and_cite
from generator.citations import find_citations
from generator.citations import finder as finder_module
from generator.generate import generate
from generator.importer import emit
from generator.model import Body
from generator.render import pages
from generator.render.text import render_text
from generator.schema.validate import _quick_check, _validator, jsonable
from generator.schema.yaml_source import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# Markup made of the characters that matter: words, emphasis, escapes, footnote marks, brackets.
markup_text = st.lists(
    st.sampled_from(
        ["a", "b ", "Urges ", "*", "\\*", "\\[", "\\\\", "[^1]", "[^*]", "[", "]", "é", "\n", "55/25"]
    ),
    max_size=24,
).map("".join)


# --- the quick schema check ------------------------------------------------------------------------------


def _resolution_data(name: str = "cop-res-5-1") -> dict[str, Any]:
    path = CORPUS / "resolutions" / f"{name}.yaml"
    doc, problems = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert doc is not None and not problems
    data: dict[str, Any] = doc.data
    return data


def test_quick_check_accepts_every_real_file() -> None:
    for path in sorted((CORPUS / "resolutions").glob("*.yaml")):
        assert _quick_check("resolution")(jsonable(_resolution_data(path.stem))), path


# Edits that break a resolution in the ways the schema describes, and some it allows.
EDITS = [
    lambda d: d.pop("title", None),
    lambda d: d.update(tittle="x"),
    lambda d: d.update(kind="resolutions"),
    lambda d: d.update(number=5),
    lambda d: d.update(number="5-1"),
    lambda d: d.update(session=True),
    lambda d: d.update(session=1.0),
    lambda d: d.update(session=0),
    lambda d: d.update(year=2200),
    lambda d: d.update(sponsors=["Italy", "Italy"]),
    lambda d: d.update(sponsors=[1, True]),
    lambda d: d.update(dates={"adopted": "2020-02-30"}),
    lambda d: d.update(dates={"adopted": "2020-10-16", "signed": None}),
    lambda d: d["operative"][0].update(id="op_1"),
    lambda d: d["operative"][0].update(text=""),
    lambda d: d["operative"][0].pop("text"),
    lambda d: d["operative"].append({"id": "op-99", "number": None, "text": "x", "extra": 1}),
    lambda d: d.update(operative={}),
    lambda d: d.update(footnotes=[{"mark": "1", "text": "x"}]),
    lambda d: d.update(symbol="ctoc/cop/2020/1"),
    lambda d: d.update(venue=None),
    lambda d: d.update(status="adopted"),
]


@settings(max_examples=inputs(200), deadline=None)
@given(st.lists(st.sampled_from(range(len(EDITS))), min_size=1, max_size=3))
def test_quick_check_never_passes_what_jsonschema_rejects(edits: list[int]) -> None:
    data = copy.deepcopy(_resolution_data())
    for i in edits:
        try:
            EDITS[i](data)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an edit that the ones before it made moot
    instance = jsonable(data)
    errors = list(_validator("resolution").iter_errors(instance))
    if _quick_check("resolution")(instance):
        assert errors == []


# --- ids by a literal search; plain text and footnote marks without tokens ------------------------------


@settings(max_examples=inputs(300), deadline=None)
@given(st.lists(st.sampled_from(['id="a"', ' id="b"', '\nid="c&amp;"', 'data-id="d"', "<p"])).map("".join))
def test_ids_found_by_a_literal_search_are_those_of_the_pattern(html_text: str) -> None:
    import re

    from generator.linkcheck import ids_in

    expected = {html.unescape(v) for v in re.findall(r'\sid="([^"]*)"', html_text)}
    assert ids_in(html_text) == expected


@settings(max_examples=inputs(500), deadline=None)
@given(markup_text)
def test_plain_text_and_marks_match_the_tokens(source: str) -> None:
    tokens = markup.tokenize(source)
    assert markup.to_plain(source) == "".join(t.value for t in tokens if t.kind == "text")
    assert markup.footnote_marks(source) == [t.value for t in tokens if t.kind == "footnote"]


@pytest.mark.parametrize("source", ["*Urges* all", "*a* *b", "a*", "*", "**", "no stars", ""])
def test_plain_text_of_emphasis_only(source: str) -> None:
    tokens = markup.tokenize(source)
    assert markup.to_plain(source) == "".join(t.value for t in tokens if t.kind == "text")


# --- the search tokenizer's expression ---------------------------------------------------------------


@settings(max_examples=inputs(500), deadline=None)
@given(st.lists(st.sampled_from(["a", "b1", "é", ".", "/", " ", "_", "-", "55", "\n", "CTOC"])).map("".join))
def test_search_tokens_are_those_of_the_expression_the_worker_uses(text: str) -> None:
    import re

    from generator import search_index

    written = re.findall(search_index.TOKEN_AS_WRITTEN, search_index.normalize(text))
    assert search_index.tokens(text) == written


# --- the citation finder's map back to markup -----------------------------------------------------------


def _reference_span(source: str, start: int, end: int) -> tuple[int, int]:
    """Per character, as the finder mapped spans before it kept runs."""
    starts: list[int] = []
    ends: list[int] = []
    for token in markup.tokenize(source):
        if token.kind != "text":
            continue
        if len(token.value) == token.end - token.start:
            starts.extend(range(token.start, token.end))
            ends.extend(range(token.start + 1, token.end + 1))
        else:
            starts.append(token.start)
            ends.append(token.end)
    return starts[start], ends[end - 1]


@settings(max_examples=inputs(300), deadline=None)
@given(markup_text, st.data())
def test_plain_text_map_matches_the_per_character_map(source: str, data: st.DataObject) -> None:
    plain = finder_module._Plain.of(source)
    assert plain.text == markup.to_plain(source)
    if not plain.text:
        return
    start = data.draw(st.integers(0, len(plain.text) - 1))
    end = data.draw(st.integers(start + 1, len(plain.text)))
    assert (plain._start(start), plain._end(end - 1)) == _reference_span(source, start, end)


def test_grammar_follows_the_bodies_it_is_given() -> None:
    from site_factory import load_bodies, load_instruments

    bodies, instruments = load_bodies(), load_instruments()
    text = "Recalling Crime Commission resolution 21/1"
    assert find_citations(text, issuing_body="cop", bodies=bodies, instruments=instruments) == []
    ccpcj = bodies["ccpcj"]
    bodies["ccpcj"] = Body(**{**ccpcj.__dict__, "names": (*ccpcj.names, "Crime Commission")})
    [found] = find_citations(text, issuing_body="cop", bodies=bodies, instruments=instruments)
    assert found.target.body == "ccpcj"  # type: ignore[union-attr]


# --- rendering -------------------------------------------------------------------------------------------


@settings(max_examples=inputs(300), deadline=None)
@given(markup_text)
def test_emphasis_only_rendering_matches_the_general_renderer(source: str) -> None:
    def notes(mark: str) -> Any:
        from generator.render.text import FootnoteRef

        return FootnoteRef(href=f"#fn-{mark}", id=f"fnref-{mark}", label=f"Footnote {mark}")

    # An empty highlight sends the text down the general path and marks nothing.
    for footnotes in (None, notes):
        assert render_text(source, footnotes=footnotes) == render_text(
            source, footnotes=footnotes, highlights=[(0, 0)]
        )


@settings(max_examples=inputs(300), deadline=None)
@given(
    st.text(max_size=80),
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=1500),
        # What the fast emitter takes: printable text of the Basic Multilingual Plane, long lines too.
        st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2027), max_size=1500),
    ),
)
def test_front_matter_is_what_pyyaml_writes(title: str, description: str) -> None:
    fast = pages.front_matter(title, description=description, hide=["toc"], search={"exclude": True})
    meta = {
        "title": html.escape(title, quote=True),
        "description": html.escape(description, quote=True),
        "hide": ["toc"],
        "search": {"exclude": True},
    }
    if not description:
        del meta["description"]
    slow = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
    assert fast == "---\n" + slow + "---\n\n"


def _pure_python_scalar(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").removesuffix("...").rstrip("\n")


def _scalars(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in (k, *_scalars(v))]
    if isinstance(value, list):
        return [x for v in value for x in _scalars(v)]
    return [value]


def test_the_importers_scalars_are_what_pyyaml_writes_for_every_value_of_the_corpus() -> None:
    files = sorted(CORPUS.rglob("*.yaml"))
    values = [v for path in files for v in _scalars(yaml_data(path.read_text(encoding="utf-8")))]
    assert len(values) > 500
    for value in values:
        assert emit._scalar(value) == _pure_python_scalar(value), value


@settings(max_examples=inputs(400), deadline=None)
@given(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
        st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2027), max_size=300),
        st.sampled_from(
            ["yes", "no", "on", "null", "~", "1", "1.0", "2020-10-16", "a: b", "#x", " x", "x ", "'", '"']
        ),
        st.integers(),
        st.none(),
        st.booleans(),
        st.dates(),
    )
)
def test_the_importers_scalars_are_what_pyyaml_writes(value: Any) -> None:
    assert emit._scalar(value) == _pure_python_scalar(value)


# --- forked processes ------------------------------------------------------------------------------------


def test_map_in_order_keeps_order_in_any_number_of_processes() -> None:
    items = list(range(37))
    assert parallel.map_in_order(lambda x: x * x, items, processes=2) == [x * x for x in items]
    assert parallel.map_in_order(lambda x: x * x, items, processes=1) == [x * x for x in items]


def test_workers_stay_in_process_for_small_jobs_and_when_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert parallel.workers(parallel.MIN_ITEMS - 1) == 1
    with parallel.using(1):
        assert parallel.workers(10_000) == 1
    with parallel.using(2):
        assert parallel.workers(3) == 2
        with parallel.using(None):
            assert parallel.workers(3) == 1  # one per core, and too few items to fork
        assert parallel.workers(3) == 2
    assert parallel.workers(3) == 1  # the setting ends with its block
    assert [parallel.workers_setting(v) for v in (None, "", " 3 ", "0", "many")] == [None, None, 3, 1, 1]
    # A process running threads (`mkdocs serve`, a test session's servers) does not fork.
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)
    with parallel.using(2):
        assert parallel.workers(10_000) == 1


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_forked_build_writes_the_same_bytes_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test session may run servers in threads; this test forks anyway (its children run only
    # the generator's own code).
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("raw"))
    # One broken file, so that the reports have something to order.
    broken = corpus / "resolutions" / "cop-res-5-1.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: resolution", "kind: resolutions"))
    runs = {}
    for workers in (1, 2):
        with parallel.using(workers):
            checked = check_and_cite(corpus)
        runs[workers] = (checked.corpus, [d.format() for d in checked.report], checked.citations)
    assert runs[1] == runs[2]
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: resolutions", "kind: resolution"))
    sites = {}
    for workers in (1, 2):
        with parallel.using(workers):
            assert parallel.workers(1000) == workers  # the forked path really runs
            out = tmp_path / f"docs-{workers}"
            result = generate(corpus, out, pages_dir=ROOT / "pages")
        assert result.report.ok
        sites[workers] = _tree(out)
    assert sites[1] == sites[2]


def test_a_rebuild_in_process_rereads_only_the_edited_file(tmp_path: Path) -> None:
    from generator.cache import TextCache
    from generator.schema.load import load_resolution
    from generator.session import BuildSession, Settings

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("raw"))
    loads: list[Path] = []

    def loader(path: Path) -> Any:
        loads.append(path)
        return load_resolution(path)

    # As under `serve`: one owner, one cache in memory, a new session for each build, one process.
    texts = TextCache(None, loader)
    settings = Settings(corpus, ROOT / "pages", workers=1)
    assert BuildSession.start(settings, texts).run(tmp_path / "docs").report.ok
    assert len(loads) == len(list((corpus / "resolutions").glob("*.yaml")))

    edited = corpus / "resolutions" / "cop-res-5-1.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("*Urges* ", "*Urges strongly* ", 1))
    loads.clear()
    again = BuildSession.start(settings, texts).run(tmp_path / "docs")
    assert again.report.ok
    assert loads == [edited]
    files = len(list((corpus / "resolutions").glob("*.yaml")))
    assert (texts.stats.read, texts.stats.memory, texts.stats.disk) == (1, files - 1, 0)
    assert [p for p in again.stats.written if p.startswith("resolutions/")] == ["resolutions/cop-res-5-1.md"]

    # The same bytes as a build that remembers nothing.
    fresh = generate(corpus, tmp_path / "fresh", pages_dir=ROOT / "pages")
    assert _tree(tmp_path / "fresh") == _tree(tmp_path / "docs")
    assert [d.format() for d in fresh.report] == [d.format() for d in again.report]


# --- the quick inner loop ----------------------------------------------------------------------------------


def test_a_test_without_the_site_marker_cannot_build_a_site() -> None:
    """conftest.py holds MkDocs' build back from unmarked tests (this one), fixtures included."""
    import mkdocs.commands.build

    with pytest.raises(AssertionError, match="no `site` marker"):
        mkdocs.commands.build.build(None)  # type: ignore[arg-type]  # refused before it reads the config
