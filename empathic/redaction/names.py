"""Person names, offline: given names, honorifics, naming contexts and a first-name gazetteer.

Method, in order of the evidence it needs:

1. names the caller gives (participants, people the practitioner lists): the full name and each
   part of two or more letters, anywhere, in any case;
2. an honorific or title before a capitalised word ("Mr. Patel", "Dr Okafor", "Señora Ruiz");
3. a naming context before a capitalised word ("my son Tyler", "his name is Marcus", "called
   Aisha", "Hi Dana", a "Name:" speaker label), and the names listed after it ("Tyler and Mia");
4. a capitalised word found in the project's first-name gazetteer (data/first_names.txt), except
   names that are also everyday words (data/ambiguous_names.txt: Will, May, Grace, Bill...), which
   need rule 2 or 3 or a following surname;
5. two or three capitalised words in a row inside a sentence that are not common capitalised words
   (institutions, places, months, brands, nationalities): an unknown first name and surname;

after which a name found by rules 1-4 is extended over a following surname ("Tyler Brooks",
"María de la Cruz").

Gazetteer lookups fold accents and case ("José", "LUCÍA" match Jose, Lucia). Lower-case text (raw
speech-to-text) has no capitals to go by, so there a word is a name when it is a gazetteer name
that is not also an everyday word (data/common_words.txt, common_verbs.txt), or when a naming cue
vouches for it ("my son jake", "called tom", "mr smith", "this is tamsin from...", "paddy said")
and it is not an everyday word. Names that are words ("Will", "Grace") at the start of a sentence
need a cue after them too: "Grace said", "Will rang", not "Will you".
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .patterns import P_NAME, Candidate

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# The caller's names must win over a competing structured guess of the same extent.
P_GIVEN_NAME = 65

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
_POSSESSIVE = ("'s", "’s", "'S", "’S")


def _data_words(name: str) -> frozenset[str]:
    """The words of data/NAME as written there: one or more a line, '#' starts a comment."""
    text = resources.files("empathic.redaction").joinpath("data", name).read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


# Capitalised words that are not names: function words, months, days, holidays, family words used
# as address terms, institutions, places, brands, nationalities, faiths (data/stop_words.txt).
STOP_WORDS: frozenset[str] = _data_words("stop_words.txt")

_HONORIFICS = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Doctor|Nurse|Officer|Sgt|Sergeant|Detective|Det|Judge"
    r"|Father|Fr|Sister|Pastor|Rev|Reverend|Rabbi|Imam|Sheikh|Coach|Auntie|Aunty|Aunt|Uncle|Granny"
    r"|Grandma|Grandpa|Nana|Señor|Señora|Señorita|Senor|Senora|Sr|Sra|Srta|Doña|Madam|Mme|Mlle"
    r"|Herr|Frau|Sir|Dame|Councillor|Councilor|Senator|Mayor|Constable|PC|DC|DS|Ms\.|Mr\.|Mrs\."
)
_RELATIONS = (
    r"son|daughter|boy|girl|kid|child|baby|toddler|teenager|twin|brother|sister|sibling|mum|mom"
    r"|mother|dad|father|husband|wife|spouse|partner|boyfriend|girlfriend|fianc[ée]e?|ex"
    r"|ex-husband|ex-wife|ex-partner|ex-boyfriend|ex-girlfriend|friend|cousin|aunt|auntie|uncle"
    r"|niece|nephew|grandson|granddaughter|grandchild|grandma|grandmother|grandpa|grandfather|nan"
    r"|nana|gran|stepson|stepdaughter|stepdad|stepfather|stepmom|stepmum|stepmother|roommate"
    r"|flatmate|housemate|neighbou?r|landlord|landlady|boss|manager|supervisor|teacher|tutor"
    r"|therapist|counsell?or|caseworker|case\s+worker|keyworker|key-worker|case\s+manager|social\s+worker|key\s+worker"
    r"|support\s+worker|worker|doctor|gp|psychiatrist|psychologist|nurse|sponsor|probation\s+officer"
    r"|parole\s+officer|officer|lawyer|attorney|solicitor|advocate|carer|caregiver|pastor|priest"
    r"|imam|coworker|co-worker|colleague|mate|buddy|bestie|youngest|oldest|eldest|middle\s+one"
    r"|little\s+one|foster\s+(?:mum|mom|dad|parent|carer)|guardian|client|patient|peer|mentor"
    r"|abuser|dealer|sister-in-law|brother-in-law|mother-in-law|father-in-law|daughter-in-law"
    r"|son-in-law|baby\s+daddy|baby\s+mama|babysitter|nanny|kids|children|sons|daughters|boys"
    r"|girls|twins|grandkids|grandchildren|parents|siblings|brothers|sisters|friends|cousins"
)
_REL_ADJ = (
    r"(?:(?:little|older|younger|big|baby|eldest|oldest|youngest|late|ex|step|new|old|best|former"
    r"|current|other|two|three|twin|teenage|adult|biological|foster)[\s-]{1,2}){0,2}"
)
# A name follows these directly; a trigger that names anything ("called", "named") takes any
# capitalised word, ambiguous names included.
_CONTEXT_RE = re.compile(
    rf"(?:\b(?i:my|his|her|their|our|your|the|a|this|that)\s{{1,3}}{_REL_ADJ}(?i:{_RELATIONS}),?"
    r"|\b(?i:named|called|call(?:s|ed)?\s+(?:me|him|her|them|it|the\s+baby)|name\s+is|name's|names\s+are"
    r"|name\s+was|names\s+were|goes\s+by|go\s+by|known\s+as|nicknamed|aka|a\.k\.a\.|spell(?:ed|t)?"
    r"|hi|hello|hey|hiya|dear|thanks|thank\s+you|bye|goodbye|morning|evening|sorry|ask\s+for)"
    rf"|\b(?:{_HONORIFICS})\.?)\s{{1,3}}(?=[^\W\d_])"
)
# Possessive relations only: in lower case "the client portal" must not read as a name.
_LOWER_RELATION_RE = re.compile(
    rf"\b(?i:my|his|her|their|our|your)\s{{1,3}}{_REL_ADJ}(?i:{_RELATIONS}),?\s{{1,3}}(?=[^\W\d_])"
)
# Honorifics as speech-to-text writes them: "mr smith", "dr okafor", "señora ruiz".
_LOWER_HONORIFIC_RE = re.compile(
    r"\b(?:mr|mrs|ms|mx|dr|prof|doctor|officer|detective|sergeant|sgt|pastor|reverend|rev|rabbi"
    r"|imam|señor|señora|señorita|senor|senora|sra|srta|doña)\.?\s{1,3}(?=[^\W\d_])"
)
# Verbs addressed to a person: "ring Bridie", "text Dana"; ambiguous names ("call Will") excepted.
_ADDRESS_VERB_RE = re.compile(
    r"\b(?i:ring|call|text|phone|email|e-mail|message|tell|ask|contact|thank|visit|see)\s{1,3}"
    r"(?=[^\W\d_])"
)
_LOWER_VERBS = frozenset(["ring", "call", "text", "phone", "email", "e-mail", "message", "thank"])
# Weaker: these precede a name only when something after it confirms it ("Dana from", "Dana here").
_WEAK_CONTEXT_RE = re.compile(
    r"\b(?i:this\s+is|it's|it\s+is|i'm|i\s+am|me\s+and|with|and|to|told|asked|from|for|saw|see"
    r"|met|meet|by)\s{1,3}(?=[^\W\d_])"
)
_CONFIRM_AFTER_RE = re.compile(r"\s{1,3}(?i:from|here|speaking|calling|at\s+the|with\s+the)\b")
# After a word, a verb that people (not things) do: it vouches for "Grace said", "paddy rang".
_SPEECH = (
    r"said|says|told|tells|asked|asks|rang|rings|phoned|texted|messaged|emailed|shouted|yelled"
    r"|screamed|promised|threatened|wrote|replied|answered|admitted|explained|insisted"
)
_SPEECH_CUE_RE = re.compile(rf"\s{{1,3}}(?i:{_SPEECH})\b")
_AMBIGUOUS_CUE_RE = re.compile(
    rf"\s{{1,3}}(?i:{_SPEECH}|came\s+(?:round|over|home|back|in)|went\s+(?:home|back|out))\b"
)
# A name spoken to at the start of a sentence: "Aleksander, thank you for...".
_VOCATIVE_AFTER_RE = re.compile(
    r",\s{1,3}(?i:you|you're|you've|thank|thanks|i|i'm|i've|can|could|would|will|what|how|tell"
    r"|do|did|are|have|is|it's|we|let's|please)\b"
)
_PRONOUNS = frozenset(["i", "you", "we", "they", "he", "she", "it"])
# Wider, for words that are not everyday words: "Tamsin Achterberg from the council rang".
_NAME_CUE_RE = re.compile(
    rf"\s{{1,3}}(?i:{_SPEECH}|from|here|speaking|calling|called\s+(?:me|us|him|her|them)"
    r"|came\s+(?:round|over|home|back|in)|went\s+(?:home|back|out)|wants|wanted|thinks|knows"
    r"|lives|moved|left|hit|hits|punched|keeps|kept|doesn't|didn't|won't|can't|isn't|wasn't"
    r"|has\s+been|had\s+been|(?:is|was)\s+(?:my|her|his|our|their))\b"
)
_REL_CONTEXT_RE = re.compile(r"(?i:my|his|her|their|our|your|the|a|this|that)\s")
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "his",
        "her",
        "their",
        "our",
        "your",
        "this",
        "that",
        "these",
        "those",
        "no",
        "some",
        "any",
        "every",
        "each",
        "of",
    ]
)
_LABEL_RE = re.compile(
    r"(?m)^[ \t]*([A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[ \t][A-ZÀ-ÖØ-Þ][^\W\d_]+){0,2})[ \t]*:"
)
_LIST_JOIN_RE = re.compile(r"\s{0,2}(?:,\s{0,2}(?:and\s{1,3}|&\s{1,3})?|\s(?:and|&|or)\s{1,3})")
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "da",
        "das",
        "dos",
        "di",
        "du",
        "le",
        "la",
        "bin",
        "binti",
        "ibn",
        "al",
        "el",
        "ben",
        "abu",
        "ap",
        "mac",
        "ó",
        "ní",
        "y",
    ]
)
_SUFFIXES = frozenset(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"])
_ROLE_WORDS = frozenset(
    [
        "speaker",
        "client",
        "practitioner",
        "counsellor",
        "counselor",
        "worker",
        "therapist",
        "caller",
        "volunteer",
        "agent",
        "interviewer",
        "interviewee",
        "participant",
        "user",
        "staff",
        "supervisor",
        "trainee",
        "advisor",
        "adviser",
        "operator",
        "helper",
        "responder",
        "listener",
        "coach",
        "patient",
        "customer",
        "unknown",
        "system",
        "bot",
        "assistant",
    ]
)


# Letters NFKD does not decompose into a base letter and a mark.
_FOLD_EXTRA = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"}
)


def fold(word: str) -> str:
    """Casefolded, accents removed: "José" and "JOSE" are both "jose", "Łukasz" is "lukasz"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD_EXTRA)


def _read_words(name: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _data_words(name))


@cache
def gazetteers() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, ambiguous first names), folded; ambiguous ones are not in the first."""
    ambiguous = _read_words("ambiguous_names.txt")
    return _read_words("first_names.txt") - ambiguous, ambiguous


def _inflections(verb: str) -> Iterator[str]:
    yield verb
    yield from (verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing")
    if verb.endswith("e"):
        yield verb[:-1] + "ing"
    if verb.endswith("y"):
        yield from (verb[:-1] + "ies", verb[:-1] + "ied")
    if len(verb) > 2 and verb[-1] not in "aeiouwy" and verb[-2] in "aeiou":
        yield from (verb + verb[-1] + "ed", verb + verb[-1] + "ing")  # "hit" -> "hitting"


@cache
def verb_forms() -> frozenset[str]:
    """Common verbs and their -s, -ed, -ing forms, folded."""
    return frozenset(f for verb in _read_words("common_verbs.txt") for f in _inflections(verb))


@cache
def common_words() -> frozenset[str]:
    """Everyday words (folded) that are never taken as a name in lower case without a cue."""
    return _read_words("common_words.txt") | {fold(w) for w in STOP_WORDS} | verb_forms()


def _base(word: str) -> str:
    return word[:-2] if word.endswith(_POSSESSIVE) else word


def _is_lower(word: str) -> bool:
    return any(c.isalpha() for c in word) and not any(c.isupper() for c in word)


_STOP_FOLDED = frozenset(fold(w) for w in STOP_WORDS)
_CONTRACTION_RE = re.compile(r"['’](?:ve|d|ll|s|re|m|t)$")

# Endings of everyday words, not of names: only for words no gazetteer knows.
_WORD_ENDINGS = (
    "ing",
    "ed",
    "ly",
    "ous",
    "ful",
    "less",
    "ness",
    "ment",
    "tion",
    "sion",
    "ive",
    "able",
    "ible",
    "ise",
    "ize",
    "est",
)


def _lower_name_ok(word: str, *, surname: bool = False) -> bool:
    """Whether a lower-case word after a naming cue can be a name (``surname``: after an
    honorific or a first name, where "jones" and "baker" are expected)."""
    base = _base(word)
    if not _is_lower(base) or _CONTRACTION_RE.search(base):
        return False  # "you've", "she'd": a contraction, not "o'brien"
    key = fold(base)
    if len(key) < 2 or key in _STOP_FOLDED or key in verb_forms():
        return False  # "the doctor said": "Said" is a name, "said" after a cue is not
    first, ambiguous = gazetteers()
    if key in first or key in ambiguous or any(p in first for p in key.split("-") if len(p) > 2):
        return True  # the cue vouches for "her grandmother dolores", "my friend mark"
    if key in common_words() or len(key) < 3 or key.endswith(_WORD_ENDINGS):
        return False
    # "my son lives", "my son goes": a verb; names like "elias", "chris", "marcus" stay.
    return surname or not (key.endswith("s") and not key.endswith(("us", "is", "as", "os")))


def _unknown_word_ok(key: str) -> bool:
    """A capitalised word no list knows: a name unless it looks like an everyday word."""
    if key in common_words() or len(key) < 3 or key.endswith(_WORD_ENDINGS):
        return False
    return not (key.endswith("s") and not key.endswith(("us", "is", "as", "os")))


def _is_capitalised(word: str) -> bool:
    # "Tyler", "O'Brien", "McDonald", "DeShawn"; not "NHS" or "I".
    return len(word) >= 2 and word[0].isupper() and any(c.islower() for c in word)


def _looks_like_name(word: str) -> bool:
    base = _base(word)
    return _is_capitalised(base) and base.casefold() not in STOP_WORDS


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in '.!?:;"“”([\n\r-–—…'


def given_name_parts(names: Iterable[str]) -> list[str]:
    """Every full name and each part of two or more letters, longest first, de-duplicated."""
    parts: dict[str, None] = {}
    for raw in names:
        full = " ".join(raw.split())
        if not full:
            continue
        parts[full.casefold()] = None
        for word in _WORD_RE.findall(full):
            letters = sum(c.isalpha() for c in word)
            if letters >= 2 and word.casefold().rstrip(".") not in {"mr", "mrs", "ms", "dr", "mx"}:
                parts[word.casefold()] = None
                for piece in word.split("-"):  # "Mary-Jane" also as "Mary" and "Jane"
                    if sum(c.isalpha() for c in piece) >= 2:
                        parts[piece.casefold()] = None
    return sorted(parts, key=len, reverse=True)


@cache
def _given_names_re(parts: tuple[str, ...]) -> re.Pattern[str] | None:
    if not parts:
        return None
    alts = []
    for part in parts:
        pattern = re.escape(part).replace(r"\ ", r"\s+")
        alts.append(pattern.replace("'", "['’]").replace("’", "['’]"))
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)", re.IGNORECASE)


class _Words:
    """The text's words with positions, for looking left and right of a match."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = list(_WORD_RE.finditer(text))
        self.index_at = {m.start(): i for i, m in enumerate(self.matches)}

    def gap(self, i: int) -> str:
        """The characters between word i and word i + 1."""
        return self.text[self.matches[i].end() : self.matches[i + 1].start()]

    def extend_surname(self, i: int) -> int:
        """Index of the last word of the name starting at word i (surnames, particles, Jr).

        A lower-case name ("maria lopez") extends over lower-case words that are not everyday
        words; a capitalised one over capitalised words.
        """
        lower = _is_lower(self.matches[i].group(0))
        last, j, taken = i, i + 1, 0
        while j < len(self.matches) and taken < (2 if lower else 3):
            if self.matches[j - 1].group(0).endswith(_POSSESSIVE) or self.gap(j - 1) != " ":
                break
            word = self.matches[j].group(0)
            if word.casefold() in _PARTICLES and j + 1 < len(self.matches):
                # "María de la Cruz": particles only count when a surname follows them.
                k = j
                while k < len(self.matches) and self.matches[k].group(0).casefold() in _PARTICLES:
                    k += 1
                if k < len(self.matches) and self._surname_ok(self.matches[k].group(0), lower):
                    last, j, taken = k, k + 1, taken + 1
                    continue
                break
            if self._surname_ok(word, lower) or (not lower and word in _SUFFIXES):
                last, j, taken = j, j + 1, taken + 1
                continue
            break
        return last

    @staticmethod
    def _surname_ok(word: str, lower: bool) -> bool:
        if lower:
            return _lower_name_ok(word, surname=True)
        return _looks_like_name(word) and not _is_month_or_day(word)

    def span(self, i: int, last: int) -> tuple[int, int]:
        start = self.matches[i].start()
        end_word = self.matches[last]
        end = end_word.end() - (2 if end_word.group(0).endswith(_POSSESSIVE) else 0)
        return start, end


def _is_month_or_day(word: str) -> bool:
    return _base(word).casefold() in STOP_WORDS


def find_names(text: str, names: Iterable[str] = ()) -> Iterator[Candidate]:
    first, ambiguous = gazetteers()
    common = common_words()
    words = _Words(text)
    parts = tuple(given_name_parts(names))
    given_re = _given_names_re(parts)
    if given_re is not None:
        for m in given_re.finditer(text):
            end = m.end()
            i = words.index_at.get(m.start())
            if i is not None and words.matches[i].end() == m.end():
                end = words.span(i, words.extend_surname(i))[1]
            yield Candidate(m.start(), end, "NAME", P_GIVEN_NAME)

    found: set[int] = set()  # word indices that start a name

    def list_item_ok(word: str, lower: bool) -> bool:
        if not lower:
            return _looks_like_name(word)
        # Lower case: only known names continue a list ("jake, mia and tom", not "jake, born").
        key = fold(_base(word))
        return _lower_name_ok(word) and (key in first or key in ambiguous)

    def accept(i: int) -> Iterator[Candidate]:
        if i in found:
            return
        found.add(i)
        lower = _is_lower(words.matches[i].group(0))
        last = words.extend_surname(i)
        start, end = words.span(i, last)
        yield Candidate(start, end, "NAME", P_NAME)
        # A list after a name: "Tyler, Mia and Jordan", "jake, mia and tom".
        j = last + 1
        while j < len(words.matches):
            if words.matches[j - 1].group(0).endswith("."):
                break
            if (
                words.matches[j].group(0).casefold() in ("and", "or")
                and words.gap(j - 1).strip() in ("", ",")
                and j + 1 < len(words.matches)
                and words.gap(j) == " "
            ):
                j += 1  # the conjunction is a word of its own: "Mia and Jordan"
            elif not _LIST_JOIN_RE.fullmatch(words.gap(j - 1)):
                break
            word = words.matches[j].group(0)
            if not list_item_ok(word, lower):
                break
            if j in found:
                break
            found.add(j)
            last = words.extend_surname(j)
            s, e = words.span(j, last)
            yield Candidate(s, e, "NAME", P_NAME)
            j = last + 1

    def word_after(m: re.Match[str]) -> tuple[int, str] | None:
        i = words.index_at.get(m.end())
        return None if i is None else (i, words.matches[i].group(0))

    def previous_is_determiner(i: int) -> bool:
        return i > 0 and words.matches[i - 1].group(0).casefold() in _DETERMINERS

    for m in _CONTEXT_RE.finditer(text):
        hit = word_after(m)
        if hit is None:
            continue
        i, word = hit
        # A naming context vouches for names that are also words: "my friend Will".
        if _looks_like_name(word) or (_is_capitalised(word) and fold(_base(word)) in ambiguous):
            yield from accept(i)
    for rx in (_LOWER_RELATION_RE, _LOWER_HONORIFIC_RE, _CONTEXT_RE):
        # Lower case: "my son jake", "mr smith", "called tom", "hi dana".
        for m in rx.finditer(text):
            hit = word_after(m)
            if hit is not None and _lower_name_ok(hit[1], surname=rx is _LOWER_HONORIFIC_RE):
                if rx is _CONTEXT_RE and _REL_CONTEXT_RE.match(m.group(0)):
                    continue  # "the client portal": relations count only after my/his/her...
                yield from accept(hit[0])
    for m in _ADDRESS_VERB_RE.finditer(text):
        hit = word_after(m)
        if hit is None:
            continue
        i, word = hit
        if _looks_like_name(word) and fold(_base(word)) not in ambiguous:
            yield from accept(i)
        elif m.group(0).split()[0].casefold() in _LOWER_VERBS and _lower_name_ok(word):
            if fold(_base(word)) not in ambiguous:  # "call will" is not a name
                yield from accept(i)
    for m in _LABEL_RE.finditer(text):
        label = m.group(1)
        tokens = label.split()
        if all(_looks_like_name(t) for t in tokens) and not any(
            t.casefold() in _ROLE_WORDS for t in tokens
        ):
            i = words.index_at.get(m.start(1))
            if i is not None:
                yield from accept(i)
    for m in _WEAK_CONTEXT_RE.finditer(text):
        hit = word_after(m)
        if hit is None:
            continue
        i, word = hit
        if (_looks_like_name(word) or _lower_name_ok(word)) and _CONFIRM_AFTER_RE.match(
            text, words.matches[i].end()
        ):
            yield from accept(i)

    # Speech-to-text output: no capitalised word but the pronoun "I".
    all_lower = not any(_is_capitalised(w.group(0)) for w in words.matches)

    def previous_is_pronoun(i: int) -> bool:
        return i > 0 and words.matches[i - 1].group(0).casefold() in _PRONOUNS

    def before_listed_name(i: int) -> bool:
        # "Zoë and Chloé share a room": a name that is a word, listed with a known name.
        j = i + 2
        return (
            j < len(words.matches)
            and words.matches[i + 1].group(0).casefold() in ("and", "or")
            and _is_capitalised(words.matches[j].group(0))
            and fold(_base(words.matches[j].group(0))) in first
        )

    def after_saint(i: int) -> bool:
        return i > 0 and words.matches[i - 1].group(0).casefold() in ("st", "saint")

    def lower_case_word(i: int, word: str, key: str) -> Iterator[Candidate]:
        # Speech-to-text: a gazetteer name that is no everyday word; in all-lower-case text also
        # a word before a verb only people do ("paddy rang", "will said"), taking a first name
        # before it ("brendan keogh said"), and a name spoken to ("aleksander, thank you").
        known = key in first or any(p in first for p in key.split("-") if len(p) > 2)
        if known and key not in common and len(key) >= 3 and not after_saint(i):
            yield from accept(i)
            return
        if not all_lower or word.endswith(_POSSESSIVE) or previous_is_determiner(i):
            return
        if key in ambiguous and not previous_is_pronoun(i):
            if _AMBIGUOUS_CUE_RE.match(text, m_end(i)):
                yield from accept(i)
            return
        if _sentence_start(text, words.matches[i].start()) and _VOCATIVE_AFTER_RE.match(
            text, m_end(i)
        ):
            if _lower_name_ok(word):
                yield from accept(i)
            return
        if not _NAME_CUE_RE.match(text, m_end(i)) or not _lower_name_ok(word):
            return
        j = i - 1
        if (
            j >= 0
            and j not in found
            and words.gap(j) == " "
            and _lower_name_ok(words.matches[j].group(0))
            and not previous_is_determiner(j)
        ):
            yield from accept(j)  # extends over word i as its surname
        if i not in found and not any(i <= k for k in found if k == i - 1):
            yield from accept(i)

    def m_end(i: int) -> int:
        return words.matches[i].end()

    for i, m in enumerate(words.matches):
        if i in found:
            continue
        word = m.group(0)
        key = fold(_base(word))
        if _is_lower(word):
            yield from lower_case_word(i, word, key)
            continue
        if not _is_capitalised(word):
            continue
        if key in ambiguous and not previous_is_determiner(i) and not previous_is_pronoun(i):
            # "Will rang", "May said", "Bill came round": a name that is a word, before a verb
            # only a person does ("Will you", "May I" stay).
            if not word.endswith(_POSSESSIVE) and (
                _AMBIGUOUS_CUE_RE.match(text, m.end()) or before_listed_name(i)
            ):
                yield from accept(i)
                continue
        if _base(word).casefold() in STOP_WORDS or after_saint(i):
            continue  # "St Mary's" is a church or a hospital
        if (
            _sentence_start(text, m.start())
            and _VOCATIVE_AFTER_RE.match(text, m.end())
            and _unknown_word_ok(key)
        ):
            yield from accept(i)
            continue
        nxt_is_surname = (
            i + 1 < len(words.matches)
            and words.gap(i) == " "
            and not word.endswith(_POSSESSIVE)
            and _looks_like_name(words.matches[i + 1].group(0))
        )
        at_start = _sentence_start(text, m.start())
        cue = not word.endswith(_POSSESSIVE) and not previous_is_determiner(i)
        if (
            key in first
            or any(p in first for p in key.split("-") if len(p) > 2)  # "Kerry-Ann"
            or (key in ambiguous and nxt_is_surname)
            # "Grace said", "Will rang": a name that is a word needs a speech verb after it.
            or (key in ambiguous and cue and _SPEECH_CUE_RE.match(text, m.end()))
            or (
                nxt_is_surname
                and key not in ambiguous
                and not _proper_noun_phrase(words, i)
                and (
                    not at_start
                    # At a sentence start, two unknown capitalised words need a cue after them.
                    or (key not in common and _NAME_CUE_RE.match(text, words.matches[i + 1].end()))
                )
            )
            # "Paddy rang": an unknown capitalised word that is no everyday word, before a cue.
            or (
                cue
                and key not in common
                and key not in ambiguous
                and not (key.endswith("s") and not key.endswith(("us", "is", "as", "os")))
                and _NAME_CUE_RE.match(text, m.end())
            )
        ):
            yield from accept(i)


def _proper_noun_phrase(words: _Words, i: int) -> bool:
    # "Golden Gate Bridge", "Citizens Advice Bureau": a run that ends on an institution or place
    # word is not a person, and neither is one of more than three capitalised words (a title).
    j = i
    while (
        j - i < 4  # bounded: a long run of capitalised words must not make this quadratic
        and j + 1 < len(words.matches)
        and words.gap(j) == " "
        and _is_capitalised(words.matches[j + 1].group(0))
    ):
        j += 1
        if words.matches[j].group(0).casefold() in STOP_WORDS:
            return True
    return j - i + 1 > 3
