"""The words every report, page and export uses for ruptures and repair, in one place.

English source strings; the reports pass them through gettext (Django's on the pages), so the
text here is also what translators see.
"""

from __future__ import annotations

from dataclasses import dataclass

from empathic.nlp.i18n import gettext_noop


@dataclass(frozen=True)
class RuptureKind:
    label: str  # the highlight tag, upper case like the mechanisms' (ER, IP, EX, CONCERN)
    name: str  # in a sentence
    description: str


RUPTURE_KINDS: dict[str, RuptureKind] = {
    "confrontation": RuptureKind(
        gettext_noop("AGAINST"),
        gettext_noop("confrontation"),
        gettext_noop("the client turned against the practitioner or the service"),
    ),
    "withdrawal": RuptureKind(
        gettext_noop("WITHDRAWN"),
        gettext_noop("withdrawal"),
        gettext_noop("the client pulled out of the conversation"),
    ),
}

REPAIR_MOVES: dict[str, str] = {
    "apology": gettext_noop("apology"),
    "acknowledgement": gettext_noop("acknowledged their part"),
    "reflection": gettext_noop("reflected the client's reaction"),
    "autonomy": gettext_noop("handed the choice back"),
}

REPAIR_STATUS: dict[bool | None, str] = {
    True: gettext_noop("repaired"),
    False: gettext_noop("not repaired"),
    None: gettext_noop("repair unknown (the transcript ends)"),
}
