"""The client's address, for sign-in lock-out (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind N reverse proxies that each append the address they received from to X-Forwarded-For,
the client is the N-th entry from the right: entries further left are whatever the client sent
and may be forged. With no proxies (the default) the header is ignored and REMOTE_ADDR is used.
A request that arrives with fewer entries than proxies did not come through them all; it gets
REMOTE_ADDR, never an address it chose.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a proxy that writes "unknown" or a port: not an address to lock out
        return remote
