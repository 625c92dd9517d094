"""One line in the server log for a refused request (403, 404), never a traceback.

Django logs a ``PermissionDenied`` on ``django.request`` with the exception's traceback
(``log_response(..., exception=exc)``), and a 404 or a CSRF refusal as a bare "Not Found: /path"
with no one and no reason. A refusal is the access rules working, not a fault: this filter, on
those loggers (settings.LOGGING), rewrites such a record to::

    Forbidden (403): GET /organisation/audit/ user=7 reason=PermissionDenied at
    empathic.accounts.access.require_admin:27

and drops its traceback. Records of any other status (a 500 above all) pass untouched.

The reason names the exception's class and the project function that raised it, never the
exception's message: a message could one day quote something a person typed, and the log
must hold no client text or personal data (the user is an id, never an email).

Importable before the apps are loaded (``logging.config`` builds it while Django sets up).
"""

from __future__ import annotations

import logging
import traceback
from http import HTTPStatus
from typing import Any

from django.urls import Resolver404

REFUSED_STATUSES = frozenset({HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND})
# Set on the request by the error views (core/views_errors.py), which see the exception even
# where Django's log record does not (a 404 is logged without it).
REASON_ATTRIBUTE = "refusal_reason"
PACKAGE = "empathic"


def note_refusal(request: Any, reason: str) -> None:
    setattr(request, REASON_ATTRIBUTE, reason)


def describe_refusal(exception: BaseException | None) -> str:
    """The exception's class and where in the project it was raised, e.g.
    ``PermissionDenied at empathic.accounts.access.require_admin:27``."""
    if exception is None:
        return "response"
    name = type(exception).__name__
    if isinstance(exception, Resolver404):
        return f"{name} (no URL pattern matches)"
    origin = _origin(exception.__traceback__)
    return f"{name} at {origin}" if origin else name


def _origin(tb: Any) -> str | None:
    """The innermost frame in the project's own code (else the innermost frame)."""
    frames = [
        (frame.f_globals.get("__name__", "?"), frame.f_code.co_qualname, lineno)
        for frame, lineno in traceback.walk_tb(tb)
    ]
    if not frames:
        return None
    own = [f for f in frames if f[0] == PACKAGE or f[0].startswith(PACKAGE + ".")]
    module, function, lineno = (own or frames)[-1]
    return f"{module}.{function}:{lineno}"


def _escape(value: str) -> str:
    # As Django's log_response does: a decoded path may hold a newline (%0A); one line it stays.
    return value.encode("unicode_escape").decode("ascii")


def _user_id(request: Any) -> str:
    user = getattr(request, "user", None)  # absent when refused before AuthenticationMiddleware
    try:
        if user is not None and user.is_authenticated:
            return str(user.pk)
    except Exception:  # the lazy user needs the session store; the log line must not fail
        return "unknown"
    return "anonymous"


class RefusedAccessFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        request = getattr(record, "request", None)
        if status not in REFUSED_STATUSES or request is None:
            return True
        reason = getattr(request, REASON_ATTRIBUTE, None)
        if reason is None and record.exc_info:
            reason = describe_refusal(record.exc_info[1])
        record.msg = "%s (%s): %s %s user=%s reason=%s"
        record.args = (
            HTTPStatus(status).phrase,
            status,
            _escape(str(getattr(request, "method", None) or "-")),
            _escape(str(getattr(request, "path", "") or "-")),
            _user_id(request),
            reason or "response",
        )
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
