"""Fuzzing `atlas import`: for any raw text, no exception, and every file written passes `atlas check`.

Hypothesis writes raw texts shaped like the UN's (header lines, a title, an opening formula, preambular
paragraphs with their leading verb, numbered operative paragraphs with sub-paragraphs (a) → (i) → (A),
footnote marks and their texts), with junk mixed in: random lines, marks without footnotes, stray
parentheses, control characters, any Unicode. Each text is imported into a small corpus (the real
bodies and instruments); the property is that the importer never crashes (no IMP199, no exception)
and that what it writes is accepted by the checker, read back from disk (no IMP300, and `check`
finds no error in it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from depth import inputs
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.check import check_corpus
from generator.importer.emit import import_files

REPO = Path(__file__).resolve().parents[1]

_VOCABULARY = (
    "the of and to in States Parties Convention Protocol crime organized transnational cooperation "
    "technical assistance Office on Drugs Crime Member Conference Council resolution session report "
    "implementation review mechanism national strategies trafficking persons migrants firearms "
    "(a) (i) 12 2020 Vienna: “quoted” «guillemets» — – … * # & ! | > % @ ` ' \" [ ] { } \\"
)
WORDS = st.sampled_from(_VOCABULARY.split())
JUNK = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1, max_size=40
)
MARKS = "¹²³⁴⁵"


def sentence(min_words: int = 2, max_words: int = 25) -> st.SearchStrategy[str]:
    return st.lists(WORDS, min_size=min_words, max_size=max_words).map(" ".join)


@st.composite
def raw_texts(draw: st.DrawFn) -> str:
    lines: list[str] = []
    used: list[str] = []

    def mark() -> str:
        if draw(st.integers(0, 5)) == 0 and len(used) < len(MARKS):
            used.append(MARKS[len(used)])
            return used[-1]
        return ""

    header = [
        "Distr.: Limited",
        draw(st.sampled_from(["23 September 2020", "11 October 2024", "1 January 1999"])),
        "Original: English",
        draw(st.sampled_from(["Tenth session", "Twelfth session", "Fifth session"])),
        "Vienna, 12–16 October 2020",
        "Item 2 of the provisional agenda" + mark(),
    ]
    header += [draw(sentence(1, 6)) + mark() for _ in range(draw(st.integers(0, 2)))]
    lines += draw(st.permutations(header))[: draw(st.integers(0, len(header)))]
    lines.append(draw(st.sampled_from(["Italy: draft resolution", "Resolution 5/9", "Decision 9/1", ""])))
    lines.append(draw(sentence(3, 12)) + mark())
    lines.append(
        draw(
            st.sampled_from(
                [
                    "The Conference of the Parties to the United Nations Convention against Transnational "
                    "Organized Crime,",
                    "The General Assembly,",
                    "The Economic and Social Council,",
                    "The Commission on Crime Prevention and Criminal Justice,",
                ]
            )
        )
    )
    verbs = st.sampled_from(["Recalling", "Noting", "Welcoming", "Mindful", "Recognizing also", "Stressing"])
    for _ in range(draw(st.integers(0, 5))):
        lines.append(f"{draw(verbs)} {draw(sentence())}{mark()},")
    acts = st.sampled_from(["Decides", "Requests", "Urges", "Invites", "Encourages", "Also requests"])
    for n in range(1, draw(st.integers(1, 6)) + 1):
        lines.append(f"{n}. {draw(acts)} {draw(sentence())}{mark()}{draw(st.sampled_from([';', ':', '.']))}")
        for letter in "abc"[: draw(st.integers(0, 3))]:
            lines.append(f"({letter}) {draw(sentence())}{mark()};")
            for roman in ["i", "ii"][: draw(st.integers(0, 2))]:
                lines.append(f"({roman}) {draw(sentence())};")
                for capital in "AB"[: draw(st.integers(0, 2))]:
                    lines.append(f"({capital}) {draw(sentence())};")
        if used and draw(st.booleans()):
            lines.append(f"{used[-1]} {draw(sentence(1, 10))}")
    for m in used:
        if draw(st.integers(0, 4)):
            lines.append(f"{m} {draw(sentence(1, 12))}")
    # Junk anywhere: random lines, stray parentheses, control characters.
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.one_of(JUNK, st.just("(" * 50), st.just("\x07\x00"), st.just("Annex"))))
    return "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-template") / "corpus"
    shutil.copytree(REPO / "corpus" / "instruments", root / "instruments")
    shutil.copy(REPO / "corpus" / "bodies.yaml", root / "bodies.yaml")
    (root / "raw").mkdir()
    (root / "resolutions").mkdir()
    return root


@settings(
    max_examples=inputs(60),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=raw_texts())
def test_any_raw_text_imports_without_crash_and_what_is_written_checks(
    text: str, corpus_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    corpus = tmp_path_factory.mktemp("fuzz") / "corpus"
    shutil.copytree(corpus_template, corpus)
    raw = corpus / "raw" / "900_fuzz.txt"
    raw.write_text(text, encoding="utf-8")
    echoed: list[str] = []
    report = import_files([raw], corpus / "resolutions", echo=echoed.append)
    assert not [d for d in report if d.code == "IMP199"], report.format()
    assert not [d for d in report if d.code == "IMP300"], f"{report.format()}\n--- raw text:\n{text}"
    written = list((corpus / "resolutions").glob("*.yaml"))
    event("a file was written" if written else "nothing written (the text was refused, with errors)")
    if not written:
        assert not report.ok, f"nothing written, and no error said why\n{report.format()}"
        return
    errors = [d for d in check_corpus(corpus).errors if d.path.endswith(".yaml")]
    assert errors == [], "\n".join(d.format() for d in errors) + f"\n--- raw text:\n{text}"
