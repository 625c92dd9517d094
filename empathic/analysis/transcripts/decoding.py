"""Bytes to text: byte-order marks first, then UTF-8, then charset-normalizer's best guess; refuse
binary data."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from empathic.analysis.errors import TranscriptError

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Characters no transcript is made of: C0/C1 controls other than tab, line breaks and form feed,
# the replacement character, private-use and lone surrogates.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff]")
_MAX_NOT_TEXT_SHARE = 0.02  # a stray control character is tolerated; binary has far more

BINARY = "binary data, not a transcript"
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode(data: bytes) -> str:
    """Decode transcript bytes; raise TranscriptError for empty, binary or undecodable data."""
    if not data:
        raise TranscriptError("file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return clean(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError:
                name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                raise TranscriptError(
                    f"not valid {name} text despite its byte-order mark"
                ) from None
    if b"\x00" in data:
        # UTF-16 without a byte-order mark also lands here; saying so lets the user fix it.
        raise TranscriptError(f"{BINARY} (it has NUL bytes; save UTF-16 text as UTF-8)")
    try:
        return clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    results = charset_normalizer.from_bytes(data)
    best = results.best()
    if best is None:
        raise TranscriptError(f"{BINARY} (its encoding cannot be recognised)")
    # Short Western European text scores the same under several code pages (ñ is ń in cp1250);
    # on a tie prefer Windows-1252 / Latin-1, what Western European Windows users save.
    tied = [m for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    preferred = next((m for m in tied if m.encoding in _WESTERN), best)
    return clean(str(preferred))


def clean(text: str) -> str:
    """Refuse text that is mostly control characters, drop the few stray ones, refuse blanks."""
    text = text.removeprefix("\ufeff")  # a byte-order mark decoded as text
    if not text.strip():
        raise TranscriptError("file is empty")
    stray = len(_NOT_TEXT.findall(text))
    if stray > _MAX_NOT_TEXT_SHARE * len(text):
        raise TranscriptError(BINARY)
    if stray:
        text = _NOT_TEXT.sub("", text)
        if not text.strip():
            raise TranscriptError("file is empty")
    return text
