"""Phone numbers: libphonenumber's matcher over several regions, then a looser shape fallback."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from .patterns import P_PHONE, P_PHONE_LOOSE, Candidate

if TYPE_CHECKING:
    from collections.abc import Iterator

# Regions whose national formats a transcript from our users is likely to contain; "ZZ" finds
# international numbers written with a leading "+" whatever the region.
REGIONS: tuple[str, ...] = ("US", "GB", "CA", "AU", "IE", "NZ", "ES", "MX", "ZZ")

# A cheap pre-filter: only stretches that look like a digit grouping go to libphonenumber, which
# keeps a megabyte of prose fast (the matcher is pure Python).
_CANDIDATE_RE = re.compile(r"(?<![\w+])[+(]?\d[\d \t().\-/]{5,30}\d(?!\d)")
LOOSE_PHONE_RE = re.compile(
    r"(?<![\w+/.-])(?:(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,8}(?:[ .-]\d{1,8}){1,5}"
    r"|\+\d{7,15}|0\d{9,10})"  # unseparated: international, or a national trunk-prefixed number
    r"(?:\s{0,2}(?i:ext\.?|x|extension)\s{0,2}\d{1,5})?(?![\w/-]|\.\d)"
)
_EXT_RE = re.compile(r"\s{0,2}(?i:ext\.?|x|extension)\s{0,2}\d{1,5}\b")


def find_phones(text: str) -> Iterator[Candidate]:
    for cm in _CANDIDATE_RE.finditer(text):
        if not 7 <= sum(c.isdigit() for c in cm.group(0)) <= 17:
            continue  # a table of figures, not a phone number: leave it to the fallback
        # A little context either side lets the matcher see a "+" or a bracket we cut off.
        lo, hi = max(0, cm.start() - 4), min(len(text), cm.end() + 2)
        window = text[lo:hi]
        for region in REGIONS:
            try:
                matches = list(PhoneNumberMatcher(window, region, leniency=Leniency.VALID))
            except phonenumbers.NumberParseException:  # pragma: no cover - defensive
                continue
            for match in matches:
                start, end = lo + match.start, lo + match.end
                ext = _EXT_RE.match(text, end)
                yield Candidate(start, ext.end() if ext else end, "PHONE", P_PHONE)
            if matches:
                break  # the first region that reads it as valid is enough
    for m in LOOSE_PHONE_RE.finditer(text):
        digits = sum(c.isdigit() for c in m.group(0))
        if 7 <= digits <= 17:
            yield Candidate(m.start(), m.end(), "PHONE", P_PHONE_LOOSE)
