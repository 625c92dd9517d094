"""Sign-in and sign-out land in the audit trail; receivers only record, never decide."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from empathic.accounts.access import organisation_of
from empathic.accounts.two_factor import mark_authenticated
from empathic.audit.recording import record
from empathic.core.client_ip import client_ip


def _client_ip(request: Any) -> str | None:
    # The same address lock-out uses: behind a proxy, the client's, not the proxy's.
    return client_ip(request) if request is not None else None


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        # The password was just entered: security changes need no second prompt for a while.
        mark_authenticated(request)
    record(
        event_type="auth.signed_in",
        acting_user=user,
        organisation=organisation_of(user),
        subject=user,
        ip_address=_client_ip(request),
    )


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    record(
        event_type="auth.signed_out",
        acting_user=user,
        organisation=organisation_of(user),
        subject=user,
        ip_address=_client_ip(request),
    )
