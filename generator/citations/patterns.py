"""The regular expressions of the citation finder, one commented constant per form UN texts use.

Every pattern runs on the *plain* text of a paragraph (``generator.markup.to_plain``: no emphasis
delimiters, no footnote marks, escapes resolved), so ``*Recalling* its resolution 9/1`` and
``Convention,[^1] and its article 2 (b)`` read as the words a person reads. Whitespace between
words is always ``\\s+``: re-flowed text keeps double spaces and the odd line break.

Patterns that must know the names of bodies and instruments are *templates* here with a
``{bodies}``, ``{references}`` or ``{instruments}`` hole; the names come from ``corpus/bodies.yaml``
and ``corpus/instruments/*.yaml`` and are filled in by :func:`names_alternation`. Nothing in this
module names a body or an instrument.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FLAGS = re.VERBOSE


def substitute(template: str, **holes: str) -> str:
    """Fill a template's ``{name}`` holes (not ``str.format``: regexes are full of braces)."""
    for name, pattern in holes.items():
        template = template.replace("{" + name + "}", pattern)
    return template


def fill(template: str, **holes: str) -> re.Pattern[str]:
    """Compile a template with its holes filled."""
    return re.compile(substitute(template, **holes), FLAGS)


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# --- Resolutions and decisions ---------------------------------------------------------------

# The word that makes a number a resolution or a decision. Capitalised too: a paragraph may open
# with "Resolution 5/5 of the Conference …". The plural starts a list: "its resolutions 10/6 …".
KIND = r"(?P<kind>[Rr]esolution|[Dd]ecision)(?P<plural>s)?"
# Words that every match of KIND contains. Three paragraphs in four cite no document: testing for
# these with ``in`` skips the document patterns on them (the regexes have no literal prefix that
# the regex engine could skip to, so they would try every position).
KIND_WORDS = ("esolution", "ecision")

# Where a number starts: just enough for a look-ahead, so that "its resolution, in which" or
# "the present resolution" (no number) never start a citation. Three shapes: "55/25" (and
# "2012/12"), a special session's "S-20/2", and the Security Council's "1373 (2001)".
NUMBER_START = r"(?<![\d/])(?:S-\d{1,2}/|\d{1,4}/|\d{1,4}\s*\(\d{4}\))"

# A resolution or decision number, session/number ("55/25") or year/number ("2012/12").
NUMBER = re.compile(
    r"""
    (?<![\d/])                          # whole numbers only: not the tail of 12345/1 or 1/55/25
    (?:
    (?P<serial>                         # the Security Council numbers its resolutions in one run,
        (?P<run>\d{1,4})\s*              # the year in brackets: 1373 (2001); there is no
        \((?P<run_year>\d{4})\)          # session part, so it is tried first
    )
  | (?P<number>
        (?P<first>\b(?:S-)?\d{1,4})/    # S-20/2: resolution 2 of the 20th special session
        (?:
            (?P<second>\d{1,4})(?![\d/])        # 55/25, but not 55/25/Add.1 or 55/255555
          | (?P<placeholder>                    # a draft cites a text not adopted yet:
                \[(?:\.{3}|…)\]                 #   2012/[...] or 2012/[…] (the UN's own form),
              | \.{3}(?!\.) | …                 #   2012/... or 2012/… (seen in unedited drafts)
            )
        )
    )
    )
    """,
    FLAGS,
)

# The head of a citation: who issued it, then the kind word, stopping right before the number.
# Branches, in the order the regex engine tries them at one position:
#   named       "General Assembly resolution 66/181": the body named right before it.
#               A short reference is accepted too ("the Commission decision 19/1"), rare but
#               unambiguous.
#   antecedent  "adoption by the General Assembly, in its resolution 55/25", "the Conference in its
#               decision 4/2": "its" is the body named just before it, not the speaking body.
#   its         "its resolution 9/1": the body whose text this is (the speaking body).
#   (none)      "resolution 74/177": decided from what follows or precedes it (see resolver.py).
DOCUMENT_HEAD = substitute(
    r"""
    (?:
        (?P<named>{bodies}|{references})\s+
      | (?P<antecedent>{bodies}|{references}),?\s+in\s+its\s+
      | (?P<its>\bits)\s+
    )?
    \b{kind}\s+
    (?={number_start})
    """,
    kind=KIND,
    number_start=NUMBER_START,
)

# "of 19 December 2011" right after a number: the date the cited text was adopted.
DATE_TAIL = fill(
    r"""
    \s+of\s+
    (?P<day>\d{1,2})\s+
    (?P<month>{months})\s+
    (?P<year>\d{4})(?!\d)
    """,
    months="|".join(MONTHS),
)

# ", entitled “…”" after a number or date: the title of the cited text. Two odd branches:
#   - no comma: 003 writes "resolution 2012/[...] entitled “Improving …”";
#   - "on “…”": decisions are titled that way ("decision 19/1 of 21 May 2010 on “Strengthening …”").
# Straight quotes are accepted for texts that lost their typography on the way in.
TITLE_TAIL = re.compile(
    r"""
    ,?\s+(?:entitled|on)\s+
    (?:
        “(?P<curly>[^”]*)”
      | "(?P<straight>[^"]*)"
    )
    """,
    FLAGS,
)

# Between two numbers of one list: "resolutions 10/6 of …, entitled “…”, and 11/3 of …".
# The look-ahead keeps ", and noting" or " and its" from being swallowed.
LIST_SEPARATOR = fill(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?={number_start})", number_start=NUMBER_START)

# The issuing body named *after* the number, date and title:
#   "resolution 11/2, entitled “…”, of the Conference of the Parties to the Convention"
#   "resolution 5/5 of 22 October 2010 of the Conference of the Parties to the United Nations …"
# "in its resolution 55/25 of 15 November 2000, of the United Nations Convention …" does not
# match: the Convention is not a body.
AFTER_BODY = r"""
    ,?\s+of\s+
    (?:
        (?:the\s+)?(?P<body>{bodies})
      | (?P<reference>{references})
    )
"""

# Context for a bare "resolution 74/177": "relevant General Assembly resolutions, in particular
# resolution 74/177" or "resolutions of the Conference, including resolution 5/5".
BODY_DOCUMENTS = r"""
    (?P<body>{bodies})\s+(?:resolutions|decisions)\b(?!\s+\d)
  | \b(?:[Rr]esolutions|[Dd]ecisions)\s+of\s+(?:the\s+)?(?P<of_body>{bodies}|{references})
"""

# A proper name standing right before a bare kind word names a body the corpus does not know
# ("Human Rights Council resolution 9/2", "UNEP decision 27/2"): such a citation is not taken
# for the speaking body's. Two capitalised words, "the" and one, or an acronym. One capitalised
# word alone is the paragraph's leading verb ("*Welcomes* resolution 5/5 …") and does not count.
UNKNOWN_BODY_BEFORE = re.compile(
    r"""
    (?:
        (?:\b[A-Z][\w’'-]*\s+){2,}
      | \b[Tt]he\s+[A-Z][\w’'-]*\s+
      | \b[A-Z]{2,}\s+
    )\Z
    """,
    FLAGS,
)

# The same before ", in its resolution": "the Conference of the Parties to the United Nations
# Convention against Corruption, in its resolution 3/1" is that Conference's, not the speaking
# body's. A capitalised word that is the paragraph's first word is its leading verb ("*Recalling*,
# in its resolution …"), hence the non-space required before it.
UNKNOWN_ANTECEDENT = re.compile(r"\S\s+[A-Z][\w’'-]*\)?,?\s+in\s+\Z", FLAGS)

# The same after a bare citation: "resolution 3/1 of the Conference of the Parties to the United
# Nations Convention against Corruption", "resolution 1/2 of the Human Rights Council".
UNKNOWN_AFTER = re.compile(r",?\s+of\s+(?:the\s+)?[A-Z]", FLAGS)

# "In its resolution 64/179, the General Assembly decided …": here "its" points forward, to the
# body named right after the citation, not back to the speaking body.
CATAPHOR_BEFORE = re.compile(r"\b[Ii]n\s+\Z", FLAGS)
CATAPHOR_BODY = r"""
    ,\s+
    (?:
        (?:the\s+)?(?P<body>{bodies})
      | (?P<reference>{references})
    )
"""

# A bare short reference standing for a body ("Council resolution 2011/33" is the Economic and
# Social Council's) unless a capitalised word right before it makes it part of a longer name the
# corpus does not know ("Trusteeship Council resolution …"). The paragraph's first word is its
# leading verb ("Recalling Council resolution …"), hence the non-space required before it.
UNKNOWN_NAME_BEFORE_REFERENCE = re.compile(r"\S\s+[A-Z][\w’'-]*\s+\Z", FLAGS)

# A text's own heading, or an entry of a page's list of decisions: "Decision 5/1. Title",
# "Decision 5/2 Title", "Resolution 7/1" alone on its line. Running text writes the kind word in
# lower case ("decision 4/2"), or capitalised only before a lower-case word ("Resolution 5/5 of
# the Conference …", a paragraph's first words); a capitalised word or the line's end right after
# the number is a title, not a continuation of the sentence.
HEADING = re.compile(
    r"""
    \b(?:Decision|Resolution|DECISION|RESOLUTION)\s+
    (?:S-)?\d{1,4}/\d{1,4}(?![\d/])\.?
    (?=[ \t]+[A-Z“"]|[ \t]*(?:\n|\Z))
    """,
    FLAGS,
)

# The UN congresses on crime are named by their ordinal ("the Twelfth United Nations Congress on
# Crime Prevention and Criminal Justice") and number their resolutions within the congress
# ("resolution 1"). A name in bodies.yaml holding "{ordinal}" is such a name; the ordinal is the
# congress's number, so "resolution 1 of the Twelfth … Congress" is resolution 12/1 of that body.
ORDINALS = (
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth",
    "Eighteenth", "Nineteenth", "Twentieth",
)  # fmt: skip
ORDINAL_HOLE = "{ordinal}"
ORDINAL = re.compile(r"\b(?:" + "|".join(ORDINALS) + r")\b", re.IGNORECASE)

# Numbers of a congress's resolutions: "1", "1 and 2", "3, 4 and 7"; never "1/2" or "1373 (2001)".
_ORDINAL_NUMBERS = r"""
    (?P<numbers>\d{1,3}(?:(?:,\s*(?:and\s+)?|\s+and\s+)\d{1,3})*)(?![\d/]|\s*\()
"""
# "resolution 1 of the Twelfth … Congress …", "resolutions 2 and 3 adopted by the Eighth … Congress".
ORDINAL_AFTER = substitute(
    r"""
    \b(?P<kind>[Rr]esolution|[Dd]ecision)s?\s+
    {numbers}
    ,?\s+(?:of|adopted\s+by)\s+(?:the\s+)?(?P<body>{ordinal_bodies})
    """,
    numbers=_ORDINAL_NUMBERS,
)
# "the Sixth United Nations Congress on …, in its resolution 9".
ORDINAL_BEFORE = substitute(
    r"""
    (?P<body>{ordinal_bodies}),?\s+in\s+its\s+
    (?P<kind>[Rr]esolution|[Dd]ecision)s?\s+
    {numbers}
    """,
    numbers=_ORDINAL_NUMBERS,
)
ORDINAL_NUMBER = re.compile(r"\d{1,3}")

# --- Articles of the Convention and its Protocols --------------------------------------------

# The head of an article citation. Branches:
#   lead_*   "paragraph 2 (c) of article 30": the pinpoint comes first. Only before "of article";
#            "paragraph 51 of the procedures and rules" never starts anything.
#   its      "its article 2 (b)": the instrument named before (same as a bare article, see
#            resolver.py); kept out of the span.
# Every match of ARTICLE_HEAD contains this: nine paragraphs in ten cite no article and skip it.
ARTICLE_WORD = "rticle"
# One pinpoint: "2", "1 (a)"; and a list of them: "1 (a) and 3", "1, 2 and 4".
PINPOINT = re.compile(r"(?P<paragraph>\d{1,2})(?!\d)(?:\s*\((?P<sub>[a-z]{1,4})\))?", FLAGS)
_PINPOINT = r"\d{1,2}(?!\d)(?:\s*\([a-z]{1,4}\))?"
_PINPOINTS = _PINPOINT + r"(?:(?:,\s*(?:and\s+)?|\s+and\s+)" + _PINPOINT + r")*"
ARTICLE_HEAD = re.compile(
    r"""
    (?:
        \b[Pp]aragraphs?\s+(?P<lead>"""
    + _PINPOINTS
    + r""")
        \s+of\s+
    )?
    (?:\bits\s+)?
    \b(?P<word>[Aa]rticle)(?P<plural>s)?\s+
    (?=\d)
    """,
    FLAGS,
)

# One article number with its pinpoints: "30", "20, paragraph 2", "30, paragraph 2 (c)", "2 (b)",
# "5, paragraphs 1 (a) and 3" (each pinpoint is read again with PINPOINT).
# The look-ahead after the number refuses "article 5/1" and decimals ("article 2.5").
ARTICLE_ITEM = re.compile(
    r"""
    (?P<article>\d{1,3})(?!\d|/\d|\.\d)
    (?:
        ,\s+paragraphs?\s+(?P<pinpoints>"""
    + _PINPOINTS
    + r""")
      | \s*\((?P<sub>[a-z]{1,4})\)
    )?
    """,
    FLAGS,
)

# Between two articles of one list: "articles 24 and 25", "articles 5, 6 and 23".
# The look-ahead keeps "article 16, on extradition, and article 18" as two separate heads.
# A range ("articles 5 to 8", "articles 5–8") yields its two ends: the articles between have no
# words of their own to carry a span.
ARTICLE_SEPARATOR = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s+to\s+|\s*[–-]\s*)(?=\d)", FLAGS)

# "of the …" right after an article list names its instrument. Whatever follows "of" decides:
# a known instrument, or anything else ("of the United Nations Convention against Corruption",
# "of the Basel Convention", "of the present resolution"), which is not an article of ours.
ARTICLE_OF = re.compile(r",?\s+of\s+", FLAGS)

# A name of an instrument not in the corpus, to know what "its article 5" or a bare "article 4"
# refers to: a treaty word and its capitalised continuation ("[United Nations] Convention against
# Corruption", "[Basel] Convention on the Control of …", "Convention on International Trade in
# Endangered Species of Wild Fauna"). The capitalised words before the treaty word are left out:
# only where the name ends matters, and scanning back over them would make the search quadratic.
# Plural "Protocols" ("the Protocols thereto") is not a name. "and" is not followed, so that
# "… against Corruption and the Organized Crime Convention" stays two names.
OTHER_INSTRUMENT = re.compile(
    r"""
    \b(?:Convention|Protocol|Covenant|Treaty|Agreement|Charter|Statute)\b
    (?:
        \s+(?:against|on|for|relating\s+to|to)\s+(?:the\s+)?[A-Z][\w’'-]*
        (?:\s+(?:(?:of|in|by|on)\s+(?:the\s+)?)?[A-Z][\w’'-]*)*
    )?
    """,
    FLAGS,
)

# "the " before an instrument's name: not part of a citation's span (the link is the name).
LEADING_THE = re.compile(r"[Tt]he\s+")

# --- Document symbols ------------------------------------------------------------------------

# A UN document symbol: a series in capitals, then slash-separated parts, at least one of them a
# number ("CTOC/COP/2020/1", "CTOC/COP/WG.2/2023/4", "E/CN.15/2012/15", "A/RES/55/25",
# "CTOC/COP/2020/L.4", "A/75/123/Add.1"). The number rule keeps "HIV/AIDS" out. The look-behind
# keeps a symbol from starting inside a word; a trailing full stop is never part of it
# ("CTOC/COP/2024/1.").
# Every symbol has a slash; a paragraph without one is not searched.
SYMBOL_CHAR = "/"
SYMBOL = re.compile(
    r"""
    (?<![\w/.])
    (?P<symbol>
        [A-Z]{1,10}(?:\.\d{1,3})?
        (?:/(?:[A-Z]{1,10}(?:\.\d{1,3})?|\d{1,5}|(?:Add|Rev|Corr|Amend)\.\d{1,3}))+
    )
    (?![\w/]|\.\d)
    """,
    FLAGS,
)
SYMBOL_HAS_NUMBER = re.compile(r"/(?:[A-Za-z]+\.)?\d")

# --- Building name alternations ----------------------------------------------------------------

# After a name, a capitalised continuation means a longer name that is someone else's:
# "the Convention against Corruption", "Conference of the Parties to the United Nations Convention
# against Corruption", "Conference of the Parties to the Convention on Biological Diversity".
# "the Conference of the Parties to the United Nations Convention against Corruption" must not read as
# the short reference "the Conference", hence "of". Lower-case continuations are ordinary text:
# "article 30 … of the Convention for the provision of technical assistance".
NOT_CONTINUED = r"(?!\w)(?!\s+(?:against|on|for|to|of|relating\s+to)\s+(?:the\s+)?[A-Z])"


def names_alternation(names: Iterable[str], *, optional_article: bool = False) -> str:
    """A regex alternative matching any of ``names``, longest first, words joined by ``\\s+``.

    A name written with its article ("the Conference") matches "the"/"The" + the rest. With
    ``optional_article``, a name written without one may be preceded by "the" in the match
    ("of the Organized Crime Convention"). Never matches the empty string: with no names it
    matches nothing.
    """
    alternatives = []
    for name in sorted({" ".join(n.split()) for n in names if n.strip()}, key=lambda n: (-len(n), n)):
        words = name.split(" ")
        if words[0].lower() == "the":
            alternatives.append(r"\b[Tt]he\s+" + r"\s+".join(map(_word, words[1:])))
        else:
            article = r"(?:[Tt]he\s+)?" if optional_article else ""
            alternatives.append(r"\b" + article + r"\s+".join(map(_word, words)))
    if not alternatives:
        return r"(?!)"
    return "(?:" + "|".join(alternatives) + ")" + NOT_CONTINUED


def _word(word: str) -> str:
    """One word of a name as a regex: itself, or any ordinal for the ``{ordinal}`` hole."""
    if word == ORDINAL_HOLE:
        return r"(?:" + "|".join(ORDINALS) + r")"
    return re.escape(word)


def normalize_name(text: str) -> str:
    """The key a matched name is looked up by: single spaces, lower case, ordinals as ``{ordinal}``.

    "the Twelfth United Nations Congress …" and the data's "{ordinal} United Nations Congress …"
    have the same key.
    """
    return ORDINAL.sub(ORDINAL_HOLE, " ".join(text.split())).lower()


def ordinal_of(text: str) -> int | None:
    """The number of the first ordinal word in ``text``: "the Twelfth … Congress" gives 12."""
    m = ORDINAL.search(text)
    return ORDINALS.index(m[0].capitalize()) + 1 if m else None
