"""Small, rule-based language helpers that draw a rewrite's words from the client's
own words: a feeling word and a short topic phrase, with pronouns turned to the practitioner's
side ("my landlord" -> "your landlord"). Rules, not a model: they must be predictable, fast and
never raise on whatever a transcript holds; a bad slot only costs a suggestion, because every
suggestion is re-scored before it is shown."""

from __future__ import annotations

import re

from empathic.analysis.feedback.phrasings import FEAR_FEELINGS, FEELING_LEXICON, NEUTRAL_TOPIC

MAX_TOPIC_WORDS = 12
MAX_OBJECT_WORDS = 8  # an "about ..." object longer than this is a sentence, not a topic

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")
_SENTENCE = re.compile(r"[^.!?;:\n]+[.!?;:\n]*")
# Clause boundaries inside a sentence: commas, dashes and coordinating/subordinating words.
_CLAUSE_SPLIT = re.compile(
    r"\s*(?:,|\s-\s|\s--\s|\b(?:and|but|because|cause|cos|so|since|though|although|while|"
    r"whereas|or|until|unless|if|when|which|who)\b)\s*",
    re.IGNORECASE,
)

_SHIFT = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
    "am": "are",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "we're": "you're",
    "we've": "you've",
    "we'll": "you'll",
    "we'd": "you'd",
    # the client's "you" is the practitioner: "you never listen" -> "I never listen"
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I'm",
    "you've": "I've",
    "you'll": "I'll",
    "you'd": "I'd",
}
# "was" follows its subject: "I was" -> "you were", but "it was" stays.
_AFTER_I = {"was": "were", "wasn't": "weren't"}
_AFTER_YOU = {"are": "am", "were": "was", "weren't": "wasn't", "aren't": "am not"}
_CLAUSE_WORDS = frozenset({"that", "and", "but", "because", "so", "when", "if", "then", "cos"})
_LOWER_FIRST = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "his", "her",
     "their", "its", "nobody", "no", "everyone", "everything", "someone", "something", "all",
     "how", "what", "losing", "being", "having", "not"}
)  # fmt: skip
_SUBJECTS = frozenset(
    {"i", "we", "he", "she", "they", "it", "my", "our", "his", "her", "their", "the", "nobody",
     "no", "everyone", "everybody", "someone", "somebody", "people", "you", "your", "this",
     "things", "nothing", "im"}
)  # fmt: skip
_VAGUE = frozenset(
    {"it", "this", "that", "them", "him", "her", "me", "you", "us", "things", "stuff", "anything",
     "something", "a", "the", "to", "how", "what", "so", "much", "lot"}
)  # fmt: skip
_NON_STARTERS = frozenset(
    {"what", "how", "why", "where", "who", "should", "can", "could", "do", "does", "did", "is",
     "are", "will", "would", "yes", "yeah", "no", "ok", "okay", "well", "just", "like", "um",
     "uh", "hi", "hello", "thanks", "thank", "please", "sorry", "anyway", "right", "sure"}
)  # fmt: skip
_STRUGGLE = frozenset(
    {"struggling", "struggle", "struggled", "dealing", "deal", "coping", "cope", "problem",
     "problems", "trouble", "issues", "issue", "difficulty", "difficulties", "help", "fighting",
     "arguing", "up"}
)  # fmt: skip
_OBJECT_PREPOSITIONS = frozenset({"of", "about", "by", "over", "with", "at"})
_FEEL_WORDS = frozenset(
    {"feel", "feeling", "feels", "felt", "so", "really", "very", "too", "completely", "totally",
     "i'm", "im", "am", "was", "been", "be", "is", "are", "getting", "get", "got", "pretty",
     "quite", "bit", "extremely", "kind", "kinda", "sort", "just", "always", "seriously"}
)  # fmt: skip
_AMBIGUOUS_FEELINGS = frozenset({"down", "low", "lost", "hurt", "empty", "alone", "mad", "tired"})
_PLACE_WORDS = frozenset(
    {"the", "a", "an", "my", "his", "her", "their", "our", "your", "to", "at", "in", "on", "there",
     "here", "by", "from", "with", "it", "them", "him"}
)  # fmt: skip
_NEGATIONS = frozenset({"not", "never", "no", "hardly", "barely"})
_THOUGHT_VERBS = frozenset({"worry", "worried", "fear", "afraid", "scared", "terrified", "think"})


def normalise(text: str) -> str:
    """Curly apostrophes made straight, runs of whitespace made one space."""
    return " ".join(str(text).replace("\u2019", "'").replace("\u2018", "'").split())


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def shift_pronouns(text: str) -> str:
    """Turn the client's first person into the practitioner's second person (and back), word by
    word, keeping everything else as written: "I'm scared my son" -> "you're scared your son"."""
    out: list[str] = []
    previous = ""
    for index, word in enumerate(_words(normalise(text))):
        lower = word.lower()
        if previous in {"i", "im"} and lower in _AFTER_I:
            shifted = _AFTER_I[lower]
        elif previous == "you" and lower in _AFTER_YOU:
            shifted = _AFTER_YOU[lower]
        elif lower == "you":
            # subject position -> "I", object position -> "me"
            shifted = "I" if index == 0 or previous in _CLAUSE_WORDS else "me"
        elif lower in _SHIFT:
            shifted = _SHIFT[lower]
        elif index == 0 and lower in _LOWER_FIRST:
            shifted = lower  # capitalised only because it opened the client's sentence
        else:
            shifted = word
        out.append(shifted)
        previous = lower
    return " ".join(out)


def _is_feeling(words: list[str], index: int) -> bool:
    """Whether lower-cased words[index] is a feeling the client has: "fed up" yes, "I lost my
    job", "calm down" and "not angry" no."""
    word = words[index]
    if word not in FEELING_LEXICON:
        return False
    after = words[index + 1] if index + 1 < len(words) else ""
    before = words[max(0, index - 3) : index]
    if word == "fed" and after != "up":
        return False
    if word in {"burnt", "burned"} and after != "out":
        return False
    if word in _AMBIGUOUS_FEELINGS and not (before and before[-1] in _FEEL_WORDS):
        return False
    if word in _AMBIGUOUS_FEELINGS and after in _PLACE_WORDS:
        return False  # "always down the pub", "lost my job", "hurt my back": not feelings
    return not any(w in _NEGATIONS or w.endswith("n't") for w in before)


def client_feeling(text: str) -> str | None:
    """The first feeling word the client used about themselves, as a reflection would say it;
    None when they used none."""
    words = [w.lower() for w in _words(normalise(text))]
    for index, word in enumerate(words):
        if _is_feeling(words, index):
            return FEELING_LEXICON[word]
    return None


def _clauses(text: str) -> list[tuple[list[str], bool]]:
    """(words, is_question) for each clause, in order."""
    clauses = []
    for match in _SENTENCE.finditer(normalise(text)):
        sentence = match.group(0)
        question = "?" in sentence
        for part in _CLAUSE_SPLIT.split(sentence):
            words = _strip_hedges(_words(part))
            if words:
                clauses.append((words, question))
    return clauses


_HEDGES = (("i", "guess"), ("i", "think"), ("i", "suppose"), ("you", "know"), ("i", "mean"))


def _strip_hedges(words: list[str]) -> list[str]:
    """Drop "I guess", "you know" at either end of a clause: fillers, not content."""
    while len(words) >= 2 and (words[0].lower(), words[1].lower()) in _HEDGES:
        words = words[2:]
    while len(words) >= 2 and (words[-2].lower(), words[-1].lower()) in _HEDGES:
        words = words[:-2]
    return words


def _object(words: list[str]) -> list[str] | None:
    """A usable prepositional object: short, and more than a pronoun or filler."""
    if not words or len(words) > MAX_OBJECT_WORDS or words[0].lower() == "to":
        return None
    if all(w.lower() in _VAGUE for w in words):
        return None
    return words


def _feeling_topic(clauses: list[tuple[list[str], bool]]) -> str | None:
    """What the client's feeling is about: "scared of losing my kids", "angry that she left",
    "terrified we'll end up on the street"."""
    for words, _question in clauses:
        lower = [w.lower() for w in words]
        for index, word in enumerate(lower):
            if not (_is_feeling(lower, index) or word in _THOUGHT_VERBS):
                continue
            rest = words[index + 1 :]
            if word == "fed" and rest[:1] and rest[0].lower() == "up":
                rest = rest[1:]
            if rest and rest[0].lower() in _OBJECT_PREPOSITIONS:
                found = _object(rest[1:])
                if found:
                    return shift_pronouns(" ".join(found))
                continue
            if rest and rest[0].lower() == "that":
                rest = rest[1:]
            base = rest[0].lower().split("'")[0] if rest else ""
            if base in _SUBJECTS and 2 <= len(rest) <= MAX_TOPIC_WORDS - 3:
                clause = shift_pronouns(" ".join(rest))
                thought = FEELING_LEXICON.get(word) in FEAR_FEELINGS or word in _THOUGHT_VERBS
                return f"the thought that {clause}" if thought else f"how {clause}"
    return None


def _about_topic(clauses: list[tuple[list[str], bool]]) -> str | None:
    for preposition, needs_struggle in (("about", False), ("with", True)):
        for words, _question in clauses:
            lower = [w.lower() for w in words]
            for index, word in enumerate(lower):
                if word != preposition or (needs_struggle and index == 0):
                    continue
                if needs_struggle and lower[index - 1] not in _STRUGGLE:
                    continue
                found = _object(words[index + 1 :])
                if found:
                    return shift_pronouns(" ".join(found))
    return None


def _last_clause_topic(clauses: list[tuple[list[str], bool]]) -> str | None:
    for words, question in reversed(clauses):
        if question or not 2 <= len(words) <= MAX_TOPIC_WORDS - 1:
            continue
        if words[0].lower() in _NON_STARTERS:
            continue
        return f"how {shift_pronouns(' '.join(words))}"
    return None


def extract_topic(text: str) -> str:
    """A short phrase from the client's words that reads after "about", at most
    MAX_TOPIC_WORDS words: what their feeling is about, else the object of "about ..." or
    "struggling with ...", else their last statement ("how nobody listens"), else "all of
    this"."""
    clauses = _clauses(text)
    for rule in (_feeling_topic, _about_topic, _last_clause_topic):
        topic = rule(clauses)
        if topic and len(topic.split()) <= MAX_TOPIC_WORDS:
            return topic
    return NEUTRAL_TOPIC
