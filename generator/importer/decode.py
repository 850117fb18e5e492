"""Stage 0, decode: the raw file's bytes → text, whatever encoding it came in.

Maintainers save texts from browsers, PDF readers and word processors, so a raw file may be UTF-8
(with or without a byte-order mark), UTF-16 with a BOM (Windows "Unicode" text) or a legacy 8-bit code
page (cp1252 / Latin-1). Decoding UTF-16 or cp1252 as UTF-8 "works" with replacement characters and
imports damaged text, so the order is: a BOM decides; else strict UTF-8; else charset-normalizer's
best guess among the encodings UN texts come in; else nothing is imported.

Anything but plain UTF-8 is converted and named in one warning (IMP000), so the maintainer can save
the raw file as UTF-8 if they want it byte-identical to what the importer read.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from generator.diagnostics import Diagnostic

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),  # decoding drops the mark, which would else stand in the header
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What an English UN text without a BOM can be besides UTF-8; charset-normalizer picks among them.
# A well-formed UTF-8 sequence of two to four bytes: in a cp1252 text such pairs are vanishingly rare.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_LEGACY = ("cp1252", "latin_1", "utf_16", "mac_roman")
_NAMES = {"utf-8-sig": "UTF-8 with a byte-order mark", "utf-16": "UTF-16", "utf-32": "UTF-32",
          "cp1252": "Windows-1252 (cp1252)", "latin_1": "Latin-1 (ISO-8859-1)", "mac_roman": "Mac Roman"}


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None: the bytes could not be read as text
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def decode(data: bytes, path: str) -> Decoded:
    """Decode a raw file; a converted encoding is one warning, unreadable bytes one error."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _converted(data, encoding, path, "its byte-order mark")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    if _UTF8_MULTIBYTE.search(data):
        # Valid UTF-8 sequences with a few bad bytes: a damaged UTF-8 file. Read as cp1252 it would
        # turn every “ and ¹ into mojibake; with replacement characters it would import damaged text.
        return _unreadable(path, line, "it is UTF-8 with invalid bytes (a damaged file)")
    if b"\x00" in data[:4096]:
        # NUL bytes without a BOM: UTF-16 text saved without its mark, or a binary file (PDF, DOCX).
        return _unreadable(path, line, "it holds NUL bytes and no byte-order mark (a binary file?)")
    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is None:
        return _unreadable(path, line, "it is not UTF-8 and no other encoding fits")
    encoding = codecs.lookup(best.encoding).name.replace("-", "_")
    encoding = {"iso8859_1": "latin_1", "windows_1252": "cp1252"}.get(encoding, encoding)
    if encoding == "latin_1" and _decodes(data, "cp1252"):
        encoding = "cp1252"  # Latin-1 is cp1252 without the quotes and dashes UN texts use
    return _converted(data, encoding, path, f"line {line} is not valid UTF-8")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _converted(data: bytes, encoding: str, path: str, evidence: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return _unreadable(path, line, f"it does not decode as {_NAMES.get(encoding, encoding)}")
    name = _NAMES.get(encoding, encoding)
    return Decoded(text, encoding, (Diagnostic(
        path, None, None, "IMP000",
        f"the raw file is {name} ({evidence}): read as such and converted to plain UTF-8",
        "nothing to do; save the raw file as UTF-8 to keep it as the importer read it", "warning",
    ),))


def _unreadable(path: str, line: int, why: str) -> Decoded:
    return Decoded(None, "", (Diagnostic(
        path, line, None, "IMP000", f"the raw file cannot be read as text: {why}",
        "save it as UTF-8 text (copy the text from the PDF or web page into a plain-text editor)",
    ),))
