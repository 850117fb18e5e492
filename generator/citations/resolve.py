"""From what the words say to what they mean: which body issued a cited text, which instrument an
article belongs to, and in whose voice a resolution speaks.

The finder (``find.py``) records *cues* (the body named before a citation, after it, the "its"
that stands for a body…); the rules here turn cues into a target. They are pure functions on
small values so that each rule is tested and read on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.ids import number_form
from generator.model import Body, Instrument, Resolution


def speaking_body(resolution: Resolution) -> str:
    """The body in whose voice the paragraphs speak: the one "its resolution" means.

    A draft that one body recommends to another speaks as the body that will adopt it: 003 is a
    CCPCJ draft whose formula reads "The Economic and Social Council,", so "its resolution" in it
    would be the Council's. Otherwise it is the body the resolution belongs to.
    """
    return resolution.recommended_to or resolution.body


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
