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
from collections.abc import Sequence
from dataclasses import dataclass

from empathic.analysis.feedback.language import client_feeling, extract_topic
from empathic.analysis.feedback.phrasings import FEAR_FEELINGS
from empathic.analysis.results import ClientSignals

_RELIEF_WORDS = re.compile(
    r"\b(thank(s| you)|that helps|that('s| is) (a )?(relief|good|great|helpful)|"
    r"i feel (better|relieved|good|alive)|relieved|glad|happy|proud|excited|good news)\b",
    re.IGNORECASE,
)
_DECLINE_WORDS = re.compile(
    r"\b(no\b[.!,]|i don'?t want (to|that|any)|(don'?t|do not) (really )?want to talk|"
    r"not interested|i won'?t|leave it|i'?d rather not|no thanks)",
    re.IGNORECASE,
)
RISK_WORDS = re.compile(
    r"\b(kill (myself|me)|suicid\w*|end (it|my life|things)|better off without me|"
    r"(wouldn'?t|won'?t|not) wake up|don'?t want to (be here|live|wake up)|hurt(ing)? myself|"
    r"no (point|reason) (in )?(living|going on)|self[- ]harm\w*|overdose)",
    re.IGNORECASE,
)
"""Words of risk to life. Responding to them is a safety skill (ask directly, stay, plan), not
something a phrasing library should rewrite: such a turn gets its feedback, never a template."""
PAIN_WORDS = re.compile(
    r"\b(can't|cannot|couldn't|haven't|not (great|good|okay|ok)|lost|losing|failed|afraid|"
    r"nobody|no one|never|alone|hard|struggl\w*|evict\w*|hurt\w*|cry\w*|scared|worse|"
    r"sick|died|dead|broke|owe|debt|kicked out|fired|shout\w*|listening)\b",
    re.IGNORECASE,
)
_SAY_BACK_SUBJECTS = frozenset(
    {"you", "you're", "you've", "you'll", "you'd", "they", "they're", "they've", "he", "he's",
     "she", "she's", "we", "we're", "we've", "everything", "nothing", "nobody", "your"}
)  # fmt: skip
_LEADING_FILLERS = frozenset({"now", "then", "so", "and", "but", "just", "still", "also", "well"})
SUBSTANTIAL_WORDS = 6
"""A client turn of at least this many words says something a reflection could take up."""


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
    pain = bool(feeling or hostile or (PAIN_WORDS.search(text) and not relief))
    return Moment(
        spoke=True,
        pain=pain,
        relief=relief and not feeling,
        feeling=feeling,
        clause=_say_back(text),
        fear=feeling in FEAR_FEELINGS,
        substantial=len(text.split()) >= SUBSTANTIAL_WORDS,
        asked="?" in text,
        declined=bool(_DECLINE_WORDS.search(text)),
        risk=bool(RISK_WORDS.search(text)),
    )


def _say_back(client_text: str) -> str | None:
    """The client's clause in the practitioner's words, when it parses after "It sounds like"."""
    topic = extract_topic(client_text)
    for prefix in ("how ", "the thought that "):
        if topic.startswith(prefix):
            clause = topic[len(prefix) :].strip()
            while clause.split(" ", 1)[0].lower() in _LEADING_FILLERS and " " in clause:
                clause = clause.split(" ", 1)[1]  # "now your benefits are stopped"
            first = clause.split(" ", 1)[0]
            if first.lower() in _SAY_BACK_SUBJECTS and first == first.lower():
                return clause.rstrip(".!?,;")
    return None


def called_for(missing: Sequence[str], moment: Moment, kept_text: str) -> tuple[str, ...]:
    """The missing mechanisms this moment asks for, in EPITOME order."""
    wanted = []
    if "er" in missing and moment.pain:
        wanted.append("er")
    if "ip" in missing and moment.spoke and (moment.substantial or moment.feeling):
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
    """The client's own clause or feeling said back; None when there is nothing specific to
    say back (a generic "this is getting to you" tells the client nothing)."""
    if moment.clause and moment.fear:
        return f"It sounds like you're worried that {moment.clause}."
    if moment.clause and moment.feeling and moment.feeling not in moment.clause:
        return f"It sounds like {moment.clause}, and you're feeling {moment.feeling}."
    if moment.clause:
        return f"{_pick(('It sounds like', 'So', 'What I hear is that'), key)} {moment.clause}."
    if moment.feeling:
        return f"It sounds like you're feeling really {moment.feeling} right now."
    return None


def warmth(moment: Moment, key: str, *, feeling_said: bool = False, avoid: str = "") -> str:
    if moment.feeling and not moment.fear and not feeling_said:
        return f"I'm sorry. It makes sense that you'd feel {moment.feeling}."
    options = (
        "That sounds really hard, and I'm sorry you're dealing with it.",
        "I'm sorry, that's a lot to be going through.",
        "That sounds so hard, and it makes sense it's weighing on you.",
    )
    return _pick(options, key, avoid=avoid)


def open_question(moment: Moment, key: str) -> str:
    options = (
        "What's been the hardest part of this for you?",
        "What feels most important to you about this right now?",
        "How are you doing with all of this?",
    )
    if moment.pain:
        options = (*options, "What would help most right now?")
    return _pick(options, key)


def compose(kept_text: str, adds: Sequence[str], moment: Moment, key: str) -> str | None:
    """One reply adding `adds` to the kept words; None when a part has nothing to stand on."""
    front: list[str] = []
    if "ip" in adds:
        said = reflection(moment, key)
        if said is None:
            return None
        front.append(said)
    if "er" in adds:
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
