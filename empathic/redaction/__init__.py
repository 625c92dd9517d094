"""Client identifiers redacted before anything is stored: pure Python, offline, no Django.

>>> redact("Call Tyler on 07700 900123", names=["Tyler Brooks"]).text
'Call [NAME] on [PHONE]'
"""

from .redactor import find_identifiers, redact, redact_turns
from .types import KINDS, Redaction, RedactionResult

__all__ = ["KINDS", "Redaction", "RedactionResult", "find_identifiers", "redact", "redact_turns"]
