"""The pattern layer of the alliance signals: the phrases with which a client turns against the
practitioner or the service (confrontation) or pulls out of the conversation (withdrawal), and the
phrases with which a practitioner repairs that.

Every regex runs case-insensitively over one sentence of normalised text (straight apostrophes).
Scores say how reliably the phrase carries the signal in spoken sessions; they were set by hand
from the cases in `empathic/nlp/tests/test_alliance.py` and the samples, not learned. They stay
second person on purpose: anger at a landlord, an ex or "the system" in the third person is
something the client brings, not a rupture with the practitioner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    kind: str  # confrontation | withdrawal
    cue: str  # a short name, stored beside the signal so a reader can see why it fired
    pattern: re.Pattern[str]
    score: float
    whole_turn: bool = False  # only on a (nearly) whole turn: "Fine." but not "the fine print"


def _rule(kind: str, cue: str, regex: str, score: float, *, whole_turn: bool = False) -> Rule:
    return Rule(kind, cue, re.compile(regex, re.IGNORECASE), score, whole_turn)


_END = r"(?=\s*(?:[.!?,;…]|$))"  # ends its clause: "I'm done." but not "I'm done drinking"

CONFRONTATION: tuple[Rule, ...] = (
    _rule("confrontation", "not_listening",
          r"\byou(?:'re| are)(?: just)? not (?:even )?(?:listening|hearing (?:me|what I)"
          r"|getting it)"
          r"|\byou (?:don't|do not|never|didn't) (?:even )?(?:listen|hear (?:me|what I))"
          r"|\bare you (?:even )?listening\b|\byou(?:'re| are)n't (?:even )?listening", 0.85),
    _rule("confrontation", "not_helping",
          r"\byou(?:'re| are)(?: just)? not helping\b|\byou(?:'re| are)n't helping\b"
          r"|\byou(?:'re| are) (?:blaming|judging|lecturing|patroni[sz]ing) me\b", 0.8),
    _rule("confrontation", "dont_care",
          r"\byou (?:don't|do not|never) (?:even )?(?:really )?(?:care|get it|believe me"
          r"|know what you're talking about)\b", 0.75),
    _rule("confrontation", "dont_understand",
          r"\byou (?:don't|do not|can't|cannot) (?:possibly )?(?:understand|know what it's like)\b"
          r"(?! (?:until|unless|till))|\byou have no idea what\b|\bhow would you know\b", 0.6),
    _rule("confrontation", "blame_back",
          r"\bdon't (?:put|blame|pin|turn) (?:this|that|it|all (?:of )?(?:this|that)) (?:on"
          r"|around on) me\b"
          r"|\bdon't (?:blame|judge|lecture|patroni[sz]e) me\b"
          r"|\bare you (?:saying|telling me) (?:this|it|that) (?:is|was|'s) (?:all )?my fault\b"
          r"|\bso (?:it's|this is|that's) (?:all )?my fault\b|\bI didn't come here to be "
          r"(?:lectured|judged|blamed|told off|preached at)", 0.85),
    _rule("confrontation", "incredulous",
          r"\bare you (?:kidding|joking|serious)(?: me)?\b|\byou(?:'ve| have)? got to be kidding\b"
          r"|\byou must be joking\b|\byou can't be serious\b", 0.7),
    _rule("confrontation", "you_people",
          r"\byou people\b|\bpeople like you\b|\byou guys (?:never|always|don't|just|keep)\b"
          r"|\byou(?:'re| are) (?:just )?(?:like|the same as) (?:everyone|everybody|all the others"
          r"|the rest|the last)", 0.75),
    _rule("confrontation", "orders_back",
          r"\b(?:stop|quit) (?:telling me (?:what to do|to\b)|lecturing|judging|preaching|nagging"
          r"|pushing me)|\bdon't tell me (?:what to do|how to|to\b)"
          r"|\b(?:every(?:body|one)|people|you all) (?:keeps?|just keeps?|is always|are always) "
          r"telling me what to do", 0.75),
    _rule("confrontation", "useless",
          r"\b(?:this|that|these sessions|this (?:program(?:me)?|service|place|session|meeting)"
          r"|coming here|talking to you|counsel(?:l)?ing|therapy)(?:'s| is| are| was)\s+"
          r"(?:(?:so|completely|totally|just|a|really|absolutely)\s+)*(?:useless|pointless|a joke"
          r"|a waste of (?:my )?time|ridiculous|bullshit|going nowhere)\b"
          r"|\b(?:this|that|talking|coming here|you)(?:'s| is| are)? (?:isn't|is not|aren't|not"
          r"|doesn't|does not|don't|do not) (?:really )?(?:helping|help)(?: me)?" + _END
          + r"|\bwast(?:e|ing) (?:of )?my time\b|\bwhat(?:'s| is) the point of (?:this|coming"
          r"|talking"
          r"|these|any of this)\b", 0.7),
    _rule("confrontation", "why_bother",
          r"\bwhy (?:do|did) I (?:even )?(?:bother|come here|keep coming)\b", 0.6),
    _rule("confrontation", "challenge",
          r"\b(?:that's |it's )?easy for you to say\b|\bwho are you to\b|\bwhat do you know about\b"
          r"|\byou have no right\b|\byou sound (?:just )?like my\b"
          r"|\bthat's not what I (?:said|meant)\b|\byou(?:'re| are) twisting\b"
          r"|\bstop putting words\b", 0.65),
    _rule("confrontation", "let_down",
          r"\byou (?:said|promised) you(?:'d| would)\b|\byou never (?:call(?:ed)?|return(?:ed)?"
          r"|came|come|help(?:ed)?|do anything|did anything)\b", 0.6),
    _rule("confrontation", "sarcasm",
          r"\blike I (?:haven't|have not|didn't|hadn't) (?:already )?(?:been doing|tried|thought of"
          r"|done)\b", 0.55),
    _rule("confrontation", "abuse",
          r"\b(?:fuck|screw|piss) (?:you|off)\b|\bshut up\b|\bgo to hell\b|\bscrew this\b"
          r"|\bfuck this\b", 0.9),
)  # fmt: skip

WITHDRAWAL: tuple[Rule, ...] = (
    _rule("withdrawal", "wont_talk",
          r"\bI (?:don't|do not|really don't) (?:want|wanna) to (?:talk|speak|get into|go into"
          r"|discuss|think) (?:about )?(?:this|it|that|any of (?:this|that))\b"
          r"|\bI(?:'d| would) rather not (?:say|talk|get into|go into)\b"
          r"|\bI(?:'m| am) not (?:doing|talking about) this\b"
          r"|\b(?:I(?:'ve| have) )?(?:got )?nothing (?:else |more )?to say\b"
          r"|\bthere's no point (?:in )?(?:talking|telling you)\b", 0.8),
    _rule("withdrawal", "drop_it",
          r"\bcan we (?:just )?(?:not|drop (?:it|this)|skip (?:it|this)|change the subject"
          r"|talk about something else)\b|\blet's (?:just )?(?:drop it|leave it)\b", 0.7),
    _rule("withdrawal", "done",
          r"\bI(?:'m| am) (?:so )?done(?: (?:talking|with this|with you|here|for today))?" + _END
          + r"|\bcan I (?:just )?go(?: now)?\?|\bare we done(?: here)?\b"
          r"|\bI(?:'m| am) (?:out of here|leaving)" + _END, 0.8),
    _rule("withdrawal", "forget_it",
          r"\b(?:forget it|never ?mind|forget I said anything)" + _END, 0.7),
    _rule("withdrawal", "if_you_say_so", r"\bif you say so\b", 0.75),
    # The whole turn is the phrase: a flat reply. "Whatever I do..." and "I guess I wouldn't be
    # sitting here" are speech, not withdrawal.
    _rule("withdrawal", "whatever",
          r"^\W*(?:(?:yeah|ok(?:ay)?|fine|sure),?\s+)?whatever\W*$", 0.8, whole_turn=True),
    _rule("withdrawal", "fine",
          r"^\W*(?:(?:ok(?:ay)?|yeah|sure),?\s+)?(?:fine|I'm fine|it's fine)\W*$", 0.6,
          whole_turn=True),
    _rule("withdrawal", "doesnt_matter",
          r"^\W*(?:it )?(?:doesn't|does not|don't) matter(?: (?:anyway|now|anymore|any more))?\W*$"
          r"|^\W*(?:I )?(?:don't|do not) care(?: (?:anymore|any more))?\W*$", 0.7, whole_turn=True),
    _rule("withdrawal", "i_guess",
          r"^\W*(?:(?:yeah|yes|sure|ok(?:ay)?|um+|uh+|well|maybe),?\s+)?I (?:guess|suppose)"
          r"(?: so)?\W*$", 0.6, whole_turn=True),
    _rule("withdrawal", "dont_know",
          r"^\W*(?:I )?(?:don't|dunno|do not) know\W*$|^\W*dunno\W*$", 0.45, whole_turn=True),
)  # fmt: skip

RULES = CONFRONTATION + WITHDRAWAL

# Reported speech: someone else is the speaker of what follows ("my mum says you're not listening",
# "he goes, are you kidding me"). "Like I said" is the client's own voice and is not a guard.
REPORTED = re.compile(
    r"\b(?:he|she|they|my \w+|mum|mom|dad|someone|people|everyone|everybody|the \w+)\s+"
    r"(?:\w+\s+)?(?:said|says|told (?:me|him|her|them)|tells (?:me|him|her)|yelled|shouted"
    r"|screamed|asked|goes|went|was like|is like|keeps saying|kept saying)\b[^.!?]*$",
    re.IGNORECASE,
)
NEGATED = re.compile(
    r"\b(?:I know|I'm sure|not that|I'm not saying|I don't think|I never said)\b[^,.!?]*$",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?…\n]+(?:[.!?…]+|$)")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
# Second person aimed at the listener, for the hostility head's reading; the generic "you" of
# "you never know" / "you know" is not an address.
ADDRESS = re.compile(r"\byou(?:r|'re|'ve|'ll| are)?\b(?! (?:know|never know|can't win|see))",
                     re.IGNORECASE)  # fmt: skip


@dataclass(frozen=True)
class RepairRule:
    move: str  # apology | acknowledgement | reflection | autonomy
    pattern: re.Pattern[str]


def _repair(move: str, regex: str) -> RepairRule:
    return RepairRule(move, re.compile(regex, re.IGNORECASE))


REPAIR: tuple[RepairRule, ...] = (
    # "I'm sorry to hear that" is sympathy about the client's situation, not owning one's part.
    _repair("apology",
            r"\b(?:I'm|I am) (?:so |really |very )?sorry\b(?! (?:to hear|for your loss"
            r"|that (?:happened"
            r"|you(?:'re| are| went| had| have)|he|she|they|it)|about (?:your|the|what)|you))"
            r"|\bI apologi[sz]e\b|\bmy apologies\b|\bmy bad\b"),
    _repair("acknowledgement",
            r"\byou(?:'re| are) right\b|\bthat's (?:fair|a fair point)\b|\bfair (?:enough|point)\b"
            r"|\bI (?:jumped|rushed|skipped|got) (?:straight |right )?(?:ahead|in|to)"
            r"|\bI (?:went|moved|was going) (?:way )?too (?:fast|quickly)\b"
            r"|\bI (?:was|got|have been|'ve been) (?:pushing|lecturing|telling you what to do)"
            r"|\bthat (?:came out|came across|sounded|must have sounded) (?:wrong|as|like)"
            r"|\bI didn't mean (?:to|that)\b|\bI (?:want|'d like|would like) to (?:go back|back up"
            r"|slow down|step back)|\blet me (?:slow down|back up|step back|start again|try again)"
            r"|\bI did (?:exactly )?what every(?:one|body) else\b|\bthat (?:was"
            r"|wasn't) (?:unfair|fair)"
            r" of me\b|\bI(?:'m| am) not (?:here to|trying to) (?:blame|judge|lecture)"),
    _repair("reflection",
            r"\b(?:it )?sounds like (?:I|what I said|that|my)\b[^.!?]{0,50}\b(?:came across"
            r"|felt like"
            r"|sounded|blam|push|lectur|judg|not listen)"
            r"|\byou(?:'re| are) (?:frustrated|angry|annoyed|fed up|sick|tired"
            r"|upset) (?:with me|of being"
            r"|that I|of people|of hearing|of getting)"
            r"|\b(?:sounds like |seems like )?you(?:'re| are)? (?:really )?(?:frustrated|fed up"
            r"|sick of"
            r"|tired of|angry) (?:with|at) (?:me|this|being)"
            r"|\byou feel (?:like )?(?:I'm|I am|I was|I'm not|I wasn't|nobody"
            r"|no one) (?:listening|hearing"
            r"|helping|getting|on your side)"
            r"|\bI (?:haven't|wasn't|didn't) (?:really )?(?:been )?(?:listen|hear)"),
    _repair("autonomy",
            r"\b(?:it's|that's) (?:your|up to you)\b|\bup to you\b|\byou (?:get to )?decide\b"
            r"|\bwe don't have to\b|\bwhat would (?:be )?(?:most |more )?(?:helpful|useful)\b"
            r"|\bwhat would help (?:you )?(?:most|right now)\b"
            r"|\bwhat would you (?:like|prefer|rather)\b|\bwhere would you like to\b"
            r"|\bhow would you like to\b|\bwhat do you want to (?:talk about|focus on)\b"),
)  # fmt: skip
