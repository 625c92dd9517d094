"""Translation for the Django-free shared modules (vocabulary, highlight, charts).

Those modules must run where Django is absent (`empathic analyze`, the standalone HTML report),
so they cannot call Django's gettext. They mark their texts with ``gettext_noop`` (Django's
makemessages collects the calls by that name) and translate them at display time with
``gettext`` below: Python's own gettext by default (the texts as written when no catalogue is
installed), Django's once the web application is set up (``CoreConfig.ready`` calls
``use_translator``), so a page shows them in the request's language.
"""

from __future__ import annotations

import gettext as _stdlib
from typing import TYPE_CHECKING

from empathic.nlp.i18n import gettext_noop as gettext_noop  # the one definition, re-exported

if TYPE_CHECKING:
    from collections.abc import Callable

_translate: Callable[[str], str] = _stdlib.gettext


def gettext(message: str) -> str:
    """The message in the reader's language (as written when no catalogue has it)."""
    return str(_translate(message))


def use_translator(translate: Callable[[str], str]) -> None:
    """Translate with `translate` from now on (Django's gettext, in the web application)."""
    global _translate
    _translate = translate
