"""The synthetic corpus generator: deterministic, valid, and shaped like the real corpus.

Small corpora only (tens of resolutions): big builds belong in ``scripts/benchmark.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from depth import inputs

from generator import markup
from generator.check import check_corpus, load_checked_corpus
from generator.citations import citations_in, find
from generator.cli import main
from generator.ids import ArticleRef, DocumentRef
from generator.model import Corpus, Resolution, passages
from generator.synth import letter, ordinal_words, roman, synthesize, un_date, write_corpus

N = 30
SEED = 5


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth")
    write_corpus(N, SEED, root)
    return root


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> Corpus:
    loaded, report = load_checked_corpus(corpus_dir)
    assert report.ok, report.format()
    return loaded


# --- determinism ----------------------------------------------------------------------------------


def test_same_seed_gives_identical_bytes(corpus_dir: Path, tmp_path: Path) -> None:
    write_corpus(N, SEED, tmp_path)
    assert _files(tmp_path) == _files(corpus_dir)


def test_different_seed_gives_a_different_corpus(corpus_dir: Path, tmp_path: Path) -> None:
    write_corpus(N, SEED + 1, tmp_path)
    ours, theirs = _files(corpus_dir), _files(tmp_path)
    resolutions = {k for k in ours if k.startswith("resolutions/")}
    assert resolutions and ours != theirs
    # Not merely renamed: the texts themselves differ.
    assert sorted(v for k, v in ours.items() if k in resolutions) != sorted(
        v for k, v in theirs.items() if k.startswith("resolutions/")
    )


def test_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Nothing depends on set or dict order: two processes with different hash seeds agree."""
    root = Path(__file__).resolve().parent.parent
    runs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "CI": "true"}
        command = [
            sys.executable,
            "-m",
            "generator",
            "synth",
            "--count",
            "12",
            "--seed",
            "4",
            "--out",
            str(out),
        ]
        # Both at once: each is mostly an interpreter starting.
        runs.append((out, subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL)))
    for _, run in runs:
        assert run.wait(timeout=300) == 0
    outs = [_files(out) for out, _ in runs]
    assert outs[0] == outs[1] and len(outs[0]) > 12


def test_synthesize_is_repeatable_in_one_process() -> None:
    """No hidden state (module-level caches, set order) leaks from one call into the next."""
    assert list(synthesize(12, 3)) == list(synthesize(12, 3))


# --- validity -------------------------------------------------------------------------------------


def test_every_synthetic_file_passes_check(corpus_dir: Path) -> None:
    report = check_corpus(corpus_dir)
    assert report.ok, report.format()
    assert not report.warnings, report.format()
    assert len(list((corpus_dir / "resolutions").glob("*.yaml"))) == N


def test_the_out_dir_is_a_complete_corpus_root(corpus_dir: Path) -> None:
    repo_corpus = Path(__file__).resolve().parent.parent / "corpus"
    assert (corpus_dir / "bodies.yaml").read_bytes() == (repo_corpus / "bodies.yaml").read_bytes()
    ours = sorted(p.name for p in (corpus_dir / "instruments").glob("*.yaml"))
    assert ours == sorted(p.name for p in (repo_corpus / "instruments").glob("*.yaml"))


def test_yaml_reads_back_as_the_resolutions_synthesized(corpus: Corpus) -> None:
    """Written through the importer's writer, read through the loader: nothing lost on the way."""
    assert sorted(corpus.resolutions, key=lambda r: r.id) == sorted(synthesize(N, SEED), key=lambda r: r.id)


def test_refuses_to_overwrite_resolutions_without_force(corpus_dir: Path, tmp_path: Path) -> None:
    from generator.synth import OutputNotEmpty

    write_corpus(3, 1, tmp_path)
    with pytest.raises(OutputNotEmpty):
        write_corpus(3, 2, tmp_path)
    write_corpus(4, 2, tmp_path, overwrite=True)
    assert len(list((tmp_path / "resolutions").glob("*.yaml"))) == 4


# --- realism: shapes modelled on the seeds and the bodies' calendars -----------------------------


@pytest.fixture(scope="module")
def many() -> list[Resolution]:
    # 400 texts in the whole suite, 100 in the inner loop (tests/depth.py): the shares below hold for both.
    return list(synthesize(inputs(400), 11))


def _session_year_ok(r: Resolution) -> bool:
    if r.body == "cop":
        return {1: 2004, 2: 2005, 3: 2006}.get(r.session or 0, 2000 + 2 * (r.session or 0)) == r.year
    if r.body == "ccpcj":
        return r.session == (r.year or 0) - 1991
    if r.body == "ga":
        return r.session == (r.year or 0) - 1945
    return r.session is None  # ECOSOC numbers by year


def test_bodies_numbering_and_calendars(many: list[Resolution]) -> None:
    assert Counter(r.body for r in many).keys() == {"cop", "ccpcj", "ecosoc", "ga"}
    for r in many:
        assert _session_year_ok(r), (r.id, r.session, r.year)
        assert r.date is not None and r.date.year == r.year, r.id
        if r.status == "adopted":
            assert r.number is not None and r.document_ref is not None
            assert r.id == r.document_ref.slug
            first = str(r.year) if r.body == "ecosoc" else str(r.session)
            assert r.number.split("/")[0] == first, r.id
        else:
            assert r.number is None and r.dates.adopted is None and r.dates.distributed is not None
            assert r.sponsors and r.agenda_item is not None and r.symbol and "/L." in r.symbol
    numbers = [(r.body, r.kind, r.number) for r in many if r.number]
    assert len(numbers) == len(set(numbers))


def test_status_mix_ids_and_dates(many: list[Resolution]) -> None:
    statuses = Counter(r.status for r in many)
    assert 0.75 < statuses["adopted"] / len(many) < 0.95
    assert statuses["draft"] and statuses["revised-draft"]
    assert len({r.id for r in many}) == len(many)
    drafts = [r for r in many if r.status != "adopted"]
    pattern = re.compile(r"^(cop|ccpcj|ecosoc|ga)(-\d+)?-(draft|revised-draft)-[a-z0-9-]+$")
    assert all(pattern.match(r.id) for r in drafts)
    assert any(r.recommended_to == "ecosoc" and r.formula == "The Economic and Social Council," for r in many)
    dates = [r.date for r in many if r.date]
    assert dates == sorted(dates), "texts are yielded in date order"
    assert min(dates) >= dt.date(2001, 1, 1) and max(dates) <= dt.date(2025, 12, 31)


def _short_decision(r: Resolution) -> bool:
    """A decision as a session's report prints it: no preamble, lettered items or one sentence."""
    return r.kind == "decision" and not r.preamble


def test_paragraph_shapes_follow_the_seeds(many: list[Resolution]) -> None:
    full = [r for r in many if not _short_decision(r)]
    resolutions = [r for r in many if r.kind == "resolution"]
    assert all(len(r.preamble) >= 5 and len(r.operative) >= 5 for r in full)
    assert all(len(r.preamble) <= 20 and len(r.operative) <= 25 for r in resolutions)
    words = sorted(len(markup.to_plain(p.text).split()) for r in full for p in r.paragraphs())
    median = words[len(words) // 2]
    assert 40 <= median <= 70, median
    assert sum(40 <= w <= 120 for w in words) / len(words) > 0.6
    # Leading verbs in emphasis, as `*Recalling*` and `*Urges*` in the seeds; the phrase stops before its
    # preposition, as the seeds print it: "*Taking note* of", "*Seriously concerned* about".
    assert all(p.text.startswith("*") for r in full for p in r.preamble + r.operative)
    assert any(p.text.startswith("*Recalling also*") for r in many for p in r.preamble)
    assert any(p.text.startswith("*Also requests*") for r in many for p in r.operative)
    assert any(p.text.startswith("*Taking note* of ") for r in many for p in r.preamble)
    assert not any(re.match(r"\*[^*]* (?:of|about)\*", p.text) for r in many for p in r.paragraphs())
    for r in full:
        assert [p.id for p in r.preamble] == [f"pp-{i}" for i in range(1, len(r.preamble) + 1)]
        assert [p.number for p in r.operative] == [str(i) for i in range(1, len(r.operative) + 1)]
        assert r.operative[-1].text.endswith(".")
        for p in r.operative:
            assert [s.id for s in p.subparagraphs] == [
                f"{p.id}-{letter(k)}" for k in range(len(p.subparagraphs))
            ]
    with_subparagraphs = sum(any(p.subparagraphs for p in r.operative) for r in many)
    with_annexes = sum(bool(r.annexes) for r in many)
    assert with_subparagraphs > 0.1 * len(many)
    assert 0.04 * len(many) < with_annexes < 0.18 * len(many)


def test_decisions_as_a_sessions_report_prints_them(many: list[Resolution]) -> None:
    """Issue 8 §1.4: "The Conference …:" and lettered items in the past tense (op-1 is (a)), or one
    unnumbered sentence after the formula; some decisions are written like resolutions."""
    decisions = [r for r in many if r.kind == "decision"]
    assert {r.body for r in decisions} == {"cop", "ccpcj"}
    assert 0.05 * len(many) < len(decisions) < 0.2 * len(many)
    reported = [r for r in decisions if r.formula and r.formula.endswith(":")]
    sentence = [r for r in decisions if _short_decision(r) and r not in reported]
    assert len(reported) >= 5 and len(sentence) >= 2 and len(decisions) > len(reported) + len(sentence)
    for r in reported:
        assert not r.preamble and 2 <= len(r.operative) <= 6, r.id
        assert [(p.id, p.number) for p in r.operative] == [
            (f"op-{k + 1}", letter(k)) for k in range(len(r.operative))
        ]
        past = r"^(Took|Requested|Invited|Decided|Welcomed|Encouraged|Noted|Recalled) "
        assert all(re.match(past, p.text) for p in r.operative), r.id  # roman type: no emphasis
        assert all(p.text.endswith(";") for p in r.operative[:-1]) and r.operative[-1].text.endswith(".")
    for r in sentence:
        assert r.formula and r.formula.endswith(",")
        assert [(p.id, p.number) for p in r.operative] == [("op-1", None)]
        assert r.operative[0].text.startswith("*Decides* to ") and r.operative[0].text.endswith(".")


def test_footnotes_stand_where_their_marks_are(many: list[Resolution]) -> None:
    for r in many:
        places = {p.id: p.text for p in r.paragraphs()}
        for fn in r.footnotes:
            if fn.anchor == "agenda-item":
                assert fn.mark == "*" and r.status != "adopted"
                continue
            assert f"[^{fn.mark}]" in places[fn.anchor], (r.id, fn)
        numbered = [fn.mark for fn in r.footnotes if fn.mark != "*"]
        assert numbered == [str(i) for i in range(1, len(numbered) + 1)]
    assert sum(bool(r.footnotes) for r in many) > 0.8 * len(many)


# --- citations: phrased as the seeds, found by the real finder, pointing backwards ---------------


def test_citations_are_found_and_point_to_earlier_texts(corpus: Corpus) -> None:
    by_ref = {r.document_ref: r for r in corpus.resolutions if r.document_ref}
    resolution_counts, article_counts, internal = [], [], 0
    for r in corpus.resolutions:
        found = citations_in(r, corpus.bodies, corpus.instruments)
        documents = {c.target for c in found if isinstance(c.target, DocumentRef)}
        articles = [c.target for c in found if isinstance(c.target, ArticleRef)]
        resolution_counts.append(len(documents))
        article_counts.append(len(articles))
        for ref in documents:
            assert ref.resolvable
            cited = by_ref.get(ref)
            if cited is not None:
                internal += 1
                assert cited.date is not None and r.date is not None and cited.date < r.date, (r.id, ref)
        for a in articles:
            assert corpus.instruments[a.instrument].article(a.article) is not None
    assert max(resolution_counts) <= 9 and max(article_counts) <= 8
    assert 1.5 <= sum(resolution_counts) / N <= 5.5
    assert 1.5 <= sum(article_counts) / N <= 5.5
    assert internal > 0.4 * sum(resolution_counts), "most citations stay inside the corpus"


def test_citation_phrasing_matches_the_seeds(many: list[Resolution]) -> None:
    texts = [p.text for r in many for p in r.paragraphs()]
    phrasings = {
        r"General Assembly resolution \d+/\d+ of \d{1,2} [A-Z][a-z]+ \d{4}, entitled “[^”]+”": 1,
        r"its resolution \d+/\d+ of \d{1,2} [A-Z][a-z]+ \d{4}, entitled “": 1,
        r"its resolutions \d+/\d+ of [^“]+“[^”]+”, and \d+/\d+ of": 1,
        r"resolution \d+/\d+ of \d{1,2} [A-Z][a-z]+ \d{4} of the Conference of the Parties": 1,
        r"article \d+, paragraph \d+ \([a-z]\), of the Convention": 1,
        r"article \d+, on [a-z]": 1,
        r"articles \d+ and \d+ of the": 1,
        r"in its resolution 55/25 of 15 November 2000": 1,
    }
    for pattern, least in phrasings.items():
        assert sum(bool(re.search(pattern, t)) for t in texts) >= least, pattern


def test_citations_of_every_form_of_issue_8(many: list[Resolution]) -> None:
    """Issue 8 §2: each citation form is written, and the real finder reads each as its target."""
    texts = [p.text for r in many for p in r.paragraphs()]
    forms = {
        "special session": r"General Assembly resolution S-\d{2}/\d of \d{1,2} [A-Z][a-z]+ \d{4}",
        "Council after Assembly": (
            r"General Assembly resolution \d+/\d+ of [^,]+ and Council resolutions? \d{4}/\d+"
        ),
        "Assembly short name": r", as well as Assembly resolution \d+/\d+ of",
        "plural pinpoint": r"article \d+, paragraphs 1 \(a\) and \d, of the",
        "paragraphs of article": r"paragraphs 1 and \d of article \d+ of the",
        "Security Council": r"Security Council resolutions? \d{4} \(\d{4}\)",
        "Human Rights Council": r"Human Rights Council resolution \d+/\d+ of",
        "Crime Congress": r"resolution \d of the [A-Z][a-z-]+ United Nations Congress on Crime Prevention",
        "Crime Congress, its resolution": r"Congress on Crime Prevention and Criminal Justice, in its resol",
        "Protocol by name": (
            r"the (?:Protocol to Prevent, Suppress and Punish Trafficking in Persons|Firearms Protocol"
            r"|Trafficking in Persons Protocol|Smuggling of Migrants Protocol|Protocol against)"
        ),
    }
    for name, pattern in forms.items():
        assert any(re.search(pattern, t) for t in texts), name
    notes = [f.text for r in many for f in r.footnotes]
    assert any(t.startswith("*Official Records of the Economic and Social Council, ") for t in notes)

    from generator.check import load_checked_corpus
    from generator.ids import InstrumentRef

    real, _ = load_checked_corpus(Path(__file__).resolve().parent.parent / "corpus")
    # One run of the finder over every passage (one grammar), as a build reads a corpus.
    findings = find([p for r in many for p in passages(r)], real.bodies, real.instruments)
    assert not findings.failures
    targets = [c.target for c in findings.citations]
    bodies = Counter(t.body for t in targets if isinstance(t, DocumentRef))
    assert all(bodies[b] for b in ("cop", "ccpcj", "ecosoc", "ga", "sc", "hrc", "congress")), bodies
    assert any(isinstance(t, DocumentRef) and t.number.startswith("S-") for t in targets)
    assert {t.instrument for t in targets if isinstance(t, InstrumentRef)} >= {"untoc", "tip", "firearms"}
    pinpoints = [t for t in targets if isinstance(t, ArticleRef) and t.paragraph == "1" and t.subparagraph]
    assert pinpoints


# --- helpers and the command ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "first"),
        (10, "tenth"),
        (12, "twelfth"),
        (20, "twentieth"),
        (22, "twenty-second"),
        (79, "seventy-ninth"),
    ],
)
def test_ordinal_words(n: int, words: str) -> None:
    assert ordinal_words(n) == words


@pytest.mark.parametrize(("n", "numeral"), [(1, "I"), (2, "II"), (4, "IV"), (9, "IX"), (14, "XIV")])
def test_roman(n: int, numeral: str) -> None:
    assert roman(n) == numeral


def test_letters_and_dates() -> None:
    assert [letter(i) for i in (0, 1, 25, 26, 27)] == ["a", "b", "z", "aa", "bb"]
    assert un_date(dt.date(2011, 12, 19)) == "19 December 2011"


def test_cli_synth_writes_a_corpus_and_refuses_to_clobber(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c"
    assert main(["synth", "--count", "6", "--seed", "2", "--out", str(out)]) == 0
    assert len(list((out / "resolutions").glob("*.yaml"))) == 6
    assert main(["synth", "--count", "6", "--seed", "3", "--out", str(out)]) == 1
    assert "output-not-empty" in capsys.readouterr().err
    assert main(["synth", "--count", "7", "--seed", "3", "--out", str(out), "--force"]) == 0
    assert len(list((out / "resolutions").glob("*.yaml"))) == 7
    assert check_corpus(out).ok


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="count"):
        list(synthesize(-1, 1))
