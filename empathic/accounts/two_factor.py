"""Two-factor rules in one place: who may enrol, recent authentication, recovery codes.

The rules the views and the middleware share:

* A user with a confirmed device must verify it in this session before any page, enrolment
  included: a password alone never reaches the setup page of an account that has a device.
* Enrolling, replacing a device, turning two-factor off and new recovery codes are security
  changes: they need a *recent* authentication (the sign-in itself, or a password re-entered on
  the re-authentication page, within ``EMPATHIC_REAUTH_MINUTES``).
* The secret of a device being set up lives in the session until its first code is confirmed,
  so showing the QR code (a GET) writes nothing.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from base64 import b32encode
from binascii import unhexlify
from typing import TYPE_CHECKING

from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from django.http import HttpRequest

AUTHENTICATED_AT = "empathic_authenticated_at"
PENDING_TOTP_KEY = "empathic_pending_totp_key"
FRESH_RECOVERY_CODES = "empathic_fresh_recovery_codes"
RECOVERY_CODE_COUNT = 10
# Same defaults as django-otp's TOTPDevice: 30 s steps, 6 digits, one step either side.
_STEP, _DIGITS, _TOLERANCE = 30, 6, 1


# --- Recent authentication ----------------------------------------------------------------------
def mark_authenticated(request: HttpRequest) -> None:
    request.session[AUTHENTICATED_AT] = int(time.time())


def recently_authenticated(request: HttpRequest) -> bool:
    at = request.session.get(AUTHENTICATED_AT)
    if not isinstance(at, int):
        return False
    return time.time() - at <= settings.REAUTH_MINUTES * 60


# --- A device being set up ----------------------------------------------------------------------
def pending_key(request: HttpRequest) -> str:
    """The hex secret shown on the setup page, kept in the session until confirmed."""
    key = request.session.get(PENDING_TOTP_KEY)
    if not isinstance(key, str) or len(key) != 40:
        key = secrets.token_hex(20)
        request.session[PENDING_TOTP_KEY] = key
    return key


def forget_pending_key(request: HttpRequest) -> None:
    request.session.pop(PENDING_TOTP_KEY, None)


def unsaved_device(user: object, key: str) -> TOTPDevice:
    """A device object for rendering the QR code; never saved."""
    return TOTPDevice(user=user, key=key, name="authenticator", confirmed=False)


def pending_code_matches(key: str, token: str) -> bool:
    try:
        value = int(token)
    except ValueError:
        return False
    totp = TOTP(unhexlify(key), _STEP, 0, _DIGITS, 0)
    return totp.verify(value, _TOLERANCE)


def base32_secret(key: str) -> str:
    # Authenticator apps take the key in base32 when typed by hand.
    return b32encode(unhexlify(key)).decode()


# --- Recovery codes -----------------------------------------------------------------------------
def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def recovery_code_digest(code: str) -> str:
    return hashlib.sha256(normalise_recovery_code(code).encode()).hexdigest()


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Codes of 16 base32 characters (80 bits), shown in groups of four."""
    codes = []
    for _i in range(count):
        raw = b32encode(secrets.token_bytes(10)).decode().lower()
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    return codes
