"""Two-factor enforcement.

A user with a confirmed TOTP device must enter a code after the password before any page; an
organisation admin whose organisation requires two-factor sign-in must set a device up first.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

_ALWAYS_ALLOWED = ("accounts:logout", "accounts:two_factor_verify", "accounts:two_factor_setup")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not self._exempt(request):
            # One device query per request serves both checks below.
            has_device = user_has_device(user)
            if has_device and not user.is_verified():  # type: ignore[union-attr]
                return redirect(reverse("accounts:two_factor_verify") + f"?next={request.path}")
            if not has_device and self._must_enrol(user):
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        return request.path in _exempt_paths() or request.path.startswith("/static/")

    @staticmethod
    def _must_enrol(user) -> bool:  # type: ignore[no-untyped-def]
        """An admin without a device whose organisation requires two-factor sign-in."""
        membership = getattr(user, "membership", None)
        return bool(
            membership and membership.is_admin and membership.organisation.require_admin_2fa
        )


@cache
def _exempt_paths() -> frozenset[str]:
    # The URL conf is fixed for the process's life; resolve the names once.
    return frozenset(reverse(name) for name in _ALWAYS_ALLOWED)
