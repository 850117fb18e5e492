"""The importer on the layouts real UN texts arrive in (issue 8, section 1): one hand-written fixture per
layout in tests/fixtures/import/, each with golden YAML in tests/golden/import/, plus encodings, standard
input and the texts it cannot read.

The fixtures are written for these tests, modelled on how UN documents look; none is copied from one.
Regenerate the goldens after an intended change with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest
tests/test_importer_layouts.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from yaml_data import yaml_data

from generator.cli import main
from generator.diagnostics import Diagnostic
from generator.importer.clean import Block
from generator.importer.decode import decode
from generator.importer.emit import (
    import_files,
    import_text,
    import_texts,
    resolution_to_plain,
    resolution_to_yaml,
)
from generator.importer.layout import detect, normalise, split_lines
from generator.importer.quoted import unquote_recommended_draft
from generator.model import Resolution
from generator.schema.load import resolution_from_data
from generator.schema.rules import check_resolution

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "import"
GOLDEN = HERE / "golden" / "import"


def _import(stem: str) -> tuple[list[Resolution], list[Diagnostic]]:
    source = f"tests/fixtures/import/{stem}.txt"
    results = import_texts((FIXTURES / f"{stem}.txt").read_text(encoding="utf-8"), source)
    return [r for r, _ in results], [d for _, ds in results for d in ds]


def _golden_text(resolutions: list[Resolution]) -> str:
    return "---\n".join(resolution_to_yaml(r) for r in resolutions)


# stem → layout detected, and the diagnostics its import reports (code → count).
FIXTURE_CASES = {
    "web_cop_draft": ("web", {"IMP013": 1}),
    "pdf_wrapped_cop": ("wrapped", {}),
    "adopted_ga_ods": ("blank-separated", {}),
    "adopted_ecosoc_web": ("web", {"IMP013": 1}),
    "adopted_ccpcj_wrapped": ("wrapped", {}),
    "web_ga_old_style": ("blank-separated", {}),
    "web_footnote_styles": ("web", {"IMP013": 1}),
    "excerpt_without_footnotes": ("blank-separated", {"IMP002": 5}),
    "decision_lettered": ("blank-separated", {}),
    "decision_reported_wrapped": ("wrapped", {}),
    "decision_one_sentence": ("blank-separated", {}),
    "session_page_decisions": ("web", {"IMP013": 1, "IMP017": 1}),
    "report_draft_resolutions": ("blank-separated", {}),
    "markdown_wrapped_heading": ("blank-separated", {}),
    "flattened_ga": ("flattened", {}),
    "adopted_ga_fixed_width": ("blank-separated", {}),
    "adopted_ga_meeting_above_title": ("blank-separated", {}),
    "adopted_ecosoc_named_heading": ("blank-separated", {}),
    "decision_reported_meeting": ("blank-separated", {}),
    "decision_decides_colon": ("blank-separated", {}),
    "adopted_ecosoc_parts": ("blank-separated", {}),
    "adopted_ga_annex_in_articles": ("blank-separated", {}),
    "adopted_ccpcj_annex_items": ("web", {}),
    "adopted_ecosoc_recommends_ga_draft": ("blank-separated", {}),
    "markdown_pandoc_footnotes": ("blank-separated", {}),
    "pdf_three_levels": ("wrapped", {}),
    "pdf_docshare_copy": ("wrapped", {"IMP013": 1}),
}


@pytest.mark.parametrize("stem", sorted(FIXTURE_CASES))
def test_every_fixture_imports_to_what_the_schema_and_the_rules_accept(stem: str) -> None:
    for r in _import(stem)[0]:
        data = yaml_data(resolution_to_yaml(r))
        written = resolution_from_data(data, f"corpus/resolutions/{r.id}.yaml")  # raises on a schema error
        # No rule problem, not even a warning: an id whose letter or number is not the printed one
        # would be a slip of the importer's.
        assert check_resolution(written) == [], (stem, r.id)


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.txt")) == sorted(FIXTURE_CASES)


@pytest.mark.parametrize("stem", sorted(FIXTURE_CASES))
def test_fixture_matches_golden_yaml(stem: str) -> None:
    text = _golden_text(_import(stem)[0])
    golden = GOLDEN / f"{stem}.yaml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run UPDATE_GOLDEN=1 .venv/bin/python -m pytest"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", sorted(FIXTURE_CASES))
def test_fixture_layout_and_diagnostics(stem: str) -> None:
    layout, expected = FIXTURE_CASES[stem]
    raw = (FIXTURES / f"{stem}.txt").read_text(encoding="utf-8")
    assert normalise(raw, "x").layout == layout
    _, diagnostics = _import(stem)
    assert Counter(d.code for d in diagnostics) == Counter(expected), [d.format() for d in diagnostics]
    assert all(d.hint for d in diagnostics)


@pytest.mark.parametrize("stem", sorted(FIXTURE_CASES))
def test_fixture_yaml_reads_back(stem: str) -> None:
    for resolution in _import(stem)[0]:
        data = yaml_data(resolution_to_yaml(resolution))
        assert data["id"] == resolution.id


# --- web copy -------------------------------------------------------------------------------------


def test_web_noise_is_left_out_and_reported_once_with_its_lines() -> None:
    (resolution,), diagnostics = _import("web_cop_draft")
    (noise,) = [d for d in diagnostics if d.code == "IMP013"]
    assert noise.severity == "warning" and noise.line == 1
    assert "10 line(s)" in noise.message and "(lines 1–4, 15, 24–28)" in noise.message
    everything = " ".join([resolution.title, *(p.text for p in resolution.paragraphs())])
    for word in ("Skip", "Home >", "PDF", "Read more", "Privacy", "©", "Español"):
        assert word not in everything
    assert resolution.operative[-1].text.endswith("implementation of the present resolution.")


# --- PDF text without blank lines -------------------------------------------------------------------


def test_wrapped_pdf_text_running_headers_go_and_page_breaks_rejoin() -> None:
    (r,), _ = _import("pdf_wrapped_cop")
    assert (r.id, r.symbol, r.title) == (
        "cop-res-6-3",
        "CTOC/COP/2012/15",
        "Strengthening the collection and analysis of information on the smuggling of migrants",
    )
    assert [p.id for p in r.preamble] == ["pp-1", "pp-2", "pp-3", "pp-4"]
    assert [p.number for p in r.operative] == ["1", "2", "3", "4"]
    everything = " ".join(p.text for p in r.paragraphs())
    assert "V.12" not in everything and "CTOC/COP/2012/15" not in everything
    # A page break after a comma, with the page's footnotes and running headers between the halves.
    assert "rights of smuggled migrants, including the measures required by article 16" in r.operative[1].text
    assert [(f.mark, f.anchor) for f in r.footnotes] == [("1", "pp-1"), ("2", "op-3")]


_TOP = "A title\n\nThe Conference of the Parties,\n\nRecalling its work,\n"
_END = "\n\n1. Decides so."


@pytest.mark.parametrize(
    ("raw", "joined", "codes"),
    [
        pytest.param(_TOP + "\nin particular its decision," + _END, True, ["IMP014"],
                     id="lower case after a comma, no page break: warned"),
        pytest.param(_TOP + "\f\nin particular its decision," + _END, True, [], id="after a form feed"),
        pytest.param(_TOP + "\n3\n\nin particular its decision," + _END, True, [],
                     id="after a lone page number"),
        pytest.param(_TOP + "\nRecalling its decision," + _END, False, [], id="a capital: a new paragraph"),
    ],
)
def test_page_break_after_a_comma(raw: str, joined: bool, codes: list[str]) -> None:
    r, diagnostics = import_text(raw, "x.txt")
    assert len(r.preamble) == (1 if joined else 2)
    assert [d.code for d in diagnostics] == codes


def test_a_flattened_copy_is_cut_back_into_its_paragraphs() -> None:
    (r,), _ = _import("flattened_ga")
    assert (r.id, r.symbol, r.meeting, r.dates.adopted) == (
        "ga-res-76-186", "A/RES/76/186", "55th plenary meeting", dt.date(2021, 12, 16)
    )
    assert r.agenda_item is not None and r.agenda_item.title == "Crime prevention and criminal justice"
    assert (r.title, r.formula) == ("Preventing and combating the smuggling of migrants by sea",
                                    "The General Assembly,")
    assert [p.id for p in r.paragraphs()] == [
        "pp-1", "pp-2", "pp-3", "op-1", "op-2", "op-2-a", "op-2-b", "op-3"
    ]
    assert r.operative[2].text.endswith("implementation of the present resolution.")
    assert [(f.mark, f.anchor) for f in r.footnotes] == [("1", "pp-1")]


# --- adopted texts, un.org / ODS style ------------------------------------------------------------

ADOPTED_CASES = [
    (
        "adopted_ga_ods",
        {
            "id": "ga-res-78-231", "body": "ga", "kind": "resolution", "status": "adopted",
            "number": "78/231", "session": 78, "year": 2023, "symbol": "A/RES/78/231",
            "meeting": "50th plenary meeting",
            "dates": {"distributed": dt.date(2023, 12, 29), "adopted": dt.date(2023, 12, 22)},
            "agenda_item": {"number": "109", "title": "Crime prevention and criminal justice"},
            "formula": "The General Assembly,",
            "title": "Strengthening international cooperation against the illicit trafficking in cultural "
            "property by organized criminal groups",
        },
    ),
    (
        "adopted_ecosoc_web",
        {
            "id": "ecosoc-res-2019-19", "body": "ecosoc", "number": "2019/19", "session": None,
            "year": 2019, "meeting": "39th plenary meeting",
            "dates": {"distributed": None, "adopted": dt.date(2019, 7, 23)},
            "formula": "The Economic and Social Council,",
            "title": "Promoting technical assistance for the implementation of the Organized Crime "
            "Convention and the Protocols thereto",
        },
    ),
    (
        "adopted_ccpcj_wrapped",
        {
            "id": "ccpcj-res-24-2", "body": "ccpcj", "number": "24/2", "session": 24,
            "meeting": "8th meeting", "symbol": "E/CN.15/2015/19",
            "dates": {"distributed": None, "adopted": dt.date(2015, 5, 22)},
            "title": "Strengthening crime prevention and criminal justice responses to the smuggling of "
            "migrants",
        },
    ),
]


@pytest.mark.parametrize(("stem", "expected"), ADOPTED_CASES, ids=[c[0] for c in ADOPTED_CASES])
def test_adopted_style_metadata(stem: str, expected: dict[str, object]) -> None:
    (r,), _ = _import(stem)
    plain = resolution_to_plain(r)
    assert {k: plain[k] for k in expected} == expected
    # The closing lines are metadata, not the last paragraph's text.
    assert "meeting" not in r.operative[-1].text


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [
        ("78/231. Countering crime", "78/231", "Countering crime"),
        ("2012/12. Strengthening cooperation", "2012/12", "Strengthening cooperation"),
        ("Resolution 2019/19. Promoting aid", "2019/19", "Promoting aid"),
        ("Decision 2/1 Implementation of the Convention", "2/1", "Implementation of the Convention"),
        ("Decision 1/1Adoption of the rules", "1/1", "Adoption of the rules"),
    ],
)
def test_numbered_headings_give_number_and_title(heading: str, number: str, title: str) -> None:
    r, _ = import_text(f"{heading}\n\nThe General Assembly,\n\n1. Decides so.\n", "x.txt")
    assert (r.status, r.number, r.title) == ("adopted", number, title)


def test_a_meeting_line_before_the_title_gives_the_adoption_date() -> None:
    raw = (
        "United Nations\n\nA/RES/49/159\n\nGeneral Assembly\n\nDistr. GENERAL\n\n23 December 1994\n\n"
        "A/RES/49/159\n94th plenary meeting\n23 December 1994\n\n49/159. A title\n\nThe General Assembly,\n\n"
        "1. Decides so.\n"
    )
    r, diagnostics = import_text(raw, "x.txt")
    assert (r.id, r.meeting, r.dates.adopted, r.dates.distributed) == (
        "ga-res-49-159", "94th plenary meeting", dt.date(1994, 12, 23), dt.date(1994, 12, 23)
    )
    assert [d.code for d in diagnostics] == []


# --- decisions ------------------------------------------------------------------------------------

DECISION_CASES = [
    ("decision_lettered", "cop-dec-3-2", ["a", "b", "c"], "*Welcomes* the exchange"),
    ("decision_reported_wrapped", "cop-dec-7-4", ["a", "b", "c"], "Took note with appreciation of"),
    ("decision_one_sentence", "cop-dec-1-1", [None], "adopts its rules of procedure, which"),
]


@pytest.mark.parametrize(
    ("stem", "id_", "numbers", "start"), DECISION_CASES, ids=[c[0] for c in DECISION_CASES]
)
def test_decisions(stem: str, id_: str, numbers: list[str | None], start: str) -> None:
    (r,), _ = _import(stem)
    assert (r.id, r.kind, r.status, r.preamble) == (id_, "decision", "adopted", ())
    assert [p.id for p in r.operative] == [f"op-{n}" for n in range(1, len(numbers) + 1)]
    assert [p.number for p in r.operative] == numbers
    assert r.operative[0].text.startswith(start)
    assert r.formula is not None
    assert r.formula.startswith("The Conference of the Parties to the United Nations")


@pytest.mark.parametrize(
    ("raw", "numbers", "first"),
    [
        pytest.param("Decision 4/2.\n\nA title\n\nThe Conference of the Parties:\n\n(a) Noted it;\n\n"
                     "(b) Decided so.", ["a", "b"], "Noted it;", id="full stop after the number"),
        pytest.param("Decision 4/2\n\nA title\n\nThe Conference of the Parties,\n\nDecides to meet again.",
                     [None], "*Decides* to meet again.", id="one operative sentence after a comma"),
        pytest.param("Decision 4/2\n\nA title\n\nThe Conference of the Parties:\n\nDecides to meet again.",
                     [None], "*Decides* to meet again.", id="one operative sentence after a colon"),
    ],
)
def test_decision_shapes(raw: str, numbers: list[str | None], first: str) -> None:
    r, diagnostics = import_text(raw, "x.txt")
    assert (r.id, r.kind) == ("cop-dec-4-2", "decision")
    assert [p.number for p in r.operative] == numbers and r.preamble == ()
    assert r.operative[0].text == first
    assert diagnostics == []


# --- several texts in one file ---------------------------------------------------------------------


def test_a_session_page_gives_one_text_per_decision_matched_to_its_list() -> None:
    rs, diagnostics = _import("session_page_decisions")
    assert [(r.id, r.number, r.session, r.venue) for r in rs] == [
        ("cop-dec-4-1", "4/1", 4, "Vienna"),
        ("cop-dec-4-2", "4/2", 4, "Vienna"),
        ("cop-dec-4-3", "4/3", 4, "Vienna"),
    ]
    # 4/1 and 4/3 have no "Decision N/M" heading on the page: their numbers come from the list, by title.
    assert rs[2].title == "Trafficking in persons and smuggling of migrants"
    (missing,) = [d for d in diagnostics if d.code == "IMP017"]
    assert "Decision 4/4" in missing.message and missing.line == 8
    # The list and the headings are in no text: they cannot be taken for citations.
    for r in rs:
        for p in r.paragraphs():
            assert "Decision 4/" not in p.text and "Possible mechanisms" not in p.text
    assert [(f.mark, f.anchor) for f in rs[0].footnotes] == [("1", "op-1")]
    assert rs[1].footnotes == () and rs[2].footnotes == ()


def test_a_report_chapter_gives_one_draft_per_text() -> None:
    rs, diagnostics = _import("report_draft_resolutions")
    assert [(r.status, r.body, r.session, r.recommended_to, r.formula) for r in rs] == [
        ("draft", "ccpcj", 22, "ecosoc", "The General Assembly,"),
        ("draft", "ccpcj", 22, "ecosoc", "The General Assembly,"),
    ]
    assert [r.title for r in rs] == [
        "Strengthening the rule of law through the prevention of crimes that affect the environment",
        "Taking action against gender-related killing of women and girls",
    ]
    assert [[f.mark for f in r.footnotes] for r in rs] == [["1"], ["2"]]
    assert diagnostics == []


def test_list_entry_titles_that_differ_from_the_text_are_reported() -> None:
    raw = (
        "Decision 5/1 A listed title\n\nDecision 5/2 Another one\n\nDecision 5/1\n\nA different title\n\n"
        "The Conference of the Parties:\n\n(a) Noted it.\n\nDecision 5/2\n\nAnother one\n\n"
        "The Conference of the Parties:\n\n(a) Noted that.\n"
    )
    results = import_texts(raw, "x.txt")
    assert [r.id for r, _ in results] == ["cop-dec-5-1", "cop-dec-5-2"]
    codes = [(d.code, d.line) for _, ds in results for d in ds]
    assert codes == [("IMP016", 1)]


def test_atlas_import_writes_one_file_per_text_and_says_how_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("report.txt").write_bytes((FIXTURES / "report_draft_resolutions.txt").read_bytes())
    assert main(["import", "report.txt", "--out", "res"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "found 2 texts in report.txt"
    names = sorted(p.name for p in Path("res").glob("*.yaml"))
    assert names == ["ccpcj-22-draft-2.yaml", "ccpcj-22-draft.yaml"]
    sources = [yaml_data(p.read_text(encoding="utf-8"))["source"] for p in sorted(Path("res").glob("*"))]
    assert sorted(sources) == ["report.txt#1", "report.txt#2"]
    # A re-import finds each text's own file again.
    assert main(["import", "report.txt", "--out", "res"]) == 0
    again = capsys.readouterr().out.splitlines()[1:]
    assert [line.split()[0] for line in again] == ["unchanged", "unchanged"]


# --- footnote marks of every style -----------------------------------------------------------------


def test_footnote_marks_of_every_style_become_marks_with_their_texts() -> None:
    (r,), _ = _import("web_footnote_styles")
    assert [(f.mark, f.anchor) for f in r.footnotes] == [
        ("1", "pp-1"), ("2", "pp-1"), ("3", "pp-2"), ("4", "pp-3"), ("5", "pp-4")
    ]
    assert r.preamble[0].text.endswith("Organized Crime[^1] and the United Nations Convention against "
                                       "Corruption,[^2]")
    assert "Declaration,[^3] adopted" in r.preamble[1].text
    assert "Wildlife Crime,[^4] and of other partners," in r.preamble[2].text
    # "Footnotes" opens the footnotes: it is not text of the last paragraph.
    assert r.operative[-1].text.endswith("twenty-fourth session.")


def test_old_style_marks_with_a_space_before_them() -> None:
    (r,), _ = _import("web_ga_old_style")
    assert "Organized Transnational Crime,[^1] approved by" in r.preamble[0].text
    assert r.preamble[1].text.endswith("on its sixth session,[^2]")
    assert [f.text for f in r.footnotes][1].startswith("*Official Records of the Economic and Social Council")
    assert r.operative[-1].text.endswith("present resolution.")


def test_an_excerpt_keeps_no_mark_inside_its_text() -> None:
    (r,), diagnostics = _import("excerpt_without_footnotes")
    assert r.footnotes == ()
    for p in r.paragraphs():
        assert "[^" not in p.text and "1/" not in p.text and "Footnote" not in p.text and "¹" not in p.text
    assert {d.severity for d in diagnostics} == {"warning"}
    assert r.preamble[0].text.endswith("22 October 2010, in which it decided to continue to explore options "
                                       "for a review mechanism,")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Convention,[1] and", "the Convention,[^1] and"),
        ("the Convention, 1/ and", "the Convention,[^1] and"),
        ("the Convention,1/ and", "the Convention,[^1] and"),
        ("the ConventionFootnote 1 and", "the Convention[^1] and"),
        ("the Convention,<sup>1</sup> and", "the Convention,[^1] and"),
        ("the Convention,¹ and", "the Convention,[^1] and"),
        # Not marks: numbers, symbols, placeholders and links.
        ("resolution 55/25 of 2000", "resolution 55/25 of 2000"),
        ("resolution 2012/[...] entitled", "resolution 2012/\\[...] entitled"),
        ("see [55/25](#) and A/RES/1/2", "see 55/25 and A/RES/1/2"),
        ("a range 1/2 of it", "a range 1/2 of it"),
    ],
)
def test_mark_styles_inline(text: str, expected: str) -> None:
    raw = f"A title\n\nThe General Assembly,\n\nRecalling {text},\n\n1. Decides so.\n\n¹ Note.\n\n[1] Note.\n"
    r, _ = import_text(raw, "x.txt")
    assert r.preamble[0].text == f"*Recalling* {expected},"


# --- Markdown headings wrapped over two lines --------------------------------------------------------


def test_a_markdown_heading_wrapped_over_two_lines_is_one_heading() -> None:
    (r,), diagnostics = _import("markdown_wrapped_heading")
    assert r.sponsors == ("Co-Chairs of the Working Group on the Smuggling of Migrants",)
    assert r.title == ("Strengthening the protection of the rights of smuggled migrants, in particular women "
                       "and children")
    # The closing ** is no footnote mark.
    assert [f.mark for f in r.footnotes] == ["*", "1"] and diagnostics == []


# --- encodings ------------------------------------------------------------------------------------

_SAMPLE = "web_cop_draft"


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-8-sig", "UTF-8 with a byte-order mark"),
        ("utf-16", "UTF-16"),  # Python writes the BOM of the machine's byte order
        ("utf-16-be", "UTF-16"),  # with its BOM written by hand below
        ("cp1252", "Windows-1252 (cp1252)"),
        ("latin-1", "Windows-1252 (cp1252)"),  # Latin-1 bytes of this text read the same as cp1252
    ],
)
def test_encodings_are_detected_converted_and_named_once(encoding: str, named: str) -> None:
    text = (FIXTURES / f"{_SAMPLE}.txt").read_text(encoding="utf-8")
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("العربية | 中文 | ", "").replace("Русский | ", "")
    elif encoding == "cp1252":
        text = text.replace("العربية | 中文 | ", "").replace("Русский | ", "")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    decoded = decode(data, "raw.txt")
    assert decoded.text == text
    (warning,) = decoded.diagnostics
    assert (warning.code, warning.severity) == ("IMP000", "warning")
    assert named in warning.message


def test_plain_utf8_is_read_without_a_word() -> None:
    decoded = decode("Recalling “its” resolution – 10/2,".encode(), "raw.txt")
    assert (decoded.encoding, decoded.diagnostics) == ("utf-8", ())


def test_cp1252_file_imports_exactly_as_its_utf8_original(tmp_path: Path) -> None:
    text = (FIXTURES / f"{_SAMPLE}.txt").read_text(encoding="utf-8")
    text = text.replace("العربية | 中文 | ", "").replace("Русский | ", "")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "raw" / "b.txt").write_bytes(text.encode("cp1252"))
    report = import_files([tmp_path / "raw" / "a.txt"], tmp_path / "a", echo=lambda _: None)
    report_b = import_files([tmp_path / "raw" / "b.txt"], tmp_path / "b", echo=lambda _: None)
    assert report.ok and report_b.ok
    (a,) = (tmp_path / "a").glob("*.yaml")
    (b,) = (tmp_path / "b").glob("*.yaml")
    strip = lambda t: [line for line in t.splitlines() if not line.startswith(("source:", "    source:"))]  # noqa: E731
    assert strip(a.read_text(encoding="utf-8")) == strip(b.read_text(encoding="utf-8"))
    assert [d.code for d in report_b] == ["IMP000", "IMP013"]


def test_a_binary_file_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    raw = tmp_path / "scan.pdf"
    raw.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary")
    echoed: list[str] = []
    report = import_files([raw], tmp_path / "out", echo=echoed.append)
    (error,) = report.errors
    assert error.code == "IMP000" and "cannot be read as text" in error.message and error.hint
    assert echoed == [] and not (tmp_path / "out").exists()


# --- texts it cannot read, --keep-partial, standard input -------------------------------------------

_NOT_A_RESOLUTION = (
    "United Nations Office on Drugs and Crime\nAbout us\nOur work covers drugs, crime and terrorism.\n"
    "Contact the field offices for more information.\nVienna International Centre\n"
)


def test_a_text_it_cannot_read_exits_non_zero_writes_nothing_and_says_what_it_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.txt").write_text(_NOT_A_RESOLUTION, encoding="utf-8")
    assert main(["import", "page.txt", "--out", "res"]) == 1
    captured = capsys.readouterr()
    assert not Path("res").exists()
    assert "not written: page.txt" in captured.out
    assert "[IMP020]" in captured.err
    assert re.search(r"\b2 of 2 block\(s\) went to the header \(lines 1–3\)", captured.err)
    assert "no opening formula" in captured.err and "in lines 1–3" in captured.err
    assert "unknown-draft" not in captured.out + captured.err


def test_keep_partial_writes_what_was_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.txt").write_text(_NOT_A_RESOLUTION, encoding="utf-8")
    assert main(["import", "page.txt", "--out", "res", "--keep-partial"]) == 1
    assert len(list(Path("res").glob("*.yaml"))) == 1


def test_stdin_is_read_with_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    data = (FIXTURES / f"{_SAMPLE}.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["import", "-", "--out", "res"]) == 0
    assert capsys.readouterr().out.startswith("created res/cop-11-draft-mexico.yaml (3 preambular")
    written = yaml_data(Path("res/cop-11-draft-mexico.yaml").read_text(encoding="utf-8"))
    assert written["source"] is None
    # Pasting it again finds the file by its id and changes nothing.
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["import", "-", "--out", "res"]) == 0
    assert capsys.readouterr().out.startswith("unchanged res/cop-11-draft-mexico.yaml")


# --- layout detection (table) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "layout"),
    [
        ("Title\n\nThe Conference,\n\nRecalling its work,\n\n1. Decides so.\n", "blank-separated"),
        ("Title\nThe Conference,\n" + "Recalling a long paragraph of text that goes on, " * 4 + "\n" * 1
         + "1. Decides so, in a paragraph as long as a web paragraph is, " * 3 + "\n", "web"),
        ("The Conference of the Parties to the United Nations Convention,\n"
         + "Recalling the important contribution that groups outside the public\n" * 12, "wrapped"),
        ("", "blank-separated"),
    ],
)
def test_layout_detection(raw: str, layout: str) -> None:
    assert detect(list(split_lines(raw))) == layout


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # Straight and curly marks, the closing one before a footnote mark; the sentence stays.
        (
            ["The Council recommends the adoption of the following draft resolution:", '"The Assembly,',
             '"1. Urges;', '"2. Requests more."[^3]', "42nd plenary meeting"],
            ["The Council recommends the adoption of the following draft resolution:", "The Assembly,",
             "1. Urges;", "2. Requests more.[^3]", "42nd plenary meeting"],
        ),
        (
            ["Approves the following draft decisions for adoption by the Council:", "“The Council,",
             "“(a) Decides;”"],
            ["Approves the following draft decisions for adoption by the Council:", "The Council,",
             "(a) Decides;"],
        ),
        # No recommending sentence: quotation marks are the text's own.
        (['"Quoted" words,', '"1. More;"'], ['"Quoted" words,', '"1. More;"']),
        # The sentence, but the draft is not quoted: nothing to take off.
        (
            ["recommends the adoption of the following draft resolution:", "The Assembly,", "1. Urges."],
            ["recommends the adoption of the following draft resolution:", "The Assembly,", "1. Urges."],
        ),
    ],
)
def test_a_recommended_drafts_quotation_marks_are_taken_off(texts: list[str], expected: list[str]) -> None:
    blocks = tuple(Block(t, i + 1) for i, t in enumerate(texts))
    assert [b.text for b in unquote_recommended_draft(blocks)] == expected


# --- the third level of sub-paragraphs: (A) under (i) ------------------------------------------------

_THREE_LEVELS_WEB = """The General Assembly,
Recalling its resolution 76/185 of 16 December 2021,
1. Requests the Secretary-General to report on the following:
(a) The drafting of legislation, in particular:
(i) The liability of legal persons, including:
(A) Criminal, civil or administrative liability;
(B) Sanctions that are effective;
(ii) The confiscation of the proceeds of crime;
(b) The training of judges;
2. Decides to remain seized of the matter.
"""


def _ids_and_numbers(r: Resolution) -> list[tuple[str, str | None]]:
    return [(p.id, p.number) for p in r.paragraphs()]


_THREE_LEVELS_IDS = [
    ("pp-1", None), ("op-1", "1"), ("op-1-a", "a"), ("op-1-a-i", "i"), ("op-1-a-i-a", "A"),
    ("op-1-a-i-b", "B"), ("op-1-a-ii", "ii"), ("op-1-b", "b"), ("op-2", "2"),
]


@pytest.mark.parametrize("layout", ["one-per-line", "blank-separated", "flattened"])
def test_capital_letters_under_a_roman_are_the_third_level(layout: str) -> None:
    lines = ["A title", *_THREE_LEVELS_WEB.splitlines()]
    raw = {
        "one-per-line": "\n".join(lines),  # short lines of equal length: read as wrapped or as web
        "blank-separated": "\n\n".join(lines),
        "flattened": lines[0] + "\n" + " ".join(lines[1:]),
    }[layout]
    if layout != "one-per-line":
        assert normalise(raw, "x", ("General Assembly",)).layout == layout
    r, diagnostics = import_text(raw, "x.txt")
    assert _ids_and_numbers(r) == _THREE_LEVELS_IDS
    assert not [d for d in diagnostics if d.code in ("IMP007", "IMP010")], [d.format() for d in diagnostics]
    assert check_resolution(resolution_from_data(yaml_data(resolution_to_yaml(r)), "x.yaml")) == []


def test_a_capital_letter_with_no_roman_above_it_is_no_sub_paragraph() -> None:
    raw = "A title\n\nThe General Assembly,\n\n1. Requests a report:\n\n(a) On crime;\n\n(A) On fraud."
    r, diagnostics = import_text(raw, "x.txt")
    assert _ids_and_numbers(r) == [("op-1", "1"), ("op-1-a", "a")]
    assert r.operative[0].subparagraphs[0].text.endswith("(A) On fraud.")
    assert [d.code for d in diagnostics if d.code == "IMP010"] == ["IMP010"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(unclosed", "bad pattern"),
        # Joined into one alternation, a group would clash with another's or renumber \1.
        ("(x)\\1", "capturing group"),
        ("(?P<name>x)", "capturing group"),
    ],
)
def test_a_vocabulary_pattern_that_cannot_be_joined_is_refused_by_name(pattern: str, message: str) -> None:
    from generator.importer.vocabulary import _patterns

    with pytest.raises(ValueError, match=message) as refused:
        _patterns({"web_noise": ["home", pattern]}, "web_noise")
    assert "'web_noise'" in str(refused.value)


def test_the_vocabularys_patterns_hold_no_capturing_group() -> None:
    from generator.importer.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    for patterns in (vocabulary.web_noise, vocabulary.running_headers, vocabulary.own_lines):
        assert patterns and all(p.groups == 0 for p in patterns)
