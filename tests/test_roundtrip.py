"""The round trip of issue 8 §4: every text, in every layout real UN texts arrive in, imported back whole.

The texts are the four of the corpus and 200 synthetic ones (``atlas synth``, a fixed seed; 50 in the
inner loop, tests/depth.py). Each is rendered into each layout of issue 8 §1 that fits it
(``tests/roundtrip/layouts.py``), imported by the real importer, and compared with the original:
paragraph ids, numbers and texts (modulo whitespace), footnotes, the citations the real finder reads, and
what the header states. A failure names the layout, the text and the first paragraph that differs, with
both versions, and gives the raw text that was imported (``python -m roundtrip`` from ``tests/`` prints
the pass rate of every layout).

Every layout must bring every text back whole: there is no expected failure.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping

import pytest
from depth import inputs
from roundtrip import LAYOUTS, MULTI, Layout, Outcome, groups, round_trip, round_trip_many
from roundtrip.compare import Expected, difference, expect
from roundtrip.corpus import texts as load_texts

from generator.ids import ParagraphId
from generator.importer.pipeline import import_text
from generator.model import Body, Instrument, Paragraph, Resolution

# 200 in the whole suite, a quarter in the inner loop (tests/depth.py); LEAST scales with it.
SYNTHETIC = inputs(200)
SEED = 8

def short_decision(r: Resolution) -> bool:
    """A decision printed as a session's report prints it: lettered items or one sentence, no preamble."""
    return r.kind == "decision" and not r.preamble


# The texts of each test: resolutions (and the decisions written like them), and the short decisions,
# which the importer reads by rules of their own (issue 8 §1.4).
GROUPS: dict[str, Callable[[Resolution], bool]] = {
    "resolutions": lambda r: not short_decision(r),
    "short-decisions": short_decision,
}
# How many texts each test must at least hold: proof that the synthetic corpus has each kind of text.
LEAST = {
    name: max(1, least * SYNTHETIC // 200)
    for name, least in {
        "resolutions": 150,
        "short-decisions": 5,
        "adopted-un-org": 60,
        "decision": 1,
        "several-texts": 60,
    }.items()
}


def _id(layout: Layout, group: str) -> str:
    scope = (
        "" if layout.scope == "every text" else "--only-" + re.sub(r"[^a-z0-9]+", "-", layout.scope.lower())
    )
    return f"{layout.name}{scope.rstrip('-')}--{group}"


def _param(layout: Layout, group: str) -> object:
    return pytest.param(layout, group, id=_id(layout, group))


# The adopted style fits adopted resolutions only: it has no short decisions to read.
PARAMS = [
    _param(layout, group)
    for layout in LAYOUTS
    for group in GROUPS
    if not (layout.name == "adopted-un-org" and group == "short-decisions")
]

Texts = tuple[tuple[Expected, ...], Mapping[str, Body], Mapping[str, Instrument]]


@pytest.fixture(scope="module")
def texts() -> Texts:
    return load_texts(SYNTHETIC, SEED)


def _verdict(layout: Layout, outcomes: list[Outcome], least: int) -> None:
    assert len(outcomes) >= least, (
        f"[{layout.name}] fits only {len(outcomes)} texts; at least {least} expected"
    )
    failed = [o for o in outcomes if not o.passed]
    if failed:
        first = failed[0]
        raw = "\n".join(first.raw.splitlines()[:60])
        pytest.fail(
            f"[{layout.name}] {len(outcomes) - len(failed)}/{len(outcomes)} texts came back whole; "
            f"the first failures:\n"
            + "\n".join(o.format() for o in failed[:5])
            + f"\n--- the raw text of {first.text_id} in {layout.name} (first 60 lines) ---\n{raw}",
            pytrace=False,
        )


@pytest.mark.parametrize(("layout", "group"), PARAMS)
def test_round_trip(layout: Layout, group: str, texts: Texts) -> None:
    expected, bodies, instruments = texts
    chosen = [e for e in expected if GROUPS[group](e.resolution)]
    least = LEAST.get(layout.name, LEAST[group]) if group == "resolutions" else LEAST[group]
    _verdict(layout, round_trip(layout, chosen, bodies, instruments), least)


@pytest.mark.parametrize("layout", [pytest.param(MULTI, id=_id(MULTI, "all"))])
def test_round_trip_several_texts_in_one_file(layout: Layout, texts: Texts) -> None:
    expected, bodies, instruments = texts
    group_list = groups(expected, lambda e: e.resolution)
    assert any(len(g) > 1 for g in group_list)
    _verdict(layout, round_trip_many(layout, group_list, bodies, instruments), LEAST["several-texts"])


def test_the_texts_hold_three_levels_of_sub_paragraphs(texts: Texts) -> None:
    """(a), (i) and (A) all go through every layout: the synthetic texts hold op-N-x-i-A paragraphs."""
    expected, _, _ = texts
    deepest = [
        e.resolution.id
        for e in expected
        if any(len(ParagraphId(p.id).sub_labels) == 3 for p in e.resolution.paragraphs())
    ]
    assert len(deepest) >= 5, deepest


# --- the harness itself: it sees what it must see ----------------------------------------------------


def _plain_id(expected: tuple[Expected, ...]) -> Expected:
    """A text whose id is the one its import gets, so that only the damage done below differs."""
    return next(e for e in expected if e.id == e.resolution.id and e.resolution.footnotes and e.citations)


def _changed(paragraph: Paragraph, text: str) -> Paragraph:
    return dataclasses.replace(paragraph, text=text)


def test_a_changed_paragraph_is_named_with_both_versions(texts: Texts) -> None:
    expected, bodies, instruments = texts
    e = _plain_id(expected)
    r = e.resolution
    damaged = dataclasses.replace(
        r, operative=(r.operative[0], _changed(r.operative[1], "*Urges* something else;"), *r.operative[2:])
    )
    problem = difference(e, damaged, [], bodies, instruments)
    assert problem is not None and "op-2" in problem and "something else" in problem
    assert r.operative[1].text[:40] in problem


def test_whitespace_alone_is_no_difference(texts: Texts) -> None:
    expected, bodies, instruments = texts
    e = _plain_id(expected)
    r = e.resolution
    spaced = dataclasses.replace(
        r, preamble=tuple(_changed(p, p.text.replace(" ", "  \n")) for p in r.preamble)
    )
    assert difference(e, spaced, [], bodies, instruments) is None


def test_a_lost_citation_a_moved_footnote_and_a_lost_field_are_differences(texts: Texts) -> None:
    expected, bodies, instruments = texts
    e = _plain_id(expected)
    r = e.resolution
    by_id = {p.id: p for p in r.paragraphs()}
    place, _, cited = next(c for c in e.citations if c[0] in by_id and c[2] and c[2] in by_id[c[0]].text)
    assert cited is not None
    lost = _replace_paragraph(r, place, by_id[place].text.replace(cited, "the text quoted above"))
    problem = difference(e, lost, [], bodies, instruments)
    assert problem is not None and f"'{place}'" in problem
    moved = dataclasses.replace(
        r, footnotes=(dataclasses.replace(r.footnotes[0], anchor="title"), *r.footnotes[1:])
    )
    assert "footnote #1" in (difference(e, moved, [], bodies, instruments) or "")
    assert "field title" in (
        difference(e, dataclasses.replace(r, title="Other"), [], bodies, instruments) or ""
    )


def _replace_paragraph(r, place: str, text: str):  # type: ignore[no-untyped-def]
    def walk(ps: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        return tuple(
            dataclasses.replace(
                p, text=text if p.id == place else p.text, subparagraphs=walk(p.subparagraphs)
            )
            for p in ps
        )

    return dataclasses.replace(r, preamble=walk(r.preamble), operative=walk(r.operative))


def test_an_import_with_errors_fails_the_round_trip(texts: Texts) -> None:
    expected, bodies, instruments = texts
    e = expected[0]
    imported, diagnostics = import_text("nothing to read here\n", "x.txt", bodies)
    problem = difference(e, imported, diagnostics, bodies, instruments)
    assert problem is not None and "errors" in problem


def test_expectations_are_those_of_the_original(texts: Texts) -> None:
    expected, bodies, instruments = texts
    e = expected[1]
    assert expect(e.resolution, bodies, instruments) == e


# --- the layouts carry what they claim to ------------------------------------------------------------


def _layout(name: str) -> Layout:
    return next(layout for layout in LAYOUTS if layout.name == name)


def test_pdf_pages_have_furniture_footnotes_and_a_break_after_a_comma(texts: Texts) -> None:
    expected, bodies, _ = texts
    layout = _layout("pdf")
    broken_after_comma = 0
    for e in expected[:40]:
        raw = layout.render(e.resolution, bodies)
        assert not any(not line.strip() for line in raw.split("\n")[:-1]), e.resolution.id
        pages = raw.split("\f")
        if len(pages) < 2:
            continue
        for k, page in enumerate(pages[1:], start=2):
            header = page.split("\n", 1)[0]
            assert header == (e.resolution.symbol or f"Page {k}")
        before = pages[0].rstrip("\n").split("\n")
        assert re.fullmatch(r"V\.\d\d-\d{5}  1", before[-1])
        body_end = [line for line in before if not re.match(r"^(?: \d|_{5,}|V\.| {6})", line)]
        if body_end and body_end[-1].endswith(",") and pages[1].split("\n")[1][:1].islower():
            broken_after_comma += 1
    assert broken_after_comma >= 5


def test_web_copy_is_one_paragraph_per_line_between_navigation(texts: Texts) -> None:
    expected, bodies, _ = texts
    e = expected[0]
    raw = _layout("web").render(e.resolution, bodies)
    lines = raw.splitlines()
    assert lines[0] == "Skip to main content" and lines[-1].startswith("©")
    assert all(line.strip() for line in lines)
    assert sum(line.startswith(f"{p.number}. ") for p in e.resolution.operative for line in lines) == len(
        e.resolution.operative
    )


def test_flattened_text_is_a_handful_of_long_lines(texts: Texts) -> None:
    expected, bodies, _ = texts
    for e in expected[:20]:
        raw = _layout("flattened").render(e.resolution, bodies)
        body = raw.split("__________________")[0].splitlines()
        assert len(body) <= 3 + len(e.resolution.annexes)
        assert max(len(line) for line in body) > 2000


def test_adopted_style_has_masthead_heading_and_closing(texts: Texts) -> None:
    expected, bodies, _ = texts
    layout = _layout("adopted-un-org")
    e = next(e for e in expected if layout.applies(e.resolution) and e.resolution.body == "ga")
    r = e.resolution
    raw = layout.render(r, bodies)
    assert raw.startswith("United Nations\n\nA/RES/")
    assert f"\n{r.number}. {r.title}\n" in raw
    assert re.search(r"\n\d+(st|nd|rd|th) plenary meeting\n\n\d{1,2} [A-Z][a-z]+ \d{4}\n", raw)
    assert "[on the report of the Third Committee (A/" in raw
