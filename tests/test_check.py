"""`atlas check`: one test per diagnostic on a broken copy of a valid corpus, and the CLI around it.

Each case copies the real bodies.yaml and instruments/ plus the two fixture resolutions (trimmed from
seeds 000 and 002) into a temporary corpus, breaks one thing by a text replacement, and asserts the
diagnostic's code, its line (that of ``at`` in the broken file) and that it carries a hint.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.check import check_citations, check_corpus, load_checked_corpus
from generator.cli import main
from generator.ids import DocumentRef
from generator.model import Citation
from generator.schema.load import load_corpus

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "corpus" / "resolutions"
GOLDEN = REPO / "tests" / "golden" / "check"
ITALY = "resolutions/cop-10-draft-italy.yaml"
CO_CHAIRS = "resolutions/cop-12-draft-co-chairs.yaml"


def make_corpus(tmp_path: Path) -> Path:
    """A valid corpus: the real bodies and instruments, the fixture resolutions."""
    root = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus" / "instruments", root / "instruments")
    shutil.copy(REPO / "corpus" / "bodies.yaml", root / "bodies.yaml")
    shutil.copytree(FIXTURES, root / "resolutions")
    return root


def line_of(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


@dataclass(frozen=True)
class Case:
    code: str
    file: str
    old: str
    new: str
    # The text whose line the diagnostic must point at, in the broken file.
    at: str
    # Something the hint must say (a did-you-mean, the valid values).
    hint: str = ""
    severity: str = "error"


CASES = [
    # YAML itself
    Case("yaml-syntax", ITALY, "venue: Vienna", "venue: Vienna: Austria", "venue: Vienna", "must be quoted"),
    Case("yaml-syntax", ITALY, 'mark: "*"', "mark: *", "mark: *", 'quoted: mark: "*"'),
    Case(
        "duplicate-key", ITALY, "kind: resolution\n", "kind: resolution\nkind: decision\n", "kind: decision"
    ),
    # Schema
    Case("missing-key", ITALY, "kind: resolution\n", "", "id: cop-10", "kind: …"),
    Case(
        "missing-key",
        CO_CHAIRS,
        '      - id: annex-1-intro\n        text: "The Working',
        '      - id: annex-1-intro\n        txt: "The Working',
        "- id: annex-1-intro",
        "text: …",
    ),
    Case(
        "unknown-key", ITALY, "title: Celebrating", "tittle: Celebrating", "tittle:", "did you mean 'title'?"
    ),
    Case(
        "unknown-key", CO_CHAIRS, "    number: I\n", "    number: I\n    numbr: I\n", "numbr:", "did you mean"
    ),
    Case("wrong-type", ITALY, '    number: "1"\n', "    number: 1\n", "    number: 1\n", 'number: "1"'),
    Case("wrong-type", ITALY, "session: 10", "session: tenth", "session: tenth", "whole number"),
    Case("wrong-type", ITALY, "sponsors: [Italy]", "sponsors: [Italy, no]", "sponsors: [Italy, no]", '"no"'),
    Case("wrong-type", ITALY, "sponsors: [Italy]", "sponsors: Italy", "sponsors: Italy", "list"),
    Case("bad-paragraph-id", ITALY, "id: pp-2", "id: pp-2b", "id: pp-2b", "pp-N"),
    Case("bad-paragraph-id", CO_CHAIRS, "id: annex-1-c", "id: annex-1-C", "id: annex-1-C", "annex-K-x"),
    Case(
        "bad-date", ITALY, "distributed: 2020-09-23", "distributed: 2020-13-40", "distributed:", "YYYY-MM-DD"
    ),
    Case("bad-enum", ITALY, "status: draft", "status: adoptd", "status: adoptd", "did you mean 'adopted'?"),
    Case(
        "bad-enum", ITALY, "kind: resolution", "kind: resolutoin", "kind: resolutoin", "resolution, decision"
    ),
    Case("bad-value", ITALY, 'mark: "1"', 'mark: "1a"', 'mark: "1a"', '"1", "*"'),
    Case("duplicate-item", ITALY, "sponsors: [Italy]", "sponsors: [Italy, Italy]", "sponsors:", "remove"),
    # Ids
    Case(
        "id-mismatch",
        ITALY,
        "id: cop-10-draft-italy",
        "id: cop-10-draft-italia",
        "id: cop-10",
        "rename the file",
    ),
    Case(
        "duplicate-id", CO_CHAIRS, "id: cop-12-draft-co-chairs", "id: cop-10-draft-italy", "id: cop-10", "-2"
    ),
    Case(
        "duplicate-paragraph-id",
        ITALY,
        '  - id: pp-2\n    text: "*Recognizing*',
        '  - id: pp-1\n    text: "*Recognizing*',
        'id: pp-1\n    text: "*Recognizing*',
        "unique",
    ),
    Case(
        "duplicate-paragraph-id",
        CO_CHAIRS,
        "id: annex-1-c",
        "id: annex-1-b",
        "id: annex-1-b\n            number: c",
        "unique",
    ),
    Case("misplaced-paragraph-id", ITALY, "id: pp-2", "id: op-9", "id: op-9", "pp-N"),
    Case(
        "misplaced-heading",
        ITALY,
        '  - id: pp-2\n    text: "*Recognizing*',
        '  - id: pp-2\n    heading: A part of the preamble\n    text: "*Recognizing*',
        "heading: A part",
        "put the heading on a section",
    ),
    Case(
        "misplaced-paragraph-id",
        CO_CHAIRS,
        "id: annex-1-intro",
        "id: annex-2-intro",
        "id: annex-2-intro",
        "annex-1-intro",
    ),
    Case("subparagraph-id-prefix", ITALY, "id: op-2-b", "id: op-3-b", "id: op-3-b", "rename it to 'op-2-b'"),
    Case(
        "paragraph-number-mismatch",
        ITALY,
        "id: op-2-b\n        number: b",
        "id: op-2-b\n        number: c",
        "number: c",
        "'b'",
        "warning",
    ),
    # Bodies
    Case("unknown-body", ITALY, "body: cop", "body: cpo", "body: cpo", "did you mean 'cop'?"),
    Case(
        "unknown-recommended-to",
        ITALY,
        "recommended_to: null",
        "recommended_to: ecosco",
        "recommended_to:",
        "did you mean 'ecosoc'?",
    ),
    # Citations
    Case(
        "unknown-article",
        ITALY,
        "in particular article 16, on extradition",
        "in particular article 99 of the Convention",
        'text: "*Invites* States parties',
        "articles 1–41",
    ),
    Case(
        "unknown-article",
        CO_CHAIRS,
        "Parties are encouraged to make voluntary",
        "Recalling article 30 of the Smuggling of Migrants Protocol, "
        "parties are encouraged to make voluntary",
        "text: Recalling article 30",
        "articles 1–25",
    ),
    Case(
        "unresolvable-citation",
        ITALY,
        "continue to provide technical",
        "implement Economic and Social Council resolution 2012/[...] and to continue to provide technical",
        'text: "*Requests*',
        "once the number is known",
        "warning",
    ),
    # Footnotes
    Case(
        "footnote-missing",
        ITALY,
        "capacity-building to Member",
        "capacity-building[^4] to Member",
        'text: "*Requests*',
        'mark: "4", anchor: op-2',
    ),
    Case(
        "footnote-missing",
        CO_CHAIRS,
        "heading: General recommendations",
        "heading: General recommendations[^3]",
        "heading: General",
        "anchor: annex-1-heading-1",
    ),
    Case(
        "footnote-unused",
        ITALY,
        "Crime,[^1] and",
        "Crime, and",
        '- mark: "1"',
        "put [^1] in the text of pp-1",
    ),
    Case("footnote-bad-anchor", ITALY, "anchor: pp-1", "anchor: pp-9", "anchor: pp-9", "'pp-1'"),
    Case(
        "footnote-bad-anchor",
        CO_CHAIRS,
        "anchor: annex-1-intro",
        "anchor: annex-1-heading-3",
        "anchor: annex-1-heading-3",
        "annex-1-heading-",
    ),
    Case(
        "footnote-anchor-mismatch", ITALY, "anchor: pp-1", "anchor: pp-2", "anchor: pp-2", "set anchor: pp-1"
    ),
    Case(
        "footnote-anchor-mismatch",
        CO_CHAIRS,
        "anchor: annex-1-intro",
        "anchor: annex-1-title",
        "anchor: annex-1-title",
        "set anchor: annex-1-intro",
    ),
    Case(
        "duplicate-footnote",
        ITALY,
        "source: corpus",
        '  - {mark: "1", anchor: pp-1, text: Ibid.}\nsource: corpus',
        '{mark: "1", anchor: pp-1, text: Ibid.}',
        "one footnote per mark",
    ),
    # Instruments and bodies
    Case(
        "duplicate-article",
        "instruments/untoc.yaml",
        "- number: 3\n",
        "- number: 2\n",
        "- number: 2\n  title: Scope",
        "one entry per article",
    ),
    Case(
        "article-gap",
        "instruments/untoc.yaml",
        "- number: 13\n  title: International cooperation for purposes of confiscation\n",
        "",
        "- number: 14",
        "add article 13",
    ),
    Case(
        "article-order",
        "instruments/tip.yaml",
        "- number: 2\n  title: Statement of purpose\n- number: 3\n  title: Use of terms\n",
        "- number: 3\n  title: Use of terms\n- number: 2\n  title: Statement of purpose\n",
        "- number: 2\n",
        "in order",
        "warning",
    ),
    Case(
        "instrument-key-mismatch", "instruments/tip.yaml", "key: tip", "key: tips", "key: tips", "tips.yaml"
    ),
    Case(
        "duplicate-body",
        "bodies.yaml",
        "- key: ga",
        "- key: ecosoc",
        "- key: ecosoc\n    name: General",
        "one entry per body",
    ),
    Case(
        "ambiguous-body-name",
        "bodies.yaml",
        "short_references: [the Commission]",
        "short_references: [the Conference]",
        "short_references: [the Conference]\n    numbering: session\n  - key: ecosoc",
        "one body only",
    ),
    Case(
        "unknown-key",
        "bodies.yaml",
        "numbering: year",
        "numbring: year",
        "numbring:",
        "did you mean 'numbering'?",
    ),
    Case(
        "bad-enum",
        "bodies.yaml",
        "numbering: year",
        "numbering: yearly",
        "numbering: yearly",
        "session, year",
    ),
]


def _case_id(case: Case) -> str:
    return f"{case.code}-{case.file.split('/')[-1].split('.')[0]}-{case.new[:20]}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_broken_copy_is_reported_at_its_line(tmp_path: Path, case: Case) -> None:
    root = make_corpus(tmp_path)
    path = root / case.file
    text = path.read_text(encoding="utf-8")
    assert case.old in text, f"the fixture no longer holds {case.old!r}"
    broken = text.replace(case.old, case.new, 1)
    path.write_text(broken, encoding="utf-8")

    report = check_corpus(root)

    found = [d for d in report if d.code == case.code and d.path == str(path)]
    assert found, f"no {case.code} in:\n{report.format()}"
    expected_line = line_of(broken, case.at)
    at_line = [d for d in found if d.line == expected_line]
    assert at_line, f"{case.code} at lines {[d.line for d in found]}, expected {expected_line}"
    diagnostic = at_line[0]
    assert diagnostic.severity == case.severity
    assert diagnostic.column is not None and diagnostic.column >= 1
    assert diagnostic.hint and case.hint in diagnostic.hint, diagnostic.hint
    assert report.ok is (case.severity == "warning")


def test_the_valid_fixture_corpus_passes(tmp_path: Path) -> None:
    report = check_corpus(make_corpus(tmp_path))
    assert list(report) == [], report.format()


def test_whole_file_problems(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    resolutions = root / "resolutions"
    (resolutions / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    (resolutions / "list.yaml").write_text("- id: x\n- id: y\n", encoding="utf-8")
    (resolutions / "binary.yaml").write_bytes(b"id: \xff\xfe\n")
    (resolutions / "control.yaml").write_text("id: x\ntitle: a\x07b\n", encoding="utf-8")
    (resolutions / "cop-res-5-1.yml").write_text("id: cop-res-5-1\n", encoding="utf-8")
    (resolutions / "huge.yaml").write_bytes(b"id: x\n" + b"#" * (17 * 1024 * 1024))
    report = check_corpus(root)
    codes = {(Path(d.path).name, d.code, d.line) for d in report}
    assert ("empty.yaml", "empty-file", 1) in codes
    assert ("list.yaml", "not-a-mapping", 1) in codes
    assert ("binary.yaml", "read-error", 1) in codes
    assert ("control.yaml", "yaml-syntax", 2) in codes
    assert ("cop-res-5-1.yml", "ignored-file", None) in codes
    assert ("huge.yaml", "file-too-large", None) in codes
    assert all(d.hint for d in report)


def test_missing_corpus_pieces(tmp_path: Path) -> None:
    report = check_corpus(tmp_path / "nowhere")
    assert [d.code for d in report] == ["missing-corpus"]

    root = make_corpus(tmp_path)
    (root / "bodies.yaml").unlink()
    shutil.rmtree(root / "resolutions")
    report = check_corpus(root)
    codes = {d.code: d.severity for d in report}
    assert codes["missing-file"] == "error"
    assert codes["missing-directory"] == "warning"
    # Without bodies.yaml, "unknown body" would be said of every resolution: it is not.
    assert "unknown-body" not in codes


def test_an_invalid_file_does_not_hide_the_others(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    italy = root / ITALY
    italy.write_text(
        italy.read_text(encoding="utf-8").replace("status: draft", "status: [draft"), encoding="utf-8"
    )
    corpus, report = load_corpus(root)
    assert [r.id for r in corpus.resolutions] == ["cop-12-draft-co-chairs"]
    assert [(d.path, d.code) for d in report.errors] == [(str(italy), "yaml-syntax")]


def test_all_problems_are_listed_together(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    italy = root / ITALY
    text = italy.read_text(encoding="utf-8")
    text = text.replace("body: cop", "body: cpo").replace("anchor: pp-1", "anchor: pp-9")
    italy.write_text(text, encoding="utf-8")
    chairs = root / CO_CHAIRS
    chairs.write_text(
        chairs.read_text(encoding="utf-8").replace("title: Impl", "tittle: Impl"), encoding="utf-8"
    )
    report = check_corpus(root)
    assert {d.code for d in report.errors} == {
        "unknown-body",
        "footnote-bad-anchor",
        "unknown-key",
        "missing-key",
    }


def test_raw_html_in_text_is_not_a_problem(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    italy = root / ITALY
    text = italy.read_text(encoding="utf-8").replace(
        "fight transnational", "fight <script>alert(1)</script> <b>transnational"
    )
    italy.write_text(text, encoding="utf-8")
    assert list(check_corpus(root)) == []


def test_a_cited_body_missing_from_bodies_yaml(tmp_path: Path) -> None:
    # The real finder only returns bodies it knows; a finder that does not is caught all the same.
    def finder(text: str, **_: object) -> list[Citation]:
        if "9/1" not in text:
            return []
        start = text.index("resolution 9/1")
        return [Citation(DocumentRef("unep", "resolution", "9/1"), start, start + 14, "resolution 9/1")]

    corpus, report = load_checked_corpus(make_corpus(tmp_path), finder)
    [diagnostic] = check_citations(corpus, finder)
    path = REPO / "tests" / "fixtures" / "corpus" / CO_CHAIRS
    assert diagnostic.code == "unknown-cited-body"
    assert diagnostic.line == line_of(path.read_text(encoding="utf-8"), "text: >-")
    assert diagnostic.hint and "bodies.yaml" in diagnostic.hint
    assert diagnostic in report.errors


def test_a_crashing_finder_is_a_diagnostic_not_a_traceback(tmp_path: Path) -> None:
    def finder(text: str, **_: object) -> list[Citation]:
        raise RuntimeError("boom")

    corpus, _ = load_corpus(make_corpus(tmp_path))
    diagnostics = check_citations(corpus, finder)
    assert diagnostics and {d.code for d in diagnostics} == {"citation-finder-failed"}
    assert all(d.line for d in diagnostics)


# --- The command ----------------------------------------------------------------------------------


def test_atlas_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_corpus(tmp_path)
    assert main(["check", str(root)]) == 0
    assert "corpus OK" in capsys.readouterr().err

    italy = root / ITALY
    italy.write_text(italy.read_text(encoding="utf-8").replace("body: cop", "body: cpo"), encoding="utf-8")
    assert main(["check", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"{italy}:4:1: error [unknown-body] unknown body 'cpo'" in err
    assert "did you mean 'cop'?" in err


def test_warnings_alone_do_not_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_corpus(tmp_path)
    italy = root / ITALY
    italy.write_text(italy.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    assert main(["check", str(root)]) == 0
    err = capsys.readouterr().err
    assert "warning [missing-schema-reference]" in err and "corpus OK" in err


def test_a_file_that_is_not_read_is_an_error_naming_it(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    resolutions = root / "resolutions"
    (resolutions / "notes.txt").write_text("curating notes\n", encoding="utf-8")
    valid = (root / ITALY).read_text(encoding="utf-8")
    for name in (".x.yaml", "..x.yaml", "...yaml", "cop-10-draft-italy-2.yml"):
        (resolutions / name).write_text(valid, encoding="utf-8")
    (resolutions / "folder.yaml").mkdir()
    (resolutions / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(resolutions / "pipe.yaml")
    report = check_corpus(root)
    found = {Path(d.path).name: (d.code, d.severity) for d in report}
    assert found == {
        "notes.txt": ("ignored-file", "error"),
        ".x.yaml": ("hidden-file", "error"),
        "..x.yaml": ("hidden-file", "error"),
        "...yaml": ("hidden-file", "error"),
        "cop-10-draft-italy-2.yml": ("ignored-file", "error"),
        "folder.yaml": ("not-a-file", "error"),
        "dangling.yaml": ("broken-link", "error"),
        "pipe.yaml": ("not-a-file", "error"),
    }, report.format()
    by_name = {Path(d.path).name: d for d in report}
    assert "rename it to cop-10-draft-italy-2.yaml" in (by_name["cop-10-draft-italy-2.yml"].hint or "")
    assert "directory" in by_name["folder.yaml"].message
    assert "nowhere.yaml" in by_name["dangling.yaml"].message
    assert all(d.hint for d in report)


def test_a_link_out_of_the_corpus_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(root / CO_CHAIRS, elsewhere / "cop-12-draft-co-chairs-2.yaml")
    (root / "resolutions" / "y.yaml").symlink_to(secret)
    (root / "resolutions" / "cop-12-draft-co-chairs-2.yaml").symlink_to(
        elsewhere / "cop-12-draft-co-chairs-2.yaml"
    )
    # A link that stays inside the corpus is only a file under another name.
    (root / "resolutions" / "inside.yaml").symlink_to(root / "bodies.yaml")
    corpus, report = load_corpus(root)
    codes = {Path(d.path).name: d.code for d in report.errors}
    assert codes["y.yaml"] == "link-outside-corpus"
    assert codes["cop-12-draft-co-chairs-2.yaml"] == "link-outside-corpus"
    assert "inside.yaml" in codes and codes["inside.yaml"] != "link-outside-corpus"
    assert "hunter2" not in report.format() and "password" not in report.format()
    assert [r.id for r in corpus.resolutions] == ["cop-10-draft-italy", "cop-12-draft-co-chairs"]


def test_a_byte_order_mark_does_not_hide_the_schema_line(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    italy = root / ITALY
    italy.write_bytes(b"\xef\xbb\xbf" + italy.read_bytes())
    assert list(check_corpus(root)) == []


def test_atlas_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_corpus(tmp_path)
    italy = root / ITALY
    text = italy.read_text(encoding="utf-8").replace("title: Celebrating", "tittle: Celebrating")
    italy.write_text(text, encoding="utf-8")
    assert main(["check", str(root), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert (out["ok"], out["errors"]) == (False, 2)
    unknown = next(d for d in out["diagnostics"] if d["code"] == "unknown-key")
    assert unknown == {
        "path": str(italy),
        "line": line_of(text, "tittle:"),
        "column": 1,
        "code": "unknown-key",
        "message": "unknown key 'tittle'",
        "hint": "did you mean 'title'?",
        "severity": "error",
    }


def test_report_text_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a person reads for a file with several problems; regenerate with UPDATE_GOLDEN=1."""
    root = make_corpus(tmp_path)
    italy = root / ITALY
    text = italy.read_text(encoding="utf-8")
    # Schema errors in one file (which leave it out of the corpus), rule errors in the other.
    for old, new in [
        ("distributed: 2020-09-23", "distributed: 2020-09-31"),
        ("status: draft", "status: adoptd"),
        ('    number: "1"\n', "    number: 1\n"),
        ("title: Celebrating", "tittle: Celebrating"),
    ]:
        text = text.replace(old, new, 1)
    italy.write_text(text, encoding="utf-8")
    chairs = root / CO_CHAIRS
    text = chairs.read_text(encoding="utf-8")
    for old, new in [
        ("body: cop", "body: cpo"),
        ("id: annex-1-c", "id: annex-1-b"),
        ("anchor: annex-1-intro", "anchor: annex-1-title"),
        ("resolution 9/1 of", "resolution 9/1 and article 99 of the Convention of"),
    ]:
        text = text.replace(old, new, 1)
    chairs.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    actual = check_corpus(Path("corpus")).format() + "\n"
    golden = GOLDEN / "broken-report.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == actual


# --- The real corpus ------------------------------------------------------------------------------


def test_the_real_corpus_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    if not any((REPO / "corpus" / "resolutions").glob("*.yaml")):
        pytest.skip("corpus/resolutions/ is still empty: nothing imported yet")
    monkeypatch.chdir(REPO)
    report = check_corpus(Path("corpus"))
    assert report.ok, report.format()
    # Never an unexplained warning on the real corpus: each is a placeholder citation (003's 2012/[...]).
    assert {d.code for d in report.warnings} <= {"unresolvable-citation"}, report.format()


def test_diagnostic_codes_are_documented() -> None:
    import generator.check

    documented = generator.check.__doc__ or ""
    for case in CASES:
        assert f"\n{case.code} " in documented, case.code
    for code in [
        "empty-file",
        "not-a-mapping",
        "read-error",
        "ignored-file",
        "missing-corpus",
        "missing-file",
        "missing-directory",
        "unknown-cited-body",
        "citation-finder-failed",
        "unknown-instrument",
        "missing-schema-reference",
        "wrong-schema-reference",
        "no-resolutions",
        "hidden-file",
        "not-a-file",
        "broken-link",
        "link-outside-corpus",
        "file-too-large",
        "yaml-too-deep",
        "yaml-too-many-aliases",
        "yaml-too-large",
        "yaml-alias-cycle",
        "yaml-tag",
        "yaml-number",
    ]:
        assert f"\n{code} " in documented, code


def test_heading_anchors_count_sections_as_the_importer_does() -> None:
    from generator.schema.load import resolution_from_data
    from generator.schema.rules import check_resolution, elements

    data = {
        "id": "cop-res-9-9",
        "body": "cop",
        "kind": "resolution",
        "status": "adopted",
        "title": "Annexed",
        "annexes": [
            {
                "id": "annex-1",
                "number": None,
                "title": None,
                "sections": [
                    {"heading": None, "paragraphs": [{"id": "annex-1-a", "number": "a", "text": "First;"}]},
                    {
                        "heading": "Other matters[^1]",
                        "paragraphs": [{"id": "annex-1-b", "number": "b", "text": "Then."}],
                    },
                ],
            }
        ],
        "footnotes": [{"mark": "1", "anchor": "annex-1-heading-2", "text": "A note."}],
    }
    res = resolution_from_data(data, "synthetic/cop-res-9-9.yaml")
    assert res.annexes[0].number == ""
    assert "annex-1-heading-2" in elements(res) and "annex-1-heading-1" not in elements(res)
    assert check_resolution(res) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("number: 5/1", "number: 5/2", "names cop resolution 5/1, but the text is cop resolution 5/2"),
        ("status: adopted\nnumber: 5/1", "status: draft", "but the text is a draft resolution"),
    ],
)
def test_an_adopted_id_must_spell_the_texts_number(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    root = make_corpus(tmp_path)
    seed = (REPO / "corpus" / "resolutions" / "cop-res-5-1.yaml").read_text(encoding="utf-8")
    assert old in seed
    broken = seed.replace(old, new, 1)
    (root / "resolutions" / "cop-res-5-1.yaml").write_text(broken, encoding="utf-8")
    found = [d for d in check_corpus(root) if d.code == "id-number-mismatch"]
    assert len(found) == 1, found
    assert message in found[0].message and found[0].severity == "warning"
    assert found[0].line == line_of(broken, "id: cop-res-5-1")
    assert "permanent URL" in found[0].hint


def test_ids_that_spell_their_number_raise_no_warning(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    shutil.copy(REPO / "corpus" / "resolutions" / "cop-res-5-1.yaml", root / "resolutions")
    assert not [d for d in check_corpus(root) if d.code == "id-number-mismatch"]
