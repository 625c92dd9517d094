"""Rewrites that fix the turn: one natural reply, not a stock phrase glued to the original.

How a rewrite is put together (each step answers a way the old library went wrong):

* **The harmful sentence goes.** Sentences that carry a concern are dropped (builder
  ``without_concerns``); the rest of the practitioner's words stay, in order.
* **Only what the moment calls for** (``called_for``): warmth (ER) only after the client has
  voiced something painful — never before the client has spoken, never after relief or thanks;
  a reflection (IP) only when the client said something to reflect; an open question (EX) only
  when the reply has none left.
* **The client's words only where they parse.** A reflection restates the client's own clause
  ("It sounds like they lost your paperwork, ...") only when that clause starts with a subject
  the practitioner can say back (you, they, he, ...); otherwise it uses the client's feeling word,
  or no reflection at all. Nothing is ever filled with a guess.
* **Answer, don't deflect.** No question is added when the client asked one, said no, or is
  relieved; after words of risk to life no template rewrite is offered at all (responding to
  them is a safety skill, and the feedback says so).
* Order: reflection, warmth, the practitioner's kept words, then the question, so the client is
  left with something to answer.

The builder re-scores every candidate with the same rules as a real turn and keeps it only when
it has no concern and raises the mechanism it adds.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from empathic.analysis.feedback.language import client_feeling, normalise, shift_pronouns
from empathic.analysis.feedback.phrasings import FEAR_FEELINGS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from empathic.analysis.results import ClientSignals

_RELIEF_WORDS = re.compile(
    r"\b(thank(s| you)|that helps|that('s| is) (a )?(relief|good|great|helpful)|"
    r"i feel (better|relieved|good|alive)|relieved|glad|happy|proud|excited|good news)\b",
    re.IGNORECASE,
)
_DECLINE_WORDS = re.compile(
    r"\b(no\b[.!,]|i don'?t want (to|that|any)|(don'?t|do not) (really )?want to talk|"
    r"not interested|i won'?t|leave it|i'?d rather not|no thanks|i don'?t need (a|any|your|the)\b|"
    r"i'?ll be (fine|alright|okay|ok)\b|not having it|don'?t care)",
    re.IGNORECASE,
)
RISK_WORDS = re.compile(
    r"\b(kill (myself|me)|suicid\w*|end (it|my life|things)|better off without me|"
    r"(wouldn'?t|won'?t|not) wake up|don'?t want to (be here|live|wake up)|hurt(ing)? myself|"
    r"no (point|reason) (in )?(living|going on)|self[- ]harm\w*|overdose|"
    r"wish (i|i'd) (wasn'?t|weren'?t|was not) (here|around|born)|wish i'?d never been born|"
    r"(want|wanna|wish i could|just want) to be with (him|her|them|my (dad|mum|mom|nan|gran|"
    r"brother|sister|son|daughter|husband|wife|partner|baby)) (again|now)?|join (him|her) |"
    # passive ideation and method, as people say it: "easier if I wasn't here", "not turning
    # the wheel", "step in front of a train"
    r"(easier|better) if i (wasn'?t|weren'?t|was not) (here|around)|"
    r"(just )?not (turning|turn) the wheel|"
    r"(step|walk|jump) in front of (a|the) (train|bus|car|lorry)|"
    r"don'?t want to be (alive|around)( any ?more)?|no point (in )?(me )?being here|"
    r"can'?t (go on|do this) any ?more|"
    r"(she'?d|he'?d|they'?d|everyone'?d|everybody'?d|(she|he|they|everyone|everybody) would)"
    r" be better off (with just|without) (me|him|her|them)\b)",
    re.IGNORECASE,
)
"""Words of risk to life. Responding to them is a safety skill (ask directly, stay, plan), not
something a phrasing library should rewrite: such a turn gets its feedback, never a template."""
DANGER_WORDS = re.compile(
    r"\b((he|she|they|my (partner|husband|wife|boyfriend|girlfriend|ex|dad|mum|stepdad))"
    r"( \w+)? (hit|hits|hitting|punch\w*|push\w*|shov\w*|kick\w*|slap\w*|chok\w*|strangl\w*|"
    r"beat\w*|threaten\w*|grab\w*|touch\w*)|(hit|hits|punched|pushed|shoved|kicked|slapped|"
    r"grabbed|hurt|hurts|hurting) (me|her|him|them|the (kids|children|baby|little one))|"
    r"(scared|frightened|terrified|afraid) (of (him|her)|to go home|he'?ll|she'?ll)|"
    r"(he|she)'?(ll| will| would|'d) kill|bruis\w*|(not|isn'?t|aren'?t) safe (at home|there)|"
    r"(leave|left) (a )?mark|(laid|lay|lays|put) a (finger|hand) on|"
    r"(walked|went|ran|bumped) into (a|the) (door|wall|cupboard))",
    re.IGNORECASE,
)
"""Words of harm from someone else (or its usual cover story: "walked into a door"), to the
client or to a child or adult in their care: a safeguarding moment. As with risk to life, the
feedback names the safety skill (ask about it, don't minimise, follow the safeguarding
procedure) and no template is offered."""
PAIN_WORDS = re.compile(
    r"\b(can't|cannot|couldn't|haven't|not (great|good|okay|ok)|lost|losing|failed|afraid|"
    r"nobody|no one|never|alone|hard|struggl\w*|evict\w*|hurt\w*|cry\w*|scared|worse|"
    r"sick|died|dead|broke|owe|debt|kicked out|fired|shout\w*|listening)\b",
    re.IGNORECASE,
)
SUBSTANTIAL_WORDS = 6
"""A client turn of at least this many words says something a reflection could take up."""


ANGER_CUES = re.compile(
    r"(!|\byou lot\b|\byou people\b|\byou keep\b|\byou never\b|\bkidding\b|\bjoke\b|"
    r"\b(keeps|keep) (telling|asking|sending|losing)\b|"
    r"\bridiculous\b|\bnot having it\b|\bnot doing that\b|\bagain\b|\btwice\b|"
    r"\bthree times\b|\bnobody (ever )?(listens|calls|tells)\b|\bwhatever\b|\bdon'?t care\b|"
    r"\bsick of\b|\bhad enough\b|\bfed up\b|\bangry\b|\bfurious\b|\blivid\b|\bunbelievable\b)",
    re.IGNORECASE,
)
"""A client turned against the practitioner or the service: "You keep losing it", "Whatever"."""
_GRIEF_WORDS = re.compile(
    r"\b(died|passed( away)?|funeral|death|bereave\w*|lost (him|her|my (mum|dad|mother|father|"
    r"son|daughter|wife|husband|partner|baby|brother|sister|nan|gran))|miscarr\w*)\b",
    re.IGNORECASE,
)
_SHAME_WORDS = re.compile(
    r"\b(stupid|idiot|ashamed|embarrass\w*|my (own )?fault|useless|pathetic|failure|"
    r"hate myself|can'?t do anything right|no good (to anyone|at anything)|waste of space|"
    r"angry (with|at) (is )?(me|myself)|blame myself|should have (seen|known|stopped)|"
    r"i let it go)\b",
    re.IGNORECASE,
)
_PATRONISED = re.compile(
    r"\b(i'?m|i am) not (stupid|an idiot|a child|a kid|thick|deaf|daft|simple)\b", re.IGNORECASE
)
""""I'm not stupid" is anger at being talked down to, not shame: it gets validation, and an
"I'm glad you told me" would miss it."""


TREATED = {
    "disbelieved": re.compile(
        r"\b(you|they|she|he|everyone|everybody)( all)? (think|thinks|reckon|reckons) (i'?m|i am)"
        r" (lying|making (it|this|things|that) up|a liar)\b|\b(nobody|no one|no-one)( ever)?"
        r" believes? (me|a word)\b|\b(you|they) don'?t believe (me|a word)\b|\bcall(ing|ed)? me"
        r" a liar\b|\bi'?m not (lying|making (it|this) up)\b|\bso i'?m (lying|making (it|this)"
        r" up)\b|\b(someone|somebody|anyone|one person) (to )?believes? me\b",
        re.IGNORECASE,
    ),
    "patronised": re.compile(
        r"\b(i'?m|i am) not (stupid|an idiot|a child|a kid|thick|daft|simple)\b|\bi know what"
        r" (the guidelines|the rules|it) says?\b|\b(talk|talks|talking|speak|speaking) to me like"
        r" (a|i'?m a|i am a) (child|kid|idiot)\b|\btreat(s|ing|ed)? me like (a|an) (child|kid"
        r"|idiot)\b|\bi don'?t need a lecture\b",
        re.IGNORECASE,
    ),
    "labelled": re.compile(
        r"\b(say|says|said|call|calls|called|label|labels|labelled|put me down as) (that )?"
        r"(i am|i'?m|me) (difficult|aggressive|a criminal|a troublemaker|a problem|an addict"
        r"|a junkie|non-?compliant|mad|crazy|a bad (mum|mother|dad|father|parent))\b"
        r"|\bwritten (me )?off\b|\b(i'?ll|i will|i'?m going to) end up like (my|his|her)\b"
        r"|\bi say one thing and\b|\bjust a (number|case number|file)\b"
        r"|\btreat(s|ing|ed)? me like (a|an) (criminal|junkie|addict|number)\b",
        re.IGNORECASE,
    ),
}
"""How the client says they are being treated: disbelieved, talked down to, labelled. This is
what matters most to them in the turn (more than the facts around it), and what a reflection of
meaning takes up first: "You're telling the truth, and it feels like nobody believes you"."""

TREATED_REFLECTIONS = {
    "disbelieved": (
        "You're telling the truth, and it feels like nobody believes you.",
        "It sounds like not being believed is the hardest part of all this.",
    ),
    "patronised": (
        "You know all this already, and being talked down to is the last thing you need.",
        "You already know this, and you don't need a lecture from me.",
    ),
    "labelled": (
        "It's like you say one thing and a label gets stuck on you.",
        "It feels like you've been written off before anyone has really listened.",
    ),
}
"""Reflections of what being treated that way means, one set per kind. Each carries its own
warmth, so a rewrite adds no stock sympathy line after it."""


_NON_COMMITTAL = re.compile(
    r"^(?:(?:yeah|yes|yep|no|nah|nope|dunno|i don'?t know|don'?t know|s'?pose|i suppose|suppose"
    r"|mm+|hmm+|m-hm|fine|whatever|ok|okay|maybe|sure|right|nothing|not really|i guess|guess so"
    r"|if you say so|same as ever|same old)[\s.,!?…-]*)+$",
    re.IGNORECASE,
)
"""A client turn of nothing but "Yeah. No.", "Dunno. S'pose.", "Mm.": the client has pulled back,
and that is what there is to reflect."""


def treated(text: str) -> str | None:
    """Which way the client says they are being treated (a `TREATED` key), if any."""
    return next((kind for kind, pattern in TREATED.items() if pattern.search(text)), None)


def self_critical(text: str) -> bool:
    """The client calls themselves stupid, a failure...; "I'm not stupid" does not count."""
    return bool(_SHAME_WORDS.search(_PATRONISED.sub("", text)))


@dataclass(frozen=True)
class Moment:
    """What the client just brought, read once per turn."""

    spoke: bool  # the client said something before this turn
    pain: bool  # something painful was voiced
    relief: bool  # relief or thanks, and no pain
    feeling: str | None  # the client's feeling word, or the detected negative emotion in words
    clause: str | None  # the client's own clause, said back ("they lost your paperwork")
    fear: bool  # the feeling is a worry: reflect "worried that", not a fact
    substantial: bool = False  # enough said to reflect (a rewrite may still find no clause)
    asked: bool = False  # the client asked the practitioner something: answer it, don't deflect
    declined: bool = False  # the client said no or does not want to talk: no pushing
    risk: bool = False  # words of self-harm or not wanting to live: no template rewrites
    angry: bool = False  # turned against the practitioner or the service
    grief: bool = False  # a death or a loss: condolence is what fits
    shame: bool = False  # calls themselves stupid, a failure: no "I'm sorry", no agreeing
    danger: bool = False  # harm from someone else to the client or a dependant: safeguarding
    addressed: bool = False  # the clause is the client's complaint about the practitioner
    treated: str | None = None  # disbelieved, patronised or labelled (TREATED), if said
    withdrawn: bool = False  # nothing but "Yeah. No.", "Dunno.": the client has pulled back


def read_moment(client_text: str, client: ClientSignals | None) -> Moment:
    """What the client brought. Feelings come from the client's own words only: the emotion
    head misreads speech ("happy crying" as sadness), and a wrong feeling said back is worse
    than none. Detected hostility still counts as pain."""
    text = client_text.strip()
    if not text:
        return Moment(False, False, False, None, None, False)
    feeling = client_feeling(text)
    hostile = client is not None and client.hostility_score >= 0.5
    relief = bool(_RELIEF_WORDS.search(text))
    how_treated = treated(text)
    patronised = bool(_PATRONISED.search(text))
    angry = (
        hostile or patronised or how_treated is not None
        or (bool(ANGER_CUES.search(text)) and not relief)
    )  # fmt: skip
    pain = bool(feeling or angry or (PAIN_WORDS.search(text) and not relief))
    clause, addressed = said_back(text)
    return Moment(
        spoke=True,
        pain=pain,
        relief=relief and not feeling,
        feeling=feeling,
        clause=clause,
        fear=feeling in FEAR_FEELINGS,
        substantial=len(text.split()) >= SUBSTANTIAL_WORDS,
        asked="?" in text,
        declined=bool(_DECLINE_WORDS.search(text)),
        risk=bool(RISK_WORDS.search(text)),
        angry=angry,
        grief=bool(_GRIEF_WORDS.search(text)),
        shame=self_critical(text),
        danger=bool(DANGER_WORDS.search(text)),
        addressed=addressed,
        treated=how_treated,
        withdrawn=bool(_NON_COMMITTAL.match(text)),
    )


_CLAUSE_BREAK = re.compile(
    r"\s*(?:[,;:]|\s[-\u2013\u2014]+\s|\b(?:but|because|cause|cos|so|though|although|while|"
    r"until|unless|when|and then|and(?= (?:i|i'm|i've|we|we're|they|he|she|my|nobody)\b))\b)\s*",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"[^.!?\n]+[.!?\n]*")
_OPENERS = frozenset(
    {"yeah", "yes", "no", "well", "so", "and", "but", "look", "honestly", "just", "like", "um",
     "uh", "er", "erm", "mm", "okay", "ok", "right", "i", "mean", "now", "then", "still", "also",
     "anyway", "basically", "actually", "that"}
)  # fmt: skip
"""Fillers a spoken clause opens with; "I" only as part of "I mean" (see _strip_openers)."""
_SUBJECT_WORDS = frozenset(
    {"i", "i'm", "i've", "i'll", "i'd", "im", "my", "we", "we're", "we've", "they", "they're",
     "they've", "he", "he's", "she", "she's", "nobody", "no", "everyone", "everybody", "nothing",
     "everything", "people", "part", "they'll", "he'll", "she'll", "we'll"}
)  # fmt: skip
"""The client's "you" is the practitioner: "you keep losing it" said back would be "I keep..."."""
_DANGLING = frozenset(
    {"can", "could", "will", "would", "should", "is", "are", "was", "were",
     "have", "has", "had", "to", "the", "a", "an", "my", "your", "of", "and", "or", "if", "it's",
     "that", "with", "for", "just", "be", "been", "am", "not", "i", "you", "me", "then", "though",
     "anyway", "like", "eh", "right", "innit", "yeah"}
)  # fmt: skip
"""A clause ending on one of these stops before its point ("I don't know if I can")."""
_TAIL_FILLERS = frozenset({"though", "then", "anyway", "like", "really", "now", "either"})
_MIN_CLAUSE_WORDS, _MAX_CLAUSE_WORDS = 4, 14
_COLLECTIVE_YOU = re.compile(r"\byou (lot|people|guys|lads|lot's)\b|\byour lot\b", re.I)
_VALUE_WORDS = re.compile(
    r"\b(wants?|wanted|needs?|needed|wish(es|ed)?|hope[sd]?|trying|matters?|care about)\b", re.I
)
"""What the client wants or values: MI reflects these first (change talk lives there)."""
_LOADED = re.compile(
    r"\b(don'?t|doesn'?t|can'?t|couldn'?t|won'?t|never|stopped|no longer|any ?more|nobody"
    r"|no one|not)\b",
    re.IGNORECASE,
)
"""What the client can't, won't or no longer does ("I stopped opening the letters", "they don't
see a person"): said back, a simple reflection of it names what is hard without a feeling word,
where a plain fact ("I've got the email") said back is parroting."""
_PART_OF_ME = re.compile(r"^part of me\b", re.IGNORECASE)
_REPORTED_FRAGMENT = re.compile(
    r"\b(said|says)\s+[\"“']?(?!that\b|he\b|she\b|they\b|i\b|i'?m\b|you\b|it\b|it'?s\b"
    r"|we\b|there\b|to\b|on\b|out\b|in\b|back\b|up\b|home\b|for\b|with\b|through\b|away\b)\w+",
    re.IGNORECASE,
)


_ADDRESSED = re.compile(
    r"^you('re| are)? (not listening|never listen|don'?t (listen|care|understand|get it)|"
    r"didn'?t (listen|care)|going to|gonna)\b|"
    r"^you'?ve (already )?(decided|made up|got it in for|never)\b",
    re.IGNORECASE,
)
"""A complaint the client makes about the practitioner or the service ("You're not listening",
"You keep telling me what to do", "You're going to take them"): said back from the
practitioner's side ("It feels like I'm not listening"), it names the rupture, which is the
first move of a repair. Generic "you" ("you can't win with them") does not match."""
_FEARED = re.compile(r"\b(going to|gonna)\b", re.IGNORECASE)
"""In an addressed clause, what the client expects the service to do to them: a fear."""
_CONTENT_WORD = re.compile(r"[a-z']{4,}")
_COMMON = frozenset(
    {"that", "this", "with", "have", "just", "like", "they", "them", "then", "there", "what",
     "when", "were", "been", "from", "it's", "i'm", "don't", "about", "really", "know", "going",
     "would", "could", "said", "even", "because", "yeah", "into", "some", "your"}
)  # fmt: skip


def said_back(client_text: str) -> tuple[str | None, bool]:
    """The client's most telling clause in the practitioner's words, when one reads as a whole
    statement after "It sounds like": a subject of its own (I, my, they, nobody...), four to
    fourteen words (fewer only for a feeling: "you're furious"), not a question, and not ending
    before its point ("I don't know if I can"); and whether it is a complaint addressed to the
    practitioner (then shifted: "you're not listening" -> "I'm not listening"). Painful or
    feeling clauses first, then what the client says twice (repetition is emphasis: "I handed
    everything in. I handed it in here"), then the client's own, then the latest. None when
    nothing parses: a guess said back is worse than no reflection."""
    text = normalise(client_text)
    counts = _content_counts(text)
    angry_turn = bool(ANGER_CUES.search(text))
    # (score, clause, addressed to the practitioner, says what hurts or matters)
    best: tuple[float, str, bool, bool] | None = None
    own: tuple[float, str, bool, bool] | None = None  # the best that is not addressed to us
    position = 0
    for sentence in _SENTENCES.finditer(text):
        body = sentence.group()
        if "?" in body:
            continue
        for part in _CLAUSE_BREAK.split(body):
            words = _strip_openers(part.strip(" .!?\n").split())
            position += 1
            if not words:
                continue
            plain = " ".join(words)
            addressed = bool(_ADDRESSED.match(plain))  # "you lot ..." is dropped below
            if words[0].lower() not in _SUBJECT_WORDS and not addressed:
                continue
            if words[0].lower() == "part" and not _PART_OF_ME.match(plain):
                continue  # "part" is a subject only in "part of me wants..."
            if " ".join(words[-3:]).lower().strip(",") == "to be honest":
                words = words[:-3]
            while words and words[-1].lower().strip(",") in _TAIL_FILLERS:
                words = words[:-1]
            if not words or words[-1].lower() in _DANGLING:
                continue
            plain = " ".join(words)
            if _COLLECTIVE_YOU.search(plain):
                continue  # "you lot existed" said back would be "me lot"
            felt = client_feeling(plain) is not None
            short_ok = felt or (addressed and len(words) >= 3)
            if len(words) > _MAX_CLAUSE_WORDS or (len(words) < _MIN_CLAUSE_WORDS and not short_ok):
                continue
            if self_critical(plain):
                continue  # said back, a self-criticism sounds like agreeing with it
            if _REPORTED_FRAGMENT.search(plain):
                continue  # "he said just tired": a quote cut short, not a statement
            pain = bool(PAIN_WORDS.search(plain))
            anger, value = bool(ANGER_CUES.search(plain)), bool(_VALUE_WORDS.search(plain))
            repeated = any(counts.get(w, 0) > 1 for w in _content_words(plain))
            loaded = bool(_LOADED.search(plain))
            if not (felt or pain or anger or value or repeated or addressed or loaded):
                continue  # a plain fact said back ("you've got the email") is parroting
            score = 2.0 * felt + 2.0 * pain + anger + value + repeated + 0.5 * loaded
            score += 1.5 * bool(_PART_OF_ME.match(plain))  # ambivalence: what MI reflects first
            score += words[0].lower() in {"i", "i'm", "i've", "i'll", "i'd", "im", "my"}
            score += 5 <= len(words) <= _MAX_CLAUSE_WORDS
            # The rupture, or what the client fears the service will do, is what to answer first.
            # A complaint about the practitioner is the rupture itself ("You're not listening").
            score += addressed + 2.0 * (addressed and (angry_turn or bool(_FEARED.search(plain))))
            score += 0.1 * position  # ties go to the latest: what the client is left with
            shifted = shift_pronouns(plain)
            if shifted[:1].isupper() and not shifted.startswith(("I ", "I'")):
                shifted = shifted[0].lower() + shifted[1:]
            telling = felt or pain or anger or value or repeated
            candidate = (score, shifted.rstrip(".!?,;"), addressed, telling)
            if best is None or score > best[0]:
                best = candidate
            if not addressed and (own is None or score > own[0]):
                own = candidate
    if best is None:
        return None, False
    if best[2] and own is not None and own[3] and not _FEARED.search(best[1]):
        # The rupture and what it is about: "I'm not listening, and everybody keeps telling
        # you what to do" (the rupture alone leaves the client's complaint unheard).
        both = f"{best[1]}, and {own[1]}"
        if len(both.split()) <= _MAX_CLAUSE_WORDS + 6:
            return both, True
    return best[1], best[2]


def _content_words(text: str) -> set[str]:
    return {w for w in _CONTENT_WORD.findall(text.lower()) if w not in _COMMON}


def _content_counts(text: str) -> dict[str, int]:
    """In how many of the client's sentences each content word occurs."""
    counts: dict[str, int] = {}
    for sentence in _SENTENCES.finditer(text):
        for word in _content_words(sentence.group()):
            counts[word] = counts.get(word, 0) + 1
    return counts


def _strip_openers(words: list[str]) -> list[str]:
    while words:
        head = words[0].lower().strip(",")
        if head == "i" and len(words) > 1 and words[1].lower().strip(",") == "mean":
            words = words[2:]
        elif head in _OPENERS and head != "i":
            words = words[1:]
        else:
            break
    return words


def called_for(missing: Sequence[str], moment: Moment, kept_text: str) -> tuple[str, ...]:
    """The missing mechanisms this moment asks for, in EPITOME order."""
    wanted = []
    if "er" in missing and moment.pain:
        wanted.append("er")
    said_enough = moment.substantial or moment.feeling or moment.angry or moment.withdrawn
    if "ip" in missing and moment.spoke and said_enough:
        wanted.append("ip")
    asks_nothing = not (moment.relief or moment.asked or moment.declined)
    if "ex" in missing and moment.spoke and asks_nothing and "?" not in kept_text:
        wanted.append("ex")
    return tuple(wanted)


def _pick(options: Sequence[str], key: str, *, avoid: str = "") -> str:
    """A stable choice (Python's hash() is salted per process, so not reproducible), skipping
    options that repeat a two-word phrase of `avoid` ("a lot to carry. ... a lot to be")."""
    digest = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    start = digest % len(options)
    rotated = [*options[start:], *options[:start]]
    taken = _bigrams(avoid)
    return next((o for o in rotated if not _bigrams(o) & taken), rotated[0])


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = re.findall(r"[a-z']+", text.lower())
    return set(itertools.pairwise(words))


def reflection(moment: Moment, key: str) -> str | None:
    """The client's own clause or feeling said back; for a client who has turned against the
    service and said nothing that parses, the stance itself ("You've had enough of this"),
    which is what a supervisor would want reflected first. None when there is nothing specific
    to say back (a generic "this is getting to you" tells the client nothing)."""
    if moment.treated:
        # Being disbelieved, talked down to or labelled is what matters most to the client in
        # the turn: its meaning comes before any fact of the story said back.
        return _pick(TREATED_REFLECTIONS[moment.treated], key)
    if moment.clause and moment.addressed:
        # Said from the practitioner's side: the rupture named, not argued with.
        if moment.fear or _FEARED.search(moment.clause):
            return f"It sounds like you're worried that {moment.clause}."
        return f"It feels like {moment.clause}."
    # What someone will do to the client ("they'll take them off you") is a fear, said or not.
    expected = bool(moment.clause) and moment.clause.startswith(("they'll ", "he'll ", "she'll "))
    if moment.clause and (moment.fear or expected) and moment.clause.split(" ", 1)[0] != "you're":
        return f"It sounds like you're worried that {moment.clause}."
    if (
        moment.clause
        and moment.feeling
        and moment.feeling not in moment.clause
        and not self_critical(moment.feeling)
    ):
        return f"It sounds like {moment.clause}, and you're feeling {moment.feeling}."
    if moment.clause:
        lead = _pick(("It sounds like", "So", ""), key)
        clause = moment.clause
        return f"{lead} {clause}." if lead else f"{clause[0].upper()}{clause[1:]}."
    if moment.shame and moment.feeling in {"angry", "furious", "cross", "annoyed"}:
        # "The one I'm really angry with is me": the anger is at themselves, and that is the
        # reflection ("angry right now" would say it back as anger at the world).
        return "It sounds like you're really angry with yourself."
    if moment.feeling and not self_critical(moment.feeling):
        # never "you're feeling really stupid": said back, a self-criticism sounds agreed with
        return f"It sounds like you're feeling really {moment.feeling} right now."
    if moment.angry:
        return _pick(STANCES, key)
    if moment.withdrawn:
        return _pick(WITHDRAWN_STANCES, key)
    return None


WITHDRAWN_STANCES = (
    "It's hard to know what to say to all this.",
    "This might be the last conversation you want to be having right now.",
    "You're not sure you want to get into this today.",
)
"""What a client who has pulled back ("Yeah. No.", "Dunno") is saying, reflected as a stance
without pressing: naming the reluctance is what lets them choose to come back in."""
STANCES = (
    "You've had enough of this.",
    "You're really fed up with all of this.",
    "You're not happy about this at all, and I can hear that.",
)
"""What an angry client who said nothing that parses is saying, reflected as a stance."""
STANCES_WITH_WARMTH = (
    "You've had enough of this, and I don't blame you.",
    "You're really fed up with all of this, and that's fair enough.",
    "I can hear how fed up you are with all of this, and I'm sorry.",
)
"""The stance and the validation in one sentence: a stance followed by a second stock line
("You've had enough of this. No wonder you're fed up.") says the same thing twice."""


def warmth(moment: Moment, key: str, *, feeling_said: bool = False, avoid: str = "") -> str:
    """Warmth that fits what the client brought: condolence for a loss, validation for anger at
    the service, no "I'm sorry" to someone calling themselves stupid (it sounds like agreeing)."""
    if moment.grief:
        options: tuple[str, ...] = ("I'm so sorry.", "I'm so sorry, that's a huge loss.")
    elif moment.shame:
        options = ("That's a hard thing to say out loud, and I'm glad you told me.",)
    elif moment.fear:
        options = ("I'm sorry, that sounds really frightening.", "That sounds really scary.")
    elif moment.angry:
        # Not "No wonder you're fed up": after a plain fact said back ("you were at a job
        # interview") it reads as a non sequitur.
        options = (
            "That sounds so frustrating, I'm sorry.",
            "I'm sorry, that sounds exhausting.",
        )  # not "That's not okay": after a clause it reads as a rebuke of what was said back
    elif moment.feeling and not feeling_said:
        options = (f"I'm sorry, it makes sense that you'd feel {moment.feeling}.",)
    else:
        options = ("That sounds really hard, I'm sorry.", "I'm sorry, that's a lot to carry.")
    return _pick(options, key, avoid=avoid)


def open_question(moment: Moment, key: str) -> str:
    if moment.angry:
        options: tuple[str, ...] = (
            "What would help put this right for you?",
            "What's been the worst of it for you?",
        )
    elif moment.fear:
        options = ("What worries you most about it?", "What are you most afraid might happen?")
    elif moment.withdrawn:
        options = (
            "What would make this feel worth your time?",
            "What would you rather we talked about?",
        )
    elif not moment.pain:
        # After "I went into town on the bus on my own", "the hardest part" assumes a hardship
        # the client never voiced.
        options = ("Tell me more about that.", "How are you feeling about it now?")
    else:
        options = (
            "What's been the hardest part of this for you?",
            "What matters most to you about this right now?",
        )
    return _pick(options, key)


PERMISSION_QUESTIONS = (
    "Would it be okay if I shared a couple of ideas that have helped other people?",
    "Would it help if I told you what's worked for other people in your position?",
    "I've got an idea or two about that. Would you like to hear them?",
)
"""Asking before advising (MI's elicit-provide-elicit), in several wordings so a report does
not repeat one stock sentence."""


def permission_question(key: str) -> str:
    return _pick(PERMISSION_QUESTIONS, key)


def compose(kept_text: str, adds: Sequence[str], moment: Moment, key: str) -> str | None:
    """One reply adding `adds` to the kept words; None when a part has nothing to stand on."""
    front: list[str] = []
    if "ip" in adds:
        said = reflection(moment, key)
        if said is None:
            return None
        if "er" in adds and said in STANCES:
            said = STANCES_WITH_WARMTH[STANCES.index(said)]
        front.append(said)
    carries_warmth = bool(front) and (
        front[0] in STANCES_WITH_WARMTH
        or any(front[0] in options for options in TREATED_REFLECTIONS.values())
    )
    if "er" in adds and not carries_warmth:
        said = " ".join(front)
        feeling_said = bool(moment.feeling) and moment.feeling in said
        front.append(warmth(moment, key, feeling_said=feeling_said, avoid=said))
    kept = kept_text.strip()
    if not kept and "ip" not in adds:
        return None  # only stock phrases left: nothing of this client or this practitioner
    if kept and kept[-1] not in ".!?" and "ex" in adds:
        kept += "."
    back = [open_question(moment, key)] if "ex" in adds else []
    text = " ".join(part for part in (*front, kept, *back) if part).strip()
    return text or None


def candidate_sets(wanted: Sequence[str]) -> list[tuple[str, ...]]:
    """Everything the moment calls for first, then each mechanism alone, then pairs."""
    sets: list[tuple[str, ...]] = []
    if wanted:
        sets.append(tuple(wanted))
    sets += [(m,) for m in wanted if (m,) not in sets]
    if len(wanted) == 3:
        sets += [p for p in (("ip", "ex"), ("er", "ip")) if p not in sets]
    return sets
