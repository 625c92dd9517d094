"""How django-axes names the account behind a sign-in attempt."""

from __future__ import annotations

from typing import Any


def attempted_username(request: Any, credentials: dict[str, Any] | None) -> str:
    """The lower-cased email, so "Pat@X.org" and "pat@x.org" share one failure counter."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get("username")
    return str(value or "").strip().lower()
