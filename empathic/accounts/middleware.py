"""Two-factor enforcement.

A user with a confirmed TOTP device must enter a code after the password before any page; an
organisation admin whose organisation requires two-factor sign-in must set a device up first.
"""

from __future__ import annotations

from collections.abc import Callable

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
            if user_has_device(user) and not user.is_verified():  # type: ignore[union-attr]
                return redirect(reverse("accounts:two_factor_verify") + f"?next={request.path}")
            if self._must_enrol(user):
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        allowed = {reverse(name) for name in _ALWAYS_ALLOWED}
        return request.path in allowed or request.path.startswith("/static/")

    @staticmethod
    def _must_enrol(user) -> bool:  # type: ignore[no-untyped-def]
        membership = getattr(user, "membership", None)
        return bool(
            membership
            and membership.is_admin
            and membership.organisation.require_admin_2fa
            and not user_has_device(user)
        )
