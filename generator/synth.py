"""Synthetic corpora for scale tests: many realistic resolutions from one seed.

``synthesize(count, seed)`` yields resolutions that look and link like the real corpus: the four bodies
with their numbering and calendars, drafts and adopted texts, preambles and operative paragraphs of the
seeds' lengths, emphasised leading verbs, lettered sub-paragraphs, annexes, footnotes, and citations
phrased as the seeds phrase them — to earlier synthetic resolutions (so the citation graph is connected
like the real one), to resolutions outside the corpus, and to articles of the Convention and its
Protocols that exist. ``write_corpus`` writes them as a complete corpus root through the importer's own
YAML writer.

Everything is derived from ``random.Random(seed)`` in a fixed order, never from the clock or from set or
dict iteration order, so the same seed gives the same bytes on every machine.

Body names and article titles are read from ``corpus/`` (data, not code); the phrase bank below is the
generator's own vocabulary, taken from the seeds and real UN texts on crime.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from generator.diagnostics import Report
from generator.ids import ArticleRef, DocumentRef, ResolutionId
from generator.model import (
    AgendaItem,
    Annex,
    AnnexSection,
    Dates,
    Footnote,
    Kind,
    Paragraph,
    Resolution,
    Status,
)

# The reference data the synthetic texts name: the repository's own corpus/ directory.
CORPUS_ROOT = Path(__file__).resolve().parent.parent / "corpus"

BODY_KEYS = ("cop", "ccpcj", "ecosoc", "ga")
# Share of synthetic texts per body; COP and CCPCJ dominate the real crime corpus.
_BODY_WEIGHTS = (0.22, 0.30, 0.23, 0.25)
# Calendars run from 1992 (the first CCPCJ session) to 2025. Synthetic texts start after the Convention
# was adopted (15 November 2000), since nearly all of them name it; older texts are only cited.
_FIRST_YEAR, _LAST_YEAR = 1992, 2025
_FIRST_SYNTHETIC_YEAR = 2001
# The COP met in 2004, 2005 and 2006, then every two years: session 5 in 2010, 10 in 2020, 12 in 2024.
_COP_YEARS = {1: 2004, 2: 2005, 3: 2006} | {s: 2000 + 2 * s for s in range(4, 13)}
# How many numbers a session hands out before synthetic texts need more: GA and ECOSOC number every
# text they adopt (crime is a small share), the COP and CCPCJ adopt a handful.
_NUMBER_SPACE = {"cop": 12, "ccpcj": 12, "ecosoc": 60, "ga": 330}

# The General Assembly resolution that adopted the Convention: cited by its real number and date.
_GA_55_25 = (
    "ga",
    55,
    25,
    dt.date(2000, 11, 15),
    "United Nations Convention against Transnational Organized Crime",
)

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# --------------------------------------------------------------------------------------------------
# Reference data from corpus/
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BodyData:
    key: str
    name: str
    short_reference: str  # "the Conference"


@dataclass(frozen=True)
class _InstrumentData:
    key: str
    full_name: str
    short_names: tuple[str, ...]  # "the Convention", "the Organized Crime Convention"
    articles: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class _Reference:
    bodies: dict[str, _BodyData]
    instruments: dict[str, _InstrumentData]


def _the(name: str) -> str:
    return name if name.startswith("the ") else f"the {name}"


def _read_reference(corpus_root: Path) -> _Reference:
    """Body names and instrument articles, read by the loader from the corpus's YAML data files."""
    from generator.schema.load import load_bodies, load_instruments

    report = Report()
    loaded_bodies, _ = load_bodies(corpus_root / "bodies.yaml", report)
    loaded_instruments = load_instruments(corpus_root / "instruments", report)
    missing = [k for k in BODY_KEYS if k not in loaded_bodies]
    if not report.ok or missing or "untoc" not in loaded_instruments:
        raise ValueError(
            f"the reference data in {corpus_root} is not usable for a synthetic corpus "
            f"(bodies missing: {missing or 'none'}):\n{report.format()}"
        )
    bodies = {k: _BodyData(k, loaded_bodies[k].name, loaded_bodies[k].short_references[0]) for k in BODY_KEYS}
    instruments = {
        key: _InstrumentData(
            key=key,
            full_name=i.names[0],
            short_names=tuple(_the(n) for n in i.names[1:]),
            articles=tuple((a.number, a.title) for a in i.articles),
        )
        for key, i in loaded_instruments.items()
    }
    return _Reference(bodies, instruments)


# --------------------------------------------------------------------------------------------------
# The phrase bank (from the seeds and real resolutions on crime)
# --------------------------------------------------------------------------------------------------

_CONVENTION = "United Nations Convention against Transnational Organized Crime"
_UNODC = "the United Nations Office on Drugs and Crime"

_TOPICS = (
    "transnational organized crime",
    "trafficking in persons",
    "the smuggling of migrants",
    "illicit trafficking in firearms, their parts and components and ammunition",
    "money-laundering",
    "corruption",
    "cybercrime",
    "crimes that affect the environment",
    "trafficking in cultural property",
    "organized fraud",
    "illicit trafficking in wildlife and forest products",
    "the illicit trafficking in falsified medical products",
    "kidnapping",
    "the illicit financial flows derived from organized crime",
    "trafficking in human organs",
    "maritime piracy and armed robbery at sea",
)

_TITLE_PATTERNS = (
    "Strengthening international cooperation in combating {topic}",
    "Strengthening international cooperation in combating {topic} in all its forms and manifestations",
    "Preventing and combating {topic}",
    "Preventing and combating {topic} falling within the scope of the {convention}",
    "Countering {topic}",
    "Strengthening crime prevention and criminal justice responses to {topic}",
    "Implementation of the {convention} and the Protocols thereto",
    "Implementation of the provisions on technical assistance of the {convention}",
    "Implementation of the provisions on international cooperation of the {convention}",
    "Strengthening the United Nations crime prevention and criminal justice programme, in particular its "
    "technical cooperation capacity",
    "Promoting the effective implementation of the {convention} with regard to {topic}",
    "Technical assistance for combating {topic}",
    "Improving the coordination of efforts against {topic}",
    "Strengthening the collection, analysis and reporting of comparable data on {topic}",
    "Strengthening public-private partnerships to counter {topic}",
    "Enhancing the effectiveness of the fight against {topic}",
    "Protection of and assistance to victims of {topic}",
    "The role of civil society in preventing and combating {topic}",
    "Mainstreaming a gender perspective into measures against {topic}",
    "Follow-up to the review of the implementation of the {convention}",
    "Outcomes of the joint thematic discussion of the working groups on {topic}",
    "Addressing the links between {topic} and other forms of crime",
)

_PROPOSITIONS = (
    "transnational organized crime has diversified and represents a threat to health and safety, security, "
    "good governance and the sustainable development of States",
    "all States have a shared responsibility to take steps to counter transnational organized crime, "
    "including through international cooperation",
    "fighting organized crime in an effective manner is essential for ensuring that individuals are able "
    "to enjoy their human rights and fundamental freedoms",
    "the rule of law and development are strongly interrelated and mutually reinforcing",
    "technical assistance and economic development are fundamental to ensuring the effective "
    "implementation of the provisions of the Convention and the Protocols thereto",
    "the Convention offers a unique basis for international cooperation in various areas of the fight "
    "against transnational organized crime and has in this regard a yet-to-be-exploited potential",
    "more efforts are necessary to make full and effective use of those instruments",
    "organized criminal groups increasingly exploit new technologies to commit and conceal their crimes",
    "the penetration of organized criminal groups into the licit economy distorts markets and undermines "
    "confidence in public institutions",
    "the Convention, as a global instrument with wide adherence, offers a broad scope for cooperation to "
    "address existing and emerging forms of transnational organized crime",
    "effective responses to organized crime require accurate information on global crime trends and patterns",
    "the proceeds of crime sustain organized criminal groups and allow them to infiltrate legitimate "
    "businesses",
    "victims of organized crime need appropriate assistance and protection, in accordance with domestic law",
    "the fight against transnational organized crime contributes to the achievement of the 2030 Agenda for "
    "Sustainable Development, including its Goal 16",
    "cooperation between Member States and private sector entities is essential to counter transnational "
    "organized crime",
    "groups outside the public sector, such as civil society, non-governmental and community-based "
    "organizations, the private sector and academia, can contribute to the prevention of crime",
)

_NOUN_PHRASES = (
    "the effective implementation of the Convention and the Protocols thereto",
    "international cooperation in criminal matters, including extradition and mutual legal assistance",
    "technical assistance and capacity-building for developing countries",
    "the collection, analysis and reporting of accurate, reliable and comparable data on crime trends",
    "public-private partnerships to counter crime in all its forms and manifestations",
    "the work of the Working Group of Government Experts on Technical Assistance",
    "the Mechanism for the Review of the Implementation of the United Nations Convention against "
    "Transnational Organized Crime and the Protocols thereto",
    "the efforts made by States parties in implementing the Convention and the Protocols thereto",
    "the central role that the United Nations Office on Drugs and Crime has been playing in promoting "
    "the implementation of those instruments",
    "the launch of the pilot review programme and the report on the progress of that exercise",
    "the knowledge management portal known as Sharing Electronic Resources and Laws on Crime",
    "the online Directory of Competent National Authorities",
    "universal adherence to and full implementation of the Convention and the Protocols thereto",
    "the denial of safe havens to those who engage in transnational organized crime",
    "the establishment of specialized judicial and law enforcement units",
    "the memorandum of understanding between the United Nations Office on Drugs and Crime and "
    "relevant international organizations",
    "the high-level segment of the session of the Conference, which was aimed at fostering universal "
    "adherence to the Convention",
    "the contribution of the institutes of the United Nations crime prevention and criminal justice "
    "programme network",
    "the integrated programme approach comprising thematic and regional programmes",
    "a gender perspective in all policies and programmes against organized crime",
)

_CONCERNS = (
    "the negative impact of organized crime on human rights, fundamental freedoms, the rule of law, "
    "sustainable development, security, stability and democracy",
    "the emergence of new forms and dimensions of transnational organized crime",
    "the links which may exist, in some cases, between transnational organized crime and terrorism",
    "the growing involvement of organized criminal groups at all stages of both licit and illicit activities "
    "that can generate huge profits",
    "the sophistication, diversity and transnational aspects of organized crime and its links with other "
    "criminal activities",
    "the increasing risks and vulnerabilities stemming from the misuse of information and communications "
    "technologies",
    "the involvement of transnational criminal organizations in all aspects of crimes having a significant "
    "impact on the environment",
)

_STATE_ACTORS = (
    "Member States",
    "States parties",
    "Member States that have not yet done so",
    "States parties and signatories",
    "Member States and relevant international and regional organizations",
    "all Member States",
)

_OFFICE_ACTORS = (
    _UNODC,
    "the Executive Director of the United Nations Office on Drugs and Crime",
    "the Secretariat",
    "the Secretary-General",
    f"{_UNODC}, within its mandate,",
)

_STATE_ACTIONS = (
    "consider ratifying or acceding to the United Nations Convention against Transnational Organized Crime "
    "and the Protocols thereto",
    "afford one another the widest measure of cooperation in conducting investigations in relation to "
    "offences covered by the Convention",
    "make use of the Convention as a legal basis for effective international cooperation for the purposes "
    "of the timely freezing, seizure, confiscation and disposal of proceeds of crime",
    "conduct proactive investigations and to make effective use of financial investigative tools",
    "strengthen the cooperation of their judicial and law enforcement authorities with the private sector",
    "populate and use the databases, platforms and tools developed by the United Nations Office on Drugs "
    "and Crime",
    "provide adequate mechanisms to ensure proper safety and control of the licit distribution chain",
    "consider establishing mechanisms that allow for the broadest possible international cooperation",
    "review their legal and regulatory arrangements in order to provide for the criminalization of "
    "the conduct concerned",
    "enhance their cross-border cooperation, including with a view to breaking the related criminal "
    "distribution chains",
    "nominate national focal points for the Review Mechanism and keep that information up to date",
    "share their relevant legislation, case law and strategies with the United Nations Office on Drugs "
    "and Crime",
    "develop appropriate policies and measures aimed at the prevention of transnational organized crime",
    "provide extrabudgetary resources for these purposes, in accordance with the rules and procedures of "
    "the United Nations",
    "collect and analyse quantitative and qualitative data on organized crime, disaggregated by age, "
    "gender and other relevant factors",
    "provide effective assistance and protection to witnesses and victims, in accordance with their "
    "domestic law",
)

_OFFICE_ACTIONS = (
    "continue to provide technical assistance and capacity-building to Member States, upon request, in "
    "order to enhance their capacity to prevent and combat transnational organized crime",
    "strengthen the collection, analysis and reporting of accurate, reliable and comparable data on "
    "organized crime trends and patterns",
    "continue developing technical assistance tools that may be used to support the implementation of the "
    "Convention and the Protocols thereto",
    "continue developing global analyses of the threats and modalities of transnational organized crime",
    "keep Member States informed on the progress of the work carried out pursuant to the present resolution",
    "organize similar meetings as a regular feature of the sessions of the Conference",
    "facilitate interregional cooperation and networking among the parties to the Convention",
    "update, as necessary, its model instruments and publications, with a view to including provisions "
    "on the use of special investigative techniques",
    "expand the Sharing Electronic Resources and Laws on Crime knowledge management portal to include "
    "information on emerging forms of crime",
    "continue to conduct research on different forms of transnational organized crime",
)

_DECISIONS = (
    "establish an open-ended intergovernmental working group to consider and explore options for the "
    "establishment of a mechanism to assist it in the review of the implementation of the Convention",
    "continue to exchange information on experience and practices on the application of the Convention "
    "to new forms and dimensions of transnational organized crime",
    "convene, within existing resources, a meeting of experts to examine good practices and lessons learned",
    "include in the agenda of its next session an item on the implementation of the present resolution",
    "hold a joint thematic discussion of its working groups at its next session",
)

# Qualifiers that fit after almost any clause of a resolution.
_QUALIFIERS = (
    ", including through the exchange of information and good practices",
    ", in accordance with the fundamental principles of their domestic legal systems",
    ", as appropriate",
    ", in full respect for human rights and fundamental freedoms",
    ", bearing in mind the urgent need to improve the implementation of the Convention and its Protocols",
    ", with a view to improving the capacity of States to implement and utilize the Convention",
    ", in particular with respect to the various forms of crime within the scope of the Convention that "
    "are of common concern to the States parties",
    " at the national, regional and international levels",
    ", in consultation with Member States and relevant regional and international organizations",
    ", taking into account the specific needs of developing countries and countries with economies in "
    "transition",
    ", while respecting human rights and applicable privacy rights",
    ", including in line with the purposes of the present resolution",
    ", in particular corruption and economic crime, including money-laundering",
    ", in order to ensure that no stage in the supply chain is overlooked",
    ", such as the appointment of liaison magistrates and liaison officers and the creation of joint "
    "investigation bodies",
    ", with the involvement and close cooperation of the private sector, where appropriate",
    ", in accordance with their national legislation and in appropriate cases",
    ", upon request",
    ", including with regard to the mainstreaming of a gender perspective",
)

# A second clause joined to an operative paragraph: ", and requests the Office to …" (000 op 1, 003 op 1).
_OPERATIVE_CONJUNCTIONS = ("requests", "invites", "encourages", "urges", "calls upon")
# A second clause joined to a preambular paragraph: ", and recognizing that …" (000 pp 4, 003 pp 10).
_PREAMBLE_CONJUNCTIONS = (
    ("recognizing that", _PROPOSITIONS),
    ("stressing the importance of", _NOUN_PHRASES),
    ("noting with appreciation", _NOUN_PHRASES),
    ("expressing concern about", _CONCERNS),
    ("reaffirming the need to", _STATE_ACTIONS),
)
# Annex paragraphs go on with another sentence: "Parties are also encouraged to …" (002 annex I (f)).
_ANNEX_FOLLOW_UPS = (
    "Parties are also encouraged to",
    "Parties are further encouraged to",
    "Parties should also",
    "Parties and UNODC are invited to",
)

_IN_WHICH = (
    "reaffirmed the importance of the Convention and the Protocols thereto as the main tools of the "
    "international community to fight transnational organized crime",
    "urged Member States to reinforce and fully implement mechanisms to strengthen international "
    "cooperation, including mutual legal assistance",
    "requested the United Nations Office on Drugs and Crime to strengthen the collection, analysis and "
    "reporting of accurate, reliable and comparable data",
    "invited the United Nations Office on Drugs and Crime to explore, within its mandate, ways and means "
    "of addressing emerging policy issues",
    "decided to establish an open-ended intergovernmental working group",
    "urged full and effective implementation of the relevant international instruments",
    "encouraged Member States to share experiences and good practices",
)

_SUB_ITEMS = (
    "The provision of legal advisory services or ad hoc legislative assistance, including on the basis of "
    "existing model legislative provisions",
    "The provision of assistance in the development of national strategies to prevent and fight "
    "transnational organized crime",
    "The promotion of innovative mechanisms of international judicial and law enforcement cooperation",
    "The training of law enforcement and criminal justice practitioners, on the basis of their needs and "
    "priorities",
    "The development of handbooks, digests of relevant case law and legal commentaries",
    "The strengthening of the capacity of national statistical authorities to collect disaggregated data",
    "The facilitation of the exchange of good practices and lessons learned among practitioners",
    "The updating of model instruments and publications on the gathering of electronic evidence",
)

# Items of the second level, "(i) …", under an item of _SUB_ITEMS.
_SUB_SUB_ITEMS = (
    "The review of domestic legislation on the liability of legal persons",
    "The drafting of guidance on the use of special investigative techniques",
    "The exchange of information on the routes and methods used by organized criminal groups",
    "The collection of data on the prosecution and adjudication of cases",
    "The organization of regional workshops for central authorities",
)
# Items of the third level, "(A) …", under an item of _SUB_SUB_ITEMS.
_THIRD_LEVEL_ITEMS = (
    "The identification of the competent national authorities",
    "The translation of the relevant materials into the official languages",
    "The follow-up given to requests for mutual legal assistance",
    "The protection of the personal data exchanged",
)

_WORKING_GROUPS = (
    "Working Group of Government Experts on Technical Assistance",
    "Working Group on International Cooperation",
    "Working Group on Trafficking in Persons",
    "Working Group on the Smuggling of Migrants",
    "Working Group on Firearms",
)

_ANNEX_SUBJECTS = (
    "Parties are encouraged to",
    "Parties should consider measures to",
    "States parties are invited to",
    "Parties may wish to",
    "Parties that have not yet done so are strongly encouraged to",
    "The United Nations Office on Drugs and Crime should continue to",
)

_ANNEX_HEADINGS = (
    "General recommendations",
    "Recommendations on matters pertaining to the Review Mechanism",
    "Recommendations on the criminalization of crimes that affect the environment",
    "Recommendations on organized fraud",
    "Recommendations on international cooperation in criminal matters",
    "Recommendations on technical assistance needs in the prevention of organized crime",
    "Recommendations on data collection and analysis",
)

_SPONSORS = (
    "Italy", "Austria", "Mexico", "Brazil", "Nigeria", "Japan", "France", "Colombia", "Egypt", "Thailand",
    "South Africa", "Canada", "Germany", "Argentina", "Philippines", "Morocco", "Peru", "Qatar",
    "United Kingdom of Great Britain and Northern Ireland", "United States of America", "Russian Federation",
    "China", "India", "Indonesia", "Kenya", "Norway", "Sweden", "Spain", "Türkiye", "Australia",
    "Costa Rica", "Ecuador", "Belarus", "Ghana", "Senegal", "Saudi Arabia", "Panama", "Portugal",
)  # fmt: skip

_AGENDA = {
    "cop": (
        ("2", "Review of the implementation of the United Nations Convention against Transnational Organized "
              "Crime and the Protocols thereto"),
        ("3", "Trafficking in persons"),
        ("4", "Smuggling of migrants"),
        ("5", "Technical assistance"),
        ("6", "International cooperation, with particular emphasis on extradition, mutual legal assistance "
              "and international cooperation for purposes of confiscation"),
        ("7", "Firearms"),
    ),
    "ccpcj": (
        ("5", "Integration and coordination of efforts by the United Nations Office on Drugs and Crime "
              "and by Member States in the field of crime prevention and criminal justice"),
        ("6", "World crime trends and emerging issues and responses in the field of crime prevention and "
              "criminal justice"),
        ("7", "Use and application of United Nations standards and norms in crime prevention and criminal "
              "justice"),
    ),
    "ecosoc": (("18 (c)", "Crime prevention and criminal justice"),),
    "ga": (("107", "Crime prevention and criminal justice"), ("108", "International drug control")),
}  # fmt: skip

# Articles that real texts cite most, weighted; others of the instrument are cited now and then.
_POPULAR_ARTICLES = {
    "untoc": {2: 4, 5: 2, 6: 2, 10: 3, 12: 2, 13: 2, 16: 4, 18: 4, 20: 3, 24: 2, 25: 2, 27: 3, 28: 3,
              29: 3, 30: 4, 31: 3, 32: 3},
    "tip": {3: 3, 5: 2, 6: 3, 9: 2},
    "som": {3: 2, 6: 3, 8: 2, 16: 1},
    "firearms": {5: 2, 7: 2, 8: 3, 10: 2},
}  # fmt: skip
# Pinpoints the seeds use: article 2 (b), 20 (2), 30 (2) (c).
_PINPOINTS = {
    ("untoc", 2): (None, "b"), ("untoc", 20): ("2", None), ("untoc", 30): ("2", "c"),
    ("untoc", 16): ("1", None), ("untoc", 18): ("13", None), ("untoc", 13): ("1", None),
}  # fmt: skip
_INSTRUMENT_WEIGHTS = {"untoc": 0.8, "tip": 0.08, "som": 0.06, "firearms": 0.06}
_TREATY_SERIES = {"untoc": "vol. 2225", "tip": "vol. 2237", "som": "vol. 2241", "firearms": "vol. 2326"}

# How many resolutions (index = count) and articles a text cites, modelled on the four seeds (2, 5, 12
# and 3 resolution citations; 8, 4, 0 and 3 article citations), capped at 8.
_RESOLUTION_CITATION_WEIGHTS = (8, 11, 14, 14, 13, 11, 9, 7, 5)
_ARTICLE_CITATION_WEIGHTS = (12, 10, 12, 13, 12, 10, 8, 7, 6)

# Decisions (issue 8 §1.4). A session's report prints most as "The Conference …:" and lettered items in
# the past tense, roman type ("(a) Took note of …;"); some are one sentence ("*Decides* to …").
_REPORTED = (
    "Took note of {noun}",
    "Requested the Secretariat to {office_action}",
    "Invited States parties to {state_action}",
    "Decided to {decision}",
    "Welcomed {noun}",
    "Encouraged States parties to {state_action}",
    "Noted with appreciation {noun}",
)
_DECISION_DECISIONS = (
    "continue to exchange information on experience and practices on the application of the Convention "
    "to new forms and dimensions of transnational organized crime",
    "convene, within existing resources, a meeting of experts to examine good practices and lessons learned",
    "include in the agenda of its next session an item on the implementation of the present decision",
    "hold a joint thematic discussion of its working groups at its next session",
    "extend the mandate of the working group until its next session",
)
_DECISION_SHAPES = ("reported", "sentence", "resolution-like")
_DECISION_SHAPE_WEIGHTS = (0.5, 0.2, 0.3)

# Citations of the other forms of issue 8 §2, one kind per paragraph; each text carries a few at most.
_OTHER_FORMS = ("special-session", "short-names", "security-council", "human-rights-council", "congress",
                "instrument", "plural-pinpoints")  # fmt: skip
# General Assembly special sessions that real texts on crime cite: (session, date of its resolutions).
_SPECIAL_SESSIONS = ((20, dt.date(1998, 6, 10)), (30, dt.date(2016, 4, 19)))
# United Nations Crime Congresses: (ordinal, year).
_CONGRESSES = ((10, 2000), (11, 2005), (12, 2010), (13, 2015), (14, 2021))
# Articles with numbered paragraphs whose paragraph 1 has lettered sub-paragraphs (plural pinpoints).
_PINPOINTABLE = (("untoc", 5), ("untoc", 6), ("untoc", 12), ("untoc", 16), ("untoc", 18), ("untoc", 27))

# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------

_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
          "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth")  # fmt: skip
_CARDINAL_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENTHS = ("", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
           "eightieth", "ninetieth")  # fmt: skip


def ordinal_words(n: int) -> str:
    """``22`` → ``twenty-second``, as the UN spells session numbers (1–99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"ordinal out of range: {n}")
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENTHS[tens] if unit == 0 else f"{_TENS[tens]}-{_UNITS[unit]}"


def roman(n: int) -> str:
    """Annex numbers: 1 → I, 4 → IV (1–39)."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def letter(i: int) -> str:
    """Sub-paragraph letters as the UN writes them: a … z, then aa, bb …"""
    return chr(ord("a") + i % 26) * (i // 26 + 1)


def un_date(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _words(text: str) -> int:
    return len(text.split())


def _weighted_index(rng: random.Random, weights: Sequence[float]) -> int:
    return rng.choices(range(len(weights)), weights=weights)[0]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _weekday_on_or_after(d: dt.date, weekday: int) -> dt.date:
    return d + dt.timedelta(days=(weekday - d.weekday()) % 7)


# --------------------------------------------------------------------------------------------------
# Planning: which texts exist, when, with which numbers
# --------------------------------------------------------------------------------------------------


@dataclass
class _Slot:
    """One text on the calendar: synthetic (emitted) or outside the corpus (only cited)."""

    order: int
    body: str
    kind: Kind
    status: Status
    session: int | None
    year: int
    date: dt.date
    outside: bool
    number: str | None = None
    title: str = ""
    topic: str = ""

    @property
    def ref(self) -> DocumentRef | None:
        return None if self.number is None else DocumentRef(self.body, self.kind, self.number)


@dataclass(frozen=True)
class _Session:
    body: str
    session: int | None
    year: int
    start: dt.date  # opening day
    days: tuple[dt.date, ...]  # days on which texts are adopted


def _sessions(rng: random.Random) -> dict[str, list[_Session]]:
    """Every session of every body from 1992 to 2025, with the days texts are adopted on."""
    out: dict[str, list[_Session]] = {k: [] for k in BODY_KEYS}
    for session, year in sorted(_COP_YEARS.items()):
        # A week in October, texts adopted on the Friday (9/1 on 19 October 2018, 10/1 on 16 October 2020).
        start = _weekday_on_or_after(dt.date(year, 10, 8 + rng.randrange(8)), 0)
        out["cop"].append(_Session("cop", session, year, start, (start + dt.timedelta(days=4),)))
    for year in range(_FIRST_YEAR, _LAST_YEAR + 1):
        # CCPCJ: annual since 1992, a week in April or May, adoption on the Friday (19/1 on 21 May 2010).
        start = _weekday_on_or_after(dt.date(year, 4, 10) + dt.timedelta(days=rng.randrange(45)), 0)
        out["ccpcj"].append(_Session("ccpcj", year - 1991, year, start, (start + dt.timedelta(days=4),)))
        # ECOSOC: the substantive session in July, adoption over its last days (2011/33 on 28 July 2011).
        start = _weekday_on_or_after(dt.date(year, 7, 1 + rng.randrange(14)), 0)
        days = tuple(start + dt.timedelta(days=d) for d in (7, 8, 10, 11))
        out["ecosoc"].append(_Session("ecosoc", None, year, start, days))
        # General Assembly: session = year - 1945; plenary adoption of Third Committee texts in
        # mid-December (66/181 on 19 December 2011), a few in November.
        start = _weekday_on_or_after(dt.date(year, 9, 8), 1)  # the session opens on a Tuesday in September
        december = _weekday_on_or_after(dt.date(year, 12, 14 + rng.randrange(6)), 0)
        november = _weekday_on_or_after(dt.date(year, 11, 10 + rng.randrange(10)), 0)
        days = (november, december, december + dt.timedelta(days=1), december + dt.timedelta(days=3))
        out["ga"].append(_Session("ga", year - 1945, year, start, days))
    return out


def _plan(count: int, rng: random.Random) -> list[_Slot]:
    """Lay out ``count`` synthetic texts plus the outside texts they cite, numbered and in date order."""
    sessions = _sessions(rng)
    outside_count = count // 6 + 12
    slots: list[_Slot] = []
    for order in range(count + outside_count):
        outside = order >= count
        body = BODY_KEYS[_weighted_index(rng, _BODY_WEIGHTS)]
        session = rng.choice([s for s in sessions[body] if outside or s.year >= _FIRST_SYNTHETIC_YEAR])
        roll = rng.random()
        status: Status = (
            "adopted" if outside or roll < 0.86 else ("draft" if roll < 0.95 else "revised-draft")
        )
        kind: Kind = "decision" if body in ("cop", "ccpcj") and rng.random() < 0.16 else "resolution"
        if status == "adopted":
            date = rng.choice(session.days)
        elif body == "ga":
            # Third Committee drafts are distributed in October and November, before the plenary adopts.
            date = session.days[0] - dt.timedelta(days=rng.randrange(5, 40))
        else:
            # Drafts are distributed from three weeks before the session to its opening day.
            date = session.start - dt.timedelta(days=rng.randrange(22))
        slots.append(_Slot(order, body, kind, status, session.session, session.year, date, outside))
    body_key, ga_session, ga_number, ga_date, ga_title = _GA_55_25
    convention = _Slot(
        len(slots),
        body_key,
        "resolution",
        "adopted",
        ga_session,
        ga_date.year,
        ga_date,
        True,
        number=f"{ga_session}/{ga_number}",
        title=ga_title,
        topic="transnational organized crime",
    )
    slots.append(convention)
    _number(slots, rng, reserved={(body_key, "resolution", str(ga_session)): {ga_number}})
    slots.sort(key=lambda s: (s.date, BODY_KEYS.index(s.body), s.order))
    return slots


def _number(slots: list[_Slot], rng: random.Random, reserved: dict[tuple[str, str, str], set[int]]) -> None:
    """Give adopted texts numbers unique per body, kind and session (ECOSOC: per year), in date order.

    Numbers are drawn sparsely from the session's range, as in the real corpus, where crime texts are a
    few among all that the General Assembly or the Council adopts that year.
    """
    groups: dict[tuple[str, str, str], list[_Slot]] = defaultdict(list)
    for slot in slots:
        if slot.status == "adopted" and slot.number is None:
            first = str(slot.year) if slot.body == "ecosoc" else str(slot.session)
            groups[(slot.body, slot.kind, first)].append(slot)
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda s: (s.date, s.order))
        taken = reserved.get(key, set())
        space = max(_NUMBER_SPACE[key[0]], math.ceil(len(members) * 1.25) + len(taken))
        if key[1] == "decision":
            space = max(6, math.ceil(len(members) * 1.25))
        candidates = [n for n in range(1, space + 1) if n not in taken]
        numbers = sorted(rng.sample(candidates, len(members)))
        for slot, n in zip(members, numbers, strict=True):
            slot.number = f"{key[2]}/{n}"


# --------------------------------------------------------------------------------------------------
# Composing one text
# --------------------------------------------------------------------------------------------------

_T = TypeVar("_T")
Mode = Literal["preamble", "operative", "annex"]


@dataclass
class _Footnotes:
    """Footnotes numbered in reading order, each anchored where its mark stands."""

    items: list[Footnote] = field(default_factory=list)
    numbered: int = 0

    def mark(self, anchor: str, text: str) -> str:
        self.numbered += 1
        self.items.append(Footnote(str(self.numbered), text, anchor))
        return f"[^{self.numbered}]"


@dataclass
class _Verbs:
    """Leading verbs; a repeated one becomes "Recalling also", "Also requests" as in UN texts."""

    operative: bool
    used: dict[str, int] = field(default_factory=dict)

    def __call__(self, verb: str) -> str:
        n = self.used.get(verb, 0)
        self.used[verb] = n + 1
        # The italic phrase stops before the verb's preposition, as in the seeds: "*Taking note* of",
        # "*Seriously concerned* about", "*Takes note with appreciation* of".
        core, preposition = verb, ""
        for word in (" of", " about"):
            if verb.endswith(word):
                core, preposition = verb[: -len(word)], word
        if n % 3 == 0:
            return f"*{core}*{preposition}"
        adverb = "also" if n % 3 == 1 else "further"
        if not self.operative and core.split(" ")[0].endswith("ing"):
            # "Recalling also", "Noting also with appreciation", "Taking note also" of.
            head, _, qualifier = core.partition(" with ")
            return f"*{head} {adverb}{' with ' + qualifier if qualifier else ''}*{preposition}"
        return f"*{_upper_first(adverb)} {_lower_first(core)}*{preposition}"


@dataclass
class _Context:
    """What one text knows while it is being written."""

    rng: random.Random
    reference: _Reference
    slot: _Slot
    voice: str  # the body whose voice the text speaks in ("its resolution" means this body's)
    own_voice: bool  # False for a CCPCJ draft written in the Council's or the Assembly's voice
    footnotes: _Footnotes = field(default_factory=_Footnotes)
    convention_named: bool = False
    annex_titles: dict[int, str] = field(default_factory=dict)
    # Adopted General Assembly and ECOSOC resolutions earlier than this text, newest last: what
    # "General Assembly resolution … and Council resolutions …" may name.
    peers: Mapping[str, Sequence[_Slot]] = field(default_factory=dict)

    def words(self) -> int:
        """A paragraph length drawn like the seeds': median about 50 words, mostly 30 to 110."""
        return max(18, min(150, round(self.rng.lognormvariate(math.log(50), 0.45))))

    def extend(self, text: str, target: int, mode: Mode = "operative") -> str:
        """Grow ``text`` to about ``target`` words, alternating a qualifier and a joined clause."""
        rng = self.rng
        qualifiers = rng.sample(_QUALIFIERS, len(_QUALIFIERS))
        joined = rng.random() < 0.5
        while _words(text) < target and qualifiers:
            clause = self._joined_clause(mode) if joined else qualifiers.pop()
            if clause not in text:  # never the same clause twice in one paragraph
                text += clause
            joined = not joined
        return text

    def _joined_clause(self, mode: Mode) -> str:
        rng = self.rng
        if mode == "preamble":
            lead, pool = rng.choice(_PREAMBLE_CONJUNCTIONS)
            return f", and {lead} {rng.choice(pool)}"
        if mode == "annex":
            return f". {rng.choice(_ANNEX_FOLLOW_UPS)} {rng.choice(_STATE_ACTIONS)}"
        verb = rng.choice(_OPERATIVE_CONJUNCTIONS)
        if verb == "requests" or (verb in ("invites", "encourages") and rng.random() < 0.3):
            return f", and {verb} {rng.choice(_OFFICE_ACTORS)} to {rng.choice(_OFFICE_ACTIONS)}"
        return f", and {verb} {rng.choice(_STATE_ACTORS)} to {rng.choice(_STATE_ACTIONS)}"


# --- citations of articles ------------------------------------------------------------------------


def _article_ref(rng: random.Random, reference: _Reference) -> ArticleRef:
    """An article that exists, the popular ones more often, now and then with the seeds' pinpoints."""
    keys = sorted(k for k in _INSTRUMENT_WEIGHTS if k in reference.instruments)
    key = rng.choices(keys, weights=[_INSTRUMENT_WEIGHTS[k] for k in keys])[0]
    existing = [n for n, _ in reference.instruments[key].articles]
    popular = {n: w for n, w in _POPULAR_ARTICLES.get(key, {}).items() if n in existing}
    if popular and rng.random() < 0.85:
        numbers = sorted(popular)
        number = rng.choices(numbers, weights=[popular[n] for n in numbers])[0]
    else:
        number = rng.choice(existing)
    paragraph, sub = _PINPOINTS.get((key, number), (None, None))
    if rng.random() < 0.6:
        paragraph, sub = None, None
    return ArticleRef(key, number, paragraph, sub)


def _instrument_name(ctx: _Context, key: str) -> str:
    """How the text names an instrument: the Convention in full the first time, then "the Convention"."""
    data = ctx.reference.instruments[key]
    if key == "untoc" and not ctx.convention_named:
        ctx.convention_named = True
        return f"the {data.full_name}"
    if data.short_names and ctx.rng.random() < 0.75:
        return ctx.rng.choice(data.short_names)
    return f"the {data.full_name}"


def _article_words(ref: ArticleRef) -> str:
    """``article 30, paragraph 2 (c),`` — the trailing comma closes the pinpoint, as in the seeds."""
    text = f"article {ref.article}"
    if ref.paragraph:
        text += f", paragraph {ref.paragraph}"
        return text + (f" ({ref.subparagraph})," if ref.subparagraph else ",")
    return text + (f" ({ref.subparagraph})" if ref.subparagraph else "")


def _article_clause(ctx: _Context, refs: list[ArticleRef]) -> str:
    """One or two article citations as a qualifying clause: ", in accordance with article 28 of …"."""
    first = refs[0]
    pair = len(refs) == 2 and refs[1].instrument == first.instrument and refs[1].article != first.article
    if (
        pair
        and not first.paragraph
        and not first.subparagraph
        and not refs[1].paragraph
        and not refs[1].subparagraph
    ):
        a, b = sorted((first.article, refs[1].article))
        where = f"articles {a} and {b} of {_instrument_name(ctx, first.instrument)}"
    else:
        where = " and ".join(f"{_article_words(r)} of {_instrument_name(ctx, r.instrument)}" for r in refs)
    lead = ctx.rng.choice(
        (
            ", in accordance with ",
            ", bearing in mind ",
            ", and recalling in this regard ",
            ", consistent with ",
        )
    )
    return lead + where


def _titled_article(ctx: _Context, ref: ArticleRef) -> str | None:
    """``article 16, on extradition`` when the article's title reads well in lower case."""
    title = dict(ctx.reference.instruments[ref.instrument].articles).get(ref.article, "")
    words = title.split()
    if (
        not words
        or ref.paragraph
        or ref.subparagraph
        or any(w[:1].isupper() for w in words[1:])
        or ":" in title
    ):
        return None
    return f"article {ref.article}, on {_lower_first(title)}"


def _use_of_convention(ctx: _Context, verbs: _Verbs, refs: list[ArticleRef]) -> str | None:
    """000 operative 2: "… make full and effective use of the Convention, in particular … article 16, on
    extradition, and article 18, on mutual legal assistance, to counter …"."""
    if len(refs) != 2 or any(r.instrument != "untoc" for r in refs):
        return None
    titled = [_titled_article(ctx, r) for r in refs]
    if None in titled or refs[0].article == refs[1].article:
        return None
    return (
        f"{verbs('Invites')} States parties to make full and effective use of "
        f"{_instrument_name(ctx, 'untoc')}, "
        f"in particular its provisions on international cooperation, including {titled[0]}, and {titled[1]}, "
        f"to counter new, emerging and evolving forms of transnational organized crime"
    )


# --- citations of resolutions ---------------------------------------------------------------------


def _titled(cited: _Slot) -> str:
    return f"{cited.number} of {un_date(cited.date)}, entitled “{cited.title}”"


def _resolution_phrase(ctx: _Context, cited: list[_Slot]) -> str:
    """Texts of one body phrased as the seeds phrase them; a list shares "its resolutions … and …"."""
    body = ctx.reference.bodies[cited[0].body]
    kind = cited[0].kind + ("s" if len(cited) > 1 else "")
    listed = ", and ".join(_titled(c) for c in cited)
    if ctx.own_voice and cited[0].body == ctx.voice:
        return f"its {kind} {listed}"  # 002: "its resolution 9/1 of 19 October 2018, entitled “…”"
    if cited[0].body == "cop":
        # 003: "resolution 5/5 of 22 October 2010 of the Conference of the Parties to …"
        c = cited[0]
        return f"{kind} {c.number} of {un_date(c.date)} of the {body.name}, entitled “{c.title}”"
    return f"{body.name} {kind} {listed}"  # 003: "General Assembly resolution 66/181 of …, entitled “…”"


def _choose_cited(ctx: _Context, earlier: list[_Slot], n_earlier: int, outside: list[_Slot], n_outside: int,
                  count: int) -> list[list[_Slot]]:  # fmt: skip
    """Texts to cite, all strictly earlier: mostly synthetic ones (recent ones more often), some outside."""
    rng = ctx.rng
    picked: list[_Slot] = []
    seen: set[str] = set()
    for _ in range(count * 3):
        if len(picked) == count:
            break
        pool, size = (outside, n_outside) if rng.random() < 0.25 or not n_earlier else (earlier, n_earlier)
        if not size:
            continue
        if rng.random() < 0.6:
            # Recent texts are cited more: an exponential look-back from the newest.
            candidate = pool[max(0, size - 1 - int(rng.expovariate(1 / max(3.0, size * 0.08))))]
        else:
            candidate = pool[rng.randrange(size)]
        ref = candidate.ref
        if ref is None or ref.slug in seen:
            continue
        seen.add(ref.slug)
        picked.append(candidate)
    # Texts of one body cited together: "its resolutions 10/6 of …, and 11/3 of …".
    groups: list[list[_Slot]] = []
    for slot in picked:
        last = groups[-1] if groups else None
        if last and len(last) == 1 and rng.random() < 0.4 and _groupable(last[0], slot):
            last.append(slot)
        else:
            groups.append([slot])
    for group in groups:
        group.sort(key=lambda s: (s.date, s.order))
    return groups


def _groupable(a: _Slot, b: _Slot) -> bool:
    return a.body == b.body and a.kind == b.kind and a.body != "cop"


# --- paragraphs -----------------------------------------------------------------------------------


def _recalling_convention(ctx: _Context) -> str:
    """The usual first preamble paragraph: the Convention in full, with its *Treaty Series* footnote."""
    rng = ctx.rng
    name = f"the {ctx.reference.instruments['untoc'].full_name}"
    ctx.convention_named = True
    note = ctx.footnotes.mark(
        "pp-1", f"United Nations, *Treaty Series*, {_TREATY_SERIES['untoc']}, No. 39574."
    )
    style = rng.randrange(3)
    if style == 0 and ctx.slot.year > 2000:
        # 000 preamble 1, citing General Assembly resolution 55/25.
        return (
            f"*Welcoming* the anniversary of the adoption by the General Assembly, in its resolution 55/25 "
            f"of 15 November 2000, of {name},{note} and its opening for signature by Member States at a "
            f"high-level political conference convened for that purpose in Palermo, Italy, from 12 to "
            f"15 December 2000,"
        )
    if style == 1:
        return (
            f"*Reaffirming* the importance of {name} and the Protocols thereto{note} as the main tools "
            f"available to the international community to fight transnational organized crime,"
        )
    return (
        f"*Reaffirming* that {name},{note} as a global instrument with wide adherence, offers a broad scope "
        f"for cooperation to address existing and emerging forms of transnational organized crime,"
    )


def _citation_paragraph(ctx: _Context, cited: list[_Slot], verbs: _Verbs, target: int) -> str:
    text = f"{verbs('Recalling')} {_resolution_phrase(ctx, cited)}"
    if len(cited) == 1:
        author = ctx.reference.bodies[cited[0].body].short_reference
        text += f", in which {author} {ctx.rng.choice(_IN_WHICH)}"
    return ctx.extend(text, target - 10, "preamble") + ","


def _preamble_paragraph(ctx: _Context, verbs: _Verbs, target: int) -> str:
    rng = ctx.rng
    kind = rng.randrange(6)
    if kind == 0:
        verb = rng.choice(("Recognizing", "Stressing", "Emphasizing", "Underscoring", "Convinced"))
        head = f"{verbs(verb)} that {rng.choice(_PROPOSITIONS)}"
    elif kind == 1:
        verb = rng.choice(("Reaffirming", "Stressing", "Emphasizing", "Recognizing"))
        head = f"{verbs(verb)} the importance of {rng.choice(_NOUN_PHRASES)}"
    elif kind == 2:
        verb = rng.choice(("Welcoming", "Noting with appreciation", "Acknowledging", "Taking note of"))
        head = f"{verbs(verb)} {rng.choice(_NOUN_PHRASES)}"
    elif kind == 3:
        verb = rng.choice(("Seriously concerned about", "Deeply concerned about", "Noting with concern"))
        head = f"{verbs(verb)} {rng.choice(_CONCERNS)}"
    elif kind == 4:
        head = f"{verbs(rng.choice(('Mindful', 'Conscious')))} of the need to {rng.choice(_STATE_ACTIONS)}"
    else:
        head = f"{verbs(rng.choice(('Stressing', 'Underscoring')))} the need to {rng.choice(_STATE_ACTIONS)}"
    return ctx.extend(head, target, "preamble") + ","


def _operative_head(ctx: _Context, verbs: _Verbs) -> str:
    rng = ctx.rng
    kind = rng.randrange(8)
    if kind <= 2:
        verb = rng.choice(("Urges", "Invites", "Calls upon", "Encourages"))
        return f"{verbs(verb)} {rng.choice(_STATE_ACTORS)} to {rng.choice(_STATE_ACTIONS)}"
    if kind <= 4:
        verb = rng.choice(("Requests", "Invites", "Encourages"))
        return f"{verbs(verb)} {rng.choice(_OFFICE_ACTORS)} to {rng.choice(_OFFICE_ACTIONS)}"
    if kind == 5:
        return f"{verbs('Decides')} to {rng.choice(_DECISIONS)}"
    if kind == 6:
        verb = rng.choice(("Welcomes", "Acknowledges", "Takes note with appreciation of"))
        return f"{verbs(verb)} {rng.choice(_NOUN_PHRASES)}"
    return f"{verbs(rng.choice(('Reaffirms', 'Emphasizes', 'Recognizes')))} that {rng.choice(_PROPOSITIONS)}"


def _report_request(ctx: _Context, verbs: _Verbs) -> str:
    """The closing paragraph: a report to the next session, which the UN spells out."""
    slot = ctx.slot
    if ctx.voice == "ecosoc" or slot.session is None:
        commission = ctx.reference.bodies["ccpcj"].name
        reader = f"the {commission} at its {ordinal_words(slot.year - 1990)}"
    else:
        next_session = ordinal_words(min(99, slot.session + 1))
        reader = f"{ctx.reference.bodies[ctx.voice].short_reference} at its {next_session}"
        if not ctx.own_voice:  # a CCPCJ draft in the Assembly's voice: the Assembly's next session
            reader = f"the General Assembly at its {ordinal_words(slot.year - 1944)}"
    return (
        f"{verbs('Requests')} the Secretary-General to submit a report to {reader} session on the "
        f"implementation of the present resolution"
    )


def _with_report_footnote(ctx: _Context, text: str, pid: str) -> str:
    """Mention a report of the Secretary-General, its symbol in a footnote, as real texts do; or, in a
    Council or Assembly text, the Commission's report in the *Official Records* (the footnote of older
    documents, printed ``1/`` in them)."""
    slot = ctx.slot
    if slot.body in ("ecosoc", "ga") and ctx.rng.random() < 0.5:
        year = slot.year - ctx.rng.randrange(0, 2)
        commission = ctx.reference.bodies["ccpcj"].name
        mark = ctx.footnotes.mark(
            pid,
            f"*Official Records of the Economic and Social Council, {year}, Supplement No. 10* "
            f"(E/{year}/30), chap. I, sect. {'ABCD'[ctx.rng.randrange(4)]}.",
        )
        return (
            f"{text[:-1]}, and taking note of the report of the {commission} on its "
            f"{ordinal_words(year - 1991)} session{mark}{text[-1]}"
        )
    n = ctx.rng.randrange(2, 20)
    symbol = {
        "cop": f"CTOC/COP/{slot.year}/{n}",
        "ccpcj": f"E/CN.15/{slot.year}/{n}",
        "ecosoc": f"E/CN.15/{slot.year}/{n}",
        "ga": f"A/{slot.session}/{n + 100}",
    }[slot.body]
    mark = ctx.footnotes.mark(pid, f"{symbol}.")
    return (
        f"{text[:-1]}, and taking note of the report of the Secretary-General on the subject{mark}{text[-1]}"
    )


# --- citations of the other forms of issue 8 §2 ----------------------------------------------------


def _other_forms(ctx: _Context, cited_count: int) -> list[str]:
    """Which of the other citation forms this text uses (most texts none, a few one or two)."""
    rng = ctx.rng
    picked: list[str] = []
    for chance in (0.45, 0.2):
        if rng.random() < chance:
            form = rng.choice(_OTHER_FORMS)
            if form not in picked and _form_fits(ctx, form, cited_count):
                picked.append(form)
    return picked


def _form_fits(ctx: _Context, form: str, cited_count: int) -> bool:
    year = ctx.slot.year
    if form == "short-names":
        # Two to four more resolutions: only where the text does not cite many already.
        return cited_count <= 4 and bool(ctx.peers.get("ga")) and bool(ctx.peers.get("ecosoc"))
    if form == "human-rights-council":
        return year >= 2008
    if form == "congress":
        return any(y < year for _, y in _CONGRESSES)
    if form == "plural-pinpoints":
        return any(k in ctx.reference.instruments for k, _ in _PINPOINTABLE)
    return True


def _other_paragraph(ctx: _Context, form: str, verbs: _Verbs, pid: str, target: int) -> str:
    """One preambular paragraph citing in ``form``; its length grown to about ``target`` words."""
    rng = ctx.rng
    slot = ctx.slot
    if form == "special-session":
        # "resolution S-20/2" is the Assembly's, whoever speaks.
        session, day = rng.choice([(n, d) for n, d in _SPECIAL_SESSIONS if d < slot.date])
        own = slot.body == "ga" and ctx.own_voice
        who = "its" if own else "General Assembly"
        text = (
            f"{verbs('Recalling')} {who} resolution S-{session}/{rng.randrange(1, 5)} of {un_date(day)}, "
            f"adopted at its {ordinal_words(session)} special session" if own else
            f"{verbs('Recalling')} {who} resolution S-{session}/{rng.randrange(1, 5)} of {un_date(day)}, "
            f"adopted by the Assembly at its {ordinal_words(session)} special session"
        )  # fmt: skip
    elif form == "short-names":
        # "Council resolutions …" right after a General Assembly citation are the Council's; "Assembly
        # resolution …" the Assembly's.
        ga = _recent(rng, ctx.peers["ga"], 2)
        ecosoc = _recent(rng, ctx.peers["ecosoc"], 2)
        council = " and ".join(f"{s.number} of {un_date(s.date)}" for s in ecosoc)
        text = (
            f"{verbs('Recalling')} General Assembly resolution {ga[0].number} of {un_date(ga[0].date)} and "
            f"Council resolution{'s' if len(ecosoc) > 1 else ''} {council}"
        )
        if len(ga) > 1:
            text += f", as well as Assembly resolution {ga[1].number} of {un_date(ga[1].date)}"
    elif form == "security-council":
        years = sorted(rng.sample(range(2000, slot.year), min(2, slot.year - 2000)))
        numbers = [f"{1330 + 61 * (y - 2000) + rng.randrange(61)} ({y})" for y in years]
        plural = "s" if len(numbers) > 1 else ""
        text = (
            f"{verbs('Taking note of')} Security Council resolution{plural} {' and '.join(numbers)}, "
            f"on threats to international peace and security caused by {rng.choice(_TOPICS)}"
        )
    elif form == "human-rights-council":
        year = rng.randrange(2007, slot.year)
        meeting = rng.randrange(3)
        session = 3 * (year - 2007) + 4 + meeting
        day = dt.date(year, (3, 6, 9)[meeting], rng.randrange(20, 29))
        text = (
            f"{verbs('Recalling')} Human Rights Council resolution {session}/{rng.randrange(1, 40)} of "
            f"{un_date(day)}, on the human rights of victims of {rng.choice(_TOPICS)}"
        )
    elif form == "congress":
        ordinal, _ = rng.choice([(o, y) for o, y in _CONGRESSES if y < slot.year])
        congress = (
            f"{ordinal_words(ordinal).capitalize()} United Nations Congress on Crime Prevention and "
            f"Criminal Justice"
        )
        k = rng.randrange(1, 5)
        if rng.random() < 0.5:
            text = f"{verbs('Bearing in mind')} resolution {k} of the {congress}"
        else:
            text = f"{verbs('Recalling')} that the {congress}, in its resolution {k}, {rng.choice(_IN_WHICH)}"
    elif form == "instrument":
        key = rng.choice([k for k in ("tip", "som", "firearms", "untoc") if k in ctx.reference.instruments])
        data = ctx.reference.instruments[key]
        named = [f"the {data.full_name}", *(n for n in data.short_names if n != "the Convention")]
        name = rng.choice(named) if key != "untoc" else _instrument_name(ctx, "untoc")
        note = ""
        if key != "untoc" and name == named[0]:
            note = ctx.footnotes.mark(
                pid, f"United Nations, *Treaty Series*, {_TREATY_SERIES[key]}, No. 39574."
            )
        text = f"{verbs('Reaffirming')} the importance of {name}{note} and of its full implementation"
    else:  # plural pinpoints: "article 5, paragraphs 1 (a) and 3, of …", "paragraphs 1 and 2 of article 18"
        pinpointed, article = rng.choice([(k, a) for k, a in _PINPOINTABLE if k in ctx.reference.instruments])
        name = _instrument_name(ctx, pinpointed)
        second = rng.randrange(2, 5)
        if rng.random() < 0.5:
            where = f"article {article}, paragraphs 1 (a) and {second}, of {name}"
        else:
            where = f"paragraphs 1 and {second} of article {article} of {name}"
        text = f"{verbs('Stressing')} the importance of the obligations set out in {where}"
    return ctx.extend(text, target - 6, "preamble") + ","


def _recent(rng: random.Random, pool: Sequence[_Slot], most: int) -> list[_Slot]:
    """Up to ``most`` distinct texts from ``pool`` (date order), recent ones more often, oldest first."""
    picked: list[_Slot] = []
    for _ in range(most):
        candidate = pool[max(0, len(pool) - 1 - int(rng.expovariate(1 / max(3.0, len(pool) * 0.1))))]
        if all(candidate is not p for p in picked):
            picked.append(candidate)
        if rng.random() < 0.5:
            break
    return sorted(picked, key=lambda s: (s.date, s.order))


def _spread(rng: random.Random, items: Sequence[_T], positions: Sequence[int]) -> dict[int, _T]:
    """Place items at distinct positions, keeping their order; ``positions`` must be enough."""
    chosen = sorted(rng.sample(list(positions), len(items)))
    return dict(zip(chosen, items, strict=True))


def _write_preamble(
    ctx: _Context, n: int, groups: list[list[_Slot]], articles: list[ArticleRef], others: Sequence[str] = ()
) -> tuple[Paragraph, ...]:
    rng = ctx.rng
    verbs = _Verbs(operative=False)
    paragraphs: list[Paragraph] = []
    start = 1
    if rng.random() < 0.9:
        paragraphs.append(Paragraph("pp-1", None, _recalling_convention(ctx)))
        start = 2
    positions = list(range(start, n + 1))
    recall_at = _spread(rng, groups, positions)
    article_at = _spread(rng, articles, [p for p in positions if p not in recall_at])
    other_at = _spread(rng, others, [p for p in positions if p not in recall_at and p not in article_at])
    for i in positions:
        pid = f"pp-{i}"
        target = ctx.words()
        if i in recall_at:
            text = _citation_paragraph(ctx, recall_at[i], verbs, target)
        elif i in other_at:
            text = _other_paragraph(ctx, other_at[i], verbs, pid, target)
        elif i in article_at:
            text = (
                _preamble_paragraph(ctx, verbs, target - 8)[:-1] + _article_clause(ctx, [article_at[i]]) + ","
            )
        else:
            text = _preamble_paragraph(ctx, verbs, target)
        if rng.random() < 0.05:
            text = _with_report_footnote(ctx, text, pid)
        paragraphs.append(Paragraph(pid, None, text))
    return tuple(paragraphs)


def _write_operative(
    ctx: _Context,
    n: int,
    groups: list[list[_Slot]],
    article_groups: list[list[ArticleRef]],
    n_annexes: int,
) -> tuple[Paragraph, ...]:
    rng = ctx.rng
    verbs = _Verbs(operative=True)
    # Endorsement of the annexes first (as 002), the report request last; citations in between.
    free = list(range(n_annexes + 1, n))
    cite_at = _spread(rng, groups, free)
    free = [i for i in free if i not in cite_at]
    article_at = _spread(rng, article_groups, free)
    free = [i for i in free if i not in article_at]
    sub_at = rng.choice(free) if free and rng.random() < 0.3 else None
    paragraphs: list[Paragraph] = []
    for i in range(1, n + 1):
        pid = f"op-{i}"
        target = ctx.words()
        subs: tuple[Paragraph, ...] = ()
        if i == n:
            text = _report_request(ctx, verbs) + "."
        elif i <= n_annexes:
            text = _endorsement(ctx, verbs, i, n_annexes) + ";"
        elif i in cite_at:
            verb = verbs(rng.choice(("Welcomes", "Reaffirms", "Recalls")))
            text = ctx.extend(f"{verb} {_resolution_phrase(ctx, cite_at[i])}", target - 10) + ";"
        elif i in article_at:
            refs = article_at[i]
            special = _use_of_convention(ctx, verbs, refs) if rng.random() < 0.5 else None
            if special is not None:
                text = special + ";"
            else:
                text = ctx.extend(_operative_head(ctx, verbs), target - 8) + _article_clause(ctx, refs) + ";"
        elif i == sub_at:
            text, subs = _with_subparagraphs(ctx, verbs, pid)
        else:
            text = ctx.extend(_operative_head(ctx, verbs), target) + ";"
        paragraphs.append(Paragraph(pid, str(i), text, subs))
    return tuple(paragraphs)


def _with_subparagraphs(ctx: _Context, verbs: _Verbs, pid: str) -> tuple[str, tuple[Paragraph, ...]]:
    """000 operative 12: "… including through the following:" and lettered items (a), (b), …"""
    rng = ctx.rng
    items = rng.sample(_SUB_ITEMS, rng.randrange(2, 6))
    text = (
        f"{verbs('Requests')} {_UNODC}, within its mandate, to {rng.choice(_OFFICE_ACTIONS)}, including "
        f"through the following:"
    )
    subs = tuple(Paragraph(f"{pid}-{letter(k)}", letter(k), f"{item};") for k, item in enumerate(items))
    return text, _deeper(pid, text, subs)


def _deeper(pid: str, text: str, subs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """For some texts, one item with sub-items (i), (ii) …, and one of those with (A), (B) …: the three
    levels the schema allows (op-12-b-ii-a). Drawn from a generator of their own, seeded by the
    paragraph, so that the texts the seed gives otherwise stay as they were."""
    rng = random.Random(f"{pid}|{text}")
    if rng.random() >= 0.5:
        return subs
    k = rng.randrange(len(subs))
    item = subs[k]
    romans = rng.sample(_SUB_SUB_ITEMS, rng.randrange(2, 4))
    children = [
        Paragraph(f"{item.id}-{roman(j + 1).lower()}", roman(j + 1).lower(), f"{words};")
        for j, words in enumerate(romans)
    ]
    if rng.random() < 0.6:
        j = rng.randrange(len(children))
        third = rng.sample(_THIRD_LEVEL_ITEMS, rng.randrange(2, 4))
        grandchildren = tuple(
            Paragraph(f"{children[j].id}-{letter(n)}", letter(n).upper(), f"{words};")
            for n, words in enumerate(third)
        )
        children[j] = Paragraph(
            children[j].id, children[j].number, children[j].text[:-1] + ", including:", grandchildren
        )
    opened = Paragraph(item.id, item.number, item.text[:-1] + ", in particular:", tuple(children))
    return (*subs[:k], opened, *subs[k + 1 :])


# --- annexes --------------------------------------------------------------------------------------


def _annex_title(ctx: _Context, k: int) -> str:
    rng = ctx.rng
    if ctx.slot.body == "cop":
        # 002: "Recommendations adopted by the … at its fourteenth meeting, held on 29 and 30 May 2023"
        group = _WORKING_GROUPS[(ctx.slot.order + k) % len(_WORKING_GROUPS)]
        day = dt.date(ctx.slot.year, rng.randrange(3, 8), rng.randrange(1, 28))
        meeting = ordinal_words(min(99, 2 * (ctx.slot.session or 1) + k))
        held = f"{day.day} and {day.day + 1} {_MONTHS[day.month - 1]} {day.year}"
        return f"Recommendations adopted by the {group} at its {meeting} meeting, held on {held}"
    kinds = ("Model strategies and practical measures on", "Guidelines on", "Principles on")
    return f"{kinds[(k + ctx.slot.order) % len(kinds)]} {ctx.slot.topic}"


def _endorsement(ctx: _Context, verbs: _Verbs, k: int, n_annexes: int) -> str:
    title = ctx.annex_titles[k] = _annex_title(ctx, k)
    where = f"annex {roman(k)}" if n_annexes > 1 else "the annex"
    if ctx.slot.body == "cop":
        what = f"the {_lower_first(title)}, which are set out in {where}"
        return f"{verbs('Endorses')} {what} to the present resolution"
    return f"{verbs('Adopts')} the {_lower_first(title)}, contained in {where} to the present resolution"


def _write_annex(ctx: _Context, k: int) -> Annex:
    rng = ctx.rng
    title = ctx.annex_titles[k]
    aid = f"annex-{k}"
    intro: tuple[Paragraph, ...] = ()
    if ctx.slot.body == "cop":
        group = title.split(" at its ")[0].removeprefix("Recommendations adopted by the ")
        first = rng.randrange(5, 40)
        note = ctx.footnotes.mark(
            f"{aid}-intro",
            f"CTOC/COP/WG.{rng.randrange(2, 7)}/{ctx.slot.year}/{rng.randrange(2, 6)}, paras. "
            f"{first}–{first + rng.randrange(1, 4)}.",
        )
        text = (
            f"The {group} adopted the following recommendations{note} for endorsement by the "
            f"{ctx.reference.bodies['cop'].name}:"
        )
        intro = (Paragraph(f"{aid}-intro", None, text),)
    headings = rng.sample(_ANNEX_HEADINGS, rng.randrange(1, 4))
    total = max(len(headings), rng.randrange(4, 21))
    sizes = [total // len(headings)] * len(headings)
    sizes[-1] += total - sum(sizes)
    sections: list[AnnexSection] = []
    index = 0
    for heading, size in zip(headings, sizes, strict=True):
        paragraphs: list[Paragraph] = []
        for _ in range(size):
            x = letter(index)
            index += 1
            subject = rng.choice(_ANNEX_SUBJECTS)
            actions = _OFFICE_ACTIONS if subject.startswith("The United Nations") else _STATE_ACTIONS
            text = f"{subject} {rng.choice(actions)}"
            paragraphs.append(
                Paragraph(
                    f"{aid}-{x}", x, ctx.extend(text, ctx.words(), "annex") + (";" if index < total else ".")
                )
            )
        sections.append(AnnexSection(heading, tuple(paragraphs)))
    return Annex(aid, roman(k), title, intro, tuple(sections))


# --- the whole text -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Draft:
    """What only a draft has."""

    id: str
    symbol: str
    sponsors: tuple[str, ...]


def _compose(
    ctx: _Context, cited: list[list[_Slot]], articles: list[ArticleRef], draft: _Draft | None
) -> Resolution:
    rng = ctx.rng
    decision = ctx.slot.kind == "decision"
    if decision:
        shape = rng.choices(_DECISION_SHAPES, weights=_DECISION_SHAPE_WEIGHTS)[0]
        if shape == "reported" and ctx.slot.status != "adopted":
            shape = "sentence"  # a draft does not report what was decided: "*Decides* to …"
        if shape != "resolution-like":
            return _compose_decision(ctx, shape, cited, articles, draft)
    n_pre = round(rng.triangular(5, 8, 6) if decision else rng.triangular(5, 20, 11))
    n_op = round(rng.triangular(5, 8, 6) if decision else rng.triangular(5, 25, 12))
    n_annexes = rng.choice((1, 1, 1, 2)) if not decision and rng.random() < 0.10 else 0

    # Resolutions are cited in the preamble mostly ("Recalling …"), articles in the operative part
    # mostly (as in the seeds); each citing paragraph carries one group, so the counts set the sizes.
    op_groups = [g for g in cited if rng.random() < 0.15]
    pre_groups = [g for g in cited if all(g is not o for o in op_groups)]
    pre_articles = [a for a in articles if rng.random() < 0.2]
    article_groups: list[list[ArticleRef]] = []
    for ref in articles:
        if any(ref is p for p in pre_articles):
            continue
        if article_groups and len(article_groups[-1]) == 1 and rng.random() < 0.3:
            article_groups[-1].append(ref)  # "articles 24 and 25 of …"
        else:
            article_groups.append([ref])
    others = _other_forms(ctx, sum(len(g) for g in cited))
    n_pre = max(n_pre, len(pre_groups) + len(pre_articles) + len(others) + 1)
    n_op = max(n_op, n_annexes + len(op_groups) + len(article_groups) + 1)

    preamble = _write_preamble(ctx, n_pre, pre_groups, pre_articles, others)
    operative = _write_operative(ctx, n_op, op_groups, article_groups, n_annexes)
    annexes = tuple(_write_annex(ctx, k) for k in range(1, n_annexes + 1))
    return _assemble(ctx, draft, preamble, operative, annexes)


def _compose_decision(
    ctx: _Context, shape: str, cited: list[list[_Slot]], articles: list[ArticleRef], draft: _Draft | None
) -> Resolution:
    """A decision as a session's report prints it: "The Conference …:" and lettered items in the past
    tense, roman type (``op-1`` is item (a): ids count, numbers are the printed letters); or one
    sentence after the formula ("*Decides* to …", ``op-1`` without a number)."""
    rng = ctx.rng
    name = ctx.reference.bodies[ctx.voice].name
    if shape == "sentence":
        verbs = _Verbs(operative=True)
        text = f"{verbs('Decides')} to {rng.choice(_DECISION_DECISIONS)}"
        if cited:
            text += f", recalling {_resolution_phrase(ctx, cited[0])}"
        if articles:
            text += _article_clause(ctx, articles[:1])
        operative: tuple[Paragraph, ...] = (Paragraph("op-1", None, text + "."),)
        return _assemble(ctx, draft, (), operative, (), formula=f"The {name},")
    count = rng.randrange(max(2, min(6, len(cited) + 2)), 7)
    patterns = rng.sample(_REPORTED, min(count, len(_REPORTED)))
    items: list[str] = []
    for k, pattern in enumerate(patterns):
        pid = f"op-{k + 1}"
        item = pattern.format(
            noun=rng.choice(_NOUN_PHRASES),
            office_action=rng.choice(_OFFICE_ACTIONS),
            state_action=rng.choice(_STATE_ACTIONS),
            decision=rng.choice(_DECISION_DECISIONS),
        )
        if k < len(cited):
            item = f"Recalled {_resolution_phrase(ctx, cited[k])}, and {_lower_first(item)}"
        if k == 0 and articles:
            item += _article_clause(ctx, articles[:1])
        if pattern.startswith("Took note") and rng.random() < 0.5:
            symbol = (
                f"{'CTOC/COP' if ctx.slot.body == 'cop' else 'E/CN.15'}/{ctx.slot.year}/{rng.randrange(2, 9)}"
            )
            note = ctx.footnotes.mark(pid, symbol + ".")
            item += f", and of the report of the Secretariat on the subject{note}"
        items.append(item)
    operative = tuple(
        Paragraph(f"op-{k + 1}", letter(k), item + ("." if k == len(items) - 1 else ";"))
        for k, item in enumerate(items)
    )
    return _assemble(ctx, draft, (), operative, (), formula=f"The {name}:")


def _assemble(
    ctx: _Context,
    draft: _Draft | None,
    preamble: tuple[Paragraph, ...],
    operative: tuple[Paragraph, ...],
    annexes: tuple[Annex, ...],
    formula: str | None = None,
) -> Resolution:
    rng = ctx.rng
    slot = ctx.slot
    bodies = ctx.reference.bodies
    footnotes = list(ctx.footnotes.items)
    agenda: AgendaItem | None = None
    if draft is None:
        assert slot.number is not None
        rid = ResolutionId.adopted(DocumentRef(slot.body, slot.kind, slot.number)).value
        symbol = bodies_symbol(slot)
        dates = Dates(adopted=slot.date)
        if symbol is not None:
            # The Assembly and the Council issue the adopted text as a document of its own (A/RES/66/181),
            # weeks after the plenary meeting: its masthead's date.
            dates = Dates(distributed=slot.date + dt.timedelta(days=rng.randrange(20, 70)), adopted=slot.date)
    else:
        rid, symbol = draft.id, draft.symbol
        agenda = AgendaItem(*rng.choice(_AGENDA[slot.body]))
        agenda_symbol = {
            "cop": f"CTOC/COP/{slot.year}/1",
            "ccpcj": f"E/CN.15/{slot.year}/1",
            "ecosoc": f"E/{slot.year}/100",
            "ga": f"A/{slot.session}/150",
        }[slot.body]
        # 000: "Item 2 of the provisional agenda*" with the agenda's symbol in the "*" footnote.
        footnotes.insert(0, Footnote("*", f"{agenda_symbol}.", "agenda-item"))
        dates = Dates(distributed=slot.date)
    recommended_to = recommendation = None
    if not ctx.own_voice:
        # 003: a CCPCJ draft for the Council; or for the Assembly, through the Council.
        recommended_to = "ecosoc"
        council = bodies["ecosoc"].name
        what = (
            "the adoption of the following draft resolution:"
            if ctx.voice == "ecosoc"
            else "the approval of the following draft resolution for adoption by the General Assembly:"
        )
        recommendation = f"The {bodies[slot.body].name} recommends to the {council} {what}"
    venue = "Vienna" if slot.body in ("cop", "ccpcj") else "New York"
    if slot.body == "ecosoc" and slot.year < 2014 and slot.year % 2:
        venue = "Geneva"  # the Council's substantive session met in Geneva in odd years until 2013
    return Resolution(
        id=rid,
        body=slot.body,
        kind=slot.kind,
        status=slot.status,
        title=slot.title,
        number=slot.number,
        session=slot.session,
        year=slot.year,
        symbol=symbol,
        dates=dates,
        venue=venue,
        agenda_item=agenda,
        sponsors=draft.sponsors if draft else (),
        recommended_to=recommended_to,
        recommendation=recommendation,
        formula=formula or f"The {bodies[ctx.voice].name},",
        preamble=preamble,
        operative=operative,
        annexes=annexes,
        footnotes=tuple(footnotes),
        source=None,
    )


def bodies_symbol(slot: _Slot) -> str | None:
    """The official symbol of an adopted text where one is derivable (A/RES/66/181, E/RES/2011/33)."""
    pattern = {"ga": "A/{kind}/{number}", "ecosoc": "E/{kind}/{number}"}.get(slot.body)
    if pattern is None or slot.number is None:
        return None
    return pattern.format(kind="RES" if slot.kind == "resolution" else "DEC", number=slot.number)


def _draft(
    rng: random.Random, slot: _Slot, ids: dict[str, int], symbols: dict[tuple[str, int], int]
) -> _Draft:
    """Sponsors, the symbol (``CTOC/COP/2020/L.4``, ``/Rev.1`` when revised) and the README's draft id:
    ``<body>[-<session>]-<draft|revised-draft>-<first sponsor>``, then ``-2``, ``-3`` for repeats."""
    sponsors = tuple(rng.sample(_SPONSORS, rng.randrange(1, 5)))
    symbols[(slot.body, slot.year)] += 1
    n = symbols[(slot.body, slot.year)]
    symbol = {
        "cop": f"CTOC/COP/{slot.year}/L.{n}",
        "ccpcj": f"E/CN.15/{slot.year}/L.{n}",
        "ecosoc": f"E/{slot.year}/L.{n}",
        "ga": f"A/C.3/{slot.session}/L.{n}",
    }[slot.body] + ("/Rev.1" if slot.status == "revised-draft" else "")
    base = ResolutionId.draft(slot.body, slot.session, slot.status, sponsors[0])
    ids[base.value] += 1
    rid = ResolutionId.draft(slot.body, slot.session, slot.status, sponsors[0], copy=ids[base.value])
    return _Draft(rid.value, symbol, sponsors)


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def synthesize(count: int, seed: int, corpus_root: Path = CORPUS_ROOT) -> Iterator[Resolution]:
    """Yield ``count`` synthetic resolutions in date order; the same seed always yields the same texts."""
    if count < 0:
        raise ValueError(f"count must be zero or more, not {count}")
    reference = _read_reference(corpus_root)
    rng = random.Random(seed)
    slots = _plan(count, rng)
    for slot in slots:
        if not slot.title:
            slot.topic = rng.choice(_TOPICS)
            # Texts older than the Convention cannot name it.
            patterns = [t for t in _TITLE_PATTERNS if slot.year > 2000 or "{convention}" not in t]
            slot.title = rng.choice(patterns).format(topic=slot.topic, convention=_CONVENTION)
    # What a text may cite: adopted texts strictly earlier than it (slots are in date order).
    earlier = [s for s in slots if s.status == "adopted" and not s.outside]
    outside = [s for s in slots if s.outside]
    earlier_dates = [s.date for s in earlier]
    outside_dates = [s.date for s in outside]
    # Adopted Assembly and Council resolutions, synthetic or outside, for "… and Council resolutions …".
    peer_pool = {
        body: [s for s in slots if s.body == body and s.kind == "resolution" and s.status == "adopted"]
        for body in ("ga", "ecosoc")
    }
    peer_dates = {body: [s.date for s in pool] for body, pool in peer_pool.items()}
    draft_ids: dict[str, int] = defaultdict(int)
    draft_symbols: dict[tuple[str, int], int] = defaultdict(int)
    for slot in slots:
        if slot.outside:
            continue
        voice, own_voice = slot.body, True
        if (
            slot.body == "ccpcj"
            and slot.status != "adopted"
            and slot.kind == "resolution"
            and rng.random() < 0.4
        ):
            voice, own_voice = rng.choice(("ecosoc", "ecosoc", "ga")), False
        peers = {b: pool[: bisect.bisect_left(peer_dates[b], slot.date)] for b, pool in peer_pool.items()}
        ctx = _Context(rng, reference, slot, voice, own_voice, peers=peers)
        draft = _draft(rng, slot, draft_ids, draft_symbols) if slot.status != "adopted" else None
        cited = _choose_cited(
            ctx,
            earlier,
            bisect.bisect_left(earlier_dates, slot.date),
            outside,
            bisect.bisect_left(outside_dates, slot.date),
            _weighted_index(rng, _RESOLUTION_CITATION_WEIGHTS),
        )
        articles = [
            _article_ref(rng, reference) for _ in range(_weighted_index(rng, _ARTICLE_CITATION_WEIGHTS))
        ]
        yield _compose(ctx, cited, articles, draft)


class OutputNotEmpty(Exception):
    """``write_corpus`` was pointed at a corpus that already holds resolutions."""


def write_corpus(
    count: int,
    seed: int,
    out_dir: Path,
    corpus_root: Path = CORPUS_ROOT,
    *,
    overwrite: bool = False,
    progress: Callable[[int], object] | None = None,
) -> None:
    """Write a complete corpus root: ``resolutions/*.yaml`` plus copies of the bodies and instruments.

    Files go through the importer's own YAML writer, so a synthetic corpus is read back exactly as a
    real one is. An existing ``resolutions/`` with YAML files in it is replaced only with
    ``overwrite`` (a real corpus is never wiped by mistake). ``progress`` is called with 1 after
    each file: a progress bar's ``update``.
    """
    from generator.importer.emit import resolution_to_yaml

    resolutions_dir = out_dir / "resolutions"
    if resolutions_dir.is_dir() and any(resolutions_dir.glob("*.yaml")):
        if not overwrite:
            raise OutputNotEmpty(f"{resolutions_dir} already holds resolutions")
        shutil.rmtree(resolutions_dir)
    resolutions_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(corpus_root / "bodies.yaml", out_dir / "bodies.yaml")
    shutil.rmtree(out_dir / "instruments", ignore_errors=True)
    shutil.copytree(corpus_root / "instruments", out_dir / "instruments")
    for resolution in synthesize(count, seed, corpus_root):
        path = resolutions_dir / f"{resolution.id}.yaml"
        path.write_text(resolution_to_yaml(resolution), encoding="utf-8", newline="\n")
        if progress is not None:
            progress(1)
