"""The JSON Schemas, YAML reading with positions, and conversion to the model."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from depth import inputs
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.diagnostics import Report
from generator.model import Paragraph
from generator.schema.load import (
    ResolutionDataError,
    load_bodies,
    load_corpus,
    load_instruments,
    load_resolution,
    resolution_from_data,
)
from generator.schema.validate import describe, load_schema, schema_file
from generator.schema.yaml_source import parse_yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "corpus" / "resolutions"
ITALY = FIXTURES / "cop-10-draft-italy.yaml"
CO_CHAIRS = FIXTURES / "cop-12-draft-co-chairs.yaml"
SCHEMAS = ("resolution", "bodies", "instrument")


def line_of(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


# --- The schemas themselves ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads(schema_file(name).read_text(encoding="utf-8"))  # type: ignore[arg-type]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            yield f"{where}.{key}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}.{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{where}[{i}]")


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_property_has_a_description_for_editors(name: str) -> None:
    schema = load_schema(name)  # type: ignore[arg-type]
    missing = [where for where, sub in _properties(schema, name) if not sub.get("description")]
    assert missing == []
    assert all(d.get("description") for d in schema.get("$defs", {}).values())


@pytest.mark.parametrize(
    ("paragraph_id", "valid"),
    [
        ("pp-3", True),
        ("op-12", True),
        ("op-12-a", True),
        ("op-1-aa", True),
        ("annex-2-j", True),
        ("annex-1-intro", True),
        ("annex-1-intro-2", True),
        ("pp-3-a", True),
        ("op-1-a-iii", True),
        ("op-1-iii", True),
        ("op-1-a-iii-b", True),
        ("annex-1-3-a-ii", True),
        ("op-1-a-iii-b-c", False),
        ("op-99999", False),
        ("annex-1-3", True),
        ("annex-1-text-2", True),
        ("annex-1-a-2", True),
        ("op-12-A", False),
        ("op-12-abc", False),
        ("annex-1", False),
        ("annex-1-intro-", False),
        ("op12", False),
        ("pp-", False),
        (" pp-1", False),
    ],
)
def test_paragraph_id_pattern(paragraph_id: str, valid: bool) -> None:
    pattern = load_schema("resolution")["$defs"]["paragraphId"]["pattern"]
    assert bool(re.search(pattern, paragraph_id)) is valid


def test_descriptions_reach_through_refs() -> None:
    assert "URL anchor" in (describe("resolution", ("operative", 0, "subparagraphs", 1, "id")) or "")
    assert "bodies.yaml" in (describe("resolution", ("body",)) or "")
    assert describe("resolution", ("no-such-key",)) is None


def test_fixtures_name_the_schema_for_editors() -> None:
    for path in FIXTURES.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        ref = first.split("$schema=")[1]
        assert (path.parent / ref).resolve() == schema_file("resolution")


# --- YAML with positions -----------------------------------------------------------------------------


def test_lines_of_key_paths_and_paragraph_ids() -> None:
    text = ITALY.read_text(encoding="utf-8")
    res, diagnostics = load_resolution(ITALY)
    assert diagnostics == []
    assert res is not None and res.origin is not None
    origin = res.origin
    assert origin.path == str(ITALY)
    expected = {
        "id": "id: cop-10",
        "title": "title: Celebrating",
        "dates.distributed": "distributed: 2020",
        "preamble.1": "- id: pp-2",
        "pp-2": "- id: pp-2",
        "operative.1.subparagraphs.0": "- id: op-2-a",
        "op-2-a": "- id: op-2-a",
        "operative.1.subparagraphs.1.text": "text: The provision of assistance",
        "footnotes.1.anchor": "anchor: pp-1",
        "agenda-item": "agenda_item:",
    }
    for key, needle in expected.items():
        assert origin.line_of(key) == line_of(text, needle), key
    # Columns are 1-based like the lines: `- id: op-2-a` has its key after the dash.
    line = text.splitlines()[origin.lines["op-2-a"] - 1]
    assert origin.column_of("op-2-a") == line.index("id:") + 1


def test_yaml_dates_become_dates_and_impossible_ones_stay_text() -> None:
    doc, diagnostics = parse_yaml(
        "a: 2020-09-23\nb: 2020-13-40\nc: 2020-09-23T10:00:00\nd: '2020-09-23'\n", "x"
    )
    assert diagnostics == [] and doc is not None
    assert doc.data == {
        "a": dt.date(2020, 9, 23),
        "b": "2020-13-40",
        "c": "2020-09-23T10:00:00",
        "d": "2020-09-23",
    }


def test_duplicate_keys_are_reported_not_silently_merged() -> None:
    doc, diagnostics = parse_yaml("title: first\nbody: cop\ntitle: second\n", "x.yaml")
    assert doc is not None and doc.data["title"] == "first"
    [d] = diagnostics
    assert (d.code, d.line, d.column) == ("duplicate-key", 3, 1)
    assert "line 1" in d.message and d.hint


def test_raw_scalar_text_is_kept_for_hints() -> None:
    doc, _ = parse_yaml("sponsors: [Italy, no]\n", "x")
    assert doc is not None and doc.data["sponsors"] == ["Italy", False]
    assert doc.raw[("sponsors", 1)] == "no"


@settings(max_examples=inputs(300), deadline=None)
@given(st.text(max_size=200))
def test_parse_yaml_never_raises(text: str) -> None:
    doc, diagnostics = parse_yaml(text, "x.yaml")
    assert doc is not None or diagnostics
    assert all(d.path == "x.yaml" and d.code and d.hint for d in diagnostics)


# --- Data → model -----------------------------------------------------------------------------------


def test_load_resolution_builds_the_model() -> None:
    res, diagnostics = load_resolution(CO_CHAIRS)
    assert diagnostics == []
    assert res is not None
    assert (res.id, res.body, res.kind, res.status, res.session) == (
        "cop-12-draft-co-chairs",
        "cop",
        "resolution",
        "draft",
        12,
    )
    assert res.dates.distributed == dt.date(2024, 10, 11) and res.dates.adopted is None
    assert res.agenda_item is not None and res.agenda_item.number == "5"
    assert res.sponsors == ("Co-Chairs of the Working Group of Government Experts on Technical Assistance",)
    # A folded block scalar (`>-`) reads as one line of text.
    assert res.preamble[1].text.startswith(
        "*Recalling* its resolution 9/1 of 19 October 2018, entitled “Establishment of the Mechanism"
    )
    [annex] = res.annexes
    assert (annex.id, annex.number) == ("annex-1", "I")
    assert [p.id for p in annex.intro] == ["annex-1-intro"]
    assert [s.heading for s in annex.sections] == [
        "General recommendations",
        "Recommendations on matters pertaining to the Mechanism for the Review of the Implementation of the "
        "United Nations Convention against Transnational Organized Crime and the Protocols thereto: "
        "challenges, lessons learned and identified technical assistance needs",
    ]
    assert [p.id for s in annex.sections for p in s.paragraphs] == ["annex-1-a", "annex-1-b", "annex-1-c"]
    assert [(f.mark, f.anchor) for f in res.footnotes] == [
        ("*", "agenda-item"),
        ("1", "pp-1"),
        ("2", "annex-1-intro"),
    ]


def test_resolution_from_data_matches_load_resolution() -> None:
    res, _ = load_resolution(ITALY)
    data = yaml.safe_load(ITALY.read_text(encoding="utf-8"))
    built = resolution_from_data(data, str(ITALY))
    assert built == res
    assert built.operative[1].subparagraphs[0] == Paragraph(
        "op-2-a",
        "a",
        "The provision of legal advisory services or ad hoc legislative assistance, including on the basis "
        "of existing model legislative provisions and any future updates to such provisions;",
    )


def test_resolution_from_data_accepts_iso_text_dates_and_lines() -> None:
    data = {
        "id": "cop-res-5-1",
        "body": "cop",
        "kind": "resolution",
        "status": "adopted",
        "title": "Review",
        "number": "5/1",
        "dates": {"adopted": "2010-10-22"},
    }
    res = resolution_from_data(data, "synthetic/cop-res-5-1.yaml", {"title": 7})
    assert res.dates.adopted == dt.date(2010, 10, 22)
    assert res.origin is not None and res.origin.line_of("title") == 7
    assert res.document_ref is not None and res.document_ref.slug == "cop-res-5-1"


def test_resolution_from_data_rejects_invalid_data_with_diagnostics() -> None:
    with pytest.raises(ResolutionDataError) as caught:
        resolution_from_data({"id": "x", "body": "cop", "kind": "law", "status": "draft"}, "synthetic/x.yaml")
    codes = sorted(d.code for d in caught.value.diagnostics)
    assert codes == ["bad-enum", "missing-key"]
    assert "valid values: resolution, decision" in str(caught.value)


# --- Bodies and instruments --------------------------------------------------------------------------


def test_real_bodies_and_instruments_load_cleanly() -> None:
    report = Report()
    bodies, ok = load_bodies(REPO / "corpus" / "bodies.yaml", report)
    instruments = load_instruments(REPO / "corpus" / "instruments", report)
    assert ok and list(report) == []
    assert list(bodies) == ["cop", "ccpcj", "ecosoc", "ga", "sc", "hrc", "congress"]
    assert bodies["ecosoc"].numbering == "year"
    assert bodies["cop"].short_references == ("the Conference",)
    assert list(instruments) == ["untoc", "tip", "som", "firearms"]
    untoc = instruments["untoc"]
    assert [a.number for a in untoc.articles] == list(range(1, 42))
    assert untoc.article(30) is not None and untoc.article(30).title.startswith("Other measures")  # type: ignore[union-attr]
    assert untoc.article(41).title == "Depositary and languages"  # type: ignore[union-attr]


def test_corpus_is_sorted_by_id(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus" / "instruments", root / "instruments")
    shutil.copy(REPO / "corpus" / "bodies.yaml", root / "bodies.yaml")
    (root / "resolutions").mkdir()
    # Written in reverse order: the Corpus must not depend on the directory's order.
    for path in sorted(FIXTURES.glob("*.yaml"), reverse=True):
        shutil.copy(path, root / "resolutions" / path.name)
    corpus, report = load_corpus(root)
    assert report.ok, report.format()
    assert [r.id for r in corpus.resolutions] == ["cop-10-draft-italy", "cop-12-draft-co-chairs"]
    assert corpus.resolution("cop-12-draft-co-chairs") is not None
