"""Identifiers as small values that parse, print and slug themselves.

* ``DocumentRef`` — a resolution or decision of a body: ``cop resolution 5/1`` ↔ slug ``cop-res-5-1``.
* ``ArticleRef`` — an article of an instrument, with its optional paragraph and sub-paragraph:
  ``untoc article 30(2)(c)`` ↔ slug ``untoc-art-30`` (the page is per article).
* ``InstrumentRef`` — the Convention or a Protocol as a whole: ``tip``.
* ``SymbolRef`` — a UN document symbol such as ``CTOC/COP/2020/1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

KIND_ABBREVIATIONS = {"resolution": "res", "decision": "dec"}
_KIND_FROM_ABBREVIATION = {v: k for k, v in KIND_ABBREVIATIONS.items()}

# A resolvable number: session/number (COP, CCPCJ, GA), year/number (ECOSOC), a special session's
# S-20/2 (GA), or a running number with its year, 1373 (2001) (Security Council).
_NUMBER = re.compile(r"^(?:(?:S-)?\d{1,4}/\d{1,4}|\d{1,4} \(\d{4}\))$")

_DOCUMENT_SLUG = re.compile(
    r"""^(?P<body>[a-z]+)            # body key: cop, ccpcj, ecosoc, ga
        -(?P<kind>res|dec)            # resolution or decision
        -(?P<special>s-)?             # a special session: ga-res-s-20-2
        (?P<first>\d{1,4})            # session, year or running number
        -(?P<second>\d{1,4})$         # number within it, or the running number's year
    """,
    re.VERBOSE,
)

NumberForm = Literal["session", "year", "special", "serial", "none"]


def number_form(number: str) -> NumberForm:
    """Which numbering a document number is written in: ``55/25`` session, ``2012/12`` year,
    ``S-20/2`` special (session), ``1373 (2001)`` serial, ``none`` for anything else.

    A placeholder (``2012/[...]``) has the form of its first part.
    """
    if number.startswith("S-"):
        return "special"
    if re.fullmatch(r"\d{1,4} \(\d{4}\)", number):
        return "serial"
    first, slash, _ = number.partition("/")
    if not slash or not first.isdigit():
        return "none"
    # Sessions of the bodies run to a few hundred at most; a four-digit first part is a year.
    return "year" if len(first) == 4 else "session"


def _slug_number(special: str | None, first: str, second: str) -> str:
    """The number a slug's last two parts spell. A running number's year is four digits from 1945
    on, where a number within a session or a year never gets: ``sc-res-1373-2001`` is 1373 (2001)."""
    if special:
        return f"S-{first}/{second}"
    if len(second) == 4 and int(second) >= 1945:
        return f"{first} ({second})"
    return f"{first}/{second}"


_DOCUMENT_TEXT = re.compile(
    r"""^(?P<body>[a-z]+)\s+
        (?P<kind>resolution|decision|res|dec)\s+
        (?P<number>\S+)$
    """,
    re.VERBOSE | re.IGNORECASE,
)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: a safe URL segment and HTML id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True, order=True)
class DocumentRef:
    body: str
    kind: Literal["resolution", "decision"]
    number: str

    @classmethod
    def parse(cls, text: str) -> DocumentRef:
        """Parse ``cop-res-5-1`` or ``cop resolution 5/1``; raise ValueError otherwise."""
        text = text.strip()
        if m := _DOCUMENT_SLUG.match(text):
            kind = _KIND_FROM_ABBREVIATION[m["kind"]]
            number = _slug_number(m["special"], m["first"], m["second"])
            return cls(m["body"], kind, number)  # type: ignore[arg-type]
        if m := _DOCUMENT_TEXT.match(text):
            kind_word = m["kind"].lower()
            kind = _KIND_FROM_ABBREVIATION.get(kind_word, kind_word)
            return cls(m["body"].lower(), kind, m["number"])  # type: ignore[arg-type]
        raise ValueError(
            f"not a document reference: {text!r} (expected e.g. 'cop-res-5-1' or 'ga resolution 55/25')"
        )

    @property
    def resolvable(self) -> bool:
        """False for placeholders such as ``2012/[...]`` that name no document yet."""
        return bool(_NUMBER.match(self.number))

    @property
    def slug(self) -> str:
        return f"{self.body}-{KIND_ABBREVIATIONS[self.kind]}-{slugify(self.number) or 'unnumbered'}"

    def __str__(self) -> str:
        return f"{self.body} {self.kind} {self.number}"


@dataclass(frozen=True, order=True)
class ArticleRef:
    instrument: str
    article: int
    paragraph: str | None = None
    subparagraph: str | None = None

    _TEXT = re.compile(
        r"""^(?P<instrument>[a-z-]+)\s+article\s+(?P<article>\d+)
            (?:\((?P<paragraph>\d+)\))?          # optional paragraph, in brackets
            (?:\((?P<sub>[a-z]{1,4})\))?$         # optional lettered sub-paragraph
        """,
        re.VERBOSE,
    )

    @classmethod
    def parse(cls, text: str) -> ArticleRef:
        """Parse ``untoc article 30(2)(c)`` or ``untoc article 2(b)``."""
        m = cls._TEXT.match(text.strip().lower().replace(" (", "("))
        if not m:
            raise ValueError(f"not an article reference: {text!r} (expected e.g. 'untoc article 30(2)(c)')")
        return cls(m["instrument"], int(m["article"]), m["paragraph"], m["sub"])

    @property
    def slug(self) -> str:
        """The article's page: sub-references share their article's page."""
        return f"{self.instrument}-art-{self.article}"

    @property
    def article_only(self) -> ArticleRef:
        return ArticleRef(self.instrument, self.article)

    @property
    def pinpoint(self) -> str:
        """The precise sub-reference as the UN writes it: ``paragraph 2 (c)``, ``(b)`` or ''."""
        parts = []
        if self.paragraph:
            parts.append(f"paragraph {self.paragraph}")
        if self.subparagraph:
            parts.append(f"({self.subparagraph})")
        return " ".join(parts)

    def __str__(self) -> str:
        text = f"article {self.article}"
        if self.paragraph:
            text += f", paragraph {self.paragraph}"
        if self.subparagraph:
            text += f" ({self.subparagraph})"
        return text


@dataclass(frozen=True, order=True)
class InstrumentRef:
    """The Convention or a Protocol as a whole: ``tip`` ↔ slug ``tip`` (its page)."""

    instrument: str

    @classmethod
    def parse(cls, text: str) -> InstrumentRef:
        text = text.strip().lower()
        if not re.fullmatch(r"[a-z][a-z-]*", text):
            raise ValueError(f"not an instrument key: {text!r} (expected e.g. 'untoc' or 'tip')")
        return cls(text)

    @property
    def slug(self) -> str:
        return self.instrument

    def __str__(self) -> str:
        return self.instrument


@dataclass(frozen=True, order=True)
class SymbolRef:
    symbol: str

    _SYMBOL = re.compile(r"^[A-Z]+(?:\.\d+)?(?:/[A-Z0-9.\-]+)+$")

    @classmethod
    def parse(cls, text: str) -> SymbolRef:
        text = text.strip().rstrip(".")
        if not cls._SYMBOL.match(text):
            raise ValueError(f"not a UN document symbol: {text!r} (expected e.g. 'CTOC/COP/2020/1')")
        return cls(text)

    @property
    def slug(self) -> str:
        return slugify(self.symbol)

    @property
    def url(self) -> str:
        """The official document, resolved by the UN's symbol service."""
        return f"https://undocs.org/{self.symbol}"

    def __str__(self) -> str:
        return self.symbol


# --- resolution and paragraph ids ---------------------------------------------------------------

_RESOLUTION_ID = re.compile(
    r"""^(?:
        (?P<adopted>[a-z]+-(?:res|dec)-(?:s-)?\d{1,4}-\d{1,4})   # cop-res-5-1: a DocumentRef's slug
      | (?P<body>[a-z]+)                                      # a draft: its body,
        (?:-(?P<session>\d{1,3}))?                            #   the session when known,
        -(?P<status>draft|revised-draft)                      #   its status,
        (?:-(?P<sponsor>[a-z][a-z0-9]*(?:-[a-z0-9]+)*?))?     #   its first sponsor when known,
        (?:-(?P<copy>[2-9]|[1-9]\d))?                         #   -2, -3 for a second draft alike
    )$""",
    re.VERBOSE,
)


@dataclass(frozen=True, order=True)
class ResolutionId:
    """A resolution's id (corpus/README.md "Identifiers"): ``cop-res-5-1`` for an adopted text,
    ``cop-10-draft-italy`` for a draft. Its slug is itself: it is the page's URL segment."""

    value: str
    body: str
    # The adopted text's reference, or None for a draft.
    document: DocumentRef | None = None
    session: int | None = None
    status: str | None = None  # draft | revised-draft, for a draft
    sponsor: str | None = None
    copy: int = 1

    @classmethod
    def parse(cls, text: str) -> ResolutionId:
        """Parse ``cop-res-5-1`` or ``cop-10-draft-italy``; raise ValueError otherwise."""
        m = _RESOLUTION_ID.match(text.strip())
        if m is None:
            raise ValueError(
                f"not a resolution id: {text!r} (expected e.g. 'cop-res-5-1' or 'cop-10-draft-italy')"
            )
        if m["adopted"]:
            ref = DocumentRef.parse(m["adopted"])
            return cls(m["adopted"], ref.body, ref)
        session = int(m["session"]) if m["session"] else None
        copy = int(m["copy"]) if m["copy"] else 1
        return cls(m[0], m["body"], None, session, m["status"], m["sponsor"], copy)

    @classmethod
    def adopted(cls, ref: DocumentRef) -> ResolutionId:
        """The id of an adopted text: its reference's slug, ``cop-res-5-1``."""
        return cls(ref.slug, ref.body, ref)

    @classmethod
    def draft(
        cls, body: str, session: int | None, status: str, sponsor: str | None = None, copy: int = 1
    ) -> ResolutionId:
        """The id of a draft: ``cop-10-draft-italy``; ``-2``, ``-3`` for the second and third drafts
        that would otherwise share it. ``sponsor`` is slugged here (``Co-Chairs`` → ``co-chairs``)."""
        if status not in ("draft", "revised-draft"):
            raise ValueError(f"a draft's status is draft or revised-draft, not {status!r}")
        if copy < 1:
            raise ValueError(f"a draft's copy number starts at 1, not {copy}")
        sponsor_slug = slugify(sponsor) if sponsor else None
        parts = [body, *([str(session)] if session is not None else []), status]
        parts += [sponsor_slug] if sponsor_slug else []
        parts += [str(copy)] if copy > 1 else []
        return cls("-".join(parts), body, None, session, status, sponsor_slug, copy)

    @property
    def slug(self) -> str:
        return self.value

    def __str__(self) -> str:
        return self.value


# A paragraph's id (corpus/README.md "Paragraph ids"), the same grammar as the schema's.
_PARAGRAPH_ID = re.compile(
    r"""^(?:
        (?P<pp>pp-(?P<pp_number>\d{1,4}))                     # pp-3
      | (?P<op>op-(?P<op_number>\d{1,4}))                     # op-12
      | (?P<annex>annex-(?P<annex_number>\d{1,3})-            # annex-1-…
            (?:intro(?:-\d{1,4})?                             #   -intro, -intro-2
              | text-\d{1,4}                                  #   -text-3 (unnumbered, after a heading)
              | \d{1,4}(?:-\d{1,3})?                          #   -4 (numbered), -4-2 (repeated)
              | [a-z]{1,2}(?:-\d{1,3})?))                     #   -b, -b-2 (lettered, repeated)
      | (?P<fn>fn-(?:\d{1,3}|star(?:-[23])?))                 # fn-1, fn-star, fn-star-2
    )
    (?P<subs>(?:-(?:[a-z]{1,2}|[ivxlc]{1,7})){0,3})$           # sub-paragraphs: -a, -a-i, -a-i-a
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, order=True)
class ParagraphId:
    """A paragraph's (or a footnote's) id, which is also its URL anchor: ``op-12-a``, ``fn-star``."""

    value: str

    @classmethod
    def parse(cls, text: str) -> ParagraphId:
        """Parse ``pp-3``, ``op-12-a-i``, ``annex-1-intro-2``, ``fn-1``…; raise ValueError otherwise."""
        text = text.strip()
        m = _PARAGRAPH_ID.match(text)
        if m is None or (m["fn"] and m["subs"]):
            raise ValueError(f"not a paragraph id: {text!r} (expected e.g. 'pp-1', 'op-12-a', 'annex-1-b')")
        return cls(text)

    @classmethod
    def preamble(cls, number: int) -> ParagraphId:
        """The id of the ``number``-th preambular paragraph: ``pp-3``."""
        return cls(f"pp-{number}")

    @classmethod
    def operative(cls, number: int) -> ParagraphId:
        """The id of operative paragraph ``number``: ``op-12``."""
        return cls(f"op-{number}")

    @classmethod
    def annex_paragraph(cls, annex_id: str, label: str | int) -> ParagraphId:
        """The id of a paragraph of an annex: lettered ``annex-1-b`` (a repeated letter
        ``annex-1-b-2``), numbered ``annex-1-4``, unnumbered after a heading ``annex-1-text-3``,
        introductory ``annex-1-intro``; ``label`` is what follows the annex's id."""
        return cls(f"{annex_id}-{str(label).lower()}")

    def sub(self, label: str) -> ParagraphId:
        """The id of a sub-paragraph of this paragraph: op-12 → ``op-12-a``, op-12-a → ``op-12-a-ii``,
        op-12-a-ii → ``op-12-a-ii-a``; ``label`` is the printed letter or roman number."""
        return ParagraphId(f"{self.value}-{label.lower()}")

    @property
    def sub_labels(self) -> tuple[str, ...]:
        """The sub-paragraph labels after the paragraph's own id: ('a', 'ii') for op-12-a-ii."""
        m = _PARAGRAPH_ID.match(self.value)
        if m is None or not m["subs"]:
            return ()
        return tuple(m["subs"].lstrip("-").split("-"))

    @classmethod
    def footnote(cls, mark: str) -> ParagraphId:
        """A footnote's id: ``fn-1``; ``*`` is spelled ``fn-star``, ``**`` ``fn-star-2``: an HTML id."""
        if not mark.startswith("*"):
            return cls(f"fn-{mark}")
        return cls("fn-star" if len(mark) == 1 else f"fn-star-{len(mark)}")

    @staticmethod
    def part_heading(paragraph_id: str) -> str:
        """The element id of the heading printed above an operative paragraph: ``op-5-heading``."""
        return f"{paragraph_id}-heading"

    @staticmethod
    def annex_heading(annex_id: str, section: int) -> str:
        """The element id of the heading of section ``section`` (1-based) of an annex: sections
        are counted with the untitled one before the first heading, so that heading may be
        ``annex-1-heading-2``."""
        return f"{annex_id}-heading-{section}"

    @property
    def part(self) -> Literal["preamble", "operative", "annex", "footnote"]:
        m = _PARAGRAPH_ID.match(self.value)
        assert m is not None
        if m["pp"]:
            return "preamble"
        if m["op"]:
            return "operative"
        return "annex" if m["annex"] else "footnote"

    @property
    def number(self) -> int | None:
        """The number of a preambular or operative paragraph (its sub-paragraphs' too): 3 in pp-3-a."""
        m = _PARAGRAPH_ID.match(self.value)
        assert m is not None
        number = m["pp_number"] or m["op_number"]
        return int(number) if number else None

    @property
    def slug(self) -> str:
        return self.value

    def __str__(self) -> str:
        return self.value
