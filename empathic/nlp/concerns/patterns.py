"""The pattern layer: which phrases carry a concern, with the guards that keep good MI practice
from being flagged.

Each `Rule` is a case-insensitive regex over one sentence (straight apostrophes; the detector
normalises curly ones first) with a kind, a score (how reliably the phrase is the behaviour in
speech, set from the train set, not the dev set) and how it is guarded:

- ``imperative``: the match must stand where an order stands: at the start of a clause, after
  discourse markers ("Okay, okay, relax") or after "I need you to" / "you need to" / "try to".
  "It sounds like you're trying to calm down" is not an order.
- ``framed`` (default True): skipped inside a reflection or reported speech in the same clause
  ("It sounds like you feel you should have called sooner" reflects self-blame; "people keep
  telling you it'll be fine" reports it). A "but" starts a new clause, so a sympathy phrase in
  front ("I hear you, but you should have...") never shields what follows.
- ``permission`` (advice only): skipped when the turn asks permission or hands the choice back
  ("Would it be OK if I shared...", "It's your call").
- Negative lookaheads inside the regexes keep validating forms out: "you shouldn't have to",
  "you should be proud", "you must be exhausted", "at least two weeks", "it's not your fault".
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    score: float
    imperative: bool = False
    framed: bool = True
    permission: bool = False


def _rule(kind: str, regex: str, score: float, **options: bool) -> Rule:
    return Rule(kind, re.compile(regex, re.IGNORECASE), score, **options)


# Things a practitioner orders an upset client to do in the moment (commanding, not advice).
_ORDERS = (
    r"calm (?:yourself )?down|settle down|simmer down|relax\b|chill(?: out)?\b"
    r"|stop (?:shouting|yelling|swearing|screaming|crying|panicking|interrupting|moaning|whining"
    r"|complaining|being (?:so )?\w+|it\b|that\b|this\b)"
    r"|don't (?:shout|yell|swear|scream|raise your voice|take that tone|talk to me like"
    r"|speak to me like|get (?:so |all )?(?:worked up|upset|angry|emotional|aggressive|wound up)"
    r"|be (?:rude|silly|dramatic|ridiculous|difficult|like that|so \w+))"
    r"|lower your voice|keep your voice down|watch your (?:tone|language|mouth)"
    # "Come in, sit down" is a welcome, not an order.
    r"|mind your (?:language|tone)|(?<!come in, )(?<!come in )"
    r"sit (?:back )?down|listen to me|be patient|be quiet"
    r"|wait your turn|put your phone away|look at me|go and sit|pull yourself together"
    r"|get a grip|man up|toughen up|grow up|behave(?: yourself)?\b|do what you're told"
    r"|answer the question|let me finish|follow the (?:process|rules|procedure|policy)"
    r"|respect (?:the staff|me|our staff)|take a deep breath|just fill it in|fill it in"
    r"|face it\b|accept it\b"
)

RULES: tuple[Rule, ...] = (
    # --- blaming -----------------------------------------------------------------------------
    _rule(
        "blaming",
        r"\byou (?:really |honestly |just |definitely |obviously )?(?:should|ought to)"
        r"(?:'ve| have| of)\b(?! (?:been|had|got|gotten)\b)(?! to\b)",
        0.9,
    ),
    _rule("blaming", r"\byou should(?:'ve| have) been more\b", 0.85),
    _rule(
        "blaming",
        r"\byou could(?:'ve| have) (?:told|called|rung|asked|said|mentioned|let|come|contacted"
        r"|phoned|warned|just)\b",
        0.75,
    ),
    _rule(
        "blaming",
        r"\byou (?:shouldn't|should not) have\b(?! to\b)(?! had to\b)(?! been\b)",
        0.9,
    ),
    _rule(
        "blaming",
        r"\bwhy (?:didn't|did not|would|wouldn't|weren't|were|haven't|hadn't|couldn't|on earth"
        r" did) you\b",
        0.85,
    ),
    _rule("blaming", r"\bwhy did you\b(?=[^.?!]*\b(?:when you|in the first place|again)\b)", 0.7),
    _rule(
        "blaming",
        r"(?<!not )(?<!n't )(?<!none of this is )(?<!none of it is )(?<!make it )(?<!makes it )"
        r"\b(?:it's |it is |that's )?"
        r"(?:all )?your (?:own )?fault\b"
        r"|\byou brought (?:this|it) on yourself|\b(?:only )?(?:have|got) yourself to blame"
        r"|\byou did this to yourself|\bwhat did you (?:expect|think (?:was going to|would) happen)"
        r"|\bthat's what happens when you|\byou knew the rules|\bcan you blame (?:them|her|him)"
        r"|(?<!since )(?<!when )\byou started it\b(?! ?\?)|\b(?:part|some) of this is on you"
        r"|\b(?:that's|this is|it's) on you\b",
        0.9,
    ),
    _rule(
        "blaming",
        r"\byou(?:'ve| had| did have| have had) (?:plenty of|every|so many|lots of|loads of)"
        r" (?:chances?|opportunit\w+|warnings?)",
        0.8,
    ),
    _rule("blaming", r"\byou knew\b[^.?!,]{0,40}\b(?:risk|rules|would happen)\b", 0.8),
    _rule(
        "blaming",
        r"\byou did (?:miss|crash|stop|skip|leave|sign|agree|ignore)\b"
        r"|\byou didn't (?:tell (?:us|me|anyone|your|them)|pick up|turn up|show up|bother|listen"
        r"|follow|ring|call|answer|attend|use any|do (?:the|any|your|what))\b",
        0.7,
    ),
    _rule(
        "blaming",
        r"\b(?:maybe |perhaps )?if you(?:'d| had)(?:n't| not)? (?:just |only )?\w+[^.?!]*?"
        r"\b(?:wouldn't|would not|would have|'d have|wouldn't have|would be)\b",
        0.8,
    ),
    # --- commanding ----------------------------------------------------------------------------
    _rule("commanding", rf"\b(?:{_ORDERS})", 0.85, imperative=True, framed=False),
    _rule(
        "commanding",
        r"\bthere(?:'s| is) a (?:process|procedure|system|policy)\b|\b(?:those|these) are the rules"
        r"|\bthat's the (?:rule|rules|policy|procedure|process)\b|\brules are rules"
        r"|\byou(?:'ll| will) (?:just )?have to wait|\blike everyone else\b"
        r"|\b(?:there's )?no need to (?:shout|be rude|swear|raise your voice|be like that"
        r"|be aggressive)"
        r"|\bi'm (?:only|just) doing my job|\blet me in\b|\bthat's enough\b"
        r"|\bnobody is going to help you if",
        0.85,
    ),
    # --- minimising / false reassurance ------------------------------------------------------
    _rule(
        "minimising",
        r"\bat least (?=(?:you|you're|you've|you'll|it's|it was|he|she|they|there's|your|nobody"
        r"|no one|we|that's|the|it)\b)",
        0.85,
    ),
    _rule(
        "minimising",
        r"\b(?:everything|it|things|that|you|it all|this|they|he|she|we)(?:'ll| will| is going to"
        r"|'s going to| are going to|'re going to)(?: all)? (?:be (?:fine|okay|ok|alright|all right"
        r"|grand|good|great|sorted)|turn out (?:fine|okay|alright|for the best)|work out|sort"
        r" (?:itself|themselves) out|pass|blow over)\b(?! to\b)",
        0.85,
    ),
    _rule(
        "minimising",
        r"\bi'm sure (?:it|things|everything|he|she|they|you)(?:'ll|'d| will| won't| would)\b"
        r"|\bi'm sure it's (?:nothing|fine|okay)|\bi'm sure that's not true"
        r"|\b(?:these|such) things (?:usually |always |normally |tend to )?(?:work out|sort"
        r" themselves out|pass|happen)|\bthis too shall pass|\btime heals|\beverything happens"
        r" for a reason|\blook on the bright side|\bcheer up\b|\bthink positive\w*|\bstay positive"
        # "a different one that's not so bad for the weight" describes a medicine, not a feeling.
        r"|(?<!one )(?<!ones )\b(?:it's|that's|it is|it was) not (?:that|so|as) bad(?! for\b)"
        r"|\bit could (?:be|have been)"
        r" (?:a lot |much |so much |far )?worse|\b(?:it's |that's )?(?:not (?:a|such a) |no )big"
        r" deal|\bplenty more fish|\byou've got so much to live for|\bit was (?:her|his) time"
        r"|\bdon't dwell|\bnothing to (?:worry|be (?:scared|afraid|frightened|ashamed)) (?:about"
        r"|of)"
        r"|\bno need to (?:worry|be upset|get upset|cry|be scared|be frightened|panic)"
        r"|\btry not to (?:worry|think about it|dwell|let it)|\bdon't be silly"
        r"|\byou(?:'ll| will) (?:get over it|forget|laugh about|be grand|adjust|soon feel|feel"
        r" better before)|\b(?:some|other|a lot of|lots of) people (?:have it|have got it|are)"
        r" (?:much |a lot |far |way )?worse|\bit doesn't mean anything|\bthink about the positives",
        0.85,
    ),
    _rule(
        "minimising",
        r"(?<!n't )(?<!not )\bdon't worry\b|\byou're fine\b|\bthey're only voices"
        r"|\b(?:it's|it was|that's|they're) (?:only|just) (?:a |an |for |mocks\b|voices\b|words\b"
        r"|the |one |some |stuff\b)"
        r"|\b(?:everyone|everybody|all (?:new )?(?:mums|mothers|parents|kids|teenagers))"
        r"[^.?!,]{0,20}\b(?:gets?|feels?|goes through|go through|has|have) (?:a bit|that|this"
        r"|like that|them)\b|\b(?:he's|she's|they're) probably just\b|\blots of (?:couples|men"
        r"|women|people) do that|\bnot as bad as|\bnot abuse as such|\bit's nothing serious",
        0.75,
    ),
    # --- dismissing ----------------------------------------------------------------------------
    _rule(
        "dismissing",
        r"\bnot my (?:problem|job|department|responsibility|concern)\b|\bnot (?:really )?something"
        r" i can (?:deal with|help with|do anything about)|\b(?:i|we) (?:don't|do not) (?:really )?"
        r"have (?:the )?time (?:for (?:this|that|all that)|to go into)|\byou're (?:probably |just "
        r"|being )*"
        r"(?:a bit |so |too )?(?:overreacting|exaggerating|dramatic|silly|paranoid|oversensitive"
        r"|hysterical|melodramatic|overthinking)\b|\b(?:it's|that's) (?:probably )?(?:all )?in your"
        r" head|\byou don't mean that|\byou're just (?:tired|stressed|hormonal|attention seeking)"
        r"|\blet's not (?:go down|get into|start)|\bmoving on\b|\bnext question|\blet it go\b"
        r"|\b(?:that's|it's) (?:just )?(?:how it is|life|the way it is)\b|\bit is what it is"
        r"|\bget over it|\bthere(?:'s| is) no point (?:going on|getting upset|worrying|crying)"
        r"|\bbeggars can't be choosers|\bheard it all before|\byou say that every"
        r"|\bwhat can i say|\bthat's not (?:really )?what (?:this line|this service|we're|i'm)"
        r"|\bi'm not (?:here|going) to (?:talk about|argue|discuss|listen)|\bunderstand perfectly"
        r"|\bi've been doing this (?:for )?(?:\d+|\w+) years|\bwhatever(?=\s*[,.!]|\s*$)"
        r"|\bnobody's (?:against"
        r"|judging) you|\bi've got \w+ (?:people|clients|calls|families) to see|\blet's be quick"
        r"|\beverybody goes through|\banyway,",
        0.8,
    ),
    # --- confronting ---------------------------------------------------------------------------
    _rule(
        "confronting",
        # "I don't think you're lying" is the opposite of the accusation.
        r"(?<!don't think )(?<!not saying )(?<!never said )(?<!not that )"
        r"\byou're (?:lying|in denial|an addict|an alcoholic|making excuses|not (?:even )?trying"
        r"|choosing (?:him|her|them|drugs|drink)|defending (?:him|her)|protecting (?:him|her)"
        r"|pretending|kidding yourself|not fine|clearly)\b|\bi don't believe you\b(?!'re| are"
        r"| were| deserve| should| have| need)|(?<!to )(?<!'ll )\bbe honest\b(?! with you)"
        r"|\b(?:that's|it's) (?:just )?(?:denial"
        r"|an excuse|another excuse|a lie)\b|\bstop (?:making excuses|pretending|lying)\b"
        r"|\badmit it\b|\bown up\b|\bdo you (?:really )?(?:expect|think) (?:me|i)(?: to)? believe"
        r"|\byou don't (?:actually |really )?want (?:to get better|help|to change)|\byou just want"
        r" attention|\bcan you hear yourself|\bthe problem is you|\bare you (?:really|though)\?"
        r"|\bclearly (?:you're|you are) not|\bit's not complicated"
        r"|(?<!i )(?<!we )\b(?:doesn't|don't|does not|do not|never) lie\b|\byou keep"
        r" saying that,? but|\bfrom where i'm sitting|\bdoesn't look like it|\bwhose fault is that",
        0.85,
    ),
    # --- warning / threatening ------------------------------------------------------------------
    _rule(
        "warning",
        r"\b(?:if|unless) you\b[^.?!]*?\b(?:lose|close|end (?:this|the)|evict\w*|court|police"
        r"|section|removed|bottom of|be sorry|regret|stop your|cancel|take (?:them|the kids)"
        r"|taken|kicked|banned|hang(?:ing)? up|security|sanction\w*|suspend\w*|discharge\w*"
        r"|prison|jail|arrest\w*|won't be coming|move you|report you|out of the programme)\b",
        0.9,
    ),
    _rule(
        "warning",
        r"\b(?:carry on|keep (?:that|this|it) up|keep (?:doing|smoking|drinking|using|refusing)"
        r"|miss (?:another|one more)|one more (?:word|time|missed)|do that again|try that again)"
        r"\b[^.?!]*?\band (?:you|we|i)\b|\bone more word\b",
        0.9,
    ),
    _rule(
        "warning",
        r"\byou(?:'re| are) going to (?:lose|get (?:evicted|kicked|sanctioned|arrested)|end up)"
        r"|\byou(?:'ll| will) (?:lose|end up|regret|be sorry|get (?:evicted|kicked out|sanctioned"
        r"|arrested))|\bi'm warning you|\blast warning|\b(?:i'd|better) be (?:very )?careful"
        r"|\b(?:i|we)(?:'ll| will|'m going to| am going to) have to (?:call|send) (?:the police"
        r"|security)",
        0.85,
    ),
    # --- moralising -----------------------------------------------------------------------------
    _rule(
        "moralising",
        r"\b(?:you should|you ought to) (?:be|feel) (?:so |really )?(?:ashamed|grateful|thankful)"
        r"|\bshame on you|\b(?:should|ought to) know better|\bknow better than that"
        r"|\bwhat (?:kind|sort) of (?:a )?(?:mother|father|parent|person|man|woman|mum|dad)"
        r"|\ba (?:good|decent|responsible|proper) (?:mother|father|parent|mum|dad|person)"
        r" (?:would|wouldn't|doesn't|does|puts|should)|\b(?:that's|it's|that is) (?:so |really"
        r" |very |just |a )?(?:selfish|irresponsible|disgusting|shameful)\b|\b(?:stealing|lying"
        r"|cheating) is (?:wrong|never okay|never ok)|\btwo wrongs don't make|\bmade your bed"
        r"|\bthink about your (?:kids|children|family) for once|\byou've got a (?:family|kids)"
        r" to think|\byou have a responsibility to|\bhow could you\b|\bmust be so disappointed"
        r"|\b(?:it's|that's) (?:just )?not right to|\bat your age\b"
        r"|\ba grown (?:woman|man)\b(?! who\b)"
        r"|\bturn your back on|\bis your responsibility",
        0.85,
    ),
    # --- advice without permission ----------------------------------------------------------
    _rule(
        "advice_without_permission",
        r"(?<!do )(?<!did )(?<!does )(?<!would )(?<!will )(?<!could )(?<!can )(?<!what )"
        r"\byou(?: (?:really |honestly |definitely |just |probably |seriously )?(?:should|need to"
        r"|have to|must|ought to|have got to|gotta|had better)|'ve got to|'d better|'ll need to"
        r"|'ll have to)\b(?!(?<=must) be\b)(?!(?<=should) be (?:proud|able|safe|treated|heard"
        r"|listened|respected|allowed|free)\b)(?! have\b)(?!'ve\b)(?! of\b)(?! be (?:proud|able"
        r"|safe|treated|heard"
        r"|listened|respected|allowed|free|exhausted|\w+ed\b))(?! feel\b)(?! know (?:that )?"
        r"(?:you're|you are|it's|this|we|i)\b)(?! never)(?! have been)(?! be so)",
        0.8,
        permission=True,
    ),
    _rule(
        "advice_without_permission",
        r"\bwhy (?:don't|do not) you (?:just )?(?!tell me|talk me|say more)\w+|\bwhy not just"
        r"|\bhave you (?:tried|thought about \w+ing|considered \w+ing)\b|\bif i (?:were"
        r"|was) (?:you|in your shoes)\b"
        r"|\bmy advice\b|\bwhat you need(?: to do)? is\b|\ball you (?:need to"
        r"|have to|gotta) do is|\bthe (?:best|only|easiest) thing (?:to do |you can do |for you"
        r" )?is\b|\bthat's what i'd do|\byou'd be better off|\bi think you should",
        0.8,
        permission=True,
    ),
    _rule(
        "advice_without_permission",
        r"\b(?:just )?(?:call|ring|phone|go (?!on\b|ahead\b)|get (?!me\b)|try \w+ing|block|delete"
        r"|tell (?!me\b)|ask (?!me\b)|make sure|write|cut|leave|find|join|apply|speak to|talk to"
        r"(?! me\b)|book|look for|look into|sign up|set up|sort out|contact|avoid|ignore|forget"
        r"|don't (?:quit|go|give|let|tell|drink|use|answer|call|ring|see|give up))\b",
        0.75,
        imperative=True,
        permission=True,
    ),
)

# Broader families, written from what harmful replies commonly sound like in speech (not from
# the dev set): each is a fixed phrase unlikely in an empathic reply.
EXTRA_RULES: tuple[Rule, ...] = (
    _rule(
        "blaming",
        r"\bnobody (?:forced|made) you|\bno one (?:forced|made) you|\b(?:that"
        r"|it) was your (?:own )?"
        r"(?:decision|choice)|\byou chose to\b|\byou made (?:that|this|your) (?:choice|decision"
        r"|bed)"
        r"|\b(?:a|that was a|what a) (?:stupid|silly|daft|bad|foolish|dumb) (?:decision|idea"
        r"|thing to do"
        r"|move|choice)|\byou put yourself in|\byou let (?:it|things|this) (?:get|slide|go)"
        r"|\bthis could have been avoided|\byou were warned|\bwe told you (?:this|that|it) would"
        r"|\bi told you (?:so|this|that|it)\b|\bwhat were you thinking|\byou left it (?:too"
        r"|so) late"
        r"|\byou waited (?:too|so) long|\byou(?:'re| are) the one who (?:chose|decided|let|started"
        r"|didn't|did|left|missed)|\byou keep making the same|\byou've done this to yourself",
        0.85,
    ),
    _rule(
        "commanding",
        r"\b(?:shouting|yelling|swearing|screaming|getting (?:angry|upset|worked up)|crying"
        r"|being rude|that attitude|kicking off)(?: at me)? (?:isn't|is not|won't|will not|doesn't"
        r"|does not) (?:going to )?(?:get you|help|change|solve|fix|make)|\bdon't be (?:such )?a"
        r" (?:baby|child|drama queen)|\bstop \w+ing\b|\bdon't (?:talk|speak) to me like"
        r"|\bi won't be spoken to|\b(?:lose|less of) the attitude|\bbe reasonable"
        r"|\bdon't interrupt|\b(?:until|once|when) you(?:'ve| have)? calm(?:ed)? down"
        r"|\bwhen you(?:'re| are) calmer|\byou don't get to (?:shout|speak|talk)|\bjust breathe\b",
        0.8,
    ),
    _rule(
        "minimising",
        r"\bnot the end of the world|\bworse things happen|\byou're lucky\b|\bcount your blessings"
        r"|\bjust a phase|\byou'll get used to it|\bhappens to (?:everyone|everybody"
        r"|the best of us)"
        r"|\bgive it time\b|\b(?:it's|it is) (?:only|just) temporary|\bchin up|\byou've got your"
        r" whole life|\bdon't take it (?:so hard|personally|to heart)|\bit's nothing\b"
        r"|\bin the same boat|\bnot worth getting upset|\balright in the end|\bdon't stress"
        r"|\bput it behind you|\bmountain out of a molehill|\b(?:it's|that's|it is) not (?:that|so)"
        r" (?:serious|big|terrible|awful|hard)|\bcan't be (?:that|so) bad|\b(?:look|focus) on the"
        r" (?:positives|bright side|good side)|\blook at the positives|\bworry about that later"
        r"|\btry to forget",
        0.8,
    ),
    _rule(
        "dismissing",
        r"\bi'm sorry you feel that way|\bnot rocket science|\bbeen through this (?:a hundred|a"
        r" million|so many|before)|\byou're not (?:special|the only one)|\beverybody's got problems"
        r"|\beveryone has problems|\blet's (?:just )?(?:focus on|stick to|get (?:back )?to|get on"
        r" with) the (?:paperwork|form|forms|task|questions|assessment|point)"
        r"|\bwhat do you want me to"
        r" do(?: about it)?\b|\bi don't know what you want me to|\bthere's nothing i can do|\babove"
        r" my pay grade|\bnot relevant\b|\bbeside the point|\bnot here to talk about|\bi'm not"
        r" interested|\bother people waiting|\bwasting my time|\bif you say so|\byeah, yeah\b"
        r"|\bnot my area\b|\btake that up with|(?<!a )\bmove on\b(?! when you're ready)",
        0.8,
    ),
    _rule(
        "confronting",
        r"\bthat's (?:rubbish|nonsense|not what happened)|\byou're being manipulative|\byou're not"
        r" making sense|\bdoesn't add up|\byou don't know what you're talking about|\bget real"
        r"|\bface (?:the )?facts|\bbe realistic|\bwho are you trying to kid|\bfooling yourself"
        r"|\b(?:your|the) (?:addiction|drink|drugs|illness) talking|\bthere's no excuse"
        r"|\buntil you (?:decide|admit|accept|take responsibility|want to)"
        r"|(?<!you )(?<!i )(?<!when )(?<!we )(?<!they )\bwake up\b",
        0.8,
    ),
    _rule(
        "warning",
        r"\byou(?:'re| are) going to (?:ruin|regret|die|kill|destroy|wreck|mess up|be out)"
        r"|\byou(?:'ll| will) (?:ruin|be dead|die|kill|destroy|wreck|be out)\b|\bthere will be"
        r" consequences|\b(?:your|this is your) (?:last|final) chance|\bfinal warning|\bno choice"
        r" but to|\bi'll be forced to|\bi'll have to report|\bwe can't help you if|\byou won't get"
        r" (?:anywhere|any help|your kids back|them back)|\bkeep (?:going|on) like this"
        r"|\bgo on like"
        r" this|\bi'd hate to see you lose",
        0.85,
    ),
    _rule(
        "moralising",
        r"\bno way to behave|\bnot how you treat|\ba grown adult|\bsetting an example|\bwhat would"
        r" your (?:kids|children|mum|mother|family) think|\bthink of the (?:children|kids)"
        r"|\bpeople like you|\bdisgraceful|\bappalling|\bi'm disappointed in you|\byou know"
        r" (?:that's|it's) wrong|\bwrong of you|\blet (?:everyone|your family|your kids|us) down",
        0.85,
    ),
    _rule(
        "advice_without_permission",
        r"\bi(?:'d)? (?:would )?(?:suggest|recommend)\b|\bmy suggestion|\bit's (?:best|better) to"
        r"|\bit would be best if you|\bthe (?:trick|answer|solution|key) is\b|\bhow about you"
        r"|\bwhat about (?:trying|calling|going|getting)|\byou could always\b",
        0.75,
        permission=True,
    ),
    _rule(
        "commanding",
        r"\b(?:rules|policies) are (?:there|in place) for a reason|\bthe sooner you\b|\bpull your"
        r" socks up|\bi'm not going to (?:sit here and )?(?:be|get) (?:shouted|spoken|talked|sworn)"
        r"|\byou're (?:acting|being|behaving) like a (?:child|baby|kid|toddler)",
        0.8,
    ),
    _rule(
        "minimising",
        r"\bworse off than you|\bbe more positive|\bit's all about attitude|\byou'll thank me",
        0.8,
    ),
    _rule(
        "dismissing",
        r"\bexpect me to do|\bmagic wand|\bnothing personal|\bthe way (?:it|the system|things)"
        r" works|\boverdoing it|\bover the top\b",
        0.8,
    ),
    _rule(
        "confronting",
        r"\byou're wrong\b|\bsurely you (?:can|must|know)|\breality check|\byou know what you did",
        0.8,
    ),
    _rule("warning", r"\bdon't come (?:crying|running) to me", 0.85),
    # Heard in spoken sessions (benchmarks/rewrites), each a stance rather than a topic: the
    # consequence held over the client, the duty laid on them, the feeling ruled out.
    _rule(
        "warning",
        r"\b(?:(?:carry on|keep (?:going|on|drinking|using|doing (?:that|this|it)))(?: like"
        r" (?:that|this)| that way)|if you don't|unless you)\b[^.?!]*?\byou(?:'re| are| will"
        r"|'ll) (?:be )?(?:looking at|facing|heading for|going to get)\b",
        0.85,
    ),
    _rule(
        "moralising",
        r"\byou've got (?:a |an )?(?:baby|little one|child|children|son|daughter|family|kids)"
        r" to (?:think (?:about|of)|look after)|\b(?:that's|it's|that is|it is) not fair on"
        r" (?:your|the) (?:kids|children|family|baby|mum|mother|dad|partner|wife|husband)"
        r"|\byou(?:'re| are) throwing (?:your|it|everything|this) (?:\w+ )?away"
        r"|\b(?:people|kids|young people) (?:who )?would (?:love|kill for|give anything for)"
        r" (?:the|your|what you)|\b(?:who|that) needs (?:her|his|their|a) (?:mummy|mum|mother"
        r"|daddy|dad|father)\b",
        0.85,
    ),
    _rule(
        "dismissing",
        r"\byou (?:can't|mustn't|shouldn't) (?:be )?(?:thinking|think|feeling|feel|talking|talk)"
        r" like that|\bto be fair to (?:your|him|her|them)\b"
        r"|\bwe need the (?:bed|room|space|slot)\b|\b(?:wouldn't|don't|do not) get your hopes up\b",
        0.8,
    ),
    _rule(
        "minimising",
        r"\b(?:it's|it is) (?:probably |maybe |about )?time (?:to|you) (?:start(?:ed)? )?"
        r"(?:get(?:ting)? back|move on|moving on|got back|put (?:it|this) behind)"
        r"|\b(?:he|she)(?:'d| would) (?:want that for you|want you to (?:be happy|move on"
        r"|get on|carry on))|\bgo(?:es)? through a (?:\w+ )?phase\b|\bi'm sure (?:he|she|they)"
        r" (?:meant|didn't mean|was only|were only)\b"
        r"|(?<!one )(?<!which )\b(?:isn't|is not|wasn't|aren't) (?:that|so|too) bad\b(?! for\b)",
        0.8,
    ),
    _rule(
        "commanding",
        r"\bpromise me\b|\byou can't be (?:keeping|hiding|doing|saying|going|acting)\b"
        r"|\byou(?:'re| are) not to\b|\bwe(?:'ve)? (?:really )?(?:need|have|got) to get you\b",
        0.8,
    ),
    _rule("blaming", r"\b(?:it|that|this) was (?:really |all )?on you\b", 0.85),
    _rule(
        "advice_without_permission",
        r"\bi(?:'d| would) (?:put|get|go|call|ring|sign|apply|move|book|contact|leave|start|tell"
        r" (?!you\b))\b",
        0.75,
        permission=True,
    ),
    _rule(
        "blaming",
        r"\byou(?:'d| would) have (?:avoided|been fine|known|saved|managed)",
        0.8,
    ),
)

# "Okay, okay, relax", "Sir, I need you to stop yelling", "Please don't shout at me": what may
# stand between the start of a clause and an order.
IMPERATIVE_LEAD = re.compile(
    r"^\s*(?:(?:okay|ok|alright|all right|right|look|listen|well|so|now|please|just|sir|madam"
    r"|mate|love|then|first|and|but|honestly|seriously|come on|hey|oh|yes|no|fine|okay then)"
    r"[,!.]?\s+)*(?:(?:i need you to|i want you to|i'd like you to|you need to|you have to"
    r"|you've got to|you must|try to|try and|you'll need to|you'll(?: just)? have to"
    r"|you(?:'re| are)(?: just)? going to have to|i'm going to need you to|can you|could you"
    r"|will you|would you|you just need to|you really need to)\s+)?(?:please\s+)?"
    r"(?:just\s+)?$",
    re.IGNORECASE,
)

# A reflection or reported speech governs the clause: what follows is the client's view.
REFLECTION_FRAME = re.compile(
    r"\b(?:sounds? like|sounding like|it seems|seems like|(?:feels?|felt|looks?) like you"
    r"|you feel|you're feeling|you felt|you think|you thought|you believe|you wonder"
    r"|you're wondering|you wish|you're (?:telling|asking|blaming|kicking|beating) yourself"
    r"|you keep (?:telling|asking) yourself|part of you|you're saying|you said|you've been told"
    r"|told you|tell(?:s|ing)? you|people say|they say|keep(?:s)? saying|you're worried"
    r"|you worry|worried that|afraid that|scared that|you hear|i wonder if you|you're not sure"
    r"|what (?:do|would) you|do you (?:ever |sometimes )?(?:feel|think)|as if|you've been"
    r" thinking|you're thinking|you mean|hard on yourself|you're afraid|you're scared)\b",
    re.IGNORECASE,
)

# The turn asks before advising, or hands the decision back (MI: advice with permission,
# emphasising autonomy): its advice-shaped sentences are not "advice without permission".
PERMISSION = re.compile(
    r"\b(?:would it be (?:ok|okay|alright|all right) (?:if|to)|(?:can|could|may) i (?:share"
    r"|suggest|offer|tell you|give you|mention)|would you like (?:me to|some|to hear|a few)"
    r"|do you want (?:me to|some|to hear)|if you(?:'re| are) interested|if you want|if you'd like"
    r"|if that helps|would it help (?:if|to)|is that something you|it's (?:up to you|your (?:call"
    r"|choice|decision))|you(?:'re| are) the best judge|only if you want|some people find"
    r"|what do you think|up to you)\b",
    re.IGNORECASE,
)

# Clause boundaries. Strong ones end the reach of a reflection frame; every one starts a place
# where an order can stand.
STRONG_BOUNDARY = re.compile(r"[;:]|\s[-–—]\s|\b(?:but|though|however|although|yet)\b", re.I)
CLAUSE_BOUNDARY = re.compile(r"[,;:]|\s[-–—]\s|\b(?:but|though|however|although|yet)\b", re.I)
SENTENCE = re.compile(r"[^.!?…\n]+(?:[.!?…]+|$)")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")

PRIORITY = (
    "warning",
    "blaming",
    "moralising",
    "confronting",
    "commanding",
    "dismissing",
    "minimising",
    "advice_without_permission",
)
"""When spans of two kinds overlap the earlier kind here is kept: the more specific reading
("you need to calm down" is commanding, not advice)."""
