"""The importer on the four real seeds (golden YAML and every golden fact), on raw snippets, and on junk.

Golden files: tests/golden/import/<raw stem>.yaml. After an intended change of the importer, regenerate
them with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import pytest
import yaml
from depth import inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml_data import yaml_data

from generator.diagnostics import Diagnostic
from generator.importer.clean import clean
from generator.importer.emit import import_text, resolution_to_plain, resolution_to_yaml
from generator.importer.emphasis import emphasise
from generator.importer.metadata import make_id, ordinal_value, split_sponsors, sponsor_slug
from generator.importer.segment import segment
from generator.markup import footnote_marks, to_plain
from generator.model import Paragraph, Resolution

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpus" / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden" / "import"
SEEDS = sorted(p.stem for p in RAW.glob("*.txt"))
SEED_000 = "000_a0a79015d9b2e08c"
SEED_002 = "002_f9b20ba016d888ae"
SEED_003 = "003_c3c6b8d2861b9b86"
SEED_004 = "004_cbf27e0216005652"


@functools.cache
def _imported(stem: str) -> tuple[Resolution, tuple[Diagnostic, ...]]:
    source = f"corpus/raw/{stem}.txt"
    resolution, diagnostics = import_text((RAW / f"{stem}.txt").read_text(encoding="utf-8"), source)
    return resolution, tuple(diagnostics)


def seed(stem: str) -> Resolution:
    return _imported(stem)[0]


def by_id(resolution: Resolution) -> dict[str, Paragraph]:
    return {p.id: p for p in resolution.paragraphs()}


def letters(paragraphs: tuple[Paragraph, ...]) -> list[str | None]:
    return [p.number for p in paragraphs]


def abc(first: str, last: str) -> list[str | None]:
    return [chr(c) for c in range(ord(first), ord(last) + 1)]


# --- golden YAML ----------------------------------------------------------------------------------


def test_the_four_seeds_are_there() -> None:
    assert SEEDS == [SEED_000, SEED_002, SEED_003, SEED_004]


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_matches_golden_yaml(stem: str) -> None:
    text = resolution_to_yaml(seed(stem))
    golden = GOLDEN / f"{stem}.yaml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run UPDATE_GOLDEN=1 .venv/bin/python -m pytest"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_imports_without_any_diagnostic(stem: str) -> None:
    assert [d.format() for d in _imported(stem)[1]] == []


@pytest.mark.parametrize("stem", SEEDS)
def test_yaml_reads_back_as_the_same_data(stem: str) -> None:
    text = resolution_to_yaml(seed(stem))
    assert text.startswith("# yaml-language-server: $schema=../../generator/schema/resolution.schema.json\n")
    data = yaml.safe_load(text)
    imported = data.pop("imported")
    assert data == resolution_to_plain(seed(stem))
    assert imported["importer"] == 1
    paragraphs = {f"{part}.{p['id']}" for part in ("preamble", "operative") for p in data[part]}
    assert set(imported["fingerprints"]) == {
        k for k in data if k not in ("dates", "preamble", "operative")
    } | {"dates.distributed", "dates.adopted"} | paragraphs


def test_yaml_output_is_deterministic() -> None:
    first = resolution_to_yaml(seed(SEED_002))
    again, _ = import_text(
        (RAW / f"{SEED_002}.txt").read_text(encoding="utf-8"), f"corpus/raw/{SEED_002}.txt"
    )
    assert resolution_to_yaml(again) == first


# --- golden facts ---------------------------------------------------------------------------------


def test_000_cop_10th_session_draft_by_italy() -> None:
    r = seed(SEED_000)
    assert (r.id, r.body, r.kind, r.status, r.number) == (
        "cop-10-draft-italy",
        "cop",
        "resolution",
        "draft",
        None,
    )
    assert (r.session, r.year, r.venue, r.sponsors) == (10, 2020, "Vienna", ("Italy",))
    assert r.dates.distributed == dt.date(2020, 9, 23)
    assert r.dates.adopted is None
    assert r.agenda_item is not None and r.agenda_item.number == "2"
    assert r.agenda_item.title == (
        "Review of the implementation of the United Nations Convention against Transnational Organized "
        "Crime and the Protocols thereto"
    )
    assert r.title.startswith("Celebrating the twentieth anniversary of the adoption")
    assert r.formula == (
        "The Conference of the Parties to the United Nations "
        "Convention against Transnational Organized Crime,"
    )
    assert (r.recommended_to, r.recommendation, r.symbol) == (None, None, None)
    assert len(r.preamble) == 15
    assert len(r.operative) == 13
    assert [p.id for p in r.operative] == [f"op-{n}" for n in range(1, 14)]
    op12 = r.operative[11]
    assert letters(op12.subparagraphs) == abc("a", "d")
    assert [s.id for s in op12.subparagraphs] == ["op-12-a", "op-12-b", "op-12-c", "op-12-d"]
    assert all(not p.subparagraphs for p in r.operative if p.id != "op-12")
    assert r.annexes == ()
    assert [(f.mark, f.anchor, f.text) for f in r.footnotes] == [
        ("*", "agenda-item", "CTOC/COP/2020/1."),
        ("1", "pp-1", "United Nations, *Treaty Series*, vol. 2225, No. 39574."),
    ]


def test_000_text_details() -> None:
    p = by_id(seed(SEED_000))
    # Link artefact gone, superscript mark in place, preamble verb emphasised although the raw has no italics.
    assert p["pp-1"].text.startswith(
        "*Welcoming* the twentieth anniversary of the adoption by the General "
        "Assembly, in its resolution 55/25 of 15 November 2000"
    )
    assert "Organized Crime,[^1] and its opening" in p["pp-1"].text
    # Page break with the page's footnotes between the halves: rejoined.
    assert "crime and its manifestations, and recognizing the central role" in p["pp-6"].text
    # Page break without footnotes, second half in lower case: rejoined.
    assert "draws the attention of States parties to the increasing risks" in p["op-3"].text
    assert p["pp-4"].text.startswith("*Noting with appreciation* that the number of parties")
    assert p["pp-10"].text.startswith("*Seriously concerned* about")
    assert p["op-4"].text.startswith("*Also calls upon* States parties")
    assert p["op-5"].text.startswith("*Further calls upon* States parties")
    assert "including its Goal 16, on promoting" in p["pp-12"].text


def test_002_cop_12th_session_draft_by_the_co_chairs() -> None:
    r = seed(SEED_002)
    assert (r.id, r.body, r.kind, r.status) == ("cop-12-draft-co-chairs", "cop", "resolution", "draft")
    assert (r.session, r.year, r.venue) == (12, 2024, "Vienna")
    assert r.sponsors == ("Co-Chairs of the Working Group of Government Experts on Technical Assistance",)
    assert r.dates.distributed == dt.date(2024, 10, 11)
    assert r.dates.adopted is None
    assert r.agenda_item is not None
    assert (r.agenda_item.number, r.agenda_item.title) == ("5", "Technical assistance")
    assert r.title == (
        "Implementation of the provisions on technical assistance of the United Nations Convention against "
        "Transnational Organized Crime"
    )
    # The italic formula carries no emphasis markup once it is the formula.
    assert r.formula == (
        "The Conference of the Parties to the United Nations "
        "Convention against Transnational Organized Crime,"
    )
    assert len(r.preamble) == 6
    assert len(r.operative) == 2
    assert [(f.mark, f.anchor) for f in r.footnotes] == [
        ("*", "agenda-item"),
        ("1", "pp-1"),
        ("2", "annex-1-intro"),
        ("3", "annex-2-intro"),
    ]
    assert [f.text for f in r.footnotes] == [
        "CTOC/COP/2024/1.",
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "CTOC/COP/WG.2/2023/4, paras. 7–9.",
        "CTOC/COP/WG.2/2024/5, paras. 8–10.",
    ]


def test_002_annexes() -> None:
    r = seed(SEED_002)
    assert [(a.id, a.number) for a in r.annexes] == [("annex-1", "I"), ("annex-2", "II")]
    one, two = r.annexes
    assert one.title == (
        "Recommendations adopted by the Working Group of Government Experts on Technical Assistance at its "
        "fourteenth meeting, held on 29 and 30 May 2023"
    )
    assert two.title is not None and two.title.endswith("at its fifteenth meeting, held on 3 and 4 June 2024")
    for annex in (one, two):
        assert [p.id for p in annex.intro] == [f"{annex.id}-intro"]
        assert annex.intro[0].text.startswith(
            "The Working Group of Government Experts on Technical Assistance "
            "adopted the following recommendations[^"
        )
    assert [s.heading for s in one.sections] == [
        "General recommendations",
        "Recommendations on matters pertaining to the Mechanism for the Review of the Implementation of the "
        "United Nations Convention against Transnational "
        "Organized Crime and the Protocols thereto: challenges, "
        "lessons learned and identified technical assistance needs",
        # A bold line without "#" is a heading too.
        "Recommendations on technical assistance needs in the prevention of organized crime, including data "
        "collection and analytical processes to support the mainstreaming of a gender perspective and human "
        "rights, as well as the development of national strategies to address transnational organized crime",
    ]
    assert [letters(s.paragraphs) for s in one.sections] == [["a"], abc("b", "g"), abc("h", "k")]
    assert [s.heading for s in two.sections] == [
        "Recommendations on the criminalization of crimes that affect the environment",
        "Recommendations on organized fraud",
        "Recommendations on matters pertaining to the review of the implementation of the Organized Crime "
        "Convention",
    ]
    assert [letters(s.paragraphs) for s in two.sections] == [abc("a", "i"), abc("j", "t"), abc("u", "x")]
    assert [p.id for s in two.sections for p in s.paragraphs] == [f"annex-2-{c}" for c in abc("a", "x")]


def test_002_paragraph_details() -> None:
    p = by_id(seed(SEED_002))
    # The inline enumeration (a) … (b) … (c) inside annex II (b) stays one paragraph.
    b = p["annex-2-b"].text
    assert "parties are encouraged to consider: (a) identifying victims" in b
    assert "; (b) adopting appropriate measures" in b
    assert "; and (c) using such proceeds" in b
    assert b.endswith("in accordance with their domestic law;")
    # Rejoined across page breaks: after a `---` footnote block, after a bare footnote, and without one.
    assert (
        "identify the relevant national experts to ensure the effectiveness and consistency"
        in p["annex-1-f"].text
    )
    assert "to enhance financial investigations in order to detect" in p["annex-2-a"].text
    assert "criminal and non-criminal sanctions" in p["annex-2-k"].text
    assert "Convention against Transnational Organized Crime for preventing and combating" in p["pp-6"].text
    # Hard line breaks re-flowed; <sup> becomes a mark.
    assert p["pp-1"].text.startswith(
        "*Reaffirming* that the United Nations Convention against Transnational "
        "Organized Crime,[^1] as a global instrument"
    )
    assert p["pp-5"].text.startswith("*Recalling also* its resolution 10/1")
    assert p["pp-6"].text.startswith("*Recalling further* its resolutions 10/6")
    assert p["op-2"].text.startswith("*Also endorses* the recommendations")


def test_003_ccpcj_revised_draft_recommended_to_ecosoc() -> None:
    r = seed(SEED_003)
    assert (r.id, r.body, r.kind, r.status) == (
        "ccpcj-revised-draft-italy",
        "ccpcj",
        "resolution",
        "revised-draft",
    )
    assert r.recommended_to == "ecosoc"
    assert r.recommendation == (
        "The Commission on Crime Prevention and Criminal "
        "Justice recommends to the Economic and Social Council "
        "the adoption of the following draft resolution:"
    )
    assert r.formula == "The Economic and Social Council,"
    assert r.title == (
        "Strengthening international cooperation in combating transnational organized crime in all its forms "
        "and manifestations"
    )
    assert r.sponsors == ("Italy",)
    # The text states no session and no date: nothing is invented.
    assert (r.session, r.year, r.number, r.venue, r.agenda_item) == (None, None, None, None, None)
    assert r.dates.distributed is None and r.dates.adopted is None
    assert len(r.preamble) == 17
    assert len(r.operative) == 17
    assert all(not p.subparagraphs for p in r.operative)
    assert r.annexes == ()
    assert [(f.mark, f.anchor) for f in r.footnotes] == [
        ("1", "pp-3"),
        ("2", "pp-4"),
        ("3", "pp-7"),
        ("4", "pp-10"),
        ("5", "pp-10"),
        ("6", "op-1"),
        ("7", "op-9"),
    ]
    assert [f.text for f in r.footnotes] == [
        "United Nations, *Treaty Series*, vols. 2225, 2237, 2241 and 2326, No. 39574.",
        "Ibid., vol. 2349, No. 42146.",
        "General Assembly resolution 65/230, annex.",
        "United Nations, *Treaty Series*, vol. 2225, No. 39574.",
        "Ibid., vol. 2237, No. 39574.",
        "United Nations, *Treaty Series*, vols. 2225, 2237, 2241 and 2326, No. 39574.",
        "E/CN.15/2012/15.",
    ]


def test_003_pdf_text_details() -> None:
    p = by_id(seed(SEED_003))
    # Glued footnote numbers become marks; real numbers stay numbers.
    assert (
        "the Protocols thereto[^1] as the main tools of the international community to fight"
        in p["pp-3"].text
    )
    assert "General Assembly resolution 66/181 of 19 December 2011" in p["pp-3"].text
    assert "United Nations Convention against Corruption[^2] and other" in p["pp-4"].text
    assert "in a Changing World,[^3] adopted by the Twelfth" in p["pp-7"].text
    assert "Organized Crime[^4] and its Protocol" in p["pp-10"].text
    assert p["pp-10"].text.endswith("supplementing the Convention,[^5]")
    assert "and the Protocols thereto,[^6] and encourages" in p["op-1"].text
    assert "with regard to its trafficking,[^7] including its recommendations" in p["op-9"].text
    assert "Criminal Justice at its 22nd session;" in p["op-4"].text
    assert "resolution 2012/\\[...] entitled" in p["pp-8"].text
    # Rejoined across the page break whose second half starts with a capital.
    assert "and invited Member States to strengthen their efforts" in p["pp-8"].text
    # The leading phrase gets the UN's italics although PDF text has none.
    expected_starts = {
        "pp-1": "*Recognizing* that",
        "pp-6": "*Recalling also* General Assembly",
        "pp-7": "*Recalling further* the Salvador",
        "pp-9": "*Taking note* of the commitment",
        "pp-14": "*Mindful* of the links",
        "pp-16": "*Noting with appreciation* the establishment",
        "op-1": "*Reiterates its call* to those",
        "op-6": "*Also invites* Member States",
        "op-9": "*Takes note with appreciation* of the report",
        "op-11": "*Reiterates its invitation* to Member States",
        "op-17": "*Requests* the Secretary-General",
    }
    assert {k: p[k].text[: len(v)] for k, v in expected_starts.items()} == expected_starts


def test_004_cop_resolution_5_1_adopted() -> None:
    r = seed(SEED_004)
    assert (r.id, r.body, r.kind, r.status, r.number) == (
        "cop-res-5-1",
        "cop",
        "resolution",
        "adopted",
        "5/1",
    )
    assert r.session == 5
    # "2010" appears in the text, but no date of the document does: dates and year stay null.
    assert (r.year, r.dates.distributed, r.dates.adopted) == (None, None, None)
    assert (r.sponsors, r.venue, r.agenda_item, r.recommended_to) == ((), None, None, None)
    assert r.title == (
        "Ensuring effective implementation of the United Nations Convention against Transnational Organized "
        "Crime and the Protocols thereto"
    )
    assert len(r.preamble) == 12
    assert len(r.operative) == 11
    assert letters(r.operative[0].subparagraphs) == ["a", "b"]
    assert [s.id for s in r.operative[0].subparagraphs] == ["op-1-a", "op-1-b"]
    assert [(f.mark, f.anchor, f.text) for f in r.footnotes] == [
        ("1", "pp-1", "United Nations, *Treaty Series*, vols. 2225, 2237, 2241 and 2326, No. 39574."),
        ("2", "op-1-a", "Ibid."),
    ]
    p = by_id(r)
    assert "transnational aspects of organized crime and its links with other criminal" in p["pp-8"].text
    assert "requests the Secretariat to apprise the Conference, at its sixth session," in p["op-11"].text
    assert p["op-8"].text.startswith("*Draws* the attention")
    assert p["op-1"].text.startswith("*Reaffirms* its decision")


@pytest.mark.parametrize("stem", SEEDS)
def test_every_mark_has_its_footnote_and_every_footnote_its_mark(stem: str) -> None:
    r = seed(stem)
    texts = [p.text for p in r.paragraphs()] + [r.title, r.formula or ""]
    texts += [a.title or "" for a in r.annexes] + [s.heading or "" for a in r.annexes for s in a.sections]
    marks = [m for t in texts for m in footnote_marks(t)]
    numbered = sorted({f.mark for f in r.footnotes if f.mark != "*"}, key=int)
    assert sorted(set(marks), key=int) == numbered
    for footnote in r.footnotes:
        if footnote.anchor != "agenda-item":
            assert footnote.mark in footnote_marks(by_id(r)[footnote.anchor].text)


# --- clean: table-driven on raw snippets ----------------------------------------------------------


def _blocks(raw: str) -> list[str]:
    return [b.text for b in clean(raw).blocks]


FOOT = "\n\n__________________\n\n 1  First footnote.\n 2  Second footnote.\n 3  Third footnote.\n"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("the Protocols thereto1 as the main tools,", "the Protocols thereto[^1] as the main tools,"),
        ("against Corruption2 and other instruments,", "against Corruption2 and other instruments,"),
        (
            "in a Changing World,1 adopted by the Congress,",
            "in a Changing World,[^1] adopted by the Congress,",
        ),
        ("the Convention,1", "the Convention,[^1]"),
        (
            "its trafficking,1 including its recommendations;",
            "its trafficking,[^1] including its recommendations;",
        ),
        ("“Strengthening the programme”,1 in which", "“Strengthening the programme”,[^1] in which"),
        # Real numbers are left alone.
        ("Treaty Series, vol. 2225, No. 39574,", "Treaty Series, vol. 2225, No. 39574,"),
        (
            "General Assembly resolution 66/181 of 19 December 2011,",
            "General Assembly resolution 66/181 of 19 December 2011,",
        ),
        ("including its Goal 16, on peaceful societies,", "including its Goal 16, on peaceful societies,"),
        ("the Commission at its 22nd session;", "the Commission at its 22nd session;"),
        ("the coronavirus disease (COVID-19) pandemic,", "the coronavirus disease (COVID-19) pandemic,"),
        ("the report E/CN.15/2012/L.1/Rev.1 and", "the report E/CN.15/2012/L.1/Rev.1 and"),
        ("resolution 2012/[...] entitled", "resolution 2012/\\[...] entitled"),
    ],
)
def test_glued_footnote_numbers_vs_real_numbers(paragraph: str, expected: str) -> None:
    assert (
        _blocks(paragraph + FOOT.replace(" 2  Second footnote.\n", "").replace(" 3  Third footnote.\n", ""))[
            0
        ]
        == expected
    )


def test_glued_numbers_are_taken_in_order_only_when_the_footnote_exists() -> None:
    raw = "Crime1 and Convention2 and G20 and Corruption3 and Goal4," + FOOT
    assert _blocks(raw)[0] == "Crime[^1] and Convention[^2] and G20 and Corruption[^3] and Goal4,"
    assert [f.mark for f in clean(raw).footnotes] == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("in its resolution [55/25](#) of 15 November 2000,", "in its resolution 55/25 of 15 November 2000,"),
        (
            "Transnational Organized Crime,¹ and its opening",
            "Transnational Organized Crime,[^1] and its opening",
        ),
        ("Organized Crime,<sup>1</sup> as a global", "Organized Crime,[^1] as a global"),
        ("the following recommendations<sup> 2 </sup> for", "the following recommendations[^2] for"),
        ("the 1<sup>st</sup> meeting", "the 1st meeting"),
        ("thereto,¹²", "thereto,[^12]"),
        ("Item 5 of the provisional agenda\\*", "Item 5 of the provisional agenda[^*]"),
        ("Item 2 of the provisional agenda*", "Item 2 of the provisional agenda[^*]"),
        (
            "a literal \\* star and \\[bracket\\] and \\_under\\_",
            "a literal \\* star and \\[bracket] and _under_",
        ),
        ("a back\\\\slash", "a back\\\\slash"),
        ("1. *Urges* Member States", "1. *Urges* Member States"),
        ("United Nations, *Treaty Series*, vol. 2225", "United Nations, *Treaty Series*, vol. 2225"),
        ("**Recommendations on organized fraud** follow", "Recommendations on organized fraud follow"),
        ("an odd * star", "an odd \\* star"),
        ("<script>alert(1)</script> stays text", "<script>alert(1)</script> stays text"),
        ("a<br>break and <em>tags</em> dropped", "a break and tags dropped"),
        (
            "wrapped against  \nTransnational Organized Crime,",
            "wrapped against Transnational Organized Crime,",
        ),
        ("  indented PDF line \n   continued   here ", "indented PDF line continued here"),
        ("open-\nended working group", "open-ended working group"),
        (
            "soft\u00adhyphen and zero\u200bwidth, money\u2011laundering, of\ufb01ce",
            "softhyphen and zerowidth, money-laundering, office",
        ),
    ],
)
def test_inline_cleaning(raw: str, expected: str) -> None:
    assert _blocks(raw) == [expected]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("# Conference\n\n## Twelfth session", [("Conference", 1), ("Twelfth session", 2)]),
        (
            "#### **Draft resolution submitted by the Co-Chairs**",
            [("Draft resolution submitted by the Co-Chairs", 4)],
        ),
        ("## **Annex I**", [("Annex I", 2)]),
        (
            "**Recommendations on technical assistance needs**",
            [("Recommendations on technical assistance needs", 7)],
        ),
        ("**Bold** start of running text", [("Bold start of running text", None)]),
        ("#hashtag is text", [("#hashtag is text", None)]),
    ],
)
def test_headings(raw: str, expected: list[tuple[str, int | None]]) -> None:
    assert [(b.text, b.heading) for b in clean(raw).blocks] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "Highlighting the impact and its\n\n* [CTOC/COP/2020/1](#).\n\n¹ "
            "United Nations, *Treaty Series*.\n\n\n\n"
            "manifestations, and recognizing,",
            ["Highlighting the impact and its manifestations, and recognizing,"],
            id="markdown footnotes between the halves",
        ),
        pytest.param(
            "reaffirmed the Protocols thereto1 as the main tools "
            "of the international \n\n__________________ \n\n"
            " 1  United Nations, Treaty Series, vol. 2225. \n community to fight crime,",
            [
                "reaffirmed the Protocols thereto[^1] as the main "
                "tools of the international community to fight crime,"
            ],
            id="PDF footnote block, body resumes without a blank line",
        ),
        pytest.param(
            "reliable data on world crime, and invited \n\n__________________ \n\n 1  Ibid. \n"
            " Member States to strengthen their efforts,",
            ["reliable data on world crime, and invited Member States to strengthen their efforts,"],
            id="after footnotes, second half in capitals",
        ),
        pytest.param(
            "(f) Parties are encouraged to ensure the\n\n---\n\n<sup>2</sup> CTOC/COP/WG.2/2023/4.\n\n"
            "effectiveness of responses;",
            ["(f) Parties are encouraged to ensure the effectiveness of responses;"],
            id="--- separator",
        ),
        pytest.param(
            "draws the attention of States\n\nparties to the increasing risks;",
            ["draws the attention of States parties to the increasing risks;"],
            id="lower-case continuation",
        ),
        pytest.param(
            "requests the Secretariat to apprise the\n\nConference, at its sixth session, of measures.",
            ["requests the Secretariat to apprise the Conference, at its sixth session, of measures."],
            id="ends on a word no paragraph ends with",
        ),
        pytest.param(
            "Recalling its resolution 9/1,\n\nRecalling also its resolution 10/1,",
            ["Recalling its resolution 9/1,", "Recalling also its resolution 10/1,"],
            id="finished paragraph: no join",
        ),
        pytest.param(
            "(a) the first item\n\n(b) the second item;",
            ["(a) the first item", "(b) the second item;"],
            id="a marker starts a new paragraph",
        ),
        pytest.param(
            "Conference of the Parties to the United Nations "
            "Convention against Transnational Organized Crime\n\n"
            "Distr.: Limited\n\nTenth session\n\nCelebrating the "
            "twentieth anniversary\n\nThe Conference of the Parties,",
            [
                "Conference of the Parties to the United Nations "
                "Convention against Transnational Organized Crime",
                "Distr.: Limited",
                "Tenth session",
                "Celebrating the twentieth anniversary",
                "The Conference of the Parties,",
            ],
            id="header lines stay apart",
        ),
        pytest.param(
            "### Recommendations on\n\nthe second line",
            ["Recommendations on", "the second line"],
            id="headings never join",
        ),
    ],
)
def test_page_break_rejoin(raw: str, expected: list[str]) -> None:
    assert _blocks(raw) == expected


def test_footnote_blocks_are_taken_out_with_their_marks_and_lines() -> None:
    raw = (
        "Item 2 of the provisional agenda*\n\ntext\n\n* "
        "[CTOC/COP/2020/1](#).\n\n¹ United Nations, *Treaty Series*."
        "\n\n\\* Starred.\n\n<sup>2</sup> "
        "Second,\nwrapped.\n\n__________________\n\n 3  Third. \n 4  Fourth\n"
        "    continued. \n"
    )
    assert [(f.mark, f.text, f.line) for f in clean(raw).footnotes] == [
        ("*", "CTOC/COP/2020/1.", 5),
        ("1", "United Nations, *Treaty Series*.", 7),
        ("*", "Starred.", 9),
        ("2", "Second, wrapped.", 11),
        ("3", "Third.", 16),
        ("4", "Fourth continued.", 17),
    ]


def test_a_date_after_a_page_break_is_not_a_footnote() -> None:
    raw = (
        "entitled “Outcomes”, and 11/3 of\n\n__________________\n\n 1  Ibid.\n"
        "16 October 2020, entitled “Launch”,"
    )
    cleaned = clean(raw)
    assert [f.mark for f in cleaned.footnotes] == ["1"]
    assert [b.text for b in cleaned.blocks] == [
        "entitled “Outcomes”, and 11/3 of 16 October 2020, entitled “Launch”,"
    ]


def test_blocks_remember_their_raw_line() -> None:
    assert [(b.text, b.line) for b in clean("\n\nFirst line,\nsecond line.\n\n\nThird.").blocks] == [
        ("First line, second line.", 3),
        ("Third.", 7),
    ]


# --- segment --------------------------------------------------------------------------------------


def _segment(raw: str) -> tuple[list[Paragraph], list[Paragraph]]:
    parts = segment(clean(raw).blocks, "snippet.txt")
    return list(parts.preamble), list(parts.operative)


def test_an_inline_enumeration_stays_one_paragraph() -> None:
    raw = (
        "The Conference of the Parties,\n\nRecalling its work,\n\n"
        "1. Encourages parties to consider: (a) identifying victims; (b) adopting measures; and (c) using\n"
        "(d) such proceeds;\n"
    )
    _, operative = _segment(raw)
    assert len(operative) == 1
    assert operative[0].subparagraphs == ()
    assert operative[0].text == (
        "*Encourages* parties to consider: (a) identifying "
        "victims; (b) adopting measures; and (c) using (d) such "
        "proceeds;"
    )


def test_lettered_and_roman_subparagraphs() -> None:
    raw = (
        "The Conference of the Parties,\n\nRecalling its work, including:\n\n(a) its first decision;\n\n"
        "1. Requests the Office:\n\n(a) To do this:\n\n(i) first;\n\n(ii) second;\n\n(b) To do that;\n\n"
        "(c) …\n\n(d) …\n\n(e) …\n\n(f) …\n\n(g) …\n\n(h) "
        "…\n\n(i) the letter i;\n\n2. Decides to remain seized.\n"
    )
    preamble, operative = _segment(raw)
    assert [s.id for s in preamble[0].subparagraphs] == ["pp-1-a"]
    op1 = operative[0]
    assert letters(op1.subparagraphs) == abc("a", "i")
    assert [(s.id, s.number) for s in op1.subparagraphs[0].subparagraphs] == [
        ("op-1-a-i", "i"),
        ("op-1-a-ii", "ii"),
    ]
    assert op1.subparagraphs[-1].text == "the letter i;"
    assert operative[1].text == "*Decides* to remain seized."


def test_plain_text_annex_with_title_intro_headings_and_letters() -> None:
    raw = (
        "The Conference of the Parties,\n\n1. Endorses the recommendations set out in the annex.\n\nAnnex\n\n"
        "Recommendations adopted by the Working Group\n\nThe "
        "Working Group adopted the following recommendations:\n\n"
        "General recommendations\n\n(a) Parties are encouraged to act;\n\nRecommendations on fraud\n\n"
        "(b) Parties should consider data;\n\n(c) Parties may wish to act.\n"
    )
    parts = segment(clean(raw).blocks, "snippet.txt")
    (annex,) = parts.annexes
    assert (annex.id, annex.number, annex.title) == (
        "annex-1",
        "",
        "Recommendations adopted by the Working Group",
    )
    assert [p.id for p in annex.intro] == ["annex-1-intro"]
    assert [(s.heading, letters(s.paragraphs)) for s in annex.sections] == [
        ("General recommendations", ["a"]),
        ("Recommendations on fraud", ["b", "c"]),
    ]
    assert parts.diagnostics == ()


# --- leading phrases (table) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "text", "expected"),
    [
        ("preamble", "Recalling also its resolution 10/1,", "*Recalling also* its resolution 10/1,"),
        (
            "preamble",
            "Recalling further the Salvador Declaration,",
            "*Recalling further* the Salvador Declaration,",
        ),
        (
            "preamble",
            "Recalling, in that connection, resolutions,",
            "*Recalling*, in that connection, resolutions,",
        ),
        (
            "preamble",
            "Noting with appreciation that the number",
            "*Noting with appreciation* that the number",
        ),
        ("preamble", "Noting with concern the emergence", "*Noting with concern* the emergence"),
        ("preamble", "Taking note of the commitment", "*Taking note* of the commitment"),
        ("preamble", "Seriously concerned about the impact", "*Seriously concerned* about the impact"),
        (
            "preamble",
            "Greatly concerned by the negative impact",
            "*Greatly concerned* by the negative impact",
        ),
        ("preamble", "Mindful of the links", "*Mindful* of the links"),
        ("preamble", "Bearing in mind its decision", "*Bearing in mind* its decision"),
        (
            "operative",
            "Reiterates its call to those Member States",
            "*Reiterates its call* to those Member States",
        ),
        (
            "operative",
            "Reiterates its invitation to Member States",
            "*Reiterates its invitation* to Member States",
        ),
        (
            "operative",
            "Reaffirms its decision, in its resolution 5/5,",
            "*Reaffirms* its decision, in its resolution 5/5,",
        ),
        ("operative", "Also invites Member States", "*Also invites* Member States"),
        ("operative", "Further calls upon States parties", "*Further calls upon* States parties"),
        (
            "operative",
            "Takes note with appreciation of the report",
            "*Takes note with appreciation* of the report",
        ),
        ("operative", "Draws the attention of States parties", "*Draws* the attention of States parties"),
        ("operative", "Requests the Secretary-General", "*Requests* the Secretary-General"),
        ("operative", "*Urges* Member States", "*Urges* Member States"),
        ("operative", "Requestsfoo the Office", None),
        ("operative", "requests the Office", None),
        ("preamble", "Frobnicating the Convention,", None),
    ],
)
def test_leading_phrase_emphasis(part: str, text: str, expected: str | None) -> None:
    assert emphasise(text, part) == expected  # type: ignore[arg-type]


# --- metadata (tables) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("Fifth", 5),
        ("Tenth", 10),
        ("Twelfth", 12),
        ("nineteenth", 19),
        ("Twentieth", 20),
        ("twenty-second", 22),
        ("Thirty-first", 31),
        ("22nd", 22),
        ("1st", 1),
        ("session", None),
        ("Twentyfirst", None),
    ],
)
def test_ordinals(word: str, value: int | None) -> None:
    assert ordinal_value(word) == value


@pytest.mark.parametrize(
    ("text", "sponsors"),
    [
        ("Italy", ("Italy",)),
        ("Italy and Mexico", ("Italy", "Mexico")),
        ("Argentina, Bosnia and Herzegovina and Italy", ("Argentina", "Bosnia and Herzegovina", "Italy")),
        ("Trinidad and Tobago", ("Trinidad and Tobago",)),
        (
            "Bolivia (Plurinational State of), Italy and United "
            "Kingdom of Great Britain and Northern Ireland",
            (
                "Bolivia (Plurinational State of)",
                "Italy",
                "United Kingdom of Great Britain and Northern Ireland",
            ),
        ),
        (
            "Kenya, on behalf of the Group of African States",
            ("Kenya, on behalf of the Group of African States",),
        ),
    ],
)
def test_split_sponsors(text: str, sponsors: tuple[str, ...]) -> None:
    assert split_sponsors(text) == sponsors


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("cop", "resolution", "adopted", "5/1", 5, ()), "cop-res-5-1"),
        (("ecosoc", "resolution", "adopted", "2012/12", None, ()), "ecosoc-res-2012-12"),
        (("cop", "decision", "adopted", "4/2", 4, ()), "cop-dec-4-2"),
        (("cop", "resolution", "draft", None, 10, ("Italy",)), "cop-10-draft-italy"),
        (("ccpcj", "resolution", "revised-draft", None, None, ("Italy",)), "ccpcj-revised-draft-italy"),
        (
            ("cop", "resolution", "draft", None, 12, ("Co-Chairs of the Working Group",)),
            "cop-12-draft-co-chairs",
        ),
        (("cop", "resolution", "draft", None, None, ()), "cop-draft"),
    ],
)
def test_ids(args: tuple[str, str, str, str | None, int | None, tuple[str, ...]], expected: str) -> None:
    assert make_id(*args) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sponsor", "slug"),
    [
        ("Italy", "italy"),
        ("Co-Chairs of the Working Group of Government Experts", "co-chairs"),
        ("Netherlands (Kingdom of the)", "netherlands"),
        ("the President", "president"),
    ],
)
def test_sponsor_slug(sponsor: str, slug: str) -> None:
    assert sponsor_slug(sponsor) == slug


HEADER_CASES = [
    pytest.param(
        "Decision 4/2\n\nTitle of the decision\n\nThe Conference "
        "of the Parties to the Convention,\n\n1. Decides so.",
        {
            "id": "cop-dec-4-2",
            "kind": "decision",
            "status": "adopted",
            "number": "4/2",
            "session": 4,
            "year": None,
        },
        id="adopted decision",
    ),
    pytest.param(
        "Distr.: General\n1 March 2012\nOriginal: English\n\nArgentina "
        "and Italy: draft decision\n\nA title\n\n"
        "The Commission on Crime Prevention and Criminal Justice,\n\n1. Decides so.",
        {
            "id": "ccpcj-draft-argentina",
            "kind": "decision",
            "status": "draft",
            "sponsors": ["Argentina", "Italy"],
            "dates": {"distributed": dt.date(2012, 3, 1), "adopted": None},
            "year": 2012,
        },
        id="draft decision with two sponsors",
    ),
    pytest.param(
        "Resolution 2012/12\n\nA title\n\nThe Economic and Social Council,\n\n1. Decides so.",
        {"id": "ecosoc-res-2012-12", "session": None, "year": 2012},
        id="year-numbered body",
    ),
    pytest.param(
        "E/CN.15/2012/L.4/Rev.1\n\nTwenty-first session\n\nVienna, 23–27 April 2012\n\n"
        "Agenda item 6\n\nA title\n\nThe General Assembly,\n\n1. Decides so.",
        {
            "symbol": "E/CN.15/2012/L.4/Rev.1",
            "session": 21,
            "venue": "Vienna",
            "body": "ga",
            "agenda_item": {"number": "6", "title": None},
        },
        id="symbol, ordinal, venue, agenda item",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), HEADER_CASES)
def test_header_variants(raw: str, expected: dict[str, object]) -> None:
    resolution, diagnostics = import_text(raw, "snippet.txt")
    plain = resolution_to_plain(resolution)
    assert {k: plain[k] for k in expected} == expected
    assert [d for d in diagnostics if d.severity == "error"] == []


# --- diagnostics: one per code --------------------------------------------------------------------

GOOD_BODY = "The Conference of the Parties to the Convention,\n\nRecalling its work,\n\n1. Decides so."

DIAGNOSTIC_CASES = [
    pytest.param("Distr.: Limited\n\n" + GOOD_BODY, "IMP001", "error", 3, "no title", id="IMP001"),
    pytest.param(
        "A title\n\n" + GOOD_BODY.replace("its work,", "its work,¹"),
        "IMP002",
        "warning",
        5,
        "footnote mark 1 in pp-1 has no footnote text: the mark is left out",
        id="IMP002",
    ),
    pytest.param(
        "A title\n\n" + GOOD_BODY + "\n\n¹ Orphan footnote.", "IMP003", "error", 9, "footnote 1", id="IMP003"
    ),
    pytest.param(
        "A title\n\nThe Arctic Council,\n\n1. Decides so.",
        "IMP004",
        "error",
        3,
        "unknown body 'Arctic Council'",
        id="IMP004",
    ),
    pytest.param(
        "A title\n\n" + GOOD_BODY.replace("Recalling", "Frobnicating"),
        "IMP005",
        "warning",
        5,
        "'Frobnicating its work,'",
        id="IMP005",
    ),
    pytest.param(
        "A title\n\nRecalling its work,\n\n1. Decides so.", "IMP006", "warning", 3, "formula", id="IMP006"
    ),
    pytest.param(
        "A title\n\n" + GOOD_BODY + "\n\n3. Requests more.",
        "IMP007",
        "warning",
        9,
        "operative paragraph 3 where 2",
        id="IMP007",
    ),
    pytest.param(
        "Totally unexpected line\n\nA title\n\n" + GOOD_BODY,
        "IMP008",
        "warning",
        1,
        "header line not understood",
        id="IMP008",
    ),
    pytest.param(
        "A title\n\n" + GOOD_BODY + "\n\n## Some heading\n\n*Further recalling* something,",
        "IMP009",
        "warning",
        9,
        "heading outside an annex",
        id="IMP009",
    ),
    pytest.param(
        "A title\n\n" + GOOD_BODY + "\n\nAnd then some unnumbered text.",
        "IMP010",
        "warning",
        9,
        "unnumbered text after op-1",
        id="IMP010",
    ),
    pytest.param(
        "Distr.: Limited\n31 February 2020\n\nA title\n\n" + GOOD_BODY,
        "IMP011",
        "warning",
        2,  # the date's own line: masthead lines stay apart even without a blank line between them
        "impossible date '31 February 2020'",
        id="IMP011",
    ),
    pytest.param(
        "A title\n\n" + GOOD_BODY.replace("work,", "work,¹") + "\n\n¹ One.\n\n¹ Again.",
        "IMP012",
        "warning",
        11,
        "footnote 1 appears twice",
        id="IMP012",
    ),
]


@pytest.mark.parametrize(("raw", "code", "severity", "line", "message"), DIAGNOSTIC_CASES)
def test_each_diagnostic(raw: str, code: str, severity: str, line: int, message: str) -> None:
    _, diagnostics = import_text(raw, "corpus/raw/bad.txt")
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, [d.format() for d in diagnostics]
    (d,) = found
    assert (d.path, d.line, d.severity) == ("corpus/raw/bad.txt", line, severity)
    assert message in d.message
    assert d.hint


def test_unknown_body_hint_suggests_the_closest_name() -> None:
    _, diagnostics = import_text("A title\n\nThe General Asembly,\n\n1. Decides so.", "x.txt")
    (d,) = [d for d in diagnostics if d.code == "IMP004"]
    assert d.hint == "did you mean 'General Assembly'?"


def test_no_formula_still_finds_the_body_start() -> None:
    resolution, _ = import_text("A title\n\nRecalling its work,\n\n1. Decides so.", "x.txt")
    assert resolution.title == "A title"
    assert [p.text for p in resolution.paragraphs()] == ["*Recalling* its work,", "*Decides* so."]


# --- never crashes --------------------------------------------------------------------------------

_SEED_LINES = {
    stem: (RAW / f"{stem}.txt").read_text(encoding="utf-8").splitlines(keepends=True) for stem in SEEDS
}


def _assert_imports(text: str) -> None:
    resolution, diagnostics = import_text(text, "fuzz.txt")
    # The YAML written for whatever came in reads back as the same data.
    data = yaml_data(resolution_to_yaml(resolution))
    data.pop("imported")
    assert data == resolution_to_plain(resolution)
    for paragraph in resolution.paragraphs():
        to_plain(paragraph.text)
    assert all(isinstance(d, Diagnostic) and d.path == "fuzz.txt" for d in diagnostics)


@settings(max_examples=inputs(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    _assert_imports(text)


@settings(max_examples=inputs(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    stem=st.sampled_from(SEEDS),
    cut=st.floats(min_value=0, max_value=1),
    drops=st.sets(st.integers(min_value=0, max_value=300), max_size=12),
    junk=st.sampled_from(
        ["", "*", "¹", "<sup>", "(a) ", "12. ", "Annex", "__________", "\\", "[", "---", "# "]
    ),
)
def test_truncated_and_damaged_seeds_never_crash(stem: str, cut: float, drops: set[int], junk: str) -> None:
    lines = _SEED_LINES[stem]
    kept = [line for i, line in enumerate(lines) if i not in drops]
    kept = kept[: int(len(kept) * cut)]
    _assert_imports("".join(kept) + junk)
