"""The corpus torture test: broken and hostile corpus files through `atlas check`, `build --strict` and
`atlas import`, each in its own process with a time and memory limit (forked from a process that
imported the program once: tests/zygote.py).

Each case breaks a copy of a small valid corpus (the real bodies and instruments, the two fixture
resolutions) inside a project directory; beside the project lies ``outside/`` with a secret. For every
case: the command ends within its time limit (no hang), is not killed by a signal (no crash), prints
no traceback, exits non-zero, and reports a diagnostic of the expected code naming the broken file,
with its line when the problem is inside the file. The secret is never printed and nothing is written
outside the project; and no resolution is dropped silently: every entry of ``resolutions/`` is
either loaded or named by an error. ``build --strict`` runs on a representative subset (marked
``site``); the importer on hostile raw texts and hostile existing files, and what it writes must pass
``atlas check``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from zygote import Zygotes

from generator.schema.load import load_corpus

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "corpus" / "resolutions"
ITALY = "cop-10-draft-italy.yaml"
CHAIRS = "cop-12-draft-co-chairs.yaml"
SECRET = "canary-8d1f3a: this line must never be printed"
TIME_LIMIT = 60  # seconds per command; every case takes one or two on an idle machine


def make_project(root: Path) -> Path:
    """``root/project`` (the corpus and the site's configuration) and ``root/outside`` (a secret)."""
    project = root / "project"
    corpus = project / "corpus"
    shutil.copytree(REPO / "corpus" / "instruments", corpus / "instruments")
    shutil.copy(REPO / "corpus" / "bodies.yaml", corpus / "bodies.yaml")
    shutil.copytree(FIXTURES, corpus / "resolutions")
    (corpus / "raw").mkdir()
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"{SECRET}\n", encoding="utf-8")
    valid = (corpus / "resolutions" / CHAIRS).read_text(encoding="utf-8")
    (outside / "cop-12-draft-co-chairs-2.yaml").write_text(
        valid.replace("id: cop-12-draft-co-chairs", "id: cop-12-draft-co-chairs-2"), encoding="utf-8"
    )
    return project


Mutate = Callable[[Path], None]  # receives corpus/


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Mutate
    code: str
    file: str  # the entry named by the diagnostic, relative to corpus/
    # The text of the line the diagnostic must point at (None: the problem is the entry itself).
    at: str | None


def _res(corpus: Path, name: str = ITALY) -> Path:
    return corpus / "resolutions" / name


def replace(old: str, new: str, name: str = ITALY) -> Mutate:
    def mutate(corpus: Path) -> None:
        path = _res(corpus, name)
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write(name: str, content: str | bytes) -> Mutate:
    def mutate(corpus: Path) -> None:
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


def valid_copy(name: str) -> Mutate:
    def mutate(corpus: Path) -> None:
        text = _res(corpus).read_text(encoding="utf-8")
        (corpus / "resolutions" / name).write_text(text, encoding="utf-8")

    return mutate


def link(name: str, target: Callable[[Path], Path]) -> Mutate:
    def mutate(corpus: Path) -> None:
        path = corpus / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        path.symlink_to(target(corpus))

    return mutate


def outside(corpus: Path) -> Path:
    return corpus.parent.parent / "outside"


def laughs(levels: int, width: int, seed: str = "lol") -> str:
    items = [f"- &a0 [{', '.join([seed] * width)}]"]
    items += [f"- &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "sponsors:\n" + "\n".join(f"  {item}" for item in items)


def nested(depth: int, opening: str, closing: str) -> str:
    return opening * depth + "x" + closing * depth


def fifo(name: str) -> Mutate:
    def mutate(corpus: Path) -> None:
        os.mkfifo(corpus / name)

    return mutate


def mkdir(name: str) -> Mutate:
    def mutate(corpus: Path) -> None:
        (corpus / name).mkdir()
        (corpus / name / "inner.yaml").write_text("id: x\n", encoding="utf-8")

    return mutate


def move_resolutions_out(corpus: Path) -> None:
    shutil.move(corpus / "resolutions", outside(corpus) / "resolutions")
    (corpus / "resolutions").symlink_to(outside(corpus) / "resolutions")


def huge_article(corpus: Path) -> None:
    path = corpus / "instruments" / "untoc.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- number: 1\n", "- number: 1000000000\n", 1), encoding="utf-8")


SUBPARAS = (
    "        number: b\n        text: The provision of assistance in the development of national "
    "strategies to prevent and fight transnational organized crime;\n"
)
DEEP_SUBPARAS = (
    "        number: b\n        text: b.\n        subparagraphs:\n"
    "          - id: op-2-b-i\n            text: i.\n            subparagraphs:\n"
    "              - id: op-2-b-i-a\n                text: A.\n                subparagraphs:\n"
    "                  - {id: op-2-b-i-a-a, text: too deep}\n"
)

CASES = [
    # --- entries of resolutions/ that are not read: each named, with why ---------------------------
    Case("hidden file", valid_copy(".x.yaml"), "hidden-file", "resolutions/.x.yaml", None),
    Case("two dots", valid_copy("..x.yaml"), "hidden-file", "resolutions/..x.yaml", None),
    Case("only dots", valid_copy("...yaml"), "hidden-file", "resolutions/...yaml", None),
    Case(
        ".yml",
        valid_copy("cop-10-draft-italy-2.yml"),
        "ignored-file",
        "resolutions/cop-10-draft-italy-2.yml",
        None,
    ),
    Case(
        ".YAML",
        valid_copy("cop-10-draft-italy-2.YAML"),
        "ignored-file",
        "resolutions/cop-10-draft-italy-2.YAML",
        None,
    ),
    Case("notes", write("resolutions/notes.txt", "to do\n"), "ignored-file", "resolutions/notes.txt", None),
    Case(
        "no suffix",
        valid_copy("cop-10-draft-italy-2"),
        "ignored-file",
        "resolutions/cop-10-draft-italy-2",
        None,
    ),
    Case("directory x.yaml", mkdir("resolutions/x.yaml"), "not-a-file", "resolutions/x.yaml", None),
    Case("named pipe", fifo("resolutions/pipe.yaml"), "not-a-file", "resolutions/pipe.yaml", None),
    Case(
        "broken link",
        link("resolutions/z.yaml", lambda c: c / "nowhere.yaml"),
        "broken-link",
        "resolutions/z.yaml",
        None,
    ),
    Case(
        "link to /etc/shadow",
        link("resolutions/y.yaml", lambda c: Path("/etc/shadow")),
        "link-outside-corpus",
        "resolutions/y.yaml",
        None,
    ),
    Case(
        "link to a secret outside",
        link("resolutions/s.yaml", lambda c: outside(c) / "secret.yaml"),
        "link-outside-corpus",
        "resolutions/s.yaml",
        None,
    ),
    Case(
        "link to a valid file outside",
        link(
            "resolutions/cop-12-draft-co-chairs-2.yaml",
            lambda c: outside(c) / "cop-12-draft-co-chairs-2.yaml",
        ),
        "link-outside-corpus",
        "resolutions/cop-12-draft-co-chairs-2.yaml",
        None,
    ),
    Case(
        "link to a directory outside",
        link("resolutions/d.yaml", outside),
        "link-outside-corpus",
        "resolutions/d.yaml",
        None,
    ),
    Case("resolutions/ linked out", move_resolutions_out, "link-outside-corpus", "resolutions", None),
    Case(
        "bodies.yaml linked out",
        link("bodies.yaml", lambda c: outside(c) / "secret.yaml"),
        "link-outside-corpus",
        "bodies.yaml",
        None,
    ),
    Case(
        "17 MiB file",
        write("resolutions/huge.yaml", b"id: x\n" + b"#" * (17 << 20)),
        "file-too-large",
        "resolutions/huge.yaml",
        None,
    ),
    Case(
        "instrument .yml", write("instruments/x.yml", "key: x\n"), "ignored-file", "instruments/x.yml", None
    ),
    # --- aliases: expansion bounded as it is met ---------------------------------------------------
    Case(
        "billion laughs",
        replace("sponsors: [Italy]", laughs(9, 9)),
        "yaml-too-many-aliases",
        f"resolutions/{ITALY}",
        "&a0",
    ),
    Case(
        "few aliases, huge expansion",
        replace("sponsors: [Italy]", laughs(3, 12, "x" * 100_000)),
        "yaml-too-large",
        f"resolutions/{ITALY}",
        "&a0",
    ),
    Case(
        "alias cycle",
        replace("sponsors: [Italy]", "sponsors: &a [Italy, *a]"),
        "yaml-alias-cycle",
        f"resolutions/{ITALY}",
        "sponsors:",
    ),
    Case(
        "undefined alias",
        replace("sponsors: [Italy]", "sponsors: [*nobody]"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "sponsors:",
    ),
    Case(
        "billion laughs in bodies.yaml",
        write("bodies.yaml", laughs(9, 9) + "\n"),
        "yaml-too-many-aliases",
        "bodies.yaml",
        "&a0",
    ),
    # --- nesting: never a recursion past its limit ---------------------------------------------------
    Case(
        "1,000 [",
        replace("venue: Vienna", "venue: " + nested(1000, "[", "]")),
        "yaml-too-deep",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "100,000 [",
        replace("venue: Vienna", "venue: " + nested(100_000, "[", "]")),
        "yaml-too-deep",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "1,000 {k:",
        replace("venue: Vienna", "venue: " + nested(1000, "{k: ", "}")),
        "yaml-too-deep",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "100,000 {k:",
        replace("venue: Vienna", "venue: " + nested(100_000, "{k: ", "}")),
        "yaml-too-deep",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "200 indented keys",
        replace(
            "venue: Vienna",
            "venue:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(200)) + " " * 201 + "x",
        ),
        "yaml-too-deep",
        f"resolutions/{ITALY}",
        " k62:",
    ),
    Case(
        "2,000 dashes",
        replace("sponsors: [Italy]", "sponsors:\n  " + "- " * 2000 + "x"),
        "yaml-too-deep",
        f"resolutions/{ITALY}",
        "- - -",
    ),
    Case(
        "mixed [{ 50,000",
        replace("venue: Vienna", "venue: " + "[{a: " * 50_000 + "x" + "}]" * 50_000),
        "yaml-too-deep",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "deep instrument",
        write("instruments/deep.yaml", "key: " + nested(100_000, "[", "]") + "\n"),
        "yaml-too-deep",
        "instruments/deep.yaml",
        "key:",
    ),
    Case(
        "four levels of sub-paragraphs",
        replace(SUBPARAS, DEEP_SUBPARAS),
        "unknown-key",
        f"resolutions/{ITALY}",
        "subparagraphs:\n                  - {id: op-2-b-i-a-a",
    ),
    # --- tags: nothing but YAML's plain types --------------------------------------------------------
    Case(
        "python apply on a mapping",
        replace(
            "agenda_item:",
            "agenda_item: !!python/object/apply:os.system {args: [touch ../outside/pwned]}\nold_agenda_item:",
        ),
        "yaml-tag",
        f"resolutions/{ITALY}",
        "!!python/object/apply",
    ),
    Case(
        "python apply on a sequence",
        replace("sponsors: [Italy]", "sponsors: !!python/object/apply:os.system [touch ../outside/pwned]"),
        "yaml-tag",
        f"resolutions/{ITALY}",
        "!!python/object/apply",
    ),
    Case(
        "python name",
        replace("venue: Vienna", "venue: !!python/name:os.system"),
        "yaml-tag",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "python object new",
        replace("venue: Vienna", "venue: !!python/object/new:os.system [ls]"),
        "yaml-tag",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "binary",
        replace("venue: Vienna", "venue: !!binary aGVsbG8="),
        "yaml-tag",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "set",
        replace("sponsors: [Italy]", "sponsors: !!set {Italy}"),
        "yaml-tag",
        f"resolutions/{ITALY}",
        "sponsors:",
    ),
    Case(
        "omap",
        replace("sponsors: [Italy]", "sponsors: !!omap [a: 1]"),
        "yaml-tag",
        f"resolutions/{ITALY}",
        "sponsors:",
    ),
    Case(
        "local tag",
        replace("venue: Vienna", "venue: !vienna Vienna"),
        "yaml-tag",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case(
        "undefined tag handle",
        replace("venue: Vienna", "venue: !x!y Vienna"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    # --- syntax: at the right line ------------------------------------------------------------------
    Case(
        "unclosed double quote",
        replace("venue: Vienna", 'venue: "Vienna'),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        'venue: "Vienna',
    ),
    Case(
        "unclosed single quote",
        replace("venue: Vienna", "venue: 'Vienna"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "venue: 'Vienna",
    ),
    Case(
        "unclosed bracket",
        replace("sponsors: [Italy]", "sponsors: [Italy"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "recommended_to:",
    ),
    Case(
        "tab indentation",
        replace("  distributed:", "\tdistributed:"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "\tdistributed:",
    ),
    Case(
        "colon in text",
        replace("venue: Vienna", "venue: Vienna: Austria"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "venue: Vienna: Austria",
    ),
    Case("two documents", replace("source:", "---\nsource:"), "yaml-syntax", f"resolutions/{ITALY}", "---"),
    Case(
        "duplicate key",
        replace("kind: resolution\n", "kind: resolution\nkind: decision\n"),
        "duplicate-key",
        f"resolutions/{ITALY}",
        "kind: decision",
    ),
    Case(
        "complex key",
        replace("venue: Vienna", "? [a, b]\n: Vienna"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "? [a, b]",
    ),
    Case(
        "NUL byte",
        write(f"resolutions/{ITALY}", "id: cop-10-draft-italy\ntitle: a\x00b\n"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "title:",
    ),
    Case(
        "bell character",
        write(f"resolutions/{ITALY}", "id: cop-10-draft-italy\ntitle: a\x07b\n"),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "title:",
    ),
    Case(
        "not UTF-8",
        write(f"resolutions/{ITALY}", b"id: cop-10-draft-italy\ntitle: caf\xe9\n"),
        "read-error",
        f"resolutions/{ITALY}",
        "title:",
    ),
    Case(
        "lone surrogate",
        replace("venue: Vienna", 'venue: "\\ud800"'),
        "yaml-syntax",
        f"resolutions/{ITALY}",
        "venue:",
    ),
    Case("empty file", write(f"resolutions/{ITALY}", ""), "empty-file", f"resolutions/{ITALY}", ""),
    Case(
        "only a comment",
        write(f"resolutions/{ITALY}", "# nothing\n"),
        "empty-file",
        f"resolutions/{ITALY}",
        "# nothing",
    ),
    Case(
        "a list",
        write(f"resolutions/{ITALY}", "- id: x\n"),
        "not-a-mapping",
        f"resolutions/{ITALY}",
        "- id: x",
    ),
    Case(
        "a scalar",
        write(f"resolutions/{ITALY}", "just text\n"),
        "not-a-mapping",
        f"resolutions/{ITALY}",
        "just text",
    ),
    # --- numbers and values: sane bounds ------------------------------------------------------------
    Case(
        "session of 29 digits",
        replace("session: 10", "session: 99999999999999999999999999999"),
        "bad-value",
        f"resolutions/{ITALY}",
        "session:",
    ),
    Case(
        "number of 5,000 digits",
        replace("session: 10", "session: " + "9" * 5000),
        "yaml-number",
        f"resolutions/{ITALY}",
        "session:",
    ),
    Case(
        "negative session",
        replace("session: 10", "session: -1"),
        "bad-value",
        f"resolutions/{ITALY}",
        "session:",
    ),
    Case("infinite year", replace("year: 2020", "year: .inf"), "wrong-type", f"resolutions/{ITALY}", "year:"),
    Case("year 99999", replace("year: 2020", "year: 99999"), "bad-value", f"resolutions/{ITALY}", "year:"),
    Case(
        "paragraph 99999",
        replace("id: op-2\n", "id: op-99999\n"),
        "bad-paragraph-id",
        f"resolutions/{ITALY}",
        "id: op-99999",
    ),
    Case(
        "impossible date",
        replace("distributed: 2020-09-23", "distributed: 2020-02-30"),
        "bad-date",
        f"resolutions/{ITALY}",
        "distributed:",
    ),
    Case(
        "yes as status",
        replace("status: draft", "status: yes"),
        "bad-enum",
        f"resolutions/{ITALY}",
        "status:",
    ),
    Case("article 10**9", huge_article, "bad-value", "instruments/untoc.yaml", "- number: 1000000000"),
    # --- the corpus's own rules ------------------------------------------------------------------------
    Case(
        "unknown key",
        replace("title: Celebrating", "tittle: Celebrating"),
        "unknown-key",
        f"resolutions/{ITALY}",
        "tittle:",
    ),
    Case(
        "id mismatch",
        replace("id: cop-10-draft-italy", "id: cop-10-draft-italia"),
        "id-mismatch",
        f"resolutions/{ITALY}",
        "id: cop-10-draft-italia",
    ),
    Case(
        "duplicate id",
        replace("id: cop-12-draft-co-chairs", "id: cop-10-draft-italy", CHAIRS),
        "duplicate-id",
        f"resolutions/{CHAIRS}",
        "id: cop-10-draft-italy",
    ),
    Case(
        "footnote anchored nowhere",
        replace("anchor: pp-1", "anchor: pp-9"),
        "footnote-bad-anchor",
        f"resolutions/{ITALY}",
        "anchor: pp-9",
    ),
]


@dataclass(frozen=True)
class Run:
    returncode: int | None  # None: killed at the time limit
    output: str


# Commands run in processes forked from a zygote that imported the program once (tests/zygote.py),
# not in a new interpreter each: the same isolation and limits, without a second of start-up each.
_zygotes: list[Zygotes] = []


@pytest.fixture(scope="module", autouse=True)
def zygotes() -> Iterator[Zygotes]:
    pool = Zygotes(1)
    _zygotes.append(pool)
    yield pool
    _zygotes.remove(pool)
    pool.close()


def atlas(project: Path, *args: str, stdin: bytes | None = None) -> Run:
    """``atlas ARGS`` in ``project``, in a process of its own with a time limit and 2 GiB of memory."""
    with _zygotes[-1].lend() as zygote:
        answer = zygote.run(
            project,
            list(args),
            env={"ATLAS_WORKERS": "1"},
            stdin=stdin,
            timeout=TIME_LIMIT,
            memory=2 << 30,
        )
    return Run(answer.returncode, answer.output)


def _outside_listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "outside").rglob("*"))


def _prepare(case: Case, root: Path) -> Path:
    project = make_project(root)
    case.mutate(project / "corpus")
    return project


def _check(case: Case, root: Path) -> tuple[Path, Run]:
    """``case`` through `atlas check --format json`, in a project of its own under ``root``."""
    project = _prepare(case, root)
    before = _outside_listing(root)
    run = atlas(project, "check", "corpus", "--format", "json")
    assert _outside_listing(root) == before, f"{case.name}: something was written outside the project"
    return project, run


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)


def _assert_sane(name: str, run: Run) -> None:
    assert run.returncode is not None, f"{name}: no answer within {TIME_LIMIT} s (a hang)"
    assert run.returncode >= 0, f"{name}: killed by signal {-run.returncode} (a crash)"
    assert "Traceback" not in run.output, f"{name}: a traceback\n{run.output[-3000:]}"
    assert SECRET not in run.output, f"{name}: the secret outside the project was printed"
    assert run.returncode != 0, f"{name}: exit 0 on a broken corpus\n{run.output[-2000:]}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_it(case: Case, tmp_path: Path) -> None:
    project, run = _check(case, tmp_path)
    _assert_sane(case.name, run)
    report = json.loads(run.output[run.output.index("{") : run.output.rindex("}") + 1])
    corpus = project / "corpus"
    expected_path = str(Path("corpus") / case.file)
    found = [d for d in report["diagnostics"] if d["code"] == case.code and d["path"] == expected_path]
    assert found, f"{case.name}: no {case.code} for {expected_path} in\n{json.dumps(report, indent=1)[:3000]}"
    assert all(d["hint"] for d in report["diagnostics"]), case.name
    if case.at is not None:
        text = (corpus / case.file).read_bytes().decode("utf-8", "replace")
        line = text[: text.index(case.at)].count("\n") + 1 if case.at else 1
        lines = [d["line"] for d in found]
        assert line in lines, f"{case.name}: {case.code} at lines {lines}, expected {line}"
    # No resolution dropped without a word: each entry is loaded, or an error names it.
    errors = {d["path"] for d in report["diagnostics"] if d["severity"] == "error"}
    loaded, _ = load_corpus(corpus)
    loaded_paths = {r.origin.path for r in loaded.resolutions if r.origin}
    resolutions = corpus / "resolutions"
    if resolutions.is_dir() and not resolutions.is_symlink():
        for entry in resolutions.iterdir():
            relative = str(Path("corpus") / "resolutions" / entry.name)
            assert str(entry) in loaded_paths or relative in errors, (
                f"{case.name}: {entry.name} dropped silently"
            )
    assert not (project.parent / "outside" / "pwned").exists()


# --- build --strict on a representative subset ------------------------------------------------------

BUILD_CASES = [
    "billion laughs",
    "100,000 [",
    "link to /etc/shadow",
    "link to a valid file outside",
    "hidden file",
    ".yml",
    "directory x.yaml",
    "python apply on a mapping",
    "unclosed double quote",
    "session of 29 digits",
]


@pytest.mark.site
@pytest.mark.parametrize("name", BUILD_CASES)
def test_build_strict_refuses_it(name: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == name)
    project = _prepare(case, tmp_path)
    for item in ("mkdocs.yml", "overrides", "pages"):
        source = REPO / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / item)
    before = _outside_listing(tmp_path)
    run = atlas(project, "build", "--strict", "--site-dir", str(project / "site"))
    _assert_sane(name, run)
    assert f"[{case.code}]" in run.output and case.file.split("/")[-1] in run.output, run.output[-3000:]
    assert _outside_listing(tmp_path) == before
    assert not (project / "site" / "resolutions" / "cop-12-draft-co-chairs-2").exists()


# --- the importer ---------------------------------------------------------------------------------------

RAW = (REPO / "corpus" / "raw" / "004_cbf27e0216005652.txt").read_text(encoding="utf-8")

IMPORT_CASES: list[tuple[str, Mutate, bytes]] = [
    (
        "deep existing file",
        write("resolutions/deep.yaml", "venue: " + nested(100_000, "[", "]") + "\n"),
        RAW.encode(),
    ),
    ("billion laughs existing", write("resolutions/laughs.yaml", laughs(9, 9) + "\n"), RAW.encode()),
    (
        "existing link to a secret",
        link("resolutions/cop-res-5-1.yaml", lambda c: outside(c) / "secret.yaml"),
        RAW.encode(),
    ),
    ("binary raw text", lambda c: None, bytes(range(256)) * 64),
    ("empty raw text", lambda c: None, b""),
    ("100,000 parentheses", lambda c: None, ("(" * 100_000 + "\n\n1. Decides.\n").encode()),
    ("NUL bytes in the raw text", lambda c: None, RAW.replace("Mindful", "Mind\x00ful").encode()),
    (
        "header footnote",
        lambda c: None,
        RAW.replace("Resolution 5/1", "Resolution 5/1\n\nA header line nobody understands³", 1)
        .replace("² Ibid.", "² Ibid.\n\n³ A note on the header.", 1)
        .encode(),
    ),
    (
        "(a) → (i) → (A)",
        lambda c: None,
        RAW.replace(
            "(b) To prepare",
            "(b) To prepare:\n\n(i) A roman one:\n\n(A) A capital one;\n\n(B) Another;\n\n"
            "(ii) Another one;\n\n(c) To prepare",
            1,
        ).encode(),
    ),
]


@pytest.mark.parametrize(("name", "mutate", "raw"), IMPORT_CASES, ids=[c[0] for c in IMPORT_CASES])
def test_import_survives_it_and_writes_only_what_checks(
    name: str, mutate: Mutate, raw: bytes, tmp_path: Path
) -> None:
    project = make_project(tmp_path)
    corpus = project / "corpus"
    mutate(corpus)
    (corpus / "raw" / "900_torture.txt").write_bytes(raw)
    existing = {p.name for p in (corpus / "resolutions").iterdir()}
    before = _outside_listing(tmp_path)
    run = atlas(project, "import", "corpus/raw/900_torture.txt")
    assert run.returncode is not None and run.returncode >= 0, f"{name}: hang or crash"
    assert "Traceback" not in run.output, run.output[-3000:]
    assert SECRET not in run.output
    assert _outside_listing(tmp_path) == before
    assert (tmp_path / "outside" / "secret.yaml").read_text(encoding="utf-8") == f"{SECRET}\n"
    written = {p.name for p in (corpus / "resolutions").iterdir()} - existing
    if run.returncode == 0:
        assert written, f"{name}: exit 0 and nothing written\n{run.output}"
    # Whatever was written passes the checker (the others' problems aside).
    check = atlas(project, "check", "corpus", "--format", "json")
    report = json.loads(check.output[check.output.index("{") : check.output.rindex("}") + 1])
    for name_written in written:
        path = f"corpus/resolutions/{name_written}"
        errors = [d for d in report["diagnostics"] if d["path"] == path and d["severity"] == "error"]
        assert errors == [] or run.returncode != 0, (
            f"{name}: import exit 0 but check rejects {path}: {errors}"
        )
