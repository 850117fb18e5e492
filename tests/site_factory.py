"""Small corpora built in Python for the graph and render tests.

The texts are cut from the four seeds (corpus/raw/), so the tests read like the real site;
bodies and instruments come from the real YAML under corpus/. Citations are placed by
searching for the cited phrase in the paragraph, so offsets are always right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from yaml_data import yaml_data

from generator.citations import Resolved, resolve
from generator.ids import ArticleRef, DocumentRef, SymbolRef
from generator.model import (
    AgendaItem,
    Annex,
    AnnexSection,
    Article,
    Body,
    Citation,
    Corpus,
    Dates,
    Footnote,
    Instrument,
    Paragraph,
    Resolution,
    Target,
    passages,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def load_bodies(root: Path = CORPUS) -> dict[str, Body]:
    """The bodies of ``root``/bodies.yaml, read by the real loader (sessions, abbreviations too)."""
    from generator.diagnostics import Report
    from generator.schema.load import load_bodies as read_bodies

    report = Report()
    bodies, ok = read_bodies(root / "bodies.yaml", report)
    assert ok, report.format()
    return bodies


def load_instruments(root: Path = CORPUS) -> dict[str, Instrument]:
    loaded = []
    for path in sorted((root / "instruments").glob("*.yaml")):
        d: dict[str, Any] = yaml_data(path.read_text(encoding="utf-8"))
        loaded.append((d.get("order", 99), d))
    out = {}
    for _, d in sorted(loaded, key=lambda x: x[0]):
        out[d["key"]] = Instrument(
            key=d["key"],
            name=d["name"],
            short_name=d["short_name"],
            names=tuple(d["names"]),
            articles=tuple(Article(a["number"], a["title"]) for a in d["articles"]),
        )
    return out


def p(id_: str, text: str, number: str | None = None, subs: Iterable[Paragraph] = ()) -> Paragraph:
    return Paragraph(id=id_, number=number, text=text, subparagraphs=tuple(subs))


# --- the seeds, abridged -------------------------------------------------------------------------

ITALY_2020 = Resolution(
    id="cop-10-draft-italy",
    body="cop",
    kind="resolution",
    status="draft",
    session=10,
    year=2020,
    dates=Dates(distributed=dt.date(2020, 9, 23)),
    venue="Vienna",
    agenda_item=AgendaItem(
        "2",
        "Review of the implementation of the United Nations Convention against Transnational Organized "
        "Crime and the Protocols thereto",
    ),
    sponsors=("Italy",),
    title="Celebrating the twentieth anniversary of the adoption of the United Nations Convention against "
    "Transnational Organized Crime and promoting its effective implementation",
    formula="The Conference of the Parties to the United Nations Convention against Transnational "
    "Organized Crime,",
    preamble=(
        p(
            "pp-1",
            "*Welcoming* the twentieth anniversary of the adoption by the General Assembly, in its "
            "resolution 55/25 of 15 November 2000, of the United Nations Convention against Transnational "
            "Organized Crime,[^1] and its opening for signature by Member States at a high-level political "
            "conference convened for that purpose in Palermo, Italy, from 12 to 15 December 2000,",
        ),
        p(
            "pp-2",
            "*Recalling*, in that connection, relevant General Assembly resolutions, in particular "
            "resolution 74/177 of 18 December 2019, entitled “Strengthening the United Nations crime "
            "prevention and criminal justice programme, in particular its technical cooperation capacity”,",
        ),
        p(
            "pp-3",
            "*Recognizing* that technical assistance and economic development are fundamental to ensuring "
            "the effective implementation of the provisions of the Convention and the Protocols thereto, and "
            "recalling in this regard article 30 of the Convention,",
        ),
    ),
    operative=(
        p(
            "op-1",
            "*Urges* Member States that have not yet done so to consider ratifying or acceding to the United "
            "Nations Convention against Transnational Organized Crime and the Protocols thereto;",
            "1",
        ),
        p(
            "op-2",
            "*Invites* States parties to make full and effective use of the Convention, in particular "
            "through the broad scope of application of the definition of “serious crime” enshrined in its "
            "article 2 (b), as well as its provisions on international cooperation, in particular "
            "article 16, on extradition, and article 18, on mutual legal assistance, to counter new, "
            "emerging and evolving forms of transnational organized crime;",
            "2",
        ),
        p(
            "op-12",
            "*Requests* the United Nations Office on Drugs and Crime, within its mandate, to continue to "
            "provide technical assistance and capacity-building to Member States, upon request, including "
            "through the following:",
            "12",
            (
                p(
                    "op-12-a",
                    "The provision of legal advisory services or ad hoc legislative assistance;",
                    "a",
                ),
                p(
                    "op-12-b",
                    "The provision of assistance in the development of national strategies to prevent and "
                    "fight transnational organized crime;",
                    "b",
                ),
            ),
        ),
    ),
    footnotes=(
        Footnote("*", "CTOC/COP/2020/1.", "agenda-item"),
        Footnote("1", "United Nations, *Treaty Series*, vol. 2225, No. 39574.", "pp-1"),
    ),
    source="corpus/raw/000_a0a79015d9b2e08c.txt",
)

CO_CHAIRS_2024 = Resolution(
    id="cop-12-draft-co-chairs",
    body="cop",
    kind="resolution",
    status="draft",
    session=12,
    year=2024,
    dates=Dates(distributed=dt.date(2024, 10, 11)),
    venue="Vienna",
    agenda_item=AgendaItem("5", "Technical assistance"),
    sponsors=("Co-Chairs of the Working Group of Government Experts on Technical Assistance",),
    title="Implementation of the provisions on technical assistance of the United Nations Convention against "
    "Transnational Organized Crime",
    formula="The Conference of the Parties to the United Nations Convention against Transnational "
    "Organized Crime,",
    preamble=(
        p(
            "pp-1",
            "*Reaffirming* that the United Nations Convention against Transnational Organized Crime,[^1] "
            "as a global instrument with wide adherence, offers a broad scope for cooperation,",
        ),
        p(
            "pp-4",
            "*Recalling* its resolution 9/1 of 19 October 2018, entitled “Establishment of the Mechanism for "
            "the Review of the Implementation of the United Nations Convention against Transnational "
            "Organized Crime and the Protocols thereto”, through which it established the Review Mechanism,",
        ),
    ),
    operative=(
        p(
            "op-1",
            "*Endorses* the recommendations adopted by the Working Group of Government Experts on Technical "
            "Assistance at its fourteenth meeting, held on 29 and 30 May 2023, which are set out in annex I "
            "to the present resolution;",
            "1",
        ),
    ),
    annexes=(
        Annex(
            id="annex-1",
            number="I",
            title="Recommendations adopted by the Working Group of Government Experts on Technical "
            "Assistance at its fourteenth meeting, held on 29 and 30 May 2023",
            intro=(
                p(
                    "annex-1-intro",
                    "The Working Group of Government Experts on Technical Assistance adopted the following "
                    "recommendations[^2] for endorsement by the Conference of the Parties:",
                ),
            ),
            sections=(
                AnnexSection(
                    "General recommendations",
                    (
                        p(
                            "annex-1-a",
                            "Parties are encouraged to provide the United Nations Office on Drugs and Crime "
                            "(UNODC) with extrabudgetary resources;",
                            "a",
                        ),
                    ),
                ),
                AnnexSection(
                    "Recommendations on organized fraud",
                    (
                        p(
                            "annex-1-j",
                            "Parties are encouraged to consider organized fraud as a serious crime, as "
                            "defined in article 2 (b) of the Organized Crime Convention;",
                            "j",
                        ),
                        p(
                            "annex-1-m",
                            "Parties should consider, in accordance with articles 24 and 25 of the Organized "
                            "Crime Convention, taking appropriate measures to protect witnesses and victims;",
                            "m",
                        ),
                    ),
                ),
            ),
        ),
    ),
    footnotes=(
        Footnote("*", "CTOC/COP/2024/1.", "agenda-item"),
        Footnote("1", "United Nations, *Treaty Series*, vol. 2225, No. 39574.", "pp-1"),
        Footnote("2", "CTOC/COP/WG.2/2023/4, paras. 7–9.", "annex-1-intro"),
    ),
    source="corpus/raw/002_f9b20ba016d888ae.txt",
)

CCPCJ_2012 = Resolution(
    id="ccpcj-revised-draft-italy",
    body="ccpcj",
    kind="resolution",
    status="revised-draft",
    session=21,
    year=2012,
    sponsors=("Italy",),
    recommended_to="ecosoc",
    recommendation="The Commission on Crime Prevention and Criminal Justice recommends to the Economic and "
    "Social Council the adoption of the following draft resolution:",
    title="Strengthening international cooperation in combating transnational organized crime in all its "
    "forms and manifestations",
    formula="The Economic and Social Council,",
    preamble=(
        p(
            "pp-5",
            "*Recalling* Commission on Crime Prevention and Criminal Justice resolution 19/2 of 21 May 2010, "
            "entitled “Strengthening the collection, analysis and reporting of comparable crime-related "
            "data”, as well as Economic and Social Council resolution 2012/[...] entitled “Improving the "
            "quality and availability of statistics on crime and criminal justice for policy development”,",
        ),
    ),
    operative=(
        p(
            "op-2",
            "*Welcomes* resolution 5/5 of 22 October 2010 of the Conference of the Parties to the United "
            "Nations Convention against Transnational Organized Crime, in which the Conference decided to "
            "establish an open-ended intergovernmental working group;",
            "2",
        ),
        p(
            "op-9",
            "*Takes note with appreciation* of the report of the Secretary-General on crime prevention and "
            "criminal justice responses to protect cultural property,[^7] including its recommendations;",
            "9",
        ),
    ),
    footnotes=(Footnote("7", "E/CN.15/2012/15.", "op-9"),),
    source="corpus/raw/003_c3c6b8d2861b9b86.txt",
)

RES_5_1 = Resolution(
    id="cop-res-5-1",
    body="cop",
    kind="resolution",
    status="adopted",
    number="5/1",
    session=5,
    year=2010,
    dates=Dates(adopted=dt.date(2010, 10, 22)),
    venue="Vienna",
    title="Ensuring effective implementation of the United Nations Convention against Transnational "
    "Organized Crime and the Protocols thereto",
    formula="The Conference of the Parties to the United Nations Convention against Transnational "
    "Organized Crime,",
    preamble=(
        p(
            "pp-7",
            "*Noting with concern* the emergence, in the past decade, of new forms and dimensions of "
            "transnational organized crime, as already noted by the Conference in its decision 4/2,",
        ),
    ),
    operative=(
        p(
            "op-1",
            "*Reaffirms* its decision, in its resolution 5/5 of 22 October 2010, to establish an open-ended "
            "intergovernmental working group:",
            "1",
            (
                p(
                    "op-1-a",
                    "To consider and explore options with regard to the establishment of a mechanism;",
                    "a",
                ),
            ),
        ),
        p(
            "op-3",
            "*Requests* the United Nations Office on Drugs and Crime to strengthen the collection, analysis "
            "and reporting of data on organized crime trends and patterns, in accordance with article 28 "
            "of the Convention;",
            "3",
        ),
        p(
            "op-7",
            "*Urges* States parties to make adequate voluntary contributions to the account established in "
            "accordance with article 30, paragraph 2 (c), of the Convention for the provision of technical "
            "assistance;",
            "7",
        ),
    ),
    footnotes=(),
    source="corpus/raw/004_cbf27e0216005652.txt",
)


def _site(res: Resolution, para: str, phrase: str, target: Target, **kw: Any) -> Citation:
    """A citation of ``phrase`` as it stands in passage ``para`` (or footnote ``fn-1``) of ``res``."""
    passage = next(x for x in passages(res) if x.id == para)
    start = passage.text.index(phrase)
    return Citation(target, start, start + len(phrase), phrase, passage=passage, **kw)


def _doc(text: str) -> DocumentRef:
    return DocumentRef.parse(text)


GA_55_25_DATE = dt.date(2000, 11, 15)


def seed_sites() -> list[Resolved]:
    """The citations of the abridged seeds, as the citation finder reports them, resolved."""
    return list(resolve(_seed_citations(), seed_corpus()))


def _seed_citations() -> list[Citation]:
    return [
        _site(ITALY_2020, "pp-1", "resolution 55/25", _doc("ga resolution 55/25"), date=GA_55_25_DATE),
        _site(
            ITALY_2020,
            "pp-2",
            "resolution 74/177",
            _doc("ga resolution 74/177"),
            date=dt.date(2019, 12, 18),
            title="Strengthening the United Nations crime prevention and criminal justice programme, in "
            "particular its technical cooperation capacity",
        ),
        _site(ITALY_2020, "pp-3", "article 30", ArticleRef("untoc", 30)),
        _site(ITALY_2020, "op-2", "article 2 (b)", ArticleRef("untoc", 2, None, "b")),
        _site(ITALY_2020, "op-2", "article 16", ArticleRef("untoc", 16)),
        _site(ITALY_2020, "op-2", "article 18", ArticleRef("untoc", 18)),
        _site(ITALY_2020, "fn-star", "CTOC/COP/2020/1", SymbolRef("CTOC/COP/2020/1")),
        _site(
            CO_CHAIRS_2024,
            "pp-4",
            "resolution 9/1",
            _doc("cop resolution 9/1"),
            date=dt.date(2018, 10, 19),
            title="Establishment of the Mechanism for the Review of the Implementation of the United Nations "
            "Convention against Transnational Organized Crime and the Protocols thereto",
        ),
        _site(CO_CHAIRS_2024, "annex-1-j", "article 2 (b)", ArticleRef("untoc", 2, None, "b")),
        _site(CO_CHAIRS_2024, "annex-1-m", "articles 24", ArticleRef("untoc", 24)),
        _site(CO_CHAIRS_2024, "annex-1-m", "25", ArticleRef("untoc", 25)),
        _site(CO_CHAIRS_2024, "fn-2", "CTOC/COP/WG.2/2023/4", SymbolRef("CTOC/COP/WG.2/2023/4")),
        _site(
            CCPCJ_2012,
            "pp-5",
            "resolution 19/2",
            _doc("ccpcj resolution 19/2"),
            date=dt.date(2010, 5, 21),
            title="Strengthening the collection, analysis and reporting of comparable crime-related data",
        ),
        _site(CCPCJ_2012, "pp-5", "resolution 2012/[...]", _doc("ecosoc resolution 2012/[...]")),
        _site(CCPCJ_2012, "op-2", "resolution 5/5", _doc("cop resolution 5/5"), date=dt.date(2010, 10, 22)),
        _site(CCPCJ_2012, "fn-7", "E/CN.15/2012/15", SymbolRef("E/CN.15/2012/15")),
        _site(RES_5_1, "pp-7", "decision 4/2", _doc("cop decision 4/2")),
        _site(RES_5_1, "op-1", "resolution 5/5", _doc("cop resolution 5/5"), date=dt.date(2010, 10, 22)),
        _site(RES_5_1, "op-3", "article 28", ArticleRef("untoc", 28)),
        _site(RES_5_1, "op-7", "article 30, paragraph 2 (c)", ArticleRef("untoc", 30, "2", "c")),
    ]


def seed_corpus() -> Corpus:
    return Corpus(
        resolutions=(ITALY_2020, CO_CHAIRS_2024, CCPCJ_2012, RES_5_1),
        bodies=load_bodies(),
        instruments=load_instruments(),
    )


# --- a hostile corpus: every field a reader sees carries something that must stay text ---------------

HOSTILE = "<script>alert(1)</script> {{ x }} {% raw %} _u_ [x](javascript:alert(1)) <!-- \\*"


def hostile_resolution() -> Resolution:
    return Resolution(
        id="cop-res-9-9",
        body="cop",
        kind="resolution",
        status="adopted",
        number="9/9",
        session=9,
        year=2018,
        dates=Dates(adopted=dt.date(2018, 10, 19)),
        venue=f"Vienna {HOSTILE}",
        agenda_item=AgendaItem("7", f"Agenda {HOSTILE}"),
        sponsors=(f"Sponsor {HOSTILE}",),
        title=f"Title {HOSTILE}",
        formula="The Conference,",
        preamble=(p("pp-1", f"*Recalling* {HOSTILE} and article 30 of the Convention,[^1]"),),
        operative=(replace(p("op-1", f"*Decides* {HOSTILE};", "1"), heading=f"I. Part {HOSTILE}"),),
        footnotes=(Footnote("1", f"Footnote {HOSTILE}", "pp-1"),),
        source="corpus/raw/none.txt",
    )


def hostile_corpus() -> tuple[Corpus, list[Resolved]]:
    res = hostile_resolution()
    corpus = Corpus(resolutions=(res,), bodies=load_bodies(), instruments=load_instruments())
    return corpus, list(resolve([_site(res, "pp-1", "article 30", ArticleRef("untoc", 30))], corpus))
