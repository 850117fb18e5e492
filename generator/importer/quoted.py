"""A draft quoted by the text that recommends it, with its quotation marks taken off.

The Economic and Social Council "Recommends to the General Assembly the adoption of the following draft
resolution:", and the draft follows in quotation marks: an opening mark on each of its paragraphs
("“The General Assembly,", "“1. Urges …") and a closing one after its last word. The quoted draft is
the body of the text, as a Commission's draft recommended to the Council is (``recommended_to``,
``recommendation``): the marks are the document's typography, not the draft's words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.importer.clean import Block

_OPENING = "\"“„«"
_CLOSING = "\"”»"
# The recommending sentence that opens the quotation: "… the following draft resolution:" (or
# "decision", plural too), maybe "for adoption by the General Assembly:".
_INTRODUCES = re.compile(
    r"\bthe\s+following\s+draft\s+(?:resolution|decision)s?(?:\s+for\s+adoption\s+by\s+the\s+[^:]+?)?\s*:$",
    re.IGNORECASE,
)
# The closing mark of the draft, maybe before its footnote marks: `session.”[^3]`.
_CLOSE = re.compile(rf"[{_CLOSING}](?P<marks>(?:\[\^[^\]]{{1,3}}\])*)\s*$")


def unquote_recommended_draft(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """``blocks`` with the quotation marks of a recommended draft taken off: the blocks after the
    recommending sentence that open with a mark lose it, and the last of them its closing mark.
    Anything else, and a text without such a sentence, is left as it is."""
    for k, block in enumerate(blocks):
        if _INTRODUCES.search(block.plain.strip()):
            return blocks[: k + 1] + _unquoted(blocks[k + 1 :])
    return blocks


def _unquoted(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    quoted = 0
    while quoted < len(blocks) and _opens_quote(blocks[quoted].text):
        quoted += 1
    if quoted == 0:
        return blocks
    out = [replace(b, text=b.text[1:].lstrip()) for b in blocks[:quoted]]
    last = out[-1]
    if m := _CLOSE.search(last.text):
        out[-1] = replace(last, text=last.text[: m.start()] + m["marks"])
    return (*out, *blocks[quoted:])


def _opens_quote(text: str) -> bool:
    return bool(text) and text[0] in _OPENING
