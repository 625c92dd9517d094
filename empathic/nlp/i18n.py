"""Marking texts for translation in the layers without Django.

The scoring engine, the analysis and core's Django-free modules write the texts people read
(concern and rupture names, feedback) as ``gettext_noop("...")``: Django's makemessages collects
every call by that name, and the text is translated where it is shown (``empathic.core.i18n``
on the pages, Python's gettext in the CLI). The one definition, in the lowest layer, so every
layer above can import it.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Marks a text for translation without translating it (it is translated when shown)."""
    return message
