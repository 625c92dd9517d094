"""Rule-based detectors for structured identifiers: email, URL/IP/handle, date, ID, address.

Every quantifier is bounded (or deterministic) so that no pattern backtracks catastrophically on
long or adversarial input; validation that a regex cannot express (Luhn, IBAN mod-97, calendar
ranges) runs in Python on each match.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterator


class Candidate(NamedTuple):
    start: int
    end: int
    kind: str
    priority: int  # which detection wins where candidates overlap (higher wins)


# Priorities: exact, validated formats beat context guesses; names are the weakest evidence.
P_EMAIL, P_URL, P_ID_CONTEXT, P_ID_FORMAT, P_DATE = 100, 95, 90, 85, 80
P_PHONE, P_ADDRESS, P_PHONE_LOOSE, P_ID_LOOSE, P_NAME = 75, 70, 60, 50, 40

# --- online identifiers -------------------------------------------------------------------------
EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b"
)
URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\[\]]{1,2000}", re.IGNORECASE)
BARE_DOMAIN_PATH_RE = re.compile(
    r"(?<![\w@.])[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}"
    r"\.(?:com|org|net|io|me|co|uk|ca|au|nz|ie|es|mx|us|info|ly|gg|tv)/[^\s<>\"'\[\]]{1,500}"
)
IPV4_RE = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.]\d)"
)
HANDLE_RE = re.compile(r"(?<![^\s(\"'“‘])@[A-Za-z_][A-Za-z0-9_.]{1,29}(?<!\.)")

# --- dates --------------------------------------------------------------------------------------
# Months in any case ("4 march 1978" from speech-to-text); lower-case "may" is checked in
# find_dates, since "the 3 may need help" is no date.
_MONTH = (
    r"(?:(?i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
_MES = (
    r"(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_TEENS = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# Years said aloud: "nineteen seventy-eight", "nineteen oh five", "two thousand and nine".
_SPOKEN_YEAR = (
    rf"(?i:(?:nineteen|twenty)[\s-](?:hundred|oh[\s-](?:{_UNITS})|{_TEENS}"
    rf"|(?:{_TENS})(?:[\s-](?:{_UNITS}))?)(?![\w-])"
    rf"|two\s+thousand(?:\s+and)?(?:[\s-](?:{_TEENS}|{_UNITS}|twenty(?:[\s-](?:{_UNITS}))?))?(?![\w-]))"
)
_YEAR = rf"(?:(?:19|20)\d{{2}}|'\d{{2}}|{_SPOKEN_YEAR})"
_ORDINAL_WORD = (
    r"(?i:(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth)"
)
DATE_RES: tuple[re.Pattern[str], ...] = (
    # 3 March 1984, 3rd of March, 3 Mar. '84
    re.compile(rf"(?<![\w/.-]){_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}(?![\d\w]))?"),
    # March 3rd, 1984 / March 3 / March 1984 / March of 2019 / march the 4th
    re.compile(
        rf"\b{_MONTH}\s+(?:(?:the\s+)?{_DAY}(?![\d:])(?:,?\s+{_YEAR}(?![\d\w]))?"
        rf"|(?:of\s+)?{_YEAR}(?![\d\w]))"
    ),
    # 3 de marzo de 1984
    re.compile(rf"\b{_DAY}\s+de\s+{_MES}(?:\s+(?:de|del)\s+(?:19|20)\d{{2}})?\b"),
    # 03/04/1984, 3-4-84, 3.4.1984
    re.compile(r"(?<![\w/.:-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/:-]|\.\d)"),
    # 1984-03-04
    re.compile(r"(?<![\w/.:-])(?:19|20)\d{2}([/.-])(\d{1,2})\1(\d{1,2})(?![\w/:-]|\.\d)"),
    # Christmas 2021, Boxing Day 2019: a holiday and a year is a day
    re.compile(
        r"\b(?i:christmas(?:\s+(?:eve|day))?|boxing\s+day|new\s+year'?s\s+(?:eve|day)|easter"
        r"(?:\s+(?:sunday|monday))?|thanksgiving|halloween|valentine'?s\s+day|eid|diwali)"
        r",?\s+(?:of\s+)?(?:19|20)\d{2}(?!\d)"
    ),
    # the fourth of March (1978), March the fourth, March twenty-first
    re.compile(rf"\b{_ORDINAL_WORD}\s+of\s+{_MONTH}(?:,?\s+{_YEAR}(?![\d\w]))?"),
    re.compile(rf"\b{_MONTH}\s+(?:the\s+)?{_ORDINAL_WORD}\b(?:,?\s+{_YEAR}(?![\d\w]))?"),
)
_LOWER_MAY_RE = re.compile(r"\bmay\b")
DOB_COMPACT_RE = re.compile(
    r"(?i:\bD\.?O\.?B\b\.?|date\s+of\s+birth|birth\s*date|born\s+on)\s*(?:is\s+|was\s+|[:#-]\s*)?"
    r"(\d{6}|\d{8})(?!\d)"
)

# --- ID numbers ---------------------------------------------------------------------------------
SSN_RE = re.compile(r"(?<![\w-])(?!000|666)\d{3}([- ])\d{2}\1\d{4}(?![\w-])")
NINO_RE = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")  # the shape alone is telling
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
CARD_RE = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
MBI_RE = re.compile(  # US Medicare Beneficiary Identifier, 1EG4-TE5-MK73
    r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?"
    r"[AC-HJKMNP-RT-Y]{2}\d{2}\b"
)
LETTER_DIGITS_RE = re.compile(r"\b[A-Z]{1,3}-?\d{5,10}[A-Z]?\b")  # passport / licence shapes
# Lower case (speech-to-text): "x1234567", "qq123456c" (NI number written without spaces).
LOWER_ID_RE = re.compile(
    r"\b(?:[a-z]{1,3}-?\d{5,10}[a-z]?|[a-z]{2}\d{6}[a-d]|(?!(?:is|at|in|on|to|of|or|be|by|it|as|an"
    r"|no|so|we|he|me|my|up|us|do|go|am)\b)[a-z]{2} \d{2} \d{2} \d{2} [a-d])\b"
)
_ID_KEYWORDS = (
    r"ids?|i\.d\.|identification|identity|reference|ref|case|account|acct|policy|licen[cs]e"
    r"|membership|member|client|patient|customer|claim|file|record|student|employee|staff|badge"
    r"|passport|ni|national\s+insurance|nhs|ssn|social\s+security|social\s+insurance|sin|medicare"
    r"|medicaid|medical\s+record|mrn|tax|tfn|ppsn?|ird|booking|tenancy|order|benefits?|dl"
    r"|driver'?s\s+licen[cs]e|driving\s+licen[cs]e|registration|reg|routing|sort\s+code|iban"
    r"|card|permit|visa|application|voucher|ticket|incident|crime|docket|court|warrant|inmate"
    r"|offender|prisoner|crn|uci|ebt|snap|health\s+card|insurance|plate|serial|pin|a-number"
    r"|alien\s+registration|uscis|home\s+office|ho\s+ref|tracking|confirmation|transaction"
    r"|invoice|folio|dossier|expediente|nie|dni|curp|rfc|nss|hospital|chi|nhi|unit|utr|vat|ein|itin"
)
_ID_JOIN = (
    r"(?:[\s,:#=.-]{1,4}|(?i:is|was|it'?s|it|be|should|would|the|my|his|her|their|number|numbers"
    r"|no|num|nr|id|code|reference|ref|of|are|ends|ending|in|with|for|under|as|like|says|reads)\b"
    r"|[a-zà-ÿ']{1,12}\b)"  # a few more words may stand between: "reference on the letter is"
)
# The identifier: an optional capital prefix ("CLM 5530"), then groups that start near a digit.
_ID_VALUE = (
    r"(?:[A-Za-z]{1,5}\s(?=\d))?(?=[A-Za-z]{0,6}[-/.]?\d)"
    r"[A-Za-z0-9]{1,24}+(?:(?:[-/.]|\s(?=\d))[A-Za-z0-9]{1,24}+){0,6}+"
)
ID_CONTEXT_RE = re.compile(rf"\b(?i:{_ID_KEYWORDS})\b(?:{_ID_JOIN}){{0,12}}?({_ID_VALUE})")
# Words that join a keyword to its value; never the identifier's own prefix.
_JOIN_WORDS = frozenset(
    [
        "is",
        "was",
        "it",
        "its",
        "be",
        "the",
        "my",
        "his",
        "her",
        "their",
        "number",
        "numbers",
        "no",
        "num",
        "nr",
        "id",
        "code",
        "ref",
        "of",
        "are",
        "ends",
        "ending",
        "in",
        "with",
        "for",
        "under",
        "as",
        "like",
        "says",
        "reads",
        "on",
        "at",
        "to",
        "and",
        "or",
    ]
)
_YEAR_ONLY_RE = re.compile(r"(?:19|20)\d{2}")
LOOSE_DIGITS_RE = re.compile(r"(?<![\w$£€¥.,/:+-])\d{2,}(?:-\d{2,}){0,6}(?![\w/:-]|[.,]\d)")

# --- addresses ----------------------------------------------------------------------------------
_SUFFIX_FULL = (
    r"Street|Avenue|Road|Lane|Drive|Court|Way|Boulevard|Place|Terrace|Crescent|Close|Circle"
    r"|Parkway|Highway|Square|Gardens|Grove|Row|Mews|Walk|Hill|Park|Trail|Path|Plaza|Alley|Loop"
    r"|Heights|Green|Rise|Vale|View|Parade|Esplanade|Pike|Turnpike|Expressway|Freeway|Wynd|Gate"
)
_SUFFIX_LOWER = r"street|avenue|road|lane|drive|boulevard|terrace|crescent|highway"
_SUFFIX_ABBR = r"St|Ave|Av|Rd|Ln|Dr|Ct|Blvd|Pl|Ter|Terr|Cres|Cl|Cir|Pkwy|Hwy|Sq|Gdns|Trl|Pde"
_STREET_WORD = r"(?:[A-Z][\w'’.-]{0,30}|\d{1,3}(?:st|nd|rd|th)|(?:de|del|la|of|the|St\.?))"
_STATE_ABBR = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH"
    r"|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
_CA_PROV = r"AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
_AU_STATE = r"NSW|VIC|QLD|WA|SA|TAS|ACT|NT"
_UK_POSTCODE = (
    r"(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y])"
    r" ?\d[ABD-HJLNP-UW-Z]{2})"
)
_CA_POSTCODE = r"(?:[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d)"
_EIRCODE = r"(?:(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[AC-FHKNPRTV-Y][0-9AC-FHKNPRTV-Y]{3})"
_UNIT = (
    r"(?:(?i:apt|apartment)\.?|Flat|Unit|Suite|Ste\.?|Room|Apto\.?|Piso)\s{0,3}#?\s{0,3}"
    r"(?:\d{1,5}[A-Za-z]?|[A-Z]\d{0,4})\b"
)
_CITY = r"[A-Z][a-zà-ÿ'’-]{1,30}(?:\s[A-Z][a-zà-ÿ'’-]{1,30}){0,2}"
_REGION_TAIL = (
    rf"(?:,?\s{{1,3}}(?:(?:{_STATE_ABBR})\.?\s{{1,3}}\d{{5}}(?:-\d{{4}})?|(?:{_CA_PROV})\s{{1,3}}{_CA_POSTCODE}"
    rf"|(?:{_AU_STATE})\s{{1,3}}\d{{4}}|{_UK_POSTCODE}|{_CA_POSTCODE}|{_EIRCODE}|\d{{5}}(?:-\d{{4}})?|\d{{4}}"
    rf"|(?:{_STATE_ABBR}|{_CA_PROV}|{_AU_STATE})\b))"
)
_ADDRESS_TAIL = rf"(?:,?\s{{1,3}}{_UNIT})?(?:,\s{{0,3}}{_CITY})?{_REGION_TAIL}?"
STREET_RE = re.compile(
    rf"(?<![\w.,/-])\d{{1,5}}[A-Za-z]?(?:\s?[-–/]\s?\d{{1,5}}[A-Za-z]?)?,?\s{{1,3}}"
    rf"(?:{_STREET_WORD}\s{{1,3}}){{1,4}}?"
    rf"(?:(?:{_SUFFIX_FULL}|{_SUFFIX_LOWER})\b|(?:{_SUFFIX_ABBR})\b\.?)"
    r"(?:\s(?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\b)?"  # "King Street East"
    rf"{_ADDRESS_TAIL}"
)
NAMED_STREET_RE = re.compile(  # a street named without a number: "lives on Jackson Avenue"
    r"\b(?:[A-Z][\w'’-]{1,30}\s{1,3}){1,3}"
    r"(?:Street|Avenue|Road|Lane|Drive|Boulevard|Terrace|Crescent|Highway|Parkway)\b"
)
PREFIX_STREET_RE = re.compile(  # Spanish/French style: Calle Mayor 12, Avenida Insurgentes Sur 300
    r"\b(?:Calle|C/|Avenida|Avda\.?|Av\.|Paseo|Carrera|Camino|Plaza|Rue|Via|Boulevard)\s{1,3}"
    r"(?:(?:de|del|la|las|los|el)\s{1,3}){0,2}[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’.-]{0,30}"
    r"(?:\s{1,3}[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’.-]{0,30}){0,3}"
    rf"(?:,?\s{{1,3}}(?:(?i:n[oº]\.?|num\.?|número)\s{{0,2}}|#\s{{0,2}})?\d{{1,5}}[A-Za-z]?)?"
    # Floor and door, Spanish style: "3º izquierda", "2° B"
    r"(?:,?\s{1,3}\d{1,2}\s?[º°ª](?:\s?(?:[A-H]\b|(?i:izquierda|izda\.?|derecha|dcha\.?|centro)))?)?"
    rf"{_ADDRESS_TAIL}"
)
NUMBER_PREFIX_STREET_RE = re.compile(
    r"(?<![\w.,/-])\d{1,5}[A-Za-z]?,?\s{1,3}(?i:calle|c/|avenida|avda\.?|paseo|rue|avenue|via"
    r"|boulevard|chemin|place|quai|rua)\s{1,3}(?:(?i:de|del|des|du|la|las|los|le|el|da|do)\s{1,3}){0,2}"
    r"[^\W\d_][\w'’.-]{0,30}(?:\s{1,3}[A-ZÁÉÍÓÚÑ][\w'’.-]{0,30}){0,2}"
    rf"(?:,?\s{{1,3}}\d{{5}}\s{{1,3}}(?:{_CITY}|[a-zà-ÿ]{{2,30}}))?"
)
UNIT_RE = re.compile(rf"(?<![\w-]){_UNIT}")
# Lower case (speech-to-text): "42 elm street", "flat 3", "on jackson avenue", "ls6 2ab". The
# street words are checked in find_addresses: "3 doors down the road" is no address.
_SUFFIX_LOWER_ALL = (
    r"(?:street|avenue|road|lane|drive|boulevard|terrace|crescent|highway|parkway|court|close|way"
    r"|place|gardens|grove|square|mews|row)\b|(?:st|rd|ave|ln|dr|blvd|ct|pl|cres|hwy|pkwy|tce)\b\.?"
)
_UNIT_LOWER = (
    r"(?:apt|apartment|flat|unit|suite|ste|room|apto|piso)\.?\s{0,3}#?\s{0,3}\d{1,5}[a-z]?\b"
)
_POSTCODE_LOWER = (
    r"(?:[a-pr-uwyz](?:\d{1,2}|[a-hk-y]\d{1,2}|\d[a-hjkpstuw]|[a-hk-y]\d[abehmnprv-y])"
    r" \d[abd-hjlnp-uw-z]{2}|[abceghj-nprstvxy]\d[abceghj-nprstv-z] \d[abceghj-nprstv-z]\d"
    r"|(?:[ac-fhknprtv-y]\d{2}|d6w) [ac-fhknprtv-y][0-9ac-fhknprtv-y]{3})"
)
_STATE_LOWER = _STATE_ABBR.lower()
_REGION_LOWER = (
    rf"(?:,?\s{{1,3}}{_POSTCODE_LOWER}\b|,\s{{1,3}}(?:{_STATE_LOWER})\.?\s{{1,3}}\d{{5}}(?:-\d{{4}})?\b"
    r"|\s{1,3}\d{5}(?:-\d{4})?\b)"
)
_CITY_LOWER = r"[a-zà-ÿ'’-]{2,30}(?:\s[a-zà-ÿ'’-]{2,30}){0,2}"
STREET_LOWER_RE = re.compile(
    rf"(?<![\w.,/-])(?:{_UNIT_LOWER},?\s{{1,3}})?\d{{1,5}}[a-z]?(?:\s?[-–/]\s?\d{{1,5}}[a-z]?)?,?\s{{1,3}}"
    rf"((?:(?:[a-zà-ÿ'’]{{2,30}}|\d{{1,3}}(?:st|nd|rd|th))\s{{1,3}}){{1,3}}?)(?:{_SUFFIX_LOWER_ALL})"
    r"(?:\s(?:north|south|east|west)\b)?"
    rf"(?:,?\s{{1,3}}{_UNIT_LOWER})?(?:,\s{{0,3}}{_CITY_LOWER}(?={_REGION_LOWER}))?{_REGION_LOWER}?"
)
NAMED_STREET_LOWER_RE = re.compile(
    r"\b(?:on|in|at|off|along|near|onto|to|from|up|down|by)\s{1,3}"
    r"((?:[a-zà-ÿ'’]{2,30}\s{1,3}){1,2}?(?:street|avenue|road|lane|drive|boulevard|terrace"
    r"|crescent|highway|parkway)\b)"
)
PO_BOX_LOWER_RE = re.compile(
    rf"\b(?:p\.?\s?o\.?\s?box|post\s+office\s+box|apartado)\s{{0,3}}\d{{1,7}}\b"
    rf"(?:,\s{{0,3}}{_CITY_LOWER}(?={_REGION_LOWER}))?{_REGION_LOWER}?"
)
UNIT_LOWER_RE = re.compile(rf"(?<![\w-]){_UNIT_LOWER}")
POSTCODE_LOWER_RE = re.compile(
    rf"\b{_POSTCODE_LOWER}\b|(?<=, )(?:{_STATE_LOWER})\.?\s{{1,3}}\d{{5}}(?:-\d{{4}})?\b"
)
# Words that make "3 doors down the road" or "on the main road" a description, not an address.
_NOT_STREET_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "his",
        "her",
        "our",
        "their",
        "your",
        "its",
        "this",
        "that",
        "these",
        "those",
        "every",
        "each",
        "all",
        "and",
        "or",
        "but",
        "for",
        "with",
        "down",
        "up",
        "on",
        "in",
        "at",
        "to",
        "from",
        "into",
        "onto",
        "off",
        "across",
        "along",
        "over",
        "by",
        "near",
        "same",
        "other",
        "next",
        "wrong",
        "right",
        "busy",
        "quiet",
        "big",
        "long",
        "short",
        "is",
        "are",
        "was",
        "were",
        "be",
        "very",
        "so",
        "too",
        "really",
        "quite",
        "just",
        "minutes",
        "miles",
        "hours",
        "days",
        "years",
        "doors",
        "houses",
        "blocks",
        "times",
        "streets",
        "roads",
        "way",
        "whole",
    ]
)
PO_BOX_RE = re.compile(
    r"\b(?i:p\.?\s?o\.?\s?box|post\s+office\s+box|apartado(?:\s+postal)?)\s{0,3}\d{1,7}\b"
    rf"{_ADDRESS_TAIL}"
)
POSTCODE_RE = re.compile(
    rf"\b(?:{_UK_POSTCODE}|{_CA_POSTCODE}|(?:{_STATE_ABBR}),?\s{{1,3}}\d{{5}}(?:-\d{{4}})?"
    rf"|(?:{_AU_STATE})\s{{1,3}}\d{{4}}|\d{{5}}-\d{{4}})\b"
)
EIRCODE_RE = re.compile(rf"\b{_EIRCODE}\b")
POSTCODE_CONTEXT_RE = re.compile(
    r"\b(?i:zip(?:\s*code)?|post\s*code|postal\s+code|c[oó]digo\s+postal|CP)\s{0,3}(?:(?i:is|was)\s{1,3}|[:#]\s{0,3})?"
    r"(\d{4,5}(?:-\d{4})?|[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2})\b"
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _iban_ok(raw: str) -> bool:
    s = raw.replace(" ", "")
    if not 15 <= len(s) <= 34:
        return False
    rearranged = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _numeric_date_ok(a: int, b: int) -> bool:
    # Day-first or month-first: either reading must be a real calendar position.
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def find_online(text: str) -> Iterator[Candidate]:
    for m in EMAIL_RE.finditer(text):
        yield Candidate(m.start(), m.end(), "EMAIL", P_EMAIL)
    for rx in (URL_RE, BARE_DOMAIN_PATH_RE):
        for m in rx.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)'\"":  # sentence punctuation
                end -= 1
            yield Candidate(m.start(), end, "URL", P_URL)
    for rx in (IPV4_RE, HANDLE_RE):
        for m in rx.finditer(text):
            yield Candidate(m.start(), m.end(), "URL", P_URL)


_DATE_LEAD_RE = re.compile(r"(?i:on|since|until|till|til|by|from|before|after|around|of)\s+$")
_BARE_MONTH_DAY_RE = re.compile(r"[a-z.]+\s+\d{1,2}")


def _lower_month_ok(text: str, m: re.Match[str]) -> bool:
    """Lower-case months are verbs too: "you may 2", "we march 4 miles", "you may first need"."""
    found = m.group(0)
    if found.casefold() == "fourth of july" and found != "fourth of july":
        return False  # the holiday, "the Fourth of July weekend"
    if not found[:1].islower() and not re.search(r"\s[a-z]", found):
        return True
    if _LOWER_MAY_RE.search(found) and not re.search(
        r"\d(?:st|nd|rd|th)|\bof\b|\bthe\b|\d{4}|'\d\d|thousand|nineteen", found
    ):
        return False
    if _BARE_MONTH_DAY_RE.fullmatch(found) and re.match(r"\s+[a-z]", text[m.end() :]):
        # "march 4 miles": a lower-case month and a bare number before a word need a lead-in.
        return bool(_DATE_LEAD_RE.search(text[max(0, m.start() - 12) : m.start()]))
    return True


def find_dates(text: str) -> Iterator[Candidate]:
    for i, rx in enumerate(DATE_RES):
        for m in rx.finditer(text):
            if i == 3 and not _numeric_date_ok(int(m.group(1)), int(m.group(3))):
                continue
            if i == 4 and not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
                continue
            if i in (0, 1, 6, 7) and not _lower_month_ok(text, m):
                continue
            yield Candidate(m.start(), m.end(), "DATE", P_DATE)
    for m in DOB_COMPACT_RE.finditer(text):
        yield Candidate(m.start(1), m.end(1), "DATE", P_DATE)


def find_ids(text: str) -> Iterator[Candidate]:
    for m in SSN_RE.finditer(text):
        yield Candidate(m.start(), m.end(), "ID", P_ID_FORMAT)
    for rx in (NINO_RE, MBI_RE, LETTER_DIGITS_RE, LOWER_ID_RE):
        for m in rx.finditer(text):
            yield Candidate(m.start(), m.end(), "ID", P_ID_FORMAT)
    for m in IBAN_RE.finditer(text):
        if _iban_ok(m.group(0)):
            yield Candidate(m.start(), m.end(), "ID", P_ID_FORMAT)
    for m in CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if _luhn_ok(digits):
            yield Candidate(m.start(), m.end(), "ID", P_ID_FORMAT)
    for m in ID_CONTEXT_RE.finditer(text):
        token, start = m.group(1).rstrip(".-/"), m.start(1)
        # "number 4471" came in as one token through the digit-group join: drop leading words.
        # (A short capital prefix like "CLM 5530 2219" stays.)
        while " " in token and not any(c.isdigit() for c in token.split(" ", 1)[0]):
            head, token = token.split(" ", 1)
            keep = head.isupper() or (head.islower() and head not in _JOIN_WORDS)
            if keep and 1 <= len(head) <= 5 and head == m.group(1)[: len(head)]:
                token = f"{head} {token}"
                break
            start += len(head) + 1
        if _YEAR_ONLY_RE.fullmatch(token):
            continue  # "my account was closed in 2019": a year, not an identifier
        if sum(c.isdigit() for c in token) >= 3 and len(token) >= 4:
            yield Candidate(start, start + len(token), "ID", P_ID_CONTEXT)
    # Any other run of six or more digits is far likelier an identifier than anything else in a
    # conversation; money ("$250,000", "1.5") and decimals are excluded by the look-arounds.
    for m in LOOSE_DIGITS_RE.finditer(text):
        if sum(c.isdigit() for c in m.group(0)) >= 6:
            yield Candidate(m.start(), m.end(), "ID", P_ID_LOOSE)


def find_addresses(text: str) -> Iterator[Candidate]:
    for rx in (
        STREET_RE,
        NAMED_STREET_RE,
        PREFIX_STREET_RE,
        UNIT_RE,
        PO_BOX_RE,
        POSTCODE_RE,
        EIRCODE_RE,
    ):
        for m in rx.finditer(text):
            yield Candidate(m.start(), m.end(), "ADDRESS", P_ADDRESS)
    for m in POSTCODE_CONTEXT_RE.finditer(text):
        yield Candidate(m.start(1), m.end(1), "ADDRESS", P_ADDRESS)
    for rx in (STREET_LOWER_RE, NAMED_STREET_LOWER_RE):
        for m in rx.finditer(text):
            if not any(w.casefold() in _NOT_STREET_WORDS for w in m.group(1).split()):
                start = m.start(1) if rx is NAMED_STREET_LOWER_RE else m.start()
                yield Candidate(start, m.end(), "ADDRESS", P_ADDRESS)
    for m in NUMBER_PREFIX_STREET_RE.finditer(text):
        yield Candidate(m.start(), m.end(), "ADDRESS", P_ADDRESS)
    for m in PO_BOX_LOWER_RE.finditer(text):
        yield Candidate(m.start(), m.end(), "ADDRESS", P_ADDRESS)
    for rx in (UNIT_LOWER_RE, POSTCODE_LOWER_RE):
        for m in rx.finditer(text):
            yield Candidate(m.start(), m.end(), "ADDRESS", P_ADDRESS)
