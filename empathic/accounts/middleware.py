"""Two-factor enforcement.

A user with a confirmed device must enter a code after the password before any page: only
signing out and the code page itself are reachable until then (the setup page is not, so a
password alone can never enrol a new device over the owner's). An organisation admin whose
organisation requires two-factor sign-in and has no device yet may reach only what a first
enrolment needs.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from empathic.accounts.access import admin_must_use_two_factor

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse

_UNVERIFIED_ALLOWED = ("accounts:logout", "accounts:two_factor_verify")
_ENROLMENT_ALLOWED = (
    "accounts:logout",
    "accounts:two_factor_setup",
    "accounts:reauthenticate",
    "accounts:recovery_codes",
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.path.startswith("/static/"):
            # One device query per request serves both checks below.
            has_device = user_has_device(user)
            if has_device and not user.is_verified():  # type: ignore[union-attr]
                if request.path not in _paths(_UNVERIFIED_ALLOWED):
                    return redirect(reverse("accounts:two_factor_verify") + f"?next={request.path}")
            elif not has_device and admin_must_use_two_factor(user):
                if request.path not in _paths(_ENROLMENT_ALLOWED):
                    return redirect("accounts:two_factor_setup")
        return self.get_response(request)


@cache
def _paths(names: tuple[str, ...]) -> frozenset[str]:
    # The URL conf is fixed for the process's life; resolve the names once.
    return frozenset(reverse(name) for name in names)
