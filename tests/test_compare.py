"""Versions of a text and the compare page, on a hand-written fixture pair (tests/fixtures/versions/):
a draft and the resolution it became, with an operative paragraph added (3), two renumbered (3 → 4,
4 → 5, the first with its sub-paragraph) and one amended (2). Also the ``versions`` field's checks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_factory import load_bodies, load_instruments

from generator.export import export
from generator.export.compare import align, word_diff
from generator.export.pages import data_page_jobs
from generator.export.versions import Pair, check_versions, compare_pairs
from generator.graph import Graph, build_graph
from generator.model import Corpus, Resolution, Version
from generator.render.pages import render_pages
from generator.schema.load import load_resolution

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "versions" / "resolutions"
DRAFT, ADOPTED = "cop-30-draft-ruritania", "cop-res-30-2"


def _load(name: str) -> Resolution:
    resolution, diagnostics = load_resolution(FIXTURES / f"{name}.yaml")
    assert resolution is not None and not diagnostics, diagnostics
    return resolution


@pytest.fixture(scope="module")
def pair() -> tuple[Resolution, Resolution]:
    return _load(DRAFT), _load(ADOPTED)


def _corpus(*resolutions: Resolution) -> Corpus:
    return Corpus(tuple(resolutions), load_bodies(), load_instruments())


@pytest.fixture(scope="module")
def graph(pair: tuple[Resolution, Resolution]) -> Graph:
    return build_graph(_corpus(*pair), [])


def test_the_versions_field_is_loaded(pair: tuple[Resolution, Resolution]) -> None:
    draft, adopted = pair
    assert draft.versions == (Version("adopted-as", "cop-res-30-2"),)
    assert adopted.versions == (Version("draft", "cop-30-draft-ruritania", "CTOC/COP/2040/L.7"),)


def test_paragraphs_are_aligned_renumbered_ones_paired(pair: tuple[Resolution, Resolution]) -> None:
    rows = align(*pair)
    summary = [
        (r.old.id if r.old else None, r.new.id if r.new else None, r.status, r.renumbered) for r in rows
    ]
    assert summary == [
        ("pp-1", "pp-1", "same", False),
        ("pp-2", "pp-2", "same", False),
        ("op-1", "op-1", "same", False),
        ("op-2", "op-2", "changed", False),
        (None, "op-3", "added", False),
        ("op-3", "op-4", "same", True),
        ("op-3-a", "op-4-a", "same", True),
        ("op-4", "op-5", "same", True),
    ]
    amended = rows[3]
    changes = [(p.op, p.text) for p in amended.pieces if p.op != "equal"]
    assert changes == [
        ("insert", "concise "),
        ("insert", ", including good practices,"),
        ("delete", "next"),
        ("insert", "thirty-first"),
    ]
    # Nothing is lost: the words of each side can be read back from the pieces.
    old_words = "".join(p.text for p in amended.pieces if p.op != "insert")
    new_words = "".join(p.text for p in amended.pieces if p.op != "delete")
    assert (
        old_words.startswith("Requests the Secretariat to prepare a report") and "next session" in old_words
    )
    assert "concise report" in new_words and "thirty-first session" in new_words


def test_a_moved_paragraph_is_paired_and_marked_moved(pair: tuple[Resolution, Resolution]) -> None:
    draft, adopted = pair
    swapped = replace(adopted, operative=(adopted.operative[4], *adopted.operative[:4]))
    rows = align(draft, swapped)
    decides = next(r for r in rows if r.new is not None and r.new.id == "op-5")
    assert decides.old is not None and decides.old.id == "op-4" and decides.status == "same"
    assert [r for r in rows if r.moved], "the paragraphs that now come after op-5 moved relative to it"
    assert not [r for r in rows if r.status == "removed"]


def test_a_removed_paragraph_stays_where_it_stood(pair: tuple[Resolution, Resolution]) -> None:
    draft, adopted = pair
    shorter = replace(adopted, preamble=adopted.preamble[1:])
    rows = align(draft, shorter)
    assert (rows[0].old and rows[0].old.id, rows[0].new, rows[0].status) == ("pp-1", None, "removed")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a b c", "a b c", [("equal", "a b c")]),
        ("a b c", "a x c", [("equal", "a "), ("delete", "b"), ("insert", "x"), ("equal", " c")]),
        ("", "new words", [("insert", "new words")]),
        (
            "<b> & </b>",
            "<b> and </b>",
            [("equal", "<b> "), ("delete", "&"), ("insert", "and"), ("equal", " </b>")],
        ),
    ],
)
def test_word_diff(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.op, p.text) for p in word_diff(old, new)] == expected


def test_the_compare_page_is_reachable_from_both_pages(graph: Graph) -> None:
    assert compare_pairs(graph.corpus) == (Pair(DRAFT, ADOPTED),)
    pages = {p.path: p for p in render_pages(graph)}
    for rid in (DRAFT, ADOPTED):
        soup = BeautifulSoup(pages[f"resolutions/{rid}.md"].text.split("---\n", 2)[2], "html.parser")
        compare = soup.select_one("a.atlas-data__compare")
        assert compare is not None, rid
        assert compare["href"] == f"../../compare/{DRAFT}--{ADOPTED}/"
    draft_page = BeautifulSoup(pages[f"resolutions/{DRAFT}.md"].text.split("---\n", 2)[2], "html.parser")
    assert "Adopted as:" in draft_page.select_one(".atlas-data__versions").get_text()


def test_the_compare_page_marks_words_and_pairs(graph: Graph) -> None:
    jobs = {j.path: j for j in data_page_jobs(graph, export(graph))}
    page = jobs[f"compare/{DRAFT}--{ADOPTED}.md"]()
    soup = BeautifulSoup(page.text.split("---\n", 2)[2], "html.parser")
    rows = soup.select("li.atlas-compare__row")
    assert [r["data-status"] for r in rows] == [
        "same",
        "same",
        "same",
        "changed",
        "added",
        "same",
        "same",
        "same",
    ]
    changed = rows[3]
    assert [i.get_text() for i in changed.select("ins")] == [
        "[added: concise ]",
        "[added: , including good practices,]",
        "[added: thirty-first]",
    ]
    assert [d.get_text() for d in changed.select("del")] == ["[removed: next]"]
    renumbered = rows[5]
    assert renumbered.has_attr("data-renumbered")
    where = {a["data-side"]: a["href"] for a in renumbered.select("a[data-side]")}
    assert where == {
        "old": f"../../resolutions/{DRAFT}/#op-3",
        "new": f"../../resolutions/{ADOPTED}/#op-4",
    }
    assert "renumbered" in renumbered.get_text()
    assert rows[4].select_one("ins") is not None and not rows[4].select("del")
    assert "1 added" in soup.select_one(".atlas-compare__counts").get_text()


def test_one_side_naming_the_other_is_enough(pair: tuple[Resolution, Resolution]) -> None:
    draft, adopted = pair
    graph = build_graph(_corpus(replace(draft, versions=()), adopted), [])
    pages = {p.path: p for p in render_pages(graph)}
    soup = BeautifulSoup(pages[f"resolutions/{DRAFT}.md"].text.split("---\n", 2)[2], "html.parser")
    versions = soup.select_one(".atlas-data__versions").get_text()
    assert "Adopted as:" in versions and "Compare the two" in versions


def test_a_version_outside_the_corpus_is_named_without_a_compare_page(
    pair: tuple[Resolution, Resolution],
) -> None:
    draft, _ = pair
    graph = build_graph(_corpus(draft), [])
    assert compare_pairs(graph.corpus) == ()
    pages = {p.path: p for p in render_pages(graph)}
    soup = BeautifulSoup(pages[f"resolutions/{DRAFT}.md"].text.split("---\n", 2)[2], "html.parser")
    item = soup.select_one(".atlas-data__versions li")
    assert "Conference of the Parties resolution 30/2" in item.get_text()
    assert "not in the corpus" in item.get_text() and item.select_one("a.atlas-data__compare") is None


@pytest.mark.parametrize(
    ("versions", "code"),
    [
        ((Version("draft", DRAFT),), "version-self"),
        ((Version("draft"),), "version-unnamed"),
        ((Version("draft", ADOPTED), Version("draft", ADOPTED)), "version-duplicate"),
        ((Version("adopted-as", ADOPTED),), "version-contradiction"),
        ((Version("revised-draft", "cop-30-draft-ruritani"),), "version-unknown"),
    ],
)
def test_versions_are_checked(
    pair: tuple[Resolution, Resolution], versions: tuple[Version, ...], code: str
) -> None:
    draft, adopted = pair
    corpus = _corpus(
        replace(draft, id=DRAFT, versions=versions), replace(adopted, versions=(Version("draft", DRAFT),))
    )
    if code == "version-self":
        corpus = _corpus(replace(draft, versions=versions))
    if code == "version-contradiction":
        # The draft says it was adopted as the resolution; the resolution says it replaces the draft.
        corpus = _corpus(
            replace(draft, versions=versions), replace(adopted, versions=(Version("replaces", DRAFT),))
        )
    codes = [d.code for d in check_versions(corpus)]
    assert code in codes, codes


def test_the_fixture_pair_checks_clean(pair: tuple[Resolution, Resolution]) -> None:
    assert check_versions(_corpus(*pair)) == []
    # A version outside the corpus, by its adopted id or by symbol, is fine.
    draft, _ = pair
    assert check_versions(_corpus(draft)) == []
    assert (
        check_versions(
            _corpus(replace(draft, versions=(Version("revised-draft", symbol="CTOC/COP/2040/L.7/Rev.1"),)))
        )
        == []
    )


def test_the_schema_refuses_an_unknown_relation(tmp_path: Path) -> None:
    text = (
        (FIXTURES / f"{DRAFT}.yaml")
        .read_text(encoding="utf-8")
        .replace("relation: adopted-as", "relation: became")
    )
    (tmp_path / f"{DRAFT}.yaml").write_text(
        text.replace("../../../../generator", str(Path(__file__).resolve().parent.parent / "generator")),
        encoding="utf-8",
    )
    resolution, diagnostics = load_resolution(tmp_path / f"{DRAFT}.yaml")
    assert resolution is None
    assert any("became" in d.message or "relation" in d.message for d in diagnostics), diagnostics


def test_atlas_check_reports_versions_at_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from generator.cli import main

    root = Path(__file__).resolve().parent.parent / "corpus"
    corpus = tmp_path / "corpus"
    shutil.copytree(root, corpus)
    path = corpus / "resolutions" / "cop-10-draft-italy.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("imported:"))
    added = [
        "versions:",
        "  - {relation: adopted-as, id: cop-10-draft-italy}",
        "  - {relation: revised-draft}",
    ]
    path.write_text("\n".join(lines[:at] + added + lines[at:]) + "\n", encoding="utf-8")
    assert main(["check", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert f"cop-10-draft-italy.yaml:{at + 2}:" in err and "[version-self]" in err
    assert f"cop-10-draft-italy.yaml:{at + 3}:" in err and "[version-unnamed]" in err
    assert "Traceback" not in err
