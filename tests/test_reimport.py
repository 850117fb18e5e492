"""Re-import: curated fields survive, --force overwrites them, --dry-run writes nothing, ids never change."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from yaml_data import yaml_data

from generator.cli import main
from generator.diagnostics import Report
from generator.importer.emit import import_files
from generator.importer.merge import MISSING, canonical, fingerprint, merge

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpus" / "raw"
SEED_000 = "000_a0a79015d9b2e08c.txt"
SEED_004 = "004_cbf27e0216005652.txt"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus checkout in miniature: raw texts in corpus/raw, output in corpus/resolutions."""
    (tmp_path / "corpus" / "raw").mkdir(parents=True)
    for seed in RAW.glob("*.txt"):
        shutil.copy(seed, tmp_path / "corpus" / "raw" / seed.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*names: str, force: bool = False, dry_run: bool = False) -> tuple[Report, list[str]]:
    echoed: list[str] = []
    report = import_files(
        [Path("corpus/raw") / n for n in names],
        Path("corpus/resolutions"),
        force=force,
        dry_run=dry_run,
        echo=echoed.append,
    )
    return report, echoed


def out(name: str) -> Path:
    return Path("corpus/resolutions") / name


def load(name: str) -> dict[str, Any]:
    data = yaml_data(out(name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def edit(name: str, pattern: str, replacement: str) -> None:
    path = out(name)
    text, n = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert n == 1, pattern
    path.write_text(text, encoding="utf-8")


def edit_raw(name: str, old: str, new: str) -> None:
    path = Path("corpus/raw") / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- first import ---------------------------------------------------------------------------------


def test_first_import_writes_one_file_per_raw_text(workdir: Path) -> None:
    report, echoed = run(*sorted(p.name for p in Path("corpus/raw").glob("*.txt")))
    assert report.ok and len(report) == 0
    assert sorted(p.name for p in Path("corpus/resolutions").glob("*.yaml")) == [
        "ccpcj-revised-draft-italy.yaml",
        "cop-10-draft-italy.yaml",
        "cop-12-draft-co-chairs.yaml",
        "cop-res-5-1.yaml",
    ]
    assert echoed[0] == (
        "created corpus/resolutions/cop-10-draft-italy.yaml "
        "(15 preambular, 13 operative paragraphs, 0 annexes, 2 footnotes)"
    )


def test_written_file_has_modeline_fingerprints_and_source(workdir: Path) -> None:
    run(SEED_004)
    text = out("cop-res-5-1.yaml").read_text(encoding="utf-8")
    assert (
        text.splitlines()[0]
        == "# yaml-language-server: $schema=../../generator/schema/resolution.schema.json"
    )
    data = load("cop-res-5-1.yaml")
    assert data["source"] == "corpus/raw/004_cbf27e0216005652.txt"
    assert data["id"] == "cop-res-5-1"
    assert data["imported"]["importer"] == 1
    prints = data["imported"]["fingerprints"]
    fields = [k for k in data if k not in ("imported", "dates", "preamble", "operative")]
    fields += ["dates.distributed", "dates.adopted"]
    fields += [f"{part}.{p['id']}" for part in ("preamble", "operative") for p in data[part]]
    assert sorted(prints) == sorted(fields)
    assert prints["operative.op-3"] == fingerprint(data["operative"][2])
    assert all(re.fullmatch(r"[0-9a-f]{12}", v) for v in prints.values())
    assert prints["title"] == fingerprint(data["title"])
    assert prints["dates.adopted"] == fingerprint(None)
    assert list(data)[-2:] == ["source", "imported"]


def test_reimport_of_an_unchanged_text_changes_nothing(workdir: Path) -> None:
    run(SEED_004)
    before = out("cop-res-5-1.yaml").read_bytes()
    report, echoed = run(SEED_004)
    assert report.ok and len(report) == 0
    assert echoed == ["unchanged corpus/resolutions/cop-res-5-1.yaml"]
    assert out("cop-res-5-1.yaml").read_bytes() == before


# --- curated fields -------------------------------------------------------------------------------


def test_curated_date_and_symbol_survive_reimport(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^  adopted: null$", "  adopted: 2010-10-22")
    edit("cop-res-5-1.yaml", r"^symbol: null$", "symbol: CTOC/COP/2010/17")
    # Meanwhile the raw text is corrected: the imported fields follow it.
    edit_raw(SEED_004, "Mindful of the importance", "Mindful also of the importance")

    report, echoed = run(SEED_004)

    data = load("cop-res-5-1.yaml")
    assert data["dates"] == {"distributed": None, "adopted": dt.date(2010, 10, 22)}
    assert data["symbol"] == "CTOC/COP/2010/17"
    assert data["preamble"][1]["text"].startswith("*Mindful also* of the importance")
    assert echoed == ["updated corpus/resolutions/cop-res-5-1.yaml: preamble.pp-2"]
    assert report.ok  # kept hand edits are warnings, not errors
    warnings = {d.message: d for d in report.warnings}
    assert set(warnings) == {
        "'symbol' was edited by hand and is kept; the import would change it",
        "'dates.adopted' was edited by hand and is kept; the import would change it",
    }
    symbol = warnings["'symbol' was edited by hand and is kept; the import would change it"]
    assert (symbol.code, symbol.path, symbol.line) == ("IMP101", "corpus/resolutions/cop-res-5-1.yaml", 9)
    assert symbol.hint is not None
    assert "--force" in symbol.hint
    assert "-symbol: CTOC/COP/2010/17" in symbol.hint and "+symbol: null" in symbol.hint


def test_kept_fields_stay_curated_at_every_later_reimport(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^  adopted: null$", "  adopted: 2010-10-22")
    run(SEED_004)
    report, echoed = run(SEED_004)
    assert load("cop-res-5-1.yaml")["dates"]["adopted"] == dt.date(2010, 10, 22)
    assert [d.code for d in report] == ["IMP101"]
    assert echoed == ["unchanged corpus/resolutions/cop-res-5-1.yaml (kept 1 field(s) edited by hand)"]


def test_force_overwrites_curated_fields(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^title: .*$", "title: A title edited by hand")
    edit("cop-res-5-1.yaml", r"^  adopted: null$", "  adopted: 2010-10-22")
    report, echoed = run(SEED_004, force=True)
    data = load("cop-res-5-1.yaml")
    assert data["title"].startswith("Ensuring effective implementation")
    assert data["dates"]["adopted"] is None
    assert len(report) == 0
    assert echoed[0] == "updated corpus/resolutions/cop-res-5-1.yaml: dates.adopted, title"
    assert "  overwrote 'title', edited by hand (--force)" in echoed


def test_editing_back_to_the_imported_value_is_not_a_conflict(workdir: Path) -> None:
    run(SEED_004)
    data = load("cop-res-5-1.yaml")
    edit("cop-res-5-1.yaml", r"^venue: null$", "venue: Vienna")
    edit("cop-res-5-1.yaml", r"^venue: Vienna$", "venue: null")
    report, _ = run(SEED_004)
    assert len(report) == 0
    assert load("cop-res-5-1.yaml") == data


def test_the_id_never_changes_and_the_file_is_found_by_its_source(workdir: Path) -> None:
    run(SEED_000)
    # The raw text now names another sponsor: a fresh import would be cop-10-draft-france.
    edit_raw(SEED_000, "Italy: draft resolution", "France: draft resolution")
    report, echoed = run(SEED_000)
    assert report.ok
    assert sorted(p.name for p in Path("corpus/resolutions").glob("*.yaml")) == ["cop-10-draft-italy.yaml"]
    data = load("cop-10-draft-italy.yaml")
    assert (data["id"], data["sponsors"]) == ("cop-10-draft-italy", ["France"])
    assert echoed == ["updated corpus/resolutions/cop-10-draft-italy.yaml: sponsors"]


def test_an_id_edited_by_hand_is_kept(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^id: cop-res-5-1$", "id: cop-res-5-1-renamed")
    report, _ = run(SEED_004, force=True)
    assert load("cop-res-5-1.yaml")["id"] == "cop-res-5-1-renamed"
    # The file no longer matches its name: the import says so, as `atlas check` would.
    assert sorted(d.code for d in report.errors) == ["IMP300", "id-mismatch"]


def test_keys_added_by_hand_are_kept_and_deleted_fields_restored(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^venue: null\n", "")
    edit("cop-res-5-1.yaml", r"^source: ", "notes: checked against the official PDF\nsource: ")
    report, echoed = run(SEED_004)
    data = load("cop-res-5-1.yaml")
    assert data["venue"] is None
    assert data["notes"] == "checked against the official PDF"
    # The curator's key stays where the curator put it.
    assert list(data)[-3:] == ["notes", "source", "imported"]
    assert echoed == ["updated corpus/resolutions/cop-res-5-1.yaml: venue"]
    # A key the format does not have is kept, and reported as `atlas check` reports it.
    assert sorted(d.code for d in report.errors) == ["IMP300", "unknown-key"]
    (unknown,) = [d for d in report.errors if d.code == "unknown-key"]
    lines = out("cop-res-5-1.yaml").read_text(encoding="utf-8").splitlines()
    assert unknown.line is not None and lines[unknown.line - 1].startswith("notes:")


def test_a_second_text_with_the_same_id_gets_a_suffix(workdir: Path) -> None:
    shutil.copy(Path("corpus/raw") / SEED_000, Path("corpus/raw") / "005_second_italian_draft.txt")
    report, _ = run(SEED_000, "005_second_italian_draft.txt")
    assert report.ok
    assert load("cop-10-draft-italy-2.yaml")["id"] == "cop-10-draft-italy-2"
    assert load("cop-10-draft-italy-2.yaml")["source"] == "corpus/raw/005_second_italian_draft.txt"
    # Re-importing both finds each file by its source again.
    _, echoed = run(SEED_000, "005_second_italian_draft.txt")
    assert echoed == [
        "unchanged corpus/resolutions/cop-10-draft-italy.yaml",
        "unchanged corpus/resolutions/cop-10-draft-italy-2.yaml",
    ]


# --- dry run --------------------------------------------------------------------------------------


def test_dry_run_writes_nothing_for_a_new_file(workdir: Path) -> None:
    report, echoed = run(SEED_004, dry_run=True)
    assert report.ok
    assert echoed == [
        "would create corpus/resolutions/cop-res-5-1.yaml "
        "(12 preambular, 11 operative paragraphs, 0 annexes, 2 footnotes)"
    ]
    assert not Path("corpus/resolutions").exists()


def test_dry_run_shows_the_changes_and_writes_nothing(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^symbol: null$", "symbol: CTOC/COP/2010/17")
    edit_raw(SEED_004, "Resolution 5/1", "Resolution 5/2")
    before = out("cop-res-5-1.yaml").read_bytes()

    report, echoed = run(SEED_004, dry_run=True)

    assert out("cop-res-5-1.yaml").read_bytes() == before
    assert echoed[0] == "would update corpus/resolutions/cop-res-5-1.yaml: number"
    assert "      -number: 5/1" in echoed[1] and "      +number: 5/2" in echoed[1]
    assert [d.code for d in report] == ["IMP101"]


def test_dry_run_with_force_lists_curated_fields_among_the_changes(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^symbol: null$", "symbol: CTOC/COP/2010/17")
    before = out("cop-res-5-1.yaml").read_bytes()
    report, echoed = run(SEED_004, dry_run=True, force=True)
    assert out("cop-res-5-1.yaml").read_bytes() == before
    assert echoed[0] == "would update corpus/resolutions/cop-res-5-1.yaml: symbol"
    assert len(report) == 0


# --- bad files ------------------------------------------------------------------------------------


def test_a_missing_raw_file_is_an_error_and_the_others_are_imported(workdir: Path) -> None:
    report, echoed = run("nope.txt", SEED_004)
    (error,) = report.errors
    assert (error.code, error.path) == ("IMP000", "corpus/raw/nope.txt")
    assert echoed == [
        "created corpus/resolutions/cop-res-5-1.yaml "
        "(12 preambular, 11 operative paragraphs, 0 annexes, 2 footnotes)"
    ]


def test_damaged_utf8_is_an_error_and_nothing_is_written(workdir: Path) -> None:
    # Issue 8: never import damaged text with exit 0 (it used to be replaced by U+FFFD, with a warning).
    raw = Path("corpus/raw") / SEED_004
    raw.write_bytes(raw.read_bytes().replace(b"Reaffirming", b"Reaffirm\xffing", 1))
    report, _ = run(SEED_004)
    assert [(d.code, d.severity, d.line) for d in report if d.code == "IMP000"] == [("IMP000", "error", 13)]
    assert not out("cop-res-5-1.yaml").exists()


def test_an_unreadable_existing_file_is_not_overwritten_without_force(workdir: Path) -> None:
    run(SEED_004)
    out("cop-res-5-1.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    report, echoed = run(SEED_004)
    (error,) = report.errors
    assert (error.code, error.path) == ("IMP100", "corpus/resolutions/cop-res-5-1.yaml")
    assert out("cop-res-5-1.yaml").read_text(encoding="utf-8") == "id: [unclosed\n"
    assert echoed == []
    report, echoed = run(SEED_004, force=True)
    assert report.ok
    assert load("cop-res-5-1.yaml")["id"] == "cop-res-5-1"


def test_import_errors_in_the_raw_text_are_reported_and_nothing_written(workdir: Path) -> None:
    # Issue 8: a text read with errors is not written, unless --keep-partial.
    (Path("corpus/raw") / "bad.txt").write_text("Distr.: Limited\n\nThe Assembly of Nobody,\n\n1. Decides.\n")
    report, echoed = run("bad.txt")
    assert {d.code for d in report.errors} == {"IMP001", "IMP004"}
    assert all(d.path == "corpus/raw/bad.txt" for d in report.errors)
    assert echoed == ["not written: corpus/raw/bad.txt (2 error(s); --keep-partial writes what was read)"]
    assert not Path("corpus/resolutions").exists()
    report = import_files([Path("corpus/raw/bad.txt")], Path("corpus/resolutions"), keep_partial=True,
                          echo=echoed.append)
    assert echoed[-1].startswith(
        "created corpus/resolutions/assembly-of-nobody-draft.yaml (0 preambular, 1 operative"
    )


def test_an_internal_error_is_reported_and_the_other_files_still_imported(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.importer import emit

    real = emit.import_texts

    def failing(text: str, source: str) -> Any:
        if source.endswith(SEED_000):
            raise RuntimeError("boom")
        return real(text, source)

    monkeypatch.setattr(emit, "import_texts", failing)
    report, echoed = run(SEED_000, SEED_004)
    (error,) = report.errors
    assert (error.code, error.path) == ("IMP199", f"corpus/raw/{SEED_000}")
    assert "RuntimeError: boom" in error.message
    assert len(echoed) == 1 and echoed[0].startswith("created corpus/resolutions/cop-res-5-1.yaml")


# --- the command ----------------------------------------------------------------------------------


def test_cli_import_exit_status_and_output(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", f"corpus/raw/{SEED_004}"]) == 0
    assert capsys.readouterr().out.startswith("created corpus/resolutions/cop-res-5-1.yaml (12 preambular")
    edit("cop-res-5-1.yaml", r"^  adopted: null$", "  adopted: 2010-10-22")
    assert main(["import", f"corpus/raw/{SEED_004}", "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert "IMP101" in captured.err and "--force" in captured.err
    assert main(["import", "corpus/raw/missing.txt", "--out", "elsewhere"]) == 1
    assert "IMP000" in capsys.readouterr().err


# --- merge, field by field (table) ----------------------------------------------------------------

IMPORTED = {"id": "x", "title": "New", "dates": {"distributed": None, "adopted": None}}


def _file(title: str, adopted: object, recorded: dict[str, object]) -> dict[str, Any]:
    prints = {"id": fingerprint("x"), "dates.distributed": fingerprint(None), **recorded}
    return {
        "id": "x",
        "title": title,
        "dates": {"distributed": None, "adopted": adopted},
        "imported": {"importer": 1, "fingerprints": prints},
    }


@pytest.mark.parametrize(
    ("current", "force", "title", "adopted", "kept"),
    [
        pytest.param(
            _file("Old", None, {"title": fingerprint("Old"), "dates.adopted": fingerprint(None)}),
            False,
            "New",
            None,
            [],
            id="not edited: takes the import",
        ),
        pytest.param(
            _file("Mine", None, {"title": fingerprint("Old"), "dates.adopted": fingerprint(None)}),
            False,
            "Mine",
            None,
            ["title"],
            id="edited: kept",
        ),
        pytest.param(
            _file("Mine", None, {"title": fingerprint("Old"), "dates.adopted": fingerprint(None)}),
            True,
            "New",
            None,
            [],
            id="edited, --force: overwritten",
        ),
        pytest.param(
            _file(
                "Old",
                dt.date(2010, 10, 22),
                {"title": fingerprint("Old"), "dates.adopted": fingerprint(None)},
            ),
            False,
            "New",
            dt.date(2010, 10, 22),
            ["dates.adopted"],
            id="a date curated alone",
        ),
        pytest.param(
            _file("Old", None, {}), False, "Old", None, ["title"], id="no fingerprint: treated as curated"
        ),
        pytest.param(_file("New", None, {}), False, "New", None, [], id="same value: no conflict"),
    ],
)
def test_merge(current: dict[str, Any], force: bool, title: str, adopted: object, kept: list[str]) -> None:
    merged = merge(current, IMPORTED, force=force)
    assert merged.plain["title"] == title
    assert merged.plain["dates"] == {"distributed": None, "adopted": adopted}
    assert [c.field for c in merged.kept] == kept
    # Fingerprints are always those of the imported values, so a kept edit stays recognisable.
    assert merged.fingerprints == {
        "id": fingerprint("x"),
        "title": fingerprint("New"),
        "dates.distributed": fingerprint(None),
        "dates.adopted": fingerprint(None),
    }


def test_merge_reports_a_missing_field_as_restored() -> None:
    merged = merge({"id": "x", "dates": {"distributed": None, "adopted": None}}, IMPORTED)
    (change,) = merged.changes
    assert (change.field, change.old, change.new, change.applied) == ("title", MISSING, "New", True)


@pytest.mark.parametrize(
    ("a", "b"),
    [(dt.date(2020, 9, 23), "2020-09-23"), ({"b": 1, "a": [1, "x"]}, {"a": [1, "x"], "b": 1})],
)
def test_canonical_json_does_not_depend_on_spelling(a: object, b: object) -> None:
    assert canonical(a) == canonical(b)


# --- what curators wrote survives (round-trip editing) -----------------------------------------------


def test_comments_key_order_and_quoting_survive_a_reimport(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^venue: null$", "venue: null  # checked: the text names no venue")
    edit("cop-res-5-1.yaml", r"^symbol: null$", "# the symbol is on the cover page\nsymbol: null")
    edit("cop-res-5-1.yaml", r"^number: 5/1$", 'number: "5/1"  # quoted by the curator')
    edit("cop-res-5-1.yaml", r"^  - id: pp-3$", "  # pp-3 read against the PDF\n  - id: pp-3")
    edit_raw(SEED_004, "Mindful of the importance", "Mindful also of the importance")
    before = out("cop-res-5-1.yaml").read_text(encoding="utf-8").splitlines()

    report, echoed = run(SEED_004)

    assert report.ok and echoed == ["updated corpus/resolutions/cop-res-5-1.yaml: preamble.pp-2"]
    after = out("cop-res-5-1.yaml").read_text(encoding="utf-8").splitlines()
    # Exactly one line changed: the paragraph's text, and its fingerprint.
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 2, changed
    assert "Mindful also" in changed[0][1] and "preamble.pp-2:" in changed[1][1]
    assert "venue: null  # checked: the text names no venue" in after
    assert "# the symbol is on the cover page" in after
    assert 'number: "5/1"  # quoted by the curator' in after
    assert "  # pp-3 read against the PDF" in after


def test_a_curated_paragraph_protects_only_itself(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"\*Reaffirming\* the importance", "*Reaffirming* (curated) the importance")
    edit_raw(SEED_004, "Mindful of the importance", "Mindful also of the importance")
    edit_raw(SEED_004, "Reaffirming the importance", "Reaffirming again the importance")
    edit_raw(SEED_004, "to continue its work to address", "to continue strongly its work to address")

    report, echoed = run(SEED_004)

    data = load("cop-res-5-1.yaml")
    assert data["preamble"][1]["text"].startswith("*Mindful also* of")  # updated
    assert data["preamble"][2]["text"].startswith("*Reaffirming* (curated) the importance")  # kept
    assert "strongly" in data["operative"][1]["text"]  # the operative part follows the import
    assert echoed == ["updated corpus/resolutions/cop-res-5-1.yaml: preamble.pp-2, operative.op-2"]
    (kept,) = report.warnings
    assert kept.code == "IMP101" and "'preamble.pp-3' was edited by hand" in kept.message
    assert kept.line == line_of_text(out("cop-res-5-1.yaml"), "- id: pp-3")
    # At the next re-import it is still recognised as curated.
    report, _ = run(SEED_004)
    assert [d.message for d in report.warnings] == [kept.message]


def test_a_paragraph_added_by_hand_stays_and_one_gone_from_the_text_goes(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^operative:$", "  - id: pp-13\n    text: Added by a curator.\noperative:")
    edit_raw(SEED_004, "Mindful of the importance", "Mindful also of the importance")
    run(SEED_004)
    assert [p["id"] for p in load("cop-res-5-1.yaml")["preamble"]][-2:] == ["pp-12", "pp-13"]
    # The raw text loses its last preambular paragraph: the imported pp-12 goes, pp-13 stays.
    raw = Path("corpus/raw") / SEED_004
    text = raw.read_text(encoding="utf-8")
    start = text.index("Noting with interest the launch")
    raw.write_text(text[:start] + text[text.index("1. *Reaffirms*"):], encoding="utf-8")
    _, echoed = run(SEED_004)
    assert [p["id"] for p in load("cop-res-5-1.yaml")["preamble"]][-2:] == ["pp-11", "pp-13"]
    assert "preamble.pp-12" in echoed[0]


def test_dry_run_shows_every_change_of_the_file_comments_included(workdir: Path) -> None:
    run(SEED_004)
    edit("cop-res-5-1.yaml", r"^venue: null$", "venue: null  # checked")
    edit_raw(SEED_004, "Mindful of the importance", "Mindful also of the importance")
    before = out("cop-res-5-1.yaml").read_bytes()
    _, echoed = run(SEED_004, dry_run=True)
    assert out("cop-res-5-1.yaml").read_bytes() == before
    assert echoed[0] == "would update corpus/resolutions/cop-res-5-1.yaml: preamble.pp-2"
    diff = echoed[1]
    assert "--- cop-res-5-1.yaml (now)" in diff and "+++ cop-res-5-1.yaml (after import)" in diff
    lines = [line.removeprefix("      ") for line in diff.splitlines()]
    removed = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 2  # the paragraph and its fingerprint, nothing else
    assert not any("# checked" in line for line in removed)


def test_a_file_fingerprinted_before_paragraphs_were_is_merged_conservatively(workdir: Path) -> None:
    run(SEED_004)
    text = out("cop-res-5-1.yaml").read_text(encoding="utf-8")
    data = load("cop-res-5-1.yaml")
    # Rewrite the fingerprints as an earlier importer wrote them: one for the whole list.
    text = re.sub(r"^    (preamble|operative)\.[a-z0-9-]+: [0-9a-f]+\n", "", text, flags=re.MULTILINE)
    text = text.replace(
        "  fingerprints:\n",
        f"  fingerprints:\n    preamble: {fingerprint(data['preamble'])}\n"
        f"    operative: {fingerprint(data['operative'])}\n",
    )
    out("cop-res-5-1.yaml").write_text(text, encoding="utf-8")
    edit_raw(SEED_004, "Mindful of the importance", "Mindful also of the importance")
    report, _ = run(SEED_004)
    assert load("cop-res-5-1.yaml")["preamble"][1]["text"].startswith("*Mindful also*")
    prints = load("cop-res-5-1.yaml")["imported"]["fingerprints"]
    assert "preamble" not in prints and "preamble.pp-2" in prints
    assert len(report) == 0


def test_a_hostile_existing_file_does_not_stop_the_import(workdir: Path) -> None:
    Path("corpus/resolutions").mkdir(parents=True)
    out("deep.yaml").write_text("venue: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    laughs = ["- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    laughs += [f"- &{c} [" + ", ".join([f"*{p}"] * 9) + "]" for p, c in pairs]
    text = "sponsors:\n" + "\n".join("  " + x for x in laughs) + "\n"
    out("laughs.yaml").write_text(text, encoding="utf-8")
    report, echoed = run(SEED_004)
    assert report.ok, report.format()
    assert echoed[0].startswith("created corpus/resolutions/cop-res-5-1.yaml")


def line_of_text(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


# --- what is written passes `atlas check` ---------------------------------------------------------------


def test_an_import_that_check_would_reject_fails(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A corpus around the output, so that bodies and the cited articles are checked too.
    shutil.copy(ROOT / "corpus" / "bodies.yaml", Path("corpus/bodies.yaml"))
    shutil.copytree(ROOT / "corpus" / "instruments", Path("corpus/instruments"))
    edit_raw(SEED_004, "with article 28 of the Convention", "with article 99 of the Convention")
    assert main(["import", f"corpus/raw/{SEED_004}"]) == 1
    err = capsys.readouterr().err
    assert "error [unknown-article]" in err and "error [IMP300]" in err
    assert "cop-res-5-1.yaml:" in err
    # Once the raw text is corrected, the re-import passes.
    edit_raw(SEED_004, "article 99 of the Convention", "article 28 of the Convention")
    assert main(["import", f"corpus/raw/{SEED_004}"]) == 0


def test_a_dry_run_verifies_what_it_would_write(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.importer import emit

    real = emit.resolution_to_plain

    def broken(resolution: Any) -> dict[str, Any]:
        plain = real(resolution)
        plain["operative"][0]["id"] = "op-1-oops"
        return plain

    monkeypatch.setattr(emit, "resolution_to_plain", broken)
    report, _ = run(SEED_004, dry_run=True)
    assert {d.code for d in report.errors} == {"bad-paragraph-id", "IMP300"}
    assert not Path("corpus/resolutions").exists()
