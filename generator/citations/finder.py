"""Find the citations in a paragraph: resolutions and decisions, articles, document symbols.

``find_citations`` reads one paragraph's text in the corpus's inline markup. It matches on the
plain text (what a reader sees: no emphasis delimiters, no footnote marks, escapes resolved) and
maps every span back to the markup string, so that ``text[c.start:c.end] == c.text`` holds on
the markup a renderer holds, and a footnote mark or an emphasis inside a citation never breaks it.

Two rules of the finder that are decisions, not accidents:

- A citation whose issuer or instrument is not in the corpus's data ("Human Rights Council
  resolution 9/2", "article 5 of the United Nations Convention against Corruption") is not
  returned: no target could name it. It is never attributed to a body or instrument of ours.
- A placeholder number ("Economic and Social Council resolution 2012/[...]") is returned, with
  ``DocumentRef.number == "2012/[...]"`` (``resolvable`` is False), so that it is shown and can be
  curated once the number is known.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby

from generator import markup, parallel
from generator.citations import patterns as p
from generator.citations.resolver import (
    DocumentCues,
    InstrumentMention,
    article_instrument,
    default_instrument,
    document_body,
    explicit,
    numbered_body,
)
from generator.ids import ArticleRef, DocumentRef, InstrumentRef, ParagraphId, SymbolRef
from generator.model import Body, Citation, Instrument, Kind, Passage, Resolution, Target, passages
from generator.progress import Progress, ignore

# How far back to look for a proper name standing before a bare "resolution": a few words.
_LOOKBEHIND = 120

# A finder for one passage's text: ``find_citations``'s signature. A parameter of :func:`find`,
# so that tests (and other finders) can be passed in.
Finder = Callable[..., list[Citation]]


@dataclass(frozen=True)
class FinderFailure:
    """A passage the finder crashed on (a bug): reported, so that it never hides the others."""

    passage: Passage
    error: str


# What the finder answers for one passage: its citations, or the error it raised. Its question: the
# passage's text, the body it speaks as and its own reference (the finder reads nothing else of it).
_Answer = list[Citation] | str
_Question = tuple[str, str, DocumentRef | None]


@dataclass
class FinderMemo:
    """The finder's answers in the last build, for the next build of the same owner (``serve``).

    An answer depends on the passage's text, voice and own reference, and on the grammar, which the
    bodies and instruments make: the answers are used only while those are equal. The memo keeps
    only the questions of the last build, so it never outgrows the corpus. It belongs to whoever
    runs a series of builds and is handed from one build to the next, never kept in a module.
    """

    bodies: Mapping[str, Body] | None = None
    instruments: Mapping[str, Instrument] | None = None
    answers: dict[_Question, _Answer] = dataclasses.field(default_factory=dict)
    # Passages the last build had to read (those not answered from the memo).
    read: int = 0


def _question(passage: Passage) -> _Question:
    return passage.text, passage.voice, passage.own


@dataclass(frozen=True)
class Findings:
    """What :func:`find` found: every citation, carrying its passage and span, in passage order;
    and the passages it failed on."""

    citations: tuple[Citation, ...]
    failures: tuple[FinderFailure, ...] = ()


def find(
    texts: Iterable[Passage],
    bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
    *,
    finder: Finder | None = None,
    progress: Progress = ignore,
    memo: FinderMemo | None = None,
) -> Findings:
    """Every citation in ``texts``, each carrying its passage; one run over each passage.

    The grammar (the patterns filled with the names of ``bodies`` and ``instruments``) is compiled
    once here and dropped with the call: nothing of it outlives the build. ``finder`` replaces the
    finder of one passage's text. ``progress`` hears ``("check", resolutions read, resolutions)``.
    ``memo`` (the default finder only) answers the passages an earlier build read, and is left
    holding this build's answers.
    """
    groups = [tuple(g) for _, g in groupby(texts, key=lambda x: x.resolution_id)]
    use_memo = memo is not None and finder is None
    known: dict[_Question, _Answer] = {}
    if memo is not None and use_memo and memo.bodies == bodies and memo.instruments == instruments:
        known = memo.answers
    # Only the resolutions with a passage the memo cannot answer are read (all of them without one).
    todo = [n for n, group in enumerate(groups) if any(_question(x) not in known for x in group)]
    results: list[list[_Answer]] = [[] for _ in groups]
    if todo:
        if finder is None:
            grammar = Grammar.of(bodies, instruments)
            finder = partial(_find_with, grammar=grammar)
        read = partial(_find_in_group, finder=finder, bodies=bodies, instruments=instruments)

        def done(n: int) -> None:
            progress("check", n, len(todo))

        # Most of the check's time: the resolutions are read on every core (forked workers inherit
        # the passages and the grammar; only the spans travel back).
        answers = parallel.map_in_order(read, [groups[n] for n in todo], progress=done)
        for n, found in zip(todo, answers, strict=True):
            results[n] = found
    unread = set(todo)
    for n, group in enumerate(groups):
        if n not in unread:
            results[n] = [known[_question(x)] for x in group]
    if memo is not None and use_memo:
        memo.bodies, memo.instruments = bodies, instruments
        memo.answers = {
            _question(x): answer
            for group, found in zip(groups, results, strict=True)
            for x, answer in zip(group, found, strict=True)
        }
        memo.read = sum(len(groups[n]) for n in todo)
    citations: list[Citation] = []
    failures: list[FinderFailure] = []
    for group, found in zip(groups, results, strict=True):
        for passage, result in zip(group, found, strict=True):
            if isinstance(result, str):
                failures.append(FinderFailure(passage, result))
            else:
                citations.extend(dataclasses.replace(c, passage=passage) for c in result)
    return Findings(tuple(citations), tuple(failures))


def _find_in_group(
    group: Sequence[Passage],
    *,
    finder: Finder,
    bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
) -> list[list[Citation] | str]:
    """The citations of each passage of one resolution, or the error the finder raised on it."""
    out: list[list[Citation] | str] = []
    for passage in group:
        try:
            out.append(
                finder(
                    passage.text,
                    issuing_body=passage.voice,
                    bodies=bodies,
                    instruments=instruments,
                    own=passage.own,
                )
            )
        except Exception as error:  # a crash on one passage must not hide the rest of the report
            out.append(f"{type(error).__name__}: {error}")
    return out


def find_citations(
    text: str,
    *,
    issuing_body: str,
    bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
    own: DocumentRef | None = None,
) -> list[Citation]:
    """Every citation in one paragraph's ``text`` (inline markup), in text order.

    ``issuing_body`` is the key of the body the text speaks as: the one "its resolution 9/1"
    means. ``own`` is the reference of the text the paragraph belongs to: a text naming its own
    number does not cite itself. Spans index ``text``; ``Citation.title`` is plain text with
    whitespace collapsed. (Compiles the grammar for this one text: :func:`find` reads many.)
    """
    grammar = Grammar.of(bodies, instruments)
    return _find_with(text, grammar=grammar, issuing_body=issuing_body, own=own)


def _find_with(
    text: str, *, grammar: Grammar, issuing_body: str, own: DocumentRef | None = None, **_: object
) -> list[Citation]:
    plain = _Plain.of(text)
    documents, titles = _documents(plain.text, grammar, issuing_body)
    articles, named = _articles(plain.text, grammar)
    found = [
        *(d for d in documents if d.target != own),
        *_outside(_ordinal_documents(plain.text, grammar), titles),
        *_outside(articles, titles),
        *_outside(_instruments(plain.text, grammar, named), titles),
        *_outside(_symbols(plain.text), titles),
    ]
    citations: list[Citation] = []
    end = -1
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        # Patterns of different kinds never overlap on real text; should one ever, the first wins.
        if f.start < end:
            continue
        start, stop = plain.markup_span(f.start, f.end)
        citations.append(Citation(f.target, start, stop, text[start:stop], f.date, f.title))
        end = f.end
    return citations


def citations_in(
    resolution: Resolution,
    corpus_bodies: Mapping[str, Body],
    instruments: Mapping[str, Instrument],
) -> tuple[Citation, ...]:
    """Every citation of one resolution's passages (paragraphs, then footnotes), each carrying its
    passage: :func:`find` over :func:`generator.model.passages`."""
    findings = find(passages(resolution), corpus_bodies, instruments)
    if findings.failures:
        failure = findings.failures[0]
        raise RuntimeError(f"the citation finder failed on {failure.passage.name}: {failure.error}")
    return findings.citations


def footnote_anchor(mark: str) -> str:
    """The passage id of a footnote: ``fn-1``, ``fn-star`` (see ``ParagraphId.footnote``)."""
    return ParagraphId.footnote(mark).value


# --- Plain text and its map back to markup ------------------------------------------------------


@dataclass(frozen=True)
class _Plain:
    """The plain text of a markup string, and how to find each plain character in the markup.

    The map is kept as runs, not per character: most paragraphs cite nothing, so the position of
    a character is looked up (by bisection) only for the few spans that are citations.
    """

    text: str
    # Plain offset where each run starts, its markup offset, and whether it is an escape (one
    # plain character written as two markup characters, "\\["); runs are in order.
    run_starts: tuple[int, ...]
    run_markup: tuple[int, ...]
    run_escaped: tuple[bool, ...]
    # (start of the opening "*", end of the closing "*") of each emphasis in the markup.
    emphases: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, source: str) -> _Plain:
        chars: list[str] = []
        run_starts: list[int] = []
        run_markup: list[int] = []
        run_escaped: list[bool] = []
        emphases: list[tuple[int, int]] = []
        opened: int | None = None
        length = 0
        for token in markup.tokenize(source):
            if token.kind == "text":
                run_starts.append(length)
                run_markup.append(token.start)
                run_escaped.append(len(token.value) != token.end - token.start)
                chars.append(token.value)
                length += len(token.value)
            elif token.kind == "em":
                opened = token.start
            elif token.kind == "/em" and opened is not None:
                emphases.append((opened, token.end))
                opened = None
        return cls("".join(chars), tuple(run_starts), tuple(run_markup), tuple(run_escaped), tuple(emphases))

    def _start(self, i: int) -> int:
        """Where plain character ``i`` starts in the markup."""
        run = bisect.bisect_right(self.run_starts, i) - 1
        return self.run_markup[run] + (i - self.run_starts[run])

    def _end(self, i: int) -> int:
        """Where plain character ``i`` ends in the markup."""
        run = bisect.bisect_right(self.run_starts, i) - 1
        if self.run_escaped[run]:
            return self.run_markup[run] + 2
        return self.run_markup[run] + (i - self.run_starts[run]) + 1

    def markup_span(self, start: int, end: int) -> tuple[int, int]:
        """The markup span of plain ``[start, end)``, widened to whole emphases it cuts across.

        A renderer wraps the span in a link; a span that opened inside ``*…*`` and closed outside
        it would make the link and the emphasis cross. Footnote marks and emphasis delimiters just
        outside the span stay outside it.
        """
        lo, hi = self._start(start), self._end(end - 1)
        changed = True
        while changed:
            changed = False
            for a, b in self.emphases:
                inside = a <= lo and hi <= b
                overlaps = a < hi and lo < b
                if overlaps and not inside and (lo > a or hi < b):
                    lo, hi = min(lo, a), max(hi, b)
                    changed = True
        return lo, hi


# --- The grammar: patterns filled with the names from the corpus data --------------------------


@dataclass(frozen=True)
class Grammar:
    """The finder's patterns filled with the names of one corpus's bodies and instruments.

    Made by :meth:`of` for one build (or one call of :func:`find_citations`) and dropped with it:
    no grammar is kept between builds, so an edit of bodies.yaml is never read with stale names.
    """

    document_head: re.Pattern[str]
    after_body: re.Pattern[str]
    cataphor_body: re.Pattern[str]
    body_documents: re.Pattern[str]
    # Any full name of a body: an instrument named inside one ("the Conference of the Parties to
    # the United Nations Convention …") is not a citation of the instrument.
    body_name: re.Pattern[str]
    ordinal_after: re.Pattern[str]
    ordinal_before: re.Pattern[str]
    instrument: re.Pattern[str]
    bodies: Mapping[str, Body]
    # normalized full name -> body key
    body_by_name: Mapping[str, str]
    # normalized short reference ("the conference") -> the keys of the bodies it may mean
    bodies_by_reference: Mapping[str, tuple[str, ...]]
    # normalized name, with and without a leading "the" -> instrument key
    instrument_by_name: Mapping[str, str]
    # normalized names that stand for an instrument only in context ("the Convention"): never a
    # citation of the whole instrument on their own
    generic_instrument_names: frozenset[str]
    # The longest word of each name: a paragraph with none of them names no instrument, and the
    # name alternation (no literal prefix to skip to) is not run on it.
    instrument_words: frozenset[str]
    default_instrument: str | None

    @classmethod
    def of(cls, bodies: Mapping[str, Body], instruments: Mapping[str, Instrument]) -> Grammar:
        return _grammar(bodies, instruments)

    def body(self, name: str | None, speaking: str) -> str | None:
        """The key of the body a matched name or short reference stands for."""
        if name is None:
            return None
        key = p.normalize_name(name)
        if key in self.body_by_name:
            return self.body_by_name[key]
        candidates = self.bodies_by_reference.get(key, ())
        # Two bodies sharing a short reference: the speaking body is the one a text means by it.
        if speaking in candidates:
            return speaking
        return candidates[0] if candidates else None

    def bare_reference(self, name: str | None) -> bool:
        """Whether a matched name is a short reference without its article ("Council")."""
        if name is None:
            return False
        key = p.normalize_name(name)
        return key in self.bodies_by_reference and not key.startswith("the ")

    def instrument_key(self, name: str) -> str | None:
        key = p.normalize_name(name)
        return self.instrument_by_name.get(key) or self.instrument_by_name.get(key.removeprefix("the "))


def _grammar(bodies: Mapping[str, Body], instruments: Mapping[str, Instrument]) -> Grammar:
    """Compile the patterns for one set of bodies and instruments."""
    body_by_name: dict[str, str] = {}
    references: dict[str, list[str]] = {}
    for key, body in bodies.items():
        for name in (body.name, *body.names):
            body_by_name.setdefault(p.normalize_name(name), key)
        for reference in body.short_references:
            references.setdefault(p.normalize_name(reference), []).append(key)
    instrument_by_name: dict[str, str] = {}
    generic: set[str] = set()
    for key, instrument in instruments.items():
        for name in (instrument.name, *instrument.names):
            instrument_by_name.setdefault(p.normalize_name(name), key)
            if name.split()[0].lower() == "the":
                generic.add(p.normalize_name(name))
    names = _body_names(bodies)
    holes = {
        "bodies": p.names_alternation(names),
        "references": p.names_alternation(r for b in bodies.values() for r in b.short_references),
        "ordinal_bodies": p.names_alternation(n for n in names if p.ORDINAL_HOLE in n),
    }
    instrument_names = [n for i in instruments.values() for n in (i.name, *i.names)]
    return Grammar(
        document_head=p.fill(p.DOCUMENT_HEAD, **holes),
        after_body=p.fill(p.AFTER_BODY, **holes),
        cataphor_body=p.fill(p.CATAPHOR_BODY, **holes),
        body_documents=p.fill(p.BODY_DOCUMENTS, **holes),
        body_name=re.compile(holes["bodies"], p.FLAGS),
        ordinal_after=p.fill(p.ORDINAL_AFTER, **holes),
        ordinal_before=p.fill(p.ORDINAL_BEFORE, **holes),
        instrument=re.compile(p.names_alternation(instrument_names, optional_article=True), p.FLAGS),
        bodies=dict(bodies),
        body_by_name=body_by_name,
        bodies_by_reference={k: tuple(v) for k, v in references.items()},
        instrument_by_name=instrument_by_name,
        generic_instrument_names=frozenset(generic),
        instrument_words=frozenset(max(n.split(), key=len) for n in instrument_names if n.strip()),
        default_instrument=default_instrument(dict(instruments)),
    )


def _body_names(bodies: Mapping[str, Body]) -> list[str]:
    """Every full name of every body, as written in the data (``short_name`` is for display)."""
    return [n for b in bodies.values() for n in (b.name, *b.names)]


# --- Resolutions and decisions ------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A citation in plain-text coordinates."""

    target: Target
    start: int
    end: int
    date: dt.date | None = None
    title: str | None = None


@dataclass(frozen=True)
class _Item:
    """One number of a resolution list, with what follows it."""

    start: int
    end: int
    number: str
    date: dt.date | None
    title: str | None
    title_span: tuple[int, int] | None
    stop: int  # where the item's tail (date, title) ends


def _documents(text: str, g: Grammar, speaking: str) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Resolution and decision citations, and the spans of the titles quoted with them."""
    found: list[_Found] = []
    titles: list[tuple[int, int]] = []
    if not any(word in text for word in p.KIND_WORDS):
        return found, titles
    # What a bare "resolution N" continues: "General Assembly resolutions, in particular …" and
    # every citation group before it, as (position, body key).
    contexts: list[tuple[int, str]] = []
    for m in g.body_documents.finditer(text):
        key = g.body(m["body"] or m["of_body"], speaking)
        if key is not None:
            contexts.append((m.start(), key))
    headings = [m.span() for m in p.HEADING.finditer(text)]
    pos = 0
    while (head := g.document_head.search(text, pos)) is not None:
        items = _document_items(text, head.end())
        if not items:
            pos = head.end()
            continue
        if any(a <= head.start("kind") < b for a, b in headings):
            # A heading or a list entry ("Decision 5/2 Title") names a text; it does not cite it.
            pos = items[0].stop
            continue
        stop = items[-1].stop
        titles.extend(i.title_span for i in items if i.title_span is not None)
        pos = stop
        after = g.after_body.match(text, stop)
        before = text[max(0, head.start() - _LOOKBEHIND) : head.start()]
        forward = None
        if head["its"] and p.CATAPHOR_BEFORE.search(before):
            forward = g.cataphor_body.match(text, stop)
        if _unknown_issuer(head, after, forward, before, text[stop:]):
            continue
        if g.bare_reference(head["named"]) and p.UNKNOWN_NAME_BEFORE_REFERENCE.search(before):
            continue  # "Trusteeship Council resolution …": a longer name the corpus does not know
        antecedent = head["antecedent"]
        if forward is not None:
            antecedent = forward["body"] or forward["reference"]
        earlier = [c for c in contexts if c[0] < head.start()]
        cues = DocumentCues(
            named=g.body(head["named"], speaking),
            antecedent=g.body(antecedent, speaking),
            after=g.body(after["body"] or after["reference"], speaking) if after else None,
            its=head["its"] is not None,
            context=max(earlier)[1] if earlier else None,
        )
        body = document_body(cues, speaking)
        kind: Kind = "resolution" if head["kind"].lower() == "resolution" else "decision"
        contexts.append((head.start(), body))
        for index, item in enumerate(items):
            # A number the text gives no issuer of its own (a bare or "its" one, or the second of a
            # list) is the issuer's only if that body numbers texts so: "General Assembly
            # resolution 66/181 and resolution 2011/33" ends with the Council's.
            issuer = body
            if index or not explicit(cues):
                issuer = numbered_body(body, item.number, g.bodies)
            # The first number's span takes the words before it ("General Assembly resolution
            # 66/181", "resolutions 10/6"); the others are just their numbers ("11/3").
            if index:
                start = item.start
            elif head["named"]:
                start = head.start("named")
            else:
                start = head.start("kind")
            target = DocumentRef(issuer, kind, item.number)
            found.append(_Found(target, start, item.end, item.date, item.title))
    return found, titles


def _ordinal_documents(text: str, g: Grammar) -> list[_Found]:
    """Resolutions of a body named by its ordinal: "resolution 1 of the Twelfth … Congress …".

    The number within the body is read with the ordinal as its session: 12/1.
    """
    found: list[_Found] = []
    if not any(word in text for word in p.KIND_WORDS) or not p.ORDINAL.search(text):
        return found
    for pattern in (g.ordinal_after, g.ordinal_before):
        for m in pattern.finditer(text):
            body = g.body(m["body"], "")
            session = p.ordinal_of(m["body"])
            if body is None or session is None:
                continue
            kind: Kind = "resolution" if m["kind"].lower() == "resolution" else "decision"
            for index, number in enumerate(p.ORDINAL_NUMBER.finditer(m["numbers"])):
                offset = m.start("numbers")
                start = m.start("kind") if index == 0 else offset + number.start()
                target = DocumentRef(body, kind, f"{session}/{number[0]}")
                found.append(_Found(target, start, offset + number.end()))
    return found


def _unknown_issuer(
    head: re.Match[str], after: re.Match[str] | None, forward: re.Match[str] | None, before: str, rest: str
) -> bool:
    """Whether the words around a citation name an issuer the corpus does not know.

    ``before`` is the text just before the head, ``rest`` the text after the citation list.
    """
    if head["its"] is not None:
        # "… Convention against Corruption, in its resolution 3/1": an unknown antecedent.
        return forward is None and p.UNKNOWN_ANTECEDENT.search(before) is not None
    if head["named"] or head["antecedent"] or after is not None:
        return False
    # "Human Rights Council resolution 9/2", "resolution 3/1 of the Conference of the Parties to the
    # United Nations Convention against Corruption".
    return p.UNKNOWN_BODY_BEFORE.search(before) is not None or p.UNKNOWN_AFTER.match(rest) is not None


def _document_items(text: str, pos: int) -> list[_Item]:
    """The numbers of a citation list starting at ``pos``, each with its date and title."""
    items: list[_Item] = []
    while (number := p.NUMBER.match(text, pos)) is not None:
        stop = number.end()
        date = None
        if (d := p.DATE_TAIL.match(text, stop)) is not None:
            date = _date(d)
            stop = d.end()
        title = title_span = None
        if (t := p.TITLE_TAIL.match(text, stop)) is not None:
            group = "curly" if t["curly"] is not None else "straight"
            title = " ".join(t[group].split()) or None
            title_span = t.span(group)
            stop = t.end()
        items.append(_Item(number.start(), number.end(), _number(number), date, title, title_span, stop))
        separator = p.LIST_SEPARATOR.match(text, stop)
        if separator is None:
            break
        pos = separator.end()
    return items


def _number(m: re.Match[str]) -> str:
    """The number as a DocumentRef holds it; every placeholder form reads ``<first>/[...]``, a
    running number ``1373 (2001)`` with one space."""
    if m["serial"] is not None:
        return f"{m['run']} ({m['run_year']})"
    if m["placeholder"] is not None:
        return f"{m['first']}/[...]"
    return m["number"]


def _date(m: re.Match[str]) -> dt.date | None:
    """The date matched by ``DATE_TAIL``; None for an impossible one ("31 June 2010")."""
    try:
        return dt.date(int(m["year"]), p.MONTHS.index(m["month"]) + 1, int(m["day"]))
    except ValueError:
        return None


# --- Articles ------------------------------------------------------------------------------------


def _articles(text: str, g: Grammar) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Article citations of the corpus's instruments, each resolved to its instrument; and the
    spans of the instrument names that said whose articles they are (not citations of their own)."""
    found: list[_Found] = []
    named_spans: list[tuple[int, int]] = []
    if p.ARTICLE_WORD not in text:
        return found, named_spans
    # Read only for a paragraph that has an article list: naming instruments is common, citing
    # articles is not.
    mentions: list[InstrumentMention] | None = None
    pos = 0
    while (head := p.ARTICLE_HEAD.search(text, pos)) is not None:
        items: list[re.Match[str]] = []
        stop = head.end()
        while (item := p.ARTICLE_ITEM.match(text, stop)) is not None:
            items.append(item)
            stop = item.end()
            # Only "articles" lists: "article 30, 190 parties" is one article and a count.
            if not head["plural"] or head["lead"]:
                break
            separator = p.ARTICLE_SEPARATOR.match(text, stop)
            if separator is None:
                break
            stop = separator.end()
        pos = max(stop, head.end())
        if not items:
            continue
        stop = items[-1].end()
        named_after = None
        if (of := p.ARTICLE_OF.match(text, stop)) is not None:
            named = g.instrument.match(text, of.end())
            if named is not None:
                named_after = InstrumentMention(named.start(), named.end(), g.instrument_key(named[0]))
                named_spans.append(named.span())
            else:
                named_after = InstrumentMention(of.end(), of.end(), None)
        if mentions is None:
            mentions = _instrument_mentions(text, g)
        before = [m for m in mentions if m.end <= head.start()]
        key = article_instrument(named_after, before[-1] if before else None, g.default_instrument)
        if key is None:
            continue  # an article of an instrument the corpus does not hold
        for index, item in enumerate(items):
            found.extend(_article_citations(key, head, item, first=index == 0))
    return found, named_spans


def _article_citations(key: str, head: re.Match[str], item: re.Match[str], *, first: bool) -> list[_Found]:
    """One citation per pinpoint of an article: "article 5, paragraphs 1 (a) and 3" gives 5 (1) (a)
    and 5 (3); "paragraphs 1 and 2 of article 18" gives 18 (1) and 18 (2).

    The first citation's span takes the words before it ("article 5, paragraphs 1 (a)", "articles
    24"); a later pinpoint's span is its own number ("3"), and the last of a leading list reaches
    to the article ("2 of article 18"), so that spans never overlap.
    """
    article = int(item["article"])
    if head["lead"]:
        pinpoints = list(p.PINPOINT.finditer(head["lead"]))
        offset = head.start("lead")
        out = []
        for n, pin in enumerate(pinpoints):
            start = head.start() if n == 0 else offset + pin.start()
            end = item.end() if n == len(pinpoints) - 1 else offset + pin.end()
            out.append(_Found(ArticleRef(key, article, pin["paragraph"], pin["sub"]), start, end))
        return out
    start = head.start("word") if first else item.start()
    if item["pinpoints"] is None:
        return [_Found(ArticleRef(key, article, None, item["sub"]), start, item.end())]
    offset = item.start("pinpoints")
    out = []
    for n, pin in enumerate(p.PINPOINT.finditer(item["pinpoints"])):
        target = ArticleRef(key, article, pin["paragraph"], pin["sub"])
        out.append(_Found(target, start if n == 0 else offset + pin.start(), offset + pin.end()))
    return out


def _instruments(text: str, g: Grammar, named: list[tuple[int, int]]) -> list[_Found]:
    """The Convention and its Protocols cited as a whole, by name ("the Firearms Protocol").

    A generic name ("the Convention") is not such a citation: it refers to an instrument only in
    context, and nearly every paragraph says it. Neither is a name inside a body's name ("the
    Conference of the Parties to the United Nations Convention …") or one that says whose
    articles an article citation cites (``named``).
    """
    found: list[_Found] = []
    if not any(word in text for word in g.instrument_words):
        return found
    inside = [m.span() for m in g.body_name.finditer(text)] + named
    for m in g.instrument.finditer(text):
        key = g.instrument_key(m[0])
        if key is None or p.normalize_name(m[0]) in g.generic_instrument_names:
            continue
        if any(a <= m.start() and m.end() <= b for a, b in inside):
            continue
        article = p.LEADING_THE.match(m[0])
        start = m.start() + (article.end() if article else 0)
        found.append(_Found(InstrumentRef(key), start, m.end()))
    return found


def _instrument_mentions(text: str, g: Grammar) -> list[InstrumentMention]:
    """Every instrument named in the text, ours with their key, others with None, in order."""
    known = [
        InstrumentMention(m.start(), m.end(), g.instrument_key(m[0])) for m in g.instrument.finditer(text)
    ]
    others = [
        InstrumentMention(m.start(), m.end(), None)
        for m in p.OTHER_INSTRUMENT.finditer(text)
        if not any(k.start < m.end() and m.start() < k.end for k in known)
    ]
    return sorted(known + others, key=lambda m: (m.start, m.end))


# --- Document symbols ---------------------------------------------------------------------------


def _symbols(text: str) -> list[_Found]:
    if p.SYMBOL_CHAR not in text:
        return []
    return [
        _Found(SymbolRef(m["symbol"]), m.start("symbol"), m.end("symbol"))
        for m in p.SYMBOL.finditer(text)
        if p.SYMBOL_HAS_NUMBER.search(m["symbol"])
    ]


def _outside(found: list[_Found], spans: list[tuple[int, int]]) -> list[_Found]:
    """Drop what stands inside a quoted title: a title's words are not this paragraph's citations."""
    return [f for f in found if not any(a <= f.start and f.end <= b for a, b in spans)]
