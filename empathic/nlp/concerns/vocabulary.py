"""The one vocabulary of concerns: MI-inconsistent or harmful practitioner behaviours.

Every report, page, export and API names a concern by its identifier here and shows the texts
below (marked with ``gettext_noop``: this module has no Django; Django's makemessages collects
the calls and the page translates the text when it shows it).

The kinds follow the MI-inconsistent codes of MITI 4.2.1 (Confront, Persuade without permission)
and MISC (Advise without permission, Direct, Warn, Raise concern without permission), split
where a supervisor's feedback differs, plus the "roadblocks" of Gordon's and Miller & Rollnick's
lists (moralising, minimising/false reassurance, blaming, dismissing).
"""

from __future__ import annotations

from dataclasses import dataclass

from empathic.nlp.i18n import gettext_noop


@dataclass(frozen=True)
class ConcernKind:
    name: str  # the identifier stored and exported
    label: str  # short name shown beside the phrase
    what: str  # what the reply did, one sentence for the practitioner
    why: str  # why it harms, one sentence
    instead: str  # what to do instead, one sentence


CONCERN_KINDS: dict[str, ConcernKind] = {
    kind.name: kind
    for kind in (
        ConcernKind(
            "blaming",
            gettext_noop("blaming"),
            gettext_noop("The reply blames the client for their situation."),
            gettext_noop(
                "Blame makes people defend themselves instead of talking; an upset client "
                "hears that they are being judged and pulls back or escalates."
            ),
            gettext_noop(
                "Leave what they should have done; reflect what happened and how it feels now."
            ),
        ),
        ConcernKind(
            "commanding",
            gettext_noop("commanding"),
            gettext_noop(
                "The reply orders or directs the client (for example to calm down or to "
                "follow a process)."
            ),
            gettext_noop(
                "Telling an angry person to calm down or comply is heard as not being taken "
                "seriously, and it usually raises the temperature."
            ),
            gettext_noop(
                "Name the feeling and its reason first; ask what would help, then explain any "
                "process."
            ),
        ),
        ConcernKind(
            "minimising",
            gettext_noop("minimising or false reassurance"),
            gettext_noop("The reply plays the problem down or promises that it will be fine."),
            gettext_noop(
                "Reassurance the client cannot believe tells them their feelings are out of "
                "proportion, so they stop sharing them."
            ),
            gettext_noop("Stay with how big it feels to them before any reassurance."),
        ),
        ConcernKind(
            "dismissing",
            gettext_noop("dismissing"),
            gettext_noop(
                "The reply brushes the client's concern aside or tells them their reaction is "
                "wrong."
            ),
            gettext_noop(
                "Being dismissed confirms the client's fear that nobody listens; trust drops "
                "and anger rises."
            ),
            gettext_noop("Acknowledge the concern as real to them, even when you cannot fix it."),
        ),
        ConcernKind(
            "confronting",
            gettext_noop("confronting"),
            gettext_noop(
                'The reply argues with, labels or disbelieves the client ("you\'re in denial").'
            ),
            gettext_noop(
                "Confrontation predicts less change in MI research: people defend the position "
                "they are pushed against."
            ),
            gettext_noop(
                "Reflect their side, including the doubt, and let them voice the other side."
            ),
        ),
        ConcernKind(
            "warning",
            gettext_noop("warning or threatening"),
            gettext_noop("The reply warns of consequences or threatens the client."),
            gettext_noop(
                "A threat pushes an upset person into fight or flight; they hear power, not help."
            ),
            gettext_noop(
                "If a consequence must be said, ask permission, give it as information, and "
                "leave the choice with them."
            ),
        ),
        ConcernKind(
            "moralising",
            gettext_noop("moralising"),
            gettext_noop(
                "The reply lectures the client about what is right or what they ought to feel."
            ),
            gettext_noop(
                "Moralising adds shame to a person who often already feels it, and shame shuts "
                "conversations down."
            ),
            gettext_noop("Reflect the values the client holds themselves instead of yours."),
        ),
        ConcernKind(
            "advice_without_permission",
            gettext_noop("advice without permission"),
            gettext_noop("The reply tells the client what to do without asking first."),
            gettext_noop(
                "Unasked-for advice, especially before the client feels heard, is often "
                'resisted ("yes, but...") and tells them you did not listen.'
            ),
            gettext_noop(
                'Reflect first; then ask, for example "Would it be OK if I shared what some '
                'people find helpful?"'
            ),
        ),
    )
}
"""Kind identifier -> its texts; the order is the order reports list them in."""

KINDS: tuple[str, ...] = tuple(CONCERN_KINDS)


def concern_kind(name: str) -> ConcernKind:
    try:
        return CONCERN_KINDS[name]
    except KeyError:
        known = ", ".join(KINDS)
        raise ValueError(f"unknown concern kind {name!r}; expected one of {known}") from None
