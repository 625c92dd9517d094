"""Pages for signed-in people show personal or client data: no browser or proxy may keep them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.cache import add_never_cache_headers

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse


class PrivatePagesMiddleware:
    """`Cache-Control: no-store, private` (Django's never_cache headers) on every response to a
    signed-in request that sets no Cache-Control of its own: pages, CSV and JSON exports alike,
    so a view cannot forget it. Static files never get here (WhiteNoise answers them first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
