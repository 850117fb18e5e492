"""The UN's italic leading phrase of preambular and operative paragraphs, restored where the raw text lost it.

The phrases are data (``vocabulary.yaml``); this module only turns the lists into one pattern per part.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Literal

from generator.importer.vocabulary import load_vocabulary
from generator.markup import tokenize

# "reported": the past tense of decisions reported in a session's report ("Took note", "Decided").
Part = Literal["preamble", "operative", "reported"]


def _alternatives(words: Iterable[str]) -> str:
    # Longest first, so that "Reiterates its call" wins over "Reiterates".
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@functools.cache
def _pattern(part: Part) -> re.Pattern[str]:
    phrases = load_vocabulary().leading_phrases
    heads = {"preamble": phrases.preamble, "operative": phrases.operative, "reported": phrases.reported}[part]
    return re.compile(
        rf"""(?:(?:{_alternatives(phrases.before)})\s+)?        # Also, Further …
             (?:{_alternatives(heads)})                           # the verb: Invites, Noting …
             (?:\s+(?:{_alternatives(phrases.after)}))?           # also, further …
             (?:\s+(?:{_alternatives(phrases.qualifiers)}))?      # with appreciation …
             (?![\w-])""",
        re.VERBOSE | re.IGNORECASE,
    )


def is_emphasised(markup: str) -> bool:
    tokens = tokenize(markup)
    return bool(tokens) and tokens[0].kind == "em"


def leading_phrase(markup: str, part: Part, pos: int = 0) -> str | None:
    """The leading phrase the UN italicises, if the text (from ``pos``) starts with a known one."""
    if not markup[pos : pos + 1].isupper():
        return None
    m = _pattern(part).match(markup, pos)  # anchored at pos: no copy of the rest of a long line
    return m.group(0) if m else None


def emphasise(markup: str, part: Part) -> str | None:
    """The text with its leading phrase emphasised, unchanged if it already is; None if not known."""
    if is_emphasised(markup):
        return markup
    phrase = leading_phrase(markup, part)
    if phrase is None:
        return None
    return f"*{phrase}*{markup[len(phrase):]}"


_WRAPPED_EMPHASIS = re.compile(r"^\*(?P<inner>(?:[^*\\]|\\.)+)\*(?P<marks>(?:\[\^[^\]]{1,3}\])*)$")


def unwrap_emphasis(markup: str) -> str:
    """``*The Conference …,*`` → ``The Conference …,``: a fully italic line carries no emphasis."""
    m = _WRAPPED_EMPHASIS.match(markup)
    return m["inner"] + m["marks"] if m and "*" not in m["inner"].replace("\\*", "") else markup


def first_words(markup: str, count: int = 3) -> str:
    return " ".join(markup.split()[:count])
