"""From what the words say to what they mean: which body issued a cited text, which instrument an
article belongs to, in whose voice a resolution speaks; and where each citation points.

The finder (``finder.py``) records *cues* (the body named before a citation, after it, the "its"
that stands for a body…); the rules here turn cues into a target. They are pure functions on
small values so that each rule is tested and read on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from generator.diagnostics import Severity, did_you_mean
from generator.ids import ArticleRef, DocumentRef, InstrumentRef, SymbolRef, number_form
from generator.model import Body, Citation, Corpus, Instrument, Kind, Passage, Resolution, Target


def speaking_body(resolution: Resolution) -> str:
    """The body in whose voice the paragraphs speak (see ``Resolution.voice``)."""
    return resolution.voice


@dataclass(frozen=True)
class DocumentCues:
    """What the text says about who issued a cited resolution or decision (body keys)."""

    # Named right before the kind word: "General Assembly resolution 66/181".
    named: str | None = None
    # Named before "in its": "adoption by the General Assembly, in its resolution 55/25".
    antecedent: str | None = None
    # Named after the number, date and title: "resolution 5/5 of 22 October 2010 of the Conference …".
    after: str | None = None
    # "its resolution 9/1" with no body before "its": the speaking body.
    its: bool = False
    # The body of the citation before it in the paragraph, or of "General Assembly resolutions, in
    # particular resolution 74/177": what a bare "resolution N" continues.
    context: str | None = None


def document_body(cues: DocumentCues, speaking: str) -> str:
    """The body that issued the cited text.

    The most explicit cue wins: a body named right before, then the body "its" stands for, then a
    body named after the title, then the speaking body for "its". A bare number continues the
    paragraph's run of citations ("General Assembly resolution 64/293 …, and resolution 65/232"),
    and with nothing to continue, a bare "resolution 5/5" is the speaking body's own, as UN
    drafting names other bodies' texts explicitly.
    """
    if cues.named:
        return cues.named
    if cues.antecedent:
        return cues.antecedent
    if cues.after:
        return cues.after
    if cues.its:
        return speaking
    return cues.context or speaking


def numbered_body(body: str, number: str, bodies: Mapping[str, Body]) -> str:
    """The body a number continuing a run (or "its") belongs to, given how bodies number texts.

    A number is never a body's when the body does not number texts that way: "2011/33" is never
    the General Assembly's, "S-20/2" never the Conference's, "1373 (2001)" only the Security
    Council's. Such a number is the one body's that numbers texts so (data decides: ``numbering``
    and ``special_sessions`` in bodies.yaml); with none or several, ``body`` stands.
    """
    form = number_form(number)
    known = bodies.get(body)
    if known is None or form == "none" or known.numbers(form):
        return body
    fitting = [key for key, b in bodies.items() if b.numbers(form)]
    return fitting[0] if len(fitting) == 1 else body


def explicit(cues: DocumentCues) -> bool:
    """Whether the text names the issuer of the citation (before, "in its" or after it)."""
    return bool(cues.named or cues.antecedent or cues.after)


@dataclass(frozen=True)
class InstrumentMention:
    """An instrument named in the text: ``key`` is None for one the corpus does not hold."""

    start: int
    end: int
    key: str | None


def article_instrument(
    named_after: InstrumentMention | None,
    named_before: InstrumentMention | None,
    default: str | None,
) -> str | None:
    """The instrument an article belongs to, or None when it is not one of the corpus's.

    - Named right after ("article 5 of the Trafficking in Persons Protocol"): that one; an unknown
      one ("of the United Nations Convention against Corruption", "of the procedures and rules")
      means the article is not ours.
    - Otherwise ("its article 2 (b)", "in particular article 16, on extradition"): the paragraph is
      about the last instrument named before it; again, an unknown one is not ours ("the Basel
      Convention … article 4").
    - A paragraph that names no instrument before the article: ``default``.
    """
    if named_after is not None:
        return named_after.key
    if named_before is not None:
        return named_before.key
    return default


def default_instrument(instruments: Mapping[str, Instrument]) -> str | None:
    """The instrument a bare "article N" means when the paragraph names none.

    Data decides, not code: it is the one instrument that texts call by a bare generic name, i.e.
    whose ``names`` include one written with its article ("the Convention" in untoc.yaml). With
    none or several such instruments there is no default and such an article is not taken.
    """
    generic = sorted(
        key
        for key, instrument in instruments.items()
        if any(name.split()[0].lower() == "the" for name in instrument.names if name.split())
    )
    return generic[0] if len(generic) == 1 else None


# --- where a citation points: the one place these rules live --------------------------------------


@dataclass(frozen=True, order=True)
class ToResolution:
    """A resolution in the corpus."""

    resolution_id: str


@dataclass(frozen=True, order=True)
class ToCited:
    """A resolution or decision that is cited but not in the corpus: it gets a page of its own."""

    ref: DocumentRef


@dataclass(frozen=True, order=True)
class ToArticle:
    instrument: str
    article: int


@dataclass(frozen=True, order=True)
class ToInstrument:
    """The Convention or a Protocol cited as a whole, by name: its page."""

    instrument: str


@dataclass(frozen=True, order=True)
class ToSymbol:
    """A UN document known only by its symbol: linked to the official document."""

    symbol: SymbolRef


@dataclass(frozen=True, order=True)
class Unresolved:
    """A citation that points nowhere: a placeholder number, an article an instrument lacks…

    ``reason`` is what a page says; the rest is the diagnostic ``atlas check`` reports: its code,
    the words that follow the cited text in its message, a hint and a severity.
    """

    reason: str
    code: str = "unresolved"
    problem: str = ""
    hint: str = ""
    severity: Severity = "error"


Destination = ToResolution | ToCited | ToArticle | ToInstrument | ToSymbol | Unresolved

# Where one target points; a parameter of :func:`resolve`, so that another corpus (or a test) can
# decide differently.
Resolver = Callable[[Target], Destination]


@dataclass(frozen=True)
class Resolved:
    """A citation, with its passage and span, and where it points."""

    citation: Citation
    destination: Destination

    @property
    def passage(self) -> Passage:
        assert self.citation.passage is not None, "resolve() takes citations found in passages"
        return self.citation.passage

    @property
    def resolution_id(self) -> str:
        return self.passage.resolution_id


def resolve(
    citations: Iterable[Citation], corpus: Corpus, resolver: Resolver | None = None
) -> tuple[Resolved, ...]:
    """Where each citation points, by ``resolver`` (default: :func:`corpus_resolver`'s rules)."""
    point = resolver or corpus_resolver(corpus)
    return tuple(Resolved(c, point(c.target)) for c in citations)


def corpus_resolver(corpus: Corpus) -> Resolver:
    """The rules of the corpus: a numbered text of the corpus is its page, another cited text gets
    a page of its own, an article or an instrument its page; a symbol names a document when a
    body's symbol pattern (or a corpus text's ``symbol``) says which, else it links out."""
    by_ref = {r.document_ref: r.id for r in corpus.resolutions if r.document_ref is not None}
    symbols = _SymbolIndex(corpus.bodies, corpus.resolutions)

    def point(target: Target) -> Destination:
        if isinstance(target, SymbolRef):
            named = symbols.document(target)
            if named is None:
                return ToSymbol(target)
            if isinstance(named, str):
                return ToResolution(named)
            target = named
        if isinstance(target, DocumentRef):
            return _document(target, by_ref, corpus.bodies)
        if isinstance(target, ArticleRef):
            return _article(target, corpus.instruments)
        if isinstance(target, InstrumentRef):
            if target.instrument not in corpus.instruments:
                return _unknown_instrument(target.instrument, corpus.instruments)
            return ToInstrument(target.instrument)
        return Unresolved(f"unknown kind of reference: {target!r}")  # pragma: no cover

    return point


def _document(
    target: DocumentRef, by_ref: Mapping[DocumentRef, str], bodies: Mapping[str, Body]
) -> Destination:
    if target.body not in bodies:
        close = did_you_mean(target.body, bodies)
        listing = "add the body to corpus/bodies.yaml with the names texts use for it"
        return Unresolved(
            f"no body “{target.body}” in corpus/bodies.yaml",
            "unknown-cited-body",
            f" of a body '{target.body}' not in bodies.yaml",
            f"{close} ({listing})" if close else listing,
        )
    if not target.resolvable:
        return Unresolved(
            f"“{target.number}” is a placeholder: the text leaves the number blank",
            "unresolvable-citation",
            ", which names no document yet",
            "it is kept and shown as an unresolvable citation; "
            "once the number is known, write it in the text",
            "warning",
        )
    if target in by_ref:
        return ToResolution(by_ref[target])
    return ToCited(target)


def _article(target: ArticleRef, instruments: Mapping[str, Instrument]) -> Destination:
    instrument = instruments.get(target.instrument)
    if instrument is None:
        return _unknown_instrument(target.instrument, instruments)
    if instrument.article(target.article) is not None:
        return ToArticle(target.instrument, target.article)
    numbers = [a.number for a in instrument.articles]
    span = f"articles {min(numbers)}–{max(numbers)}" if numbers else "no articles"
    return Unresolved(
        f"the {instrument.short_name} has no article {target.article}",
        "unknown-article",
        f", but the {instrument.short_name} has no article {target.article}",
        f"the {instrument.short_name} has {span}: correct the article number in the text",
    )


def _unknown_instrument(key: str, instruments: Mapping[str, Instrument]) -> Unresolved:
    close = did_you_mean(key, instruments)
    listing = "the instruments are: " + ", ".join(instruments)
    return Unresolved(
        f"no instrument “{key}” in corpus/instruments",
        "unknown-instrument",
        f" of an instrument '{key}' that has no file in instruments/",
        f"{close} ({listing})" if close else listing,
    )


class _SymbolIndex:
    """Maps an official symbol back to the document it names: ``A/RES/55/25`` → GA resolution 55/25."""

    def __init__(self, bodies: Mapping[str, Body], resolutions: Iterable[Resolution]) -> None:
        self.by_symbol = {r.symbol: r.id for r in resolutions if r.symbol}
        self.patterns: list[tuple[re.Pattern[str], str, Kind]] = []
        for body in bodies.values():
            for kind, pattern in (("resolution", body.resolution_symbol), ("decision", body.decision_symbol)):
                if pattern and "{number}" in pattern:
                    head, tail = pattern.split("{number}", 1)
                    number = r"(?P<number>(?:S-)?\d{1,4}/\d{1,4}|\d{1,4} \(\d{4}\))"
                    regex = re.compile(re.escape(head) + number + re.escape(tail) + "$")
                    self.patterns.append((regex, body.key, kind))  # type: ignore[arg-type]

    def document(self, symbol: SymbolRef) -> str | DocumentRef | None:
        if symbol.symbol in self.by_symbol:
            return self.by_symbol[symbol.symbol]
        for regex, body, kind in self.patterns:
            if m := regex.match(symbol.symbol):
                return DocumentRef(body, kind, m["number"])
        return None
